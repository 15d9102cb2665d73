"""The alias file's `apart` and `split`, the order every section applies in, and what it says about itself:
contradictions and broken YAML stop with the lines, rules that match nothing warn with theirs."""

from __future__ import annotations

import pytest

from graphkit.model import DocExtraction, Document, Mention
from graphkit.resolve.aliases import AliasFileError, load_aliases
from graphkit.resolve.entities import (
    ACRONYM_INITIALS,
    ONE_LETTER,
    SURNAME_IN_ARTICLE,
    SURNAME_IN_CORPUS,
    ResolveOptions,
    resolve,
)


def extraction(document: str, *mentions: tuple[str, str]) -> DocExtraction:
    return DocExtraction(document=document, mentions=[Mention(0, len(t), t, kind, 0) for t, kind in mentions])


def run(tmp_path, text: str, *articles: DocExtraction, warnings: list[str] | None = None):
    path = tmp_path / "aliases.yaml"
    path.write_text(text, encoding="utf-8")
    options = ResolveOptions(aliases=load_aliases(path), warn=(warnings.append if warnings is not None else None))
    return resolve([Document(a.document, "") for a in articles], list(articles), options)


# two spellings one letter apart, a surname alone in another article, an acronym matching by initials
SPELLINGS = [
    extraction("one", ("Marina Selimov", "person")),
    extraction("two", ("Marine Selimov", "person"), ("Marine Selimov", "person")),
]


def test_without_apart_the_spellings_are_one_person_and_the_join_is_recorded():
    resolution = resolve([Document(a.document, "") for a in SPELLINGS], SPELLINGS)
    assert [e.label for e in resolution.entities.values()] == ["Marine Selimov"]
    assert [(m.rule, {m.form, m.into}) for m in resolution.merges] == [
        (ONE_LETTER, {"Marina Selimov", "Marine Selimov"})
    ]


def test_apart_beats_the_one_letter_rule(tmp_path):
    resolution = run(tmp_path, "apart:\n  - [Marina Selimov, Marine Selimov]\n", *SPELLINGS)
    assert sorted(resolution.entities) == ["Marina Selimov", "Marine Selimov"]
    assert resolution.merges == []


def test_apart_beats_the_surname_rules(tmp_path):
    articles = [
        extraction("a", ("Irena Vasko", "person"), ("Vasko", "person")),
        extraction("b", ("Vasko", "person")),
    ]
    plain_run = resolve([Document(a.document, "") for a in articles], articles)
    assert sorted(plain_run.entities) == ["Irena Vasko"]
    assert {m.rule for m in plain_run.merges} == {SURNAME_IN_ARTICLE, SURNAME_IN_CORPUS}

    resolution = run(tmp_path, "apart:\n- [Vasko, Irena Vasko]\n", *articles)
    assert sorted(resolution.entities) == ["Irena Vasko", "Vasko"]
    assert resolution.entities["Vasko"].mentions == 2


def test_apart_beats_the_acronym_rule(tmp_path):
    articles = [extraction("a", ("Baltic Salmon Board", "organization"), ("BSB", "organization"))]
    plain_run = resolve([Document("a", "")], articles)
    assert [m.rule for m in plain_run.merges] == [ACRONYM_INITIALS]
    resolution = run(tmp_path, "apart: [[BSB, Baltic Salmon Board]]\n", *articles)
    assert sorted(resolution.entities) == ["BSB", "Baltic Salmon Board"]


def test_apart_with_three_names_keeps_each_from_the_others(tmp_path):
    articles = [
        extraction("a", ("Marina Selimov", "person")),
        extraction("b", ("Marine Selimov", "person")),
        extraction("c", ("Selimov", "person")),
    ]
    resolution = run(tmp_path, "apart:\n  - [Marina Selimov, Marine Selimov, Selimov]\n", *articles)
    assert sorted(resolution.entities) == ["Marina Selimov", "Marine Selimov", "Selimov"]


