"""ingest stage, characters: the normalized text NLP reads, mapped to the original.

Consumes a :class:`~datelines.ingest.offsets.Mapped` slice of the decoded file;
produces the same text with odd spaces made plain, curly quotes straight, dashes in
ranges made hyphens, zero-width characters and carriage returns dropped
(``data/characters.yaml``, one example per rule), and, for Markdown, inline markup
removed (emphasis, links, images, code ticks) so that only the words remain.

>>> normalize_chars(Mapped.of("It\\u2019s\\u00a010\\u200b km")).text
"It's 10 km"
>>> strip_markdown(Mapped.of("A **bold** [link](https://x.org) here")).text
'A bold link here'
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

import yaml

from datelines.ingest.offsets import Edit, Mapped


@functools.cache
def character_rules() -> dict[str, Any]:
    """The rules of ``data/characters.yaml`` (``replace`` and ``drop`` lists)."""
    text = (
        resources.files("datelines.ingest")
        .joinpath("data/characters.yaml")
        .read_text(encoding="utf-8")
    )
    rules: dict[str, Any] = yaml.safe_load(text)
    return rules


@functools.cache
def _tables() -> tuple[dict[int, str], frozenset[str]]:
    rules = character_rules()
    table = {ord(ch): rule["to"] for rule in rules["replace"] for ch in rule["chars"]}
    dropped = frozenset(ch for rule in rules["drop"] for ch in rule["chars"])
    return table, dropped


def normalize_chars(mapped: Mapped) -> Mapped:
    """Replace odd characters one for one and drop invisible ones (offsets follow).

    >>> m = normalize_chars(Mapped.of("a\\r\\nb"))
    >>> m.text, m.offsets
    ('a\\nb', (0, 2, 3, 4))
    """
    table, dropped = _tables()
    text = mapped.text.translate(table)
    if not any(ch in text for ch in dropped):
        return Mapped(text, mapped.offsets)
    edits = [(i, i + 1, "") for i, ch in enumerate(text) if ch in dropped]
    return Mapped(text, mapped.offsets).edit(edits)


# Markdown inline markup: each pattern keeps the groups named "keep" and drops the rest.
_MARKDOWN = re.compile(
    r"!?\[(?P<link>[^\]\n]*)\]\([^)\n]*\)"  # [words](url), ![alt](src)
    r"|(?P<m1>\*\*|__)(?P<strong>\S(?:[^\n]*?\S)?)(?P=m1)"  # **strong**, __strong__
    r"|(?<![\w*])\*(?P<em>[^\s*](?:[^\n*]*?[^\s*])?)\*(?![\w*])"  # *emphasis*
    r"|(?<!\w)_(?P<em2>[^\s_](?:[^\n_]*?[^\s_])?)_(?!\w)"  # _emphasis_
    r"|`(?P<code>[^`\n]+)`"  # `code`
)


def strip_markdown(mapped: Mapped) -> Mapped:
    """Drop Markdown inline markup, keeping the words (headings are left to layout).

    >>> strip_markdown(Mapped.of("the *Savak* and __SAVAK__ and snake_case_name")).text
    'the Savak and SAVAK and snake_case_name'
    """
    edits: list[Edit] = []
    for m in _MARKDOWN.finditer(mapped.text):
        kept = next(
            g for g in ("link", "strong", "em", "em2", "code") if m.group(g) is not None
        )
        start, end = m.span(kept)
        edits.append((m.start(), start, ""))
        edits.append((end, m.end(), ""))
    return mapped.edit(e for e in edits if e[0] < e[1]) if edits else mapped
