"""The words typed relations are made of, loaded once from the data files next to this module.

verbs.tsv names the verbs worth a relation, nouns.tsv the nouns that carry one (member, meeting) or stand for a
country (the Turkish side), cues.tsv the words of negation, hedging and "former"; the titles are those of
graphkit/data/titles.txt marked "role".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graphkit.names import titles

DATA = Path(__file__).resolve().parent
_WORDS = re.compile(r"[\w'.]+|-")


@dataclass(frozen=True)
class Vocabulary:
    verbs: dict[str, str]  # lemma -> relation name ("meet" -> "met")
    reciprocal: frozenset[str]  # verbs where "X and Y met" relates X and Y
    prepositions: dict[str, frozenset[str]]  # verb -> prepositions bringing in its other party ("offer" -> to)
    affiliations: dict[str, str]  # noun lemma -> relation name ("member" -> "member of")
    events: dict[str, str]  # noun lemma -> relation name ("meeting" -> "met")
    proxies: frozenset[str]  # nouns that stand for the country modifying them ("side", "government")
    roles: dict[tuple[str, ...], str]  # title as lower-case tokens -> title ("prime", "minister") -> "prime minister"
    longest_role: int  # most tokens in a title, a bound for matching
    role_firsts: frozenset[str]  # the first words of titles: no title starts at any other word
    role_lasts: frozenset[str]  # and their last words
    reporting: frozenset[str]
    hedges: frozenset[str]
    modals: frozenset[str]
    negating: frozenset[str]
    former: frozenset[str]
    event_prepositions: dict[str, frozenset[str]]  # event noun -> prepositions bringing in its other party
    speaking: frozenset[str]  # verbs whose subject speaks the words of their complement ("say", "tell")
    spokesmen: frozenset[str]  # nouns that speak for the body modifying them ("a Microsoft spokesman")
    light: frozenset[str]  # verbs an event noun's name stands for ("held talks", "made a bid")
    judging: frozenset[str]  # verbs that judge a party by its act ("condemned Russia's invasion")


def title_words(title: str) -> tuple[str, ...]:
    """A title as spaCy tokenizes it, lower case: "Secretary-General" -> ("secretary", "-", "general")."""
    return tuple(_WORDS.findall(title.lower()))


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@cache
def load_vocabulary() -> Vocabulary:
    verbs = _rows("verbs.tsv")
    nouns = _rows("nouns.tsv")
    roles = {title_words(title): title.lower() for title in titles("role")}
    cues: dict[str, set[str]] = {}
    for kind, word in _rows("cues.tsv"):
        cues.setdefault(kind, set()).add(word.lower())
    return Vocabulary(
        verbs={row[0]: row[1] for row in verbs},
        reciprocal=frozenset(row[0] for row in verbs if row[2:3] == ["reciprocal"]),
        prepositions={row[0]: frozenset(row[3].split(",")) for row in verbs if len(row) > 3 and row[3]},
        affiliations={row[0]: row[2] for row in nouns if row[1] == "affiliation"},
        events={row[0]: row[2] for row in nouns if row[1] == "event"},
        proxies=frozenset(row[0] for row in nouns if row[1] == "proxy"),
        roles=roles,
        longest_role=max(len(words) for words in roles),
        role_firsts=frozenset(words[0] for words in roles if words),
        role_lasts=frozenset(words[-1] for words in roles if words),
        reporting=frozenset(cues["reporting"]),
        hedges=frozenset(cues["hedge"]),
        modals=frozenset(cues["modal"]),
        negating=frozenset(cues["negating"]),
        former=frozenset(cues["former"]),
        event_prepositions={
            row[0]: frozenset(row[3].split(",")) for row in nouns if len(row) > 3 and row[1] == "event"
        },
        speaking=frozenset(cues["speaking"]),
        spokesmen=frozenset(cues["spokesman"]),
        light=frozenset(cues["light"]),
        judging=frozenset(cues["judging"]),
    )
