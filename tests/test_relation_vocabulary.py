"""The vocabulary files of the relation patterns: a malformed row names its file and line."""

from __future__ import annotations

import pytest

from graphkit.extract.relations.vocabulary import load_vocabulary, parse_cues, parse_nouns, parse_verbs
from graphkit.relation_types import RelationDataError


def test_the_shipped_vocabulary_files_parse() -> None:
    vocabulary = load_vocabulary()
    assert vocabulary.prepositions["offer"] == {"to"}
    assert "meet" in vocabulary.reciprocal and "visit" not in vocabulary.reciprocal
    assert "side" in vocabulary.proxies and vocabulary.affiliations["member"] == "member of"


@pytest.mark.parametrize(
    ("parse", "text", "problem"),
    [
        (parse_verbs, "meet\tmet\tsometimes\n", "verbs.tsv:1: 'sometimes' where 'reciprocal' or nothing"),
        (parse_verbs, "# lemma\tname\nmeet\n", "verbs.tsv:2: 1 fields where 2 to 4 are read"),
        (parse_verbs, "take part\ttook part in\n", "verbs.tsv:1: lemma 'take part' is more than one word"),
        (parse_verbs, "meet\tmet\nvisit\tvisited\t\tto\tby\tsea\n", "verbs.tsv:2: 6 fields"),
        (parse_nouns, "member\tfriendship\tfriend of\n", "nouns.tsv:1: kind 'friendship' is not one of"),
        (parse_nouns, "\n\nmember\taffiliation\n", "nouns.tsv:3: 'member' \\(affiliation\\) has no relation name"),
        (parse_nouns, "\taffiliation\tmember of\n", "nouns.tsv:1: an empty field"),
        (parse_cues, "hedge\tmaybe\textra\n", "cues.tsv:1: 3 fields where 2 are read"),
        (parse_cues, "modal\tmay\nvague\tmaybe\n", "cues.tsv:2: kind 'vague'"),
    ],
)
def test_a_malformed_row_names_its_file_and_line(parse, text, problem) -> None:
    with pytest.raises(RelationDataError, match=f"graphkit/extract/relations/{problem}"):
        parse(text)


def test_well_formed_rows_read_as_documented() -> None:
    assert parse_verbs("offer\toffered\t\tto,for\n") == [["offer", "offered", "", "to,for"]]
    assert parse_nouns("side\tproxy\t\n") == [["side", "proxy", ""]]
    assert parse_cues("# kind\tword\nhedge\tReportedly\n")["hedge"] == {"reportedly"}
