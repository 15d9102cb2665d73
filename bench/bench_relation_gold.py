"""Typed relations against the hand labels: recall and precision per class and overall.

    .venv/bin/python bench/bench_relation_gold.py articles [--gold bench/gold/bbc] [--corpus /work/shared/corpus/bbc]
    .venv/bin/python bench/bench_relation_gold.py sentences [--gold tests/gold/relation_statements.yaml]

articles: the BBC articles labelled by reading each in full (bench/gold/bbc/*.yaml, one per article, with
every relation between two named entities a careful reader states). The articles are read from the corpus
CSVs by graphkit's own reader (same cleaning, same document ids) and analysed together.

sentences: our own labelled sentences; each entry is analysed as a document of its own.

A statement counts once per document for (source, class, target), as the labels do. It matches a label when
the classes agree, each end is the labelled entity (its name or one of its forms equals one of the entity's
label or aliases, compared case- and accent-blind), the direction agrees (either way round when the label or
the relation is symmetric) and both say negated or neither does. Precision is over graphkit's statements;
a statement the labels do not list is wrong, since the labels aim to be complete. --show lists misses and
wrong statements with their sentences.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from graphkit.api import analyse
from graphkit.model import Document, Relation, Resolution
from graphkit.names import normal_form
from graphkit.read import read_sources
from graphkit.relation_types import relation_classes, relation_type

HERE = Path(__file__).resolve().parent
CORPUS = Path("/work/shared/corpus/bbc")


def key(name: str) -> str:
    return normal_form(name, casefold=True, strip_accents=True)


@dataclass(frozen=True)
class Label:
    document: str
    source: frozenset[str]  # the forms of the labelled source entity, as keys
    target: frozenset[str]
    relation_class: str
    symmetric: bool
    negated: bool
    text: str  # how the label reads, for --show


@dataclass(frozen=True)
class Statement:
    document: str
    source: frozenset[str]
    target: frozenset[str]
    relation_class: str
    symmetric: bool
    negated: bool
    text: str


def _ends_match(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a & b)


def matches(statement: Statement, label: Label) -> bool:
    if statement.document != label.document or statement.relation_class != label.relation_class:
        return False
    if statement.negated != label.negated:
        return False
    forward = _ends_match(statement.source, label.source) and _ends_match(statement.target, label.target)
    if forward:
        return True
    either = label.symmetric or statement.symmetric
    return either and _ends_match(statement.source, label.target) and _ends_match(statement.target, label.source)


def statements_of(relations: list[Relation], resolution: Resolution, documents: set[str]) -> list[Statement]:
    """graphkit's typed statements, once per document for (source, class, target, negated)."""
    seen: dict[tuple[str, str, str, str, bool], Statement] = {}
    for relation in relations:
        if not relation.relation_class or relation.evidence.document not in documents:
            continue
        source, target = resolution.entities[relation.source], resolution.entities[relation.target]
        forms = [frozenset(key(f) for f in (e.label, *e.aliases)) for e in (source, target)]
        symmetric = relation_type(relation.name).symmetric
        first, second = sorted((relation.source, relation.target)) if symmetric else (relation.source, relation.target)
        item = (relation.evidence.document, first, relation.relation_class, second, relation.negated)
        seen.setdefault(
            item,
            Statement(
                relation.evidence.document,
                forms[0],
                forms[1],
                relation.relation_class,
                symmetric,
                relation.negated,
                f"{source.label} {'not ' if relation.negated else ''}{relation.name} {target.label}"
                f"  [{relation.relation_class}]  « {relation.evidence.sentence[:160]} »",
            ),
        )
    return list(seen.values())


