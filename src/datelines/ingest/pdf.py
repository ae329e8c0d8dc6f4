"""ingest stage, PDF: a PDF's text layer -> one text per page.

Consumes the bytes of a PDF; produces the extracted text of each page (pypdf, in
layout order) and the title from the PDF's metadata. A PDF without a text layer (a
scanned image) is refused with the fix: run OCR first. Encrypted or damaged files
are refused too (tests build such PDFs by hand: tests/test_ingest_pdf.py).

>>> extract_pdf("notes.pdf", b"%PDF-1.4 not really")
Traceback (most recent call last):
...
datelines.errors.InputError: cannot read 'notes.pdf': it is not a readable PDF \
(damaged or truncated?); open and re-save it, or export its text to a .txt file
"""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from datelines.errors import InputError

# pypdf logs recoverable oddities of real PDFs; they are not the user's problem.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def extract_pdf(path: str, data: bytes) -> tuple[list[str], dict[str, str]]:
    """The text of each page (``""`` for a page without text) and the metadata."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(
                path,
                "it is an encrypted PDF",
                "save an unlocked copy or export its text",
            )
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError):
        raise InputError(
            path,
            "it is not a readable PDF (damaged or truncated?)",
            "open and re-save it, or export its text to a .txt file",
        ) from None
    if not any(pages):
        raise InputError(
            path,
            "it has no text layer (a scanned image?)",
            "run OCR first (e.g. ocrmypdf) or pass a text file",
        )
    meta = {}
    title = info.title if info is not None else None
    if title and str(title).strip():
        meta["title"] = str(title).strip()
    return pages, meta
