"""Render stage: one self-contained HTML timeline (vis-timeline, inlined).

Consumes sources, events, eras (model objects), optionally the documents (to show each
quote inside its paragraph) and the conflicts found by ``reconcile``; produces one HTML
file that works from ``file://`` with no network: vis-timeline's standalone build and
its CSS are read from ``node_modules`` and inlined, and so are our template, CSS and JS
(``templates/``).

A lane per source; a date vaguer than a day (month, season, year, decade) is drawn as a
range over its bounds; eras are background bands; conflicts are markers in their own
lane that select both claims. All source text travels as JSON inside a
``<script type="application/json">`` (``<``, ``>``, ``&`` escaped) and the page's JS
writes it with ``textContent`` only.

>>> safe_json({"quote": "</script><b>"})
'{"quote": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from html import escape
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from datelines.errors import DatelinesError
from datelines.model import Document, Era, Event, Source, granularity
from datelines.store import codec

if TYPE_CHECKING:
    from datelines.store import Store

VIS_JS = "vis-timeline/standalone/umd/vis-timeline-graph2d.min.js"
VIS_CSS = "vis-timeline/styles/vis-timeline-graph2d.min.css"
CONTEXT = 300  # characters shown around a quote when its paragraph is unknown
_MARKER = re.compile(r"@@(TITLE|VIS_CSS|APP_CSS|VIS_JS|APP_JS|DATA|LIST)@@")


def safe_json(data: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&`` or line separators."""
    text = json.dumps(data, ensure_ascii=False)
    for char, code in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, code)
    return text


def find_node_modules() -> Path:
    """The ``node_modules`` folder holding vis-timeline (env, cwd upwards, repo root)."""
    candidates = []
    if os.environ.get("DATELINES_NODE_MODULES"):
        candidates.append(Path(os.environ["DATELINES_NODE_MODULES"]))
    here = Path.cwd().resolve()
    candidates += [folder / "node_modules" for folder in (here, *here.parents)]
    candidates.append(Path(__file__).resolve().parents[3] / "node_modules")
    for folder in candidates:
        if (folder / VIS_JS).is_file() and (folder / VIS_CSS).is_file():
            return folder
    raise DatelinesError(
        "cannot render the timeline: vis-timeline is missing (no node_modules/"
        f"{VIS_JS}); run `make setup` (or `npm ci`) in the datelines folder"
    )


def _template(name: str) -> str:
    return (
        resources.files("datelines.render")
        .joinpath("templates", name)
        .read_text(encoding="utf-8")
    )


def _item_dates(event_date: Any) -> dict[str, Any] | None:
    """vis-timeline start/end (and type) from a DateClaim's bounds and granularity."""
    if not event_date.start:
        if event_date.end:  # "by 1988": open before, drawn at its latest day
            return {"start": event_date.end, "type": "box", "open": "before"}
        return None
    level = granularity(event_date.value)
    end = event_date.end or event_date.start
    if level == "day" and end == event_date.start and not event_date.end_value:
        return {"start": event_date.start, "type": "box"}
    after = (date.fromisoformat(end) + timedelta(days=1)).isoformat()
    return {"start": event_date.start, "end": after, "type": "range"}


def _passage(event: Event, document: Document | None) -> dict[str, Any]:
    """The paragraph around the quote, and where the quote sits in it."""
    evidence = event.evidence
    if (
        document is None
        or document.original[evidence.start : evidence.end] != evidence.quote
    ):
        return {"text": evidence.quote, "start": 0, "end": len(evidence.quote)}
    first, last = evidence.paragraph or (
        max(0, evidence.start - CONTEXT),
        min(len(document.original), evidence.end + CONTEXT),
    )
    first, last = min(first, evidence.start), max(last, evidence.end)
    return {
        "text": document.original[first:last],
        "start": evidence.start - first,
        "end": evidence.end - first,
        "cut_before": first > 0 and not evidence.paragraph,
        "cut_after": last < len(document.original) and not evidence.paragraph,
    }


