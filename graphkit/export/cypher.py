r"""A Cypher script that loads the graph into Neo4j (4.4 or 5): `cypher-shell -f graph.cypher`.

One uniqueness constraint on `:Entity(id)`, then the entities and the relations in batches of literal
rows (`UNWIND [...] AS row MERGE ...`), so running the script twice updates rather than duplicates.
Every entity has the label `Entity` and one for its type (`Person`, `Country`, `Organization`,
`Location`), and every schema attribute as a property. Each edge becomes one relationship whose type is
its strongest relation in upper case (`MEMBER_OF`, `CO_MENTIONED`); typed relations point from subject to
object, co-mentions have no meaningful direction (query them with `-[:CO_MENTIONED]-`).

    >>> print(cypher_string("Kyrgyzstan's \\ line"))
    'Kyrgyzstan\'s \\ line'
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from graphkit.export.atomic import atomic_open
from graphkit.export.values import Column, clean_text, edge_columns, node_columns, node_ids, row
from graphkit.model import Format
from graphkit.schema import split_list

if TYPE_CHECKING:
    import networkx as nx

BATCH = 500  # rows per UNWIND statement: small enough for any Neo4j transaction, few enough statements
ENTITY = "Entity"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\t": "\\t"}


def cypher_string(text: str) -> str:
    """A Cypher string literal of `text`: quotes and backslashes escaped, line breaks as \\n."""
    return "'" + "".join(_ESCAPES.get(ch, ch) for ch in clean_text(text)) + "'"


def cypher_name(name: str) -> str:
    """A property key, label or relationship type, quoted with backticks unless it is a plain identifier."""
    return name if _IDENTIFIER.fullmatch(name) else "`" + name.replace("`", "``") + "`"


def cypher_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # values() already made every float finite
    return cypher_string(str(value))


def cypher_map(values: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{cypher_name(k)}: {cypher_value(v)}" for k, v in values.items()) + "}"


def node_label(entity_type: str) -> str:
    """The Neo4j label of an entity type: person -> Person, 'armed group' -> ArmedGroup; '' for none."""
    return "".join(part.capitalize() for part in re.split(r"[^0-9A-Za-z]+", entity_type) if part)


def relationship_type(relation: str) -> str:
    """The Neo4j relationship type of a relation name: 'member of' -> MEMBER_OF, 'co-mentioned' -> CO_MENTIONED."""
    name = "_".join(p for p in re.split(r"[^0-9A-Za-z]+", relation.upper()) if p)
    return name if name and not name[0].isdigit() else f"RELATED_{name}".rstrip("_")


def subject_first(label_u: str, label_v: str, data: dict) -> bool:
    """False when the edge's typed statements name v as the subject (edges are stored in id order)."""
    relation = str(data.get("relation", ""))
    for statement in split_list(data.get("statements")):
        if f" {relation} " in f" {statement} ":
            # the longer label first, so that 'Russia Today met Russia' is not read as Russia's statement
            for label, answer in sorted(((label_u, True), (label_v, False)), key=lambda x: -len(x[0])):
                if statement.startswith(f"{label} "):
                    return answer
            break
    return True


def _batches(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def entity_labels(data: dict) -> list[str]:
    """The labels of an entity: Entity, then the one of its type (Person, Country...) when it has one."""
    label = node_label(str(data.get("type", "")))
    return [ENTITY] + ([label] if label and label != ENTITY else [])


def relationships(graph: nx.Graph, ids: dict[Any, str], cols: list[Column]) -> Iterator[tuple[str, str, str, dict]]:
    """(start id, end id, relationship type, properties) of every edge: the type is its strongest relation,
    and a typed relation starts at its subject."""
    for u, v, data in graph.edges(data=True):
        values = row(data, cols)
        label_u, label_v = (str(graph.nodes[n].get("label") or n) for n in (u, v))
        source, target = (u, v) if subject_first(label_u, label_v, data) else (v, u)
        yield ids[source], ids[target], relationship_type(str(values.get("relation", "")) or "related"), values


def cypher_statements(graph: nx.Graph) -> Iterator[str]:
    """The statements of the script, each ending with a semicolon."""
    ids = node_ids(graph)
    ncols: list[Column] = node_columns(graph)
    ecols: list[Column] = edge_columns(graph)
    yield (f"CREATE CONSTRAINT graphkit_entity_id IF NOT EXISTS FOR (n:{ENTITY}) REQUIRE n.id IS UNIQUE;")

    by_label: dict[str, list[str]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        values = {"id": ids[node], **{k: v for k, v in row(data, ncols).items() if k != "id"}}
        by_label[node_label(str(data.get("type", "")))].append(cypher_map(values))
    for label, rows in sorted(by_label.items()):
        extra = f", n:{cypher_name(label)}" if label and label != ENTITY else ""
        for batch in _batches(rows):
            yield _unwind(batch) + f"MERGE (n:{ENTITY} {{id: row.id}})\nSET n += row{extra};"

    by_type: dict[str, list[str]] = defaultdict(list)
    for source, target, rel_type, values in relationships(graph, ids, ecols):
        item = f"{{source: {cypher_string(source)}, target: {cypher_string(target)}, properties: {cypher_map(values)}}}"
        by_type[rel_type].append(item)
    for rel_type, rows in sorted(by_type.items()):
        for batch in _batches(rows):
            yield (
                _unwind(batch)
                + f"MATCH (a:{ENTITY} {{id: row.source}})\nMATCH (b:{ENTITY} {{id: row.target}})\n"
                + f"MERGE (a)-[r:{cypher_name(rel_type)}]->(b)\nSET r += row.properties;"
            )


def _unwind(rows: Iterable[str]) -> str:
    return "UNWIND [\n  " + ",\n  ".join(rows) + "\n] AS row\n"


def write_cypher(graph: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write the Cypher script that loads `graph` into Neo4j, atomically."""
    name = clean_text(str(graph.graph.get("name", ""))).replace("\n", " ")
    with atomic_open(path) as handle:
        handle.write(
            f"// graphkit graph{f' of {name}' if name else ''}: {graph.number_of_nodes()} entities, "
            f"{graph.number_of_edges()} relations.\n"
            "// Load it with: cypher-shell -u neo4j -p <password> -f <this file>  (or paste it into Neo4j Browser).\n"
            "// Running it again updates the same entities and relations (MERGE on Entity.id).\n"
        )
        for statement in cypher_statements(graph):
            handle.write(statement + "\n\n")


CYPHER = Format(
    "cypher",
    (".cypher", ".cql"),
    "a script that loads the graph into Neo4j",
    write=write_cypher,
    title="Cypher",
)
