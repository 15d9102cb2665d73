"""graphkit's greedy decoding of the model's entity recognizer and parser gives spaCy's own annotations."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import use_ops

from graphkit.extract.decoding import GreedyDecoder, decode_greedily
from graphkit.extract.models import DEFAULT_MODEL

SAMPLE_SOURCES = Path(__file__).resolve().parent.parent / "sources"


def _model() -> Language:
    with use_ops("numpy", use_blis=False):
        return spacy.load(DEFAULT_MODEL, exclude=["senter"])


def _annotations(nlp: Language, texts: list[str]) -> list[list[tuple[object, ...]]]:
    return [
        [(e.start, e.end, e.label_) for e in doc.ents]
        + [(t.i, t.tag_, t.dep_, t.head.i, t.is_sent_start, t.ent_iob_, t.ent_type_) for t in doc]
        for doc in nlp.pipe(texts, batch_size=4)
    ]


def test_the_decoder_gives_the_entities_and_parse_of_spacys_own_on_the_sample_articles() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLE_SOURCES.iterdir()) if path.is_file()]
    texts += ["", " ", "Tony Blair met Gordon Brown.", "\n\n"]  # empty and blank documents too
    spacys, ours = _model(), _model()
    decode_greedily(ours)
    assert isinstance(ours.get_pipe("ner"), GreedyDecoder)
    assert isinstance(ours.get_pipe("parser"), GreedyDecoder)
    expected = _annotations(spacys, texts)
    assert any(len(doc) > 100 for doc in expected), "whole articles are compared"
    assert _annotations(ours, texts) == expected
    one = ours("Vladimir Putin met Sadyr Japarov in Sochi.")  # a Doc at a time, as nlp(text) runs it
    assert [(e.text, e.label_) for e in one.ents] == [(e.text, e.label_) for e in spacys(one.text).ents]


def test_a_component_that_searches_with_a_beam_is_left_to_spacy() -> None:
    nlp = _model()
    nlp.get_pipe("parser").cfg["beam_width"] = 4  # type: ignore[attr-defined]
    nlp.disable_pipe("ner")
    decode_greedily(nlp)
    assert not isinstance(nlp.get_pipe("parser"), GreedyDecoder)
    assert isinstance(nlp.get_pipe("ner"), GreedyDecoder)
    assert "ner" in nlp.disabled, "a disabled component stays disabled"
