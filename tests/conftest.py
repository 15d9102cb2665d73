"""Shared fixtures: one build of the bundled sample corpus per test session (spaCy takes seconds)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from graphkit import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SOURCES = ROOT / "sources"
GOLD = Path(__file__).resolve().parent / "gold"


def shuffled_corpus(folder: Path, articles: int, seed: int) -> Path:
    """`articles` distinct articles, each six paragraphs of the sample articles in an order drawn from `seed`.

    For tests that need more documents than the sample corpus has (process faults, a cluster's batches)
    while every sentence stays one of ours.
    """
    paragraphs = [
        paragraph
        for path in sorted(SAMPLE_SOURCES.iterdir())
        for paragraph in path.read_text(encoding="utf-8").split("\n\n")
        if len(paragraph.split()) > 25
    ]
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for n in range(articles):
        text = f"Report {n}\n\n" + "\n\n".join(rng.sample(paragraphs, 6)) + "\n"
        (folder / f"article-{n:03d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sample-output")


@pytest.fixture(scope="session")
def sample_build(sample_out: Path) -> BuildResult:
    """The bundled sample articles built once, with every output file written to `sample_out`."""
    return build([SAMPLE_SOURCES], sample_out)
