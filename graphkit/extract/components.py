"""spaCy components that turn NER output into mentions a reader would accept.

`graphkit_gazetteer` only records gazetteer matches in `doc.spans`; it never touches `doc.ents`,
because a ruler before or over NER damages person names ("Chad Smith" -> Chad). Then
`graphkit_mentions` takes those matches off the Doc, repairs each NER span — cuts it at line breaks,
trims articles, titles, leading non-name words and possessives, splits fused spans ("Tajikistan
Emomali Rahmon") — types it from the gazetteer where the whole span is a known name, and adds
gazetteer matches NER missed (demonyms, acronyms). The result is the span group
`doc.spans["graphkit"]`: label = graphkit type, kb_id_ = canonical name from the gazetteer (or ""),
id_ = where it came from. State lives on the Doc, so both run inside `nlp.pipe`, multiprocessing
included.
"""

from __future__ import annotations

from typing import cast

import numpy
from spacy.attrs import IS_ALPHA, IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, SpanGroup, Token
from thinc.types import Ints2d

from graphkit.extract.context import (
    headline_words,
    is_descriptor,
    is_honorific,
    party_mentions,
    retype_firms,
    role_length,
)
from graphkit.gazetteer import GazetteerEntry, load_gazetteer, person_shaped
from graphkit.names import name_words, strip_article_and_possessive, title_length

MENTIONS_KEY = "graphkit"
GAZETTEER_KEY = "graphkit_gazetteer"

NER_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "location", "LOC": "location", "NORP": ""}
# words that may open a span but are never part of a name when they do
_OPENERS = {"the", "a", "an", "this", "that", "these", "those", "following", "after", "before", "as", "dear"}
_NON_NAME_POS = {"VERB", "ADP", "ADV", "PRON", "DET", "AUX", "SCONJ", "CCONJ", "PART", "INTJ", "NUM", "PUNCT"}


def _entry_type(entry: GazetteerEntry) -> str:
    if entry.kind == "metonym":
        return "organization"  # "the Kremlin said": an institution; the country only with capitals_as_countries
    return entry.mention_type


def _entry_name(entry: GazetteerEntry, text: str) -> str:
    """The canonical name a gazetteer match gives its mention: a seat of power keeps its own name."""
    if entry.kind == "metonym":
        return strip_article_and_possessive(text)
    return entry.canonical


def _is_person_like(span: Span) -> bool:
    """Two to four capitalised tokens that are neither known places, organisation words nor titles."""
    return person_shaped([t.text for t in span if not t.is_punct])