def test_split_takes_forms_out_and_the_rest_keep_the_name(tmp_path):
    articles = [
        extraction("a", ("Irena Vasko", "person"), ("Vasko", "person"), ("Vasko", "person")),
        extraction("b", ("Irena Vasko", "person"), ("Irina Vasko", "person")),
    ]
    before = resolve([Document(a.document, "") for a in articles], articles)
    assert sorted(before.entities) == ["Irena Vasko"]
    resolution = run(tmp_path, "split:\n  Irena Vasko: [Irina Vasko]\n", *articles)
    assert sorted(resolution.entities) == ["Irena Vasko", "Irina Vasko"]
    assert resolution.entities["Irena Vasko"].mentions == 4
    assert resolution.entities["Irina Vasko"].aliases == {"Irina Vasko": 1}
    assert resolution.mention_entities["b"] == ["Irena Vasko", "Irina Vasko"]


def test_split_of_the_label_itself_leaves_the_rest_under_their_fullest_form(tmp_path):
    articles = [extraction("a", ("Irena Vasko", "person"), ("Vasko", "person"), ("Irena Vasko", "person"))]
    resolution = run(tmp_path, "split:\n  Irena Vasko: Vasko\n", *articles)
    assert resolution.mention_entities["a"] == ["Irena Vasko", "Vasko", "Irena Vasko"]


def test_every_section_together_in_its_order(tmp_path):
    """apart during the rules, then split, then drop, merge and rename, and types on the final name."""
    articles = [
        extraction("a", ("Marina Selimov", "person"), ("Selimov", "person"), ("Tolvane", "organization")),
        extraction("b", ("Marine Selimov", "person"), ("Dear Readers", "person")),
        extraction("c", ("Irena Vasko", "person"), ("Irina Vasko", "person"), ("Kyrgyz Republic", "location")),
    ]
    text = (
        "merge:\n  Tolvane Holdings: [Tolvane]\n"
        "rename:\n  Kyrgyz Republic: Kyrgyzstan\n"
        "types:\n  Kyrgyzstan: country\n  Tolvane Holdings: organization\n"
        "drop: [Dear Readers]\n"
        "apart:\n  - [Marina Selimov, Marine Selimov]\n"
        "split:\n  Irena Vasko: [Irina Vasko]\n"
    )
    warnings: list[str] = []
    resolution = run(tmp_path, text, *articles, warnings=warnings)
    assert resolution.mention_entities == {
        "a": ["Marina Selimov", "Marina Selimov", "Tolvane Holdings"],  # the surname joins the one in its article
        "b": ["Marine Selimov", None],
        "c": ["Irena Vasko", "Irina Vasko", "Kyrgyzstan"],
    }
    assert resolution.entities["Kyrgyzstan"].type == "country"
    assert warnings == []


def test_split_then_merge_sends_the_forms_taken_out_to_the_merged_name(tmp_path):
    articles = [extraction("a", ("Irena Vasko", "person"), ("Irina Vasko", "person"), ("Renata Vasco", "person"))]
    text = "split:\n  Irena Vasko: [Irina Vasko]\nmerge:\n  Renata Vasco: [Irina Vasko]\n"
    resolution = run(tmp_path, text, *articles)
    assert resolution.mention_entities["a"] == ["Irena Vasko", "Renata Vasco", "Renata Vasco"]


