"""How a sentence parsed alone (selective parsing) differs from the same sentence in a full parse.

    .venv/bin/python bench/bench_parsing.py [--corpus /work/shared/corpus/bbc] [--limit 300]

Runs both pipelines of graphkit.extract.load_pipeline (parse_sentences "selective" and "all") in this process
over the first N articles of the corpus CSVs, and prints: the share of tokens the selective pipeline parses;
of the sentences it parses, how many have the same boundaries, tags, heads and dependency labels as in the
full parse; how many sentences and mentions agree; and the typed relations of the two extractions compared
(document, sentence start, subject, relation, object), with the CPU seconds of each pipeline.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

CORPUS = Path("/work/shared/corpus/bbc")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of CSV files with a text column")
    parser.add_argument("--limit", type=int, default=300, help="the first N articles")
    args = parser.parse_args()

    from graphkit.extract.extraction import extraction_of
    from graphkit.extract.pipeline import load_pipeline
    from graphkit.extract.selective import SELECTIVE_COMPONENT

    csv.field_size_limit(sys.maxsize)
    texts: list[str] = []
    for path in sorted(args.corpus.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            texts.extend(row["text"] for row in csv.DictReader(handle))
    texts = texts[: args.limit]
    selective, full = load_pipeline(), load_pipeline(parse_sentences="all")

    def run(nlp):  # type: ignore[no-untyped-def]
        started = time.process_time()
        docs = list(nlp.pipe(texts, batch_size=32))
        extractions = [extraction_of(doc, str(i), texts[i]) for i, doc in enumerate(docs)]
        return docs, extractions, time.process_time() - started

    run(selective)  # warm both (lemmatizer caches, first calls)
    run(full)
    counter = selective.get_pipe(SELECTIVE_COMPONENT)
    counter.parsed_tokens = 0
    docs_s, ex_s, cpu_s = run(selective)
    docs_f, ex_f, cpu_f = run(full)
    tokens = sum(len(doc) for doc in docs_f)

    parsed = same = 0
    for doc_s, doc_f in zip(docs_s, docs_f, strict=True):
        full_sentences = {(s.start, s.end) for s in doc_f.sents}
        for sentence in doc_s.sents:
            if sentence[0].dep == 0:
                continue
            parsed += 1
            same += (sentence.start, sentence.end) in full_sentences and all(
                (a.tag, a.head.i, a.dep) == (b.tag, b.head.i, b.dep)
                for a, b in zip(sentence, doc_f[sentence.start : sentence.end], strict=True)
            )

    def jaccard(first: set[tuple[object, ...]], second: set[tuple[object, ...]]) -> float:
        return len(first & second) / len(first | second) if first | second else 1.0

    def statements(extractions):  # type: ignore[no-untyped-def]
        return {
            (e.document, e.sentences[r.sentence].start, e.mentions[r.subject].start, r.name, e.mentions[r.object].start)
            for e in extractions
            for r in e.relations
        }

    def mentions(extractions):  # type: ignore[no-untyped-def]
        return {(e.document, m.start, m.end, m.type) for e in extractions for m in e.mentions}

    def sentences(extractions):  # type: ignore[no-untyped-def]
        return {(e.document, s.start, s.end) for e in extractions for s in e.sentences}

    print(f"{len(texts)} articles, {tokens:,} tokens; selective parses {counter.parsed_tokens / tokens:.1%} of them")
    print(
        f"sentences parsed alone: {parsed:,}; with the boundaries, tags and dependencies of the full parse: "
        f"{same / parsed:.1%}"
    )
    print(f"sentences of the two extractions: Jaccard {jaccard(sentences(ex_s), sentences(ex_f)):.4f}")
    print(f"mentions: Jaccard {jaccard(mentions(ex_s), mentions(ex_f)):.4f}")
    typed_s, typed_f = statements(ex_s), statements(ex_f)
    print(f"typed relations: {len(typed_s)} selective, {len(typed_f)} all, Jaccard {jaccard(typed_s, typed_f):.4f}")
    print(f"CPU seconds: selective {cpu_s:.1f}, all {cpu_f:.1f}, ratio {cpu_s / cpu_f:.3f}")


if __name__ == "__main__":
    main()