class MentionRepair:
    """The `graphkit_mentions` component."""

    def __init__(self, nlp: Language, name: str, selective: bool = False):
        self.name = name
        # Selective parsing repairs a Doc before its parse, to find the sentences worth parsing, and again after:
        # the gazetteer's matches are kept for the second repair, and a capitalised word without a tag may be a
        # proper noun, so that no name the parse would add is missed when choosing the sentences.
        self.selective = selective

    def __call__(self, doc: Doc) -> Doc:
        gazetteer = load_gazetteer()
        has_pos = doc.has_annotation("POS")
        mentions: list[Span] = []
        for ent in doc.ents:
            if ent.label_ not in NER_TYPES:
                continue
            for segment in _segments(ent):
                mentions.extend(self._repair(doc, segment, ent.label_, has_pos))
        # the matches are used up here: dropped from the Doc, so spaCy's worker processes do not serialise them
        matches = doc.spans.get(GAZETTEER_KEY, []) if self.selective else doc.spans.pop(GAZETTEER_KEY, [])
        mentions = _known_bodies(doc, mentions, matches)
        taken = {i for span in mentions for i in range(span.start, span.end)}
        for match in sorted(matches, key=lambda s: (s.start, -len(s))):
            if any(i in taken for i in range(match.start, match.end)) or not match.text[:1].isupper():
                continue
            entry = gazetteer.lookup(match.text)
            if entry is None:
                continue
            if entry.kind == "place" and len(match) == 1 and _person_context(match):
                # "Mr Hague": a person NER missed, not the city
                mentions.append(_span(doc, match.start, match.end, "person", "", "context"))
                taken.add(match.start)
                continue
            source = "demonym" if entry.kind == "demonym" else "gazetteer"
            kind, name = _entry_type(entry), _entry_name(entry, match.text)
            mentions.append(_span(doc, match.start, match.end, kind, name, source))
            taken.update(range(match.start, match.end))
        mentions.extend(_titled_people(doc, mentions, taken, has_pos, self.selective))
        mentions.extend(party_mentions(doc, taken))
        mentions.sort(key=lambda s: (s.start, s.end))
        mentions = headline_words(doc, retype_firms(doc, mentions))
        doc.spans[MENTIONS_KEY] = SpanGroup(doc, name=MENTIONS_KEY, spans=mentions)
        return doc

    def _repair(self, doc: Doc, span: Span, label: str, has_pos: bool) -> list[Span]:
        gazetteer = load_gazetteer()
        start, end = span.start, span.end
        # trailing possessives and punctuation: "Ankara's", "Putin,"
        while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s", "'", "’")):
            end -= 1
        while end - start > 1 and is_honorific(doc[end - 1].text):
            end -= 1  # "the Sunday Times Mr Campbell": the form of address is the next name's
        # leading articles and words that are not part of a name ("Following Ankara's")
        while end - start > 1:
            token = doc[start]
            plural = has_pos and label == "PERSON" and _is_plural(token)  # "MPs Labour"
            if end - start > 2 and token.lower_ == "ex" and doc[start + 1].text in ("-", "–"):
                start += 2  # "Ex-Downing Street media chief X": a former role, said by the words before the name
            elif token.lower_ in _OPENERS or token.is_punct or plural or (has_pos and token.pos_ in _NON_NAME_POS):
                start += 1
            else:
                break
        if end <= start:
            return []
        described = _descriptors(doc, start, end, label)
        if described:
            # "Sprinter Michelle Collins", "Veteran Spaniard Conchita Martinez": what a person is, then the person
            return self._repair(doc, doc[start + described : end], "PERSON", has_pos)
        # a title that runs past the span's end is not part of it: "Kyrgyz Foreign| Minister"
        for cut in range(1, end - start):
            following = [t.text for t in doc[start + cut : min(end + 3, len(doc))]]
            if title_length(following) > end - start - cut:
                return self._repair(doc, doc[start : start + cut], label, has_pos)
        # a title opens a person's name whatever NER called it: "Mr Hague" (GPE), "President Putin" (ORG)
        cut = title_length([t.text for t in doc[start:end]])
        if cut and cut < end - start and doc[end - 1].lower_ not in name_words()["organization_heads"]:
            return self._repair(doc, doc[start + cut : end], "PERSON", has_pos)
        inner = _honorific_inside(doc, start, end)
        if inner:
            # "the Daily Mirror Mr Wilson" as one ORG: a body, then a person
            return self._repair(doc, doc[start:inner], label, has_pos) + self._repair(
                doc, doc[inner:end], "PERSON", has_pos
            )
        if label in ("PERSON", "ORG"):
            split = _role_split(doc, start, end)
            if split is not None:
                # "Virgin Radio DJ Pete Mitchell": the body, the role (left a word for the title patterns), the person
                body_end, person_start = split
                body = _body(doc, start, body_end, self.selective)
                return body + self._repair(doc, doc[person_start:end], "PERSON", has_pos)
            start = _extend_name_left(doc, start, has_pos)
        span = doc[start:end]
        if len(span) == 1 and span.text.casefold() in name_words()["not_names"]:
            return []
        if len(span) == 1 and label != "PERSON" and span.text.casefold() in name_words()["not_places"]:
            return []  # "the West": a compass point, not a place ("Kanye West" and "West said" stay)
        entry = gazetteer.lookup(span.text)
        if entry is not None and entry.kind == "place" and len(span) == 1 and _person_context(span):
            entry = None  # "Mr Houston", "Hague, who ...": a person who shares a city's name
            label = "PERSON"
        if entry is not None:
            source = "demonym" if entry.kind == "demonym" else "gazetteer"
            return [_span(doc, start, end, _entry_type(entry), _entry_name(entry, span.text), source)]
        parts = _hyphenated_places(span)
        if parts:
            return parts
        if len(span) == 1 and has_pos and span[0].pos_ == "NOUN":
            return []  # a common noun such as "UAVs" is not a name
        if label in ("ORG", "GPE", "LOC") and _is_person_like(span) and _person_context(span):
            label = "PERSON"  # "the head of Kyrgyzstan Sadyr Japarov", "Japarov, who ..."
        elif label in ("ORG", "GPE", "LOC") and len(span) == 1 and start > 0 and is_honorific(doc[start - 1].text):
            label = "PERSON"  # "Mr Campbell" typed ORG
        # titles are not part of a person's name: "President Sadyr Japarov"
        if label == "PERSON":
            cut = title_length([t.text for t in span])
            if cut and cut < len(span):
                return self._repair(doc, doc[start + cut : end], label, has_pos)
        fused = self._split_fused(doc, span, label)
        if fused is not None:
            return fused
        kind = NER_TYPES[label]
        if not kind or not _plausible(span, kind):
            return []
        return [_span(doc, start, end, kind, "", "ner")]

    def _split_fused(self, doc: Doc, span: Span, label: str) -> list[Span] | None:
        """'Tajikistan Emomali Rahmon' -> country + person; 'the Republic Ahmet Dogan' -> person.

        A known place or demonym, a title, or a generic word ("Republic") followed by what looks like a
        person's name is two things, whatever NER labelled the whole.
        """
        gazetteer = load_gazetteer()
        generic = name_words()["generic_prefixes"]
        if span[-1].lower_ in name_words()["organization_heads"]:
            return None  # "Kyrgyz Foreign Ministry" is one organisation
        for cut in range(len(span) - 1, 0, -1):
            head, rest = span[:cut], span[cut:]
            entry = gazetteer.lookup(head.text)
            if entry is not None and entry.kind == "demonym" and label != "PERSON" and not _titled_person(rest):
                entry = None  # "Turkish Red Crescent" is one organisation, not Turkey and a person
            is_generic = all(t.lower_ in generic or title_length([t.text]) for t in head)
            if entry is None and not is_generic:
                continue
            out: list[Span] = []
            if entry is not None:
                kind, name = _entry_type(entry), _entry_name(entry, head.text)
                out.append(_span(doc, head.start, head.end, kind, name, "gazetteer"))
            while len(rest) > 1 and rest[0].is_punct:
                rest = rest[1:]  # "Auckland, New Zealand": a place, then another
            other = gazetteer.lookup(rest.text) if entry is not None else None
            if other is not None:
                kind, name = _entry_type(other), _entry_name(other, rest.text)
                out.append(_span(doc, rest.start, rest.end, kind, name, "gazetteer"))
                return out
            if _is_person_like(rest) and not rest[0].is_punct:
                out.append(_span(doc, rest.start, rest.end, "person", "", "ner"))
                return out
            if entry is not None and _titled_person(rest):
                # "Kazakh President Kassym-Jomart Tokayev" as one name: the country, the title, the person
                out.append(_span(doc, rest.start + title_length([t.text for t in rest]), rest.end, "person", "", "ner"))
                return out
            if entry is not None and all(title_length([t.text]) or t.lower_ in generic for t in rest):
                return out  # "Kyrgyz Foreign": the country, and a dangling title
        return None


