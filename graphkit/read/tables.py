"""CSV, TSV, JSON Lines and JSON exports: one article per row.

The text column is found by its name (text, body, content, article, ...) unless `--text-column` names it;
title, date, url, author and source columns are used when present and every other column is kept in
`Document.meta`. Each row is a document with the id `<file>#row<N>`: for CSV/TSV, N counts data records
after the header from 1 (a quoted field may span several lines, so N is not a line number); for JSON Lines,
N is the line number; for a JSON array, the position in it from 1.

A row that does not parse (broken quoting, a wrong number of fields, bad JSON) is reported with its line
number and skipped; the rest of the file is read. When there is no title column and the text is one long
line, the headline glued to its start is split off (graphkit.read.headline) and the space after it
becomes a line break, so offsets are unchanged.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphkit.model import Document, Format, Warn
from graphkit.read.base import MAX_FILE_BYTES, ReadOptions
from graphkit.read.dates import ambiguous_date, parse_date
from graphkit.read.decode import read_article_file
from graphkit.read.headline import headline_ends, needs_split
from graphkit.read.repair import repair_text

# Column names, normalised (lower case, "_" for spaces and dashes), in order of preference.
TEXT_NAMES = (
    "text", "body", "content", "article", "article_text", "article_body", "articlebody", "full_text",
    "fulltext", "maintext", "main_text", "story", "news", "document", "raw_text", "clean_text", "description",
    "summary", "abstract",
)  # fmt: skip
TITLE_NAMES = ("title", "headline", "heading", "head", "subject", "article_title", "news_title")
DATE_NAMES = (
    "date", "published", "published_at", "publish_date", "publication_date", "pubdate", "pub_date",
    "date_published", "datetime", "time", "timestamp", "created_at", "created", "date_publish", "updated",
)  # fmt: skip
URL_NAMES = ("url", "link", "source_url", "canonical_url", "article_url", "permalink", "href", "uri")
AUTHOR_NAMES = ("author", "authors", "byline", "creator", "writer", "by", "journalist")
SOURCE_NAMES = (
    "source", "site", "sitename", "site_name", "outlet", "publisher", "publication", "domain", "media",
    "newspaper", "feed", "source_name",
)  # fmt: skip

# Never larger than the file limit: a longer field is a quoting error swallowing the rest of the file.
csv.field_size_limit(MAX_FILE_BYTES)

_DELIMITERS = (",", ";", "\t", "|")
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


def normal_name(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


@dataclass
class Columns:
    """Which field of a row holds what."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None
    source: str | None = None
    used: set[str] = field(default_factory=set)


def find_columns(names: Sequence[str], text_column: str | None) -> Columns | str:
    """Map a header (or a JSON object's keys) to Columns; a message saying what is missing otherwise."""
    by_normal: dict[str, str] = {}
    for name in names:
        by_normal.setdefault(normal_name(name), name)

    def pick(candidates: Iterable[str]) -> str | None:
        return next((by_normal[c] for c in candidates if c in by_normal), None)

    if text_column:
        text = text_column if text_column in names else by_normal.get(normal_name(text_column))
        if text is None:
            return f"no column {text_column!r} (columns: {', '.join(map(str, names))})"
    else:
        text = pick(TEXT_NAMES)
        if text is None:
            return f"no text column (columns: {', '.join(map(str, names))}); name it with --text-column"
    columns = Columns(
        text=text,
        title=pick(TITLE_NAMES),
        date=pick(DATE_NAMES),
        url=pick(URL_NAMES),
        author=pick(AUTHOR_NAMES),
        source=pick(c for c in SOURCE_NAMES if by_normal.get(c) != text),
    )
    named = (columns.text, columns.title, columns.date, columns.url, columns.author, columns.source)
    columns.used = {c for c in named if c}
    return columns


def _value(value: Any) -> str:
    """A field as text: lists (several authors) joined with '; ', None as ''.

    Nested lists are flattened without recursion: a value nested thousands deep is text, not a crash.
    """
    if not isinstance(value, list):
        return _scalar(value)
    texts, stack = [], [iter(value)]
    while stack:
        item = next(stack[-1], _END)
        if item is _END:
            stack.pop()
        elif isinstance(item, list):
            stack.append(iter(item))
        elif text := _scalar(item):
            texts.append(text)
    return "; ".join(texts)


_END = object()
SKIPPED = object()  # an item of a JSON array already reported and skipped; it keeps its place for the row ids


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value.get("name") or "")
    return str(value).strip()