def test_merge_and_apart_of_the_same_pair_is_an_error_naming_both_lines(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text(
        "# my fixes\nmerge:\n  Marine Selimov: [Marina Selimov]\napart:\n  - [Marina Selimov, Marine Selimov]\n",
        encoding="utf-8",
    )
    with pytest.raises(AliasFileError) as error:
        load_aliases(path)
    message = str(error.value)
    assert str(path) in message and "lines 3 and 5" in message and "Marina Selimov" in message


def test_rename_into_a_name_kept_apart_is_an_error_too(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("apart:\n  - [Vasko, Irena Vasko]\nrename:\n  Vasko: Irena Vasko\n", encoding="utf-8")
    with pytest.raises(AliasFileError, match="lines 2 and 4"):
        load_aliases(path)


def test_merge_and_split_of_the_same_form_is_an_error(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("merge:\n  Irena Vasko: [Irina Vasko]\nsplit:\n  Irena Vasko: [Irina Vasko]\n", encoding="utf-8")
    with pytest.raises(AliasFileError, match="lines 2 and 4"):
        load_aliases(path)


def test_every_rule_that_matches_nothing_warns_with_its_line(tmp_path):
    text = (
        "merge:\n  Tolvane Holdings: [Tolvane, Tolvane Ltd]\n"  # Tolvane Ltd is in no article
        "drop: [Nobody Here]\n"
        "apart:\n  - [Marina Selimov, Marinka Selimova]\n"
        "split:\n  Irena Vasko: [Irina Vasko]\n"  # no such entity in these articles
        "types:\n  Tolvane Holdings: organization\n"  # the merged name counts as seen
    )
    warnings: list[str] = []
    run(tmp_path, text, *SPELLINGS, extraction("c", ("Tolvane", "organization")), warnings=warnings)
    path = tmp_path / "aliases.yaml"
    assert warnings == [
        f"{path}, line 2: merge 'Tolvane Ltd' matches no name in the articles",
        f"{path}, line 3: drop 'Nobody Here' matches no name in the articles",
        f"{path}, line 5: apart 'Marinka Selimova' matches no name in the articles",
        f"{path}, line 7: split 'Irena Vasko' matches no name in the articles",
        f"{path}, line 7: split 'Irina Vasko' matches no name in the articles",
    ]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        # a page download cut short or edited by hand
        ("merge:\n  Marine Selimov: [Marina Selimov\napart:\n  - [a, b]\n", 3, "not valid YAML"),
        ("apart:\n  - [Marina Selimov, Marine Selimov]\n  - Marina Selimov: x: y\n", 3, "not valid YAML"),
        ("apart:\n  - [Marina Selimov]\n", 2, "two names or more"),
        ("apart:\n  Marina Selimov: Marine Selimov\n", 2, "list of lists"),
        ("apart:\n  - [Dogan, Doğan]\n", 2, "same entity twice"),
        ("split:\n  - Irena Vasko\n", 2, "must map names"),
        ("split:\n  Irena Vasko: {a: b}\n", 2, "a name or a list of names"),
    ],
)
def test_a_broken_file_names_the_line(tmp_path, text, line, words):
    path = tmp_path / "aliases.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AliasFileError) as error:
        load_aliases(path)
    message = str(error.value)
    assert str(path) in message and f"line {line}" in message and words in message
    assert "\n" not in message


def test_empty_sections_as_a_page_download_leaves_them_change_nothing(tmp_path):
    resolution = run(tmp_path, "merge:\nrename:\ntypes:\ndrop:\napart:\nsplit:\n", *SPELLINGS)
    assert [e.label for e in resolution.entities.values()] == ["Marine Selimov"]


def test_a_name_merged_into_an_entity_of_another_type_joins_it(tmp_path):
    # "Vilnius said" stands for Lithuania: merged, the capital's mentions join the country, not a location
    # that happens to be called Lithuania; `types` still has the last word
    articles = [extraction("a", ("Lithuania", "country"), ("Vilnius", "location"), ("Vilnius", "location"))]
    resolution = run(tmp_path, "merge:\n  Lithuania: [Vilnius]\n", *articles)
    assert [(e.id, e.type, e.mentions) for e in resolution.entities.values()] == [("Lithuania", "country", 3)]
    retyped = run(tmp_path, "merge:\n  Lithuania: [Vilnius]\ntypes:\n  Lithuania: location\n", *articles)
    assert [(e.id, e.type) for e in retyped.entities.values()] == [("Lithuania", "location")]
