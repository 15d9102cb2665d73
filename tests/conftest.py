"""Shared fixtures: one build of the bundled sample corpus per test session (spaCy takes seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SOURCES = ROOT / "sources"
GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sample-output")


@pytest.fixture(scope="session")
def sample_build(sample_out: Path) -> BuildResult:
    """The bundled sample articles built once, with every output file written to `sample_out`."""
    return build([SAMPLE_SOURCES], sample_out)
