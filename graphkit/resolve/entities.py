"""Resolution: mentions become canonical entities, and every merge shows in the entity's aliases.

The rules, in order, each general (no name is special-cased):
1. a mention's name: the gazetteer's canonical name, else the text without article, possessive and
   (for people) titles; with `capitals_as_countries`, a capital or seat of power becomes its country;
2. types are voted per document and name, ties broken by the corpus-wide majority; a one-word "person" no
   person of the corpus bears as a first name or surname, typed organisation by NER a third of the time or
   more, is an organisation ("Yukos");
3. a person's partial name ("Putin") joins the one full name in the same document that ends with it,
   else a one-word name joins the one person of the same document with that first name ("Paula", after
   "Paula Radcliffe"), else the one full name in the corpus that ends with it (or the one mentioned five
   times more than any other), except after a peer's title: "Baroness Kennedy" keeps her title as her name;
   a one-word name that is a person's surname in the same document is that person even when NER
   typed it otherwise (rules 3 and 5 run in the order 5, 3);
4. an acronym joins its expansion, from "Name (ACR)" in the text or from initials when one
   organisation in the corpus has them;
5. a shorter form of a person's name ("Tayyip Erdogan") joins the one longer name with the same
   surname, and spellings one letter apart ("Ainur" / "Anur Kurmanov") join when the surname agrees;
6. the user's alias file has the last word: names it keeps `apart` are never joined by rules 3 to 5, then it
   splits forms out, drops, merges, renames and retypes (graphkit.resolve.aliases).

Every join of rules 2 to 5 is kept as a Merge on the Resolution (merges.csv), so `graphkit review` can ask
about the least certain ones.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter

from graphkit.collector import collector_paused
from graphkit.extract.columns import mention_rows
from graphkit.gazetteer import load_gazetteer, person_shaped
from graphkit.model import DocExtraction, Document, Entity, Mention, Merge, Resolution, Warn
from graphkit.names import (
    initials,
    is_acronym,
    looks_like_name,
    name_key,
    person_name,
    plain,
    strip_article_and_possessive,
    titles,
)
from graphkit.resolve.aliases import AliasRules, apart_conflict

# "the Collective Security Treaty Organization (CSTO)"
_ACRONYM_DEFINITION = re.compile(
    r"((?:[A-Z][\w'’\-]*\s+)(?:(?:of|the|and|for|on|in|[A-Z][\w'’\-]*)\s+){0,8}[A-Z][\w'’\-]*)\s*\(([A-Z][A-Za-z.]{1,9})\)"
)
_ACRONYM_IN_BRACKETS = re.compile(r"\(([A-Z][A-Za-z.]{1,9})\)")
_DEFINITION_CHARACTER = re.compile(r"[\w'’\-\s]")  # what the words before the bracket are made of

Key = tuple[str, str]  # (type, name key)
_TIE_ORDER = ("person", "country", "organization", "location")
DOMINANT = 5  # a surname goes to the person mentioned this many times more often than any other bearer

# The rules that join names, as merges.csv and `graphkit review` name them.
ONE_LETTER = "one letter apart"
SHORTER_FORM = "shorter form"
SURNAME_IN_ARTICLE = "surname in the article"
FIRST_NAME_IN_ARTICLE = "first name in the article"
SURNAME_IN_CORPUS = "surname in the corpus"
ACRONYM_DEFINED = "acronym defined"
ACRONYM_INITIALS = "acronym by initials"
CLOSE_TYPE_VOTE = "close type vote"
MERGE_RULES = (
    ONE_LETTER,
    SHORTER_FORM,
    SURNAME_IN_ARTICLE,
    FIRST_NAME_IN_ARTICLE,
    SURNAME_IN_CORPUS,
    ACRONYM_DEFINED,
    ACRONYM_INITIALS,
    CLOSE_TYPE_VOTE,
)


@dataclass
class ResolveOptions:
    capitals_as_countries: bool = False
    aliases: AliasRules | None = None
    warn: Warn | None = None  # where an alias rule that matches nothing is reported


@dataclass(slots=True)
class _Named:
    document: str
    index: int
    name: str
    type: str
    surface: str
    fixed: bool  # typed by the gazetteer: not subject to voting
    folded: str  # name_key(name)
    key: Key = ("", "")  # the group this mention starts in; document-level rules may move it
    peer: str = ""  # the peer's title before a one-word name ("Baroness" of "Baroness Kennedy")


Tags = frozenset[tuple[int, int]]  # the `apart` groups of the user's alias file a group of names is in


class _UnionFind:
    """Groups of name keys; a join that would put two names the user keeps apart in one group is refused,
    and every join made is kept with its rule."""

    def __init__(self, tags: dict[Key, Tags] | None = None) -> None:
        self.parent: dict[Key, Key] = {}
        self.tags: dict[Key, Tags] = tags or {}  # root -> the apart tags of its group (none for most)
        self.joins: list[tuple[str, Key, Key, str]] = []  # (rule, joined key, key joined, detail)

    def find(self, key: Key) -> Key:
        parent = self.parent  # a key never merged has no entry: it is its own root
        while (up := parent.get(key, key)) != key:
            parent[key] = parent.get(up, up)  # path halving
            key = parent[key]
        return key

    def union(self, into: Key, other: Key, rule: str = "") -> None:
        a, b = self.find(into), self.find(other)
        if a != b and self.move(other, a, rule):
            self.parent[b] = a

    def move(self, key: Key, root: Key, rule: str, detail: str = "") -> bool:
        """Whether the names of `key`'s group may join `root`'s group (the user keeps none of them apart);
        if so the join is recorded and `root` takes the group's apart tags."""
        if self.tags:
            mine, theirs = self.tags.get(self.find(key)), self.tags.get(root)
            if mine and theirs and apart_conflict(mine, theirs):
                return False
            if mine:
                self.tags[root] = (theirs or frozenset()) | mine
        if rule:
            self.joins.append((rule, key, root, detail))
        return True


