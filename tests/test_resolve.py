"""Resolution on hand-made extractions: the merge rules alone, without spaCy, so each case is exact."""

from __future__ import annotations

import gc

import pytest

from graphkit.model import DocExtraction, Document, Mention
from graphkit.names import name_key, title_length
from graphkit.resolve.entities import resolve


def extraction(document: str, *mentions: tuple[str, str]) -> DocExtraction:
    """Mentions (text, type), all in sentence 0; offsets do not matter to resolution."""
    return DocExtraction(document=document, mentions=[Mention(0, len(t), t, kind, 0) for t, kind in mentions])


def entity_names(document: DocExtraction, resolution) -> list[str | None]:
    return resolution.mention_entities[document.document]


def test_surname_and_titled_name_join_the_full_name_in_the_same_article():
    one = extraction(
        "a", ("Prime Minister Ulukbek Maripov", "person"), ("Maripov", "person"), ("Mr. Maripov", "person")
    )
    resolution = resolve([Document("a", "")], [one])
    assert entity_names(one, resolution) == ["Ulukbek Maripov"] * 3
    assert resolution.entities["Ulukbek Maripov"].aliases == {
        "Prime Minister Ulukbek Maripov": 1,
        "Maripov": 1,
        "Mr. Maripov": 1,
    }


def test_a_surname_goes_to_the_far_more_mentioned_bearer_only():
    articles = [extraction(str(i), ("Tony Blair", "person")) for i in range(6)]
    articles.append(extraction("cherie", ("Cherie Blair", "person")))
    alone = extraction("alone", ("Blair", "person"))
    resolution = resolve([Document(e.document, "") for e in [*articles, alone]], [*articles, alone])
    assert entity_names(alone, resolution) == ["Tony Blair"]

    articles.append(extraction("cherie-again", ("Cherie Blair", "person")))
    resolution = resolve([Document(e.document, "") for e in [*articles, alone]], [*articles, alone])
    assert entity_names(alone, resolution) == ["Blair"]  # six against two is no longer five times as many


def test_a_first_name_alone_joins_the_one_person_of_its_article_with_that_first_name():
    race = extraction("race", ("Paula Radcliffe", "person"), ("Paula", "person"), ("Paula", "person"))
    two_tonys = extraction("two", ("Tony Blair", "person"), ("Tony Smith", "person"), ("Tony", "person"))
    elsewhere = extraction("elsewhere", ("Paula", "person"))  # a first name is no evidence in another article
    articles = [race, two_tonys, elsewhere]
    resolution = resolve([Document(e.document, "") for e in articles], articles)
    assert entity_names(race, resolution) == ["Paula Radcliffe"] * 3
    assert entity_names(two_tonys, resolution) == ["Tony Blair", "Tony Smith", "Tony"]
    assert entity_names(elsewhere, resolution) == ["Paula"]


def test_acronym_defined_in_the_text_joins_its_expansion():
    text = (
        "Fishing quotas, said the Northern Fisheries Research Council (NFRC), will fall; the Baltic Salmon "
        "Board (BSB) agreed."
    )
    one = extraction(
        "a",
        ("Northern Fisheries Research Council", "organization"),
        ("NFRC", "organization"),
        ("Baltic Salmon Board", "organization"),
        ("BSB", "organization"),
    )
    resolution = resolve([Document("a", text)], [one])
    assert entity_names(one, resolution) == [
        "Northern Fisheries Research Council",
        "Northern Fisheries Research Council",
        "Baltic Salmon Board",
        "Baltic Salmon Board",
    ]


def test_a_name_takes_the_type_the_corpus_gives_it_most():
    articles = [extraction(str(i), ("Tolvane Holdings", "organization")) for i in range(3)]
    odd = extraction("odd", ("Tolvane Holdings", "person"))
    resolution = resolve([Document(e.document, "") for e in [*articles, odd]], [*articles, odd])
    assert set(resolution.entities) == {"Tolvane Holdings"}
    assert resolution.entities["Tolvane Holdings"].type == "organization"
    assert resolution.entities["Tolvane Holdings"].mentions == 4


@pytest.mark.parametrize("enabled", [True, False])
def test_resolution_leaves_the_garbage_collector_as_it_found_it(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        resolve([Document("a", "")], [extraction("a", ("Ulukbek Maripov", "person"))])
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


@pytest.mark.parametrize(
    ("words", "length"),
    [
        (["Prime", "Minister", "Ulukbek", "Maripov"], 2),
        (["prime", "minister"], 2),
        (["Prime", "Ulukbek"], 0),
        (["Mr.", "Putin"], 1),
        (["MR", "Putin"], 1),
        (["President-elect", "Biden"], 1),
        (["Putin"], 0),
        ([], 0),
    ],
)
def test_title_length_counts_the_longest_leading_title(words, length):
    assert title_length(words) == length


def test_name_keys_ignore_case_accents_dots_and_quotes():
    assert name_key("Türkiye") == name_key("TURKIYE") == "turkiye"
    assert name_key("U.S.") == name_key("us")
    assert name_key("O’Neill  Smith") == name_key("o'neill smith")
    assert name_key("Straße") == "strasse"


def test_a_surname_after_a_peers_title_is_not_the_corpus_bearer_of_that_surname():
    leader = [extraction(str(i), ("Charles Kennedy", "person"), ("Kennedy", "person")) for i in range(3)]
    text = "Labour peer Baroness Kennedy chairs the inquiry."
    peer = DocExtraction(
        "peer", mentions=[Mention(text.index("Kennedy"), text.index(" chairs"), "Kennedy", "person", 0)]
    )
    plain = extraction("plain", ("Kennedy", "person"))  # no title: the one Kennedy the corpus names
    docs = [*leader, peer, plain]
    texts = {"peer": text}
    resolution = resolve([Document(e.document, texts.get(e.document, "")) for e in docs], docs)
    assert entity_names(peer, resolution) == ["Baroness Kennedy"]  # how the article calls her, not Charles
    assert entity_names(plain, resolution) == ["Charles Kennedy"]


def test_a_surname_after_a_peers_title_joins_the_full_name_of_its_own_article():
    text = "Charles Falconer spoke. Lord Falconer said the bill would pass."
    at = text.index("Falconer said")
    one = DocExtraction(
        "a", mentions=[Mention(0, 16, "Charles Falconer", "person", 0), Mention(at, at + 8, "Falconer", "person", 1)]
    )
    resolution = resolve([Document("a", text)], [one])
    assert entity_names(one, resolution) == ["Charles Falconer"] * 2


def test_a_one_word_name_no_person_bears_is_the_organisation_ner_half_the_time_calls_it():
    as_firm = [extraction(f"firm{i}", ("Norilsko", "organization")) for i in range(3)]
    as_person = [extraction(f"person{i}", ("Norilsko", "person"), ("Norilsko", "person")) for i in range(2)]
    # a surname NER sometimes calls a firm stays a person: the corpus names him in full
    chairman = [extraction("full", ("Oleg Brandt", "person")), extraction("short", ("Brandt", "person"))]
    chairman += [extraction("odd", ("Brandt", "organization"))]
    docs = [*as_firm, *as_person, *chairman]
    resolution = resolve([Document(e.document, "") for e in docs], docs)
    assert {resolution.entities[e].type for d in docs[:5] for e in entity_names(d, resolution)} == {"organization"}
    assert resolution.entities[entity_names(chairman[1], resolution)[0]].type == "person"
