"""Which mention a token of a pattern stands for.

Usually the mention the token is part of. Otherwise, in this order: the person a title pattern gave the title to
("head" in "the head of Kyrgyzstan Sadyr Japarov"), the antecedent of a pronoun ("it is a member of ..."), the
person a title introduces ("president" in "Turkey's president Recep Tayyip Erdogan"), the country a proxy noun
stands for ("the Turkish side"), or the country a demonym names ("Kyrgyz").
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from functools import cached_property

from spacy.attrs import IS_ALPHA, IS_TITLE, LEMMA, LOWER, POS
from spacy.tokens import Doc, Span, Token

from graphkit.extract.relations.grammar import conjuncts, subjects
from graphkit.extract.relations.modality import Quotations
from graphkit.extract.relations.vocabulary import Vocabulary
from graphkit.gazetteer import COUNTRY, Gazetteer
from graphkit.model import Mention
from graphkit.names import strip_article_and_possessive

# pronoun -> mention types it can stand for
_BODIES = ("country", "organization")
PRONOUN_TYPES = {
    "it": _BODIES,
    "its": _BODIES,
    "they": _BODIES,
    "their": _BODIES,
    "he": ("person",),
    "his": ("person",),
    "she": ("person",),
    "her": ("person",),
}
PLACE_TYPES = ("country", "organization", "location")
# sentences before a statement's own that its evidence may take in, to show a party named there: the antecedent
# of "he", the speaker of "he said" or of a quotation's next paragraph
EVIDENCE_REACH = 4


def hyphenated(first: Token, last: Token | None = None) -> bool:
    """ "Russian" in "pro-Russian" or "Kyrgyz" in "Kyrgyz-Turkish": the word (or the words `first`..`last`)
    joined to a neighbour by a hyphen."""
    doc, last = first.doc, last or first
    before = first.i > 0 and doc[first.i - 1].text == "-" and not doc[first.i - 1].whitespace_
    after = last.i + 1 < len(doc) and doc[last.i + 1].text == "-" and not last.whitespace_
    return before or after


class CountryNames:
    """The gazetteer's answers the relations need: which country a name or a demonym stands for."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def country(self, name: str) -> str | None:
        """ "the Kyrgyz Republic", "Kyrgyzstan", "Kyrgyz" -> "Kyrgyzstan"; None for anything not a country."""
        entry = self.gazetteer.lookup(name)
        return entry.country if entry is not None and entry.type == COUNTRY else None

    def demonym(self, word: str) -> str | None:
        """ "Kyrgyz" -> "Kyrgyzstan"; None for a word that is not a demonym."""
        return self.gazetteer.demonym(word)


