"""What `graphkit review` asks about: the least certain joins the build made, and the near misses it did not.

The joins come from merges.csv (each with the rule that made it); the near misses are found here, from the
saved entities, by tests no automatic rule trusts enough to merge on: two people with one surname, a
name that is a run of another's words, an acronym beside an entity with those initials, two names that
spell alike once romanisations are folded (names.transliteration_key), one name NER cut in two at its
"and", and a capital or seat of power that the text uses for its country ("Moscow paid attention"). Each
item carries its evidence (the forms, their documents and a sentence each, from mentions.csv and
evidence.csv) and is ranked by how much of the graph it touches: the mentions and weighted degree of the
entities involved. A pair the alias file already decides (AliasRules.decides) is not asked again.
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from graphkit.export.graphfile import graph_file
from graphkit.export.tables import cell_text
from graphkit.gazetteer import load_gazetteer
from graphkit.names import initials, is_acronym, name_key, name_words, transliteration_key
from graphkit.paths import source_path
from graphkit.read import SourceError, read_sources
from graphkit.resolve.aliases import AliasRules
from graphkit.resolve.entities import (
    ACRONYM_DEFINED,
    ACRONYM_INITIALS,
    CLOSE_TYPE_VOTE,
    FIRST_NAME_IN_ARTICLE,
    ONE_LETTER,
    SURNAME_IN_ARTICLE,
    SURNAME_IN_CORPUS,
)
from graphkit.schema import split_list

# The joins worth a second look, least certain first (the order breaks ties of rank).
UNCERTAIN = (
    ONE_LETTER,
    SURNAME_IN_CORPUS,
    ACRONYM_INITIALS,
    CLOSE_TYPE_VOTE,
    FIRST_NAME_IN_ARTICLE,
    SURNAME_IN_ARTICLE,
    ACRONYM_DEFINED,
)
SAME_SURNAME = "same surname"
NAME_INSIDE = "a name inside another"
ACRONYM_EXPANSION = "acronym of another entity"
SPELLING = "spelling variant"
SURNAME_SPELLING = "surnames spelt nearly alike"
CUT_IN_TWO = "one name cut in two"
STANDS_FOR = "a capital standing for its country"
NEAR_MISSES = (SAME_SURNAME, NAME_INSIDE, ACRONYM_EXPANSION, SPELLING, SURNAME_SPELLING, CUT_IN_TWO, STANDS_FOR)


@dataclass
class Form:
    """One side of an item: a name, the documents that use it and one sentence where it stands."""

    name: str
    entity: str
    mentions: int = 0
    documents: list[str] = field(default_factory=list)
    sentence: str = ""
    document: str = ""  # the document of `sentence`


@dataclass
class Item:
    """One question: `merged` (the build joined `forms[0]` into `forms[1]`: right?) or a near miss (the
    build kept them apart: one entity?)."""

    merged: bool
    rule: str
    forms: list[Form]
    touches: float
    detail: str = ""

    @property
    def names(self) -> tuple[str, str]:
        return self.forms[0].name, self.forms[1].name

    @property
    def merge(self) -> tuple[str, str]:
        """(name kept, name joined into it) when the answer is yes: the build's own direction for a join it
        made, the country for a capital, else the name mentioned more often."""
        first, second = self.names
        keep_second = self.merged or self.rule == STANDS_FOR or self.forms[1].mentions >= self.forms[0].mentions
        return (second, first) if keep_second else (first, second)

    def to_dict(self) -> dict:
        return {
            "kind": "merge" if self.merged else "near miss",
            "rule": self.rule,
            "names": list(self.names),
            "entities": [f.entity for f in self.forms],
            "touches": round(self.touches, 2),
            "detail": self.detail,
            "evidence": [
                {
                    "form": f.name,
                    "entity": f.entity,
                    "mentions": f.mentions,
                    "documents": f.documents,
                    "sentence": f.sentence,
                    "document": f.document,
                }
                for f in self.forms
            ],
        }


def _rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV table beside the graph, cells as graphkit wrote them; none when it is absent."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return [{k: cell_text(v or "") for k, v in row.items()} for row in csv.DictReader(handle)]
    except (OSError, ValueError, csv.Error):
        return []


class _Evidence:
    """Forms, documents and sentences of the entities, from mentions.csv and evidence.csv."""

    def __init__(self, folder: Path):
        documents = _rows(folder / "documents.csv")
        self.paths = {row["document"]: row.get("path", "") for row in documents if row.get("document")}
        self.texts: dict[str, str] = {}  # document -> its text, read again from its file when needed
        self.read: set[str] = set()  # the files read again
        self.mentions: dict[str, list[dict[str, str]]] = defaultdict(list)  # entity -> its mention rows
        for row in _rows(folder / "mentions.csv"):
            if row.get("entity"):
                self.mentions[row["entity"]].append(row)
        self.uses: dict[str, dict[str, str]] = {}  # capital -> a mention of it standing for its country
        self.sentences: dict[str, list[tuple[int, int, str]]] = defaultdict(list)  # document -> sentences
        seen = set()
        for row in _rows(folder / "evidence.csv"):
            try:
                place = (row["document"], int(row["start"]), int(row["end"]))
            except (KeyError, ValueError):
                continue
            if place not in seen:
                seen.add(place)
                self.sentences[place[0]].append((place[1], place[2], row.get("sentence", "")))

    def form(self, entity: str, name: str, graph: nx.Graph, other: str = "") -> Form:
        """The mentions of `entity` whose text holds `name` but not `other` (the name it is compared with,
        when that holds it: 'Putin' beside 'Vladimir Putin'); all of them when `name` is the entity."""
        key, longer = f" {name_key(name)} ", f" {name_key(other)} "
        if longer == key or key not in longer:
            longer = "\x00"
        rows = self.mentions.get(entity, [])
        whole = name == graph.nodes[entity]["label"] if entity in graph else False
        chosen = [r for r in rows if f" {name_key(r.get('text', ''))} " == key] or [
            r for r in rows if key in (text := f" {name_key(r.get('text', ''))} ") and longer not in text
        ]
        chosen = chosen or (rows if whole else [])
        found = Form(name, entity, len(chosen))
        if not chosen and entity in graph:
            found.mentions = int(graph.nodes[entity]["mentions"])
        found.documents = sorted({r["document"] for r in chosen})
        for row in chosen:
            sentence = self.sentence(row)
            if sentence:
                found.sentence, found.document = sentence, row["document"]
                break
        return found

    def cut_in_two(self, graph: nx.Graph) -> list[tuple[str, str, str]]:
        """Two organisations written 'X and Y' with nothing else between them, and never apart: the one name
        NER cut at its 'and' ('Union of Chambers and Commodity Exchanges of Turkey')."""
        rows = sorted(
            (row for rows in self.mentions.values() for row in rows if row.get("type") == "organization"),
            key=lambda r: (r.get("document", ""), int(r["start"]) if r.get("start", "").isdigit() else -1),
        )
        joins: dict[tuple[str, str], int] = {}  # (first entity, second entity) -> how often written so
        for first, second in zip(rows, rows[1:], strict=False):
            if first["document"] != second["document"] or first["entity"] == second["entity"]:
                continue
            try:
                gap = int(second["start"]) - int(first["end"])
            except ValueError:
                continue
            if gap == len(" and ") and f"{first['text']} and {second['text']}" in self.sentence(first):
                pair = (first["entity"], second["entity"])
                joins[pair] = joins.get(pair, 0) + 1
        return [
            (CUT_IN_TWO, a, b)
            for (a, b), times in joins.items()
            if a in graph and b in graph and len(self.mentions[a]) == len(self.mentions[b]) == times
        ]

    def capitals(self, graph: nx.Graph) -> list[tuple[str, str, str]]:
        """A capital or seat of power kept apart from its country, which the graph holds too, and written at
        least once with no word before it that makes it a place: 'Moscow paid attention', 'between Bishkek
        and Dushanbe', 'the Kremlin said'; never for a capital only ever 'in Moscow' or 'a visit to Ankara'."""
        gazetteer = load_gazetteer()
        countries = {data["label"]: node for node, data in graph.nodes(data=True) if data["type"] == "country"}
        place_words = name_words()["place_prepositions"]
        found = []
        for node, data in sorted(graph.nodes(data=True)):
            country = countries.get(gazetteer.seat_of_power(data["label"]) or "")
            if country is None or country == node:
                continue
            use = next((r for r in self.mentions.get(node, ()) if self.word_before(r) not in place_words), None)
            if use is not None:
                self.uses[node] = use
                found.append((STANDS_FOR, node, country))
        return found

    def word_before(self, row: dict[str, str]) -> str:
        """The word before a mention in its sentence, lower case, passing over "the"; "" at the start, and
        "in" when the sentence is in no evidence (a mention not seen is taken for a place: reading the
        articles again for every mention of every capital would take minutes on a large corpus)."""
        found = self._in_evidence(row)
        if found is None:
            return "in"
        start, first, text = found
        if not text[start - first :].startswith(row.get("text", "")):
            return "in"
        before = text[: start - first]
        words = [w.strip(".,;:!?\"'()[]“”‘’").casefold() for w in before.split()]
        words = [w for w in words if w]
        while words and words[-1] == "the":
            words.pop()
        return words[-1] if words else ""

    def sentence(self, row: dict[str, str]) -> str:
        try:
            start = int(row["start"])
        except (KeyError, ValueError):
            return ""
        found = self._in_evidence(row)
        return found[2] if found is not None else self._around(row.get("document", ""), start)

    def _in_evidence(self, row: dict[str, str]) -> tuple[int, int, str] | None:
        """(the mention's start, its sentence's start, the sentence) when evidence.csv holds its sentence."""
        try:
            start = int(row["start"])
        except (KeyError, ValueError):
            return None
        for first, last, text in self.sentences.get(row.get("document", ""), ()):
            if first <= start < last:
                return start, first, text
        return None

    def _around(self, document: str, start: int) -> str:
        """The sentence around `start` in the document as read again from its file (a sentence naming one
        entity is in no relation's evidence); "" when the file is gone."""
        path = self.paths.get(document, "")
        if document not in self.texts and path and path not in self.read and start >= 0:
            self.read.add(path)  # a table of many articles is read once, not once for each of them
            try:
                found = read_sources([source_path(path)])
            except (SourceError, OSError, ValueError):
                found = []
            if len(found) == 1:
                self.texts[document] = found[0].text
            else:
                self.texts.update((item.id, item.text) for item in found if item.id in self.paths)
        text = self.texts.setdefault(document, "")
        if not 0 <= start < len(text):
            return ""
        begin = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
        ends = [i for i in (text.find(". ", start), text.find("\n", start)) if i >= 0]
        return text[begin : min(ends) + 1 if ends else len(text)].strip()