def _known_bodies(doc: Doc, mentions: list[Span], matches: list[Span]) -> list[Span]:
    """A known organisation's name wins over the shorter names NER saw inside it: "the Liberal Democrats" where
    NER saw only "Democrats" (which alone is the US party). Not over a person NER saw."""
    gazetteer = load_gazetteer()
    for match in matches:
        if len(match) < 2 or not match.text[:1].isupper():
            continue
        inside = [m for m in mentions if match.start <= m.start and m.end <= match.end]
        if not inside or any(m.label_ == "person" for m in inside) or any(len(m) >= len(match) for m in inside):
            continue
        if any(m.start < match.end and match.start < m.end and m not in inside for m in mentions):
            continue  # a mention that runs across the match's edge: NER saw something else there
        entry = gazetteer.lookup(match.text)
        if entry is None or _entry_type(entry) != "organization":
            continue
        body = _span(doc, match.start, match.end, "organization", _entry_name(entry, match.text), "gazetteer")
        mentions = [m for m in mentions if m not in inside] + [body]
    return mentions


def _titled_people(doc: Doc, mentions: list[Span], taken: set[int], has_pos: bool, tagless: bool = False) -> list[Span]:
    """People NER left untagged right after "<title> of <place>": "the head of Kyrgyzstan Sadyr Japarov".

    Only two to four capitalised proper nouns that read as a name, straight after a country or place mention
    that follows "of" and a title ("head", "President"): the small model often drops such a name altogether.
    """
    if not has_pos and not tagless:
        return []
    found = []
    generic = name_words()["generic_prefixes"]
    for place in mentions:
        if place.label_ not in ("country", "location") or place.start < 2 or place.end >= len(doc):
            continue
        title = doc[place.start - 2]
        if doc[place.start - 1].lower_ != "of" or not (title_length([title.text]) or title.lower_ in generic):
            continue
        end = place.end
        while end < len(doc) and end - place.end < 4 and _untagged_name(doc[end], taken, tagless):
            end += 1
        words = [t.text for t in doc[place.end : end]]
        if end < len(doc) and _untagged_name(doc[end], taken, tagless) or not person_shaped(words):
            continue  # a longer run of names is something else ("the Republic of Korea Air Force")
        found.append(_span(doc, place.end, end, "person", "", "context"))
        taken.update(range(place.end, end))
    return found


