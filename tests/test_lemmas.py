"""The remembered lemmatizer gives every word the lemma the model's own lemmatizer gives it."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import LEMMA
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from graphkit.extract.lemmas import RememberedLemmatizer, remember_lemmatizer
from graphkit.extract.models import DEFAULT_MODEL
from graphkit.extract.pipeline import load_pipeline
from graphkit.read import read_sources

ROOT = Path(__file__).resolve().parent.parent
# Our own sentences: words the attribute ruler gives a lemma ("is", "n't"), which the lemmatizer leaves alone.
ODD = "There is a plan, and there weren't talks. The ministers were meeting; she'd gone.\n\nThey met twice."


@pytest.fixture(scope="module")
def model() -> Language:
    return spacy.load(DEFAULT_MODEL, exclude=["senter", "ner"])


def lemmas(docs: list[Doc], lemmatizer: object) -> list[numpy.ndarray]:
    return [lemmatizer(doc).to_array([LEMMA]) for doc in docs]  # type: ignore[operator]


def test_the_remembered_lemmatizer_gives_every_word_the_models_lemma(model: Language) -> None:
    texts = [document.text for document in read_sources([str(ROOT / "sources"), str(ROOT / "tests" / "fixtures")])]
    texts.append(ODD)
    stored = DocBin()
    for doc in model.pipe(texts, disable=["lemmatizer"]):
        stored.add(doc)
    data = stored.to_bytes()
    stock = lemmas(list(DocBin().from_bytes(data).get_docs(model.vocab)), model.get_pipe("lemmatizer"))
    remembered = RememberedLemmatizer()
    remembered.use(model.get_pipe("lemmatizer"))  # type: ignore[arg-type]
    for _ in range(2):  # the second time every key is remembered
        docs = list(DocBin().from_bytes(data).get_docs(model.vocab))
        ours = lemmas(docs, remembered)
        assert sum(len(doc) for doc in docs) > 3000  # every article of sources/ and of the fixtures
        for doc, theirs, mine in zip(docs, stock, ours, strict=True):
            differ = numpy.flatnonzero(theirs != mine).tolist()
            assert not len(differ), [(doc[i].text, doc[i].pos_, doc[i].lemma_) for i in differ]
    odd = docs[-1]
    assert [t.lemma_ for t in odd if t.lower_ in ("is", "were", "n't", "meeting", "met")] == [
        "be",
        "be",
        "not",
        "be",
        "meet",
        "meet",
    ]


def test_graphkits_pipeline_runs_the_remembered_lemmatizer_in_place_of_the_models() -> None:
    for parse in ("all", "selective"):
        nlp = load_pipeline(parse_sentences=parse)
        assert isinstance(nlp.get_pipe("lemmatizer"), RememberedLemmatizer)
        assert nlp.component_names.index("lemmatizer") > nlp.component_names.index("attribute_ruler")


class Contextual(EnglishLemmatizer):
    """A lemmatizer of its own kind, which might read more than the word, its POS and its morphology."""


@Language.factory("test_contextual_lemmatizer")
def make_contextual(nlp: Language, name: str) -> Contextual:
    return Contextual(nlp.vocab, None, name, mode="rule")


def test_a_lemmatizer_of_another_kind_is_left_as_it_is() -> None:
    nlp = spacy.blank("en")
    remember_lemmatizer(nlp)
    assert nlp.component_names == []
    nlp.add_pipe("test_contextual_lemmatizer", name="lemmatizer")
    remember_lemmatizer(nlp)
    assert isinstance(nlp.get_pipe("lemmatizer"), Contextual)
