"""Known names: countries, their aliases and demonyms, cities, regions, seats of power, organisations.

The reference data lives in `graphkit/data/` (countries.json, places.json, regions.json,
organizations.json, and titles.txt read by `names.titles`) and is loaded once per process by `load_gazetteer()`.

Look-ups are exact, never fuzzy: a name, alias or demonym matches case-insensitively (and with or
without accents), but an acronym of at most three letters only in the case it is written in, so "US"
is the United States and "us" is nothing. A leading "the" and a trailing possessive are ignored.

>>> g = load_gazetteer()
>>> g.lookup("the Russian Federation's").canonical
'Russia'
>>> g.lookup("Bishkek").country
'Kyrgyzstan'
>>> g.lookup("us") is None
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from graphkit.names import LOOKUP_QUOTES, name_words, normal_form, title_length, titles

COUNTRY, ORGANIZATION, LOCATION = "country", "organization", "location"

_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|')$", re.IGNORECASE)
_LOOKUP_CACHE = 200_000
# British and American spellings of the same organisation name.
_SPELLINGS = (("Organization", "Organisation"), ("Co-operation", "Cooperation"), ("Programme", "Program"))


@dataclass(frozen=True)
class GazetteerEntry:
    """What a known name stands for.

    canonical: the name to show ("Turkey", "Eurasian Economic Union", "Bishkek").
    type: graphkit entity type, "country" | "organization" | "location".
    kind: how the text named it, "name" | "alias" | "acronym" | "demonym" | "place" | "metonym".
    country: the country it belongs to (itself for a country), None for organisations and for
        regions that span several countries or are disputed.
    label: the spaCy label the name would get, "GPE" | "LOC" | "ORG" | "NORP".
    """

    canonical: str
    type: str
    kind: str
    country: str | None
    label: str = "GPE"

    @property
    def mention_type(self) -> str:
        """The entity type of what a mention of this name names: a demonym ("Kyrgyz") names its country."""
        return COUNTRY if self.kind == "demonym" else self.type


def is_short_acronym(text: str) -> bool:
    """Three letters or fewer, written in capitals ("US", "U.K.", "G7", "BiH"): matched case-sensitively."""
    if " " in text or (len(text) > 3 and text.isalpha()):
        return False  # most names: spare counting their letters
    letters = [ch for ch in text if ch.isalpha()]
    uppers = sum(ch.isupper() for ch in letters)
    if " " in text or not letters or len(letters) > 3:
        return False
    return uppers >= 2 or len(letters) == uppers == 1


def _looks_like_acronym(text: str) -> bool:
    """'UK', 'U.S.A.', 'DPRK', 'BiH' — how a country alias is told apart from a name."""
    letters = [ch for ch in text if ch.isalpha()]
    uppers = sum(ch.isupper() for ch in letters)
    return " " not in text and len(letters) >= 2 and uppers >= 2 and uppers * 2 >= len(letters) + 1


class Gazetteer:
    """Exact look-ups over the reference data, and spaCy span_ruler patterns built from it."""

    def __init__(
        self,
        countries: list[dict],
        places: list[dict],
        regions: dict,
        organizations: list[dict],
        titles: frozenset[str],
    ):
        self.titles: frozenset[str] = titles
        self._exact: dict[str, GazetteerEntry] = {}  # short acronyms, case kept
        self._folded: dict[str, GazetteerEntry] = {}  # everything else, folded
        self._forms: dict[str, GazetteerEntry] = {}  # every written form, for patterns
        self._capitals: set[str] = set()
        self.conflicts: list[tuple[str, str, str]] = []  # (form, kept canonical, refused canonical)
        self._seen: dict[str, GazetteerEntry | None] = {}  # look-ups repeat a lot within a corpus

        for c in countries:
            name = c["name"]
            self._add(name, GazetteerEntry(name, COUNTRY, "name", name, "GPE"))
        for c in countries:
            name = c["name"]
            for alias in c["aliases"]:
                kind = "acronym" if _looks_like_acronym(alias) else "alias"
                self._add(alias, GazetteerEntry(name, COUNTRY, kind, name, "GPE"))
            for demonym in c["demonyms"]:
                self._add(demonym, GazetteerEntry(name, COUNTRY, "demonym", name, "NORP"))
        for m in regions["metonyms"]:
            for form in (m["name"], *m["aliases"]):
                self._add(form, GazetteerEntry(m["country"], COUNTRY, "metonym", m["country"], "GPE"))
        for r in regions["regions"]:
            label = r.get("label") or ("GPE" if r["country"] else "LOC")
            entry = GazetteerEntry(r["name"], LOCATION, "place", r["country"], label)
            for form in (r["name"], *r["aliases"]):
                self._add(form, entry)
        for o in organizations:
            name = o["name"]
            for form in _spelling_variants(name):
                self._add(form, GazetteerEntry(name, ORGANIZATION, "name", None, "ORG"))
            for acronym in o["acronyms"]:
                self._add(acronym, GazetteerEntry(name, ORGANIZATION, "acronym", None, "ORG"))
            for alias in o["aliases"]:
                for form in _spelling_variants(alias):
                    self._add(form, GazetteerEntry(name, ORGANIZATION, "alias", None, "ORG"))
        for p in places:
            entry = GazetteerEntry(p["name"], LOCATION, "place", p["country"], "GPE")
            for form in (p["name"], *p["aliases"]):
                self._add(form, entry)
            if p.get("capital"):
                self._capitals.add(p["name"])

    def _add(self, form: str, entry: GazetteerEntry) -> None:
        form = normal_form(form, quotes=LOOKUP_QUOTES)
        form = _ARTICLE.sub("", form) if len(form.split()) > 1 else form
        table, key = (self._exact, form) if is_short_acronym(form) else (self._folded, _key(form))
        old = table.get(key)
        if old is not None:
            if old.canonical != entry.canonical:
                self.conflicts.append((form, old.canonical, entry.canonical))
            return
        table[key] = entry
        self._forms[form] = entry
        plain = normal_form(form, quotes=LOOKUP_QUOTES, strip_accents=True)
        if plain != form and table is self._folded:
            self._forms.setdefault(plain, entry)

    def lookup(self, text: str) -> GazetteerEntry | None:
        """The entry `text` names exactly, ignoring 'the', a possessive, case, accents and curly quotes."""
        if text in self._seen:
            return self._seen[text]
        entry = self._lookup(text)
        if len(self._seen) < _LOOKUP_CACHE:
            self._seen[text] = entry
        return entry

    def _lookup(self, text: str) -> GazetteerEntry | None:
        name = normal_form(text, quotes=LOOKUP_QUOTES)
        for candidate in _candidates(name):
            entry = self._exact.get(candidate)
            if entry is None and not is_short_acronym(candidate):
                entry = self._folded.get(_key(candidate))
            if entry is not None:
                return entry
        return None

    def country_of(self, name: str) -> str | None:
        """The country a place, region, demonym or country name belongs to ("Bishkek" -> "Kyrgyzstan")."""
        entry = self.lookup(name)
        return entry.country if entry is not None else None

    def demonym(self, word: str) -> str | None:
        """The country a demonym names ("Kyrgyz" -> "Kyrgyzstan"); None for a word that is not a demonym."""
        entry = self.lookup(word)
        return entry.country if entry is not None and entry.kind == "demonym" else None

    def seat_of_power(self, name: str) -> str | None:
        """The country a capital or seat of power stands for ("Ankara", "the Kremlin"), else None."""
        entry = self.lookup(name)
        if entry is None:
            return None
        if entry.kind == "metonym" or (entry.type == LOCATION and entry.canonical in self._capitals):
            return entry.country
        return None

    def forms(self) -> Iterator[tuple[str, GazetteerEntry]]:
        """Every written form known, with its entry (accent-free spellings included)."""
        return iter(self._forms.items())

    def patterns(self) -> list[dict[str, Any]]:
        """spaCy span_ruler patterns for every known form, with the canonical name as the pattern id.

        Acronyms of three letters or fewer are token patterns on ORTH, so "US" matches and "us" does
        not. Every other form is a phrase (string) pattern: add them to a span_ruler configured with
        `phrase_matcher_attr="LOWER"` to match case-insensitively. Phrases rather than token patterns
        because spaCy's Matcher slows to ~1,000 words/s with thousands of patterns, the PhraseMatcher
        does not. Labels: GPE for countries, cities and seats of power, LOC for regions without a
        country, ORG for organisations, NORP for demonyms. Matches are not filtered for capitals:
        "turkey" matches, so callers that care check the first letter.
        """
        tokenizer = _tokenizer()
        seen: set[str] = set()
        patterns: list[dict[str, Any]] = []
        for form, entry in self._forms.items():
            for written in dict.fromkeys((form, form.replace("'", "’"))):
                pattern: str | list[dict[str, str]]
                if is_short_acronym(written):
                    pattern = [{"ORTH": t.text} for t in tokenizer(written)]
                    key = "\x00".join(t["ORTH"] for t in pattern)
                else:
                    pattern, key = written, _key(written) if written.isascii() else written.casefold()
                if key in seen:
                    continue
                seen.add(key)
                patterns.append({"label": entry.label, "pattern": pattern, "id": entry.canonical})
        return patterns


def person_shaped(words: list[str]) -> bool:
    """Two to four capitalised words (a hyphenated name's parts apart), none a known name, organisation
    word or title: how a person's name NER typed otherwise ("Kassym-Jomart Tokayev" as ORG) is told."""
    heads = name_words()["organization_heads"]
    gazetteer = load_gazetteer()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() and w.isalpha() and w.casefold() not in heads for w in words)
        and not title_length(words)
        and not any(title_length([w]) or gazetteer.lookup(w) for w in words)
    )


