"""Selective parsing (the default) against `--parse all`: the parser reads only the sentences that can give a
typed relation, and a reader sees the same entities and typed relations either way."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphkit import BuildResult, analyse, build, up_to_date
from graphkit.cli import app
from graphkit.extract import load_pipeline
from graphkit.extract.extraction import extraction_key, extraction_of
from graphkit.model import Document
from graphkit.read import read_sources

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
CORPORA = [ROOT / "sources", pytest.param(SEEDS, marks=pytest.mark.skipif(not SEEDS.is_dir(), reason="no seeds"))]


def entities(result: BuildResult) -> set[tuple[str, str]]:
    return {(node, data["type"]) for node, data in result.graph.nodes(data=True)}


def typed(result: BuildResult) -> set[tuple[str, int, str, str, str, bool, bool, str, str]]:
    """Every typed statement as a reader of evidence.csv sees it."""
    return {
        (r.evidence.document, r.evidence.start, r.source, r.name, r.target, r.negated, r.hedged, r.according_to, r.via)
        for r in result.relations
        if r.name != "co-mentioned"
    }


@pytest.fixture(scope="module")
def selective_pipeline():
    return load_pipeline()


@pytest.mark.parametrize("corpus", CORPORA)
def test_selective_parsing_finds_the_entities_and_typed_relations_of_a_full_parse(corpus: Path) -> None:
    documents = read_sources([str(corpus)])
    selective = analyse(documents, workers=1)
    full = analyse(documents, workers=1, parse="all")
    assert entities(selective) == entities(full)
    assert typed(full), "the corpus states typed relations"
    assert typed(selective) == typed(full)


def test_a_sentence_naming_fewer_than_two_parties_is_not_parsed(selective_pipeline) -> None:
    text = "The weather was mild on the coast that week. Tony Blair met Gordon Brown in London on Monday."
    doc = selective_pipeline(text)
    first, second = list(doc.sents)
    assert all(token.dep_ == "" for token in first)
    assert all(token.dep_ for token in second)
    extraction = extraction_of(doc, "a", text)
    named = {
        (extraction.mentions[r.subject].text, r.name, extraction.mentions[r.object].text) for r in extraction.relations
    }
    assert ("Tony Blair", "met", "Gordon Brown") in named


def test_a_pronoun_is_read_with_the_sentence_before_it(selective_pipeline) -> None:
    text = "Gordon Brown flew to Paris on Sunday. He met Jacques Chirac there on Monday."
    doc = selective_pipeline(text)
    assert all(token.dep_ for token in doc)  # the sentence that names Brown is where "He" looks
    extraction = extraction_of(doc, "a", text)
    named = {
        (extraction.mentions[r.subject].text, r.name, extraction.mentions[r.object].text, r.via)
        for r in extraction.relations
    }
    assert ("Gordon Brown", "met", "Jacques Chirac", "pronoun") in named


def test_offsets_are_those_of_the_whole_text(selective_pipeline) -> None:
    text = "Markets were quiet.\n\nA long day ended.\nVladimir Putin met Sadyr Japarov in Sochi."
    extraction = extraction_of(selective_pipeline(text), "a", text)
    for mention in extraction.mentions:
        assert text[mention.start : mention.end] == mention.text
    for sentence in extraction.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    (relation,) = [r for r in extraction.relations if r.name == "met"]
    assert extraction.sentences[relation.sentence].text == "Vladimir Putin met Sadyr Japarov in Sochi."


def test_the_parse_choice_keys_the_cache_and_the_build_stamp(tmp_path: Path) -> None:
    assert extraction_key(options={"parse_sentences": "all"}) != extraction_key()
    assert extraction_key(options={"parse_sentences": "selective"}) == extraction_key()
    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text("Summit\n\nVladimir Putin met Sadyr Japarov in Sochi.\n", encoding="utf-8")
    build([article.parent], tmp_path / "out", cache_dir=tmp_path / "cache", workers=1)
    assert up_to_date([article.parent], tmp_path / "out") is not None
    assert up_to_date([article.parent], tmp_path / "out", parse="all") is None


def test_an_unknown_parse_choice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="parse"):
        analyse([Document(id="a", text="Putin met Japarov.")], parse="some")
    result = CliRunner().invoke(app, ["build", "sources", "--out", str(tmp_path / "out"), "--parse", "some"])
    assert result.exit_code == 2
    assert "some" in result.output


def test_a_spokesmans_he_is_read_with_the_sentence_that_names_the_spokesman(selective_pipeline) -> None:
    text = (
        "A Labour spokesman spoke to reporters on Monday. "
        "He accused the Conservative Party of misleading voters about the tax plan."
    )
    doc = selective_pipeline(text)
    assert all(token.dep_ for token in doc if not token.is_space)  # both sentences are parsed
    full = load_pipeline(parse_sentences="all")

    def named(extraction):
        return {
            (extraction.mentions[r.subject].text, r.name, extraction.mentions[r.object].text)
            for r in extraction.relations
        }

    assert named(extraction_of(doc, "a", text)) == named(extraction_of(full(text), "a", text))
    assert ("Labour", "accused", "Conservative Party") in named(extraction_of(doc, "a", text))
