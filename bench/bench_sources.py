"""What reading a corpus gives before any NLP: documents, titles, metadata, repairs, duplicates, time.

    .venv/bin/python bench/bench_sources.py [SOURCES ...] [--text-column NAME]

Default SOURCES: the BBC corpus (/work/shared/corpus/bbc). Prints the number of documents, where their
titles came from, how many have author/date/url, how many still hold mojibake (`Â`), how many are marked
duplicates (identical or near-identical), the site-furniture lines dropped by kind, and the read time.
When the documents are the BBC rows, the glued-headline split is also checked against the hand-checked
headlines in bench/bbc_headlines.tsv.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from graphkit.read import read_sources
from graphkit.read.duplicates import words_of

LABELS = Path(__file__).with_name("bbc_headlines.tsv")


def hand_checked() -> dict[str, str]:
    labels = {}
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            document, headline = line.split("\t")
            labels[document] = headline
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sources", nargs="*", default=["/work/shared/corpus/bbc"])
    parser.add_argument("--text-column")
    args = parser.parse_args()
    warnings: list[str] = []
    started = time.perf_counter()
    documents = read_sources(args.sources, warn=warnings.append, text_column=args.text_column)
    elapsed = time.perf_counter() - started
    n = len(documents)
    print(f"documents       {n} read in {elapsed:.1f} s ({len(warnings)} warnings)")
    print(f"titles          {sum(bool(d.title) for d in documents)} filled")
    for origin, count in Counter(d.meta.get("title_from", "none") for d in documents).most_common():
        print(f"  from {origin:<16} {count}")
    for name in ("author", "date", "url", "source"):
        print(f"{name:<15} {sum(bool(getattr(d, name)) for d in documents)}")
    print(f"mojibake left   {sum('Â' in d.text or 'Â' in d.title for d in documents)} documents with 'Â'")
    duplicates = [d for d in documents if d.duplicate_of]
    by_id = {d.id: d for d in documents}
    identical = sum(words_of(d.text) == words_of(by_id[d.duplicate_of].text) for d in duplicates)
    print(f"duplicates      {len(duplicates)} ({identical} identical, {len(duplicates) - identical} near-identical)")
    dropped = Counter()
    for document in documents:
        dropped.update(document.meta.get("dropped_lines", {}))
    print(f"lines dropped   {sum(dropped.values())}: " + ", ".join(f"{k} {v}" for k, v in dropped.most_common()))
    labels = hand_checked()
    checked = [(by_id[doc], headline) for doc, headline in labels.items() if doc in by_id]
    if checked:
        right = sum(document.title == headline for document, headline in checked)
        print(f"headline split  {right} of {len(checked)} hand-checked BBC headlines split where a reader would")
        for document, headline in checked:
            if document.title != headline:
                print(f"  {document.id}: {document.title!r}, a reader says {headline!r}")
    for warning in warnings[:10]:
        print(f"warning: {warning}")


if __name__ == "__main__":
    main()
