"""The entity layer under typed relations: firms NER types as people, party adjectives, descriptors glued to
names, headline words. Each case is our own sentence with the mentions a reader would list, and a lookalike
that must stay as it is."""

from __future__ import annotations

import pytest

from graphkit.extract import load_pipeline
from graphkit.extract.components import MENTIONS_KEY


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def mentions(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.text, s.label_) for s in doc.spans[MENTIONS_KEY]]


@pytest.mark.parametrize(
    "text",
    [
        "Ostrov has said the court will rule on Friday. Shares in Ostrov fell on Monday.",
        "Ostrov has said the court will rule on Friday. Ostrov's profits fell last year.",
        "Ostrov has said the court will rule on Friday. The oil firm Ostrov will appeal.",
        'Ostrov has said the court will rule on Friday. "We will appeal," said Ostrov chief executive Anton Belov.',
    ],
)
def test_a_firm_typed_person_is_an_organization_in_every_mention(nlp, text):
    found = [kind for name, kind in mentions(nlp, text) if name == "Ostrov"]
    assert found and set(found) == {"organization"}, mentions(nlp, text)


def test_a_person_stays_a_person_beside_a_firm_word(nlp):
    text = (
        'Mr Ostrov has said the court will rule on Friday. "We will appeal," said Ostrov chief executive Anton Belov.'
    )
    assert {kind for name, kind in mentions(nlp, text) if name == "Ostrov"} == {"person"}
    text = "Kessler, who founded a bakery, said Kessler chairman was a title he never used."
    assert {kind for name, kind in mentions(nlp, text) if name == "Kessler"} == {"person"}


def test_a_party_adjective_before_a_party_word_or_possessive_names_the_party(nlp):
    doc = nlp("Conservative leader Michael Howard spoke in Leeds on Monday.")
    party = [s for s in doc.spans[MENTIONS_KEY] if s.text == "Conservative"]
    assert [(s.label_, s.kb_id_) for s in party] == [("organization", "Conservative Party")]
    doc = nlp("The Liberal Democrat's health spokesman, Jane Pollard, criticised the plan.")
    assert ("Liberal Democrat", "Liberal Democrats") in {(s.text, s.kb_id_) for s in doc.spans[MENTIONS_KEY]}


@pytest.mark.parametrize(
    "text",
    [
        "Conservative estimates put the cost at two million pounds.",
        "The bishop, a conservative leader of the church, spoke on Monday.",
    ],
)
def test_an_ordinary_conservative_is_no_party(nlp, text):
    assert not [name for name, _ in mentions(nlp, text) if "onservative" in name]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Sprinter Michelle Harding has been banned for two years.", "Michelle Harding"),
        ("Sprinter Kelly Marsh has received a two-year ban after a hearing.", "Kelly Marsh"),
        ("Singer Laura Price will play in Leeds.", "Laura Price"),
    ],
)
def test_a_descriptor_before_a_name_is_not_part_of_it(nlp, text, person):
    assert (person, "person") in mentions(nlp, text)
    assert not any(name != person and person in name for name, _ in mentions(nlp, text))


def test_a_descriptor_and_demonym_leave_the_country_and_the_person(nlp):
    found = mentions(nlp, "Veteran Dutchman Pieter de Vries beat Luca Bianchi in Doha.")
    assert ("Dutchman", "country") in found and ("Pieter de Vries", "person") in found
    assert not any("Veteran" in name for name, _ in found)


@pytest.mark.parametrize(
    ("text", "body", "person"),
    [
        ("Radio Solent DJ Mark Evans said the show would go on.", "Radio Solent", "Mark Evans"),
        ("Capital FM DJ Sarah Hughes said the show would go on.", "Capital FM", "Sarah Hughes"),
    ],
)
def test_a_body_a_role_and_a_person_are_told_apart(nlp, text, body, person):
    found = mentions(nlp, text)
    assert (body, "organization") in found and (person, "person") in found


def test_a_form_of_address_inside_a_span_starts_the_person(nlp):
    found = mentions(nlp, "A source told the Daily Mirror Mr Wilson would lead the campaign.")
    assert ("Daily Mirror", "organization") in found and ("Wilson", "person") in found
    found = mentions(nlp, "A source told the Sunday Times Mr Campbell would front the campaign.")
    assert ("Campbell", "person") in found and not any("Mr" in name for name, _ in found)


def test_an_ex_before_a_body_is_no_part_of_its_name(nlp):
    found = mentions(nlp, "Ex-Downing Street aide Tom Baird will return to the campaign.")
    assert ("Downing Street", "organization") in found and ("Tom Baird", "person") in found


def test_a_sentence_opening_common_noun_is_no_entity(nlp):
    text = "Broadband is spreading fast in rural areas. Most homes in the valley now have broadband, the council said."
    assert mentions(nlp, text) == []
    assert mentions(nlp, "The Budget will be delivered in March, the Treasury said.") == [("Treasury", "organization")]


def test_a_name_written_capitalised_mid_sentence_stays(nlp):
    text = "Apple sold more phones this year. The apple harvest was poor, but Apple said sales rose."
    assert [name for name, kind in mentions(nlp, text) if kind == "organization"] == ["Apple", "Apple"]
