"""A question to a saved graph starts fast: the query commands and `--help` never import spaCy, networkx, pyvis
or the readers of articles, which take seconds to load before the first line of an answer.

Each command runs in a fresh interpreter (the test session has imported everything already), through the
installed entry point's `main`, on the sample corpus built once per session (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.export.graphstore import STORE_FILE
from graphkit.export.json import read_json

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("spacy", "networkx", "pyvis", "trafilatura", "numpy")

SCRIPT = """
import json, sys
args, heavy = json.loads(sys.argv[1]), json.loads(sys.argv[2])
from graphkit.cli import main
sys.argv = ["graphkit", *args]
try:
    main()
except SystemExit as exit:
    code = exit.code or 0
else:
    code = 0
print(json.dumps({"code": code, "heavy": sorted(m for m in heavy if m in sys.modules)}))
"""


def run_fresh(*args: str) -> tuple[int, list[str], str]:
    """Exit code, the heavy modules imported, and what the command printed, in a new Python process."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps([str(a) for a in args]), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    *printed, last = done.stdout.rstrip("\n").split("\n")
    result = json.loads(last)
    return result["code"], result["heavy"], "\n".join(printed) + done.stderr


@pytest.fixture(scope="module")
def names(sample_build, sample_out) -> list[str]:
    """The two most central entities of the sample build, which the store beside graph.json answers for."""
    assert (sample_out / STORE_FILE).is_file()
    graph = read_json(sample_out / "graph.json")
    return sorted(graph, key=lambda n: -graph.nodes[n]["pagerank"])[:2]


def test_help_imports_none_of_the_build_machinery():
    code, heavy, printed = run_fresh("--help")
    assert code == 0 and "show" in printed
    assert heavy == []


@pytest.mark.parametrize("command", ["show", "neighbors", "path"])
def test_a_question_about_entities_imports_neither_spacy_nor_networkx(command, names, sample_out):
    args = [command, *(names if command == "path" else names[:1]), "--graph", sample_out]
    code, heavy, printed = run_fresh(*args)
    assert code == 0, printed
    assert names[0] in printed
    assert heavy == []
