"""Article cleaning before NLP: metadata lines into the document's fields, site furniture out of the text.

Lines are *blanked*, not cut: every character of a dropped line becomes a space and line ends stay, so the
cleaned text has the same length as the text read and every offset graphkit reports (mentions.csv,
evidence.csv) points at the same characters in the file. What is dropped:

- the header block under the headline: byline ("By Jane Doe", "Author: ...", a lone name line), dateline
  ("25.05.2021 13:55"), view counter, tag list — read into title, author, date and meta first;
- source lines ("Original: https://...") — read into url and source;
- site furniture anywhere (graphkit.read.boilerplate) and everything after a footer marker such as an
  error-report prompt, a "Dear readers" notice or comment rules;
- a teaser that repeats the start of an earlier paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from graphkit.model import Document
from graphkit.read.boilerplate import FOOTER_KINDS, furniture_kind, words_in
from graphkit.read.dates import ambiguous_date, find_date

HEADER_LINES = 12  # the byline and dateline sit within this many non-empty lines under the headline
BODY_WORDS = 25  # a line this long is article prose: the header block has ended

_MARKUP = re.compile(r"^[\s#>*_`]+|[\s*_`]+$")  # Markdown heading, quote and emphasis marks
_URL = re.compile(r"https?://[^\s<>()\[\]\"']+")
_SOURCE_LABEL = re.compile(
    r"^\W*(original|source|sources|originally published|first published|read the original|via|link|url)\b", re.I
)
_BYLINE = re.compile(
    r"^(by|author|authors|written by|text|words|reporting by|reported by|posted by|reporter|correspondent)"
    r"\s*[:\-–—]?\s+(?P<rest>.+)$",
    re.I,
)
_AUTHOR_LABEL = re.compile(r"\b(author|authors|by|writer|reporter|correspondent|columnist)\b", re.I)
_NAME_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "bin", "ibn", "al", "el", "dos"}
_NOT_NAME_WORDS = {
    "news", "world", "politics", "economy", "business", "analysis", "opinion", "comment", "comments",
    "editorial", "sport", "sports", "home", "latest", "breaking", "live", "exclusive", "update", "updated",
    "column", "author", "authors", "policy", "society", "culture", "photo", "video", "interview",
    "the", "of", "and", "in", "on", "for", "to", "a", "an", "region", "regions", "asia", "europe",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?…\"”»]\s*$")
_ELLIPSIS = re.compile(r"(\.\.\.|…)\s*$")


@dataclass
class Line:
    start: int  # offset of the first character in the document text
    text: str  # without the line end

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def plain(self) -> str:
        """The line without Markdown marks and surrounding space."""
        return _MARKUP.sub("", self.text).strip()


def lines_of(text: str) -> list[Line]:
    lines = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lines.append(Line(offset, body))
        offset += len(raw)
    return lines


def person_name(text: str) -> str:
    """`text` if it reads as a person's name (two to five capitalised words, particles allowed), else ""."""
    name = text.strip().strip(".,;:|").strip()
    tokens = name.split()
    if not 2 <= len(tokens) <= 5 or any(ch.isdigit() for ch in name):
        return ""
    for token in tokens:
        bare = token.strip(".,")
        if bare.lower() in _NOT_NAME_WORDS:
            return ""
        if bare.lower() in _NAME_PARTICLES:
            continue
        if not bare[:1].isupper() or not all(ch.isalpha() or ch in "'’.-" for ch in bare):
            return ""
    return name


def byline_names(text: str) -> list[str]:
    """The names in a byline's text ("Jane Doe and John Roe, 25 May 2021" -> both names)."""
    names = []
    for part in re.split(r",|;|\||\s+(?:and|&)\s+|\s+[-–—]\s+", text):
        name = person_name(part)
        if name:
            names.append(name)
    return names


def is_tag_list(line: str) -> bool:
    """A list of short labels ("Politics, Russia, Turkey, NATO") with no sentence around it."""
    items = [item.strip() for item in line.split(",")]
    if len(items) < 3 or words_in(line) > 25 or _SENTENCE_END.search(line):
        return False
    return all(item and len(item.split()) <= 3 and item[0].isupper() for item in items)


def source_url(line: str) -> str:
    """The URL of a source line ("Original: https://...", a bare URL), else ""."""
    urls = _URL.findall(line)
    if len(urls) != 1:
        return ""
    rest = _URL.sub("", line)
    rest = re.sub(r"[\W_]+", " ", rest).strip()
    if not rest or (_SOURCE_LABEL.match(rest) and words_in(rest) <= 4):
        return urls[0].rstrip(".,;")
    return ""


def outlet_of_copyright(line: str) -> str:
    """The outlet named in a copyright line ("© 2021 Steppe Dispatch. All rights reserved."), else ""."""
    name = re.sub(r"©|\(c\)|copyright|all rights reserved|\b(19|20)\d\d\b", " ", line, flags=re.I)
    name = re.sub(r"[^\w'’&-]+", " ", name).strip()
    return name if 0 < words_in(name) <= 5 else ""


def site_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


