"""The alias file: a journalist's last word on merges, renames, types and drops."""

from __future__ import annotations

import pytest

from graphkit.resolve.aliases import AliasFileError, load_aliases


def write(tmp_path, text: str):
    path = tmp_path / "aliases.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_merge_rename_type_and_drop(tmp_path):
    rules = load_aliases(
        write(
            tmp_path,
            "merge:\n  Vladimir Putin: [V. Putin, Putin V.V.]\n"
            "rename:\n  Kyrgyz Republic: Kyrgyzstan\n"
            "types:\n  Kremlin: organization\n"
            "drop: [TikTok, Dear Readers]\n",
        )
    )
    assert rules.apply("V. Putin", "person", "V. Putin") == ("Vladimir Putin", "person")
    assert rules.apply("Kyrgyz Republic", "country", "the kyrgyz republic") == ("Kyrgyzstan", "country")
    assert rules.apply("Kremlin", "location", "the Kremlin") == ("Kremlin", "organization")
    assert rules.apply("TikTok", "organization", "TikTok") is None
    assert rules.apply("Dear readers", "person", "Dear Readers") is None
    assert rules.apply("Sadyr Japarov", "person", "Japarov") == ("Sadyr Japarov", "person")


def test_empty_file_changes_nothing(tmp_path):
    rules = load_aliases(write(tmp_path, "# nothing yet\n"))
    assert rules.apply("Turkey", "country", "Türkiye") == ("Turkey", "country")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("merge:\n  Putin: [a, b\n", 3, "line"),
        ("merges:\n  Putin: [Vladimir Putin]\n", 1, "unknown section 'merges'"),
        ("types:\n  Kremlin: building\n", 2, "unknown type 'building'"),
        ("drop:\n  - {a: b}\n", 2, "must be a name"),
        ("- just\n- a list\n", 1, "expected sections"),
    ],
)
def test_malformed_file_names_the_line(tmp_path, text, line, words):
    path = write(tmp_path, text)
    with pytest.raises(AliasFileError) as error:
        load_aliases(path)
    message = str(error.value)
    assert str(path) in message and f"line {line}" in message and words in message