def timeline_data(
    sources: Sequence[Source],
    events: Iterable[Event],
    eras: Iterable[Era] = (),
    *,
    documents: Mapping[str, Document] | None = None,
    conflicts: Iterable[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """The JSON the page reads: groups, items, eras, conflicts (all plain data)."""
    documents = documents or {}
    items, undated = [], []
    for event in events:
        record = codec.event_to_dict(event)
        record["passage"] = _passage(event, documents.get(event.source))
        record["granularity"] = granularity(event.date.value)
        dates = _item_dates(event.date)
        if dates is None:
            undated.append(record)
        else:
            items.append(record | {"vis": dates})
    bands = [
        codec.era_to_dict(era) | {"vis": _item_dates(era.date)}
        for era in eras
        if era.date.start
    ]
    return {
        "groups": [codec.source_to_dict(s) for s in sources],
        "items": items,
        "undated": undated,
        "eras": bands,
        "conflicts": [dict(c) for c in conflicts],
    }


def _list(sources: Sequence[Source], events: Iterable[Event]) -> str:
    """A plain HTML table of every event (works without JS; escaped server-side)."""
    names = {s.id: s.title or s.path for s in sources}
    rows = [
        f"<tr><td>{escape(e.date.value)}</td><td>{escape(names.get(e.source, e.source))}</td><td>{escape(e.summary)}</td><td>{escape(e.evidence.quote)}</td></tr>"
        for e in events
    ]
    head = "<tr><th>Date</th><th>Source</th><th>Event</th><th>Quote</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def render_html(
    sources: Iterable[Source],
    events: Iterable[Event],
    eras: Iterable[Era] = (),
    *,
    documents: Mapping[str, Document] | None = None,
    conflicts: Iterable[Mapping[str, Any]] = (),
    title: str | None = None,
) -> str:
    """One self-contained HTML page showing the timeline (no network needed)."""
    modules = find_node_modules()
    sources, events = list(sources), list(events)
    data = timeline_data(
        sources, events, eras, documents=documents, conflicts=conflicts
    )
    if title is None:
        title = sources[0].title or sources[0].path if len(sources) == 1 else "Timeline"
    parts = {
        "TITLE": escape(title or "Timeline"),
        "VIS_CSS": (modules / VIS_CSS).read_text(encoding="utf-8"),
        "APP_CSS": _template("timeline.css"),
        "VIS_JS": (modules / VIS_JS).read_text(encoding="utf-8"),
        "APP_JS": _template("timeline.js"),
        "DATA": safe_json(data | {"title": title}),
        "LIST": _list(sources, events),
    }
    for name in ("VIS_JS", "APP_JS", "VIS_CSS", "APP_CSS"):
        if re.search(r"</(script|style)", parts[name], re.I):
            raise DatelinesError(f"cannot inline {name}: it contains a closing tag")
    return _MARKER.sub(lambda m: parts[m.group(1)], _template("timeline.html"))


def render_store(
    store: Store,
    *,
    sources: Iterable[str] | None = None,
    min_confidence: float = 0.0,
    conflicts: bool = True,
    title: str | None = None,
) -> str:
    """The timeline page of what ``store`` holds (the given source ids, or all).

    With ``conflicts``, :func:`datelines.reconcile.compare`
    finds where the accounts disagree and the page marks those claims.
    """
    ids = list(sources) if sources is not None else None
    chosen = [s for s in store.sources() if ids is None or s.id in ids]
    events = store.events(sources=ids, min_confidence=min_confidence)
    documents = {s.id: store.document(s.id) for s in chosen}
    found: list[dict[str, Any]] = []
    if conflicts and chosen and events:
        from datelines.reconcile import compare

        texts = {sid: document.original for sid, document in documents.items()}
        comparison = compare(chosen, events, entities=store.entities(), texts=texts)
        found = [conflict.to_dict() for conflict in comparison.conflicts]
    return render_html(
        chosen,
        events,
        store.eras(sources=ids),
        documents=documents,
        conflicts=found,
        title=title,
    )
