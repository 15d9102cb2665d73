"""The model's entity recognizer and parser, decoded step by step from Python: the same states, a third less time.

spaCy's greedy decoder (`Parser.greedy_parse`) walks every state of a batch in C with the GIL released, and
the wheels for Python 3.11 and older are built with Cython's profiling hooks, so each of the small functions
it calls per state and action (`StateC.B`, `safe_get`, `entity_is_open`) takes the GIL and gives it back
again. On BBC that handover was a third of the entity recognizer's time. `GreedyDecoder` runs the same
decoding with the GIL held, one call per step of the whole batch: the model's step model scores the active
states (`ParserStepModel.predict`, the scores spaCy's beam search and training use) and the component's
`transition_states` takes the best valid action of each, as `greedy_parse` does. The annotations are set by
the component's own `set_annotations`; tests/test_decoding.py compares them with spaCy's on whole articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, cast

from spacy.language import Language
from spacy.pipeline import DependencyParser, EntityRecognizer
from spacy.tokens import Doc
from spacy.util import minibatch

from graphkit.extract.attributes import stand_in

# the model's components a decoder stands in for, under their own names -> the decoder's factory, which
# assigns what spaCy's own factory says that component assigns
DECODED = {"ner": "graphkit_greedy_ner", "parser": "graphkit_greedy_parser"}
_DECODABLE = (EntityRecognizer, DependencyParser)


class GreedyDecoder:
    """Stands in for a greedy transition-based component of the model (see `decode_greedily`)."""

    def __init__(self, name: str) -> None:
        self.name = name  # spaCy links the model's token-vector listeners to a component by its name
        self.component: Any = None

    def use(self, component: EntityRecognizer | DependencyParser) -> None:
        self.component = component

    @property
    def model(self) -> Any:
        return self.component.model

    @property
    def labels(self) -> tuple[str, ...]:
        return cast(tuple[str, ...], self.component.labels)

    def __call__(self, doc: Doc) -> Doc:
        self._decode([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            self._decode(batch)
            yield from batch

    def _decode(self, docs: list[Doc]) -> None:
        """`greedy_parse` and `set_annotations` of the component, one Python step per step of the batch."""
        component = self.component
        component._ensure_labels_are_added(docs)
        states = component.moves.init_batch(docs)
        if any(len(doc) for doc in docs):
            model = component.model.predict(docs)
            active = [state for state in states if not state.is_final()]
            while active:
                active = component.transition_states(active, model.predict(active))
            model.clear_memory()
        component.set_annotations(docs, states)


@Language.factory(DECODED["ner"], assigns=["doc.ents", "token.ent_iob", "token.ent_type"])
def make_entity_decoder(nlp: Language, name: str) -> GreedyDecoder:
    return GreedyDecoder(name)


@Language.factory(DECODED["parser"], assigns=["token.dep", "token.head", "token.is_sent_start", "doc.sents"])
def make_parse_decoder(nlp: Language, name: str) -> GreedyDecoder:
    return GreedyDecoder(name)


def decode_greedily(nlp: Language) -> None:
    """Put a `GreedyDecoder` in place of the model's `ner` and `parser`, under their names and enabled or not as
    they were, when they are spaCy's own components decoding greedily (a beam is left to spaCy)."""
    for name, factory in DECODED.items():
        if name not in nlp.component_names:
            continue
        component = nlp.get_pipe(name)
        if type(component) not in _DECODABLE or component.cfg.get("beam_width", 1) != 1:  # type: ignore[attr-defined]
            continue
        cast(GreedyDecoder, stand_in(nlp, name, factory)).use(cast(EntityRecognizer, component))
