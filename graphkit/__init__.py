"""graphkit: an offline knowledge graph of the people, countries and organizations in a folder of news articles.

>>> from graphkit import build
>>> result = build(["sources"], "output")          # doctest: +SKIP
>>> result.graph.number_of_nodes()                  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graphkit.version import __version__

if TYPE_CHECKING:
    from graphkit.api import OUTPUT_FILES, BuildResult, analyse, build, up_to_date, write_outputs

__all__ = ["OUTPUT_FILES", "BuildResult", "__version__", "analyse", "build", "up_to_date", "write_outputs"]


def __getattr__(name: str) -> Any:
    """The build API, imported on first use: `import graphkit.cli` for a query must not load spaCy and the
    build machinery that graphkit.api brings in."""
    if name in __all__:
        from graphkit import api

        return getattr(api, name)
    raise AttributeError(f"module 'graphkit' has no attribute {name!r}")
