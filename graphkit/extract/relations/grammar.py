"""Small readings of spaCy's dependency parse that every pattern needs: who the subject of a verb is,
what a coordination adds, which title a noun is, which clause a noun sits in."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from graphkit.extract.relations.vocabulary import Vocabulary

_RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


def subjects(verb: Token) -> list[Token]:
    """The subject of a verb or copula, seen through relative clauses, coordination and control verbs.

    "Atambayev, who condemned ..." -> Atambayev; "Putin escorted Japarov and hugged ..." -> Putin for "hugged";
    "Putin agreed to meet ..." -> Putin; "Turkey ..., offering assistance" -> Turkey.
    """
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lower_ in _RELATIVE_PRONOUNS or child.tag_ in ("WP", "WDT"):
                return [verb.head] if verb.dep_ == "relcl" else []
            return [child]
    if verb.dep_ == "xcomp":
        # "Putin asked Japarov to meet ..." -> Japarov meets; "Putin agreed to meet ..." -> Putin meets;
        # "Putin is expected to visit ..." -> Putin visits
        objects = [c for c in verb.head.children if c.dep_ in ("dobj", "nsubjpass")]
        if not objects and verb.head.dep_ == "acomp" and verb.head.head is not verb.head:
            # "Russian authorities are due to auction off Yuganskneftegas", "Blair is keen to meet Bush": the
            # adjective's copula has the subject
            return subjects(verb.head.head)
        return objects or subjects(verb.head)
    if verb.dep_ in ("conj", "advcl") and verb.head.pos_ in ("VERB", "AUX") and verb.head is not verb:
        return subjects(verb.head)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return [verb.head]
    return []


def conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it: "the EAEU and the CSTO" -> [EAEU, CSTO]."""
    found = [token]
    for item in found:
        found.extend(c for c in item.children if c.dep_ == "conj" and c not in found)
    return found


def role_ending_at(words: Sequence[str], last: int, vocabulary: Vocabulary, floor: int = 0) -> tuple[int, str] | None:
    """The longest listed title whose last token is `last`: (its first token, title), or None.
    `words` are the lower-case tokens of the document."""
    if words[last] not in vocabulary.role_lasts:
        return None  # most words end no title: skip building the slices
    for length in range(min(vocabulary.longest_role, last + 1 - floor), 0, -1):
        title = vocabulary.roles.get(tuple(words[last - length + 1 : last + 1]))
        if title:
            return last - length + 1, title
    return None


def role_starting_at(words: Sequence[str], first: int, vocabulary: Vocabulary, ceiling: int) -> tuple[int, str] | None:
    """The longest listed title that starts at token `first` and ends before token `ceiling`: (end, title)."""
    if first >= ceiling or words[first] not in vocabulary.role_firsts:
        return None
    for length in range(min(vocabulary.longest_role, ceiling - first), 0, -1):
        title = vocabulary.roles.get(tuple(words[first : first + length]))
        if title:
            return first + length, title
    return None


def is_former(role_start: Token, vocabulary: Vocabulary) -> bool:
    """ "former President", "ex-President", "the former president": a word before the title marks a past role."""
    doc = role_start.doc
    before = doc[role_start.i - 1] if role_start.i > 0 else None
    if before is not None and before.text == "-" and before.i > 0:
        before = doc[before.i - 1]
    return before is not None and before.lower_ in vocabulary.former


def clause_verb(token: Token) -> Token:
    """The verb of the clause a noun sits in ("a member" -> "is", "a meeting ... took place" -> "took")."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:  # a Token is made anew each time
        token = token.head
    return token
