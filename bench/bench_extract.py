"""CPU seconds graphkit's extraction adds to bare spaCy, step by step, on one process.

    .venv/bin/python bench/bench_extract.py [--corpus train.csv] [--limit 300] [--repeat 1]
        [--components] [--dump extractions.jsonl]

The first `--limit` articles of the CSV are read as `graphkit build` reads them; then, with n_process=1
and graphkit's batch size, CPU time (user + system of this process, so a loaded machine disturbs it
little) of:
  spacy      bare spaCy: the model with the components graphkit keeps, nlp.pipe over the texts;
  pipeline   graphkit's pipeline (the same plus its line, gazetteer and mention components);
  extract    pipeline + turning each Doc into a DocExtraction;
  cache      extract + writing every extraction into an empty cache;
  transfer   what a spaCy worker process adds: Doc.to_bytes in the worker and Doc.from_bytes in the
             main process, for bare and for graphkit Docs (graphkit's carry its span groups).
Loading the model is not counted. `--components` times each component alone over pre-tokenized Docs.
`--dump` writes every DocExtraction.to_dict, one per line, to compare two versions.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path("/work/shared/corpus/bbc/train.csv")


def cpu() -> float:
    return time.process_time()


def read_documents(path: Path, limit: int, scratch: Path):
    """The first `limit` rows of `path`, written to a CSV of their own and read by graphkit's reader."""
    from graphkit.sources import read_sources

    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        rows = [next(reader), *itertools.islice(reader, limit)]
    sample = scratch / "sample.csv"
    with sample.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return read_sources([sample])


def time_spacy(texts: list[str], batch_size: int) -> tuple[float, list[bytes]]:
    import spacy

    from graphkit.nlp.pipeline import DEFAULT_MODEL, excluded_components

    nlp = spacy.load(DEFAULT_MODEL, exclude=excluded_components(parse=True))
    started = cpu()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    spent = cpu() - started
    return spent, [doc.to_bytes() for doc in nlp.pipe(texts[:50], batch_size=batch_size)]


def time_graphkit(documents, batch_size: int, scratch: Path, dump: Path | None) -> dict[str, float | list]:
    from graphkit.cache import ExtractionCache
    from graphkit.extract import extraction_key, extraction_of
    from graphkit.nlp.mentions import byline_mentions
    from graphkit.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    key = extraction_key()
    extraction_cpu = cache_cpu = 0.0
    extractions = []
    with ExtractionCache(scratch / f"cache-{time.monotonic_ns()}") as cache:
        started = cpu()
        for document, doc in zip(documents, nlp.pipe((d.text for d in documents), batch_size=batch_size),
                                 strict=True):
            before = cpu()
            extraction = extraction_of(doc, document.id, document.text)
            extraction.mentions.extend(byline_mentions(document))
            middle = cpu()
            cache.put(key, document, extraction)
            extraction_cpu += middle - before
            cache_cpu += cpu() - middle
            extractions.append(extraction)
        before = cpu()
    cache_cpu += cpu() - before  # the last rows are written on close
    total = cpu() - started
    if dump:
        with dump.open("w", encoding="utf-8") as handle:
            for extraction in extractions:
                handle.write(json.dumps(extraction.to_dict(), ensure_ascii=False) + "\n")
    pipeline = total - extraction_cpu - cache_cpu
    sample = [doc.to_bytes() for doc in nlp.pipe((d.text for d in documents[:50]), batch_size=batch_size)]
    return {"pipeline": pipeline, "extract": extraction_cpu, "cache": cache_cpu, "bytes": sample}


def time_transfer(samples: list[bytes], repeat: int = 5) -> float:
    """CPU seconds per document of Doc.to_bytes and Doc.from_bytes (what spaCy's workers do per Doc)."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    vocab = Vocab()
    docs = [Doc(vocab).from_bytes(b) for b in samples]
    started = cpu()
    for _ in range(repeat):
        for doc in docs:
            Doc(vocab).from_bytes(doc.to_bytes())
    return (cpu() - started) / (repeat * len(docs))


def time_components(texts: list[str], batch_size: int) -> None:
    from graphkit.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    started = cpu()
    docs = list(nlp.tokenizer.pipe(texts, batch_size=batch_size)) if hasattr(nlp.tokenizer, "pipe") else [
        nlp.tokenizer(t) for t in texts
    ]
    print(f"  {'tokenizer':<22}{cpu() - started:7.2f} s")
    for name, component in nlp.pipeline:
        started = cpu()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=batch_size))
        else:
            docs = [component(doc) for doc in docs]
        print(f"  {name:<22}{cpu() - started:7.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--components", action="store_true", help="time each component alone")
    parser.add_argument("--dump", type=Path, help="write the extractions here (JSON lines)")
    args = parser.parse_args()

    from graphkit.extract import MAX_BATCH

    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        documents = read_documents(args.corpus, args.limit, scratch)
        texts = [d.text for d in documents]
        words = sum(len(t.split()) for t in texts)
        print(f"{len(documents)} documents, {words} words, batch size {MAX_BATCH}, one process")
        if args.components:
            time_components(texts, MAX_BATCH)
            return
        for run in range(args.repeat):
            spacy_cpu, spacy_bytes = time_spacy(texts, MAX_BATCH)
            found = time_graphkit(documents, MAX_BATCH, scratch, args.dump if run == 0 else None)
            spacy_transfer = time_transfer(spacy_bytes) * len(documents)
            graphkit_transfer = time_transfer(found["bytes"]) * len(documents)
            steps = {
                "spacy": spacy_cpu,
                "pipeline": found["pipeline"],
                "extract": found["pipeline"] + found["extract"],
                "cache": found["pipeline"] + found["extract"] + found["cache"],
            }
            for name, seconds in steps.items():
                print(f"  {name:<10}{seconds:7.2f} s cpu  {seconds / spacy_cpu:5.3f} x spaCy")
            print(f"  transfer  spaCy {spacy_transfer:5.2f} s, graphkit {graphkit_transfer:5.2f} s "
                  f"(+{graphkit_transfer - spacy_transfer:.2f} s)")
            with_transfer = (steps["cache"] + graphkit_transfer) / (spacy_cpu + spacy_transfer)
            print(f"  cache + transfer / spaCy + transfer: {with_transfer:5.3f} x")


if __name__ == "__main__":
    main()