def _name_mention(mention: Mention, capitals_as_countries: bool) -> tuple[str, str, bool] | None:
    """(name, type, fixed) of a mention, or None when it is no name at all."""
    gazetteer = load_gazetteer()
    if mention.canonical:
        name, kind, fixed = mention.canonical, mention.type, True
    else:
        name = person_name(mention.text) if mention.type == "person" else strip_article_and_possessive(mention.text)
        entry = gazetteer.lookup(name) if mention.type != "person" or len(name.split()) == 1 else None
        if entry is not None:
            name, kind, fixed = entry.canonical, entry.mention_type, True
        else:
            kind, fixed = mention.type, False
    if capitals_as_countries and kind in ("location", "organization"):
        country = gazetteer.seat_of_power(name)
        if country:
            name, kind = country, "country"
    if not looks_like_name(name):
        return None
    return name, kind, fixed


def _after_peer_title(text: str, start: int, mention: str, peers: set[str]) -> str:
    """The peer's title that opens the mention (its text `mention`, at `start`) or stands just before it
    ("Baroness Kennedy"), else ""."""
    before = text[max(0, start - 12) : start].split()
    first = mention.split()[:1]
    return next((w for w in (before[-1:] + first) if w.casefold() in peers), "")


def _unnamed_people(named: list[_Named], mixed: list[_Named], corpus: dict[str, dict[str, int]]) -> None:
    """A one-word "person" that no person of the corpus bears as a first name or surname, and that NER calls an
    organisation in a third of its mentions or more, is that organisation ("Yukos" typed PERSON in half the
    articles about it): people named by one word are named in full somewhere ("Khodorkovsky"), firms are not."""
    words: set[str] = set()
    for n in named:
        if n.type == "person" and " " in n.name:
            parts = n.name.split()
            words.update((name_key(parts[0]), name_key(parts[-1])))
    firms = {
        key
        for key in {n.folded for n in mixed if n.type == "person" and " " not in n.name}
        if key not in words and 3 * corpus[key].get("organization", 0) >= sum(corpus[key].values())
    }
    for n in mixed:
        if n.folded in firms and n.type == "person" and not n.fixed:
            n.type = "organization"
    for key in firms:  # the votes count the retyped mentions as the organisation's
        counts = corpus[key]
        counts["organization"] += counts.pop("person", 0)


