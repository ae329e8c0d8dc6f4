"""ingest stage, structure: lines of normalized text -> title, headings, paragraphs, captions.

Consumes normalized text (a :class:`~datelines.ingest.offsets.Mapped`); produces
:class:`Segment` spans and, through :func:`assemble`, the final ``Document.text`` with
its :class:`~datelines.model.Block` tuple. The rules are general, not tuned to a file:

* Lines without a letter or digit (rules, ornaments) only separate blocks.
* A paragraph is one line in long-line text (web copies), or a run of wrapped lines
  (hard-wrapped text: the 90th-percentile line has 40-100 characters, few run past
  120); a short
  line, a list item or a ``Key: value`` field ends a wrapped paragraph.
* A heading is a short line without final punctuation that stands alone: a blank line
  (or the end) after it, and before it a blank line, the start, or a finished sentence.
  Markdown ``#`` lines are headings. The first block is the title when it is a heading.
* A caption glued onto the next paragraph with no space (``...BadizadeganDuring the
  first years``) is split off (``data/glued.yaml``), and ``assemble`` puts a line break
  at the split, so offsets are not the identity there.

>>> text = "A Short History\\n\\nIt began in 1965.\\nThe Early Years\\n\\nThey met often."
>>> [(s.kind, text[s.start:s.end]) for s in layout(text)]
[('title', 'A Short History'), ('paragraph', 'It began in 1965.'), \
('heading', 'The Early Years'), ('paragraph', 'They met often.')]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import yaml

from datelines.ingest.offsets import Builder, Mapped
from datelines.model import Block, BlockKind

MAX_HEADING_CHARS = 150
MAX_HEADING_WORDS = 20
WRAP_WIDTH = (40, 100)  # a text whose 90th-percentile line is in this range is wrapped
LONG_LINE = 120  # more than a few lines this long: the text is not hard-wrapped
SHORT_LINE = 0.6  # a wrapped line shorter than this share of the width ends a paragraph

_SENTENCE = (".", "!", "?", '."', '!"', '?"', ".)")
_TERMINAL = (".", "!", "?", ",", ";", ":", '."', '!"', '?"', ".'", ".)")
_LIST = re.compile(r"\s*(?:[-*+\u2022]|\d{1,3}[.)])\s+(?=\S)")
_FIELD = re.compile(r"\s*[A-Z][A-Za-z()' /-]{0,30}:\s+\S")  # "Location: Tehran"
_MD_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_LINE = re.compile(r"[^\n]*")


@dataclass(frozen=True)
class Segment:
    """A block in the coordinates of the text being laid out."""

    kind: BlockKind
    start: int
    end: int
    page: int | None = None


@dataclass(frozen=True)
class _Line:
    start: int  # first non-space character
    end: int  # after the last non-space character (== start when blank)
    heading: bool = False  # a Markdown '#' heading (start/end exclude the marks)
    item: bool = False  # a list item (start excludes the bullet or number)

    @property
    def blank(self) -> bool:
        return self.start == self.end


def _lines(text: str, start: int, end: int, *, markdown: bool) -> list[_Line]:
    lines = []
    for m in _LINE.finditer(text, start, end):
        if m.start() == m.end() and m.start() > start and text[m.start() - 1] != "\n":
            continue  # the empty match after a line's last character
        raw = m.group()
        s = m.start() + len(raw) - len(raw.lstrip())
        e = m.start() + len(raw.rstrip())
        if not any(ch.isalnum() for ch in raw):
            lines.append(_Line(m.start(), m.start()))  # blank, rule or "* * *"
            continue
        if markdown and (h := _MD_HEADING.match(raw)):
            e = m.start() + len(raw.rstrip().rstrip("#").rstrip())
            lines.append(_Line(min(m.start() + h.end(), e), e, heading=True))
            continue
        if item := _LIST.match(raw):
            s = m.start() + item.end()
        lines.append(_Line(s, max(s, e), item=bool(item)))
    return lines


def heading_like(line: str) -> bool:
    """A short line without final punctuation that could be a heading.

    >>> heading_like("1971-1975: Arrests and Splits"), heading_like("It ended.")
    (True, False)
    """
    line = line.strip()
    return (
        0 < len(line) <= MAX_HEADING_CHARS
        and len(line.split()) <= MAX_HEADING_WORDS
        and not line.endswith(_TERMINAL)
        and (line[0].isalnum() or line[0] in "\"'(")
        and any(ch.isalpha() for ch in line)
        and not _LIST.match(line)
    )


def _wrap_width(text: str, lines: list[_Line]) -> int | None:
    """The line width of hard-wrapped text, or None for one-line paragraphs.

    Hard-wrapped: the 90th-percentile line has 40-100 characters and almost no line
    (at most one line, or under 10%) runs past 120 (a web copy's long paragraphs would).
    """
    widths = sorted(line.end - line.start for line in lines if not line.blank)
    if len(widths) < 3:
        return None
    width = widths[int(0.9 * (len(widths) - 1))]
    long_lines = sum(1 for w in widths if w > LONG_LINE)
    if long_lines > max(1.0, 0.1 * len(widths)) or not WRAP_WIDTH[0] <= width <= WRAP_WIDTH[1]:
        return None
    return width


def layout(
    text: str,
    *,
    start: int = 0,
    end: int | None = None,
    markdown: bool = False,
    page: int | None = None,
    title: bool = True,
    loose: bool = False,
) -> list[Segment]:
    """Find the blocks of ``text[start:end]`` (``title``: the first may be the title).

    ``loose`` is for text without blank lines (PDF pages): see ``_standalone_heading``.

    >>> text = ("Date: 1988\\nPlace: Tehran\\n\\n"
    ...         "A hard-wrapped paragraph goes on and on here,\\n"
    ...         "line after line, until it stops at the end.\\n"
    ...         "Short last line.")
    >>> [len(text[s.start:s.end]) for s in layout(text)]
    [10, 13, 106]
    """
    stop = len(text) if end is None else end
    lines = _lines(text, start, stop, markdown=markdown)
    width = _wrap_width(text, lines)
    groups: list[list[int]] = []
    for i, line in enumerate(lines):
        if line.blank:
            continue
        prev = lines[i - 1] if i else None
        if (
            groups
            and prev is not None
            and _continues(text, prev, line, width)
            and not _standalone_heading(text, lines, i, width=width, loose=loose)
        ):
            groups[-1].append(i)
        else:
            groups.append([i])
    segments: list[Segment] = []
    for group in groups:
        first, last = lines[group[0]], lines[group[-1]]
        kind: BlockKind = "paragraph"
        if first.heading or _standalone_heading(
            text, lines, group[0], width=width, loose=loose
        ):
            kind = "title" if title and not segments else "heading"
        segments.append(Segment(kind, first.start, last.end, page))
    return segments


def _continues(text: str, prev: _Line, line: _Line, width: int | None) -> bool:
    """Whether ``line`` carries on the wrapped paragraph that ``prev`` belongs to."""
    if width is None or prev.blank or prev.heading or line.heading or line.item:
        return False
    before, after = text[prev.start : prev.end], text[line.start : line.end]
    return not (
        prev.end - prev.start < SHORT_LINE * width
        or _FIELD.match(before)
        or _FIELD.match(after)
    )


def _standalone_heading(
    text: str, lines: list[_Line], i: int, *, width: int | None, loose: bool = False
) -> bool:
    """A heading-like line alone: blank (or the end) after it, blank or a sentence before.

    In wrapped text a short heading-like line after a blank line is a heading even when
    text follows at once (no wrapped paragraph starts with a short line). ``loose``
    (PDF text, which has no blank lines) also takes a short line after a finished
    sentence and before a capitalized line.
    """
    line = lines[i]
    if line.item or not heading_like(text[line.start : line.end]):
        return False
    prev = lines[i - 1] if i else None
    after_break = prev is None or prev.blank
    after_sentence = prev is not None and text[prev.start : prev.end].endswith(
        _SENTENCE
    )
    following = lines[i + 1] if i + 1 < len(lines) else None
    if following is None or following.blank:
        return after_break or after_sentence
    short = line.end - line.start < SHORT_LINE * (width or WRAP_WIDTH[1])
    if loose:
        starts_upper = (
            text[following.start].isupper() or text[following.start].isdigit()
        )
        return short and (after_break or after_sentence) and starts_upper
    return after_break and width is not None and short


@functools.cache
def glue_rules() -> dict[str, Any]:
    """``data/glued.yaml``: sentence openers, kept camel-case words, examples."""
    data = resources.files("datelines.ingest").joinpath("data/glued.yaml")
    rules: dict[str, Any] = yaml.safe_load(data.read_text(encoding="utf-8"))
    return rules


_CAMEL = re.compile(
    r"(?<![\w/.@#])([A-Za-z][a-z]{2,}|\d{4})([A-Z][a-z]+)(?=[^A-Za-z]|$)"
)
_CAMEL_WORD = re.compile(r"[A-Za-z]+")
_YEAR_HEADING = re.compile(r"(?<=[a-z])\d{4}(?:\s?-\s?\d{2,4})?:\s")


def glue_points(text: str) -> list[int]:
    """Where a caption is glued onto the following text (split before these indices).

    >>> glue_points("Ali Asghar BadizadeganDuring those years, they read.")
    [22]
    >>> glue_points("It was sold by ThyssenKrupp. During the year, it sank.")
    []
    """
    rules = glue_rules()
    openers, keep = set(rules["openers"]), {w.lower() for w in rules["keep"]}
    points = []
    for m in _CAMEL.finditer(text):
        word = _CAMEL_WORD.match(text, m.start())
        whole = word.group().lower() if word else ""
        if m.group(2).lower() in openers and whole not in keep:
            points.append(m.start(2))
    for m in _YEAR_HEADING.finditer(text):
        rest_end = text.find("\n", m.start())
        rest = text[m.start() : len(text) if rest_end < 0 else rest_end]
        if heading_like(rest):
            points.append(m.start())
    return sorted(set(points))


def split_glued(text: str, segments: list[Segment]) -> list[Segment]:
    """Split glued captions off paragraph segments (see :func:`glue_points`).

    Every piece before a split point is a caption; the last piece keeps the segment's
    kind, or becomes a heading when it is a glued year heading.

    >>> text = "A rally, 1982After the rally, they left."
    >>> [(s.kind, text[s.start:s.end]) for s in split_glued(text, [Segment("paragraph", 0, 40)])]
    [('caption', 'A rally, 1982'), ('paragraph', 'After the rally, they left.')]
    """
    out: list[Segment] = []
    for seg in segments:
        points = glue_points(text[seg.start : seg.end])
        if not points:
            out.append(seg)
            continue
        cuts = [seg.start, *(seg.start + p for p in points), seg.end]
        for a, b in zip(cuts, cuts[1:], strict=False):
            last = b == seg.end
            kind: BlockKind = "caption"
            if last:
                kind = "heading" if _YEAR_HEADING.match(text, a) else seg.kind
            out.append(replace(seg, kind=kind, start=a, end=b))
    return out


def assemble(
    mapped: Mapped, segments: list[Segment]
) -> tuple[Mapped, tuple[Block, ...]]:
    """Build ``Document.text`` from the segments, with their blocks.

    Between blocks only the line breaks of the source remain; inside a block, line
    breaks become spaces; where two blocks touch (a split caption), a line break is
    inserted, mapped to the first character of the second block.

    >>> m, blocks = assemble(Mapped.of("CapThe text\\n\\nNext"),
    ...     [Segment("caption", 0, 3), Segment("paragraph", 3, 11), Segment("heading", 13, 17)])
    >>> m.text, [(b.kind, b.start, b.end) for b in blocks]
    ('Cap\\nThe text\\n\\nNext', [('caption', 0, 3), ('paragraph', 4, 12), ('heading', 14, 18)])
    """
    builder = Builder(mapped)
    blocks = []
    prev_end: int | None = None
    for seg in segments:
        if prev_end is not None:
            breaks = [i for i in range(prev_end, seg.start) if mapped.text[i] == "\n"]
            for i in breaks:
                builder.copy(i, i + 1)
            if not breaks:
                builder.insert("\n", at=seg.start)
        start = builder.pos
        builder.copy(seg.start, seg.end, joined=True)
        blocks.append(Block(seg.kind, start, builder.pos, seg.page))
        prev_end = seg.end
    return builder.build(), tuple(blocks)
