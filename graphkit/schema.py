"""The graph schema: node and edge attribute names and types, defined once for every exporter.

GraphML and GEXF take scalars only (str, int, float, bool), one type per attribute name, so every
attribute listed here always has its declared type on every node or edge; `coerce_node` and `coerce_edge`
make that so. The README documents this table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

ENTITY_TYPES = ("person", "country", "organization", "location")

# Node attributes: name -> (type, description).
NODE_ATTRIBUTES: dict[str, tuple[type, str]] = {
    "label": (str, "canonical name"),
    "type": (str, "person, country, organization or location"),
    "aliases": (str, "surface forms merged into this entity, joined with ' | '"),
    "mentions": (int, "number of mentions in the corpus"),
    "documents": (int, "number of documents that mention it"),
    "country": (str, "for locations: the country they lie in"),
    "first_seen": (str, "earliest date of a document that mentions it or of a statement about it (ISO 8601), or ''"),
    "last_seen": (str, "latest date of a document that mentions it or of a statement about it (ISO 8601), or ''"),
    "degree": (float, "weighted degree"),
    "pagerank": (float, "PageRank on edge weights"),
    "betweenness": (float, "betweenness centrality (sampled on large graphs)"),
    "community": (int, "Louvain community, seeded so it is stable"),
    "x": (float, "layout position, shared by the page and Gephi"),
    "y": (float, "layout position"),
    "size": (float, "drawing size from importance"),
    "color": (str, "hex colour of the type"),
    "r": (int, "red of the type colour"),
    "g": (int, "green"),
    "b": (int, "blue"),
}

# Edge attributes: name -> (type, description).
EDGE_ATTRIBUTES: dict[str, tuple[type, str]] = {
    "weight": (float, "distinct sentences relating the two: 1 per typed statement, 1/(n-1) per co-mention among n"),
    "label": (str, "relation names joined with ' | ' (typed first, then 'co-mentioned')"),
    "relation": (str, "the strongest relation name"),
    "subject": (str, "for a typed `relation`: the node it reads from (subject -> relation -> other end), else ''"),
    "statements": (str, "directed typed statements, e.g. 'Kyrgyzstan member of Eurasian Economic Union'"),
    "classes": (str, "the relation class of each statement, in the order of `statements`"),
    "relation_class": (str, "the strongest class of its statements (relation_classes.tsv), or 'co-mentioned'"),
    "stance": (str, "cooperative, hostile or neutral: the stance of that class's statements; '' for co-mentions"),
    "color": (str, "hex colour of `relation_class`, shared by the page and Gephi"),
    "r": (int, "red of the class colour"),
    "g": (int, "green"),
    "b": (int, "blue"),
    "evidence": (str, "up to a few sentences, each as '[document] sentence', joined by newlines"),
    "documents": (int, "number of documents with evidence"),
    "sentences": (int, "number of evidence sentences"),
    "first_seen": (str, "earliest date of its statements (ISO 8601; a partial date counts as its start), or ''"),
    "last_seen": (str, "latest date of its statements (ISO 8601; a partial date counts as its start), or ''"),
    "dates": (str, "the date of each dated statement, sorted, repeats kept, joined with ' | '"),
}

CO_MENTIONED = "co-mentioned"

# --- how a typed statement reads in the edge's `statements`: "A met B (negated) (hedged) (according to C)" ---
NEGATED_MARK = " (negated)"
HEDGED_MARK = " (hedged)"
ACCORDING_MARK = " (according to {})"
_ACCORDING = re.compile(r" \(according to (.+)\)$")


def mark_statement(text: str, *, negated: bool, hedged: bool, according_to: str) -> str:
    """A statement's words with its marks, in the one order split_statement reads back."""
    return (
        text
        + NEGATED_MARK * negated
        + HEDGED_MARK * hedged
        + (ACCORDING_MARK.format(according_to) if according_to else "")
    )


