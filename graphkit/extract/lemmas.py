"""The model's lemmatizer, remembered: the same lemmas without a Python step per word.

spaCy's rule lemmatizer walks the Doc word by word, making a Token for each and setting its lemma as a string,
and costs a fifth of what the tagger, the parser and the attribute ruler cost together. Its answer for a word
depends only on the word, its POS and its morphology (the key of its own cache), and a corpus has a few tens of
thousands of such keys. `RememberedLemmatizer` asks the lemmatizer once per key (on a word that has it) and
writes the lemmas of a whole Doc as one array. Words that already have a lemma (the attribute ruler's "be",
"would") keep it, as they do with the lemmatizer itself (tests/test_lemmas.py compares whole articles).
"""

from __future__ import annotations

from typing import cast

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from thinc.types import Ints2d

from graphkit.extract.attributes import ArrayComponent, stand_in

COMPONENT = "graphkit_lemmatizer"
LEMMATIZER = "lemmatizer"  # the model's component it stands in for, under the same name
# lemmatizers whose answer depends on the word, its POS and its morphology alone
_KEYED_CLASSES = (Lemmatizer, EnglishLemmatizer)
_KEYED_MODES = ("rule", "lookup")


class RememberedLemmatizer(ArrayComponent):
    """Stands in for the model's lemmatizer (see `remember_lemmatizer`), giving each word the lemma it gives."""

    def __init__(self) -> None:
        self._lemmatizer: Lemmatizer | None = None
        self._known: dict[tuple[int, int, int], int] = {}  # (word, POS, morphology) -> lemma

    def use(self, lemmatizer: Lemmatizer) -> None:
        lemmatizer(Doc(lemmatizer.vocab, words=[]))  # checks its tables, as its first call would
        self._lemmatizer = lemmatizer
        self._known = {}

    def _apply(self, doc: Doc) -> None:
        lemmatizer = self._lemmatizer
        assert lemmatizer is not None
        values = doc.to_array([ORTH, POS, MORPH, LEMMA])
        wanted = numpy.arange(len(doc)) if lemmatizer.overwrite else numpy.flatnonzero(values[:, 3] == 0)
        if not len(wanted):
            return
        keys, first, of_key = numpy.unique(values[wanted, :3], axis=0, return_index=True, return_inverse=True)
        strings = doc.vocab.strings
        lemmas = numpy.empty(len(keys), dtype=values.dtype)
        for number, (key, word) in enumerate(zip(map(tuple, keys.tolist()), first.tolist(), strict=True)):
            lemma = self._known.get(key)
            if lemma is None:
                lemma = self._known[key] = strings.add(lemmatizer.lemmatize(doc[int(wanted[word])])[0])
            lemmas[number] = lemma
        values[wanted, 3] = lemmas[of_key.ravel()]
        doc.from_array([LEMMA], cast(Ints2d, values[:, 3:4]))


@Language.factory(COMPONENT, assigns=["token.lemma"])
def make_remembered_lemmatizer(nlp: Language, name: str) -> RememberedLemmatizer:
    return RememberedLemmatizer()


def remember_lemmatizer(nlp: Language) -> None:
    """Put a `RememberedLemmatizer` in place of the model's lemmatizer, under its name, enabled or not as it was,
    when that lemmatizer is one whose answer depends on the word, its POS and its morphology alone."""
    if LEMMATIZER not in nlp.component_names:
        return
    lemmatizer = nlp.get_pipe(LEMMATIZER)
    if type(lemmatizer) not in _KEYED_CLASSES or cast(Lemmatizer, lemmatizer).mode not in _KEYED_MODES:
        return
    remembered = RememberedLemmatizer()
    try:
        remembered.use(cast(Lemmatizer, lemmatizer))
    except ValueError:  # tables missing: left to fail as the model's own would
        return
    cast(RememberedLemmatizer, stand_in(nlp, LEMMATIZER, COMPONENT)).use(cast(Lemmatizer, lemmatizer))
