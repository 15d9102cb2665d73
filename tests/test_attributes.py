"""The remembered attribute ruler gives every word the POS, morphology, lemma, tag and label of the model's own."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from graphkit.extract.attributes import RememberedRuler, remember_attribute_ruler
from graphkit.extract.models import DEFAULT_MODEL
from graphkit.extract.pipeline import load_pipeline
from graphkit.read import read_sources

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = [POS, MORPH, LEMMA, TAG, DEP]
# Our own sentences for the ruler's patterns of two words and of spaces, which the remembered ruler handles apart.
ODD = (
    "There is a plan, and there were talks. Let's see: we're gonna win, ain't we? Y'all got ta wait.\n\n"
    "It said nothin' and you saw it; I told him that I had done it.   Then came the vote."
)


@pytest.fixture(scope="module")
def model() -> Language:
    return spacy.load(DEFAULT_MODEL, exclude=["senter", "lemmatizer", "ner"])


def annotated(nlp: Language, texts: list[str], ruler: object) -> list[Doc]:
    docs = list(nlp.pipe(texts, disable=["attribute_ruler"]))
    return [ruler(doc) for doc in docs]  # type: ignore[operator]


def test_the_remembered_ruler_annotates_every_word_as_the_model_does(model: Language) -> None:
    texts = [document.text for document in read_sources([str(ROOT / "sources"), str(ROOT / "tests" / "fixtures")])]
    texts.append(ODD)
    stock = annotated(model, texts, model.get_pipe("attribute_ruler"))
    remembered = RememberedRuler(model.vocab)
    remembered.use(model.get_pipe("attribute_ruler"))  # type: ignore[arg-type]
    ours = annotated(model, texts, remembered)
    assert sum(len(doc) for doc in ours) > 3000  # every article of sources/ and of the fixtures
    for theirs, mine in zip(stock, ours, strict=True):
        differ = numpy.flatnonzero((theirs.to_array(ANNOTATIONS) != mine.to_array(ANNOTATIONS)).any(axis=1))
        assert not len(differ), [
            (theirs[i].text, theirs[i].pos_, mine[i].pos_, theirs[i].lemma_, mine[i].lemma_) for i in differ
        ]
    odd = ours[-1]
    assert [t.lemma_ for t in odd if t.lower_ in ("is", "were", "ai", "gon", "na")] == ["be", "be", "go", "to", "be"]
    assert {t.pos_ for t in odd if t.is_space} == {"SPACE"}


def test_graphkits_pipeline_runs_the_remembered_ruler_in_place_of_the_models() -> None:
    for parse in ("all", "selective"):
        nlp = load_pipeline(parse_sentences=parse)
        assert isinstance(nlp.get_pipe("attribute_ruler"), RememberedRuler)
        assert nlp.component_names.index("attribute_ruler") > nlp.component_names.index("parser")


def test_a_pipeline_without_an_attribute_ruler_is_left_as_it_is() -> None:
    nlp = spacy.blank("en")
    remember_attribute_ruler(nlp)
    assert nlp.component_names == []