def score(labels: list[Label], statements: list[Statement], show: bool) -> None:
    classes = list(relation_classes())
    found: Counter[str] = Counter()
    stated: Counter[str] = Counter(label.relation_class for label in labels)
    right: Counter[str] = Counter()
    given: Counter[str] = Counter(statement.relation_class for statement in statements)
    missed, wrong = [], []
    for label in labels:
        if any(matches(s, label) for s in statements):
            found[label.relation_class] += 1
        else:
            missed.append(label)
    for statement in statements:
        if any(matches(statement, label) for label in labels):
            right[statement.relation_class] += 1
        else:
            wrong.append(statement)
    print(f"{'class':<12} {'labels':>6} {'found':>6} {'recall':>7}   {'stated':>6} {'right':>6} {'precision':>9}")
    for name in [*classes, "all"]:
        n_labels = sum(stated.values()) if name == "all" else stated[name]
        n_found = sum(found.values()) if name == "all" else found[name]
        n_given = sum(given.values()) if name == "all" else given[name]
        n_right = sum(right.values()) if name == "all" else right[name]
        if not n_labels and not n_given:
            continue
        recall = f"{n_found / n_labels:.2f}" if n_labels else "-"
        precision = f"{n_right / n_given:.2f}" if n_given else "-"
        print(f"{name:<12} {n_labels:>6} {n_found:>6} {recall:>7}   {n_given:>6} {n_right:>6} {precision:>9}")
    if show:
        print("\nmissed:")
        for label in missed:
            print(f"  [{label.document}] {label.text}")
        print("\nwrong (not in the labels):")
        for statement in wrong:
            print(f"  [{statement.document}] {statement.text}")


def _forms(entities: dict[str, dict[str, Any]], name: str) -> frozenset[str]:
    entity = entities.get(name, {})
    return frozenset(key(f) for f in (name, *entity.get("aliases", [])))


def _label(document: str, entities: dict[str, dict[str, Any]], item: dict[str, Any]) -> Label:
    relation = item.get("relation", "")
    return Label(
        document,
        _forms(entities, item["source"]),
        _forms(entities, item["target"]),
        item["class"],
        bool(item.get("symmetric")),
        bool(item.get("negated")),
        f"{item['source']} {relation} {item['target']}  [{item['class']}]  where: {item.get('where', '')}",
    )


def articles(args: argparse.Namespace) -> None:
    files = sorted(Path(args.gold).glob("*.yaml"))
    golds = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in files]
    wanted = {gold["document"] for gold in golds}
    documents = [d for d in read_sources([str(p) for p in sorted(Path(args.corpus).glob("*.csv"))]) if d.id in wanted]
    missing = wanted - {d.id for d in documents}
    if missing:
        sys.exit(f"not in the corpus: {', '.join(sorted(missing))}")
    labels = []
    for gold in golds:
        entities = {e["name"]: e for e in gold.get("entities") or []}
        labels += [_label(gold["document"], entities, item) for item in gold.get("relations") or []]
    result = analyse(documents, workers=1)
    statements = statements_of(result.relations, result.resolution, wanted)
    print(f"{len(documents)} articles, {len(labels)} labelled relations, {len(statements)} typed statements")
    score(labels, statements, args.show)


def sentences(args: argparse.Namespace) -> None:
    entries = yaml.safe_load(Path(args.gold).read_text(encoding="utf-8"))
    documents = [Document(id=f"s{n}", text=entry["sentence"]) for n, entry in enumerate(entries, 1)]
    labels = []
    for document, entry in zip(documents, entries, strict=True):
        labels += [_label(document.id, {}, item) for item in entry.get("expect") or []]
    result = analyse(documents, workers=1)
    statements = statements_of(result.relations, result.resolution, {d.id for d in documents})
    print(f"{len(documents)} sentences, {len(labels)} labelled relations, {len(statements)} typed statements")
    score(labels, statements, args.show)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("articles", help="the labelled BBC articles")
    run.add_argument("--gold", default=str(HERE / "gold" / "bbc"))
    run.add_argument("--corpus", default=str(CORPUS))
    run.add_argument("--show", action="store_true", help="list misses and wrong statements")
    run.set_defaults(func=articles)
    run = commands.add_parser("sentences", help="our own labelled sentences")
    run.add_argument("--gold", default=str(HERE.parent / "tests" / "gold" / "relation_statements.yaml"))
    run.add_argument("--show", action="store_true", help="list misses and wrong statements")
    run.set_defaults(func=sentences)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
