"""ingest stage, first step: raw bytes -> format and decoded characters.

Consumes the bytes of one file; produces its format (``text``, ``markdown``, ``html``
or ``pdf``) and, for the text formats, the decoded string plus the encoding assumed.
Everything that is not text is refused here with an :class:`InputError` naming the
file and the fix: binary files (NUL bytes or a known binary signature), bytes that no
encoding decodes sensibly.

>>> sniff_format("notes.md", b"# Title")
'markdown'
>>> decode("a.txt", "caf\\u00e9".encode("utf-8"))
('café', 'utf-8', None)
"""

from __future__ import annotations

import codecs
from pathlib import PurePath

import charset_normalizer

from datelines.errors import InputError

SAVE_AS_TEXT = "save it as .txt, .md, .html or .pdf (with a text layer) and add that"

# Leading bytes of common non-text files, with the words the error message uses.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP container (a .docx, .odt or .epub?)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc?)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"%!PS", "a PostScript file"),
    (b"OggS", "an audio file"),
    (b"ID3", "an audio file"),
    (b"RIFF", "a RIFF media file"),
)

SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

PREFERRED = "cp1252"  # chosen among equally plausible 8-bit guesses
MAX_CHAOS = 0.2  # charset-normalizer's mess ratio above which a guess is refused
MAX_CONTROL = 0.01  # share of control characters above which text is called binary


def sniff_format(path: str, data: bytes) -> str:
    """The format of a file from its leading bytes, else its suffix, else ``text``.

    >>> sniff_format("scan.txt", b"%PDF-1.7 ...")
    'pdf'
    >>> sniff_format("page", b"  <!DOCTYPE html><html>")
    'html'
    """
    if data.startswith(b"%PDF-"):
        return "pdf"
    fmt = SUFFIXES.get(PurePath(path).suffix.lower())
    if fmt == "pdf":
        raise InputError(path, "it is named .pdf but is not a PDF file", SAVE_AS_TEXT)
    if fmt is not None:
        return fmt
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"\xef\xbb\xbf<!doctype html")):
        return "html"
    return "text"


def refuse_binary(path: str, data: bytes) -> None:
    """Raise :class:`InputError` when ``data`` is a known binary file type.

    >>> refuse_binary("x.txt", b"plain words")
    """
    for magic, what in SIGNATURES:
        if data.startswith(magic):
            raise InputError(path, f"it is {what}, not text", SAVE_AS_TEXT)


def decode(path: str, data: bytes) -> tuple[str, str, str | None]:
    """Decode text bytes: ``(characters, encoding, warning or None)``.

    UTF-8 (with or without a byte-order mark) is taken as is; a UTF-16/32 byte-order
    mark is honoured; anything else is guessed with charset-normalizer, and the guess
    comes back as a warning the caller can print. Bytes that decode to nonsense are
    refused as binary.

    >>> decode("old.txt", "It\\u2019s late in the caf\\u00e9.".encode("cp1252"))[1:]
    ('cp1252', "'old.txt' is not UTF-8: decoded it as cp1252 (a guess; check quotes \
and accented letters, or convert the file to UTF-8)")
    """
    refuse_binary(path, data)
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return _checked(path, data.decode(encoding), encoding), encoding, None
            except UnicodeDecodeError:
                break
    if b"\x00" not in data:
        try:
            return _checked(path, data.decode("utf-8"), "utf-8"), "utf-8", None
        except UnicodeDecodeError:
            pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        what = "binary data (NUL bytes)" if b"\x00" in data else "not text"
        problem = f"it looks like {what}: no text encoding decodes it sensibly"
        raise InputError(path, problem, SAVE_AS_TEXT + ", or convert it to UTF-8")
    encoding = best.encoding
    text = str(best)
    if encoding != PREFERRED and PREFERRED in best.could_be_from_charset:
        encoding, text = PREFERRED, data.decode(PREFERRED)  # English's usual 8-bit code
    encoding = encoding.replace("_", "-")
    text = _checked(path, text, encoding)
    warning = (
        f"'{path}' is not UTF-8: decoded it as {encoding} (a guess; check quotes "
        "and accented letters, or convert the file to UTF-8)"
    )
    return text, encoding, warning


def _checked(path: str, text: str, encoding: str) -> str:
    """Refuse decoded text full of control characters (binary decoded by luck)."""
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if "\x00" in text or controls > MAX_CONTROL * max(len(text), 1):
        raise InputError(
            path,
            f"it looks like binary data (control characters after decoding as {encoding})",
            SAVE_AS_TEXT,
        )
    return text
