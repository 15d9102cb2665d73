"""Extractions held as columns for the rest of a build: sentences and mentions as numbers over the text.

A build keeps every document's text and extraction to the end. As Python objects, each sentence held its
own copy of its text and each mention its own strings, several times the size of the text itself; here a
sentence is two offsets into the document's text, and a mention three numbers and two one-byte codes, its
text read back from the document. Only what the text does not say is kept apart: a byline's name, which
comes from the metadata, and the names the gazetteer gave. Reading one back gives the record extraction
made (`Sentence`, `Mention`), equal field for field.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from graphkit.model import DocExtraction, Document, Mention, Sentence

_WIDE = 2**31  # offsets from here on need eight bytes
# mention types and sources: a handful of words, each held once and stored as its index here
_WORDS: list[str] = []
_CODES: dict[str, int] = {}


def _code(word: str) -> int:
    code = _CODES.get(word)
    if code is None:
        if len(_WORDS) == 256:
            raise ValueError(f"more than 256 mention types and sources: {word!r}")
        code = _CODES[word] = len(_WORDS)
        _WORDS.append(word)
    return code


def _numbers(values: list[int]) -> array[int]:
    """Four bytes a number, eight when a text is longer than that reaches."""
    wide = values and (max(values) >= _WIDE or min(values) < -_WIDE)
    return array("q" if wide else "i", values)


# a mention's fields in Mention's order: start, end, text, type, sentence, canonical, source
MentionRow = tuple[int, int, str, str, int, str, str]


def mention_rows(mentions: Sequence[Mention]) -> Iterator[MentionRow]:
    """The fields of each mention, in `Mention`'s order: read straight from the columns when they are."""
    if isinstance(mentions, MentionColumns):
        return mentions.rows()
    return ((m.start, m.end, m.text, m.type, m.sentence, m.canonical, m.source) for m in mentions)


def mention_sentences(mentions: Sequence[Mention]) -> Sequence[int]:
    """The sentence of each mention (-1 for the metadata's)."""
    if isinstance(mentions, MentionColumns):
        return mentions.sentences()
    return [m.sentence for m in mentions]


def quoted(sentences: Sequence[Sentence], first: int, last: int) -> tuple[str, int, int]:
    """Sentences `first`..`last` as one line of text (each stripped, joined by a space), with the offset where
    the first starts and the last ends."""
    if isinstance(sentences, SentenceColumns):
        return sentences.quote(first, last)
    return _quoted(sentences[first : last + 1])


def _quoted(sentences: Sequence[Sentence]) -> tuple[str, int, int]:
    return " ".join(s.text.strip() for s in sentences), sentences[0].start, sentences[-1].end