def review_items(
    graph: nx.Graph, folder: str | os.PathLike[str], rules: AliasRules | None = None, n: int | None = None
) -> list[Item]:
    """The questions about the graph saved in `folder`, the ones touching most of it first; at most `n`."""
    folder = Path(folder)
    evidence = _Evidence(folder)
    degree = dict(graph.degree(weight="weight"))

    def touches(*entities: str) -> float:
        return sum(graph.nodes[e]["mentions"] + degree.get(e, 0.0) for e in set(entities) if e in graph)

    items: list[Item] = []
    rank = {rule: i for i, rule in enumerate(UNCERTAIN)}
    rows = sorted(
        (row for row in _rows(folder / "merges.csv") if row.get("rule") in rank),
        key=lambda row: rank[row["rule"]],
    )
    asked: set[tuple[str, str, str]] = set()  # a form joined by two rules is one question
    for row in rows:
        rule, entity, form, into = row.get("rule", ""), row.get("entity", ""), row.get("form", ""), row.get("into", "")
        if rule not in UNCERTAIN or entity not in graph:
            continue
        if rule == CLOSE_TYPE_VOTE:
            forms = [evidence.form(entity, form, graph), evidence.form(entity, graph.nodes[entity]["label"], graph)]
            forms[1].name = f"{graph.nodes[entity]['label']} ({into})"
            items.append(Item(True, rule, forms, touches(entity), row.get("detail", "")))
            continue
        label = graph.nodes[entity]["label"]
        other = into if name_key(into) != name_key(form) else label
        if (entity, name_key(form), name_key(other)) in asked:
            continue
        asked.add((entity, name_key(form), name_key(other)))
        if rules is not None and (rules.decides(form, other) or rules.decides(form, label)):
            continue
        forms = [evidence.form(entity, form, graph, other), evidence.form(entity, other, graph)]
        items.append(Item(True, rule, forms, touches(entity), row.get("detail", "")))
    for rule, a, b in [*near_misses(graph), *evidence.cut_in_two(graph), *evidence.capitals(graph)]:
        la, lb = graph.nodes[a]["label"], graph.nodes[b]["label"]
        if rules is not None and rules.decides(la, lb):
            continue
        forms = [evidence.form(a, la, graph), evidence.form(b, lb, graph)]
        if a in evidence.uses:  # show the capital where it stands for the country
            forms[0].sentence, forms[0].document = evidence.sentence(evidence.uses[a]), evidence.uses[a]["document"]
        items.append(Item(False, rule, forms, touches(a, b)))
    order = {rule: i for i, rule in enumerate((*UNCERTAIN, *NEAR_MISSES))}
    items.sort(key=lambda item: (-item.touches, order[item.rule], item.names))
    return items[:n] if n else items


