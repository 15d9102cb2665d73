"""What typed relations cost and what they find.

    .venv/bin/python bench/bench_relations.py cost [--articles 300] [--corpus /work/shared/corpus/bbc]
    .venv/bin/python bench/bench_relations.py seeds BUILD_OUTPUT [--gold bench/gold/seeds.yaml]

cost: extraction of BBC articles with the parser and the relation patterns against NER alone (no parser, no
typed relations), and how long parsing only the sentences with two or more mentions would take. Reads the
corpus CSVs (columns text, category) with the csv module, takes the first N articles in file order and
extrapolates to the whole corpus.

seeds: the typed relations of a build (its evidence.csv and entities.csv, e.g. from
`graphkit build /work/shared/corpus/seeds --out /tmp/seeds-out`) against the hand labels: found, missed
(with whether the label says a reader infers it), read where the labels say it must not be, and the rest.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

import graphkit.extract.extraction
from graphkit.extract import load_pipeline
from graphkit.extract.extraction import extract
from graphkit.extract.relations import find_relations
from graphkit.model import Document

CORPUS = Path("/work/shared/corpus/bbc")


def read_corpus(folder: Path) -> list[Document]:
    csv.field_size_limit(sys.maxsize)
    documents = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            for row, record in enumerate(csv.DictReader(handle)):
                meta = {"category": record["category"]}
                documents.append(Document(id=f"{path.stem}-{row}", text=record["text"], meta=meta))
    return documents


def timed(label: str, documents: list[Document], parse: bool, repeat: int) -> tuple[float, float, list]:
    """Best wall-clock and CPU seconds of `repeat` runs: on a shared machine the CPU time is the steadier."""
    nlp = load_pipeline(parse=parse)
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        extractions = list(extract(nlp, documents))
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    words = sum(d.words for d in documents)
    print(f"{label:<34} {best_wall:7.1f} s wall {best_cpu:7.1f} s CPU  {words / best_cpu:7.0f} words/CPU s")
    return best_wall, best_cpu, extractions


class TimedPatterns:
    """find_relations with a stopwatch, swapped into graphkit.extract.extraction for the run with the parser."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.sentences = 0
        self.read = 0

    def __call__(self, doc, mentions, text=None, dates=None):
        started = time.process_time()
        found = find_relations(doc, mentions, text, dates)
        self.seconds += time.process_time() - started
        per_sentence = Counter(m.sentence for m in mentions if m.sentence >= 0)
        self.sentences += sum(1 for _ in doc.sents)
        self.read += sum(1 for n in per_sentence.values() if n >= 2)
        return found


