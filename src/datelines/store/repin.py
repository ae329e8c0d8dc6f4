"""Store stage: carry a reviewed event over to a new version of its document.

When a file changes, machine events are extracted again, but an event a person
reviewed is kept. Its evidence offsets are found again by looking for the same quote
in the new original text (the occurrence nearest the old position); the date span and
the enclosing paragraph move with it. When the quote is gone the event is kept with
its old evidence and flagged ``evidence_missing``.

>>> from datelines.model import DateClaim, Event, Evidence, Document, Source
>>> src = Source(id="s2", path="a.txt", sha256="x")
>>> doc = Document(source=src, original="New intro. It rained.", text="New intro. It rained.",
...                offsets=tuple(range(22)))
>>> old = Event(id="e", source="s1", kind="k", summary="rain",
...             date=DateClaim(value="1990", text="1990"),
...             evidence=Evidence(quote="It rained.", start=0, end=10))
>>> event, found = repin(old, doc)
>>> (event.source, event.evidence.start, event.evidence.end, found)
('s2', 11, 21, True)
"""

from __future__ import annotations

from datelines.model import DateClaim, Document, Event, Evidence


def _occurrences(text: str, quote: str) -> list[int]:
    found, at = [], text.find(quote)
    while at >= 0 and quote:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def paragraph_at(document: Document, start: int, end: int) -> tuple[int, int] | None:
    """The original-text span of the block that holds ``start:end``, if any."""
    for block in document.blocks:
        if block.end <= block.start or block.end > len(document.text):
            continue
        first, last = document.to_original(block.start, block.end)
        if first <= start and end <= last:
            return first, last
    return None


def repin(event: Event, document: Document) -> tuple[Event, bool]:
    """The event moved onto ``document``; ``False`` when its quote is no longer there."""
    evidence = event.evidence
    places = _occurrences(document.original, evidence.quote)
    if not places:
        return event.replace(source=document.source.id), False
    start = min(places, key=lambda at: (abs(at - evidence.start), at))
    end = start + len(evidence.quote)
    shift = start - evidence.start
    date = event.date
    if date.span is not None:
        span_start, span_end = date.span[0] + shift, date.span[1] + shift
        moved = document.original[span_start:span_end] == date.text
        date = DateClaim(
            value=date.value,
            text=date.text,
            start=date.start,
            end=date.end,
            mod=date.mod,
            anchor=date.anchor,
            anchor_text=date.anchor_text,
            end_value=date.end_value,
            span=(span_start, span_end) if moved and span_start >= 0 else None,
        )
    new_evidence = Evidence(
        quote=evidence.quote,
        start=start,
        end=end,
        paragraph=paragraph_at(document, start, end),
    )
    moved_event = event.replace(
        source=document.source.id, evidence=new_evidence, date=date
    )
    return moved_event, True
