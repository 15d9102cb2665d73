"""The relation schema: every name a pattern can give has a class, and bad data names its file and line."""

from __future__ import annotations

import pytest

from graphkit.extract.relations.table import CLAUSES, TITLES
from graphkit.extract.relations.vocabulary import load_vocabulary
from graphkit.relation_types import (
    RelationDataError,
    is_known,
    parse_classes,
    parse_types,
    relation_classes,
    relation_type,
    strongest_class,
)


def test_every_relation_a_pattern_can_give_has_a_class():
    vocabulary = load_vocabulary()
    names = {pattern.example.relation for pattern in (*TITLES, *CLAUSES)}
    names |= {*vocabulary.verbs.values(), *vocabulary.affiliations.values(), *vocabulary.events.values()}
    names |= {f"{role} of" for role in vocabulary.roles.values()}
    assert names
    assert sorted(n for n in names if not is_known(n)) == []


def test_roles_come_from_the_titles_and_former_keeps_the_class():
    assert relation_type("prime minister of").relation_class == "role"
    assert relation_type("former prime minister of").relation_class == "role"
    assert relation_type("met").symmetric and relation_type("met").relation_class == "contact"
    assert relation_type("sanctioned").stance == "hostile"
    assert relation_type("signed").stance == "cooperative"
    assert relation_type("member of").class_for("person") == "role"
    assert relation_type("member of").class_for("country") == "membership"
    with pytest.raises(KeyError):
        relation_type("ate lunch with")


def test_the_strongest_class_follows_the_table_order():
    order = list(relation_classes())
    assert order[0] == "conflict"
    assert strongest_class(["location", "contact", "role"]) == "contact"
    assert strongest_class([]) == ""


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("met\tcontact\tfriendly\n", "relation_types.tsv:1: stance 'friendly'"),
        ("# a comment\nmet\tgossip\n", "relation_types.tsv:2: class 'gossip'"),
        ("met\tcontact\t\tsideways\n", "relation_types.tsv:1: direction 'sideways'"),
        ("met\tcontact\nmet\tcontact\n", "relation_types.tsv:2: 'met' is listed twice"),
        ("met\n", "relation_types.tsv:1: 1 fields"),
    ],
)
def test_a_malformed_relation_table_names_its_file_and_line(text, problem):
    with pytest.raises(RelationDataError, match=problem):
        parse_types(text, relation_classes())


def test_a_malformed_class_table_names_its_file_and_line():
    with pytest.raises(RelationDataError, match="relation_classes.tsv:1: colour 'red'"):
        parse_classes("conflict\thostile\tred\tfights\n")


def test_readme_class_table_follows_the_data():
    from pathlib import Path

    lines = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("### Relation schema")
    first = next(i for i in range(start, len(lines)) if lines[i].startswith("| class |"))
    rows = []
    for line in lines[first + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip().strip("`") for cell in line.strip().strip("|").split("|")])
    expected = [[c.name, c.stance, c.colour, c.holds] for c in relation_classes().values()]
    assert rows == expected
