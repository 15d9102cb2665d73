"""Title patterns: a sentence read as a row of items (mentions, titles, words) and matched against the
sequences of table.TITLES ("ORG 's? ROLE PERSON" reads "Britain's Prime Minister Tony Blair", "PLACE , COUNTRY"
reads "Osh, Kyrgyzstan")."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from spacy.symbols import ADJ, ADP, CCONJ, NOUN, PROPN, PUNCT
from spacy.tokens import Span

from graphkit.extract.relations.endpoints import PLACE_TYPES, Endpoints, hyphenated
from graphkit.extract.relations.grammar import is_former, role_starting_at
from graphkit.extract.relations.table import TitlePattern

KINDS = ("PERSON", "ORG", "ROLE", "FORMER", "WORD")
# finer options an item also fits: HUMAN, COUNTRY, PLACE, BODY (by mention type), DEMONYM, NOUN, FIRM, TERRITORY
# (words), and a title its own text
BASED_IN, HELD_IN = "based in", "held in"
_TYPE_OPTIONS = {"person": "HUMAN", "country": "COUNTRY", "location": "PLACE", "organization": "BODY"}


@dataclass  # not frozen: a frozen dataclass takes four times as long to make, and a sentence makes dozens
class Item:
    kind: str  # PERSON | ORG | ROLE | FORMER | TOKEN
    start: int  # token indices
    end: int
    text: str  # lower case
    mention: int | None = None
    former: bool = False  # for ROLE: "former" stood before it
    organization: bool = False  # for ORG: a mention typed organization, which may be a person NER mistyped
    type: str = ""  # for PERSON and ORG: the mention's type ("country" for a demonym)
    noun: str = ""  # for a word: "NOUN" for a lower-case noun or adjective, "FIRM" for a noun naming a body
    demonym: bool = False  # for ORG: a country named by its demonym ("Kenyan", "Briton")


@dataclass(frozen=True)
class Element:
    options: tuple[str, ...]  # kinds (upper case) or words
    optional: bool
    label: str


@dataclass(frozen=True)
class TitleMatch:
    subject: int  # mention index
    objects: tuple[tuple[str, int], ...]  # (relation name, mention index)
    start: int  # token index where the match starts
    role: range  # token indices of the title, which stands for the person in the rest of the sentence


@cache
def parse_sequence(sequence: str) -> tuple[Element, ...]:
    """ "ORG@of 's? ROLE PERSON@subject" -> elements."""
    elements = []
    for part in sequence.split():
        optional = part.endswith("?")
        part = part.rstrip("?")
        label = ""
        if "@" in part:
            part, label = part.split("@", 1)
            label, _, rest = label.partition("|")
            part = "|".join(filter(None, [part, rest]))
        elements.append(Element(tuple(part.split("|")), optional, label))
    return tuple(elements)


def items_of(sentence: Span, endpoints: Endpoints) -> list[Item]:
    """The sentence as a row of items: each mention one item, each listed title one item.

    A title wins over a mention it covers ("Finance Minister" tagged as an organization); a title at the start
    of a person span stays a title ("President Vladimir Putin"); a country word hyphenated to another
    ("pro-Russian") or a demonym opening a longer name ("the British Library") is only a word.
    """
    vocabulary, doc, words, at = endpoints.vocabulary, sentence.doc, endpoints.words, endpoints.at
    items: list[Item] = []
    i = sentence.start
    while i < sentence.end:
        index = at.get(i)
        span = endpoints.spans[index] if index is not None else None  # `at` holds only mentions with a span
        end = min(span.end, sentence.end) if span is not None else i + 1
        role = role_starting_at(words, i, vocabulary, sentence.end)
        if role and role[0] >= end and all(at.get(j) in (None, index) for j in range(i, role[0])):
            items.append(Item("ROLE", i, role[0], role[1], former=is_former(doc[i], vocabulary)))
            i = role[0]
            continue
        if index is not None:
            mention = endpoints.mentions[index]
            if mention.type == "person" and _body_before_title(i, end, sentence, endpoints):
                text = doc[i:end].text.lower()
                items.append(Item("ORG", i, end, text, index, organization=True, type="person"))
            elif mention.type == "person":
                role = role_starting_at(words, i, vocabulary, end - 1)
                if role:
                    items.append(Item("ROLE", i, role[0], role[1], former=is_former(doc[i], vocabulary)))
                    i = role[0]
                items.append(Item("PERSON", i, end, doc[i:end].text.lower(), index, type="person"))
            elif mention.type in PLACE_TYPES and not _only_a_word(doc[i:end], endpoints):
                organization = mention.type == "organization"
                countries = endpoints.countries
                demonym = mention.type == "country" and countries is not None and bool(countries.demonym(mention.text))
                text = doc[i:end].text.lower()
                items.append(
                    Item("ORG", i, end, text, index, organization=organization, type=mention.type, demonym=demonym)
                )
            else:
                items.append(Item("TOKEN", i, end, doc[i:end].text.lower()))
            i = end
            continue
        word = words[i]
        if word in vocabulary.former:
            end = i + 2 if i + 1 < sentence.end and words[i + 1] == "-" else i + 1  # "ex-"
            items.append(Item("FORMER", i, end, word))
            i = end
            continue
        country = endpoints.demonym_at(i)
        if country is not None and _only_a_word(doc[i : i + 1], endpoints):
            country = None
        if country is not None:
            items.append(Item("ORG", i, i + 1, word, country, type="country", demonym=True))
        else:
            items.append(Item("TOKEN", i, i + 1, word, noun=_noun(i, endpoints)))
        i += 1
    return items


def _body_before_title(start: int, end: int, sentence: Span, endpoints: Endpoints) -> bool:
    """A one-word "person" right before a title and its holder names what the title is of: the small model
    types unfamiliar firms as people ("Yukos chief executive Steven Theede", "Putin spokesman Dmitry Peskov")."""
    if end - start != 1:
        return False
    role = role_starting_at(endpoints.words, end, endpoints.vocabulary, sentence.end)
    if role is None:
        return False
    holder = endpoints.at.get(role[0])
    return holder is not None and endpoints.mentions[holder].type == "person"


def _noun(i: int, endpoints: Endpoints) -> str:
    """What a lower-case noun or adjective may be in a sequence: "TERRITORY" for a part of a country ("region"),
    "FIRM" for a noun naming a body ("firm", "union"), "NOUN" for another that may stand between a name and a
    title ("foreign policy chief", "British actress"); "" for any other word."""
    if endpoints.pos[i] not in (NOUN, ADJ) or endpoints.titled[i] or not endpoints.doc[i].is_lower:
        return ""  # "FA" in "Egypt FA spokesman" names a body
    if endpoints.lemmas[i] in endpoints.vocabulary.territories:
        return "TERRITORY"
    if endpoints.lemmas[i] in endpoints.vocabulary.bodies:
        return "FIRM"
    if endpoints.pos[i] == ADJ and endpoints.doc[i].tag_ in ("JJS", "JJR"):
        return ""  # "Britain's biggest union leader": the superlative makes another body the title's
    return "NOUN"


def _only_a_word(span: Span, endpoints: Endpoints) -> bool:
    """A country word that names no country here: hyphenated ("pro-Russian", "Kyrgyz-Turkish"), or a demonym
    opening a longer name ("British Library", "Turkish Red Crescent")."""
    countries, doc = endpoints.countries, span.doc
    if hyphenated(span[0], span[-1]):
        # "Moscow-based", "Uzbek-born": a place all the same
        after = span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ in ("based", "born")
        # "ex-Downing Street media chief": the hyphen joins a former role's mark, the name is the body's
        former = (
            span.start > 1
            and doc[span.start - 1].text == "-"
            and endpoints.words[span.start - 2] in (endpoints.vocabulary.former)
        )
        return not (after or former)
    if countries is None or not countries.demonym(span.text) or span.end >= span.sent.end:
        return False
    following = doc[span.end]
    return (
        following.is_title
        and following.pos_ == "PROPN"
        and endpoints.mention_of(following) is None
        and role_starting_at(endpoints.words, following.i, endpoints.vocabulary, span.sent.end) is None
    )


def _worth_items(sentence: Span, endpoints: Endpoints) -> bool:
    """Whether `sentence` has a person or organization mention (the subject of a title or an origin) or two
    place mentions ("Osh, Kyrgyzstan"): without, no pattern can match, and the sentence is not worth making
    items of."""
    at, mentions = endpoints.at, endpoints.mentions
    found = {at[i] for i in range(sentence.start, sentence.end) if i in at}
    types = [mentions[index].type for index in found]
    return "person" in types or "organization" in types or len(types) >= 2


def _fitting(item: Item) -> frozenset[str]:
    """The sequence options `item` fits: its kind (KINDS), and for a plain word the word itself and WORD when it
    is all letters."""
    if item.kind == "TOKEN":
        if not item.text.isalpha():
            return frozenset((item.text,))
        return frozenset((item.text, "WORD", item.noun)) if item.noun else frozenset((item.text, "WORD"))
    options = {item.kind}
    if item.kind == "ROLE":
        options.add(item.text)  # a sequence may name the titles it takes ("adviser|lawyer")
    if item.type:
        options.add(_TYPE_OPTIONS[item.type])
    if item.demonym:
        options.add("DEMONYM")
    if item.organization:
        # the small model often types an unfamiliar name as an organization; a title next to it says otherwise
        options.add("PERSON")
    return frozenset(options)


@cache
def _openers(sequence: str) -> frozenset[str] | None:
    """The options the first item of a match must fit: those of the optional elements that open the sequence
    and of the first required one. None when every element is optional (a match may then be empty)."""
    options: set[str] = set()
    for element in parse_sequence(sequence):
        options.update(element.options)
        if not element.optional:
            return frozenset(options)
    return None


def _match(
    items: list[Item], fitting: list[frozenset[str]], at: int, elements: tuple[Element, ...], bound: dict[str, Item]
) -> dict | None:
    if not elements:
        return bound
    element, rest = elements[0], elements[1:]
    if at < len(items):
        item, fits = items[at], fitting[at]
        for option in element.options:
            if option in fits:
                names = dict(bound)
                names[element.label or f"#{len(bound)}"] = item
                found = _match(items, fitting, at + 1, rest, names)
                if found is not None:
                    return found
    if element.optional:
        return _match(items, fitting, at, rest, bound)
    return None


def _owns_next(item: Item, after: dict[int, Item], bound: dict[str, Item]) -> bool:
    """ "the leader of Britain's biggest union": an organization followed by a possessive the pattern did not
    take owns what comes next, so it is not the one the title is of."""
    following = after.get(item.start)
    if following is None or following in bound.values():
        return False
    if item.demonym and following.noun:
        return True  # "chief executive of the Turkish drone maker Baykar": the demonym qualifies the maker
    return following.text in ("'s", "'", "’s", "’", "-")  # and "the Frankfurt-based exchange"


_ROLE_OBJECTS = frozenset(("of", "at", "for", "with", "to"))


def _names_after(preposition: Item, after: dict[int, Item]) -> bool:
    """Whether a preposition after a title brings in a name ("economist at RBS"), not a field ("head of tax")."""
    following = after.get(preposition.start)
    while following is not None and following.text in ("the", "a", "an"):
        following = after.get(following.start)
    return following is not None and following.mention is not None


def _title_elsewhere(bound: dict[str, Item], after: dict[int, Item]) -> bool:
    """The title is another's than the match says: "Ross Walker, UK economist at RBS" (economist of RBS, not of
    the UK), "Trevor Nelson, NME editor Conor McNicholas" (McNicholas edits NME). A field after the title is
    not another's: "Unilever's UK head of marketing" heads marketing at Unilever."""
    values = list(bound.values())
    for item in values:
        if item.kind != "ROLE":
            continue
        following = after.get(item.start)
        if following is None or following in values:
            continue
        if following.text in _ROLE_OBJECTS and _names_after(following, after):
            return True
        if following.kind == "PERSON" and item is max(values, key=lambda v: v.start):
            return True
    return False


