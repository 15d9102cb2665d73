"""Relations: typed statements from the parse plus co-occurrence, each with the sentence as evidence."""

from __future__ import annotations

from itertools import combinations

from graphkit.model import DocExtraction, Evidence, Relation
from graphkit.resolve import Resolution
from graphkit.schema import CO_MENTIONED


def relate(extractions: list[DocExtraction], resolution: Resolution) -> list[Relation]:
    """Every typed relation the parse found, and one co-mention per entity pair per sentence."""
    relations: list[Relation] = []
    for extraction in extractions:
        entity_of = resolution.mention_entities.get(extraction.document, [])

        def evidence(sentence: int, extraction: DocExtraction = extraction) -> Evidence:
            s = extraction.sentences[sentence]
            return Evidence(document=extraction.document, sentence=s.text.strip(), start=s.start, end=s.end)

        for candidate in extraction.relations:
            source, target = entity_of[candidate.subject], entity_of[candidate.object]
            if source and target and source != target:
                relations.append(
                    Relation(
                        source=source,
                        target=target,
                        name=candidate.name,
                        evidence=evidence(candidate.sentence),
                        directed=True,
                        negated=candidate.negated,
                        hedged=candidate.hedged,
                    )
                )

        by_sentence: dict[int, set[str]] = {}
        for index, mention in enumerate(extraction.mentions):
            entity = entity_of[index]
            if entity and mention.sentence >= 0:
                by_sentence.setdefault(mention.sentence, set()).add(entity)
        for sentence, entities in sorted(by_sentence.items()):
            for source, target in combinations(sorted(entities), 2):
                relations.append(Relation(source, target, CO_MENTIONED, evidence(sentence)))
    return relations
