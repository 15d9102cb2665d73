"""A saved graph in time: the graph of a date range, the chronology of an entity, counts per month.

The saved graph holds aggregated edges; the statements behind them, one row each, are in evidence.csv
beside it. So a date range (`--since`, `--until`, see graphkit.periods) is applied to those rows: the
statements outside it do not count, the edges are built again from the others exactly as `graphkit build`
builds them (weights, sentences, documents, classes, evidence, dates), and entities left with no statement
go. Metrics (degree, PageRank, betweenness, community) are computed again on what is left; positions and
sizes stay those of the whole graph, so the part looks the same in Gephi.

A statement's date is the `date` column of evidence.csv where there is one, else its document's date
(documents.csv): graphkit.periods.statement_date, the rule the build follows.

>>> graph = read_graph("output/graph.json")                                               # doctest: +SKIP
>>> march = graph_in_range(graph, "output", DateRange.parse("2021-03", "2021-03"))       # doctest: +SKIP
>>> [e.date for e in timeline(graph, read_statements("output"), {}, "Sadyr Japarov")]   # doctest: +SKIP
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graphkit.export.tables import cell_text
from graphkit.graph.build import Corpus, crowds, relation_edges
from graphkit.graph.metrics import add_metrics
from graphkit.model import Evidence, Relation
from graphkit.periods import DateRange, month_of, normal_date, statement_date
from graphkit.query.filters import FilterError, resolve_node
from graphkit.schema import CO_MENTIONED


class NoEvidence(FilterError):
    """A time range asked of a graph without evidence.csv beside it: the statements to filter are not there."""


# --- the rows of evidence.csv and documents.csv ----------------------------------------------------


def read_statements(folder: str | os.PathLike[str]) -> list[dict[str, str]] | None:
    """Every row of evidence.csv next to the graph, co-mentions too; None without that file."""
    try:
        with open(Path(folder) / "evidence.csv", encoding="utf-8", newline="") as handle:
            return [
                {name: cell_text(value) if isinstance(value, str) else value for name, value in row.items()}
                for row in csv.DictReader(handle)
            ]
    except (OSError, ValueError, KeyError, csv.Error):
        return None


def _true(cell: str | None) -> bool:
    """A CSV boolean as graphkit writes it ('true'/'false'), or as a spreadsheet may save it ('TRUE')."""
    return (cell or "").strip().lower() in ("true", "1")


def _offset(cell: str | None) -> int:
    try:
        return int(cell or 0)
    except ValueError:
        return 0


def relation_of(row: dict[str, str]) -> Relation:
    """An evidence.csv row as the Relation the build wrote it from (`date` empty in a file without that column)."""
    return Relation(
        source=row.get("source") or "",
        target=row.get("target") or "",
        name=row.get("relation") or CO_MENTIONED,
        evidence=Evidence(
            row.get("document") or "", row.get("sentence") or "", _offset(row.get("start")), _offset(row.get("end"))
        ),
        directed=_true(row.get("directed")),
        negated=_true(row.get("negated")),
        hedged=_true(row.get("hedged")),
        relation_class=row.get("relation_class") or "",
        stance=row.get("stance") or "",
        according_to=row.get("according_to") or "",
        via=row.get("via") or "",
        date=row.get("date") or "",
        date_source=row.get("date_source") or "",
    )


def corpus_of(graph: nx.Graph, relations: list[Relation], documents: dict[str, dict[str, str]]) -> Corpus:
    """What the build knew besides the relations: labels from the graph, dates and duplicates from documents.csv."""
    return Corpus(
        labels={node: str(data.get("label") or node) for node, data in graph.nodes(data=True)},
        dates={doc: row.get("date") or "" for doc, row in documents.items()},
        duplicates={doc for doc, row in documents.items() if row.get("duplicate_of")},
        crowd=crowds(relations),
    )


def rows_in_range(
    rows: list[dict[str, str]], documents: dict[str, dict[str, str]], period: DateRange
) -> list[dict[str, str]]:
    """The evidence.csv rows whose statements are dated within `period` (all of them without a range)."""
    if not period:
        return rows
    dates = {doc: row.get("date") or "" for doc, row in documents.items()}
    return [row for row in rows if period.holds(statement_date(relation_of(row), dates))]


# --- the graph of a range --------------------------------------------------------------------------


def graph_in_range(
    graph: nx.Graph,
    statements: list[dict[str, str]] | None,
    documents: dict[str, dict[str, str]],
    period: DateRange,
) -> nx.Graph:
    """The graph as the statements dated within `period` make it (the input is left as it is).

    `statements`: read_statements (None raises NoEvidence); `documents`: query.read_documents_table.
    Without a range, the graph itself.
    """
    if not period:
        return graph
    if statements is None:
        raise NoEvidence(
            f"--since/--until need evidence.csv beside the graph ({period.describe()}): build into that folder"
        )
    relations = [r for r in map(relation_of, statements) if r.source in graph and r.target in graph]
    corpus = corpus_of(graph, relations, documents)
    kept = [r for r in relations if period.holds(corpus.date(r))]
    edges = relation_edges(kept, corpus)
    linked = {node for u, v, _ in edges for node in (u, v)}
    result = graph.__class__()
    result.graph.update(graph.graph)
    result.graph["filter"] = " ".join(filter(None, [period.describe(), str(graph.graph.get("filter") or "")]))
    in_range = {doc for doc, row in documents.items() if period.holds(row.get("date") or "")}
    result.graph["documents"] = len(in_range | {r.evidence.document for r in kept})
    result.add_nodes_from(
        (node, dict(data, first_seen="", last_seen="")) for node, data in graph.nodes(data=True) if node in linked
    )
    result.add_edges_from(edges)
    for u, v, data in result.edges(data=True):  # what the entity was seen doing in the range
        for node in (u, v):
            attrs = result.nodes[node]
            if data["first_seen"] and (not attrs["first_seen"] or data["first_seen"] < attrs["first_seen"]):
                attrs["first_seen"] = data["first_seen"]
            if data["last_seen"] > attrs["last_seen"]:
                attrs["last_seen"] = data["last_seen"]
    add_metrics(result)
    return result


# --- a chronology ----------------------------------------------------------------------------------


@dataclass
class Dated:
    """One statement of a timeline, seen from the entity it is about."""

    date: str  # "" when undated
    date_source: str  # "sentence", "document", or "" when undated
    relation: str
    direction: str  # "->": the entity is the subject; "<-": the other party is; "--": a co-mention
    other: str  # the other party's label
    source: str  # labels of both ends as the statement reads: source relation target
    target: str
    negated: bool
    hedged: bool
    according_to: str  # the speaker's label, "" for the article's own voice
    document: str
    sentence: str


def timeline(
    graph: nx.Graph,
    statements: list[dict[str, str]],
    documents: dict[str, dict[str, str]],
    name: str,
    other: str | None = None,
    period: DateRange | None = None,
) -> list[Dated]:
    """The statements about `name` (or between `name` and `other`) in date order, undated ones last.

    About one entity: its typed statements. Between two: their typed statements and the sentences that
    name both (co-mentions), which are most of what links two countries. Names are found with
    resolve_node (UnknownName / AmbiguousName); `period` keeps the statements dated within it.
    """
    node = resolve_node(graph, name)
    second = resolve_node(graph, other) if other is not None else None
    period = period or DateRange()
    relations = list(map(relation_of, statements))
    corpus = corpus_of(graph, relations, documents)
    found = []
    for relation in relations:
        ends = (relation.source, relation.target)
        if node not in ends or (second is not None and second not in ends):
            continue
        if relation.name == CO_MENTIONED and second is None:
            continue
        date = corpus.date(relation)
        if not period.holds(date):
            continue
        mine = relation.source == node
        party = relation.target if mine else relation.source
        if relation.name == CO_MENTIONED:
            direction = "--"
        else:
            direction = "->" if mine and relation.source != relation.target else "<-"
        if not date:
            said = ""
        elif normal_date(relation.date):
            said = relation.date_source or "sentence"
        else:
            said = "document"
        found.append(
            Dated(
                date=date,
                date_source=said,
                relation=relation.name,
                direction=direction,
                other=corpus.labels.get(party, party),
                source=corpus.labels.get(relation.source, relation.source),
                target=corpus.labels.get(relation.target, relation.target),
                negated=relation.negated,
                hedged=relation.hedged,
                according_to=corpus.labels.get(relation.according_to, relation.according_to),
                document=relation.evidence.document,
                sentence=relation.evidence.sentence,
            )
        )
    found.sort(key=lambda d: (d.date == "", d.date, d.document, d.relation == CO_MENTIONED, d.other))
    return found


# --- counts per month ------------------------------------------------------------------------------


@dataclass
class MonthCount:
    month: str  # YYYY-MM (YYYY for a date that gives only its year)
    documents: int  # documents dated in it
    statements: int  # statements (typed and co-mentions) dated in it
    typed: int  # typed statements among them


def per_month(
    graph: nx.Graph,
    statements: list[dict[str, str]] | None,
    documents: dict[str, dict[str, str]],
    period: DateRange | None = None,
) -> list[MonthCount]:
    """Documents and statements per month, in month order; empty when nothing is dated. Only the months
    within `period` when given, and only statements between entities of `graph`."""
    period = period or DateRange()
    docs = Counter(month_of(row.get("date") or "") for row in documents.values() if period.holds(row.get("date") or ""))
    said: Counter[str] = Counter()
    typed: Counter[str] = Counter()
    relations = list(map(relation_of, statements or []))
    corpus = corpus_of(graph, relations, documents)
    for relation in relations:
        date = corpus.date(relation)
        if relation.source in graph and relation.target in graph and period.holds(date):
            said[month_of(date)] += 1
            typed[month_of(date)] += relation.name != CO_MENTIONED
    months = sorted((set(docs) | set(said)) - {""})
    return [MonthCount(m, docs[m], said[m], typed[m]) for m in months]
