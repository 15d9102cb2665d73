"""How the stages after extraction grow with the corpus: resolve -> relate -> graph -> export at K x BBC.

    .venv/bin/python bench/bench_scale.py --factor K [--corpus /work/shared/corpus/bbc] [--cache DIR] [--keep DIR]

The real extractions of the corpus (built once into `--cache` if they are not there: spaCy runs only then)
are replicated K times. Replica 0 is the corpus itself; in replica r > 0 every document gets its own id and
the letters of every mention, in the text and in the mention alike, an alphabet of their own ("Tony Blair"
-> "Upoz Cmbjs"), so the entities of each replica stay apart and the graph grows as a K times larger corpus
of the same kind would, instead of collapsing onto the same entities; a mention stays the slice of its
document's text that it is in a real corpus. Every string is copied so that memory is what a real corpus
would take, and the extractions are compacted as the build compacts them (graphkit.extract.columns).

Timed: the stages after extraction, from the replicated extractions to every output file written into a
temporary folder (or into `--keep DIR`, left there for the query commands to be timed on). Peak: the peak
resident memory of the whole process (getrusage), extractions included; a line on stderr gives the peak
so far after the inputs and after each stage.
The last line is `factor K: D documents, E entities, R relations, T s, peak M MB`.
"""

from __future__ import annotations

import argparse
import gc
import resource
import string
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from graphkit.export.outputs import write_build_files
from graphkit.extract.columns import compact
from graphkit.extract.extraction import extract_all
from graphkit.graph.build import build_graph
from graphkit.model import DocExtraction, Document, Mention, Sentence
from graphkit.read import read_sources
from graphkit.relate.relations import relate
from graphkit.resolve.entities import resolve

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"


def fresh(text: str) -> str:
    """A copy of `text` that is a new object (str slicing and joining hand back the same one)."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass")


def alphabet(replica: int) -> dict[int, int]:
    """Replica r's letters: each case rotated by r (1-25), or reflected (26-51); the same for both cases, so
    names keep their capitals and length. 51 replicas before two share an alphabet."""
    if not 0 < replica < 52:
        raise ValueError("--factor is at most 52")
    lower, upper = string.ascii_lowercase, string.ascii_uppercase
    order = [(i + replica) % 26 if replica < 26 else (replica - 26 - i) % 26 for i in range(26)]
    return str.maketrans(lower + upper, "".join(lower[i] for i in order) + "".join(upper[i] for i in order))


def renamed(text: str, spans: list[tuple[int, int]], letters: dict[int, int]) -> str:
    """`text` with the letters of `spans` (overlapping or not) in the replica's alphabet, once each."""
    pieces, done = [], 0
    for start, end in sorted(spans):
        start = max(start, done)
        if end > start:
            pieces += (text[done:start], text[start:end].translate(letters))
            done = end
    return fresh("".join([*pieces, text[done:]]))


def replicate(
    documents: list[Document], extractions: list[DocExtraction], factor: int
) -> tuple[list[Document], list[DocExtraction]]:
    """The corpus `factor` times over, each replica with its own document ids and entity names."""
    compact(documents, extractions)
    all_documents, all_extractions = list(documents), list(extractions)
    texts = {d.id: d.text for d in documents}
    for replica in range(1, factor):
        letters = alphabet(replica)
        ids = {d.id: f"{d.id}~{replica:02d}" for d in documents}
        new_texts: dict[str, str] = {}
        batch: list[DocExtraction] = []
        for extraction in extractions:
            text = texts.get(extraction.document, "")
            spans = [(m.start, m.end) for m in extraction.mentions if text[m.start : m.end] == m.text]
            new = new_texts[extraction.document] = renamed(text, spans, letters)
            batch.append(
                DocExtraction(
                    document=ids.get(extraction.document, extraction.document),
                    sentences=[Sentence(s.start, s.end, new[s.start : s.end]) for s in extraction.sentences],
                    mentions=[
                        Mention(
                            m.start,
                            m.end,
                            new[m.start : m.end] if (m.start, m.end) in spans else fresh(m.text.translate(letters)),
                            m.type,
                            m.sentence,
                            fresh(m.canonical.translate(letters)),
                            m.source,
                        )
                        for m in extraction.mentions
                    ],
                    relations=[replace(r) for r in extraction.relations],
                    dates=[
                        replace(d, text=new[d.start : d.end] if text[d.start : d.end] == d.text else fresh(d.text))
                        for d in extraction.dates
                    ],
                )
            )
        copies = []
        for document in documents:
            duplicate = ids.get(document.duplicate_of, "") if document.duplicate_of else ""
            text = new_texts.get(document.id) or fresh(document.text)
            copies.append(replace(document, id=ids[document.id], text=text, duplicate_of=duplicate))
        compact(copies, batch)  # one replica at a time, as a build compacts what extraction gives
        all_documents += copies
        all_extractions += batch
    return all_documents, all_extractions


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factor", type=int, default=1, help="how many times the corpus is replicated")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "graphkit-bench-scale-cache")
    parser.add_argument("--workers", type=int, default=None, help="spaCy processes when the cache is cold")
    parser.add_argument("--keep", type=Path, default=None, help="write the outputs into this folder and keep them")
    args = parser.parse_args(argv)
    if args.factor < 1:
        parser.error("--factor must be at least 1")
    if args.keep is not None and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep {args.keep}: the folder is not empty")

    documents = read_sources([str(args.corpus)], warn=lambda line: None, cache_dir=args.cache)
    extractions, cached = extract_all(documents, workers=args.workers, cache_dir=args.cache)
    print(f"corpus: {len(documents):,} documents, {cached:,} extractions from the cache", file=sys.stderr)
    documents, extractions = replicate(documents, extractions, args.factor)
    gc.collect()
    gc.freeze()  # as the build does: the inputs live to the end

    peaks = {"inputs": peak_mb()}  # the peak so far after each stage: where the memory goes
    started = time.perf_counter()
    resolution = resolve(documents, extractions)
    peaks["resolve"] = peak_mb()
    relations = relate(extractions, resolution)
    peaks["relate"] = peak_mb()
    graph = build_graph(documents, resolution, relations, name=f"{args.corpus.name} x{args.factor}")
    peaks["graph"] = peak_mb()
    laps = {"resolve+relate+graph": time.perf_counter() - started}
    with tempfile.TemporaryDirectory(prefix="graphkit-scale-") as scratch:
        out = args.keep or scratch
        write_build_files(graph, documents, extractions, resolution, relations, out)
        elapsed = time.perf_counter() - started
        laps["export"] = elapsed - laps["resolve+relate+graph"]
        sizes = sum(p.stat().st_size for p in Path(out).iterdir() if p.is_file())
    peaks["export"] = peak_mb()
    print(", ".join(f"{k} {v:.1f} s" for k, v in laps.items()) + f"; outputs {sizes / 1e6:,.0f} MB", file=sys.stderr)
    print("peak after " + ", ".join(f"{k} {v:,.0f} MB" for k, v in peaks.items()), file=sys.stderr)
    print(
        f"factor {args.factor}: {len(documents):,} documents, {graph.number_of_nodes():,} entities, "
        f"{graph.number_of_edges():,} relations, {elapsed:.1f} s, peak {peak_mb():,.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
