"""ingest stage, HTML: a web page -> its main text as titled, headed paragraphs.

Consumes decoded HTML; produces the blocks of the main text (trafilatura drops
scripts, styles, navigation, footers and comments) as ``(kind, text)`` pairs, and the
page's metadata (title, site name, canonical URL, published date from meta tags only:
no guessing from copyright lines, no wall clock). The extracted text is the
document's "original": blocks joined by blank lines.

>>> page = ("<html><head><title>T</title></head><body><nav>Home</nav><article>"
...         "<h1>The Long Year</h1><p>" + "The committee met in March 1970. " * 3 +
...         "</p></article></body></html>")
>>> blocks, meta = extract_html("page.html", page)
>>> [kind for kind, _ in blocks], meta["title"]
(['title', 'paragraph'], 'The Long Year')
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import trafilatura

from datelines.errors import InputError
from datelines.model import BlockKind

# Published dates come from meta tags only; a fixed upper bound keeps the wall clock out.
DATE_PARAMS = {
    "extensive_search": False,
    "original_date": True,
    "max_date": "2999-12-31",
}
_SPACE = re.compile(r"[ \t\r\n]+")


def _words(element: ET.Element) -> str:
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def extract_html(
    path: str, html: str
) -> tuple[list[tuple[BlockKind, str]], dict[str, str]]:
    """The main text's blocks and the page metadata (``title``, ``publisher``, ...)."""
    xml = trafilatura.extract(
        html,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_formatting=False,
        date_extraction_params=DATE_PARAMS,
    )
    if not xml:
        raise _no_text(path)
    try:
        root = ET.fromstring(xml)
    except ET.ParseError:
        raise _no_text(path) from None
    main = root.find("main")
    blocks: list[tuple[BlockKind, str]] = []
    for element in [] if main is None else list(main):
        blocks.extend(_blocks(element, first=not blocks))
    blocks = [(kind, text) for kind, text in blocks if text]
    if not blocks:
        raise _no_text(path)
    meta = {
        key: _SPACE.sub(" ", value).strip()
        for key, value in (
            ("title", root.get("title")),
            ("publisher", root.get("sitename")),
            ("url", root.get("url")),
            ("date", root.get("date")),
            ("author", root.get("author")),
        )
        if value
    }
    return blocks, meta


def _blocks(element: ET.Element, *, first: bool) -> list[tuple[BlockKind, str]]:
    """The blocks of one child of trafilatura's ``<main>``."""
    tag = element.tag
    if tag == "head":
        return [
            (
                "title" if first and element.get("rend") == "h1" else "heading",
                _words(element),
            )
        ]
    if tag == "list":
        return [("paragraph", _words(item)) for item in element.iter("item")]
    if tag == "table":
        rows = []
        for row in element.iter("row"):
            cells = [_words(cell) for cell in row.iter("cell")]
            rows.append(("paragraph", " | ".join(c for c in cells if c)))
        return rows  # type: ignore[return-value]
    if tag in ("graphic", "ref"):
        return []
    return [("paragraph", _words(element))]


def _no_text(path: str) -> InputError:
    return InputError(
        path,
        "no main text found in the page (only scripts, styles or navigation?)",
        "save the article's text as .txt, or use the page's printable version",
    )