def near_misses(graph: nx.Graph) -> list[tuple[str, str, str]]:
    """(test, entity, entity) pairs the build kept apart that one of the tests below puts together; each pair
    once, under the first test that finds it."""
    found: dict[frozenset[str], tuple[str, str, str]] = {}

    def add(rule: str, a: str, b: str) -> None:
        if a != b:
            found.setdefault(frozenset((a, b)), (rule, a, b))

    nodes = {node: data for node, data in graph.nodes(data=True)}
    words = {node: [name_key(w) for w in data["label"].split()] for node, data in nodes.items()}
    people = [node for node, data in nodes.items() if data["type"] == "person"]
    by_surname: dict[str, list[str]] = defaultdict(list)
    for node in people:
        if len(words[node]) >= 2:
            by_surname[words[node][-1]].append(node)
    for group in by_surname.values():
        for i, a in enumerate(sorted(group)):
            for b in sorted(group)[i + 1 :]:
                add(SAME_SURNAME, a, b)
    by_word: dict[str, set[str]] = defaultdict(set)
    for node, ws in words.items():
        for w in ws:
            by_word[w].add(node)
    for short, ws in words.items():
        if not ws or len(ws) > 3:
            continue
        for long in sorted(by_word.get(ws[0], ())):
            lw = words[long]
            if len(lw) <= len(ws) or not _inside(ws, lw):
                continue
            if nodes[short]["type"] == nodes[long]["type"] or nodes[long]["type"] == "person":
                add(NAME_INSIDE, short, long)
    by_initials: dict[str, list[str]] = defaultdict(list)
    for node, data in nodes.items():
        if len(words[node]) >= 2 and not is_acronym(data["label"]):
            by_initials[initials(data["label"])].append(node)
    for node, data in nodes.items():
        if is_acronym(data["label"]):
            for other in by_initials.get(data["label"].replace(".", "").upper(), ()):
                if _forms(nodes[other]).isdisjoint(_forms(data)):
                    add(ACRONYM_EXPANSION, node, other)
    surnames: dict[str, list[str]] = defaultdict(list)  # folded surname -> people
    for node in people:
        if words[node]:
            surnames[transliteration_key(words[node][-1])].append(node)
    long_surnames = [name for name in surnames if len(name) >= 5]
    for a_name in long_surnames:
        # at most two letters apart (inserted, deleted or replaced), compared in rapidfuzz's C loop
        close = process.extract(a_name, long_surnames, scorer=Levenshtein.distance, score_cutoff=2, limit=None)
        for b_name, _, _ in close:
            if a_name < b_name:
                for a in surnames[a_name]:
                    for b in surnames[b_name]:
                        if len(words[a]) == 1 or len(words[b]) == 1 or words[a][0][:1] == words[b][0][:1]:
                            add(SURNAME_SPELLING, a, b)
    by_spelling: dict[str, list[str]] = defaultdict(list)
    for node, data in nodes.items():
        for form in {data["label"], *split_list(data["aliases"])}:
            by_spelling[transliteration_key(form)].append(node)
    for group in by_spelling.values():
        unique = sorted(set(group))
        for i, a in enumerate(unique):
            for b in unique[i + 1 :]:
                add(SPELLING, a, b)
    return list(found.values())


def _inside(short: list[str], long: list[str]) -> bool:
    """Whether the words of `short` are a run of the words of `long`."""
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _forms(data: dict) -> set[str]:
    return {name_key(f) for f in (data["label"], *split_list(data["aliases"]))}


def default_alias_file(folder: str | os.PathLike[str]) -> Path:
    """The alias file a build of the documents in `folder`'s documents.csv reads: aliases.yaml (or .yml) in
    the folder holding them all, else beside the first of them; where review writes when there is none yet."""
    parents = []
    for row in _rows(Path(folder) / "documents.csv"):
        path = row.get("path", "")
        if path and not path.startswith("<"):
            parents.append(os.path.dirname(os.path.abspath(path)))
    if not parents:
        return Path("sources") / "aliases.yaml"
    try:
        common = os.path.commonpath(parents)
    except ValueError:
        common = parents[0]
    for place in _unique([common, *parents]):
        for name in ("aliases.yaml", "aliases.yml"):
            if (Path(place) / name).is_file():
                return Path(place) / name
    return Path(common) / "aliases.yaml"


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def graph_folder(path: str | os.PathLike[str]) -> Path:
    """The folder of a saved graph: where its tables are."""
    return graph_file(path).parent
