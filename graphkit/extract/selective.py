"""Selective parsing: NER on every sentence, the parse only where a typed relation can be read.

Most sentences of an article name fewer than two parties, so the relation patterns never read them, yet tok2vec,
the tagger, the parser, the attribute ruler and the lemmatizer cost more than NER on each. In selective mode
(`load_pipeline(parse_sentences="selective")`) the pipeline runs a sentencizer, NER and graphkit's entity
components over the whole text; then `graphkit_parse_sentences` asks the relation patterns which sentences
they would read (`graphkit.extract.relations.sentences_to_parse`, the rule `find_relations` applies) and runs
the model's own parsing components, loaded but disabled in the pipeline, on those alone: the runs of sentences
of each Doc as one Doc, a batch of Docs per call. Their parse is written back into the whole Doc and its
mentions are repaired again with the tags, so what reads the Doc afterwards (mentions, sentences, relations,
dates) reads it as it reads a Doc parsed whole.

A sentence parsed without its neighbours can come out differently (the token vectors see four words either
way, and the parser chooses sentence ends itself): bench/bench_speed.py measures how often a statement does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import cast

import numpy
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, MORPH, ORTH, POS, SENT_START, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch
from thinc.types import Ints2d

from graphkit.extract.components import GAZETTEER_KEY, MENTIONS_KEY, line_starts
from graphkit.extract.context import may_read_firm
from graphkit.extract.mentions import mentions_of, sentences_of
from graphkit.extract.relations import sentences_to_parse

# The model's components that give the parse, POS and lemmas (the relation patterns read all three).
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
REPAIR_COMPONENT = "graphkit_mentions"
PARSE_BATCH = 64  # Docs of runs per call of a component: one batch of articles at once
_PARSE_ATTRIBUTES = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
SELECTIVE_COMPONENT = "graphkit_parse_sentences"
QUOTATION_COMPONENT = "graphkit_open_quotations"
SPACES_COMPONENT = "graphkit_trailing_spaces"
_OPENING_MARKS = ('"', "\u201c", "'", "\u2018")


@dataclass(frozen=True)
class Run:
    """Consecutive sentences of one Doc parsed together: tokens [start, end)."""

    start: int
    end: int


class SentenceParser:
    """The `graphkit_parse_sentences` component: parses the sentences of a Doc that the relation patterns read,
    with the model's own parsing components (loaded, but disabled in the pipeline), a batch of Docs at a time.

    It follows `graphkit_mentions`, which keeps the gazetteer's matches for it: the mentions are repaired
    again once the parse gives the words their tags, and the matches are dropped then."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.nlp = nlp
        self.parsed_tokens = 0  # tokens through the parse (context included), for the benchmarks

    def __call__(self, doc: Doc) -> Doc:
        self.parse([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            self.parse(batch)
            yield from batch

    def parse(self, docs: Sequence[Doc]) -> None:
        """Parse what the patterns read in `docs` (mentions repaired without a parse): the runs of each Doc as one
        Doc, all of them through each component in one call."""
        planned: list[tuple[Doc, list[Run]]] = []
        for doc in docs:
            text = doc.text
            wanted = sentences_to_parse(doc, mentions_of(doc, sentences_of(doc, text)), text) | _firm_cues(doc)
            runs = _runs(doc, sorted(wanted))
            if runs:
                planned.append((doc, runs))
        if planned:
            parsed = _parse(self.nlp, [_runs_doc(doc, runs) for doc, runs in planned])
            repair = self.nlp.get_pipe(REPAIR_COMPONENT)
            for (doc, runs), sub in zip(planned, parsed, strict=True):
                self.parsed_tokens += len(sub)
                _write_parse(doc, runs, sub)
                repair(doc)
        for doc in docs:
            doc.spans.pop(GAZETTEER_KEY, None)  # used up: spaCy's worker processes need not serialise them


@Language.factory(
    SELECTIVE_COMPONENT,
    requires=["doc.spans", "token.is_sent_start"],
    assigns=["token.tag", "token.pos", "token.lemma", "token.dep", "token.head", "token.is_sent_start", "doc.spans"],
)
def make_sentence_parser(nlp: Language, name: str) -> SentenceParser:
    return SentenceParser(nlp, name)


@Language.component(QUOTATION_COMPONENT, assigns=["token.is_sent_start"])
def open_quotations(doc: Doc) -> Doc:
    """Start a sentence at the quotation mark that opens it, as the parser does: the sentencizer hangs the mark
    of '... confidential. "Of course ...' on the sentence before."""
    if len(doc) < 3:
        return doc
    starts = doc.to_array(SENT_START).astype(numpy.int64)
    orth, spaced = doc.to_array([ORTH, SPACY]).T
    marks = numpy.isin(orth, [doc.vocab.strings[mark] for mark in _OPENING_MARKS])
    after = numpy.flatnonzero(starts[2:] == 1) + 2
    after = after[marks[after - 1] & (spaced[after - 1] == 0) & (spaced[after - 2] == 1)]
    if len(after):
        starts[after - 1] = 1
        starts[after] = -1
        _set_starts(doc, starts)
    return doc


@Language.component(SPACES_COMPONENT, assigns=["token.is_sent_start"])
def trailing_spaces(doc: Doc) -> Doc:
    """End a sentence after the spaces and line breaks that follow it, as the parser does: the sentencizer starts
    one at the "\n\n" between two paragraphs, which would make it a sentence of its own."""
    if len(doc) < 2:
        return doc
    starts = doc.to_array(SENT_START).astype(numpy.int64)
    spaces = doc.to_array(IS_SPACE).astype(bool)
    moved = False
    for i in numpy.flatnonzero((starts[1:] == 1) & spaces[1:]).tolist():
        first = i + 1
        following = first
        while following < len(doc) and spaces[following]:
            following += 1
        starts[first] = -1
        if following < len(doc):
            starts[following] = 1
        moved = True
    if moved:
        _set_starts(doc, starts)
    return doc


def _firm_cues(doc: Doc) -> set[int]:
    """The sentences whose parse the mention repair may read for a firm cue ("the oil firm Ostrov")."""
    spans = [span for span in doc.spans[MENTIONS_KEY] if may_read_firm(span)]
    if not spans:
        return set()
    numbers = {sentence.start: number for number, sentence in enumerate(doc.sents)}
    return {numbers[span.sent.start] for span in spans}


def _runs(doc: Doc, sentences: list[int]) -> list[Run]:
    """The runs of `doc` that hold the sentences numbered `sentences` (in order): neighbours go together."""
    if not sentences:
        return []
    spans = [(s.start, s.end) for s in doc.sents]
    runs: list[list[int]] = []
    for number in sentences:
        start, end = spans[number]
        if runs and runs[-1][1] == start:
            runs[-1][1] = end
        else:
            runs.append([start, end])
    return [Run(start, end) for start, end in runs]


def _runs_doc(doc: Doc, runs: list[Run]) -> Doc:
    """One Doc of the runs' tokens, one run after another, with the line breaks marked as the whole-text parser
    sees them and each run starting a sentence."""
    tokens = numpy.concatenate([numpy.arange(run.start, run.end) for run in runs])
    orth, spaced = doc.to_array([ORTH, SPACY])[tokens].T
    strings = doc.vocab.strings
    sub = Doc(doc.vocab, words=[strings[h] for h in orth.tolist()], spaces=spaced.astype(bool).tolist())
    starts = line_starts(doc, numpy.zeros(len(doc), dtype=numpy.uint64)).astype(numpy.int64)[tokens]
    offset = 0
    for run in runs:
        starts[offset] = 1
        offset += run.end - run.start
    _set_starts(sub, starts)
    return sub


def _parse(nlp: Language, docs: list[Doc]) -> list[Doc]:
    """`docs` through the model's parsing components, in the model's order."""
    for name in nlp.component_names:
        if name in PARSE_COMPONENTS:
            component = nlp.get_pipe(name)
            if hasattr(component, "pipe"):
                docs = list(component.pipe(docs, batch_size=PARSE_BATCH))
            else:
                docs = [component(doc) for doc in docs]
    return docs


def _write_parse(doc: Doc, runs: list[Run], sub: Doc) -> None:
    """Copy tags, lemmas, morphology and dependencies of each run parsed in `sub` into `doc`; sentence boundaries
    come from the parse inside the runs and stay the sentencizer's elsewhere."""
    values = doc.to_array(_PARSE_ATTRIBUTES)
    starts = doc.to_array(SENT_START).astype(numpy.int64)
    parsed_values = sub.to_array(_PARSE_ATTRIBUTES)
    parsed_starts = sub.to_array(SENT_START).astype(numpy.int64)
    offset = 0
    for run in runs:
        length = run.end - run.start
        parsed = parsed_values[offset : offset + length]
        heads = parsed[:, -1].astype(numpy.int64) + numpy.arange(length)
        parsed[(heads < 0) | (heads >= length), -1] = 0  # never across runs (each starts a sentence); if so, a root
        values[run.start : run.end] = parsed
        starts[run.start : run.end] = parsed_starts[offset : offset + length]
        offset += length
    doc.from_array(_PARSE_ATTRIBUTES, cast(Ints2d, values))
    _set_starts(doc, starts)


def _set_starts(doc: Doc, starts: numpy.ndarray) -> None:
    """Write `starts` (1 starts a sentence, -1 does not, 0 unknown) as the Doc's sentence starts."""
    doc.from_array([SENT_START], cast(Ints2d, starts.astype(numpy.uint64).reshape(-1, 1)))
