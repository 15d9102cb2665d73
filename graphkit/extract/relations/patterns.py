"""Typed relations between mentions of one sentence, read with the pattern table (table.py) from word order and
the dependency parse, and who says so (speech.py): a statement in a named speaker's words carries
`according_to`, and the speaker "spoke about" each entity those words name. Only sentences with two or more
possible parties are read."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from functools import cache

from spacy.tokens import Doc, Span

from graphkit.extract.dates import SentenceDates
from graphkit.extract.relations.clauses import find_clauses
from graphkit.extract.relations.endpoints import EVIDENCE_REACH, PRONOUN_TYPES, CountryNames, Endpoints
from graphkit.extract.relations.modality import Quotations, hedged, negated
from graphkit.extract.relations.speech import Speaker, Speech
from graphkit.extract.relations.table import CLAUSES, TITLES
from graphkit.extract.relations.titles import find_titles
from graphkit.extract.relations.vocabulary import load_vocabulary
from graphkit.gazetteer import load_gazetteer
from graphkit.model import Mention, RelationCandidate
from graphkit.relation_types import is_known, relation_type, relation_types

SPOKE_ABOUT = "spoke about"  # the speech relation: a speaker to what their words name
# relations that say where something is or was: their object must be a place
PLACE_NAMES = frozenset(name for name, kind in relation_types().items() if kind.relation_class == "location")
HELD_IN = "held in"
# relations that put a party in a body: their object must be one ("left Australia", "join Japan as co-host" are not)
BODY_NAMES = frozenset(name for name, kind in relation_types().items() if kind.relation_class == "membership")


@cache
def country_names() -> CountryNames:
    return CountryNames(load_gazetteer())


def worth_reading(sentence: Span, mentions: int, endpoints: Endpoints, quotations: Quotations) -> bool:
    """Two parties at least: two mentions, or one and a pronoun or demonym that may stand for another, or one
    inside a quotation (its speaker is the other)."""
    if mentions >= 2:
        return True
    words = endpoints.words
    return mentions == 1 and (
        any(
            words[i] in PRONOUN_TYPES or endpoints.demonym_at(i) is not None
            for i in range(sentence.start, sentence.end)
        )
        or quotations.overlaps(sentence.start_char, sentence.end_char)
    )


def _parsed(sentence: Span) -> bool:
    """Whether the parser has read `sentence` (in selective parsing, the sentences nobody reads are not)."""
    return sentence[0].dep != 0


def sentences_to_parse(doc: Doc, mentions: list[Mention], text: str | None = None) -> set[int]:
    """The sentences of `doc` (numbers in `doc.sents`, before any parse) whose parse `find_relations` would read.

    Those `worth_reading` but for a sentence of one mention whose pronoun has nothing to stand for, and what
    reading them looks at beyond them: for a pronoun, the sentence before when it names something the pronoun
    may stand for (an antecedent, or "they" taking up a coordinated subject);
    for a quotation, the sentences that open or close it and the quotations it continues or follows as the next
    paragraph of the same words, when they hold a mention or a pronoun that may name its speaker."""
    endpoints = Endpoints(doc, mentions, load_vocabulary(), country_names())
    quotations = Quotations(doc.text if text is None else text)
    endpoints.quotations = quotations
    per_sentence = Counter(m.sentence for m in mentions if m.sentence >= 0)
    sentences = list(doc.sents)
    kinds: list[set[str]] = [set() for _ in sentences]  # the mention types of each sentence
    for mention in mentions:
        if mention.sentence >= 0:
            kinds[mention.sentence].add(mention.type)
    words = endpoints.words
    spokesmen = endpoints.vocabulary.spokesmen
    for index, sentence in enumerate(sentences):
        if any(words[i] in spokesmen for i in range(sentence.start, sentence.end)):
            kinds[index].add("person")  # "A Labour spokesman said ... He added": "he" stands for the body
    pronouns = [{words[i] for i in range(s.start, s.end) if words[i] in PRONOUN_TYPES} for s in sentences]
    starts = [s.start_char for s in sentences]

    def sentence_at(offset: int) -> int:
        return max(0, bisect_right(starts, offset) - 1)

    first_person = min((m.sentence for m in mentions if m.type == "person" and m.sentence >= 0), default=None)
    # the sentences after the first that names a person: a "he" there may take up the one person named so far
    people_after = range(0) if first_person is None else range(first_person + 1, len(sentences))
    wanted: set[int] = set()
    spans = quotations.spans
    for index, sentence in enumerate(sentences):
        if not worth_reading(sentence, per_sentence[index], endpoints, quotations):
            continue
        if per_sentence[index] == 1 and not quotations.overlaps(sentence.start_char, sentence.end_char):
            # one mention and a pronoun or demonym: the other party is a country a demonym names, or what a
            # pronoun stands for, which with one name in the sentence can only be named in the sentence before,
            # or for "he" after a sentence that names no one, the one person named before it
            named_before = kinds[index - 1] if index > 0 else set()
            meant = {kind for word in pronouns[index] for kind in PRONOUN_TYPES[word]}
            person_before = "person" in meant and "person" not in named_before and index in people_after
            if (
                not named_before & meant
                and not person_before
                and not any(endpoints.demonym_at(i) is not None for i in range(sentence.start, sentence.end))
            ):
                continue
        wanted.add(index)
        at = bisect_left(quotations.starts, sentence.end_char) - 1
        while at >= 0 and spans[at].end > sentence.start_char:
            first, last = at, at
            while first > 0 and (
                spans[first].continued or sentence_at(spans[first].start) <= sentence_at(spans[first - 1].end - 1) + 1
            ):
                first -= 1
            while last + 1 < len(spans) and spans[last + 1].continued:
                last += 1
            for quotation in spans[first : last + 1]:
                for marked in (sentence_at(quotation.start), sentence_at(quotation.end - 1)):
                    if kinds[marked] or pronouns[marked]:
                        wanted.add(marked)
            at = first - 1
    for index in sorted(wanted):
        if index > 0 and kinds[index - 1] & {kind for word in pronouns[index] for kind in PRONOUN_TYPES[word]}:
            wanted.add(index - 1)
    return wanted


def _among_people(mention: int, endpoints: Endpoints) -> bool:
    """Whether a mention is listed with people ("join fellow Springboks Smit, Visagie and Matfield"): one of a
    list of players, whatever NER called it, is no body to join."""
    span = endpoints.spans[mention]
    if span is None:
        return False
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    listed = [root, *root.conjuncts]
    if any(t.lower_ == "fellow" for t in root.subtree if t.i < span.start):
        return True
    mentions = endpoints.mentions
    return any(
        endpoints.at.get(t.i, mention) != mention and mentions[endpoints.at[t.i]].type == "person" for t in listed
    )


def _symmetric(name: str) -> bool:
    return is_known(name) and relation_type(name).symmetric


def _read_sentence(
    index: int, sentence: Span, endpoints: Endpoints, speech: Speech, quotations: Quotations, dates: SentenceDates
) -> list[RelationCandidate]:
    """The typed relations of one sentence: titles, clauses, and who spoke about what. A clause takes the date
    that attaches to it; a title or a speaker's words, which have no clause of their own, the sentence's."""
    vocabulary = endpoints.vocabulary
    speakers = speech.speakers(sentence)
    found: list[RelationCandidate] = []
    for title in find_titles(sentence, endpoints, TITLES):
        endpoints.holders.update(dict.fromkeys(title.role, title.subject))
        # a title in someone's quoted words is theirs; one in a reported clause is the article's description
        quoted = sentence.doc[title.start].idx in quotations
        speaker = speakers.get(title.start) if quoted else None
        reported = speaker is None and quoted
        according_to = -1 if speaker is None else speaker.mention
        for name, target in title.objects:
            if target != title.subject:
                found.append(
                    RelationCandidate(
                        title.subject,
                        target,
                        name,
                        index,
                        hedged=reported,
                        according_to=according_to,
                        date=dates.of_sentence(index),
                    )
                )
    mentions = endpoints.mentions
    for clause in find_clauses(sentence, endpoints, CLAUSES):
        if clause.name in PLACE_NAMES and mentions[clause.object].type not in ("country", "location"):
            continue  # "the talks took place in January", "... in secret": where, or nothing
        if clause.name in BODY_NAMES and (
            mentions[clause.object].type != "organization" or _among_people(clause.object, endpoints)
        ):
            continue
        if clause.name == HELD_IN and mentions[clause.subject].type != "organization":
            continue  # "the Trump-Putin summit in Alaska": a body holds a gathering, two leaders only meet
        speaker = speakers.get(clause.trigger.i)
        found.append(
            RelationCandidate(
                clause.subject,
                clause.object,
                clause.name,
                index,
                negated=negated(clause.trigger, vocabulary),
                hedged=hedged(clause.trigger, vocabulary, quotations, attributed=speaker is not None),
                according_to=-1 if speaker is None else speaker.mention,
                via=clause.via,
                date=dates.of_clause(clause.trigger),
            )
        )
    found.extend(_spoke_about(index, sentence, endpoints, speakers, dates.of_sentence(index)))
    return found


def _spoke_about(
    index: int, sentence: Span, endpoints: Endpoints, speakers: dict[int, Speaker], date: int = -1
) -> list[RelationCandidate]:
    """The speaker to every entity their words in `sentence` name, once a pair. Only when the speaker is named
    in this sentence or one of the few before (EVIDENCE_REACH): the statement's evidence must show who spoke."""
    if not speakers:
        return []
    found: dict[tuple[str, str], RelationCandidate] = {}
    for mention, span in enumerate(endpoints.spans):
        if span is None or not sentence.start <= span.start < sentence.end:
            continue
        speaker = speakers.get(span.start)
        if speaker is None or speaker.mention == mention:
            continue
        said_in = endpoints.mentions[speaker.mention].sentence
        if not index - EVIDENCE_REACH <= said_in <= index:
            continue
        pair = (endpoints.key(speaker.mention), endpoints.key(mention))
        if pair[0] != pair[1]:
            found.setdefault(
                pair, RelationCandidate(speaker.mention, mention, SPOKE_ABOUT, index, via=speaker.via, date=date)
            )
    return list(found.values())