@cache
def _subject_options(sequence: str) -> frozenset[str]:
    return next((frozenset(e.options) for e in parse_sequence(sequence) if e.label == "subject"), frozenset())


_LIST_WORDS = frozenset((",", "and", "or", "&", "/"))


def _in_a_list(first: Item, last: Item, items: list[Item], position: dict[int, int]) -> bool:
    """ "London, Birmingham, Glasgow and Cambridge": two names side by side in a list, not one in the other."""
    k, n = position[first.start], position[last.start]
    if k > 0 and items[k - 1].text in _LIST_WORDS:
        return True
    if n + 1 < len(items) and items[n + 1].text in ("and", "or", "&", "/"):
        return True
    return n + 2 < len(items) and items[n + 1].text == "," and items[n + 2].mention is not None


def _territory(item: Item, endpoints: Endpoints) -> bool:
    """A TERRITORY word, or a place mention whose last word is one ("the Issyk-Kul region")."""
    if item.noun == "TERRITORY":
        return True
    if item.type != "location" or item.mention is None:
        return False
    words = endpoints.mentions[item.mention].text.split()
    return bool(words) and words[-1].lower() in endpoints.vocabulary.territories


def _closes(item: Item, endpoints: Endpoints) -> bool:
    """Whether the phrase ends after `item`: punctuation, a preposition or the sentence's end follow
    ("in Osh, Kyrgyzstan, on Monday"), not a verb ("in Cardiff, Wales must get past Scotland")."""
    if item.end >= len(endpoints.words) or endpoints.doc[item.end].sent.start != endpoints.doc[item.start].sent.start:
        return True
    return endpoints.pos[item.end] in (PUNCT, ADP, CCONJ)


