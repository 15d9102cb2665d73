"""Long texts in pieces: spaCy refuses a text over `nlp.max_length` (a million characters) and needs about
1 GB of memory per 100,000 characters it parses at once, so a long article is parsed a piece at a time.

Pieces end at paragraph breaks (blank lines) where they can, else at line breaks, sentence ends, spaces, and
only as a last resort in the middle of a word. Every piece is a slice of the text, so an offset into a
piece plus the piece's start is an offset into the text; `joined` puts the extractions of the pieces back
together as the extraction of the whole text.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Sequence
from dataclasses import replace

from graphkit.model import DocExtraction, Mention, RelationCandidate, Sentence

PIECE_CHARS = 100_000  # at most this many characters parsed at once: about 1 GB of spaCy's working memory

# Where a piece may end, best first: after a blank line, a line break, a sentence end, a space.
_BREAKS = (
    re.compile(r"\n[ \t\r\f\v]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?…][\"'”’»)\]]*\s+"),
    re.compile(r"\s+"),
)


def pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive slices of `text`, each at most `limit` characters, covering all of it.

    A text within the limit is one piece (the whole text, parsed as before).
    """
    if len(text) <= limit:
        return [(0, len(text))]
    result = []
    start = 0
    while len(text) - start > limit:
        end = _break_before(text, start, start + limit)
        result.append((start, end))
        start = end
    result.append((start, len(text)))
    return result


def _break_before(text: str, start: int, end: int) -> int:
    """The best place to end a piece that starts at `start` and may reach `end`: after the last break of
    the best kind in the window, the whole window when it has none (a million letters without a space)."""
    for pattern in _BREAKS:
        last = deque(pattern.finditer(text, start, end), maxlen=1)
        if last and last[0].end() > start:
            return last[0].end()
    return end


def joined(document: str, parts: Sequence[tuple[int, DocExtraction]]) -> DocExtraction:
    """The extraction of a whole text from those of its pieces, each with the offset where its piece starts:
    offsets move by the piece's start, sentence and mention indices by what the earlier pieces found."""
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]
    all_sentences: list[Sentence] = []
    all_mentions: list[Mention] = []
    result = DocExtraction(document=document, sentences=all_sentences, mentions=all_mentions)
    for offset, part in parts:
        sentences, mentions, dates = len(all_sentences), len(all_mentions), len(result.dates)
        all_sentences.extend(Sentence(s.start + offset, s.end + offset, s.text) for s in part.sentences)
        all_mentions.extend(
            Mention(
                start=m.start + offset,
                end=m.end + offset,
                text=m.text,
                type=m.type,
                sentence=m.sentence + sentences if m.sentence >= 0 else m.sentence,
                canonical=m.canonical,
                source=m.source,
            )
            for m in part.mentions
        )
        result.relations.extend(
            RelationCandidate(
                subject=r.subject + mentions,
                object=r.object + mentions,
                name=r.name,
                sentence=r.sentence + sentences,
                negated=r.negated,
                hedged=r.hedged,
                according_to=r.according_to + mentions if r.according_to >= 0 else -1,
                via=r.via,
                date=r.date + dates if r.date >= 0 else -1,
            )
            for r in part.relations
        )
        result.dates.extend(
            replace(d, start=d.start + offset, end=d.end + offset, sentence=d.sentence + sentences) for d in part.dates
        )
    return result
