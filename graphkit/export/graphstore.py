"""graph.sqlite: the saved graph indexed, so that a question about one entity reads only what it needs.

A build writes it beside graph.json with the same nodes and edges (each one's attributes as graph.json holds
them, in the same order), indexed by id, by every name an entity answers to and by both ends of each edge,
and with the per-document mention counts of mentions.csv and the titles and dates of documents.csv. Each
node carries its connected component, so that `path` between two entities that nothing links answers at
once instead of walking everything one of them reaches. Reading
graph.json back takes seconds and gigabytes on a graph of a million edges; `graphkit show`, `neighbors` and
`path` open this file instead and look up a few rows (graphkit.export.graphfile.open_graph decides).

The store records the size of the files it was made from, and graphkit's version; it is stale, and the
commands read graph.json as they do when it is missing, when one of those files has another size or is
newer than the store (edited, rewritten), or graphkit's version differs. Nothing in it depends on when it
was written: two builds of the same articles write the same bytes.

>>> write_graph_store(graph, "out/graph.sqlite", made_from=["out/graph.json"])     # doctest: +SKIP
>>> store = open_graph_store("out/graph.sqlite")                                  # doctest: +SKIP
>>> store.nodes["Vladimir Putin"]["pagerank"]                                     # doctest: +SKIP
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.export.json import _encode
from graphkit.names import APOSTROPHES, normal_form
from graphkit.schema import coerce_edge, coerce_node, split_list
from graphkit.version import __version__

if TYPE_CHECKING:
    import networkx as nx

STORE_FILE = "graph.sqlite"
FORMAT = "graphkit graph store 2"  # 2: each node's connected component
_BATCH = 5000
_RANKED = ("pagerank", "degree", "betweenness", "mentions")  # the node attributes `ranked` orders by
_LISTED = "(SELECT value FROM json_each(?1))"  # a list of any length in one parameter, given as JSON
# (node asked for, other end, edge, weight, typed) of the edges at some nodes: each through an index of its ends
_EDGES_AT = (
    "SELECT u, v, seq, weight, typed FROM edges WHERE u {ends}"
    " UNION ALL SELECT v, u, seq, weight, typed FROM edges WHERE v {ends} AND u != v"
)

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE nodes(seq INTEGER PRIMARY KEY, id TEXT NOT NULL, label TEXT NOT NULL, pagerank REAL NOT NULL,
                   component INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE names(key TEXT NOT NULL, tier INTEGER NOT NULL, node INTEGER NOT NULL);
CREATE TABLE edges(seq INTEGER PRIMARY KEY, u INTEGER NOT NULL, v INTEGER NOT NULL, weight REAL NOT NULL,
                   typed INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE mentions(entity TEXT NOT NULL, document TEXT NOT NULL, count INTEGER NOT NULL, first INTEGER NOT NULL);
CREATE TABLE documents(id TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT NOT NULL);
"""
# indexes made once the rows are in: faster than keeping them up to date row by row
_INDEXES = """
CREATE UNIQUE INDEX nodes_id ON nodes(id);
CREATE INDEX nodes_rank ON nodes(pagerank, label);
CREATE INDEX names_key ON names(key);
CREATE INDEX edges_u ON edges(u);
CREATE INDEX edges_v ON edges(v);
CREATE INDEX mentions_entity ON mentions(entity, first);
"""


class StoreError(Exception):
    """A store that cannot be used (missing, stale, damaged): the caller reads graph.json instead."""


def name_key(name: str) -> str:
    """A name as names are compared: case, accents, curly apostrophes and spacing do not matter
    ('Erdoğan' == 'erdogan'). graphkit.query.filters matches names with it; the store indexes it."""
    return normal_form(str(name), quotes=APOSTROPHES, casefold=True, strip_accents=True)


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _changed_since(path: Path, store: Path, size: int | None) -> bool:
    """Whether `path` is not the file of `size` the store was made from: another size, or newer than the store."""
    try:
        status, written = path.stat(), store.stat().st_mtime_ns
    except OSError:
        return True
    return size is None or status.st_size != size or status.st_mtime_ns > written


