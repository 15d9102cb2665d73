"""Resolution: mentions become canonical entities; every merge is kept in the entity's aliases."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from graphkit.model import DocExtraction, Document, Entity

_LEADING_THE = re.compile(r"^(the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")


def normalise_name(text: str) -> str:
    """Surface form -> the name as a label: no leading 'the', no trailing "'s", single spaces."""
    name = " ".join(text.split())
    name = _LEADING_THE.sub("", name)
    return _POSSESSIVE.sub("", name).strip()


@dataclass
class Resolution:
    entities: dict[str, Entity] = field(default_factory=dict)
    # document id -> the entity id of each of its mentions (None where a mention was dropped)
    mention_entities: dict[str, list[str | None]] = field(default_factory=dict)


def resolve(documents: list[Document], extractions: list[DocExtraction]) -> Resolution:
    """Merge mentions with the same normalised name and type into one entity."""
    dates = {d.id: d.date for d in documents}
    groups: dict[tuple[str, str], list[tuple[str, int, str]]] = defaultdict(list)
    for extraction in extractions:
        for index, mention in enumerate(extraction.mentions):
            name = mention.canonical or normalise_name(mention.text)
            if name:
                groups[(name.casefold(), mention.type)].append((extraction.document, index, mention.text))

    labels: dict[tuple[str, str], str] = {}
    for key, members in groups.items():
        forms = Counter(normalise_name(text) for _, _, text in members)
        labels[key] = forms.most_common(1)[0][0]
    label_counts = Counter(labels.values())

    resolution = Resolution(mention_entities={e.document: [None] * len(e.mentions) for e in extractions})
    for key, members in groups.items():
        label, kind = labels[key], key[1]
        entity_id = label if label_counts[label] == 1 else f"{label} ({kind})"
        entity = Entity(id=entity_id, label=label, type=kind)
        for document_id, index, text in members:
            entity.aliases[" ".join(text.split())] = entity.aliases.get(" ".join(text.split()), 0) + 1
            entity.mentions += 1
            entity.documents.add(document_id)
            resolution.mention_entities[document_id][index] = entity_id
        seen = sorted(dates[d] for d in entity.documents if dates.get(d))
        if seen:
            entity.first_seen, entity.last_seen = seen[0], seen[-1]
        resolution.entities[entity_id] = entity
    return resolution