def _descriptors(doc: Doc, start: int, end: int, label: str) -> int:
    """How many leading words of a span say what a person is rather than name them ("Sprinter", "Veteran"),
    when a name follows: any capitalised word in a PERSON span, else a person's name (maybe after a demonym:
    "Veteran Spaniard Conchita Martinez" typed ORG)."""
    cut = start
    while cut < end - 1 and is_descriptor(doc[cut].text) and doc[cut + 1].text[:1].isupper():
        cut += 1
    if cut == start:
        return 0
    words = [t.text for t in doc[cut:end]]
    if label == "PERSON" or person_shaped(words):
        return cut - start
    demonym = load_gazetteer().lookup(words[0])
    if demonym is None or demonym.kind != "demonym":
        return 0
    return cut - start if len(words) == 1 or person_shaped(words[1:]) else 0  # "Veteran Dutchman" alone too


def _honorific_inside(doc: Doc, start: int, end: int) -> int:
    """Where a form of address starts a person's name inside a longer span ("Daily Mirror Mr Wilson"), else 0."""
    for i in range(start + 1, end - 1):
        if is_honorific(doc[i].text) and doc[i + 1].text[:1].isupper():
            return i
    return 0


def _role_split(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """(where the words before a role title end, where the name after it starts) in a PERSON span holding a
    role-only title before a person's name ("DJ Pete Mitchell", "Virgin Radio DJ Pete Mitchell")."""
    words = [t.text for t in doc[start:end]]
    for k in range(len(words) - 2):
        if k and not all(w[:1].isupper() for w in words[:k]):
            break
        role = role_length(words[k:])
        if role and person_shaped(words[k + role :]):
            return start + k, start + k + role
    return None


def _body(doc: Doc, start: int, end: int, tagless: bool = False) -> list[Span]:
    """The capitalised words before a role title and its holder, as the body the title is of: those of the span
    (`start`..`end`), or when there are none the proper nouns NER left untagged right before it."""
    if start == end:
        while start > 0 and end - start < 4:
            token = doc[start - 1]
            if not (token.is_alpha and token.is_title and _proper(token, tagless)) or token.ent_type_:
                break
            if is_descriptor(token.text) or title_length([token.text]) or role_length([token.text]):
                break
            start -= 1
        if start == end or end - start == 1 and doc[start].is_sent_start:
            return []  # one capitalised word opening a sentence may be any word ("Top DJ Pete Tong")
    text = doc[start:end].text
    entry = load_gazetteer().lookup(text)
    if entry is not None:
        source = "demonym" if entry.kind == "demonym" else "gazetteer"
        return [_span(doc, start, end, _entry_type(entry), _entry_name(entry, text), source)]
    return [_span(doc, start, end, "organization", "", "context")]


def _titled_person(span: Span) -> bool:
    """A title, then what reads as a person's name: "President Kassym-Jomart Tokayev"."""
    titled = title_length([t.text for t in span])
    return 0 < titled < len(span) and _is_person_like(span[titled:])


def _untagged_name(token: Token, taken: set[int], tagless: bool = False) -> bool:
    return _proper(token, tagless) and not token.ent_type_ and token.i not in taken


def _proper(token: Token, tagless: bool) -> bool:
    """A proper noun, or with `tagless` a word the tagger has not read (that may be one)."""
    return token.pos_ == "PROPN" or tagless and token.pos == 0


def _is_plural(token: Token) -> bool:
    """Tagged plural and spelled so ('MPs', 'Lords'); the tagger alone also calls some names plural."""
    return token.tag_ in ("NNS", "NNPS") and token.text.endswith("s")


def _extend_name_left(doc: Doc, start: int, has_pos: bool) -> int:
    """NER often drops a first name: 'Ambassador [Ahmet] Sadik Dogan'. Take capitalised proper nouns back."""
    gazetteer = load_gazetteer()
    generic = name_words()["generic_prefixes"]
    while start > 0:
        token = doc[start - 1]
        if not (token.is_alpha and token.text[:1].isupper()) or token.ent_type_:
            break  # not a name word, or part of another entity ("Monday", "BBC")
        if has_pos and (token.pos_ != "PROPN" or _is_plural(token)):
            break  # "Lords Neil Kinnock": a plural is never a first name
        if title_length([token.text]) or title_length([token.text[:-1]]) or token.lower_ in generic:
            break  # a title, or titles ("Lords")
        if role_length([token.text]) or is_descriptor(token.text):
            break  # "Singer Laura Price", "Sprinter Kelly Marsh": what the person is, not a first name
        if gazetteer.lookup(token.text) is not None:
            break
        start -= 1
    return start


def _hyphenated_places(span: Span) -> list[Span]:
    """'Tajik-Kyrgyz', 'Kyrgyz-Turkish': each part a country, when every part is a known place or demonym."""
    if len(span) < 3 or not any(t.text in ("-", "–") for t in span):
        return []
    gazetteer = load_gazetteer()
    parts = []
    for token in span:
        if token.text in ("-", "–"):
            continue
        entry = gazetteer.lookup(token.text)
        if entry is None:
            return []
        source = "demonym" if entry.kind == "demonym" else "gazetteer"
        parts.append(_span(span.doc, token.i, token.i + 1, _entry_type(entry), _entry_name(entry, token.text), source))
    return parts


def _person_context(span: Span) -> bool:
    """A title before the name ('President', 'the head of Kyrgyzstan') or 'who' / 'said' after it."""
    doc = span.doc
    generic = name_words()["generic_prefixes"]
    gazetteer = load_gazetteer()
    i = span.start - 1
    while i >= 0 and i >= span.start - 5:
        token = doc[i]
        if title_length([token.text]) or token.lower_ in generic:
            return True
        if token.lower_ in ("of", "the") or gazetteer.lookup(token.text) is not None:
            i -= 1
            continue
        break
    after = [t.lower_ for t in doc[span.end : span.end + 2]]
    return after[:2] == [",", "who"] or after[:1] in (["said"], ["says"], ["told"])


def _segments(span: Span) -> list[Span]:
    """Cut a span at whitespace tokens: NER sometimes runs across a line break into the next line."""
    parts, start = [], span.start
    for token in span:
        if token.is_space or "\n" in token.text:
            if token.i > start:
                parts.append(span.doc[start : token.i])
            start = token.i + 1
    if start < span.end:
        parts.append(span.doc[start : span.end])
    return parts


def _plausible(span: Span, kind: str) -> bool:
    text = span.text
    if not any(c.isalpha() for c in text) or not (text[:1].isupper() or text[:1].isdigit()):
        return False
    if len(span) > 8 or len(text) > 80:
        return False
    if kind == "person":
        # a person's name has no digits and is not only a title
        return not any(c.isdigit() for c in text) and title_length([t.text for t in span]) < len(span)
    return True


def _span(doc: Doc, start: int, end: int, kind: str, canonical: str, source: str) -> Span:
    return Span(doc, start, end, label=kind, kb_id=canonical, span_id=source)


@Language.factory(
    "graphkit_mentions",
    requires=["doc.ents", "token.ent_type", "doc.spans"],  # NER's entities and the gazetteer's matches
    assigns=["doc.spans"],
    default_config={"selective": False},
)
def make_mention_repair(nlp: Language, name: str, selective: bool) -> MentionRepair:
    return MentionRepair(nlp, name, selective)


@Language.component("graphkit_lines", assigns=["token.is_sent_start"])
def mark_line_starts(doc: Doc) -> Doc:
    """A new line starts a new sentence: headlines, bylines and paragraphs are never run together.

    The parser keeps boundaries set before it, so the words after a line break start a sentence. A word
    straight after a word on the same line continues its sentence: the small model otherwise ends "the head
    of Kyrgyzstan" before "Sadyr Japarov took place in Sochi".
    """
    if len(doc) > 1:
        doc.from_array([SENT_START], cast(Ints2d, line_starts(doc, doc.to_array(SENT_START)).reshape(-1, 1)))
    return doc


def line_starts(doc: Doc, starts: numpy.ndarray) -> numpy.ndarray:
    """`starts` (a SENT_START column of `doc`) with the sentence starts `graphkit_lines` sets written in: read
    from whole arrays, as a loop over Token objects cost more than the rest of the component's work."""
    flags = doc.to_array([IS_SPACE, IS_ALPHA, SPACY]).astype(bool)
    space, alpha, spaced = flags[:, 0], flags[:, 1], flags[:, 2]
    orths = doc.to_array(ORTH)
    strings = doc.vocab.strings
    newline = numpy.zeros(len(doc), dtype=bool)
    for i in numpy.flatnonzero(space[:-1]).tolist():
        newline[i] = "\n" in strings[int(orths[i])]
    starts = starts.astype(numpy.int64)
    glued = alpha[:-1] & spaced[:-1] & alpha[1:]
    starts[1:][glued] = -1
    starts[1:][newline[:-1]] = 1
    return starts.astype(numpy.uint64)


class GazetteerMatcher:
    """The `graphkit_gazetteer` component: every gazetteer form in the text, as `doc.spans[GAZETTEER_KEY]`.

    The spans a span_ruler with `gazetteer.patterns()` and `phrase_matcher_attr="LOWER"` would give, found
    by two phrase matchers: one on LOWER for names, one on ORTH for short acronyms ("US", not "us").
    spaCy's token Matcher took as long as all of graphkit's other work together for its few dozen
    one-token acronym patterns, and span_ruler ran the whole model over every pattern at load time;
    matching lower-case or exact text needs only the tokenizer.
    """

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.kinds: dict[int, tuple[str, str]] = {}  # match key -> (label, canonical name)
        for pattern in load_gazetteer().patterns():
            label, canonical = pattern["label"], pattern["id"]
            key = repr((label, canonical))
            self.kinds[nlp.vocab.strings.add(key)] = (label, canonical)
            if isinstance(pattern["pattern"], str):
                self.names.add(key, [nlp.make_doc(pattern["pattern"])])
            else:
                words = [token["ORTH"] for token in pattern["pattern"]]
                self.acronyms.add(key, [Doc(nlp.vocab, words=words, spaces=[False] * len(words))])

    def __call__(self, doc: Doc) -> Doc:
        matches = {
            Span(doc, start, end, label=self.kinds[key][0], span_id=self.kinds[key][1])
            for matcher in (self.acronyms, self.names)
            for key, start, end in matcher(doc)
            if start != end
        }
        doc.spans[GAZETTEER_KEY] = sorted(matches)
        return doc


@Language.factory("graphkit_gazetteer", assigns=["doc.spans"])
def make_gazetteer_matcher(nlp: Language, name: str) -> GazetteerMatcher:
    return GazetteerMatcher(nlp, name)


def add_entity_components(nlp: Language, *, selective: bool = False) -> None:
    """Add the line splitter before sentence splitting, and the gazetteer matcher and mention repair after `ner`.

    The factories declare what they read and write, so `nlp.analyze_pipes()` reports an order that breaks it.
    `selective`: the mention repair prepares for selective parsing (see `MentionRepair`).
    """
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("graphkit_lines", before="parser")
    elif "sentencizer" in nlp.pipe_names:
        nlp.add_pipe("graphkit_lines", after="sentencizer")
    nlp.add_pipe("graphkit_gazetteer", after="ner")
    nlp.add_pipe("graphkit_mentions", after="graphkit_gazetteer", config={"selective": selective})
