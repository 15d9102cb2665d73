"""Who says so: the speaker of quoted and reported words, read from the parse and the quotation marks.

A speaker is the subject of a speaking verb (cues.tsv "speaking": say, tell, add, ...) that is a mention, a
title holder or a pronoun that stands for one ("he said"), or what "according to" names. Their words are:
- the complement clause of the verb: "Kennedy said (that) the Tories had failed", "Brown told the BBC that ...";
- a quotation the verb opens or closes: 'Kennedy said: "..."', '"...," said Kennedy', '"...," he added';
- the next paragraphs of that quotation, and a quotation that follows it with no speaker of its own
  ('"...," Falconer told the BBC. "How it interacts with ..."'), as news style writes one person's words;
- the rest of the sentence after "according to X".
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from graphkit.extract.relations.endpoints import PRONOUN_TYPES, Endpoints
from graphkit.extract.relations.grammar import subjects
from graphkit.extract.relations.modality import Quotations

SPEAKER_TYPES = ("person", "organization", "country")
_CLOSING_MARKS = ('"', "'", "\u201d", "\u2019", "\u00bb", ",'", ".'")
_NEAR = 8  # tokens between a quotation mark and the speaking verb that opens or closes the quotation


@dataclass(frozen=True)
class Speaker:
    mention: int
    via: str = ""  # "pronoun": reached through "he said"


def _someone_else(subject: Token) -> bool:
    """Whether the subject of a speaking verb is no one named before: "they" or a plural ("police said",
    "officials said"), or a new one ("a spokesman said"). "He said", "Souness said" or "the 23-year-old said"
    unresolved is most often the speaker of the words before."""
    if subject.lower_ == "they" or subject.tag_ in ("NNS", "NNPS"):
        return True
    return subject.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subject.children)


class Speech:
    """The speakers of one document's words, found lazily for the sentences the patterns read."""

    def __init__(self, doc: Doc, endpoints: Endpoints, quotations: Quotations) -> None:
        self.doc = doc
        self.endpoints = endpoints
        self.quotations = quotations
        self._attributed: dict[int, Speaker | None] = {}  # quotation index -> its speaker

    @cached_property
    def _offsets(self) -> list[int]:
        return self.doc.to_array([IDX]).tolist()

    def _token_at(self, offset: int) -> int:
        """The token holding character `offset`."""
        return max(0, bisect_right(self._offsets, offset) - 1)

    def speaker_of(self, verb: Token) -> Speaker | None:
        """The mention whose words `verb` reports, when it is a speaking verb with such a subject."""
        vocabulary = self.endpoints.vocabulary
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in vocabulary.speaking:
            return None
        if any(child.dep_ == "neg" for child in verb.children):
            return None
        for subject in subjects(verb):
            for mention in self.endpoints.resolve(subject):  # "a Microsoft spokesman" speaks for Microsoft
                if self.endpoints.mentions[mention].type in SPEAKER_TYPES:
                    reached = subject.lower_ in PRONOUN_TYPES or self.endpoints.reached(mention, subject)
                    return Speaker(mention, "pronoun" if reached else "")
        return None

    def _sentence_of(self, token: int) -> Span:
        return self.doc[token].sent

    def quotation_speaker(self, index: int) -> Speaker | None:
        """The speaker of quotation `index`: a speaking verb right after it closes or right before it opens,
        else the speaker of the quotation it continues or of the one that ends just before it."""
        if index in self._attributed:
            return self._attributed[index]
        self._attributed[index] = None  # no loops through a chain of quotations
        quotation = self.quotations.spans[index]
        found = self._after(quotation.end) or self._before(quotation.start)
        if found is None and self._attributed_to_another(quotation.start, quotation.end):
            pass  # '"...," they said.' with no name for "they": the words are not the speaker's before
        elif found is None and quotation.continued:
            found = self.quotation_speaker(index - 1)
        elif found is None:
            found = self._after(self._chain_end(index))
            if found is None and index > 0:
                # the next paragraph of the same person's words: it starts in the sentence right after the one
                # where the quotation before it ended
                ended = self._sentence_of(self._token_at(max(self.quotations.spans[index - 1].end - 1, 0)))
                starts = self._sentence_of(self._token_at(quotation.start)).start
                if starts == ended.end or self._aside(ended.end, starts):
                    found = self.quotation_speaker(index - 1)
        self._attributed[index] = found
        return found

    def _aside(self, start: int, end: int) -> bool:
        """Whether the tokens [start, end) are one sentence of the article's own that names no one: a speaker's
        next paragraph may come after such an aside ("The rand is fixed to the dollar.")."""
        if start >= end or self._sentence_of(start).end != end:
            return False
        at, mentions = self.endpoints.at, self.endpoints.mentions
        return not any(mentions[at[i]].type == "person" for i in range(start, end) if i in at)

    def _chain_end(self, index: int) -> int:
        spans = self.quotations.spans
        while index + 1 < len(spans) and spans[index + 1].continued:
            index += 1
        return spans[index].end

    def _after(self, end: int) -> Speaker | None:
        """'"...," said Kennedy' / '"...," he told the BBC': a speaking verb just after the closing mark."""
        verb = self._verb_after(end)
        return None if verb is None else self.speaker_of(verb)

    def _before(self, start: int) -> Speaker | None:
        """'Kennedy said: "..."' / 'Brown told the BBC: "..."': a speaking verb just before the opening mark."""
        verb = self._verb_before(start)
        return None if verb is None else self.speaker_of(verb)

    def _verb_after(self, end: int) -> Token | None:
        close = self._token_at(end - 1)
        doc = self.doc
        if doc[close].text not in _CLOSING_MARKS:
            return None
        sentence_end = doc[close].sent.end
        return self._first_verb(range(close + 1, min(close + 1 + _NEAR, sentence_end)), ('"', "\u201c", "\u00ab"))

    def _verb_before(self, start: int) -> Token | None:
        doc = self.doc
        opening = self._token_at(start)
        if opening == 0 or doc[opening - 1].text not in (":", ",") and doc[opening - 1].pos_ != "VERB":
            return None
        sentence_start = doc[opening].sent.start
        near = range(opening - 1, max(opening - 1 - _NEAR, sentence_start - 1), -1)
        return self._first_verb(near, ('"', "\u201d", "\u00bb"))

    def _attributed_to_another(self, start: int, end: int) -> bool:
        """Whether a speaking verb opens or closes the quotation though no speaker was found for it ('"...," they
        said' after a spokesman's words, "police said"): its words are someone's the document does not name."""
        speaking = self.endpoints.vocabulary.speaking
        return any(
            verb is not None
            and verb.lemma_.lower() in speaking
            and not any(child.dep_ == "neg" for child in verb.children)
            and any(_someone_else(subject) for subject in subjects(verb))
            for verb in (self._verb_after(end), self._verb_before(start))
        )

    def _first_verb(self, tokens: range, other_quote: tuple[str, ...]) -> Token | None:
        """The first verb among `tokens`, scanned in order; none past another quotation's mark."""
        for i in tokens:
            token = self.doc[i]
            if token.text in other_quote:
                return None
            if token.pos_ == "VERB":
                return token
        return None

    def _trailing(self, verb: Token, sentence: Span) -> int | None:
        """ "The owners left without paying, he said.": the comma before a closing "he said" / "said X" when the
        parser did not hang the words on the verb; everything before that comma is the speaker's."""
        if verb.dep_ != "ROOT" or self.quotations.overlaps(sentence.start_char, sentence.end_char):
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or any(c.dep_ in ("dobj", "xcomp", "attr") for c in verb.children):
            return None  # "Speaking in Bishkek, Kallas promised more support": words of the verb's own
        opening = min(subject.left_edge.i, verb.i)
        comma = opening - 1
        if comma <= sentence.start or self.doc[comma].text != ",":
            return None
        rest = [t for t in self.doc[verb.i + 1 : sentence.end] if not t.is_punct]
        if len(rest) > _NEAR or any(t.pos_ in ("VERB", "AUX") for t in rest):
            return None  # "After talks in Paris, Blair told Chirac to wait": the verb opens words of its own
        return comma

    def _contrasted(self, clause: Token) -> set[int]:
        """The tokens of clauses inside a reported one that the sentence sets against it ("..., while Labour
        criticised ...") or adds to it (", which followed a campaign in the Daily Mail", ", Malaysia's third-biggest
        lender,"): the parser often hangs them there, but they are the article's words."""
        contrast = self.endpoints.vocabulary.contrast
        aside: set[int] = set()
        doc = self.doc
        for token in clause.subtree:
            if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in contrast for c in token.children):
                aside.update(t.i for t in token.subtree)
            elif token.dep_ == "relcl" and token.left_edge.lower_ in ("which", "who") and token.left_edge.i > 0:
                # "..., which followed a campaign in the Daily Mail": a clause set off by a comma describes
                aside.update(t.i for t in token.subtree if doc[token.left_edge.i - 1].text == ",")
            elif token.dep_ == "appos" and token.pos_ == "NOUN" and doc[token.left_edge.i - 1].text == ",":
                # "RHB, Malaysia's third-biggest lender, is scouting ..., the firm said": so does a description
                # set off by commas (not a name: "his rival, Gordon Brown," is the speaker's)
                aside.update(t.i for t in token.subtree)
        return aside

    def speakers(self, sentence: Span) -> dict[int, Speaker]:
        """Token index -> whose words the token is, for the tokens of `sentence` that are someone's words."""
        found: dict[int, Speaker] = {}
        doc = self.doc
        # reported clauses, the innermost speaker first: "Howard said Blair claimed that ..."
        verbs = [
            t for t in sentence if t.pos_ == "VERB" and self.endpoints.lemmas[t.i] in self.endpoints.vocabulary.speaking
        ]
        for verb in sorted(verbs, key=lambda t: -sum(1 for _ in t.ancestors)):
            clauses = [c for c in verb.children if c.dep_ == "ccomp"]
            trailing = None if clauses else self._trailing(verb, sentence)
            speaker = self.speaker_of(verb) if clauses or trailing is not None else None
            if speaker is None:
                continue
            for clause in clauses:
                aside = self._contrasted(clause)
                for token in clause.subtree:
                    if token.i not in aside:
                        found.setdefault(token.i, speaker)
            if trailing is not None:
                for i in range(sentence.start, trailing):
                    found.setdefault(i, speaker)
        # quotations
        if self.quotations.overlaps(sentence.start_char, sentence.end_char):
            for i in range(sentence.start, sentence.end):
                if i in found:
                    continue
                index = self.quotations.index(doc[i].idx)
                if index is not None:
                    speaker = self.quotation_speaker(index)
                    if speaker is not None:
                        found[i] = speaker
        # "according to X, ..."
        for token in sentence:
            if token.lower_ == "according" and token.i + 1 < sentence.end and token.nbor().lower_ == "to":
                named = [c for c in token.nbor().children if c.dep_ == "pobj"]
                mentions = [m for c in named for m in self.endpoints.resolve(c)]
                mentions = [m for m in mentions if self.endpoints.mentions[m].type in SPEAKER_TYPES]
                if mentions:
                    own = {t.i for t in token.subtree} | {token.i, token.i + 1}
                    for i in range(sentence.start, sentence.end):
                        if i not in own:
                            found.setdefault(i, Speaker(mentions[0]))
                break
        return found