@dataclass
class Row:
    number: int  # the N of "#rowN"
    line: int  # line of the file where it starts, for messages
    fields: dict[str, Any]


def document_of(row: Row, columns: Columns, path: Path, doc_id: str, fmt: str) -> Document:
    fields = row.fields
    document = Document(
        id=f"{doc_id}#row{row.number}",
        text=repair_text(_value(fields.get(columns.text))),
        path=str(path),
        meta={"format": fmt, "row": row.number, "line": row.line},
    )
    if columns.title:
        document.title = repair_text(_value(fields.get(columns.title)))
        if document.title:
            document.meta["title_from"] = "column"
    if columns.date:
        raw = fields.get(columns.date)
        document.date = parse_date(raw)
        if raw not in (None, "") and not document.date:
            document.meta["date_text"] = _value(raw)
        elif document.date and ambiguous_date(raw):
            document.meta["date_ambiguous"] = True
    if columns.url:
        document.url = _value(fields.get(columns.url))
    if columns.author:
        document.author = repair_text(_value(fields.get(columns.author)))
    if columns.source:
        document.source = _value(fields.get(columns.source))
    for name, value in fields.items():
        if name not in columns.used and not isinstance(value, dict | list) and _value(value):
            document.meta.setdefault(str(name), value if isinstance(value, int | float | bool) else _value(value))
    return document


def split_glued_headlines(documents: list[Document]) -> None:
    """Give every untitled one-line document its headline: split off when glued, else its first words."""
    untitled = [d for d in documents if not d.title and needs_split(d.text)]
    if not untitled:
        return
    ends = headline_ends([d.text for d in untitled])
    for document, end in zip(untitled, ends, strict=True):
        if end is not None and document.text[end : end + 1].isspace():
            document.title = document.text[:end].strip()
            document.text = document.text[:end] + "\n" + document.text[end + 1 :]
            document.meta["title_from"] = "headline split"
        else:
            document.title = first_words(document.text)
            document.meta["title_from"] = "first words"


def first_words(text: str, limit: int = 12) -> str:
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    words = sentence.split()
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


