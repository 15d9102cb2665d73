"""PDF articles: the text layer read back into paragraphs, metadata from the info dictionary, bad files skipped."""

from __future__ import annotations

from pathlib import Path

from graphkit.read import read_sources


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def minimal_pdf(pages: list[list[str]], info: dict[str, str] | None = None) -> bytes:
    """A valid PDF with one Helvetica text line per string, written by hand so the tests need no PDF writer."""
    objects: list[bytes] = []
    page_ids = [4 + 2 * i for i in range(len(pages))]
    info_id = 4 + 2 * len(pages)
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for page_id, lines in zip(page_ids, pages, strict=True):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {page_id + 1} 0 R "
            f"/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        shown = " ".join(f"({_escape(line)}) Tj T*" for line in lines)
        stream = f"BT /F1 11 Tf 14 TL 72 740 Td {shown} ET".encode("cp1252")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    fields = " ".join(f"/{key} ({_escape(value)})" for key, value in (info or {}).items())
    objects.append(f"<< {fields} >>".encode())
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        info_id,
        xref,
    )
    return bytes(out)


PAGE_ONE = [
    "Caspian Monitor - Energy",
    "Azerbaijan and Kazakhstan agree on a Caspian cable",
    "By Leyla Mammadova",
    "",
    "Azerbaijan and Kazakhstan have agreed to study an undersea power cable across the Caspian",
    "Sea, the energy ministries in Baku and Astana said on Thursday after a meeting of their ministers.",
    "Energy minister Parviz Shahbazov said the link would carry green power from Central Asia to",
    "Europe through Georgia and the Black Sea. The study will be paid for by the Asian Develop-",
    "ment Bank, he said.",
    "Page 1 of 3",
]
PAGE_TWO = [
    "Caspian Monitor - Energy",
    "Kazakh energy minister Almassadam Satkaliyev said the first power could flow by 2030 if the",
    "study finds the route safe.",
    "Page 2 of 3",
]
PAGE_THREE = [
    "Caspian Monitor - Energy",
    "The European Union has promised to help fund the project under its connectivity programme.",
    "Page 3 of 3",
]


def test_pdf_text_is_read_as_paragraphs_with_metadata(tmp_path):
    path = tmp_path / "caspian.pdf"
    path.write_bytes(
        minimal_pdf(
            [PAGE_ONE, PAGE_TWO, PAGE_THREE],
            {"Title": "Caspian cable agreed", "Author": "Leyla Mammadova", "CreationDate": "D:20240307101500Z"},
        )
    )
    warnings: list[str] = []
    (document,) = read_sources([path], warn=warnings.append)
    assert warnings == []
    assert document.id == "caspian.pdf"
    assert document.title == "Caspian cable agreed"
    assert document.author == "Leyla Mammadova"
    assert document.date == "2024-03-07"
    assert document.meta["pages"] == 3
    text = document.text
    assert "across the Caspian Sea, the energy ministries in Baku" in text  # lines of a paragraph joined
    assert "Asian Development Bank" in text  # a word broken at a line end is whole again
    assert "Parviz Shahbazov" in text and "Almassadam Satkaliyev" in text and "European Union" in text
    assert "Caspian Monitor - Energy" not in text  # running head on every page
    assert "Page 2 of 3" not in text


def test_pdf_without_metadata_takes_title_and_byline_from_the_text(tmp_path):
    path = tmp_path / "plain.pdf"
    path.write_bytes(minimal_pdf([PAGE_ONE[1:9]]))
    (document,) = read_sources([path])
    assert document.title == "Azerbaijan and Kazakhstan agree on a Caspian cable"
    assert document.author == "Leyla Mammadova"
    assert "Leyla Mammadova" not in document.text


def test_pdf_without_a_text_layer_is_skipped_with_a_warning(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(minimal_pdf([[]]))
    warnings: list[str] = []
    assert read_sources([path], warn=warnings.append) == []
    assert any("scan.pdf: skipped, no text layer" in w for w in warnings)


def test_damaged_pdf_is_skipped_with_a_warning(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog" + b"garbage " * 50)
    warnings: list[str] = []
    assert read_sources([path], warn=warnings.append) == []
    assert any("broken.pdf: skipped" in w for w in warnings)


def test_fixture_dir_pdf_is_read_alongside_other_formats(tmp_path: Path):
    (tmp_path / "a.pdf").write_bytes(minimal_pdf([PAGE_ONE[1:9]]))
    (tmp_path / "b.txt").write_text("Talks in Baku\n\nIlham Aliyev met Nikol Pashinyan.\n", encoding="utf-8")
    assert [d.id for d in read_sources([tmp_path])] == ["a.pdf", "b.txt"]