def find_relations(
    doc: Doc, mentions: list[Mention], text: str | None = None, dates: SentenceDates | None = None
) -> list[RelationCandidate]:
    """Typed relations the grammar of `doc` states between `mentions`, with negation, hedging, who says so and
    the date phrase of each (an index into `dates.phrases`) marked. `text` is `doc.text` when the caller has
    it (spaCy joins every token to make it).

    A sentence that defeats the patterns (an exception inside them) gives no typed relations; the others keep
    theirs."""
    vocabulary = load_vocabulary()
    dates = dates or SentenceDates(doc)
    endpoints = Endpoints(doc, mentions, vocabulary, country_names())
    per_sentence = Counter(m.sentence for m in mentions if m.sentence >= 0)
    quotations = Quotations(doc.text if text is None else text)
    endpoints.quotations = quotations
    speech = Speech(doc, endpoints, quotations)
    found: dict[tuple[int, int, str, int] | tuple[frozenset[int], str, int], RelationCandidate] = {}
    for index, sentence in enumerate(doc.sents):
        if not worth_reading(sentence, per_sentence[index], endpoints, quotations) or not _parsed(sentence):
            continue
        try:
            candidates = _read_sentence(index, sentence, endpoints, speech, quotations, dates)
        except Exception:  # noqa: BLE001 - one odd parse must not cost the article, nor the build
            continue
        for candidate in candidates:
            key: tuple[int, int, str, int] | tuple[frozenset[int], str, int] = (
                (frozenset((candidate.subject, candidate.object)), candidate.name, candidate.sentence)
                if _symmetric(candidate.name)
                else (candidate.subject, candidate.object, candidate.name, candidate.sentence)
            )
            found.setdefault(key, candidate)
    return list(found.values())
