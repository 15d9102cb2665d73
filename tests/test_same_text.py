"""An article whose text is that of another one is parsed once, and each keeps an extraction of its own."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from graphkit import build
from graphkit.extract.cache import ExtractionCache
from graphkit.extract.extraction import extract_documents, local_engine
from graphkit.model import DocExtraction, Document

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SOURCES = ROOT / "sources"
# our own words
TEXT = "Kyrgyz president Sadyr Japarov met Vladimir Putin in Sochi. Japarov thanked Moscow for its help."
OTHER = "Uzbekistan and Kazakhstan signed an agreement to build a trade centre near Saryagash."


class CountingEngine:
    """The local engine in this process, noting the documents it is given to parse."""

    def __init__(self) -> None:
        self.given: list[str] = []
        self.engine = local_engine(1)

    def __call__(
        self, documents: Sequence[Document], model: str, options: dict[str, Any]
    ) -> Iterator[tuple[int, DocExtraction]]:
        self.given.extend(d.id for d in documents)
        return self.engine(documents, model, options)


def without_byline(extraction: DocExtraction) -> dict[str, Any]:
    data = extraction.to_dict()
    data.pop("document")
    data["mentions"] = [m for m in data["mentions"] if m["source"] != "byline"]
    return data


def test_the_same_text_is_parsed_once_and_each_copy_keeps_its_id_and_byline(tmp_path: Path) -> None:
    documents = [
        Document(id="agency.txt", text=TEXT),
        Document(id="other.txt", text=OTHER),
        Document(id="repost.txt", text=TEXT, author="Aida Bekova"),
    ]
    engine = CountingEngine()
    with ExtractionCache(tmp_path / "cache") as cache:
        extractions = list(extract_documents(documents, engine=engine, cache=cache))
    assert engine.given == ["agency.txt", "other.txt"]
    assert [e.document for e in extractions] == ["agency.txt", "other.txt", "repost.txt"]
    agency, _, repost = extractions
    assert {m.text for m in agency.mentions} >= {"Sadyr Japarov", "Vladimir Putin"}
    assert without_byline(repost) == without_byline(agency)
    assert [(m.text, m.source) for m in repost.mentions if m.sentence == -1] == [("Aida Bekova", "byline")]
    assert not [m for m in agency.mentions if m.sentence == -1]
    assert repost.mentions[0] is not agency.mentions[0]  # copies: a change to one is not a change to the other
    # both are cached: the next build parses nothing
    engine = CountingEngine()
    with ExtractionCache(tmp_path / "cache") as cache:
        again = list(extract_documents(documents, engine=engine, cache=cache))
    assert engine.given == []
    assert [e.to_dict() for e in again] == [e.to_dict() for e in extractions]


def test_a_copy_in_a_corpus_gets_the_extraction_its_own_parse_gives(tmp_path: Path) -> None:
    corpus = Path(shutil.copytree(SAMPLE_SOURCES, tmp_path / "sources"))
    original = corpus / "sochi-putin-japarov-2021-05-25.txt"
    shutil.copy(original, corpus / "zz-copy.txt")
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(original, alone / "zz-copy.txt")
    together = build([corpus], tmp_path / "out", workers=1, cache=False)
    by_path = {d.path: e for d, e in zip(together.documents, together.extractions, strict=True)}
    copy = next(e for path, e in by_path.items() if path.endswith("zz-copy.txt"))
    first = next(e for path, e in by_path.items() if path.endswith(original.name))
    parsed_alone = build([alone], tmp_path / "out-alone", workers=1, cache=False).extractions[0]
    assert without_byline(copy) == without_byline(parsed_alone) == without_byline(first)
    assert len(copy.mentions) > 10 and copy.relations
