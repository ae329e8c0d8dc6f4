"""PDF ingestion: text layers, pages, hyphenation, and the PDFs that are refused.

The PDFs are written here by hand (a few objects and an xref table), not committed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from datelines.errors import InputError
from datelines.ingest import read


def tiny_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with one page per list of lines (Helvetica); an empty list = a blank page."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for lines in pages:
        shown = " ".join(
            "("
            + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            + ") Tj T*"
            for line in lines
        )
        stream = f"BT /F1 11 Tf 14 TL 72 720 Td {shown} ET".encode("latin-1")
        objects.append(
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        )
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content
        )
        kids.append(len(objects))
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_pdf_pages_become_blocks_with_page_numbers(tmp_path: Path) -> None:
    pdf = tiny_pdf(
        [
            ["The Harbor Strike", "", "The strike began in August 1911."],
            ["It ended in October 1911 with a new contract."],
        ]
    )
    document = read(write(tmp_path, "strike.pdf", pdf))
    assert document.source.format == "pdf"
    pages = {document.text[b.start : b.end]: b.page for b in document.blocks}
    assert pages["The strike began in August 1911."] == 1
    assert pages["It ended in October 1911 with a new contract."] == 2
    assert document.blocks[0].kind == "title"
    assert document.source.title == "The Harbor Strike"
    for block in document.blocks:
        start, end = document.to_original(block.start, block.end)
        assert document.original[start:end] == document.text[block.start : block.end]


def test_pdf_line_end_hyphens_are_joined_in_text_only(tmp_path: Path) -> None:
    pdf = tiny_pdf(
        [["The guards made mass arrests and exe-", "cutions followed in 1981."]]
    )
    document = read(write(tmp_path, "hyphen.pdf", pdf))
    assert "executions followed" in document.text
    start = document.text.index("executions")
    a, b = document.to_original(start, start + len("executions"))
    assert document.original[a:b] == "exe-\ncutions"


def test_pdf_without_text_layer_asks_for_ocr(tmp_path: Path) -> None:
    path = write(tmp_path, "scan.pdf", tiny_pdf([[]]))
    with pytest.raises(
        InputError, match=r"no text layer \(a scanned image\?\); run OCR"
    ):
        read(path)


def test_damaged_pdf_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.pdf", tiny_pdf([["Some text here."]])[:60])
    with pytest.raises(InputError, match="not a readable PDF"):
        read(path)


def test_file_named_pdf_that_is_not_one(tmp_path: Path) -> None:
    path = write(tmp_path, "fake.pdf", b"just some words, not a PDF at all")
    with pytest.raises(InputError, match="named .pdf but is not a PDF"):
        read(path)


def test_pdf_is_recognized_by_content_whatever_its_name(tmp_path: Path) -> None:
    path = write(
        tmp_path, "report.bin", tiny_pdf([["Founded in 1965 by three students."]])
    )
    assert read(path).source.format == "pdf"
