"""Name forms: what a surface mention becomes before entities are compared (titles, articles, possessives).

`normal_form` is the one normaliser of names; `plain` and `name_key` are its two common settings, the
gazetteer and the query filters call it with their own quote tables.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

# Curly and typographic quotes turned straight. Three readers of names have always differed in which they
# know, and outputs depend on it, so each set is kept by name: labels and name keys, gazetteer look-ups,
# names typed in a query.
QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
LOOKUP_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"'})
APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\s*'s?$")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_WORD_BREAK = re.compile(r"[\s\-]+")
_STOPWORDS = {"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "&"}


def normal_form(
    text: str,
    *,
    quotes: dict[int, str] = QUOTES,
    casefold: bool = False,
    strip_accents: bool = False,
    dots: bool = True,
) -> str:
    """The one normaliser of names: NFC, straight `quotes` and single spaces, then as asked case folded,
    accents stripped ('Erdoğan' -> 'Erdogan') and full stops dropped ('U.S.' -> 'US').

    Accents go by compatibility decomposition before case folding, so a folded key has no capitals left
    whatever the letter ('ᴬ' -> 'a'); spaces a decomposition makes ('´') are collapsed again, and a form
    that keeps its case is composed again (NFC) so it can be shown and matched.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = " ".join(text.translate(quotes).split())
    if strip_accents and not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
        if not casefold:
            text = unicodedata.normalize("NFC", text)
    if casefold:
        text = text.casefold()
    return text if dots else text.replace(".", "")


def plain(text: str) -> str:
    """NFC, straight quotes and single spaces: the form every comparison starts from."""
    return normal_form(text)


def strip_article_and_possessive(text: str) -> str:
    """'the Russian Federation's' -> 'Russian Federation'."""
    name = plain(text)
    # each pattern only where it can match: most names have no article, possessive or stray punctuation
    if name[:1] in "tTaA":
        name = _LEADING_ARTICLE.sub("", name)
    if name.endswith(("'", "'s")):
        name = _POSSESSIVE.sub("", name)
    if name.endswith("."):
        return name.lstrip("-–—,;: ")
    return name if name[:1].isalnum() and name[-1:].isalnum() else _EDGE_PUNCT.sub("", name)


@lru_cache(maxsize=1)
def name_words() -> dict[str, frozenset[str]]:
    """Word lists from graphkit/data/name_words.json: organisation heads, generic prefixes, not-names."""
    text = resources.files("graphkit.data").joinpath("name_words.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return {key: frozenset(w.casefold() for w in words) for key, words in data.items() if isinstance(words, list)}


@lru_cache(maxsize=8)
def titles(use: str) -> tuple[str, ...]:
    """The titles of graphkit/data/titles.txt marked for `use`, in file order: "name" (stripped from the
    front of a person's name), "role" (ties a person to a country or organisation in relations), "peer", ..."""
    text = resources.files("graphkit.data").joinpath("titles.txt").read_text(encoding="utf-8")
    found = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            title, _, uses = line.partition("\t")
            if use in uses.split():
                found.append(title.strip())
    return tuple(found)


@lru_cache(maxsize=1)
def _titles() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Titles as folded word tuples, by their first word, longest first (most words are no title's start)."""
    folded = {tuple(t.casefold().replace(".", "").split()) for t in titles("name")}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for title in folded:
        if title:
            by_first.setdefault(title[0], []).append(title)
    return {first: tuple(sorted(group, key=len, reverse=True)) for first, group in by_first.items()}


def title_length(words: list[str]) -> int:
    """How many leading words form a person's title ('Prime Minister ...' -> 2), 0 if none."""
    if not words:
        return 0
    candidates = _titles().get(words[0].casefold().replace(".", ""))
    if not candidates:
        return 0
    folded = tuple(w.casefold().replace(".", "") for w in words[: len(candidates[0])])
    for title in candidates:
        if folded[: len(title)] == title:
            return len(title)
    return 0


def strip_titles(name: str) -> str:
    """'Prime Minister Ulukbek Maripov' -> 'Ulukbek Maripov'; a name that is only a title stays as it is."""
    words = name.split()
    while len(words) > 1:
        cut = title_length(words)
        if not cut or cut >= len(words):
            break
        words = words[cut:]
    return " ".join(words)


def person_name(text: str) -> str:
    """The name of a person as a label: no article, possessive or title."""
    return strip_titles(strip_article_and_possessive(text))


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Case-, accent- and full-stop-insensitive key: 'Türkiye' and 'TURKIYE' share one, 'U.S.' and 'US' too."""
    return normal_form(text, casefold=True, strip_accents=True, dots=False)


@lru_cache(maxsize=1)
def _transliterations() -> tuple[tuple[str, str], ...]:
    """The spellings of graphkit/data/transliteration.tsv, in file order."""
    text = resources.files("graphkit.data").joinpath("transliteration.tsv").read_text(encoding="utf-8")
    pairs = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            spelling, _, folded = line.partition("\t")
            pairs.append((spelling, folded.strip()))
    return tuple(pairs)


@lru_cache(maxsize=1 << 14)
def transliteration_key(text: str) -> str:
    """`name_key` with romanisations folded too, and doubled letters made single: 'Doğan', 'Dogan' and
    'Doggan' share one, as do 'Zhukhovitsky' and 'Jukhovitski'. Too loose to merge by; what `graphkit review`
    shows as a near miss."""
    key = name_key(text)
    for spelling, folded in _transliterations():
        if spelling in key:
            key = key.replace(spelling, folded)
    return re.sub(r"(\w)\1+", r"\1", key)


def initials(name: str) -> str:
    """'Collective Security Treaty Organization' -> 'CSTO' (function words skipped)."""
    words = _WORD_BREAK.split(plain(name))
    return "".join(w[0].upper() for w in words if w and w.casefold() not in _STOPWORDS and w[0].isalpha())


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()


_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_.'’-]*(?:[.'’-]+[^\W\d_]+)*[.'’]?")
MAX_NAME_WORDS = 6


def plausible_person_name(text: str) -> bool:
    """Whether `text` (a byline, a metadata author) can be a person's name: one to six words of letters
    with the marks names have (J. R. R. Tolkien, O'Neil, Jean-Pierre). A formula (=HYPERLINK("http://x")),
    a URL, an address, brackets, quotes or digits are not names: a byline that holds them names nobody."""
    words = text.split()
    return 0 < len(words) <= MAX_NAME_WORDS and all(_NAME_WORD.fullmatch(word) for word in words)


def looks_like_name(text: str) -> bool:
    """A name has a letter, starts with a capital or digit, and is not a whole sentence."""
    return (
        (text[:1].isalpha() or any(c.isalpha() for c in text))
        and (text[:1].isupper() or text[:1].isdigit())
        and len(text) <= 80
        and len(text.split()) <= 8
    )
