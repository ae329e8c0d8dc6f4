"""ingest stage, entry point: a file path -> a :class:`~datelines.model.Document`.

Consumes a path (plain text, Markdown, HTML or PDF) and optional metadata from the
command line; produces the Document that NLP reads: ``original`` (the decoded
characters), ``text`` (normalized, front matter removed, glued captions split),
``offsets`` (from every ``text`` index back to ``original``) and ``blocks``. Every
file that cannot be read raises one :class:`~datelines.errors.InputError` naming the
file and the fix; :func:`read_all` collects those per file and goes on.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from datelines.errors import InputError
from datelines.ingest.decode import decode, refuse_binary, sniff_format
from datelines.ingest.frontmatter import metadata, split_front_matter
from datelines.ingest.normalize import normalize_chars, strip_markdown
from datelines.ingest.offsets import Mapped
from datelines.ingest.pdf import extract_pdf
from datelines.ingest.structure import Segment, assemble, layout, split_glued
from datelines.ingest.webpage import extract_html
from datelines.model import Block, Document, Source

MAX_BYTES = 20_000_000
PathLike = str | os.PathLike[str]


def read(
    path: PathLike,
    *,
    meta: Mapping[str, str | None] | None = None,
    max_bytes: int = MAX_BYTES,
) -> Document:
    """Read one file into a Document; ``meta`` overrides its front matter.

    ``meta`` keys are the Source fields ``title``, ``publisher``, ``url``, ``date``,
    ``license`` and ``viewpoint`` (None values are ignored). A guessed encoding is
    recorded in ``source.encoding`` and as ``source.extra["warning"]``.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "note.md"
    >>> _ = path.write_text("---\\ndate: 1987 (draft)\\n---\\n# A Note\\n\\nIt began in 1965.\\n")
    >>> document = read(path, meta={"publisher": "Me"})
    >>> document.source.date, document.source.title, document.source.publisher
    ('1987', 'A Note', 'Me')
    >>> [(b.kind, document.text[b.start:b.end]) for b in document.blocks]
    [('title', 'A Note'), ('paragraph', 'It began in 1965.')]
    """
    name = os.fspath(path)
    data = _load(name, max_bytes)
    fmt = sniff_format(name, data)
    if fmt == "pdf":
        return _read_pdf(name, data, meta)
    refuse_binary(name, data)
    original, encoding, warning = decode(name, data)
    extra: dict[str, str] = {"warning": warning} if warning else {}
    if fmt == "html":
        return _read_html(name, data, original, encoding, meta, extra)
    body_start, front = split_front_matter(name, original)
    body = normalize_chars(Mapped.of(original, body_start))
    if fmt == "markdown":
        body = strip_markdown(body)
    if not body.text.strip() and front:
        raise InputError(
            name,
            "it has front matter but no text after it",
            "add the narrative below the closing '---'",
        )
    if not body.text.strip():
        raise InputError(name, "it has only invisible characters", "pass the narrative")
    segments = split_glued(body.text, layout(body.text, markdown=fmt == "markdown"))
    text, blocks = assemble(body, segments)
    source = _source(name, data, fmt, encoding, front, meta, extra, text.text, blocks)
    return Document(source, original, text.text, text.offsets, blocks)


def read_all(
    paths: Iterable[PathLike], **options: object
) -> Iterator[Document | InputError]:
    """Read many files: a Document per readable file, the InputError for the others.

    >>> [str(result) for result in read_all(["no/such.txt"])]
    ["cannot read 'no/such.txt': no such file; check the path and the current folder"]
    """
    for path in paths:
        try:
            yield read(path, **options)  # type: ignore[arg-type]
        except InputError as err:
            yield err


def _load(name: str, max_bytes: int) -> bytes:
    """The file's bytes, after the checks that need no reading."""
    path = Path(name)
    if not path.exists():
        raise InputError(name, "no such file", "check the path and the current folder")
    if path.is_dir():
        raise InputError(
            name, "it is a directory", f"pass the files inside it, e.g. '{name}/*.txt'"
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                name,
                f"it is {size:,} bytes, over the {max_bytes:,}-byte limit",
                "split it into smaller files or raise the limit with --max-bytes",
            )
        data = path.read_bytes()
    except OSError as err:
        raise InputError(
            name, f"it cannot be opened ({err.strerror})", "check that you may read it"
        ) from None
    if not data.strip(b" \t\r\n\x0b\x0c"):
        raise InputError(name, "it is empty", "pass a file that holds the narrative")
    return data


def _read_html(
    name: str,
    data: bytes,
    page: str,
    encoding: str,
    meta: Mapping[str, str | None] | None,
    extra: dict[str, str],
) -> Document:
    blocks, page_meta = extract_html(name, page)
    original = "\n\n".join(text for _, text in blocks)
    body = normalize_chars(Mapped.of(original))
    segments, pos = [], 0
    for kind, _ in blocks:
        end = body.text.find("\n\n", pos)
        end = len(body.text) if end < 0 else end
        segments.append(Segment(kind, pos, end))
        pos = end + 2
    text, out = assemble(body, segments)
    source = _source(
        name, data, "html", encoding, page_meta, meta, extra, text.text, out
    )
    return Document(source, original, text.text, text.offsets, out)


def _read_pdf(
    name: str, data: bytes, meta: Mapping[str, str | None] | None
) -> Document:
    pages, pdf_meta = extract_pdf(name, data)
    original = "\n\n".join(pages)
    body = normalize_chars(Mapped.of(original))
    body = body.edit(
        (i, i + 2, "")  # a word hyphenated at a line end: "exe-\ncution"
        for i in range(1, len(body.text) - 2)
        if body.text[i : i + 2] == "-\n"
        and body.text[i - 1].islower()
        and body.text[i + 2].islower()
    )
    segments: list[Segment] = []
    start = 0
    for number, page in enumerate(pages, start=1):
        end = body.text.find("\n\n", start) if number < len(pages) else len(body.text)
        end = len(body.text) if end < 0 else end
        if page:
            segments += layout(
                body.text,
                start=start,
                end=end,
                page=number,
                title=number == 1,
                loose=True,
            )
        start = end + 2
    text, blocks = assemble(body, split_glued(body.text, segments))
    source = _source(name, data, "pdf", "utf-8", pdf_meta, meta, {}, text.text, blocks)
    return Document(source, original, text.text, text.offsets, blocks)


def _source(
    name: str,
    data: bytes,
    fmt: str,
    encoding: str,
    found: Mapping[str, str],
    meta: Mapping[str, str | None] | None,
    extra: dict[str, str],
    text: str,
    blocks: tuple[Block, ...],
) -> Source:
    """The Source: content-hash id, merged metadata, title from the text as a fallback."""
    fields, more = metadata(
        found, {k: v for k, v in (meta or {}).items() if v is not None}
    )
    if fields["title"] is None:
        first = next((b for b in blocks if b.kind == "title"), None)
        fields["title"] = text[first.start : first.end] if first else None
    digest = hashlib.sha256(data).hexdigest()
    return Source(
        id=digest[:12],
        path=name,
        sha256=digest,
        format=fmt,
        encoding=encoding,
        title=fields["title"],
        publisher=fields["publisher"],
        url=fields["url"],
        date=fields["date"],
        license=fields["license"],
        viewpoint=fields["viewpoint"],
        extra={**more, **extra},
    )