def _key(text: str) -> str:
    """A form as the folded table holds it: case and accents ignored ('Türkiye' and 'TURKIYE' share one)."""
    return normal_form(text, quotes=LOOKUP_QUOTES, casefold=True, strip_accents=True)


def _candidates(name: str) -> Iterator[str]:
    """The text as written, then without 'the', then without a possessive, then without both."""
    yield name
    bare = _ARTICLE.sub("", name)
    if bare != name:
        yield bare
    for text in (name, bare):
        cut = _POSSESSIVE.sub("", text).rstrip()
        if cut != text and cut:
            yield cut


def _spelling_variants(name: str) -> list[str]:
    variants = [name]
    for a, b in _SPELLINGS:
        for old, new in ((a, b), (b, a)):
            variants += [v.replace(old, new) for v in variants if old in v]
    return list(dict.fromkeys(variants))


@lru_cache(maxsize=1)
def _tokenizer():
    """spaCy's English tokenizer, so patterns split names exactly as documents are split."""
    import spacy

    return spacy.blank("en").tokenizer


def _read(name: str) -> str:
    return resources.files("graphkit.data").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer built from graphkit/data, loaded once per process."""
    return Gazetteer(
        countries=json.loads(_read("countries.json")),
        places=json.loads(_read("places.json")),
        regions=json.loads(_read("regions.json")),
        organizations=json.loads(_read("organizations.json")),
        titles=frozenset(titles("name")),
    )
