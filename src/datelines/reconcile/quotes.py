"""reconcile stage: the exact sentence that carries a disputed value.

An event's evidence is one sentence, but a figure or a date may have been taken from a
neighbouring sentence (the extractor notes that). A conflict's claim should quote the
words that hold the value, so :class:`QuoteFinder` looks for the value's text in the
evidence first, then near it in the source's original text, and returns the enclosing
sentence exactly as written; without the text it keeps the evidence quote.

>>> from datelines.model import DateClaim, Event, Evidence
>>> text = "The fair opened in 1901. Some 4,000 people came."
>>> ev = Event(id="e", source="s", kind="fair", summary="fair",
...            date=DateClaim(value="1901", text="1901"),
...            evidence=Evidence(quote="The fair opened in 1901.", start=0, end=24))
>>> find = QuoteFinder({"s": text})
>>> find.sentence(ev, "4,000")
'Some 4,000 people came.'
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from typing import TYPE_CHECKING

from datelines.model import Event, strip_span

if TYPE_CHECKING:
    from datelines.reconcile.features import Item

NEAR = 1500  # characters either side of the evidence searched for a value
BOUNDARY = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]?\s+(?=[A-Z0-9\u201c\"'(])|\n\s*\n|\n")


class QuoteFinder:
    """Callable ``(item, value_text) -> quote`` used by the conflict checks."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = texts
        self._breaks: dict[str, tuple[list[int], list[int]]] = {}

    def _span(self, source: str, pos: int) -> tuple[int, int]:
        """:func:`sentence_span` with the source's sentence breaks found once."""
        text = self.texts[source]
        if source not in self._breaks:
            found = [(m.start(), m.end()) for m in BOUNDARY.finditer(text)]
            self._breaks[source] = ([s for s, _ in found], [e for _, e in found])
        starts, ends = self._breaks[source]
        i = bisect_right(ends, pos)  # breaks that end at or before pos
        start = ends[i - 1] if i else 0
        j = bisect_left(starts, pos)  # the first break that starts at or after pos
        end = starts[j] if j < len(starts) else len(text)
        return strip_span(text, start, max(start, end))

    def __call__(self, item: Item, value_text: str) -> str:
        return self.sentence(item.event, value_text)

    def whole_sentence(self, event: Event) -> str:
        """The sentence that holds the evidence (the evidence itself when unknown)."""
        text = self.texts.get(event.source)
        ev = event.evidence
        if not text or text[ev.start : ev.end] != ev.quote:
            return ev.quote
        start, end = self._span(event.source, ev.start)
        whole = text[start:end]
        return whole if ev.quote in whole else ev.quote

    def previous(self, event: Event) -> str:
        """The sentence before the one that holds the evidence ("" when unknown).

        >>> from datelines.model import DateClaim, Evidence
        >>> ev = Event(id="e", source="s", kind="fair", summary="fair",
        ...            date=DateClaim(value="1901", text="1901"),
        ...            evidence=Evidence(quote="It was calm.", start=25, end=37))
        >>> QuoteFinder({"s": "The fair opened in 1901. It was calm."}).previous(ev)
        'The fair opened in 1901.'
        """
        text = self.texts.get(event.source)
        ev = event.evidence
        if not text or text[ev.start : ev.end] != ev.quote:
            return ""
        start, _ = self._span(event.source, ev.start)
        pos = start - 1
        while pos > 0 and text[pos].isspace():
            pos -= 1
        if pos <= 0:
            return ""
        s, e = self._span(event.source, pos)
        return text[s:e] if e <= start else ""

    def following(self, event: Event, *, count: int = 3) -> list[str]:
        """Up to ``count`` sentences after the evidence (exact text), within ``NEAR``.

        >>> from datelines.model import DateClaim, Evidence
        >>> ev = Event(id="e", source="s", kind="fair", summary="fair",
        ...            date=DateClaim(value="1901", text="1901"),
        ...            evidence=Evidence(quote="The fair opened in 1901.", start=0, end=24))
        >>> QuoteFinder({"s": "The fair opened in 1901. It was calm. Crowds came."}).following(ev)
        ['It was calm.', 'Crowds came.']
        """
        text = self.texts.get(event.source)
        ev = event.evidence
        if not text or text[ev.start : ev.end] != ev.quote:
            return []
        out: list[str] = []
        pos = ev.end
        limit = min(len(text), ev.end + NEAR)
        while len(out) < count and pos < limit:
            m = re.search(r"\S", text[pos:limit])
            if m is None:
                break
            s_start, s_end = self._span(event.source, pos + m.start())
            if s_end <= pos:
                break
            out.append(text[max(s_start, pos + m.start()) : s_end])
            pos = s_end
        return out

    def sentence(self, event: Event, value_text: str) -> str:
        quote = event.evidence.quote
        if not value_text or value_text in quote:
            return quote
        text = self.texts.get(event.source)
        if not text:
            return quote
        lo, hi = event.evidence.paragraph or (
            max(0, event.evidence.start - NEAR), min(len(text), event.evidence.end + NEAR)
        )
        window = text[lo:hi]
        hits = [m.start() + lo for m in re.finditer(re.escape(value_text), window)]
        if not hits:
            return quote
        pos = min(hits, key=lambda h: abs(h - event.evidence.start))
        start, end = self._span(event.source, pos)
        return text[start:end]


def sentence_at(text: str, pos: int) -> str:
    """The sentence of ``text`` that holds character ``pos``.

    >>> sentence_at("One. Two here. Three.", 6)
    'Two here.'
    """
    start, end = sentence_span(text, pos)
    return text[start:end]


def sentence_span(text: str, pos: int) -> tuple[int, int]:
    """Offsets of the sentence that holds ``pos``, surrounding spaces left out."""
    start, end = 0, len(text)
    for m in BOUNDARY.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return strip_span(text, start, end)