def write_graph_store(
    graph: nx.Graph,
    path: str | os.PathLike[str],
    *,
    made_from: Iterable[str | os.PathLike[str]],
    mentions: Iterable[tuple[str, str]] = (),
    documents: Iterable[tuple[str, str, str]] = (),
) -> None:
    """Write the store of `graph` to `path`, atomically (a temporary file renamed onto it).

    `made_from`: the files already written that it must agree with (graph.json first); their sizes are
    recorded, and any of them changed later (another size, or newer than the store) makes the store stale.
    `mentions`: (entity, document) of each mention row, as a reader of mentions.csv gets them; `documents`:
    (id, title, date) as documents.csv gives them back. Rows are streamed into SQLite, never held whole.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        with sqlite3.connect(tmp) as db:
            db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
            _write_rows(db, graph, mentions, documents)
            db.executescript(_INDEXES)
            lightest = min((max(w, 1e-9) for (w,) in db.execute("SELECT weight FROM edges")), default=1.0)
            sources = {Path(p).name: _size(Path(p)) for p in made_from}
            meta = {
                "format": FORMAT,
                "version": __version__,
                "made_from": json.dumps(sources),
                "graph": _encode(graph.graph),
                "nodes": str(graph.number_of_nodes()),
                "edges": str(graph.number_of_edges()),
                "lightest": repr(lightest),
            }
            db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_rows(
    db: sqlite3.Connection,
    graph: nx.Graph,
    mentions: Iterable[tuple[str, str]],
    documents: Iterable[tuple[str, str, str]],
) -> None:
    """Nodes and edges in graph.json's order (node_link_data walks graph.nodes and graph.edges), then tables."""
    seqs = {node: seq for seq, node in enumerate(graph.nodes)}
    components = _components(graph, seqs)
    node_rows, name_rows = [], []
    for seq, (node, data) in enumerate(graph.nodes(data=True)):
        encoded = _encode(data)
        attrs = _as_read(data, encoded, ("label", "pagerank", "aliases"), coerce_node)
        label = attrs["label"] or str(node)
        node_rows.append((seq, str(node), label, attrs["pagerank"], components[seq], encoded))
        keys = {name_key(str(node)): 0}
        for tier, names in ((1, [attrs["label"]]), (2, split_list(attrs["aliases"]))):
            for name in names:
                keys.setdefault(name_key(name), tier)
        name_rows += [(key, tier, seq) for key, tier in keys.items() if key]
        if len(node_rows) >= _BATCH:
            _flush(db, node_rows, name_rows)
    _flush(db, node_rows, name_rows)
    edge_rows = []
    for seq, (u, v, data) in enumerate(graph.edges(data=True)):
        encoded = _encode(data)
        attrs = _as_read(data, encoded, ("weight", "statements"), coerce_edge)
        edge_rows.append((seq, seqs[u], seqs[v], attrs["weight"], bool(attrs["statements"]), encoded))
        if len(edge_rows) >= _BATCH:
            db.executemany("INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?)", edge_rows)
            edge_rows.clear()
    db.executemany("INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?)", edge_rows)
    db.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?)", _mention_counts(mentions))
    db.executemany("INSERT OR REPLACE INTO documents VALUES (?, ?, ?)", (d for d in documents if d[0]))


def _components(graph: nx.Graph, seqs: dict[Any, int]) -> list[int]:
    """Each node's connected component by its place in `seqs`, named by its first node's place: the same
    numbers in every build of the same graph. Union-find over the edges, in time close to their number."""
    parent = list(range(len(seqs)))

    def root(seq: int) -> int:
        while parent[seq] != seq:
            parent[seq] = parent[parent[seq]]  # halve the way up for the next time
            seq = parent[seq]
        return seq

    for u, v in graph.edges():
        a, b = root(seqs[u]), root(seqs[v])
        if a != b:  # the later root joins the earlier, so every root is its component's first node
            parent[max(a, b)] = min(a, b)
    return [root(seq) for seq in range(len(parent))]


_PLAIN = {"label": str, "aliases": str, "statements": str, "pagerank": float, "weight": float}


def _plain(value: Any, kind: type) -> bool:
    """Whether `value` is of `kind` and JSON keeps it exactly: text, or a finite float."""
    return type(value) is kind and (isinstance(value, str) or (isinstance(value, float) and math.isfinite(value)))


def _as_read(
    data: dict[str, Any], encoded: str, names: tuple[str, ...], coerce: Callable[[dict], dict]
) -> dict[str, Any]:
    """The `names` attributes as a reader of graph.json gets them (coerced to the schema): taken as they are
    when they already are plain text and finite floats, which JSON keeps exactly; else read back."""
    values: dict[str, Any] = {name: data.get(name) for name in names}
    if all(_plain(values[name], _PLAIN[name]) for name in names):
        return values
    return coerce(json.loads(encoded))


