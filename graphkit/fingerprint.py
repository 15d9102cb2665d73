"""Fingerprints of files and code: one hash of a file tree, used by the caches, the build stamp and the model
fingerprint, so that a change to any file they depend on changes the key."""

from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def tree_fingerprint(root: Path, files: Iterable[Path], content: Callable[[Path], bytes] | None = None) -> str:
    """A hash of `files` under `root`: each one's path relative to `root` and the hash of its bytes (or of
    what `content` reads of it, for files too large to read whole), in path order."""
    digest = hashlib.sha256()
    for file in sorted(files):
        digest.update(file.relative_to(root).as_posix().encode())
        digest.update(hashlib.sha256(content(file) if content else file.read_bytes()).digest())
    return digest.hexdigest()


def files_under(root: Path) -> list[Path]:
    """Every file below `root`, Python's bytecode caches left out."""
    return [p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


@lru_cache(maxsize=1)
def package_code_fingerprint() -> str:
    """A hash of every file of the graphkit package: any change to its code or data changes it."""
    return tree_fingerprint(PACKAGE_DIR, files_under(PACKAGE_DIR))


@lru_cache(maxsize=8)
def code_fingerprint(roots: tuple[str, ...]) -> str:
    """A hash of the graphkit modules `roots` import (followed through the package, statically) and of the
    data files beside them, so that a change to any code or data that extraction uses changes the key.

    A string literal naming a graphkit package (`resources.files("graphkit.data")`) counts as an import.
    Computed once per process.
    """
    return package_fingerprint(PACKAGE_DIR, roots)


def package_fingerprint(package_dir: Path, roots: Iterable[str]) -> str:
    """`code_fingerprint` for the package in `package_dir` (named after its folder)."""
    files: set[Path] = set()
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        file = _module_file(package_dir, name)
        if file is None:
            continue
        files.add(file)
        files.update(_data_files(file.parent))
        todo.extend(_parents(name))
        todo.extend(referenced_modules(file, name))
    return tree_fingerprint(package_dir, files)


_MODULE_NAME = re.compile(r"graphkit(\.[A-Za-z_]\w*)+")


def _module_file(package_dir: Path, name: str) -> Path | None:
    parts = name.split(".")
    if parts[0] != package_dir.name or len(parts) == 1:
        return None  # not graphkit, or graphkit/__init__.py (which imports every stage)
    base = package_dir.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(2, len(parts))]


def referenced_modules(file: Path, name: str, strings: bool = True) -> Iterable[str]:
    """Every module name that the module `name` (in `file`) imports, at any depth of its code.

    Counts `from x import y` as x and x.y (y may be a submodule) and, with `strings`, a string that spells a
    graphkit module name (code named for the extraction key). The extraction key follows these;
    tests/test_imports.py checks the imports.
    """
    tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
    is_package = file.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - node.level + 1]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)
        elif strings and (module := _module_named(node)):
            yield module


def _module_named(node: ast.AST) -> str | None:
    """The module a string constant spells, if it spells one."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and _MODULE_NAME.fullmatch(node.value):
        return node.value
    return None


def _data_files(directory: Path) -> Iterable[Path]:
    """Files that are not Python beside a module, and in sub-folders that are not packages themselves."""
    for entry in directory.iterdir():
        if entry.name.startswith(".") or entry.name == "__pycache__":
            continue
        if entry.is_file() and entry.suffix not in (".py", ".pyc"):
            yield entry
        elif entry.is_dir() and not (entry / "__init__.py").exists():
            yield from (p for p in entry.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