def split_statement(text: str) -> tuple[str, bool, bool, str]:
    """(words, negated, hedged, according to) of a marked statement (mark_statement's inverse)."""
    according = _ACCORDING.search(text)
    speaker = according[1] if according else ""
    if according:
        text = text[: according.start()]
    hedged = text.endswith(HEDGED_MARK)
    text = text.removesuffix(HEDGED_MARK)
    negated = text.endswith(NEGATED_MARK)
    return text.removesuffix(NEGATED_MARK), negated, hedged, speaker


# --- how lists and evidence are held in one text attribute (GraphML and GEXF take scalars only) -----------

# aliases, relation names (edge label) and statements: items joined by LIST_SEPARATOR
LIST_SEPARATOR = " | "
# evidence: one line per sentence, "[document] sentence"; a sentence never holds a line break
EVIDENCE_SEPARATOR = "\n"
_EVIDENCE_LINE = re.compile(r"\[([^\]\n]*)\] ?(.*)", re.S)


def join_list(items: Iterable[str]) -> str:
    """Items as one attribute value: 'Türkiye | Turkey'."""
    return LIST_SEPARATOR.join(items)


def split_list(value: Any) -> list[str]:
    """The items of a joined attribute value; empty items (and an empty or missing value) give none."""
    return [item for item in str(value or "").split(LIST_SEPARATOR) if item]


def evidence_line(document: str, sentence: str) -> str:
    """One sentence of evidence as its line: '[document] sentence', line breaks inside it made spaces."""
    if "\n" in sentence or "\r" in sentence:
        sentence = " ".join(sentence.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return f"[{document}] {sentence}"


def join_evidence(lines: Iterable[str]) -> str:
    """Evidence lines (from evidence_line) as the edge's `evidence` value."""
    return EVIDENCE_SEPARATOR.join(lines)


def split_evidence(value: Any) -> list[tuple[str, str]]:
    """An `evidence` value as (document, sentence) pairs, best first; a line without a [document] tag
    (an edited file) is a sentence of document ''. Blank lines are skipped."""
    pairs = []
    for line in str(value or "").split(EVIDENCE_SEPARATOR):
        line = line.strip()
        if line:
            match = _EVIDENCE_LINE.fullmatch(line)
            pairs.append((match[1], match[2]) if match else ("", line))
    return pairs


# The attributes that hold a list in one text value, with the separator joining its items: what a format
# with list values (Neo4j's string[] in the neo4j-import files) splits again.
NODE_LISTS: dict[str, str] = {"aliases": LIST_SEPARATOR}
EDGE_LISTS: dict[str, str] = {
    "label": LIST_SEPARATOR,
    "statements": LIST_SEPARATOR,
    "classes": LIST_SEPARATOR,
    "dates": LIST_SEPARATOR,
    "evidence": EVIDENCE_SEPARATOR,
}


def split_items(value: Any, separator: str) -> list[str]:
    """The items of a list attribute joined with `separator`, blank ones left out."""
    return [item for item in str(value or "").split(separator) if item.strip()]


# One colour per type, shared by the page, GraphML (r, g, b) and GEXF (viz:color).
PALETTE: dict[str, str] = {
    "person": "#e4572e",
    "country": "#1f77b4",
    "organization": "#2ca02c",
    "location": "#9467bd",
}
DEFAULT_COLOR = "#7f7f7f"
CO_MENTION_COLOR = "#c8c8c8"  # an edge of co-mentions only: the relation classes' colours are in data

_DEFAULTS = {str: "", int: 0, float: 0.0, bool: False}


def _coerce(value: Any, kind: type) -> Any:
    if value is None:
        return _DEFAULTS[kind]
    if kind is str:
        return value if isinstance(value, str) else str(value)
    return kind(value)


def coerce_node(attrs: dict[str, Any]) -> dict[str, Any]:
    """Return node attributes with every schema attribute present and of its declared type."""
    return {name: _coerce(attrs.get(name), kind) for name, (kind, _) in NODE_ATTRIBUTES.items()}


def coerce_edge(attrs: dict[str, Any]) -> dict[str, Any]:
    """Return edge attributes with every schema attribute present and of its declared type."""
    return {name: _coerce(attrs.get(name), kind) for name, (kind, _) in EDGE_ATTRIBUTES.items()}


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)