def _mention_counts(mentions: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str, int, int]]:
    """(entity, document, mentions, row of the first) for each run of rows of one document (a document's rows
    come together), counted as they stream past; the reader adds up runs of the same document."""
    run: dict[str, list[int]] = {}
    current = ""
    for row, (entity, document) in enumerate(mentions):
        if document != current:
            yield from ((e, current, n, first) for e, (n, first) in run.items() if e)
            run, current = {}, document
        counted = run.setdefault(entity, [0, row])
        counted[0] += 1
    yield from ((e, current, n, first) for e, (n, first) in run.items() if e)


def _flush(db: sqlite3.Connection, node_rows: list, name_rows: list) -> None:
    db.executemany("INSERT INTO nodes VALUES (?, ?, ?, ?, ?, ?)", node_rows)
    db.executemany("INSERT INTO names VALUES (?, ?, ?)", name_rows)
    node_rows.clear()
    name_rows.clear()


def open_graph_store(path: str | os.PathLike[str]) -> StoredGraph:
    """The store at `path` if it is whole and agrees with the files it was made from; raises StoreError."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"no store at {path}")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        meta = dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.Error as error:
        raise StoreError(f"{path}: {error}") from None
    if meta.get("format") != FORMAT or meta.get("version") != __version__:
        db.close()
        raise StoreError(f"{path}: written by another graphkit")
    try:
        sources = json.loads(meta["made_from"])
        graph = json.loads(meta["graph"])
    except (KeyError, ValueError):
        db.close()
        raise StoreError(f"{path}: damaged") from None
    for name, size in sources.items():
        if _changed_since(path.parent / name, path, size):
            db.close()
            raise StoreError(f"{path}: {name} has changed since")
    return StoredGraph(db, meta, graph, made_from=list(sources))


class _Nodes:
    """`store.nodes[id]`: a node's attributes, as read_graph gives them."""

    def __init__(self, store: StoredGraph):
        self._store = store

    def __getitem__(self, node: Any) -> dict[str, Any]:
        return self._store._node(node)

    def __contains__(self, node: Any) -> bool:
        return self._store._seq(node) is not None

    def __call__(self, data: bool = False) -> Iterator[Any]:
        """Every node (with its attributes when `data`): a scan of the whole table, for the rare question
        that needs them all (suggestions for an unknown name)."""
        for node, encoded in self._store._db.execute("SELECT id, data FROM nodes ORDER BY seq"):
            yield (node, coerce_node(json.loads(encoded))) if data else node


class _Edges:
    """`store.edges[u, v]`: an edge's attributes, as read_graph gives them."""

    def __init__(self, store: StoredGraph):
        self._store = store

    def __getitem__(self, ends: tuple[Any, Any]) -> dict[str, Any]:
        return self._store._edge(*ends)


