"""One normaliser of names, one person-shape test, one demonym map, one list of titles.

The readers of names (labels, entity keys, gazetteer look-ups, names typed in a query) share
`names.normal_form` but not its settings; these tests pin the differences a user would notice.
"""

from __future__ import annotations

from graphkit.extract.relations.vocabulary import load_vocabulary
from graphkit.gazetteer import load_gazetteer
from graphkit.names import person_name, strip_titles, titles


def test_person_names_lose_article_possessive_and_titles():
    assert person_name("the Prime Minister Ulukbek Maripov's") == "Ulukbek Maripov"
    assert strip_titles("Dr. Ahmet Dogan") == "Ahmet Dogan"
    assert strip_titles("Coach Ted Lasso") == "Coach Ted Lasso"  # a role, not a title a name loses


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