def _country_of(item: Item, endpoints: Endpoints) -> str | None:
    if endpoints.countries is None or item.mention is None:
        return None
    mention = endpoints.mentions[item.mention]
    return endpoints.countries.gazetteer.country_of(mention.canonical or mention.text)


def _guarded(
    pattern: TitlePattern, bound: dict[str, Item], items: list[Item], position: dict[int, int], endpoints: Endpoints
) -> bool:
    """Whether the pattern's guard refuses the match (see table.TitlePattern.guard)."""
    if not pattern.guard:
        return False
    subject = bound["subject"]
    place = next(item for label, item in bound.items() if label not in ("subject",) and not label.startswith("#"))
    inner, outer = _country_of(subject, endpoints), _country_of(place, endpoints)
    if pattern.guard == "apposition":
        first, last = (subject, place) if subject.start < place.start else (place, subject)
        if _in_a_list(first, last, items, position) or not _closes(last, endpoints):
            return True
        if place.type != "country" and (inner is None or outer is None):
            return True  # "Jones, Hiley": two names the gazetteer does not place are more likely a list
    if pattern.guard == "territory" and not any(_territory(item, endpoints) for item in bound.values()):
        return True  # "the Bank of England": not a part of a country
    if pattern.guard == "alone" and subject.end < len(endpoints.words):
        following = subject.end
        if endpoints.pos[following] in (NOUN, PROPN) and endpoints.at.get(following) is None:
            return True
    if pattern.guard == "fullname":
        opening = position[min(item.start for item in bound.values())]
        if " " not in subject.text or opening > 0 and items[opening - 1].text == "the":
            return True
    if pattern.guard == "city" and (outer is None or place.type != "location" or not _closes(place, endpoints)):
        return True
    if pattern.guard == "spelled" and place.type != "country" and endpoints.doc[place.start : place.end].text.isupper():
        return True
    if pattern.guard == "known" and (inner is None or outer is None):
        return True
    if pattern.guard == "opening":
        opening = position[min(item.start for item in bound.values())]
        if any(item.text.isalnum() for item in items[:opening]):
            return True
    return inner is not None and outer is not None and inner.casefold() != outer.casefold()


