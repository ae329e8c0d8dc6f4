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

import lxml.html
import trafilatura
from lxml import etree

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
    root = _parse(xml)
    main = root.find("main") if root is not None else None
    blocks: list[tuple[BlockKind, str]] = []
    for element in [] if main is None else list(main):
        blocks.extend(_blocks(element, first=not blocks))
    blocks = [(kind, text) for kind, text in blocks if text]
    if len(blocks) <= 1:
        blocks = _plain_blocks(html) or blocks  # a short page trafilatura ran together
    if not blocks:
        raise _no_text(path)
    attributes = root.attrib if root is not None else {}
    meta = {
        key: _SPACE.sub(" ", value).strip()
        for key, value in (
            ("title", attributes.get("title")),
            ("publisher", attributes.get("sitename")),
            ("url", attributes.get("url")),
            ("date", attributes.get("date")),
            ("author", attributes.get("author")),
        )
        if value
    }
    return blocks, meta


def _parse(xml: str | None) -> ET.Element | None:
    if not xml:
        return None
    try:
        return ET.fromstring(xml)
    except ET.ParseError:
        return None


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


_DROP = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "template",
)
_BLOCK_TAGS = {f"h{i}" for i in range(1, 7)} | {
    "p",
    "li",
    "blockquote",
    "pre",
    "figcaption",
}


def _plain_blocks(html: str) -> list[tuple[BlockKind, str]]:
    """Block elements of a short page, outside navigation and scripts (lxml).

    >>> _plain_blocks("<nav><p>Menu</p></nav><h1>T</h1><p>One.</p><figcaption>F</figcaption>")
    [('title', 'T'), ('paragraph', 'One.'), ('caption', 'F')]
    """
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    for element in tree.iter(*_DROP):
        element.drop_tree()
    blocks: list[tuple[BlockKind, str]] = []
    for element in tree.iter(*_BLOCK_TAGS):
        if any(parent.tag in _BLOCK_TAGS for parent in element.iterancestors()):
            continue
        text = _SPACE.sub(" ", element.text_content()).strip()
        kind: BlockKind = "paragraph"
        if element.tag == "figcaption":
            kind = "caption"
        elif element.tag.startswith("h"):
            kind = "title" if element.tag == "h1" and not blocks else "heading"
        if text:
            blocks.append((kind, text))
    return blocks


def _no_text(path: str) -> InputError:
    return InputError(
        path,
        "no main text found in the page (only scripts, styles or navigation?)",
        "save the article's text as .txt, or use the page's printable version",
    )
