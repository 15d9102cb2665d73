"""Clause patterns: from a trigger word (a verb, a title, "member", "meeting") along the dependency parse to a
subject and an object, as the rows of table.CLAUSES describe."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Span, Token

from graphkit.extract.relations.endpoints import PRONOUN_TYPES, Endpoints
from graphkit.extract.relations.grammar import conjuncts, is_former, role_ending_at, subjects
from graphkit.extract.relations.table import ClausePattern
from graphkit.extract.relations.vocabulary import Vocabulary


@dataclass(frozen=True)
class ClauseMatch:
    trigger: Token
    subject: int  # mention index
    object: int
    name: str
    via: str = ""  # "pronoun" when a party was reached through a pronoun


_DASHES = frozenset("-\u2013\u2014")


def _hyphenated(token: Token) -> bool:
    """ "Russia" and "Ukraine" in "Russia-Ukraine" or "Russia\u2013Ukraine": a dash touching the word."""
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].text in _DASHES and not doc[token.i - 1].whitespace_
    after = token.i + 1 < len(doc) and doc[token.i + 1].text in _DASHES and not token.whitespace_
    return before or after


@dataclass(frozen=True)
class Step:
    dep: str
    words: frozenset[str]
    up: bool  # ^dep: to the head


@cache
def parse_path(path: str) -> tuple[Step, ...]:
    """ "prep:to|with pobj" -> steps."""
    steps = []
    for part in path.split():
        up = part.startswith("^")
        dep, _, words = part.lstrip("^").partition(":")
        steps.append(Step(dep, frozenset(words.split("|")) if words else frozenset(), up))
    return tuple(steps)


def follow(
    token: Token, steps: tuple[Step, ...], own: frozenset[str] = frozenset(), light: frozenset[str] = frozenset()
) -> list[Token]:
    """Every token reached from `token` along `steps`; `own` are the words a `dep:@` step allows, `light` the
    heads a `^dep:@light` step allows."""
    reached = [token]
    for step in steps:
        following: list[Token] = []
        for current in reached:
            if step.dep == "subj":
                following.extend(subjects(current))
            elif step.dep == "hyphen":
                if _hyphenated(current):
                    following.append(current)
            elif step.up:
                head = current.head
                heads = light if "@light" in step.words else step.words
                if (
                    current.dep_ == step.dep
                    and head.i != current.i
                    and (not heads or head.lower_ in heads or head.lemma_.lower() in heads)
                ):
                    following.append(head)
            else:
                words = own if "@" in step.words else step.words
                following.extend(
                    child
                    for child in current.children
                    if child.dep_ == step.dep and (not step.words or child.lower_ in words)
                )
        reached = following
    return reached


def may_trigger(i: int, endpoints: Endpoints) -> bool:
    """Whether token `i` can be a trigger at all, read from the Doc's attributes without making the Token:
    a listed verb, a listed noun or the last word of a title."""
    vocabulary, pos, lemma = endpoints.vocabulary, endpoints.pos[i], endpoints.lemmas[i]
    if pos == VERB:
        return lemma in vocabulary.verbs or lemma in vocabulary.speaking
    if pos in (NOUN, PROPN):
        listed = lemma in vocabulary.affiliations or lemma in vocabulary.events or lemma in vocabulary.gatherings
        return listed or endpoints.words[i] in vocabulary.role_lasts
    return False


def triggers(token: Token, endpoints: Endpoints, floor: int | None = None) -> dict[str, str]:
    """The trigger kinds `token` is, each with the relation name it gives: {"verb": "met", "reciprocal": "met"}.
    `floor` is where the token's sentence starts (found from the token when not given): titles stop there."""
    vocabulary = endpoints.vocabulary
    lemma = token.lemma_.lower()
    found: dict[str, str] = {}
    if token.pos_ == "VERB":
        if lemma in vocabulary.verbs:
            found["verb"] = vocabulary.verbs[lemma]
            if lemma in vocabulary.reciprocal:
                found["reciprocal"] = vocabulary.verbs[lemma]
            if lemma in vocabulary.judging:
                found["judging"] = vocabulary.verbs[lemma]
        if lemma in vocabulary.speaking:
            found["speaking"] = ""
    elif token.pos_ in ("NOUN", "PROPN"):
        if lemma in vocabulary.affiliations:
            found["affiliation"] = vocabulary.affiliations[lemma]
        if lemma in vocabulary.events:
            found["event"] = vocabulary.events[lemma]
        if lemma in vocabulary.gatherings:
            found["gathering"] = vocabulary.gatherings[lemma]
        floor = token.sent.start if floor is None else floor
        role = role_ending_at(endpoints.words, token.i, vocabulary, floor)
        if role:
            former = (
                is_former(token.doc[role[0]], vocabulary)
                or any(c.dep_ == "amod" and c.lower_ in vocabulary.former for c in token.children)
                or _left_as(token, vocabulary)
            )
            found["role"] = f"former {role[1]}" if former else role[1]
    return found


def _left_as(title: Token, vocabulary: Vocabulary) -> bool:
    """ "resigned as chairman", "stepped down as Britain's finance minister": a role the subject leaves."""
    preposition = title.head
    return title.dep_ == "pobj" and preposition.lower_ == "as" and preposition.head.lemma_.lower() in vocabulary.leaving


def _cancelled(trigger: Token, pattern: ClausePattern, endpoints: Endpoints) -> bool:
    """Whether the row's `unless` path reaches an entity (or, for "oprd", anything)."""
    if not pattern.unless:
        return False
    reached = follow(trigger, parse_path(pattern.unless))
    if pattern.unless == "oprd":
        return bool(reached)
    return any(endpoints.resolve(t) for t in reached)


def find_clauses(sentence: Span, endpoints: Endpoints, patterns: tuple[ClausePattern, ...]) -> Iterator[ClauseMatch]:
    """Every (subject, relation, object) the clause patterns read in `sentence`."""
    doc = sentence.doc
    vocabulary = endpoints.vocabulary
    for i in range(sentence.start, sentence.end):
        if not may_trigger(i, endpoints):
            continue
        token = doc[i]
        names = triggers(token, endpoints, sentence.start)
        for pattern in patterns if names else ():
            name = names.get(pattern.trigger)
            if name is None:
                continue
            by_lemma = vocabulary.event_prepositions if pattern.trigger == "event" else vocabulary.prepositions
            own = by_lemma.get(token.lemma_.lower(), frozenset())
            subjects_ = follow(token, parse_path(pattern.subject), own, vocabulary.light)
            if not subjects_:
                continue
            objects = follow(token, parse_path(pattern.object), own, vocabulary.light)
            if not objects:
                continue
            if _cancelled(token, pattern, endpoints):
                continue
            if pattern.conjuncts:
                subjects_ = [c for s in subjects_ for c in conjuncts(s)]
                objects = [c for o in objects for c in conjuncts(o)]
            relation = pattern.name.format(verb=name, noun=name, role=name)
            for object_token in objects:
                for subject_token in subjects_:
                    for subject in endpoints.resolve(subject_token):
                        for target in endpoints.resolve(object_token):
                            if subject != target:
                                pronoun = subject_token.lower_ in PRONOUN_TYPES or object_token.lower_ in PRONOUN_TYPES
                                pronoun = (
                                    pronoun or endpoints.reached(subject, token) or endpoints.reached(target, token)
                                )
                                via = "pronoun" if pronoun else ""
                                yield ClauseMatch(token, subject, target, relation, via)