def _vote_types(named: list[_Named]) -> list[tuple[str, str, str]]:
    """One type per name in a document: its majority there; ties go to the corpus majority, then to person
    (NER's commonest slip is a person typed ORG or GPE); a type the corpus gives the name at least twice as
    often as the document's choice wins ("Labour" as PERSON in one article).

    Returns the close votes, as (name key, the corpus majority, the votes): names whose commonest type has
    fewer than twice the mentions of the next.
    """
    corpus: dict[str, dict[str, int]] = {}  # name key -> type -> mentions
    for n in named:
        counts = corpus.get(n.folded)
        if counts is None:
            counts = corpus[n.folded] = {}
        counts[n.type] = counts.get(n.type, 0) + 1
    # a name the corpus gives one type keeps it everywhere: only names with several types are voted on
    mixed = [n for n in named if len(corpus[n.folded]) > 1]
    _unnamed_people(named, mixed, corpus)
    per_doc: dict[tuple[str, str], dict[str, int]] = {}
    for n in mixed:
        counts = per_doc.setdefault((n.document, n.folded), {})
        counts[n.type] = counts.get(n.type, 0) + 1

    def order(kind: str) -> int:
        return _TIE_ORDER.index(kind) if kind in _TIE_ORDER else len(_TIE_ORDER)

    tops: dict[str, str] = {}  # name key -> its corpus majority type
    decided: dict[tuple[str, str], str] = {}
    for (document, key), counts in per_doc.items():
        overall = corpus[key]
        best = max(counts.values())
        kind = min((t for t, c in counts.items() if c == best), key=lambda t: (-overall[t], order(t)))
        top = tops.get(key)
        if top is None:
            top = tops[key] = min(overall, key=lambda t: (-overall[t], order(t)))
        if top != kind and overall[top] >= 2 * overall[kind]:
            kind = top
        decided[(document, key)] = kind
    for n in mixed:
        if not n.fixed:
            n.type = decided[(n.document, n.folded)]
    close = []
    for key, top in tops.items():
        votes = sorted(corpus[key].items(), key=lambda item: (-item[1], order(item[0])))
        if len(votes) > 1 and votes[0][1] < 2 * votes[1][1]:
            close.append((key, top, ", ".join(f"{kind} {count}" for kind, count in votes)))
    return close


def _acronym_definitions(documents: Iterable[Document]) -> dict[str, str]:
    """Acronym key -> expansion key, from 'Full Name (ACR)' where the initials agree."""
    found: dict[str, str] = {}
    for match in _definitions_in(documents):
        expansion, acronym = strip_article_and_possessive(match.group(1)), match.group(2).replace(".", "")
        words = expansion.split()
        # the definition may start further left than the real name: take the shortest tail that fits
        for start in range(len(words)):
            tail = " ".join(words[start:])
            if initials(tail) == acronym.upper():
                found.setdefault(name_key(acronym), name_key(tail))
                break
    return found


def _definitions_in(documents: Iterable[Document]) -> Iterator[re.Match[str]]:
    """What `_ACRONYM_DEFINITION.finditer` finds in each text, tried only before a bracketed acronym: the
    pattern is slow to fail at every capital letter of an article, and a definition holds nothing but words
    and spaces, so none starts before the last other character ahead of its bracket."""
    for document in documents:
        text = document.text
        for bracket in _ACRONYM_IN_BRACKETS.finditer(text):
            start = bracket.start()
            while start > 0 and _DEFINITION_CHARACTER.match(text, start - 1):
                start -= 1
            match = _ACRONYM_DEFINITION.search(text, start, bracket.end())
            if match:
                yield match


def resolve(
    documents: list[Document],
    extractions: list[DocExtraction],
    options: ResolveOptions | None = None,
) -> Resolution:
    """Merge the mentions of `extractions` into canonical entities."""
    with collector_paused():
        return _resolve(documents, extractions, options or ResolveOptions())


