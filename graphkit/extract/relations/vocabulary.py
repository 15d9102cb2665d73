"""The words typed relations are made of, loaded once from the data files next to this module.

verbs.tsv names the verbs worth a relation, nouns.tsv the nouns that carry one (member, meeting), stand for
a country (the Turkish side), name a body (firm) or a part of a country (region), cues.tsv the words of
negation, hedging and "former"; the titles are those of
graphkit/data/titles.txt marked "role".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graphkit.names import titles
from graphkit.relation_types import RelationDataError, data_rows

DATA_PATH = "graphkit/extract/relations"  # how errors name the files beside this module

DATA = Path(__file__).resolve().parent
_WORDS = re.compile(r"[\w'.]+|-")
NOUN_KINDS = ("affiliation", "event", "gathering", "proxy", "body", "territory")
CUE_KINDS = (
    "reporting",
    "hedge",
    "modal",
    "negating",
    "former",
    "leaving",
    "speaking",
    "spokesman",
    "light",
    "judging",
    "contrast",
)


@dataclass(frozen=True)
class Vocabulary:
    verbs: dict[str, str]  # lemma -> relation name ("meet" -> "met")
    reciprocal: frozenset[str]  # verbs where "X and Y met" relates X and Y
    prepositions: dict[str, frozenset[str]]  # verb -> prepositions bringing in its other party ("offer" -> to)
    affiliations: dict[str, str]  # noun lemma -> relation name ("member" -> "member of")
    events: dict[str, str]  # noun lemma -> relation name ("meeting" -> "met")
    gatherings: dict[str, str]  # where the parties are together: "a meeting between X and Y in Z" -> "was in"
    proxies: frozenset[str]  # nouns that stand for the country modifying them ("side", "government")
    bodies: frozenset[str]  # nouns that name a body ("US firm X"; "Britain's biggest union leader")
    territories: frozenset[str]  # nouns of a part of a country ("the Batken region of Kyrgyzstan")
    roles: dict[tuple[str, ...], str]  # title as lower-case tokens -> title ("prime", "minister") -> "prime minister"
    trades: frozenset[str]  # occupations ("editor"): a country before one gives an origin
    positions: frozenset[str]  # places in a team ("striker"): a demonym before one gives an origin
    longest_role: int  # most tokens in a title, a bound for matching
    role_firsts: frozenset[str]  # the first words of titles: no title starts at any other word
    role_lasts: frozenset[str]  # and their last words
    reporting: frozenset[str]
    hedges: frozenset[str]
    modals: frozenset[str]
    negating: frozenset[str]
    former: frozenset[str]
    leaving: frozenset[str]  # verbs that end the role "as" introduces: "resigned as chairman"
    event_prepositions: dict[str, frozenset[str]]  # event noun -> prepositions bringing in its other party
    speaking: frozenset[str]  # verbs whose subject speaks the words of their complement ("say", "tell")
    spokesmen: frozenset[str]  # nouns that speak for the body modifying them ("a Microsoft spokesman")
    light: frozenset[str]  # verbs an event noun's name stands for ("held talks", "made a bid")
    judging: frozenset[str]  # verbs that judge a party by its act ("condemned Russia's invasion")
    contrast: frozenset[str]  # marks of a clause set against a reported one ("X said ..., while Y ...")


def title_words(title: str) -> tuple[str, ...]:
    """A title as spaCy tokenizes it, lower case: "Secretary-General" -> ("secretary", "-", "general")."""
    return tuple(_WORDS.findall(title.lower()))


def _rows(text: str, file: str, widths: range) -> list[tuple[int, list[str]]]:
    return data_rows(text, f"{DATA_PATH}/{file}", widths)


def _fail(file: str, line: int, problem: str) -> RelationDataError:
    return RelationDataError(f"{DATA_PATH}/{file}:{line}: {problem}")


def parse_verbs(text: str, file: str = "verbs.tsv") -> list[list[str]]:
    """verbs.tsv: lemma, relation name, "reciprocal" or nothing, prepositions."""
    rows = []
    for line, cells in _rows(text, file, range(2, 5)):
        if " " in cells[0]:
            raise _fail(file, line, f"lemma {cells[0]!r} is more than one word")
        if len(cells) > 2 and cells[2] not in ("", "reciprocal"):
            raise _fail(file, line, f"{cells[2]!r} where 'reciprocal' or nothing is read")
        rows.append(cells + [""] * (4 - len(cells)))
    return rows


def parse_nouns(text: str, file: str = "nouns.tsv") -> list[list[str]]:
    """nouns.tsv: lemma, kind (NOUN_KINDS), relation name (for an affiliation, an event or a gathering)."""
    rows = []
    for line, cells in _rows(text, file, range(2, 5)):
        if cells[1] not in NOUN_KINDS:
            raise _fail(file, line, f"kind {cells[1]!r} is not one of {', '.join(NOUN_KINDS)}")
        if cells[1] in ("affiliation", "event", "gathering") and len(cells) < 3:
            raise _fail(file, line, f"{cells[0]!r} ({cells[1]}) has no relation name")
        rows.append(cells + [""] * (3 - len(cells)))
    return rows


def parse_cues(text: str, file: str = "cues.tsv") -> dict[str, set[str]]:
    """cues.tsv: kind, word."""
    cues: dict[str, set[str]] = {kind: set() for kind in CUE_KINDS}
    for line, (kind, word) in _rows(text, file, range(2, 3)):
        if kind not in cues:
            raise _fail(file, line, f"kind {kind!r} is not one of {', '.join(CUE_KINDS)}")
        cues[kind].add(word.lower())
    return cues


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


@cache
def load_vocabulary() -> Vocabulary:
    """The vocabulary of the data files; RelationDataError, naming the file and line, for a malformed row."""
    verbs = parse_verbs(_read("verbs.tsv"))
    nouns = parse_nouns(_read("nouns.tsv"))
    roles = {title_words(title): title.lower() for title in titles("role")}
    cues = parse_cues(_read("cues.tsv"))
    return Vocabulary(
        verbs={row[0]: row[1] for row in verbs},
        reciprocal=frozenset(row[0] for row in verbs if row[2:3] == ["reciprocal"]),
        prepositions={row[0]: frozenset(row[3].split(",")) for row in verbs if row[3]},
        affiliations={row[0]: row[2] for row in nouns if row[1] == "affiliation"},
        events={row[0]: row[2] for row in nouns if row[1] == "event"},
        gatherings={row[0]: row[2] for row in nouns if row[1] == "gathering"},
        proxies=frozenset(row[0] for row in nouns if row[1] == "proxy"),
        bodies=frozenset(row[0] for row in nouns if row[1] == "body"),
        territories=frozenset(row[0] for row in nouns if row[1] == "territory"),
        roles=roles,
        trades=frozenset(title.lower() for title in titles("trade")),
        positions=frozenset(title.lower() for title in titles("position")),
        longest_role=max(len(words) for words in roles),
        role_firsts=frozenset(words[0] for words in roles if words),
        role_lasts=frozenset(words[-1] for words in roles if words),
        reporting=frozenset(cues["reporting"]),
        hedges=frozenset(cues["hedge"]),
        modals=frozenset(cues["modal"]),
        negating=frozenset(cues["negating"]),
        former=frozenset(cues["former"]),
        leaving=frozenset(cues["leaving"]),
        event_prepositions={
            row[0]: frozenset(row[3].split(",")) for row in nouns if len(row) > 3 and row[1] == "event"
        },
        speaking=frozenset(cues["speaking"]),
        spokesmen=frozenset(cues["spokesman"]),
        light=frozenset(cues["light"]),
        judging=frozenset(cues["judging"]),
        contrast=frozenset(cues["contrast"]),
    )