def _name(
    pattern: TitlePattern, role: str, label: str, former: bool, subject: Item, target: Item, endpoints: Endpoints
) -> str:
    """The relation a match states with `target`: the pattern's name, else "<role> <label>"; an occupation
    after a country ("UK author X") or a position after a demonym ("the Brazilian winger X") tells where the
    person is from."""
    vocabulary = endpoints.vocabulary
    if pattern.name == BASED_IN and endpoints.lemmas[subject.end - 1] in vocabulary.gatherings:
        return HELD_IN  # "the Consumer Electronics Show in Las Vegas" is held there, not based there
    if pattern.name:
        return pattern.name
    if target.type == "country" and (role in vocabulary.trades or target.demonym and role in vocabulary.positions):
        return "from"
    return f"{'former ' if former else ''}{role} {label}"


def find_titles(sentence: Span, endpoints: Endpoints, patterns: tuple[TitlePattern, ...]) -> Iterator[TitleMatch]:
    """Every (subject, relation, object) the title patterns read in `sentence`, one name per pair: the first
    pattern and the earliest start win ("Former US President X" is not also "US President X")."""
    if not _worth_items(sentence, endpoints):
        return
    items = items_of(sentence, endpoints)
    fitting = [_fitting(item) for item in items]
    present = frozenset().union(*fitting)
    named: set[tuple[int, int]] = set()
    after = {item.start: items[k + 1] for k, item in enumerate(items[:-1])}
    position = {item.start: k for k, item in enumerate(items)}
    starts: dict[str, list[int]] = {}  # option -> the items that fit it: where a match may start
    for k, fits in enumerate(fitting):
        for option in fits:
            starts.setdefault(option, []).append(k)
    for pattern in patterns:
        if present.isdisjoint(_subject_options(pattern.sequence)):
            continue
        elements, openers = parse_sequence(pattern.sequence), _openers(pattern.sequence)
        if openers is None:
            candidates: Iterable[int] = range(len(items))
        else:  # most items are words no sequence opens with
            candidates = sorted({k for option in openers for k in starts.get(option, ())})
        for at in candidates:
            bound = _match(items, fitting, at, elements, {})
            if bound is None or "subject" not in bound:
                continue
            roles = [item for item in bound.values() if item.kind == "ROLE"]
            former = any(item.kind == "FORMER" or item.former for item in bound.values())
            role = roles[0].text if roles else pattern.role
            if any(_owns_next(item, after, bound) for item in bound.values() if item.kind == "ORG"):
                continue
            if _title_elsewhere(bound, after) or _guarded(pattern, bound, items, position, endpoints):
                continue
            subject = bound["subject"].mention
            objects = tuple(
                (_name(pattern, role, label, former, bound["subject"], item, endpoints), item.mention)
                for label, item in bound.items()
                if label != "subject"
                and not label.startswith("#")
                and item.mention is not None
                and item.mention != subject
                and (subject, item.mention) not in named
            )
            named.update((subject, target) for _, target in objects)
            if objects and subject is not None:
                title = range(roles[0].start, roles[0].end) if roles else range(0)
                yield TitleMatch(subject, objects, items[at].start, title)