def _resolve(documents: list[Document], extractions: list[DocExtraction], options: ResolveOptions) -> Resolution:
    dates = {d.id: d.date for d in documents}

    texts = {d.id: d.text for d in documents}
    peers = {t.casefold() for t in titles("peer")}
    named: list[_Named] = []
    # a corpus repeats a few thousand mention texts many times over: name each form once
    naming: dict[tuple[str, str, str], tuple[str, str, bool, str, str] | None] = {}
    for extraction in extractions:
        document = extraction.document
        mentions = extraction.mentions
        for index, (start, _, said, said_type, _, canonical, _) in enumerate(mention_rows(mentions)):
            form = (said, said_type, canonical)
            if form in naming:
                result = naming[form]
            else:
                named_as = _name_mention(mentions[index], options.capitals_as_countries)
                result = (*named_as, plain(said), name_key(named_as[0])) if named_as else None
                naming[form] = result
            if result:
                name, kind, fixed, surface, folded = result
                named.append(_Named(document, index, name, kind, surface, fixed, folded))
                if kind == "person" and " " not in name:
                    named[-1].peer = _after_peer_title(texts.get(document, ""), start, said, peers)
    del naming  # each form's name, held in `named` from here on
    close_votes = _vote_types(named)
    rules = options.aliases
    tags: dict[Key, Tags] = {}
    shown: dict[Key, str] = {}  # each name key as the articles first write it
    keys: dict[Key, Key] = {}  # one tuple per name key, not one per mention
    for n in named:
        key = (n.type, n.folded)
        n.key = keys.setdefault(key, key)
        shown.setdefault(n.key, n.name)
        if rules is not None and rules.apart:
            found = rules.apart_tags([n.name, n.surface])
            if found:
                tags[n.key] = tags.get(n.key, frozenset()) | found

    uf = _UnionFind(tags)
    _merge_people(named, uf)
    labels, fixed_keys = _group_forms(named)
    _merge_acronyms(documents, labels, fixed_keys, uf)
    group_label = _group_labels(labels, fixed_keys, uf)
    if rules is not None and rules.splits and _split(named, uf, group_label, rules):
        labels, fixed_keys = _group_forms(named)
        group_label = _group_labels(labels, fixed_keys, uf)
    del labels, fixed_keys  # each group's names: its label is chosen

    resolution = Resolution()
    # each mention's Entity until every entity has its id, then resolution.mention_entities holds the ids
    mention_entities: dict[str, list[Entity | None]] = {e.document: [None] * len(e.mentions) for e in extractions}
    entities: dict[tuple[str, str], Entity] = {}
    entity_of: dict[Key, Entity] = {}  # each name key (before any join) -> the entity its first mention joined
    gazetteer = load_gazetteer()

    known = _single_kinds(group_label.values())

    def entity_for(key: Key, surface: str) -> Entity | None:
        label, kind = group_label[uf.find(key)]
        if rules is not None:
            decided = rules.apply(label, kind, surface, known)
            if decided is None:
                return None
            label, kind = decided
        entity = entities.get((label, kind))
        if entity is None:
            entity = entities[(label, kind)] = Entity(id="", label=label, type=kind)
            if kind == "location":
                entity.country = gazetteer.country_of(label) or ""
        return entity

    # the entity depends on the group key alone, and on the surface form only when alias rules apply
    placed: dict[Key | tuple[Key, str], Entity | None] = {}
    for n in named:
        slot = n.key if rules is None else (n.key, n.surface)
        if slot in placed:
            entity = placed[slot]
        else:
            entity = placed[slot] = entity_for(n.key, n.surface)
        if entity is None:
            continue
        entity_of.setdefault((n.type, n.folded), entity)
        entity.aliases[n.surface] = entity.aliases.get(n.surface, 0) + 1
        entity.mentions += 1
        entity.documents.add(n.document)
        mention_entities[n.document][n.index] = entity

    label_counts = Counter(label for label, _ in entities)
    for (label, kind), entity in sorted(entities.items()):
        entity.id = label if label_counts[label] == 1 else f"{label} ({kind})"
        seen = [dates[d] for d in entity.documents if dates.get(d)]
        if seen:
            entity.first_seen, entity.last_seen = min(seen), max(seen)
        resolution.entities[entity.id] = entity
    for document, refs in mention_entities.items():
        resolution.mention_entities[document] = [r.id if r is not None else None for r in refs]
    resolution.merges = _merges(uf.joins, close_votes, entity_of, shown)
    if rules is not None and options.warn is not None:
        names_seen = {n.folded for n in named} | {name_key(n.surface) for n in named}
        names_seen |= {name_key(label) for label, _ in group_label.values()} | {
            name_key(e.label) for e in entities.values()
        }
        for message in rules.unmatched(names_seen):
            options.warn(message)
    return resolution