class Endpoints:
    """Token -> mention look-ups for one document."""

    def __init__(
        self, doc: Doc, mentions: list[Mention], vocabulary: Vocabulary, countries: CountryNames | None = None
    ) -> None:
        self.doc = doc
        self.mentions = mentions
        self.spans: list[Span | None] = [
            doc.char_span(m.start, m.end, alignment_mode="expand") if m.sentence >= 0 else None for m in mentions
        ]
        # The token attributes the patterns test on every token, read in one pass: a Token object per test
        # cost more than all the matching.
        strings = doc.vocab.strings
        lower, lemma, pos, title, alpha = doc.to_array([LOWER, LEMMA, POS, IS_TITLE, IS_ALPHA]).T
        self.words = [strings[h] for h in lower.tolist()]  # token.lower_
        self.lemmas = [strings[h].lower() for h in lemma.tolist()]  # token.lemma_.lower()
        self.pos = pos.tolist()  # token.pos, a spacy.symbols id
        self.titled = (title & alpha).astype(bool).tolist()  # token.is_title and token.is_alpha
        self.vocabulary = vocabulary
        self.countries = countries
        self.quotations: Quotations | None = None  # set by the caller: pronouns do not reach into quotations
        self.at: dict[int, int] = {}  # token index -> mention index
        self.holders: dict[int, int] = {}  # token index of a title -> the person a title pattern gave it to
        self.by_country: dict[str, list[int]] = defaultdict(list)  # country name -> its mentions, in order
        self._antecedents: dict[int, int | None] = {}  # pronoun token -> what it refers to
        for index, (mention, span) in enumerate(zip(mentions, self.spans, strict=True)):
            if span is None:
                continue
            for i in range(span.start, span.end):
                self.at.setdefault(i, index)
            if mention.type == "country":
                self.by_country[self._country_key(mention)].append(index)

    def _country_key(self, mention: Mention) -> str:
        name = mention.canonical or strip_article_and_possessive(mention.text)
        if self.countries:
            name = self.countries.country(name) or name
        return name.casefold()

    def mention_of(self, token: Token) -> int | None:
        return self.at.get(token.i)

    def demonym(self, token: Token) -> int | None:
        """A mention of the country a demonym or adjective names ("Kyrgyz" -> a "Kyrgyzstan" mention).

        Only when the document mentions that country: a relation needs a mention to point at. Not for a word
        hyphenated to another ("pro-Russian", "Kyrgyz-Turkish"), which says nothing about a nationality.
        Prefers a mention in the same sentence, then the nearest before, then the first after.
        """
        if self.countries is None or token.i in self.at or not token.is_title or not token.is_alpha:
            return None
        country = self.countries.demonym(token.text)
        candidates = self.by_country.get(country.casefold(), []) if country else []
        if not candidates or hyphenated(token):
            return None
        sentence = token.sent
        same = [i for i in candidates if sentence.start_char <= self.mentions[i].start < sentence.end_char]
        before = [i for i in candidates if self.mentions[i].start < token.idx]
        return (same or before[-1:] or candidates)[0]

    def demonym_at(self, i: int) -> int | None:
        """`demonym(doc[i])`, answered without making the Token for the many words that cannot be one."""
        if not self.titled[i] or i in self.at:
            return None
        return self.demonym(self.doc[i])

    def resolve(self, token: Token) -> list[int]:
        """The mentions `token` stands for, [] when none."""
        found = self.mention_of(token)
        if found is not None:
            if self._people(token, found):
                return []
            return [found]
        if token.i in self.holders:
            # "a meeting between Putin and the head of Kyrgyzstan Sadyr Japarov": the parser hangs the title
            return [self.holders[token.i]]
        if token.pos_ == "PRON":
            if token.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl" and token.head.head.i != token.head.i:
                # "Rosneft, which was bought by Gazprom": the relative pronoun is the noun it follows
                return self.resolve(token.head.head)
            if token.lower_ == "they":
                group = self.coordinated_antecedents(token)
                if group:
                    return group
            found = self.antecedent(token)
            return [] if found is None else [found]
        if token.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return []
        # "Turkey's president Recep Tayyip Erdogan": the parser heads the phrase with the title; "the mobile
        # operators Vodafone and O2": with a noun that names a body, the bodies it names
        body = token.lemma_.lower() in self.vocabulary.bodies
        for child in token.children:
            if child.dep_ == "appos" and child.i > token.i:
                found = self.mention_of(child)
                if found is not None and self.mentions[found].type == "person":
                    return [found]
                if found is not None and body and self.mentions[found].type == "organization":
                    named = [self.mention_of(c) for c in conjuncts(child)]
                    return [m for m in named if m is not None and self.mentions[m].type == "organization"]
        if token.lemma_.lower() in self.vocabulary.proxies:
            for child in token.children:
                if child.dep_ in ("amod", "compound", "poss", "nmod"):
                    found = self.mention_of(child)
                    if found is None:
                        found = self.demonym(child)
                    if found is not None and self.mentions[found].type in PLACE_TYPES:
                        return [found]
        if token.lemma_.lower() in self.vocabulary.spokesmen:
            spoken = self.spoken_for(token)
            if spoken:
                return spoken
        if token.pos_ == "NOUN" and body:
            found = self.definite(token)
            if found is not None:
                return [found]
        found = self.demonym(token)
        return [] if found is None else [found]

    def spoken_for(self, spokesman: Token) -> list[int]:
        """ "a Microsoft spokesman", "a spokesman for Microsoft": the body a spokesman speaks and acts for."""
        for child in spokesman.children:
            found: list[int] = []
            if child.dep_ in ("compound", "poss", "nmod", "amod"):
                found = self.resolve(child)
            elif child.dep_ == "prep" and child.lower_ in ("for", "of"):
                found = [m for c in child.children if c.dep_ == "pobj" for m in self.resolve(c)]
            if found:
                return found
        return []

    def definite(self, noun: Token) -> int | None:
        """ "the firm", "the bank": the one organization named last, in the sentence before the noun or, when it
        names none, in the nearest of the few sentences before that names one. A noun that a name or a
        nationality qualifies ("the US firm") is another body; one in a quotation is whatever the speaker meant.
        """
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            return None
        for child in noun.children:
            if child.dep_ in ("compound", "amod", "nmod", "poss") and (
                child.i in self.at or self.demonym(child) is not None or child.pos_ == "PROPN"
            ):
                return None
        if self.quotations is not None and noun.idx in self.quotations:
            return None
        here = bisect_right(self.sentence_starts, noun.i) - 1
        end = noun.i
        for number in range(here, max(here - EVIDENCE_REACH, 0) - 1, -1):
            start = self.sentence_starts[number]
            bodies = self._candidates(start, end, ("organization",))
            if bodies:
                return bodies[-1] if len({self.key(m) for m in bodies}) == 1 else None
            end = start
        return None

    def reached(self, mention: int, token: Token) -> bool:
        """Whether `mention` stands for `token` from another sentence: through a pronoun or "the firm"."""
        span = self.spans[mention]
        return span is not None and span.start < token.sent.start

    def _people(self, token: Token, mention: int) -> bool:
        """ "The American could meet Rusedski": a demonym used as a noun names people, not their state; as a
        modifier ("the Turkish side") it names the state."""
        if self.countries is None or token.dep_ in ("amod", "compound", "nmod", "poss"):
            return False
        return self.countries.demonym(self.mentions[mention].text) is not None

    def key(self, mention: int) -> str:
        """What makes two mentions one candidate antecedent: a person's last name, a country's name."""
        found = self.mentions[mention]
        if found.type == "country":
            return self._country_key(found)
        name = (found.canonical or strip_article_and_possessive(found.text)).casefold()
        return name.split()[-1] if found.type == "person" and name.split() else name

    def _candidates(self, start: int, end: int, kinds: tuple[str, ...]) -> list[int]:
        """The mentions of `kinds` whose first token is in [start, end), but for those quoted: "he" outside a
        quotation does not stand for a name inside one."""
        quoted = self.quotations
        return [
            m
            for m, span in enumerate(self.spans)
            if span is not None
            and start <= span.start < end
            and self.mentions[m].type in kinds
            and (quoted is None or self.mentions[m].start not in quoted)
        ]

    def _kinds_in(self, start: int, end: int, kinds: tuple[str, ...]) -> set[str]:
        """The distinct candidates of `kinds` among the mentions whose first token is in [start, end)."""
        return {self.key(m) for m in self._candidates(start, end, kinds)}

    def coordinated_antecedents(self, pronoun: Token) -> list[int]:
        """ "Tokayev and Japarov flew to Moscow. They met Putin": a subject "they" takes up the coordinated
        subject of the sentence before when every one of its words is a mention of the same type."""
        sentence = pronoun.sent
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or sentence.start == 0:
            return []
        if self.quotations is not None and pronoun.idx in self.quotations:
            return []
        previous = pronoun.doc[sentence.start - 1].sent
        subjects_ = subjects(previous.root)
        if len(subjects_) != 1:
            return []
        named = [subjects_[0], *(c for c in subjects_[0].subtree if c.dep_ == "conj")]
        found = [self.mention_of(t) for t in named]
        if len(found) < 2 or None in found:
            return []
        group = [m for m in found if m is not None]
        kinds = {self.mentions[m].type for m in group}
        if len(kinds) != 1 or len({self.key(m) for m in group}) != len(group):
            return []
        before = self._candidates(sentence.start, pronoun.i, (*kinds,))
        return [] if before else group

    def antecedent(self, pronoun: Token) -> int | None:
        """What "he", "it", "they" (or "his", "its", "their") refers to, only when nothing else could be meant.

        In the same sentence, the subject of a clause above the pronoun ("Turkey said it would help") when no
        other candidate of its kind comes before the pronoun ("Blair told Brown he ..." is left alone). Else,
        with no candidate before it in its sentence, from the previous sentence: for a pronoun that is a
        subject, that sentence's subject ("Sandu met Macron in Paris. She later visited Strasbourg"), unless
        it names two ("Pashinyan and Aliyev arrived. He met Trump" is left alone), or the body a subject
        spokesman speaks for ("A Labour spokesman said ... He added"); for "he" or "she" anywhere,
        the one person that sentence names when it names no organization either, or, when it names no person,
        the one person the article has named before."""
        kinds = PRONOUN_TYPES.get(pronoun.lower_)
        if kinds is None or pronoun.dep_ == "expl":
            return None
        if self.quotations is not None and pronoun.idx in self.quotations:
            return None  # "he" in someone's words is whoever they were speaking of, not what the article names
        if pronoun.i in self._antecedents:
            return self._antecedents[pronoun.i]
        self._antecedents[pronoun.i] = None  # no loops through a chain of pronouns
        found = self._antecedent(pronoun, kinds)
        self._antecedents[pronoun.i] = found
        return found

    def _antecedent(self, pronoun: Token, kinds: tuple[str, ...]) -> int | None:
        sentence = pronoun.sent
        before = self._kinds_in(sentence.start, pronoun.i, kinds)
        for ancestor in pronoun.ancestors:
            for subject in subjects(ancestor):
                found = self.mention_of(subject)
                if subject is not pronoun and found is not None and self.mentions[found].type in kinds:
                    if pronoun.dep_ == "poss" and before <= self._coordinated(subject):
                        before = set()  # "Jowell and Prescott welcomed his return": his is neither of the two
                        break
                    return found if before <= {self.key(found)} else None
            else:
                continue
            break
        if before or sentence.start == 0:
            return None
        previous = pronoun.doc[sentence.start - 1].sent
        named = [s for s in subjects(previous.root) for s in [s, *(c for c in s.children if c.dep_ == "conj")]]
        found_subjects = {m for m in (self.mention_of(s) for s in named) if m is not None}
        parallel = pronoun.dep_ in ("nsubj", "nsubjpass")  # a subject takes up the subject before it
        if len(named) == 1 and parallel and named[0].lower_ == pronoun.lower_:
            # "He said the plant had closed. The owners left, he said.": the same "he" as the sentence before
            found = self.antecedent(named[0])
            here = bisect_right(self.sentence_starts, pronoun.i) - 1
            if found is not None and here - self.mentions[found].sentence <= EVIDENCE_REACH:
                return found
        if len(named) == 1 and parallel and not found_subjects and kinds == ("person",):
            # "A Labour spokesman criticised Howard. He said ...": the spokesman, who speaks for Labour
            spoken = self.spoken_for(named[0]) if named[0].lemma_.lower() in self.vocabulary.spokesmen else []
            if len(spoken) == 1:
                return spoken[0]
        if len(found_subjects) == 1 and len(named) == 1:
            found = next(iter(found_subjects))
            quoted = self.quotations is not None and self.mentions[found].start in self.quotations
            alone = self._kinds_in(previous.start, previous.end, kinds) == {self.key(found)}
            if self.mentions[found].type in kinds and not quoted and (parallel or alone):
                return found
        if kinds == ("person",):
            people = self._candidates(previous.start, previous.end, kinds)
            bodies = self._candidates(previous.start, previous.end, ("organization",))
            if len({self.key(m) for m in people}) == 1 and not bodies and len(found_subjects) <= 1:
                return people[0]
            if not people:
                return self._only_person_before(sentence.start)
        return None

    def _coordinated(self, subject: Token) -> set[str]:
        """The candidates a coordinated subject names ("Jowell and Prescott"), empty for a single one."""
        group = conjuncts(subject)
        if len(group) < 2:
            return set()
        return {self.key(m) for m in (self.mention_of(t) for t in group) if m is not None}

    def _only_person_before(self, end: int) -> int | None:
        """ "he" after sentences that name no one takes the one person the article has named so far (outside
        quotations), when named in the last few sentences: news names its subject and then goes on with "he
        said" until it names another, and the statement's evidence must reach back to the name."""
        people = self._candidates(0, end, ("person",))
        if not people or len({self.key(m) for m in people}) != 1:
            return None
        last = people[-1]
        here = bisect_right(self.sentence_starts, end) - 1
        return last if here - self.mentions[last].sentence <= EVIDENCE_REACH else None

    @cached_property
    def sentence_starts(self) -> list[int]:
        """The first token of each sentence, in order: a token's sentence number by bisection."""
        return [sentence.start for sentence in self.doc.sents]
