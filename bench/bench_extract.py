"""CPU seconds graphkit's extraction adds to bare spaCy, step by step, on one process.

    .venv/bin/python bench/bench_extract.py [--corpus train.csv] [--limit 300] [--repeat 1]
        [--dump extractions.jsonl]

The first `--limit` articles of the CSV are read as `graphkit build` reads them; then, with graphkit's
batch size on one process, CPU time (user + system of this process, so that a loaded machine disturbs it
little; loading the model is not counted) of:
  spacy       bare spaCy: the model with the components graphkit keeps, nlp.pipe over the texts;
  graphkit    graphkit's pipeline over the same texts, run a component at a time so that each is timed
              in the same run: the model's components (`model`, comparable with `spacy`), graphkit's own
              (`+ components`: line breaks, gazetteer, mention repair), turning each Doc into a
              DocExtraction (`+ extract`) and writing it into an empty cache (`+ cache`).
Ratios are to the model's components of the same run, which a busy machine slows as much as graphkit's
steps; the separate bare spaCy run shows how far two runs of the same work differ.
  send back   what a worker process sends per document: spaCy's multiprocessing serialises the Doc
              (Doc.to_bytes, then Doc.from_bytes in the main process); graphkit's pickles the extraction.
`--dump` writes every DocExtraction.to_dict, one per line, to compare two versions.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import pickle
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

CORPUS = Path("/work/shared/corpus/bbc/train.csv")
CHUNK = 64  # documents taken through the components at a time (whole batches), so memory stays small
MODEL_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter", "sentencizer")


def cpu() -> float:
    return time.process_time()


def read_documents(path: Path, limit: int, scratch: Path):
    """The first `limit` rows of `path`, written to a CSV of their own and read by graphkit's reader."""
    from graphkit.read import read_sources

    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        rows = [next(reader), *itertools.islice(reader, limit)]
    sample = scratch / "sample.csv"
    with sample.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return read_sources([sample])


def time_spacy(texts: list[str], batch_size: int) -> tuple[float, float]:
    """CPU seconds of bare spaCy over `texts`, and per document of sending a Doc back from a worker."""
    import spacy
    from spacy.tokens import Doc

    from graphkit.extract.pipeline import DEFAULT_MODEL, excluded_components

    nlp = spacy.load(DEFAULT_MODEL, exclude=excluded_components(parse=True))
    started = cpu()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    spent = cpu() - started
    sample = list(nlp.pipe(texts[:50], batch_size=batch_size))
    started = cpu()
    for doc in sample:
        Doc(nlp.vocab).from_bytes(doc.to_bytes())
    return spent, (cpu() - started) / len(sample)


def time_graphkit(documents, batch_size: int, scratch: Path, dump: Path | None) -> tuple[Counter, float]:
    """CPU seconds of each step of graphkit's extraction, and per document of pickling an extraction
    there and back."""
    from graphkit.extract.cache import ExtractionCache
    from graphkit.extract.extraction import extraction_key, extraction_of
    from graphkit.extract.mentions import byline_mentions
    from graphkit.extract.pipeline import load_pipeline

    nlp = load_pipeline()
    key = extraction_key()
    seconds: Counter = Counter()
    extractions = []
    cache = ExtractionCache(scratch / f"cache-{time.monotonic_ns()}")
    for start in range(0, len(documents), CHUNK):
        chunk = documents[start : start + CHUNK]
        started = cpu()
        docs = [nlp.make_doc(document.text) for document in chunk]
        seconds["tokenizer"] += cpu() - started
        for name, component in nlp.pipeline:
            started = cpu()
            if hasattr(component, "pipe"):
                docs = list(component.pipe(docs, batch_size=batch_size))
            else:
                docs = [component(doc) for doc in docs]
            seconds[name] += cpu() - started
        for document, doc in zip(chunk, docs, strict=True):
            started = cpu()
            extraction = extraction_of(doc, document.id, document.text)
            extraction.mentions.extend(byline_mentions(document))
            middle = cpu()
            cache.put(key, document, extraction)
            seconds["extract"] += middle - started
            seconds["cache"] += cpu() - middle
            extractions.append(extraction)
    started = cpu()
    cache.close()  # the last rows are written here
    seconds["cache"] += cpu() - started
    if dump:
        with dump.open("w", encoding="utf-8") as handle:
            for extraction in extractions:
                handle.write(json.dumps(extraction.to_dict(), ensure_ascii=False) + "\n")
    started = cpu()
    for extraction in extractions:
        pickle.loads(pickle.dumps(extraction))
    return seconds, (cpu() - started) / len(extractions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--dump", type=Path, help="write the extractions here (JSON lines)")
    args = parser.parse_args()

    from graphkit.extract.extraction import MAX_BATCH

    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        documents = read_documents(args.corpus, args.limit, scratch)
        texts = [d.text for d in documents]
        words = sum(len(t.split()) for t in texts)
        print(f"{len(documents)} documents, {words} words, batch size {MAX_BATCH}, one process")
        for run in range(args.repeat):
            spacy_cpu, doc_back = time_spacy(texts, MAX_BATCH)
            seconds, extraction_back = time_graphkit(documents, MAX_BATCH, scratch, args.dump if run == 0 else None)
            model = sum(s for name, s in seconds.items() if name == "tokenizer" or name in MODEL_COMPONENTS)
            own = {name: s for name, s in seconds.items() if name.startswith("graphkit_")}
            steps = {
                "model": model,
                "+ components": model + sum(own.values()),
                "+ extract": model + sum(own.values()) + seconds["extract"],
                "+ cache": model + sum(own.values()) + seconds["extract"] + seconds["cache"],
            }
            print(f"  {'spacy':<14}{spacy_cpu:7.2f} s cpu   (bare spaCy, its own run)")
            for name, total in steps.items():
                print(f"  {name:<14}{total:7.2f} s cpu  {total / model:6.3f} x model  {total / spacy_cpu:6.3f} x spacy")
            print(
                "  graphkit's own: "
                + ", ".join(f"{n} {s:.2f} s" for n, s in own.items())
                + f", extract {seconds['extract']:.2f} s, cache {seconds['cache']:.2f} s"
            )
            print(
                f"  send back     Doc {doc_back * len(documents):.2f} s (spaCy's workers), "
                f"DocExtraction {extraction_back * len(documents):.2f} s (graphkit's)"
            )


if __name__ == "__main__":
    main()