def csv_rows(text: str, delimiter: str, path: Path, warn: Warn) -> Iterator[tuple[int, list[str] | None]]:
    """(line number, fields) for each record; a record that does not parse is reported and given as None.

    After a bad record the parser starts again on the line after the one it began on, so one stray quote
    costs one row, not the rest of the file.
    """
    lines = _LINE.findall(text)  # split at "\n" only: a U+2028 inside a cell is text, not a row end
    start = 0  # index into lines where the current parser began
    while start < len(lines):
        reader = csv.reader(itertools.islice(lines, start, None), delimiter=delimiter, strict=True)
        while True:
            first_line = start + reader.line_num + 1
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                warn(f"{path}:{first_line}: row skipped, not valid CSV ({error})")
                yield first_line, None
                start = first_line  # = index of the line after the bad record's first line
                break
            if record:
                yield first_line, record


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of a CSV file, from its header (which has no prose in it): the commonest candidate."""
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path, doc_id: str, warn: Warn, options: ReadOptions) -> Iterator[Document]:
    text = read_article_file(path, warn)
    if text is None:
        return
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(first)
    records = csv_rows(text, delimiter, path, warn)
    header_record = next(records, None)
    if header_record is None:
        warn(f"{path}: skipped, no header row")
        return
    header = header_record[1]
    if header is None:
        warn(f"{path}: skipped, the header row is not valid CSV")
        return
    columns = find_columns(header, options.text_column)
    if isinstance(columns, str):
        warn(f"{path}: skipped, {columns}")
        return
    documents = []
    number = 0
    for line, record in records:
        number += 1  # a bad record still takes its row number, so the ids of the rows after it do not shift
        if record is None:
            continue
        if len(record) != len(header):
            warn(f"{path}:{line}: row skipped, {len(record)} fields where the header has {len(header)}")
            continue
        row = Row(number, line, dict(zip(header, record, strict=True)))
        documents.append(document_of(row, columns, path, doc_id, path.suffix.lower()[1:]))
    split_glued_headlines(documents)
    yield from documents


def read_jsonl(path: Path, doc_id: str, warn: Warn, options: ReadOptions) -> Iterator[Document]:
    text = read_article_file(path, warn)
    if text is None:
        return
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):  # JSON strings may hold a raw U+2028
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            warn(f"{path}:{number}: line skipped, not valid JSON ({error.msg})")
            continue
        except RecursionError:
            warn(f"{path}:{number}: line skipped, {_too_deep(line)}")
            continue
        if not isinstance(value, dict):
            warn(f"{path}:{number}: line skipped, not a JSON object")
            continue
        rows.append(Row(number, number, value))
    yield from _documents_of_objects(rows, path, doc_id, warn, options, "jsonl")


def read_json(path: Path, doc_id: str, warn: Warn, options: ReadOptions) -> Iterator[Document]:
    """A JSON array of article objects (or an object holding one under "articles", "items", "data", ...)."""
    text = read_article_file(path, warn)
    if text is None:
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        warn(f"{path}:{error.lineno}: skipped, not valid JSON ({error.msg})")
        return
    except RecursionError:
        value = _items_one_by_one(text, path, warn)
        if value is None:
            return
    if isinstance(value, dict):
        value = next((v for v in value.values() if isinstance(v, list) and v and isinstance(v[0], dict)), [value])
    if not isinstance(value, list):
        warn(f"{path}: skipped, not a list of articles")
        return
    rows = []
    for number, item in enumerate(value, start=1):
        if item is SKIPPED:
            continue
        if isinstance(item, dict):
            rows.append(Row(number, 0, item))
        else:
            warn(f"{path}: item {number} skipped, not a JSON object")
    yield from _documents_of_objects(rows, path, doc_id, warn, options, "json")


def _documents_of_objects(
    rows: list[Row], path: Path, doc_id: str, warn: Warn, options: ReadOptions, fmt: str
) -> Iterator[Document]:
    documents = []
    for row in rows:
        columns = find_columns(list(row.fields), options.text_column)
        where = f"{path}:{row.line}" if row.line else f"{path}: item {row.number}"
        if isinstance(columns, str):
            warn(f"{where}: skipped, {columns}")
            continue
        documents.append(document_of(row, columns, path, doc_id, fmt))
    split_glued_headlines(documents)
    yield from documents


# A JSON string, or one of the characters that open, close or separate values.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},]')


def _deepest(text: str) -> tuple[int, int]:
    """The deepest nesting of brackets in JSON `text`, and the offset where it is first reached."""
    depth = deepest = where = 0
    for token in _JSON_TOKEN.finditer(text):
        mark = token.group()
        if mark in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, token.start()
        elif mark in "]}":
            depth -= 1
    return deepest, where


def _too_deep(text: str) -> str:
    return f"nested too deeply to read ({_deepest(text)[0]} levels)"


def _items_one_by_one(text: str, path: Path, warn: Warn) -> list[Any] | None:
    """A JSON array too deeply nested for the parser as a whole, parsed item by item: an item nested too
    deeply is skipped with its line, the others are kept. None (with a warning) when it is not an array."""
    start = len(text) - len(text.lstrip())
    if not text.startswith("[", start):
        _skip_too_deep(text, path, warn)
        return None
    items: list[Any] = []
    depth, begin = 0, start + 1
    for token in _JSON_TOKEN.finditer(text, start):
        mark = token.group()
        if mark in "[{":
            depth += 1
        elif mark in "]}":
            depth -= 1
        if (mark == "," and depth == 1) or depth == 0:
            chunk = text[begin : token.start()]
            line = text.count("\n", 0, begin + len(chunk) - len(chunk.lstrip())) + 1
            begin = token.end()
            if chunk.strip():
                try:
                    items.append(json.loads(chunk))
                except RecursionError:
                    warn(f"{path}:{line}: item {len(items) + 1} skipped, {_too_deep(chunk)}")
                    items.append(SKIPPED)
                except json.JSONDecodeError as error:
                    warn(f"{path}:{line + error.lineno - 1}: skipped, not valid JSON ({error.msg})")
                    return None
            if depth == 0:
                return items
    _skip_too_deep(text, path, warn)  # the array never ends
    return None


def _skip_too_deep(text: str, path: Path, warn: Warn) -> None:
    deepest, where = _deepest(text)
    warn(f"{path}:{text.count(chr(10), 0, where) + 1}: skipped, nested too deeply to read ({deepest} levels)")


CSV = Format("csv", (".csv",), "a table, one article per row; the delimiter is sniffed", read=read_csv)
TSV = Format("tsv", (".tsv",), "a tab-separated table, one article per row", read=read_csv)
JSONL = Format("jsonl", (".jsonl", ".ndjson"), "JSON Lines, one article object per line", read=read_jsonl)
JSON = Format("json", (".json",), "a JSON array of article objects", read=read_json)
