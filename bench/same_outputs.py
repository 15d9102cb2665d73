"""Whether two builds wrote the same files, byte for byte but for the build time.

    .venv/bin/python bench/same_outputs.py REFERENCE_DIR OTHER_DIR

Each folder is a build's output folder, or a folder of such folders (compared by name). Prints one line per
file that differs or is missing, then a summary; exits 1 when any does. The build time (graph attribute
`built`, the page's date line and GEXF's lastmodifieddate) is the one thing two builds of the same articles
may differ in.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# the build time: graph.json's `built`, the page's date line, and the date GEXF's <meta> gives the file
BUILT = re.compile(
    rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ|\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC|lastmodifieddate=\"\d{4}-\d\d-\d\d\""
)
STAMP = ".graphkit-build.json"  # the build stamp records sizes, times and the summary: not an output


def differences(reference: Path, other: Path) -> tuple[list[str], int]:
    """The files of the two folders (recursively) that differ, and how many were compared."""
    names = {p.relative_to(reference) for p in reference.rglob("*") if p.is_file()}
    names |= {p.relative_to(other) for p in other.rglob("*") if p.is_file()}
    problems = []
    for name in sorted(n for n in names if n.name != STAMP):
        a, b = reference / name, other / name
        if not (a.is_file() and b.is_file()):
            problems.append(f"{name}: only in {reference if a.is_file() else other}")
        elif BUILT.sub(b"BUILT", a.read_bytes()) != BUILT.sub(b"BUILT", b.read_bytes()):
            problems.append(f"{name}: differs")
    return problems, len(names)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems, compared = differences(Path(argv[0]), Path(argv[1]))
    for line in problems:
        print(line)
    print(f"{compared} files compared, {len(problems)} differ")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
