"""One normaliser of names, one person-shape test, one demonym map, one list of titles.

The readers of names (labels, entity keys, gazetteer look-ups, names typed in a query) share
`names.normal_form` but not its settings; these tests pin the differences a user would notice.
"""

from __future__ import annotations

import networkx as nx
import pytest
import spacy

from graphkit.extract import load_pipeline
from graphkit.extract.components import add_entity_components
from graphkit.extract.relations.vocabulary import load_vocabulary
from graphkit.gazetteer import load_gazetteer, person_shaped
from graphkit.names import LOOKUP_QUOTES, name_key, normal_form, person_name, plain, strip_titles, titles
from graphkit.query.filters import find_nodes


@pytest.mark.parametrize(
    ("text", "label", "key"),
    [
        ("Türkiye", "Türkiye", "turkiye"),
        ("TURKIYE", "TURKIYE", "turkiye"),
        ("O’Brien", "O'Brien", "o'brien"),
        ("O`Brien", "O'Brien", "o'brien"),
        ("  Recep   Tayyip\nErdoğan ", "Recep Tayyip Erdoğan", "recep tayyip erdogan"),
        ("Recep Tayyip Erdog\u0306an", "Recep Tayyip Erdoğan", "recep tayyip erdogan"),  # decomposed ğ
        ("the UK", "the UK", "the uk"),  # the article is not the normaliser's business
        ("U.S.", "U.S.", "us"),  # a key drops full stops, a label keeps them
        ("Al-Qaeda", "Al-Qaeda", "al-qaeda"),
        ("«Al-Qaeda»", '"Al-Qaeda"', '"al-qaeda"'),
        ("CafÃ©", "CafÃ©", "cafa©"),  # mojibake is repaired when reading, not here
        ("Oʼzbekiston", "Oʼzbekiston", "oʼzbekiston"),  # a modifier apostrophe only the gazetteer straightens
        ("´Erdogan", "´Erdogan", "erdogan"),  # a spacing accent leaves no stray space in a key
        ("ᴬli", "ᴬli", "ali"),  # a key has no capitals left, whatever the letter
    ],
)
def test_labels_keep_case_and_accents_keys_drop_them(text, label, key):
    assert plain(text) == label
    assert name_key(text) == key


def test_the_gazetteer_straightens_its_own_quotes_and_ignores_article_case_and_accents():
    gazetteer = load_gazetteer()
    assert normal_form("Oʼzbekiston", quotes=LOOKUP_QUOTES) == "O'zbekiston"
    assert normal_form("«x»", quotes=LOOKUP_QUOTES) == "«x»"
    assert {gazetteer.lookup(t).canonical for t in ("Türkiye", "TURKIYE", "turkiye")} == {"Turkey"}
    ivory = {
        gazetteer.lookup(t).canonical for t in ("Côte d'Ivoire", "Cote d’Ivoire", "Côte dʼIvoire", "Cote d`Ivoire")
    }
    assert ivory == {"Ivory Coast"}
    assert gazetteer.lookup("the UK's").canonical == "United Kingdom"
    assert gazetteer.lookup("U.S.").canonical == "United States"
    assert gazetteer.lookup("us") is None  # short acronyms keep their case
    assert gazetteer.lookup("al-qaeda").canonical == gazetteer.lookup("Al Qaeda").canonical


def test_a_query_name_ignores_case_accents_and_curly_apostrophes_but_not_full_stops():
    graph = nx.Graph()
    graph.add_node("Recep Tayyip Erdoğan", label="Recep Tayyip Erdoğan", aliases="Erdoğan | Tayyip Erdoğan")
    graph.add_node("Conor O'Brien", label="Conor O'Brien", aliases="")
    graph.add_node("US", label="US", aliases="")
    assert find_nodes(graph, "  recep tayyip  ERDOGAN") == ["Recep Tayyip Erdoğan"]
    assert find_nodes(graph, "erdogan") == ["Recep Tayyip Erdoğan"]
    assert find_nodes(graph, "Conor O’Brien") == ["Conor O'Brien"]
    assert find_nodes(graph, "U.S.") == []  # unlike entity keys, a query keeps full stops
    assert find_nodes(graph, "us") == ["US"]


def test_person_names_lose_article_possessive_and_titles():
    assert person_name("the Prime Minister Ulukbek Maripov's") == "Ulukbek Maripov"
    assert strip_titles("Dr. Ahmet Dogan") == "Ahmet Dogan"
    assert strip_titles("Coach Ted Lasso") == "Coach Ted Lasso"  # a role, not a title a name loses


@pytest.mark.parametrize(
    ("words", "shaped"),
    [
        (["Recep", "Tayyip", "Erdoğan"], True),
        (["Kassym", "Jomart", "Tokayev"], True),
        (["Sadyr", "Japarov"], True),
        (["Paula"], False),  # one word
        (["Prime", "Minister", "Smith"], False),  # a title
        (["His", "Excellency", "Smith"], False),  # a title of two words
        (["Smith", "Minister"], False),  # a title anywhere
        (["Bishkek", "Smith"], False),  # a known place
        (["Foreign", "Ministry"], False),  # an organisation word
        (["O'Brien", "Smith"], False),  # not letters only
        (["Ann", "Bea", "Cy", "Di", "Ed"], False),  # too long
    ],
)
def test_one_person_shape(words, shaped):
    assert person_shaped(words) is shaped


def test_demonyms_name_their_country_from_the_data_files():
    gazetteer = load_gazetteer()
    assert gazetteer.demonym("Kyrgyz") == "Kyrgyzstan"
    assert gazetteer.demonym("Turkish") == "Turkey"
    assert gazetteer.demonym("Turkey") is None  # a country's name is no demonym
    entry = gazetteer.lookup("Kyrgyz")
    assert (entry.kind, entry.mention_type, entry.label) == ("demonym", "country", "NORP")


def test_one_list_of_titles_feeds_name_stripping_and_relation_roles():
    stripped, roles = set(titles("name")), set(titles("role"))
    assert {"Mr", "Dr", "Prime Minister", "Ambassador"} <= stripped
    assert {"Prime Minister", "Ambassador", "Leader", "Coach"} <= roles
    assert "Mr" not in roles and "Coach" not in stripped
    vocabulary = load_vocabulary()
    assert set(vocabulary.roles.values()) == {t.lower() for t in roles}
    assert vocabulary.roles[("prime", "minister")] == "prime minister"
    assert vocabulary.roles[("secretary", "-", "general")] == "secretary-general"
    assert load_gazetteer().titles == frozenset(stripped)


@pytest.mark.parametrize("parse", [True, False])
def test_the_pipeline_order_satisfies_what_each_component_requires(parse):
    nlp = load_pipeline(parse=parse)
    problems = nlp.analyze_pipes()["problems"]
    assert {"graphkit_lines", "graphkit_gazetteer", "graphkit_mentions"} <= set(problems)
    assert not any(problems.values()), problems


def test_a_wrong_order_is_reported():
    nlp = spacy.blank("en")
    nlp.add_pipe("graphkit_mentions")  # before NER and the gazetteer matcher it reads
    problems = nlp.analyze_pipes()["problems"]
    assert set(problems["graphkit_mentions"]) == {"doc.ents", "token.ent_type", "doc.spans"}
    right = spacy.blank("en")
    right.add_pipe("sentencizer")
    right.add_pipe("ner")
    add_entity_components(right)
    assert not any(right.analyze_pipes()["problems"].values())
