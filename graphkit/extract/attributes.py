"""The model's attribute ruler, remembered: the same POS, morphology and lemmas at a fraction of the cost.

spaCy's `attribute_ruler` runs a Matcher of about 180 token patterns over every word (tag to POS, the
morphology and lemmas of "is", "n't", "there is", ...) and costs about as much as the tagger and the parser
together. Almost all of its patterns look at one word, and only at its tag, its lower-case form (for a few
dozen words), its dependency label and whether it is a space; so which of them match a word is decided by
those four values, and a corpus has only a few thousand combinations of them. `RememberedRuler` asks the
ruler's own patterns once per combination (on a one-word Doc) and keeps the answer; the few patterns of two
words ("there is", "gon na") run through a Matcher of their own, and a word they touch gets every matching
pattern applied in the ruler's order. The annotations are the ruler's own, word for word
(tests/test_attributes.py compares them on whole articles).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, cast

import numpy
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.util import minibatch
from spacy.vocab import Vocab
from thinc.types import Ints2d

COMPONENT = "graphkit_attribute_ruler"
RULER = "attribute_ruler"  # the model's component it stands in for, under the same name
_IN_ARRAYS = {POS, MORPH, LEMMA}  # what nearly every pattern sets: written for the whole Doc at once
_KEYED = {"TAG", "LOWER", "DEP", "IS_SPACE"}  # what a one-word pattern may look at to be remembered


class Unremembered(ValueError):
    """A ruler with a pattern that looks at more than `_KEYED` (another model's): it is kept as it is."""


_Key = tuple[int, int, int, int]  # (tag, lower-case form or 0, dependency label, is a space)
_Applied = list[tuple[int, dict[int, Any]]]  # (pattern number, its attributes), in the ruler's order


class ArrayComponent:
    """A component that writes a whole Doc's annotations at once (`_apply`), Doc by Doc in `pipe`."""

    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            self._apply(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            for doc in batch:
                self(doc)
            yield from batch

    def _apply(self, doc: Doc) -> None:
        raise NotImplementedError


def stand_in(nlp: Language, name: str, factory: str) -> Any:
    """Replace the component `name` with a new one from `factory`, under the same name and enabled or not as it
    was (spaCy replaces only enabled components); the new component is returned for the caller to set up."""
    disabled = name in nlp.disabled
    if disabled:
        nlp.enable_pipe(name)
    component = nlp.replace_pipe(name, factory)
    if disabled:
        nlp.disable_pipe(name)
    return component


class RememberedRuler(ArrayComponent):
    """Stands in for the model's `attribute_ruler` (see `remember_attribute_ruler`), giving each word what that
    ruler gives it."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._attrs: list[dict[int, Any]] = []
        self._indices: list[int] = []
        self._single = Matcher(vocab, validate=False)
        self._longer = Matcher(vocab, validate=False)
        self._lowers: set[int] = set()
        self._regex: re.Pattern[str] | None = None
        self._known: dict[_Key, _Applied] = {}
        self._lower_key: dict[int, int] = {}
        # where a longer pattern can start: (the attribute of one of its words, the values it allows, that word's
        # place in the pattern, the pattern's length); None when some longer pattern has no such word
        self._anchors: list[tuple[int, list[int], int, int]] | None = []

    def use(self, ruler: AttributeRuler) -> None:
        """Take the patterns of `ruler`, in its order."""
        self._attrs, self._indices = list(ruler.attrs), list(ruler.indices)
        regexes: list[str] = []
        for number, entry in enumerate(cast(list[dict[str, Any]], ruler.patterns)):  # the ruler's own numbering
            if all(len(pattern) == 1 for pattern in entry["patterns"]):
                if any(pattern[0].keys() - _KEYED for pattern in entry["patterns"]):
                    raise Unremembered(f"attribute ruler pattern {number} looks at {entry['patterns']}")
                self._single.add(str(number), entry["patterns"])
                for pattern in entry["patterns"]:
                    lower = pattern[0].get("LOWER")
                    if isinstance(lower, str):
                        self._lowers.add(self.vocab.strings.add(lower))
                    elif isinstance(lower, dict):
                        if set(lower) - {"IN", "REGEX"}:
                            raise Unremembered(f"attribute ruler pattern {number}: LOWER {lower}")
                        self._lowers.update(self.vocab.strings.add(word) for word in lower.get("IN", []))
                        if "REGEX" in lower:
                            regexes.append(lower["REGEX"])
            else:
                self._longer.add(str(number), entry["patterns"])
                for pattern in entry["patterns"]:
                    self._anchor(pattern)
        self._regex = re.compile("|".join(f"(?:{r})" for r in regexes)) if regexes else None

    def _anchor(self, pattern: list[dict[str, Any]]) -> None:
        """Note a word of `pattern` that only a few exact values of one attribute match (a label first)."""
        for name, attr in (("DEP", DEP), ("LOWER", LOWER)):
            for place, word in enumerate(pattern):
                allowed = word.get(name)
                values = (
                    [allowed] if isinstance(allowed, str) else allowed.get("IN") if isinstance(allowed, dict) else None
                )
                if values and self._anchors is not None:
                    self._anchors.append((attr, [self.vocab.strings.add(v) for v in values], place, len(pattern)))
                    return
        self._anchors = None

    def _longer_matches(self, doc: Doc) -> Iterator[tuple[int, int, int]]:
        """The longer patterns' matches, sought only around the words that can anchor one."""
        if self._anchors is None:
            yield from self._longer(doc, allow_missing=True)
            return
        columns = doc.to_array([DEP, LOWER])
        windows: set[tuple[int, int]] = set()
        for attr, values, place, length in self._anchors:
            for i in numpy.flatnonzero(numpy.isin(columns[:, 0 if attr == DEP else 1], values)).tolist():
                windows.add((max(0, i - place), min(len(doc), i - place + length)))
        found: set[tuple[int, int, int]] = set()
        for start, end in windows:
            for match, first, last in self._longer(doc[start:end], allow_missing=True):
                found.add((match, start + first, start + last))
        yield from sorted(found, key=lambda m: (m[1], m[2]))

    def _lower(self, lower: int) -> int:
        """`lower` when some pattern names it, else 0: every other word is alike to the patterns."""
        known = self._lower_key.get(lower)
        if known is None:
            named = lower in self._lowers or bool(self._regex and self._regex.search(self.vocab.strings[lower]))
            known = self._lower_key[lower] = lower if named else 0
        return known

    def _matching(self, key: _Key, orth: int) -> _Applied:
        """The one-word patterns that match a word of `key`, asked once of a one-word Doc with its values."""
        known = self._known.get(key)
        if known is None:
            tag, _, dep, _ = key
            word = Doc(self.vocab, words=[self.vocab.strings[orth]], spaces=[False])
            word.from_array([TAG, DEP, HEAD], cast(Ints2d, numpy.array([[tag, dep, 0]], dtype=numpy.uint64)))
            numbers = sorted(int(self.vocab.strings[m]) for m, _, _ in self._single(word, allow_missing=True))
            known = self._known[key] = [(number, self._attrs[number]) for number in numbers]
        return known

    def _apply(self, doc: Doc) -> None:
        touched: dict[int, _Applied] = {}
        for match, start, end in self._longer_matches(doc):
            number = int(self.vocab.strings[match])
            word = range(start, end)[self._indices[number]]
            touched.setdefault(word, []).append((number, self._attrs[number]))
        values = doc.to_array([TAG, LOWER, DEP, IS_SPACE, ORTH])
        lowers, at = numpy.unique(values[:, 1], return_inverse=True)
        values[:, 1] = numpy.array([self._lower(lower) for lower in lowers.tolist()], dtype=values.dtype)[at.ravel()]
        keys, first, of_key = numpy.unique(values[:, :4], axis=0, return_index=True, return_inverse=True)
        of_key = of_key.ravel()  # one key number per word, whichever shape this numpy gives the inverse
        written = doc.to_array([POS, MORPH, LEMMA])
        given = numpy.zeros((len(keys), 3), dtype=written.dtype)  # what each key's patterns set, column by column
        sets = numpy.zeros((len(keys), 3), dtype=bool)
        by_word: list[int] = []  # keys whose patterns set more than the three columns
        for number, (key, word) in enumerate(zip(keys.tolist(), first.tolist(), strict=True)):
            applied = self._matching(tuple(key), int(values[word, 4]))
            if not all(attrs.keys() <= _IN_ARRAYS for _, attrs in applied):
                by_word.append(number)
                continue
            for _, attrs in applied:
                for column, attr in enumerate((POS, MORPH, LEMMA)):
                    if attr in attrs:
                        given[number, column], sets[number, column] = attrs[attr], True
        written = numpy.where(sets[of_key], given[of_key], written)
        one_by_one: list[tuple[int, _Applied]] = []
        if by_word:
            for i in numpy.flatnonzero(numpy.isin(of_key, by_word)).tolist():
                if i not in touched:
                    one_by_one.append((i, self._matching(tuple(values[i, :4].tolist()), int(values[i, 4]))))
        for i, extra in touched.items():  # the words a two-word pattern touches: every pattern, in order
            before = doc.to_array([POS, MORPH, LEMMA])[i]
            written[i] = before
            one_by_one.append((i, sorted(self._matching(tuple(values[i, :4].tolist()), int(values[i, 4])) + extra)))
        doc.from_array([POS, MORPH, LEMMA], cast(Ints2d, written))
        for i, applied in one_by_one:  # a tag or a label set on a space, or two-word patterns: word by word
            for _, attrs in applied:
                set_token_attrs(doc[i], attrs)


@Language.factory(COMPONENT, assigns=["token.pos", "token.morph", "token.lemma"])
def make_remembered_ruler(nlp: Language, name: str) -> RememberedRuler:
    return RememberedRuler(nlp.vocab)


def remember_attribute_ruler(nlp: Language) -> None:
    """Put a `RememberedRuler` in place of the model's attribute ruler, under its name, enabled or not as it was."""
    if RULER not in nlp.component_names or not isinstance(nlp.get_pipe(RULER), AttributeRuler):
        return
    ruler = cast(AttributeRuler, nlp.get_pipe(RULER))
    remembered = RememberedRuler(nlp.vocab)
    try:
        remembered.use(ruler)
    except Unremembered:
        return
    cast(RememberedRuler, stand_in(nlp, RULER, COMPONENT)).use(ruler)
