"""Export stage: TimelineJS 3 JSON (Knight Lab), ``{"title", "events", "eras"}``.

Each event becomes a slide: ``start_date``/``end_date`` date objects built from the
DateClaim's ISO bounds at the precision of its TIMEX3 value (a year gives ``{"year"}``
only, a month adds ``month``; a decade, season or quarter becomes a range from its
first to its last day), ``display_date`` is the source's own words, ``group`` is the
source's title, ``unique_id`` the event id. TimelineJS reads ``text`` as HTML, so every
piece of source text is HTML-escaped. Events whose date has no bounds (``XXXX-06-20``)
cannot be placed and are left out.

>>> date_object("1971-08-01", "month")
{'year': 1971, 'month': 8}
>>> date_object("-0044-03-15", "day")
{'year': -44, 'month': 3, 'day': 15}
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from datelines.model import DateClaim, Era, Event, Source, granularity

Slide = dict[str, Any]


def date_object(iso: str, precision: str) -> dict[str, int]:
    """A TimelineJS date object from an ISO date, cut to ``year``/``month``/``day``."""
    negative = iso.startswith("-")
    year, month, day = (int(part) for part in iso.lstrip("-").split("-")[:3])
    data = {"year": -year if negative else year}
    if precision in ("month", "day"):
        data["month"] = month
    if precision == "day":
        data["day"] = day
    return data


def _dates(date: DateClaim) -> dict[str, Any] | None:
    if not date.start:  # "by 1988": open before, placed at its latest day
        return {"start_date": date_object(date.end, "day")} if date.end else None
    level = granularity(date.value)
    end_level = granularity(date.end_value) if date.end_value else level
    dates: dict[str, Any] = {}
    if level in ("year", "month", "day") and not date.end_value:
        dates["start_date"] = date_object(date.start, level)
        if date.end and level == "day" and date.end != date.start:
            dates["end_date"] = date_object(date.end, "day")
        return dates
    precise = "day" if "day" in (level, end_level) else "month"
    dates["start_date"] = date_object(date.start, precise)
    if date.end:
        dates["end_date"] = date_object(date.end, precise)
    return dates


def _text(event: Event, source: Source | None) -> str:
    attribution = event.attribution
    lines = [f"<blockquote>{escape(event.evidence.quote)}</blockquote>"]
    if attribution.asserted_by != "source" or attribution.hedged:
        said = escape(attribution.asserted_by)
        cue = escape(attribution.cue or attribution.hedge_cue or "")
        lines.append(
            f"<p>Attributed to {said}{f' ({cue})' if cue else ''}"
            f"{'; hedged' if attribution.hedged else ''}.</p>"
        )
    if event.figures:
        figures = "; ".join(escape(f.text or f"{f.value:g}") for f in event.figures)
        lines.append(f"<p>Figures: {figures}</p>")
    name = escape((source.title or source.path) if source else event.source)
    lines.append(
        f"<p>Source: {name}. Confidence {event.confidence:.2f}"
        f"{f'; reviewed ({escape(event.status)})' if event.reviewed else ''}.</p>"
    )
    return "\n".join(lines)


def to_timelinejs(
    sources: Iterable[Source],
    events: Iterable[Event],
    eras: Iterable[Era] = (),
    *,
    title: str | None = None,
) -> dict[str, Any]:
    """The TimelineJS JSON object for these events (one group per source)."""
    by_id = {s.id: s for s in sources}
    slides: list[Slide] = []
    for event in events:
        dates = _dates(event.date)
        if dates is None:
            continue
        source = by_id.get(event.source)
        slides.append(
            dates
            | {
                "display_date": event.date.text or event.date.value,
                "text": {
                    "headline": escape(event.summary),
                    "text": _text(event, source),
                },
                "group": (source.title or source.path) if source else event.source,
                "unique_id": event.id,
                "autolink": False,
            }
        )
    bands = []
    for era in eras:
        date = era.date
        if date.start and date.end:
            bands.append(
                {
                    "start_date": date_object(date.start, "day"),
                    "end_date": date_object(date.end, "day"),
                    "text": {"headline": escape(era.label)},
                }
            )
    data: dict[str, Any] = {"events": slides, "eras": bands}
    if title:
        data["title"] = {"text": {"headline": escape(title)}}
    return data
