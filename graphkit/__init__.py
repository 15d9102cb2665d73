"""graphkit: an offline knowledge graph of the people, countries and organizations in a folder of news articles.

>>> from graphkit import build
>>> result = build(["sources"], "output")          # doctest: +SKIP
>>> result.graph.number_of_nodes()                  # doctest: +SKIP
"""

from graphkit.api import OUTPUT_FILES, BuildResult, analyse, build, up_to_date, write_outputs
from graphkit.version import __version__

__all__ = ["OUTPUT_FILES", "BuildResult", "__version__", "analyse", "build", "up_to_date", "write_outputs"]
