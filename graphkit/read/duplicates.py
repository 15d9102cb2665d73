"""Identical and near-identical articles (wire copies, re-posts, the same row exported twice).

A copy must not count twice in edge weights, so each one gets `duplicate_of` = the id of the copy kept
(the earliest dated, else the first read). Identical means the same words once case, punctuation and
spacing are ignored; near-identical means the sets of five-word shingles overlap by at least
NEAR_DUPLICATE (Jaccard), or the shorter article's shingles lie at least CONTAINED inside the longer one
(a copy cut short). Candidate pairs come from MinHash signatures with banded locality-sensitive hashing,
so the work grows with the number of articles, not its square; every candidate is then checked exactly.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from graphkit.model import Document

SHINGLE = 5  # words per shingle
NEAR_DUPLICATE = 0.8
CONTAINED = 0.9
MIN_WORDS = 30  # shorter texts are compared only for identity: a few shared phrases are not a copy
_BANDS, _ROWS = 16, 4  # 64 hash functions; pairs with Jaccard ~0.5 and above become candidates
_PRIME = (1 << 32) + 15  # > every 32-bit shingle hash
# a < 2**31 keeps a * x + b below 2**64, so the uint64 arithmetic never wraps

_RANDOM = np.random.default_rng(20240525)
_A = _RANDOM.integers(1, 1 << 31, size=_BANDS * _ROWS, dtype=np.uint64)
_B = _RANDOM.integers(0, _PRIME, size=_BANDS * _ROWS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shingles(words: Sequence[str]) -> set[int]:
    return {zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1)}


def signature(hashes: set[int]) -> np.ndarray:
    values = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
    return ((np.outer(_A, values) + _B[:, None]) % _PRIME).min(axis=1)


def similar(a: set[int], b: set[int]) -> bool:
    shared = len(a & b)
    return shared / len(a | b) >= NEAR_DUPLICATE or shared / min(len(a), len(b)) >= CONTAINED


@dataclass(frozen=True)
class Fingerprint:
    """What duplicate detection needs of one document, computed once when it is read (and cached with it):
    a hash of its words for identity, and its MinHash band keys (none for short texts)."""

    words: str
    bands: tuple[str, ...] = ()

    def to_list(self) -> list:
        return [self.words, list(self.bands)]

    @classmethod
    def from_list(cls, data: list) -> Fingerprint:
        words, bands = data
        return cls(str(words), tuple(str(b) for b in bands))


def fingerprint(document: Document) -> Fingerprint:
    words = words_of(document.text)
    digest = hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()
    if len(words) < MIN_WORDS:
        return Fingerprint(digest)
    rows = signature(shingles(words)).reshape(_BANDS, _ROWS)
    return Fingerprint(digest, tuple(rows[band].tobytes().hex() for band in range(_BANDS)))


def mark_duplicates(documents: Sequence[Document], fingerprints: Sequence[Fingerprint] | None = None) -> int:
    """Set `duplicate_of` on every document that copies another; return how many were marked.

    `fingerprints` (one per document, from `fingerprint`) are computed here when not given.
    """
    if fingerprints is None:
        fingerprints = [fingerprint(document) for document in documents]
    parent = list(range(len(documents)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    exact: dict[str, int] = {}
    buckets: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i, mark in enumerate(fingerprints):
        if mark.words in exact:
            join(exact[mark.words], i)
            continue
        exact[mark.words] = i
        for band, key in enumerate(mark.bands):
            buckets[(band, key)].append(i)
    sets: dict[int, set[int]] = {}

    def shingles_of(i: int) -> set[int]:  # only candidates need their shingles: most documents have none
        if i not in sets:
            sets[i] = shingles(words_of(documents[i].text))
        return sets[i]

    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        for a_index, a in enumerate(members):
            for b in members[a_index + 1 :]:
                if (a, b) not in checked and root(a) != root(b):
                    checked.add((a, b))
                    if similar(shingles_of(a), shingles_of(b)):
                        join(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(documents)):
        groups[root(i)].append(i)
    marked = 0
    for members in groups.values():
        if len(members) < 2:
            continue
        kept = min(members, key=lambda i: (documents[i].date or "9999", i))
        for i in members:
            if i != kept:
                documents[i].duplicate_of = documents[kept].id
                marked += 1
    return marked
