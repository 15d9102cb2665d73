"""Name forms: what a surface mention becomes before entities are compared (titles, articles, possessives)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\s*'s?$")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_STOPWORDS = {"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "&"}


def plain(text: str) -> str:
    """NFC, straight quotes and single spaces: the form every comparison starts from."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_QUOTES).split())


def strip_article_and_possessive(text: str) -> str:
    """'the Russian Federation's' -> 'Russian Federation'."""
    name = plain(text)
    name = _LEADING_ARTICLE.sub("", name)
    name = _POSSESSIVE.sub("", name)
    return _EDGE_PUNCT.sub("", name) if not name.endswith(".") else name.lstrip("-–—,;: ")


@lru_cache(maxsize=1)
def _titles() -> tuple[tuple[str, ...], ...]:
    from graphkit.gazetteer import load_gazetteer

    titles = {tuple(t.casefold().split()) for t in load_gazetteer().titles}
    return tuple(sorted(titles, key=len, reverse=True))


def strip_titles(name: str) -> str:
    """'Prime Minister Ulukbek Maripov' -> 'Ulukbek Maripov'; a name that is only a title stays as it is."""
    words = name.split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        folded = [w.casefold().rstrip(".") for w in words]
        for title in _titles():
            n = len(title)
            if n < len(words) and tuple(folded[:n]) == tuple(t.rstrip(".") for t in title):
                words = words[n:]
                changed = True
                break
    return " ".join(words)


def person_name(text: str) -> str:
    """The name of a person as a label: no article, possessive or title."""
    return strip_titles(strip_article_and_possessive(text))


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Case- and accent-insensitive key: 'Türkiye' and 'TURKIYE' share one."""
    decomposed = unicodedata.normalize("NFKD", plain(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(".", "")


def initials(name: str) -> str:
    """'Collective Security Treaty Organization' -> 'CSTO' (function words skipped)."""
    words = re.split(r"[\s\-]+", plain(name))
    return "".join(w[0].upper() for w in words if w and w.casefold() not in _STOPWORDS and w[0].isalpha())


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()


def looks_like_name(text: str) -> bool:
    """A name has a letter, starts with a capital or digit, and is not a whole sentence."""
    return (
        any(c.isalpha() for c in text)
        and (text[:1].isupper() or text[:1].isdigit())
        and len(text) <= 80
        and len(text.split()) <= 8
    )
