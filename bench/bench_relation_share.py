"""The share of a corpus's edges that carry a typed relation, re-measured in a minute after a change to the patterns.

    .venv/bin/python bench/bench_relation_share.py parse [--corpus ../shared/corpus/bbc] [--out /tmp/bbc.spacy]
    .venv/bin/python bench/bench_relation_share.py share [--docs /tmp/bbc.spacy] [--sample 0 --seed 1]

parse: reads the corpus with graphkit's reader and parses every article once with graphkit's pipeline, keeping
the parsed Docs in a spaCy DocBin (with the entity components' state). Parsing is what costs, and a change to
graphkit/extract invalidates the build's extraction cache, so a full build re-parses everything.

share: reads the Docs back and runs what follows the parse (mentions, the relation patterns, resolution,
relations, the graph), then prints edges, typed edges and their share, and statements per class. The figure
is the build's (`relations.csv` rows whose RelationClass is not co-mentioned) up to the few articles a build
parses in pieces; confirm with a real build. --sample N prints N random typed statements with their sentences.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin

from graphkit.extract.extraction import extraction_of
from graphkit.extract.pipeline import load_pipeline
from graphkit.graph.build import build_graph
from graphkit.read import read_sources
from graphkit.relate.relations import relate
from graphkit.resolve.entities import resolve
from graphkit.schema import CO_MENTIONED

CORPUS = Path("/work/shared/corpus/bbc")
DOCS = Path("/tmp/bbc.spacy")


def _documents(corpus: Path) -> list:
    return read_sources([str(p) for p in sorted(corpus.glob("*.csv"))] or [str(corpus)])


def parse(args: argparse.Namespace) -> None:
    documents = _documents(Path(args.corpus))
    nlp = load_pipeline()
    started = time.perf_counter()
    docs = DocBin(store_user_data=True)
    for doc in nlp.pipe((d.text for d in documents), n_process=args.workers, batch_size=32):
        docs.add(doc)
    Path(args.out).write_bytes(docs.to_bytes())
    print(f"{len(documents)} articles parsed in {time.perf_counter() - started:.0f} s -> {args.out}")


def share(args: argparse.Namespace) -> None:
    documents = _documents(Path(args.corpus))
    nlp = load_pipeline()
    started = time.perf_counter()
    docs = list(DocBin().from_bytes(Path(args.docs).read_bytes()).get_docs(nlp.vocab))
    if len(docs) != len(documents):
        raise SystemExit(f"{args.docs} holds {len(docs)} Docs for {len(documents)} articles: parse again")
    extractions = [extraction_of(doc, d.id, d.text) for doc, d in zip(docs, documents, strict=True)]
    patterns = time.perf_counter() - started
    resolution = resolve(documents, extractions)
    relations = relate(extractions, resolution, {d.id: d.date for d in documents})
    graph = build_graph(documents, resolution, relations)
    classes = Counter(data.get("relation_class", CO_MENTIONED) for _, _, data in graph.edges(data=True))
    edges = graph.number_of_edges()
    typed = edges - classes[CO_MENTIONED]
    print(f"{edges} edges, {typed} typed: {100 * typed / max(edges, 1):.2f} %  (extraction {patterns:.0f} s)")
    statements = Counter(r.relation_class for r in relations if r.relation_class)
    print("statements per class:", ", ".join(f"{k} {v}" for k, v in statements.most_common()))
    if args.sample:
        labels = {e: resolution.entities[e].label for e in resolution.entities}
        typed_statements = sorted(
            (r for r in relations if r.relation_class), key=lambda r: (r.evidence.document, r.evidence.start)
        )
        for r in random.Random(args.seed).sample(typed_statements, min(args.sample, len(typed_statements))):
            print(f"\n{labels[r.source]} | {r.name} | {labels[r.target]}  [{r.relation_class}] via={r.via}")
            print(f"   {r.evidence.sentence}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    first = commands.add_parser("parse", help="parse the corpus once into a DocBin")
    first.add_argument("--corpus", default=str(CORPUS))
    first.add_argument("--out", default=str(DOCS))
    first.add_argument("--workers", type=int, default=1)
    second = commands.add_parser("share", help="the typed share from the parsed Docs")
    second.add_argument("--corpus", default=str(CORPUS))
    second.add_argument("--docs", default=str(DOCS))
    second.add_argument("--sample", type=int, default=0)
    second.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    {"parse": parse, "share": share}[args.command](args)


if __name__ == "__main__":
    main()
