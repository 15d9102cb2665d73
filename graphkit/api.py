"""The whole job, as one call a notebook can make: read -> extract -> resolve -> relate -> graph -> export."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from graphkit.cache import default_cache_dir
from graphkit.collector import held_frozen
from graphkit.export.html import ALIAS_FILE_ATTRIBUTE, MAX_NODES
from graphkit.export.outputs import OUTPUT_FILES, write_build_files
from graphkit.export.publish import OutputFolder
from graphkit.extract import DEFAULT_MODEL
from graphkit.extract.columns import compact
from graphkit.extract.engines import DASK_EXTRA, SCHEDULER_TIMEOUT, EngineError, check_engine_options
from graphkit.extract.models import DEFAULT_PARSE, PARSE_MODES
from graphkit.graph.build import build_graph
from graphkit.model import DocExtraction, Document, Relation, Resolution
from graphkit.paths import recorded_path
from graphkit.read import SourceError, read_sources
from graphkit.relate.relations import relate
from graphkit.resolve.aliases import load_aliases
from graphkit.resolve.entities import ResolveOptions, resolve
from graphkit.stamp import STAMP_FILE, Stamp, file_hash, inputs_key, read_stamp, write_stamp

if TYPE_CHECKING:
    from graphkit.extract.extraction import Engine


class EmptyCorpus(SourceError):
    """Nothing readable was found under the given paths."""


@dataclass
class BuildResult:
    documents: list[Document]
    extractions: list[DocExtraction]
    resolution: Resolution
    relations: list[Relation]
    graph: nx.Graph
    warnings: list[str] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    elapsed: float = 0.0
    cached: int = 0  # documents whose extraction came from the cache

    def summary(self) -> dict[str, Any]:
        """The figures `graphkit build` prints at the end (also kept in the build stamp)."""
        types = Counter(data["type"] for _, data in self.graph.nodes(data=True))
        return {
            "documents": len(self.documents),
            "cached": self.cached,
            "warnings": len(self.warnings),
            "entities": self.graph.number_of_nodes(),
            "types": dict(sorted(types.items())),
            "edges": self.graph.number_of_edges(),
            "typed_edges": sum(1 for _, _, d in self.graph.edges(data=True) if d["statements"]),
            "ambiguous_dates": sum(1 for d in self.documents if d.meta.get("date_ambiguous")),
            "seconds": round(self.elapsed, 1),
        }


def analyse(
    documents: Sequence[Document],
    *,
    model: str = DEFAULT_MODEL,
    parse: str = DEFAULT_PARSE,
    workers: int | None = None,
    name: str = "",
    progress: Callable[[int], None] | None = None,
    resolve_options: ResolveOptions | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    warn: Callable[[str], None] | None = None,
    engine: str | None = None,
    scheduler: str | None = None,
    scheduler_timeout: float = SCHEDULER_TIMEOUT,
) -> BuildResult:
    """Run the NLP and build the graph for documents already read (no files written).

    `workers`: processes for spaCy (default: every core). `cache_dir`: the extraction cache (default: none).
    `engine="dask"` parses on a Dask LocalCluster of `workers` processes, and `scheduler` (an address such as
    tcp://10.0.0.5:8786, or a scheduler file) on that Dask cluster instead (see graphkit.extract.cluster);
    the results are the same. Raises EngineError (one line) when the cluster cannot be used. `parse`: the
    sentences the parser reads, "selective" (those the relation patterns read) or "all".
    """
    _check_parse(parse)
    documents = list(documents)
    parser = make_engine(engine, scheduler=scheduler, workers=workers, timeout=scheduler_timeout, warn=warn)
    from graphkit.extract.extraction import extract_all  # spaCy loads here, not when graphkit is imported

    # The documents, and then the extractions, live to the end of the build: out of the collector's view, they
    # are not rescanned by every later collection (a fifth of the steps after parsing), nor by the workers.
    with held_frozen():
        extractions, cached = extract_all(
            documents,
            model=model,
            options={"parse_sentences": parse},
            workers=workers,
            cache_dir=cache_dir,
            warn=warn,
            progress=progress,
            engine=parser,
        )
        compact(documents, extractions)  # they live to the end of the build: as columns over the texts
        with held_frozen():
            resolution = resolve(documents, extractions, resolve_options)
            relations = relate(extractions, resolution, {d.id: d.date for d in documents})
            graph = build_graph(documents, resolution, relations, name=name)
    return BuildResult(documents, extractions, resolution, relations, graph, cached=cached)


def _check_parse(parse: str) -> None:
    if parse not in PARSE_MODES:
        raise ValueError(f"parse must be one of {', '.join(PARSE_MODES)}, not {parse!r}")


def make_engine(
    engine: str | None = None,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    timeout: float = SCHEDULER_TIMEOUT,
    warn: Callable[[str], None] | None = None,
) -> Engine | None:
    """The Dask engine for `engine="dask"` or a `scheduler` address; None for the local engine (the default).

    `workers` is the number of LocalCluster processes when no scheduler is given. Raises EngineError when
    Dask is not installed or the options contradict each other."""
    if check_engine_options(engine, scheduler=scheduler, workers=workers, timeout=timeout) == "local":
        return None
    try:
        from graphkit.extract.cluster import dask_engine
    except ImportError as error:
        if (error.name or "").split(".")[0] in ("dask", "distributed"):
            raise EngineError(f"the Dask engine needs Dask: {DASK_EXTRA}") from None
        raise
    return dask_engine(scheduler=scheduler, workers=workers, timeout=timeout, warn=warn)


def find_alias_file(sources: Sequence[str]) -> Path | None:
    """The first `aliases.yaml` directly inside a source folder, if any."""
    for source in sources:
        for name in ("aliases.yaml", "aliases.yml"):
            candidate = Path(source) / name
            try:
                if candidate.is_file():
                    return candidate
            except OSError:  # a source inside a folder we may not search: reading it will say so
                continue
    return None


def _stamp_key(
    sources: Sequence[str],
    *,
    model: str,
    parse: str,
    aliases: str | os.PathLike[str] | None,
    capitals_as_countries: bool,
    max_nodes: int | None,
    text_column: str | None,
) -> str:
    """The key of every input that decides the outputs (not `workers` or the caches: they change nothing)."""
    alias_file = aliases or find_alias_file(sources)
    options = {
        "sources": list(sources),
        "aliases": file_hash(Path(alias_file)) if alias_file else None,
        "capitals_as_countries": capitals_as_countries,
        "max_nodes": max_nodes,
        "text_column": text_column,
        "parse": parse,
    }
    return inputs_key(sources, model, options)


def up_to_date(
    sources: Iterable[str | os.PathLike[str]] = ("sources",),
    out: str | os.PathLike[str] = "output",
    *,
    model: str = DEFAULT_MODEL,
    parse: str = DEFAULT_PARSE,
    aliases: str | os.PathLike[str] | None = None,
    capitals_as_countries: bool = False,
    max_nodes: int | None = MAX_NODES,
    text_column: str | None = None,
) -> Stamp | None:
    """The stamp of the last build into `out` if `build` with these arguments would write the same files
    (same articles, options, model and graphkit; outputs untouched since), else None.

    Takes the time to hash the source files (a fraction of a second for thousands of articles).
    Raises SourceError for a missing path.
    """
    paths = [os.fspath(s) for s in sources]
    key = _stamp_key(
        paths,
        model=model,
        parse=parse,
        aliases=aliases,
        capitals_as_countries=capitals_as_countries,
        max_nodes=max_nodes,
        text_column=text_column,
    )
    return read_stamp(out, key, OUTPUT_FILES)


OWNED_FILES = (*OUTPUT_FILES, STAMP_FILE)  # what a build writes into its folder (nothing else there is touched)


def write_outputs(
    result: BuildResult,
    out: str | os.PathLike[str],
    *,
    max_nodes: int | None = MAX_NODES,
    workers: int | None = None,
) -> dict[str, Path]:
    """Write every output file of `result` into `out`; graph.html draws at most `max_nodes` (None: all).

    The files appear together or not at all (see graphkit.export.publish); raises OutputError (one line)
    when `out` is not a folder, is being written by a build, or the files cannot be written.
    """
    with OutputFolder(out, owned=OWNED_FILES) as folder, held_frozen():
        return _publish(folder, result, max_nodes=max_nodes, workers=workers)


def _publish(
    folder: OutputFolder,
    result: BuildResult,
    *,
    max_nodes: int | None,
    workers: int | None,
    stamp: Stamp | None = None,
    started: float | None = None,
) -> dict[str, Path]:
    """Write the outputs (and the stamp, when given) into the staging folder, then switch them in."""

    def write(staging: Path) -> list[str]:
        paths = write_build_files(
            result.graph,
            result.documents,
            result.extractions,
            result.resolution,
            result.relations,
            staging,
            max_nodes=max_nodes,
            workers=workers,
        )
        if stamp is None:
            return list(paths)
        if started is not None:
            result.elapsed = time.perf_counter() - started
        stamp.warnings, stamp.summary = list(result.warnings), result.summary()
        write_stamp(staging, stamp, paths)  # renaming keeps the size and time the stamp records
        return [*paths, STAMP_FILE]

    written = folder.publish(write)
    written.pop(STAMP_FILE, None)
    return written


def build(
    sources: Iterable[str | os.PathLike[str]] = ("sources",),
    out: str | os.PathLike[str] = "output",
    *,
    model: str = DEFAULT_MODEL,
    parse: str = DEFAULT_PARSE,
    workers: int | None = None,
    cache: bool = True,
    cache_dir: str | os.PathLike[str] | None = None,
    warn: Callable[[str], None] | None = None,
    progress: Callable[[int], None] | None = None,
    on_read: Callable[[list[Document]], None] | None = None,
    capitals_as_countries: bool = False,
    aliases: str | os.PathLike[str] | None = None,
    max_nodes: int | None = MAX_NODES,
    text_column: str | None = None,
    engine: str | None = None,
    scheduler: str | None = None,
    scheduler_timeout: float = SCHEDULER_TIMEOUT,
) -> BuildResult:
    """Build the graph of the articles under `sources` and write every output file into `out`.

    `aliases` is the user's alias file (see graphkit.resolve.aliases); by default an `aliases.yaml` in a source
    folder is used. `capitals_as_countries` reads capitals and seats of power as their country.
    Raises SourceError for a missing path or an empty corpus, ModelNotFound for a model not installed,
    AliasFileError for a malformed alias file.
    Unreadable files do not stop the build: each gives a warning (passed to `warn` and kept on the result).
    `text_column` names the CSV/TSV column or JSON key holding the text when it is not a common name.
    `workers`: processes for spaCy (default: every core). `engine`, `scheduler` and `scheduler_timeout` send
    the parsing to a Dask cluster (see `analyse`): the files written are the same. `parse="all"` runs the
    parser on every sentence, not only on those the relation patterns read (see `analyse`).
    The reading and extraction caches are in
    `cache_dir` (default: `.graphkit-cache/` beside `out`) unless `cache` is False.
    Always builds; the build stamp it leaves in `out` lets `up_to_date` tell when building again is needless.
    The build owns `out` from start to end: raises OutputError when `out` is a file, cannot be written, or
    another build holds it (OutputBusy). The new files and stamp appear together, or the previous ones stay.
    """
    started = time.perf_counter()
    warnings: list[str] = []
    make_engine(engine, scheduler=scheduler, workers=workers, timeout=scheduler_timeout)  # bad options: before reading
    _check_parse(parse)

    def record(message: str) -> None:
        warnings.append(message)
        if warn:
            warn(message)

    paths = [os.fspath(s) for s in sources]
    stamp = Stamp(
        _stamp_key(
            paths,
            model=model,
            parse=parse,
            aliases=aliases,
            capitals_as_countries=capitals_as_countries,
            max_nodes=max_nodes,
            text_column=text_column,
        )
    )
    alias_file = aliases or find_alias_file(paths)
    options = ResolveOptions(
        capitals_as_countries=capitals_as_countries,
        aliases=load_aliases(alias_file) if alias_file else None,
        warn=record,
    )
    cache_dir = (cache_dir or default_cache_dir(out)) if cache else None
    with OutputFolder(out, owned=OWNED_FILES) as folder:  # owned from the first file read to the last written
        documents = read_sources(paths, warn=record, text_column=text_column, cache_dir=cache_dir)
        if not documents:
            raise EmptyCorpus(f"no readable articles found in {', '.join(map(recorded_path, paths))}")
        if on_read:
            on_read(documents)
        name = ", ".join(recorded_path(Path(s).name or s) for s in paths)
        result = analyse(
            documents,
            model=model,
            parse=parse,
            workers=workers,
            name=name,
            progress=progress,
            resolve_options=options,
            cache_dir=cache_dir,
            warn=record,
            engine=engine,
            scheduler=scheduler,
            scheduler_timeout=scheduler_timeout,
        )
        if alias_file:  # the page offers this file back with its own corrections added (graphkit.export.html)
            result.graph.graph[ALIAS_FILE_ATTRIBUTE] = Path(alias_file).read_text(encoding="utf-8")
        result.warnings = warnings
        with held_frozen():  # what the writers make is not worth rescanning the build for (see analyse)
            result.outputs = _publish(
                folder, result, max_nodes=max_nodes, workers=workers, stamp=stamp, started=started
            )
    result.elapsed = time.perf_counter() - started
    return result
