"""The story a narrative tells: which date is the anchor of the next relative one.

Stage: ``nlp.temporal``. :class:`Story` holds the reading state (the document date,
the last anchor the text gave); :func:`moves_anchor` decides whether a resolved date
becomes the anchor. In a narrative the anchor is the last date of the main thread:
asides do not move it -- a bare year deep inside a sentence, a date that names a
thing ("the June 4, 1967 line", "the 1967 borders"), a flashback (an earlier date in
parentheses or in a past-perfect or relative clause: "which had fallen in 1915").

>>> from datelines.nlp.temporal import tag
>>> text = ("On 3 May 1920 the army crossed the river, which it had last crossed "
...         "in March 1915. Eight days later it took the city.")
>>> tag(text)[-1].value
'1920-05-11'
"""

from __future__ import annotations

import re

from datelines.nlp.temporal.lexicon import lexicon
from datelines.nlp.temporal.normalize import Spec
from datelines.nlp.temporal.resolve import Reference, point
from datelines.nlp.temporal.scanner import Found
from datelines.nlp.temporal.timex import bounds

__all__ = ["ASIDE", "Story", "moves_anchor"]

_STRONG_DCT = {"ago", "hence", "from now", "from today"}
_DEICTIC = {"yesterday", "today", "tomorrow", "the day before yesterday",
            "the day after tomorrow", "tonight"}  # fmt: skip


class Story:
    """The reading state: the document date and the last anchor the text gave."""

    def __init__(self, dct: str | None, mode: str) -> None:
        self.mode = mode
        self.dct = Reference(dct, dct, "document") if dct and point(dct) else None
        self.context: Reference | None = None

    def base(self, spec: Spec, found: Found) -> Reference | None:
        groups = {k: v.lower() for k, v in found.groups.items()}
        strong = groups.get("dir") in _STRONG_DCT or groups.get("named") in _DEICTIC
        if self.mode == "news":
            quarter = self.context is not None and "-Q" in self.context.value
            a_year = spec.unit == "year" and "rel" not in groups  # "a year ago"
            if spec.kind == "shift" and (spec.base == "context" or (
                quarter and a_year and groups.get("named") not in _DEICTIC
            )):  # fmt: skip
                return self.context or self.dct
            return self.dct or self.context
        if strong:
            return self.dct or self.context
        return self.context

    def update(self, value: str, text: str, origin: str) -> None:
        if point(value) is None:
            return
        current = self.context.value if self.context else ""
        if current.startswith(value) and origin != "heading":
            return  # a coarser mention of the same period keeps the finer anchor
        self.context = Reference(value, text, origin)



def moves_anchor(
    text: str, spec: Spec, value: str, found: Found, sent: tuple[int, int], *,
    story: Story,
) -> bool:  # fmt: skip
    """Whether the date ``found`` (resolved to ``value``) becomes the story's anchor.

    "The 1988 period" in a quarterly report is the comparison, not a new focus: the
    "a year earlier" after it is still the year before the quarter in focus.
    """
    quarter = found.rule.consts.get("unit") == "quarter"
    if quarter and spec.part is None and spec.year is not None:
        return False
    if not _moves(spec, value, story, found.start - sent[0]):
        return False
    if story.mode != "narrative" or story.context is None:
        return True  # with no anchor yet, any date is better than none
    if _names_something(text, found):
        return False
    return not _flashback(text, value, found, sent, story.context)


def _moves(spec: Spec, value: str, story: Story, offset: int) -> bool:
    """Whether a resolved date becomes the story's anchor.

    In news only calendar dates do (relative ones lean on the document date). In a
    narrative a bare year deep inside a sentence ("elections planned for 1976") does
    not displace a finer anchor: it is more often an aside than a move of the story.
    """
    if story.mode == "news":  # only dates the text states; not "the year-ago period"
        return spec.kind == "date" and not spec.year_shift and not spec.rel
    current = point(story.context.value) if story.context else None
    year_only = re.fullmatch(r"\d{4}", value) is not None
    if year_only and current is not None and current.month and offset > ASIDE:
        return False
    return True


ASIDE = 30  # characters from the sentence start
_OPEN_QUOTE = re.compile(r"[\"“‘']$")
_CLOSE_QUOTE = re.compile(r"^[,.]?[\"”’']")
_NOUN_AFTER = re.compile(r"^ ([a-z][a-z-]+)\b")
_DETERMINER = re.compile(r"(?:\b(?:the|a|an)|'s|’s)\s+$", re.IGNORECASE)


def _names_something(text: str, found: Found) -> bool:
    """A date used as a name, not as the time of the story: it keeps its value but
    does not become the anchor ("the 1967 borders", "the June 4, 1967 line", a quoted
    “June 4, 1967”).

    >>> from datelines.nlp.temporal.scanner import scan
    >>> t = "They spoke of the 1967 borders in 1994."
    >>> [_names_something(t, f) for f in scan(t)]
    [True, False]
    """
    before = text[max(0, found.start - 12) : found.start]
    after = text[found.end : found.end + 30]
    if _OPEN_QUOTE.search(before) and _CLOSE_QUOTE.match(after):
        return True
    noun = _NOUN_AFTER.match(after)
    lex = lexicon()
    return bool(
        noun
        and _DETERMINER.search(before)
        and noun.group(1) not in lex.not_nouns
        and noun.group(1) not in lex.event_nouns
        and noun.group(1).removesuffix("s") not in lex.event_nouns
    )



_CLAUSE_EDGE = re.compile(r"[,;:()\u2014]|\s[-\u2013]\s")
_FLASHBACK = re.compile(r"\b(?:had|which|whom|whose|who|where)\b(?! to\b)", re.I)


def _flashback(
    text: str, value: str, found: Found, sent: tuple[int, int], current: Reference
) -> bool:
    """An earlier date told as an aside: inside parentheses, or in a clause with a
    past perfect or a relative pronoun ("which it had taken in March 1915")."""
    first, _ = bounds(value)
    now, _ = bounds(current.value)
    if first is None or now is None or first >= now:
        return False
    start, end = sent
    left = text[start : found.start]
    right = text[found.end : end]
    opened = left.rfind("(") > left.rfind(")")
    if opened and ")" in right:
        return True
    edges = [m.end() for m in _CLAUSE_EDGE.finditer(left)]
    clause_start = start + (edges[-1] if edges else 0)
    close = _CLAUSE_EDGE.search(right)
    clause_end = found.end + (close.start() if close else len(right))
    clause = text[clause_start:found.start] + " " + text[found.end : clause_end]
    return _FLASHBACK.search(clause) is not None