def _single_kinds(labels: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each label's name key -> the type of its groups, for the labels whose groups all have one type."""
    kinds: dict[str, str] = {}
    several: set[str] = set()
    for label, kind in labels:
        key = name_key(label)
        if kinds.setdefault(key, kind) != kind:
            several.add(key)
    return {key: kind for key, kind in kinds.items() if key not in several}


def _group_forms(named: list[_Named]) -> tuple[dict[Key, dict[str, int]], set[Key]]:
    """Each group key's names with their mentions, and the keys the gazetteer named."""
    labels: dict[Key, dict[str, int]] = {}  # group key -> name -> mentions
    fixed_keys: set[Key] = set()
    for n in named:
        forms = labels.get(n.key)
        if forms is None:
            forms = labels[n.key] = {}
        forms[n.name] = forms.get(n.name, 0) + 1
        if n.fixed and n.key[0] == n.type:
            fixed_keys.add(n.key)
    return labels, fixed_keys


def _group_labels(
    labels: dict[Key, dict[str, int]], fixed_keys: set[Key], uf: _UnionFind
) -> dict[Key, tuple[str, str]]:
    """Group keys by their root, and each root's (label, type)."""
    members: dict[Key, list[Key]] = defaultdict(list)
    for key in labels:
        members[uf.find(key)].append(key)
    return {root: (_choose_label(keys, labels, fixed_keys), root[0]) for root, keys in members.items()}


def _split(named: list[_Named], uf: _UnionFind, group_label: dict[Key, tuple[str, str]], rules: AliasRules) -> bool:
    """The alias file's `split`: the forms it names leave the entity it names, together, for a group of their
    own (labelled as any group is: its fullest or commonest form); the rest keep the entity. The entity is
    named as the rules found it, or as the alias file renames it. Whether any mention moved."""
    taken: dict[Key, set[str]] = {}  # root -> the keys of the forms taken out of its group
    for root, (label, kind) in group_label.items():
        decided = rules.apply(label, kind, label)
        for name in (label, decided[0] if decided else label):
            forms = rules.splits.get(name_key(name))
            if forms:
                taken.setdefault(root, set()).update(forms)
    moved = False
    for n in named:
        root = uf.find(n.key)
        forms = taken.get(root)
        if forms and (n.folded in forms or name_key(n.surface) in forms):
            n.key = (root[0], f"\x00split\x00{root[1]}")  # no name has this key: a group of its own
            moved = True
    return moved


def _merges(
    joins: list[tuple[str, Key, Key, str]],
    close_votes: list[tuple[str, str, str]],
    entity_of: dict[Key, Entity],
    shown: dict[Key, str],
) -> list[Merge]:
    """The joins that still hold in the entities (an alias rule may have undone one), once each."""
    merges: dict[tuple[str, str, str], Merge] = {}
    for rule, key, into, detail in joins:
        entity = entity_of.get(key)
        if entity is None or entity_of.get(into) is not entity or key == into:
            continue
        merge = Merge(entity.id, rule, shown.get(key, key[1]), shown.get(into, into[1]), detail)
        merges.setdefault((rule, merge.form, merge.into), merge)
    for folded, kind, votes in close_votes:
        entity = entity_of.get((kind, folded))
        if entity is not None:
            name = shown.get((kind, folded), folded)
            merges.setdefault((CLOSE_TYPE_VOTE, name, kind), Merge(entity.id, CLOSE_TYPE_VOTE, name, kind, votes))
    return sorted(merges.values(), key=lambda m: (m.entity, m.rule, m.form))


def _merge_people(named: list[_Named], uf: _UnionFind) -> None:
    """Rules 3 and 5: partial names, shorter forms and near spellings of people."""
    full_in_doc: dict[str, set[str]] = defaultdict(set)
    people_in_doc: dict[str, set[str]] = defaultdict(set)  # full names NER typed person
    full_names: set[str] = set()
    shaped: dict[tuple[str, str], list[_Named]] = defaultdict(list)  # (document, name) -> person-shaped mentions
    # names repeat across mentions: count words and judge shape once per name
    word_counts: dict[str, int] = {}
    shapes: dict[str, bool] = {}
    for n in named:
        words = word_counts.get(n.name)
        if words is None:
            words = word_counts[n.name] = len(n.name.split())
        if words < 2:
            continue
        if n.type == "person":
            full_in_doc[n.document].add(n.name)
            people_in_doc[n.document].add(n.name)
            full_names.add(n.name)
        elif not n.fixed:
            shape = shapes.get(n.name)
            if shape is None:
                shape = shapes[n.name] = person_shaped(n.name.replace("-", " ").split())
            if shape:
                # "Kassym-Jomart Tokayev" typed ORG by NER: a full name all the same when its surname is a person's
                full_in_doc[n.document].add(n.name)
                shaped[(n.document, n.name)].append(n)

    tail_keys: dict[str, set[str]] = {}  # full name -> keys of its partial names ("Tony Blair" -> {"blair"})

    def tails_of(name: str) -> set[str]:
        keys = tail_keys.get(name)
        if keys is None:
            words = name.split()
            keys = tail_keys[name] = {name_key(" ".join(words[i:])) for i in range(1, len(words))}
        return keys

    weight = Counter(n.key for n in named)
    by_tail: dict[str, set[str]] = defaultdict(set)
    for full in full_names:
        for tail in tails_of(full):
            by_tail[tail].add(full)

    # shorter forms and spellings one letter apart: same surname, compatible given names
    by_surname: dict[str, set[str]] = defaultdict(set)
    for full in full_names:
        by_surname[name_key(full.split()[-1])].add(full)
    for names in by_surname.values():
        ordered = sorted(names, key=lambda s: (-len(s.split()), s))
        for i, short in enumerate(ordered):
            matches = [long for long in ordered[:i] if _same_person(short, long)]
            distinct = {uf.find(("person", name_key(m))) for m in matches}
            if len(distinct) == 1:
                rule = ONE_LETTER if len(matches[0].split()) == len(short.split()) else SHORTER_FORM
                uf.union(("person", name_key(matches[0])), ("person", name_key(short)), rule)

    # document -> partial-name key -> the full names there that end with it, in the order rule 3 weighs them
    local_index: dict[str, dict[str, list[str]]] = {}
    given_names: dict[str, dict[str, list[str]]] = {}  # document -> first-name key -> its people's full names
    corpus_bearers: dict[str, list[str]] = {}  # partial-name key -> the corpus's full names ending with it
    for n in named:
        words = word_counts[n.name]
        if words >= 2 and n.type == "person":
            continue
        if n.type != "person" and words != 1:
            continue
        if n.fixed and n.type != "location":
            continue  # a country, demonym or known organisation is what the gazetteer says
        key = n.folded
        index = local_index.get(n.document)
        if index is None:
            index = local_index[n.document] = {}
            for full in full_in_doc.get(n.document, ()):
                for tail in tails_of(full):
                    index.setdefault(tail, []).append(full)
        local = index.get(key, [])
        if local and n.type != "person":
            people = people_in_doc.get(n.document, set())
            local = [f for f in local if f in people]
        if n.fixed and not local:
            continue  # "Hague" is the city unless "William Hague" is named in the same article
        if not local and n.type == "person" and words == 1:
            given = given_names.get(n.document)
            if given is None:
                given = given_names[n.document] = _given_name_index(people_in_doc.get(n.document, ()))
            bearers = given.get(key, ())
            if len(bearers) == 1:
                target = uf.find(("person", name_key(bearers[0])))  # "Paula", after "Paula Radcliffe"
                if uf.move(n.key, target, FIRST_NAME_IN_ARTICLE, n.document):
                    n.key = target
                continue
        candidates: list[str] | None
        if local:
            candidates = local
        elif n.type == "person":
            if n.peer:
                # "Baroness Kennedy" is no Kennedy her article does not name: she keeps her title as her name
                n.name = f"{n.peer} {n.name}"
                n.folded = name_key(n.name)
                n.key = ("person", n.folded)
                continue
            candidates = corpus_bearers.get(key)
            if candidates is None:
                candidates = corpus_bearers[key] = sorted(by_tail.get(key, ()))
        else:
            continue
        if not candidates:
            continue
        groups: dict[Key, int] = {}
        for c in candidates:
            person = ("person", name_key(c))
            root = uf.find(person)
            groups[root] = groups.get(root, 0) + weight[person]
        if len(groups) == 1:
            target = next(iter(groups))
        else:
            # one person with this surname, or one far more present than any other (Tony vs Cherie Blair)
            (target, first), (_, second) = sorted(groups.items(), key=itemgetter(1), reverse=True)[:2]
            if first < DOMINANT * second:
                continue
        if local:
            # evidence from this document only: this mention (and the full name here) are that person
            if not uf.move(n.key, target, SURNAME_IN_ARTICLE, n.document):
                continue
            n.key = target
            for full in local:
                for other in shaped.get((n.document, full), ()):
                    if uf.move(other.key, target, SURNAME_IN_ARTICLE, n.document):
                        other.key = target
        else:
            uf.union(target, n.key, SURNAME_IN_CORPUS)  # the one person of the corpus with this surname


def _given_name_index(people: Iterable[str]) -> dict[str, list[str]]:
    """First-name key -> the full names of a document's people that start with it."""
    index: dict[str, list[str]] = {}
    for full in sorted(people):
        index.setdefault(name_key(full.split()[0]), []).append(full)
    return index


def _same_person(short: str, long: str) -> bool:
    """'Tayyip Erdogan' ~ 'Recep Tayyip Erdogan'; 'Anur Kurmanov' ~ 'Ainur Kurmanov'."""
    a, b = [name_key(w) for w in short.split()], [name_key(w) for w in long.split()]
    if a[-1] != b[-1]:
        return False
    if len(a) < len(b):
        return all(w in b[:-1] for w in a[:-1])
    if len(a) == len(b):
        pairs = zip(a[:-1], b[:-1], strict=True)
        return all(x == y or (min(len(x), len(y)) >= 4 and _one_edit(x, y)) for x, y in pairs)
    return False


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one inserted, deleted or replaced letter."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :] if len(a) < len(b) else a[i + 1 :] == b[i + 1 :]


def _merge_acronyms(
    documents: list[Document], labels: dict[Key, dict[str, int]], fixed: set[Key], uf: _UnionFind
) -> None:
    """Rule 4: acronyms join their expansions (organisations only)."""
    orgs = {key for key in labels if key[0] == "organization"}
    defined = _acronym_definitions(documents)
    names = {key: _commonest(labels[key]) for key in orgs}
    by_initials: dict[str, set[Key]] = defaultdict(set)
    for key in orgs:
        label = names[key]
        if not is_acronym(label) and len(label.split()) >= 2:
            by_initials[initials(label)].add(key)
    for key in orgs:
        label = names[key]
        if not is_acronym(label) or key in fixed:
            continue
        expansion = defined.get(key[1])
        if expansion and ("organization", expansion) in labels:
            uf.union(("organization", expansion), key, ACRONYM_DEFINED)
            continue
        candidates = by_initials.get(label.replace(".", "").upper(), set())
        if len(candidates) == 1:
            uf.union(next(iter(candidates)), key, ACRONYM_INITIALS)


def _commonest(counts: dict[str, int]) -> str:
    """The most counted name; the first counted among equals."""
    return max(counts.items(), key=itemgetter(1))[0]


def _choose_label(keys: list[Key], labels: dict[Key, dict[str, int]], fixed: set[Key]) -> str:
    """The gazetteer's name if any; for people the fullest name; else the most used non-acronym form."""
    gazetteer_names: dict[str, int] = {}
    for key in keys:
        if key in fixed:
            for name, count in labels[key].items():
                gazetteer_names[name] = gazetteer_names.get(name, 0) + count
    if gazetteer_names:
        return _commonest(gazetteer_names)
    if len(keys) == 1:
        forms = labels[keys[0]]
    else:
        forms = {}
        for key in keys:
            for name, count in labels[key].items():
                forms[name] = forms.get(name, 0) + count
    if len(forms) == 1:
        return next(iter(forms))
    kind = keys[0][0]

    def rank(item: tuple[str, int]) -> tuple:
        name, count = item
        words = len(name.split())
        if kind == "person":
            # the commonest full name: a stray longer form ("Monday Tony Blair") must not win
            return (words < 2, -count, -words, name)
        return (is_acronym(name), -count, -words, name)

    return sorted(forms.items(), key=rank)[0][0]
