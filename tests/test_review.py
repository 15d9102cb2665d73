"""`graphkit review` on a small corpus of our own (tests/fixtures/review): a one-letter variant, a surname
alone in an article without its full name, an acronym defined in the text, two people with one surname and
a name spelt with and without Turkish letters. Decisions go to the alias file and are not asked again."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphkit import build
from graphkit.cli import app
from graphkit.export.graphfile import read_graph
from graphkit.resolve.aliases import load_aliases

FIXTURES = Path(__file__).resolve().parent / "fixtures"
runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the review articles, so an alias file can be written beside them."""
    folder = tmp_path_factory.mktemp("review-articles")
    for article in (FIXTURES / "review").iterdir():
        shutil.copy(article, folder / article.name)
    return folder


@pytest.fixture(scope="module")
def built(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("review-out")
    build([corpus], out, cache=False, workers=1)
    return out


def review_json(out: Path, *args: str) -> list[dict]:
    result = runner.invoke(app, ["review", "--graph", str(out), "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_merges_csv_names_the_rule_of_each_join(built):
    text = (built / "merges.csv").read_text(encoding="utf-8")
    assert "Maria Hansen,one letter apart,Marie Hansen,Maria Hansen" in text
    assert "Maria Hansen,surname in the corpus,Hansen,Maria Hansen" in text
    assert "Baltic Salmon Board,acronym defined,BSB,Baltic Salmon Board" in text


def test_review_lists_uncertain_merges_and_near_misses_with_evidence(built):
    items = review_json(built)
    found = {(item["kind"], item["rule"], tuple(item["names"])) for item in items}
    assert ("merge", "one letter apart", ("Marie Hansen", "Maria Hansen")) in found
    assert ("merge", "surname in the corpus", ("Hansen", "Maria Hansen")) in found
    assert ("merge", "acronym defined", ("BSB", "Baltic Salmon Board")) in found
    assert ("near miss", "same surname", ("Oskar Olsen", "Peter Olsen")) in found
    assert ("near miss", "spelling variant", ("Yusuf Kilic", "Yusuf Kılıç")) in found
    # a form joined by two rules is asked about once
    assert sum(1 for item in items if item["names"] == ["Hansen", "Maria Hansen"]) == 1
    # each side has its documents and a sentence where it stands
    spelling = next(item for item in items if item["rule"] == "spelling variant")
    kilic, kilic_turkish = spelling["evidence"]
    assert kilic["documents"] == ["harbour_opening.txt"] and "sells fish on the quay" in kilic["sentence"]
    assert kilic_turkish["documents"] == ["ferry_delays.txt"] and "ferry captain" in kilic_turkish["sentence"]
    surname = next(item for item in items if item["names"] == ["Hansen", "Maria Hansen"])
    assert "Hansen promised help" in surname["evidence"][0]["sentence"]  # the surname alone, not the full name
    # what touches more of the graph comes first
    touches = [item["touches"] for item in items]
    assert touches == sorted(touches, reverse=True)
    assert review_json(built, "-n", "2") == items[:2]


def test_without_a_terminal_or_answers_review_lists_and_says_how_to_decide(built, corpus):
    result = runner.invoke(app, ["review", "--graph", str(built)], input="")
    assert result.exit_code == 0
    assert "merged (one letter apart): Marie Hansen -> Maria Hansen" in result.stdout
    assert "not merged (same surname): Oskar Olsen / Peter Olsen" in result.stdout
    assert "pipe the answers" in result.stdout and str(corpus / "aliases.yaml") in result.stdout
    assert not (corpus / "aliases.yaml").exists()


def test_decisions_are_written_kept_and_not_asked_again(built, tmp_path):
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("# fixes for the harbour stories\ndrop: [Monday]  # not a person\n", encoding="utf-8")
    before = review_json(built, "--aliases", str(aliases))
    answers = {"Marie Hansen": "y", "Oskar Olsen": "n", "BSB": "s"}
    lines = [answers.get(item["names"][0], "s") for item in before]
    result = runner.invoke(app, ["review", "--graph", str(built), "--aliases", str(aliases)], input="\n".join(lines))
    assert result.exit_code == 0, result.output
    assert "wrote 1 merge, 1 apart" in result.stdout

    text = aliases.read_text(encoding="utf-8")
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    assert text.startswith("# fixes for the harbour stories\ndrop: [Monday]  # not a person\n")
    assert f"# reviewed {today}" in text
    rules = load_aliases(aliases)
    assert rules.decides("Maria Hansen", "Marie Hansen") and rules.decides("Oskar Olsen", "Peter Olsen")

    after = review_json(built, "--aliases", str(aliases))
    names = [item["names"] for item in after]
    assert ["Marie Hansen", "Maria Hansen"] not in names and ["Oskar Olsen", "Peter Olsen"] not in names
    assert ["BSB", "Baltic Salmon Board"] in names  # skipped: asked again
    assert len(after) == len(before) - 2


def test_a_rebuild_applies_the_decisions(corpus, tmp_path):
    (corpus / "aliases.yaml").write_text(
        "merge:  # reviewed 2026-12-03\n  Yusuf Kılıç: [Yusuf Kilic]\napart:  # reviewed 2026-12-03\n"
        "  - [Maria Hansen, Marie Hansen]\n",
        encoding="utf-8",
    )
    try:
        build([corpus], tmp_path, cache=False, workers=1)
    finally:
        (corpus / "aliases.yaml").unlink()
    labels = {data["label"] for _, data in read_graph(tmp_path).nodes(data=True)}
    assert {"Maria Hansen", "Marie Hansen", "Yusuf Kılıç"} <= labels
    assert "Yusuf Kilic" not in labels
    items = review_json(tmp_path, "--aliases", str(tmp_path / "none.yaml"))
    assert ["Marie Hansen", "Maria Hansen"] not in [item["names"] for item in items]


def test_a_broken_alias_file_stops_review_with_its_line(built, tmp_path):
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("apart:\n  - [Maria Hansen, Marie Hansen\n", encoding="utf-8")
    result = runner.invoke(app, ["review", "--graph", str(built), "--aliases", str(aliases)], input="y\n")
    assert result.exit_code == 2
    assert f"{aliases}, line 3" in result.output and "Traceback" not in result.output


def test_review_of_a_missing_graph_is_one_line(tmp_path):
    result = runner.invoke(app, ["review", "--graph", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "no graph at" in result.output


def test_a_capital_written_for_its_country_is_a_near_miss(built, tmp_path):
    items = review_json(built)
    capitals = [item for item in items if item["rule"] == "a capital standing for its country"]
    # "Oslo rejected the quota" stands for Norway; "travelled to Stockholm" is only a place
    assert [item["names"] for item in capitals] == [["Oslo", "Norway"]]
    assert "Oslo rejected the new quota" in capitals[0]["evidence"][0]["sentence"]

    aliases = tmp_path / "aliases.yaml"
    lines = ["y" if item["names"] == ["Oslo", "Norway"] else "s" for item in items]
    result = runner.invoke(app, ["review", "--graph", str(built), "--aliases", str(aliases)], input="\n".join(lines))
    assert result.exit_code == 0, result.output
    rules = load_aliases(aliases)
    assert rules.decides("Norway", "Oslo")
    assert "Norway: [Oslo]" in aliases.read_text(encoding="utf-8")  # the country keeps its name