def selective_parse(documents: list[Document], extractions: list) -> float:
    """Seconds to parse only the sentences with two or more mentions (found by the NER-only run)."""
    nlp = load_pipeline()
    syntax = [n for n in nlp.pipe_names if n in ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")]
    with nlp.select_pipes(enable=syntax):
        chosen = []
        for extraction in extractions:
            per_sentence = Counter(m.sentence for m in extraction.mentions if m.sentence >= 0)
            chosen.extend(s.text for i, s in enumerate(extraction.sentences) if per_sentence[i] >= 2)
        started = time.process_time()
        for _ in nlp.pipe(chosen, batch_size=64):
            pass
        return time.process_time() - started


def cost(args: argparse.Namespace) -> None:
    corpus = read_corpus(args.corpus)
    documents = corpus[: args.articles]
    scale = len(corpus) / len(documents)
    words = sum(d.words for d in documents)
    print(f"{len(documents)} of {len(corpus)} BBC articles, {words} words (x{scale:.1f} to the whole corpus)")

    _, without, ner_extractions = timed("NER only (parse=False)", documents, parse=False, repeat=args.repeat)
    patterns = TimedPatterns()
    graphkit.extract.extraction.find_relations = patterns
    _, with_relations, extractions = timed("parser + typed relations", documents, parse=True, repeat=args.repeat)
    partial = selective_parse(documents, ner_extractions)

    typed = sum(len(e.relations) for e in extractions)
    names = Counter(r.name for e in extractions for r in e.relations)
    runs = args.repeat
    print(
        f"{'of which the patterns':<34} {patterns.seconds / runs:7.1f} s CPU  ({patterns.read // runs} of "
        f"{patterns.sentences // runs} sentences have 2+ mentions)"
    )
    print(
        f"{'parse of the 2+ mention sentences':<34} {partial:7.1f} s CPU  (NER-only run + this = "
        f"{without + partial:.1f} s)"
    )
    print(
        f"typed relations: {typed} ({typed / len(documents):.1f} per article); most common: "
        + ", ".join(f"{n} {c}" for n, c in names.most_common(12))
    )
    print(
        f"whole corpus, extrapolated (CPU): {without * scale:.0f} s without relations, "
        f"{with_relations * scale:.0f} s with ({with_relations / without:.2f}x)"
    )


def _names(entities_csv: Path) -> dict[str, set[str]]:
    """Node id -> its label and aliases, case-folded."""
    with entities_csv.open(newline="", encoding="utf-8") as handle:
        return {
            row["Id"]: {n.strip().casefold() for n in [row["Label"], *row["Aliases"].split(" | ")] if n.strip()}
            for row in csv.DictReader(handle)
        }


def seeds(args: argparse.Namespace) -> None:
    import yaml

    gold = yaml.safe_load(args.gold.read_text(encoding="utf-8"))
    names = _names(args.build / "entities.csv")
    with (args.build / "evidence.csv").open(newline="", encoding="utf-8") as handle:
        typed = [row for row in csv.DictReader(handle) if row["relation"] != "co-mentioned"]

    def same(row: dict, label: dict) -> bool:
        def named(node: str, name: str) -> bool:
            return name.casefold() in names.get(node, {node.casefold()})

        fragment = " ".join(label["sentence"].split())
        return (
            row["relation"] == label["relation"]
            and row["document"] == label["document"]
            and fragment in " ".join(row["sentence"].split())
            and (
                named(row["source"], label["source"])
                and named(row["target"], label["target"])
                or label["relation"] in ("met", "held talks with", "signed")
                and named(row["source"], label["target"])
                and named(row["target"], label["source"])
            )
        )

    def flags(row: dict) -> str:
        return "".join(f" ({f})" for f in ("negated", "hedged") if row[f].lower() == "true")

    expected = gold.get("relations", [])
    found = [label for label in expected if any(same(row, label) for row in typed)]
    missed = [label for label in expected if label not in found]
    wrong = [row for row in typed if any(same(row, label) for label in gold.get("not_relations", []))]
    matched = [row for row in typed if any(same(row, label) for label in expected)]
    other = [row for row in typed if row not in matched and row not in wrong]
    print(
        f"typed relations read: {len(typed)}; expected by the labels: {len(expected)} "
        f"({sum(1 for e in expected if e.get('inferred'))} of them inferred by a reader from context)"
    )
    print(f"\nfound {len(found)} of {len(expected)}:")
    for label in found:
        print(f"  {label['source']} {label['relation']} {label['target']}")
    print(f"\nmissed {len(missed)}:")
    for label in missed:
        print(
            f"  {label['source']} {label['relation']} {label['target']}"
            f'{"  [inferred]" if label.get("inferred") else ""}  <- "{label["sentence"]}"'
        )
    print(f"\nread but labelled as not said, as a plain statement: {len(wrong)}")
    for row in wrong:
        print(f"  {row['source']} {row['relation']} {row['target']}{flags(row)}")
    print(f"\nread, not in the labels: {len(other)}")
    for row in other:
        print(f"  {row['source']} {row['relation']} {row['target']}{flags(row)}  <- {row['sentence'][:90]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("cost", help="seconds with and without typed relations on the BBC corpus")
    run.add_argument("--articles", type=int, default=300)
    run.add_argument("--corpus", type=Path, default=CORPUS)
    run.add_argument("--repeat", type=int, default=1, help="runs of each; the best is kept")
    run.set_defaults(func=cost)
    check = commands.add_parser("seeds", help="typed relations of a build of the seeds against the hand labels")
    check.add_argument("build", type=Path, help="the --out folder of a graphkit build of the seed articles")
    check.add_argument("--gold", type=Path, default=Path(__file__).resolve().parent / "gold" / "seeds.yaml")
    check.set_defaults(func=seeds)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