class SentenceColumns(Sequence[Sentence]):
    """A document's sentences as (start, end) pairs; each one's text is the document's text between them."""

    __slots__ = ("_text", "_spans", "_texts")

    def __init__(self, text: str, sentences: Iterable[Sentence]):
        spans: list[int] = []
        texts: dict[int, str] = {}
        for index, sentence in enumerate(sentences):
            spans += (sentence.start, sentence.end)
            if text[sentence.start : sentence.end] != sentence.text:
                texts[index] = sentence.text
        self._text = text
        self._spans = _numbers(spans)
        self._texts = texts or None  # sentences whose text is not the document's there (none from spaCy)

    def __len__(self) -> int:
        return len(self._spans) // 2

    @overload
    def __getitem__(self, index: int) -> Sentence: ...
    @overload
    def __getitem__(self, index: slice) -> list[Sentence]: ...
    def __getitem__(self, index: int | slice) -> Sentence | list[Sentence]:
        if isinstance(index, slice):
            return [self._sentence(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("sentence index out of range")
        return self._sentence(index)

    def _sentence(self, index: int) -> Sentence:
        start, end = self._spans[2 * index], self._spans[2 * index + 1]
        text = self._texts.get(index) if self._texts else None
        return Sentence(start, end, self._text[start:end] if text is None else text)

    def __iter__(self) -> Iterator[Sentence]:
        return (self._sentence(i) for i in range(len(self)))

    def quote(self, first: int, last: int) -> tuple[str, int, int]:
        """`quoted` of sentences `first`..`last`, read from the offsets alone."""
        spans, text = self._spans, self._text
        if self._texts or not 0 <= first <= last < len(spans) // 2:
            return _quoted(self[first : last + 1])
        if first == last:
            return text[spans[2 * first] : spans[2 * first + 1]].strip(), spans[2 * first], spans[2 * first + 1]
        pieces = (text[spans[i] : spans[i + 1]].strip() for i in range(2 * first, 2 * last + 2, 2))
        return " ".join(pieces), spans[2 * first], spans[2 * last + 1]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # equal to a list, and as unhashable

    def __repr__(self) -> str:
        return f"SentenceColumns({list(self)!r})"


class MentionColumns(Sequence[Mention]):
    """A document's mentions as (start, end, sentence) numbers and (type, source) codes; a mention's text
    is the document's text between its offsets unless it is one of the few kept apart (bylines)."""

    __slots__ = ("_text", "_numbers", "_codes", "_texts", "_canonicals")

    def __init__(self, text: str, mentions: Iterable[Mention], names: dict[str, str] | None = None):
        """`names`: one string for each gazetteer name, shared by every extraction compacted with it."""
        numbers: list[int] = []
        codes: list[int] = []
        texts: dict[int, str] = {}
        canonicals: dict[int, str] = {}
        names = {} if names is None else names
        code = _CODES.get
        for index, mention in enumerate(mentions):
            start, end, said = mention.start, mention.end, mention.text
            numbers += (start, end, mention.sentence)
            kind, source = code(mention.type), code(mention.source)
            codes += (
                _code(mention.type) if kind is None else kind,
                _code(mention.source) if source is None else source,
            )
            if text[start:end] != said:
                texts[index] = names.setdefault(said, said)
            if mention.canonical:
                canonicals[index] = names.setdefault(mention.canonical, mention.canonical)
        self._text = text
        self._numbers = _numbers(numbers)
        self._codes = bytes(codes)
        self._texts = texts or None
        self._canonicals = canonicals or None

    def __len__(self) -> int:
        return len(self._codes) // 2

    @overload
    def __getitem__(self, index: int) -> Mention: ...
    @overload
    def __getitem__(self, index: slice) -> list[Mention]: ...
    def __getitem__(self, index: int | slice) -> Mention | list[Mention]:
        if isinstance(index, slice):
            return [self._mention(i) for i in range(*index.indices(len(self)))]
        count = len(self)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("mention index out of range")
        return self._mention(index)

    def _mention(self, index: int) -> Mention:
        start, end, sentence = self._numbers[3 * index : 3 * index + 3]
        text = self._texts.get(index) if self._texts else None
        return Mention(
            start,
            end,
            self._text[start:end] if text is None else text,
            _WORDS[self._codes[2 * index]],
            sentence,
            self._canonicals.get(index, "") if self._canonicals else "",
            _WORDS[self._codes[2 * index + 1]],
        )

    def __iter__(self) -> Iterator[Mention]:
        return (Mention(*row) for row in self.rows())

    def rows(self) -> Iterator[MentionRow]:
        """Each mention's fields in `Mention`'s order, without making the records."""
        text, words, numbers, codes = self._text, _WORDS, self._numbers, self._codes
        starts, ends = numbers[0::3], numbers[1::3]
        said = [text[start:end] for start, end in zip(starts, ends, strict=True)]
        for index, own in (self._texts or {}).items():
            said[index] = own
        canonicals = [""] * len(said)
        for index, canonical in (self._canonicals or {}).items():
            canonicals[index] = canonical
        kinds, sources = [words[c] for c in codes[0::2]], [words[c] for c in codes[1::2]]
        return zip(starts, ends, said, kinds, numbers[2::3], canonicals, sources, strict=True)

    def sentences(self) -> Sequence[int]:
        """Each mention's sentence (-1 for the metadata's)."""
        return self._numbers[2::3]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"MentionColumns({list(self)!r})"


def compact(documents: Iterable[Document], extractions: Iterable[DocExtraction]) -> None:
    """Swap the sentences and mentions of each extraction for columns over its document's text, in place.

    For a build that holds the documents to its end; an extraction whose document is not among them is
    left as it is."""
    texts = {d.id: d.text for d in documents}
    names: dict[str, str] = {}
    for extraction in extractions:
        text = texts.get(extraction.document)
        if text is None:
            continue
        if not isinstance(extraction.sentences, SentenceColumns):
            extraction.sentences = SentenceColumns(text, extraction.sentences)
        if not isinstance(extraction.mentions, MentionColumns):
            extraction.mentions = MentionColumns(text, extraction.mentions, names)