class _Cleaner:
    """One pass over one document's lines, deciding for each whether it is metadata, furniture or text."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.lines = lines_of(document.text)
        self.blank: dict[int, str] = {}  # line index -> why it was dropped

    def drop(self, index: int, why: str) -> None:
        self.blank.setdefault(index, why)

    def set_author(self, names: list[str]) -> None:
        if names and not self.document.author:
            self.document.author = "; ".join(names)
            self.document.meta["authors"] = names
        elif names:
            self.document.meta.setdefault("contributors", []).extend(n for n in names if n not in self.document.author)

    def set_url(self, url: str) -> None:
        if url and not self.document.url:
            self.document.url = url

    def run(self, first_line_is_title: bool) -> None:
        filled = [i for i, line in enumerate(self.lines) if line.plain]
        if not filled:
            return
        body_from = filled[0]
        first = self.lines[filled[0]].plain
        if self.document.title and first == self.document.title.strip():
            body_from = filled[0] + 1
        elif first_line_is_title and not self.document.title and words_in(first) < BODY_WORDS:
            self.document.title = first
            self.document.meta.setdefault("title_from", "first line")
            body_from = filled[0] + 1
        body_from = self.read_header(body_from, under_headline=body_from > filled[0])
        self.read_body(body_from)

    def read_header(self, start: int, under_headline: bool) -> int:
        """Read the metadata block under the headline; return the index of the first line after it.

        A lone name is a byline only right under the headline or other metadata lines: elsewhere (or in a
        text without a headline line) a short line that looks like a name is article text.
        """
        seen = 0
        after_metadata = False
        index = start
        while index < len(self.lines) and seen < HEADER_LINES:
            line = self.lines[index]
            plain = line.plain
            if not plain:
                index += 1
                continue
            if words_in(plain) >= BODY_WORDS:
                break
            seen += 1
            if index in self.blank:  # the name under a "Commentator:" label, already read
                index += 1
                continue
            kind = self.header_kind(index, plain, after_metadata, under_headline and (seen == 1 or after_metadata))
            if kind:
                self.drop(index, kind)
                after_metadata = True
            else:
                after_metadata = False
            index += 1
        return index

    def header_kind(self, index: int, plain: str, after_metadata: bool, byline_slot: bool) -> str | None:
        document = self.document
        url = source_url(plain)
        if url:
            self.set_url(url)
            return "source"
        byline = _BYLINE.match(plain)
        if byline:
            names = byline_names(byline["rest"])
            if names:
                self.set_author(names)
                document.date = document.date or find_date(byline["rest"])
                return "byline"
        if plain.endswith(":") and words_in(plain) <= 6:
            following = self.next_filled(index)
            if following is not None:
                name = person_name(self.lines[following].plain)
                if name:
                    if _AUTHOR_LABEL.search(plain):
                        self.set_author([name])
                    else:
                        document.meta.setdefault("contributors", []).append(name)
                    self.drop(following, "byline")
                    return "byline label"
        if words_in(plain) <= 12 and not _dated_sentence(plain):
            date = find_date(plain)
            if date:
                if not document.date and ambiguous_date(plain):
                    document.meta["date_ambiguous"] = True
                document.date = document.date or date
                return "dateline"
        name = person_name(plain) if byline_slot else ""
        if name:
            self.set_author([name])
            return "byline"
        kind = furniture_kind(plain)
        if kind:
            if kind == "counter":
                digits = re.sub(r"\D", "", plain)
                if digits:
                    document.meta.setdefault("views", int(digits))
            return kind
        if is_tag_list(plain):
            document.meta.setdefault("tags", [t.strip() for t in plain.split(",") if t.strip()])
            return "tags"
        if after_metadata and words_in(plain) <= 4 and not _SENTENCE_END.search(plain):
            document.meta.setdefault("dateline", plain)
            return "dateline"
        return None

    def next_filled(self, index: int) -> int | None:
        for following in range(index + 1, len(self.lines)):
            if self.lines[following].plain:
                return following
        return None

    def read_body(self, start: int) -> None:
        in_footer = False
        earlier: list[str] = []
        for index in range(start, len(self.lines)):
            plain = self.lines[index].plain
            if not plain or index in self.blank:
                continue
            url = source_url(plain)
            if url:
                self.set_url(url)
                self.drop(index, "source")
                continue
            kind = furniture_kind(plain)
            if kind == "copyright" and not self.document.source:
                self.document.source = outlet_of_copyright(plain)
            if in_footer:
                self.drop(index, "footer")
                continue
            if kind:
                self.drop(index, kind)
                in_footer = kind in FOOTER_KINDS
                continue
            if is_teaser(plain, earlier):
                self.drop(index, "repeated paragraph")
                continue
            earlier.append(plain)

    def blanked_text(self) -> str:
        text = self.document.text
        if not self.blank:
            return text
        parts = []
        position = 0
        for index in sorted(self.blank):
            line = self.lines[index]
            parts.append(text[position : line.start])
            parts.append(" " * len(line.text))
            position = line.end
        parts.append(text[position:])
        return "".join(parts)


def _dated_sentence(line: str) -> bool:
    """A short sentence that states a date ("On 8 May 2021, Japarov met Putin in Sochi."), not a dateline:
    it ends as a sentence does and has more words than a date and a label."""
    return bool(_SENTENCE_END.search(line)) and words_in(line) >= 8


def is_teaser(line: str, earlier: list[str]) -> bool:
    """A paragraph that repeats an earlier one, whole or cut short with an ellipsis (a "read more" teaser)."""
    if words_in(line) < 8:
        return False
    stem = _ELLIPSIS.sub("", line).strip()
    cut = stem != line
    return any(previous == line or (cut and previous.startswith(stem)) for previous in earlier)


def clean_article(document: Document, first_line_is_title: bool = True) -> Document:
    """Fill title, author, date, url and source from the text; blank the lines that are not article text.

    `first_line_is_title`: take the first line as the headline when the document has no title yet
    (plain-text articles); readers that know the title from markup or a column pass False or set it.
    """
    cleaner = _Cleaner(document)
    cleaner.run(first_line_is_title)
    document.text = cleaner.blanked_text()
    if cleaner.blank:
        dropped: dict[str, int] = {}
        for why in cleaner.blank.values():
            dropped[why] = dropped.get(why, 0) + 1
        document.meta["dropped_lines"] = dropped
    if document.url and not document.source:
        document.source = site_of(document.url)
    return document