class _Documents(Mapping[str, dict[str, str]]):
    """documents.csv by document id, its title and date, looked up as asked."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db

    def __getitem__(self, document: str) -> dict[str, str]:
        row = self._db.execute("SELECT title, date FROM documents WHERE id = ?", (document,)).fetchone()
        if row is None:
            raise KeyError(document)
        return {"document": document, "title": row[0], "date": row[1]}

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def __iter__(self) -> Iterator[str]:
        return (row[0] for row in self._db.execute("SELECT id FROM documents"))


class StoredGraph:
    """A saved graph answered from its store: what networkx's graph offers the single-entity questions
    (nodes[...], edges[...], neighbors, number_of_nodes, graph), plus the indexed look-ups that stand for a
    scan of every node or edge (names, PageRank rank, the lightest edge, an entity's mentions)."""

    def __init__(self, db: sqlite3.Connection, meta: dict[str, str], graph: dict[str, Any], made_from: list[str]):
        self._db = db
        self.made_from = made_from  # the names of the files it agrees with, graph.json first
        self._meta = meta
        self.graph = graph
        self.nodes = _Nodes(self)
        self.edges = _Edges(self)
        self.documents: Mapping[str, dict[str, str]] = _Documents(db)
        self._seqs: dict[Any, int | None] = {}
        self._ids: dict[int, str] = {}
        self._node_data: dict[int, dict[str, Any]] = {}
        self._edge_data: dict[int, dict[str, Any]] = {}
        self._adjacency: dict[int, dict[int, tuple[int, float, bool]]] = {}

    def close(self) -> None:
        self._db.close()

    # --- what networkx's graph offers ---

    def number_of_nodes(self) -> int:
        return int(self._meta["nodes"])

    def number_of_edges(self) -> int:
        return int(self._meta["edges"])

    def __contains__(self, node: Any) -> bool:
        return self._seq(node) is not None

    def is_directed(self) -> bool:
        return False

    def neighbors(self, node: Any) -> Iterator[str]:
        """The neighbours of `node` in the order networkx gives them for graph.json (the edges' order)."""
        seq = self._known(node)
        return (self._id(other) for other in self._adjacent(seq))

    # --- indexed look-ups ---

    def ranked(self, by: str, type: str | None = None, n: int | None = None) -> list[str] | None:
        """The ids of the `n` entities (all when None) with the highest `by` (pagerank, degree, betweenness or
        mentions), maybe only of one type; ties by PageRank, then label: what sorting every node would give.
        None when this SQLite cannot read JSON (no JSON1), and the nodes must be walked instead."""
        if by not in _RANKED:
            raise ValueError(f"cannot rank by {by!r}")
        value = "pagerank" if by == "pagerank" else f"coalesce(json_extract(data, '$.{by}'), 0)"
        where, arguments = ("WHERE json_extract(data, '$.type') = ?", [type]) if type is not None else ("", [])
        query = f"SELECT id FROM nodes {where} ORDER BY {value} DESC, pagerank DESC, label LIMIT ?"
        try:
            return [row[0] for row in self._db.execute(query, [*arguments, -1 if n is None else n])]
        except sqlite3.OperationalError:
            return None

    def weighted_neighbors(self, node: Any) -> list[tuple[str, float, bool]]:
        """(neighbour, weight, has typed statements) of `node`, in neighbours' order."""
        adjacent = self._adjacent(self._known(node))
        return [(self._id(other), weight, typed) for other, (_, weight, typed) in adjacent.items()]

    def weighted_neighbors_of(self, nodes: Iterable[Any]) -> dict[Any, list[tuple[str, float, bool]]]:
        """weighted_neighbors of each of `nodes`, read in one query for all: a ring of a search reads thousands."""
        seqs = {node: self._known(node) for node in nodes}
        self._load_adjacency(seqs.values())
        return {node: self.weighted_neighbors(node) for node in seqs}

    def pageranks(self, nodes: Iterable[Any]) -> dict[Any, float]:
        """The PageRank of each of `nodes`, from its column: no node's attributes decoded."""
        seqs = {self._known(node): node for node in nodes}
        rows = self._db.execute(f"SELECT seq, pagerank FROM nodes WHERE seq IN {_LISTED}", (json.dumps(list(seqs)),))
        return {seqs[seq]: pagerank for seq, pagerank in rows}

    def matching(self, key: str) -> list[tuple[int, str]]:
        """(tier, id) of the nodes whose id (tier 0), else label (1), else an alias (2) has `key` (name_key)."""
        rows = self._db.execute(
            "SELECT min(tier), nodes.id FROM names JOIN nodes ON nodes.seq = names.node"
            " WHERE key = ? GROUP BY names.node ORDER BY names.node",
            (key,),
        )
        return [(tier, node) for tier, node in rows]

    def pagerank_rank(self, node: Any) -> int:
        """The place of `node` among all by PageRank (1 = most central), ties by label, then graph order,
        as sorting every node would give it."""
        seq = self._known(node)
        pagerank, label = self._db.execute("SELECT pagerank, label FROM nodes WHERE seq = ?", (seq,)).fetchone()
        # three counts of disjoint ranges of the index, added: one count of their OR makes SQLite collect and
        # deduplicate the rows of each (0.4 s instead of 0.02 s for the last of a million-edge graph)
        (before,) = self._db.execute(
            "SELECT (SELECT count(*) FROM nodes WHERE pagerank > ?1)"
            " + (SELECT count(*) FROM nodes WHERE pagerank = ?1 AND label < ?2)"
            " + (SELECT count(*) FROM nodes WHERE pagerank = ?1 AND label = ?2 AND seq < ?3)",
            (pagerank, label, seq),
        ).fetchone()
        return before + 1

    def connected(self, a: Any, b: Any) -> bool:
        """Whether some path joins `a` and `b`: both in the same connected component, an indexed look-up."""
        (joined,) = self._db.execute(
            "SELECT (SELECT component FROM nodes WHERE seq = ?) = (SELECT component FROM nodes WHERE seq = ?)",
            (self._known(a), self._known(b)),
        ).fetchone()
        return bool(joined)

    def lightest_weight(self) -> float:
        """The smallest edge weight (at least 1e-9), 1.0 without edges."""
        return float(self._meta["lightest"])

    def entity_mentions(self, node: Any) -> Counter[str]:
        """Mentions of `node` per document, in the order of mentions.csv (as read_entity_mentions counts)."""
        rows = self._db.execute(
            "SELECT document, sum(count) FROM mentions WHERE entity = ? GROUP BY document ORDER BY min(first)",
            (str(node),),
        )
        return Counter(dict(rows))

    # --- rows ---

    def _seq(self, node: Any) -> int | None:
        if node not in self._seqs:
            row = self._db.execute("SELECT seq FROM nodes WHERE id = ?", (str(node),)).fetchone()
            self._seqs[node] = None if row is None or not isinstance(node, str) else row[0]
        return self._seqs[node]

    def _known(self, node: Any) -> int:
        seq = self._seq(node)
        if seq is None:
            raise KeyError(node)
        return seq

    def _id(self, seq: int) -> str:
        if seq not in self._ids:
            (node,) = self._db.execute("SELECT id FROM nodes WHERE seq = ?", (seq,)).fetchone()
            self._ids[seq] = node
            self._seqs[node] = seq
        return self._ids[seq]

    def _node(self, node: Any) -> dict[str, Any]:
        seq = self._known(node)
        if seq not in self._node_data:
            (encoded,) = self._db.execute("SELECT data FROM nodes WHERE seq = ?", (seq,)).fetchone()
            self._node_data[seq] = coerce_node(json.loads(encoded))
        return self._node_data[seq]

    def _adjacent(self, seq: int) -> dict[int, tuple[int, float, bool]]:
        """other -> (edge, weight, typed) for each edge at `seq`, in file order; a self-loop once."""
        if seq not in self._adjacency:
            self._load_adjacency([seq], ids=False)
        return self._adjacency[seq]

    def _load_adjacency(self, seqs: Iterable[int], ids: bool = True) -> None:
        """Read the edges at each of `seqs` not read yet (as _adjacent gives them), and (`ids`) the ids at their
        other ends, in one query each: the rows come through the indexes of both ends, the data column untouched.
        A step of Dijkstra asks for one node and leaves the ids to _id: most are known by then."""
        wanted = [seq for seq in dict.fromkeys(seqs) if seq not in self._adjacency]
        if not wanted:
            return
        single = len(wanted) == 1  # a plain look-up is faster than a list of one
        query = _EDGES_AT.format(ends="= ?1" if single else f"IN {_LISTED}")
        rows = self._db.execute(query, (wanted[0] if single else json.dumps(wanted),)).fetchall()
        rows.sort(key=lambda row: row[2])  # each node's edges in file order
        found: dict[int, dict[int, tuple[int, float, bool]]] = {seq: {} for seq in wanted}
        for seq, other, edge, weight, typed in rows:
            found[seq].setdefault(other, (edge, weight, bool(typed)))  # networkx keeps an edge's first place
        self._adjacency.update(found)
        if ids:
            self._load_ids(other for _, other, _, _, _ in rows)

    def _load_ids(self, seqs: Iterable[int]) -> None:
        """Read the ids of `seqs` not known yet, in one query (and remember each id's seq, as _seq would)."""
        wanted = [seq for seq in set(seqs) if seq not in self._ids]
        if wanted:
            for seq, node in self._db.execute(
                f"SELECT seq, id FROM nodes WHERE seq IN {_LISTED}", (json.dumps(wanted),)
            ):
                self._ids[seq] = node
                self._seqs[node] = seq

    def _edge(self, u: Any, v: Any) -> dict[str, Any]:
        a, b = self._known(u), self._known(v)
        found = self._adjacent(a).get(b)
        if found is None:
            raise KeyError((u, v))
        edge = found[0]
        if edge not in self._edge_data:
            (encoded,) = self._db.execute("SELECT data FROM edges WHERE seq = ?", (edge,)).fetchone()
            self._edge_data[edge] = coerce_edge(json.loads(encoded))
        return self._edge_data[edge]
