"""Export stage: CSV, one row per event with flat columns (for spreadsheets).

Nested parts are flattened: participants as ``name (role)`` joined by ``; ``, figures
by their words, places joined by ``; ``. The source's title sits beside its id.

>>> to_csv([], []).splitlines()[0].split(",")[:4]
['id', 'source', 'source_title', 'date_value']
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from datelines.model import Event, Source

COLUMNS = (
    "id source source_title date_value date_text date_start date_end date_mod "
    "date_anchor date_anchor_text date_end_value kind cameo summary participants "
    "places figures quote evidence_start evidence_end asserted_by attribution_cue "
    "hedged hedge_cue confidence reviewed status"
).split()


def _row(event: Event, title: str) -> list[object]:
    date, attribution = event.date, event.attribution
    return [
        event.id,
        event.source,
        title,
        date.value,
        date.text,
        date.start or "",
        date.end or "",
        date.mod or "",
        date.anchor,
        date.anchor_text or "",
        date.end_value or "",
        event.kind,
        event.cameo or "",
        event.summary,
        "; ".join(f"{p.name} ({p.role})" for p in event.participants),
        "; ".join(event.places),
        "; ".join(f.text or f"{f.value:g}" for f in event.figures),
        event.evidence.quote,
        event.evidence.start,
        event.evidence.end,
        attribution.asserted_by,
        attribution.cue or "",
        "yes" if attribution.hedged else "no",
        attribution.hedge_cue or "",
        f"{event.confidence:.3f}",
        "yes" if event.reviewed else "no",
        event.status,
    ]


def to_csv(sources: Iterable[Source], events: Iterable[Event]) -> str:
    """The events as CSV text with a header row (``\\r\\n`` line ends, RFC 4180)."""
    titles = {s.id: s.title or s.path for s in sources}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for event in events:
        writer.writerow(_row(event, titles.get(event.source, "")))
    return out.getvalue()
