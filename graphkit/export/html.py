"""The interactive page: pyvis with every script inline and no request to the network."""

from __future__ import annotations

import os
import re

import networkx as nx
from pyvis.network import Network

from graphkit.export.atomic import atomic_open

_REMOTE_TAG = re.compile(r"<(link|script)\b[^>]*\b(href|src)=\"https?://[^\"]*\"[^>]*>(\s*</script>)?", re.I)


def write_html(graph: nx.Graph, path: str | os.PathLike[str], *, title: str = "graphkit") -> None:
    """A self-contained page; positions come from the shared layout, so physics is off and it draws at once."""
    net = Network(height="100vh", width="100%", cdn_resources="in_line", select_menu=False, filter_menu=False)
    for node, data in graph.nodes(data=True):
        net.add_node(
            node,
            label=data.get("label", node),
            title=f"{data.get('label', node)} ({data.get('type', '')})",
            color=data.get("color"),
            size=data.get("size", 10.0),
            x=data.get("x", 0.0),
            y=data.get("y", 0.0),
        )
    for u, v, data in graph.edges(data=True):
        net.add_edge(u, v, value=data.get("weight", 1.0), title=data.get("label", ""))
    net.toggle_physics(False)
    html = _REMOTE_TAG.sub("", net.generate_html())
    with atomic_open(path) as handle:
        handle.write(html)
