"""Store stage: model objects to table rows and back, and the small result records.

:class:`AddResult`, :class:`AuditRow` and :class:`Hit` are what the store's methods
return; the ``*_row`` helpers write one row of a table, the ``*_from_row`` helpers read
one back (nested parts as JSON through :mod:`datelines.store.codec`).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from datelines.model import Era, Event, Source
from datelines.store import codec


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Store.add` did with one document."""

    source_id: str
    added: bool  # False when the same content (sha256) was already stored
    events: int  # machine events stored
    kept_reviewed: int  # reviewed events carried over from an earlier version
    replaced: str | None = None  # id of the earlier version of the same path


@dataclass(frozen=True)
class AuditRow:
    """One audited change to an event; ``before``/``after`` are contract dicts."""

    id: int
    at: str  # ISO 8601 with time zone
    who: str | None
    action: str  # add | edit | delete | accept | reject | merge | split | undo ...
    event: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    undone: bool = False


@dataclass(frozen=True)
class Hit:
    """One full-text match, in the original text's offsets."""

    source: str
    start: int
    end: int
    snippet: str


def dumps(value: Any) -> str:
    """Compact, key-ordered JSON as the store writes it (non-ASCII kept readable)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


SOURCE_COLUMNS = (
    "id path sha256 title publisher url date date_inferred license viewpoint format "
    "encoding extra"
).split()


def source_row(source: Source) -> tuple[Any, ...]:
    data = codec.source_to_dict(source)
    data["extra"] = dumps(data["extra"])
    data["date_inferred"] = int(data["date_inferred"])
    return tuple(data[name] for name in SOURCE_COLUMNS)


def source_from_row(row: sqlite3.Row) -> Source:
    data = {name: row[name] for name in SOURCE_COLUMNS}
    data["extra"] = json.loads(data["extra"] or "{}")
    data["date_inferred"] = bool(data["date_inferred"])
    return codec.source_from_dict(data)


EVENT_COLUMNS = (
    "id source date_value date_start date_end date kind cameo summary quote "
    "evidence_start evidence_end evidence participants places figures attribution "
    "confidence reviewed status evidence_missing"
).split()


def event_row(event: Event, *, evidence_missing: bool = False) -> tuple[Any, ...]:
    data = codec.event_to_dict(event)
    values = {
        "id": event.id,
        "source": event.source,
        "date_value": event.date.value,
        "date_start": event.date.start,
        "date_end": event.date.end,
        "date": dumps(data["date"]),
        "kind": event.kind,
        "cameo": event.cameo,
        "summary": event.summary,
        "quote": event.evidence.quote,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "evidence": dumps(data["evidence"]),
        "participants": dumps(data["participants"]),
        "places": dumps(data["places"]),
        "figures": dumps(data["figures"]),
        "attribution": dumps(data["attribution"]),
        "confidence": event.confidence,
        "reviewed": int(event.reviewed),
        "status": event.status,
        "evidence_missing": int(evidence_missing),
    }
    return tuple(values[name] for name in EVENT_COLUMNS)


def event_from_row(row: sqlite3.Row) -> Event:
    data: dict[str, Any] = {
        name: row[name]
        for name in ("id", "source", "kind", "cameo", "summary", "confidence", "status")
    }
    data["reviewed"] = bool(row["reviewed"])
    for name in (
        "date",
        "evidence",
        "participants",
        "places",
        "figures",
        "attribution",
    ):
        data[name] = json.loads(row[name])
    return codec.event_from_dict(data)


def era_row(era: Era) -> tuple[Any, ...]:
    data = codec.era_to_dict(era)
    return (era.id, era.source, era.label, dumps(data["date"]), dumps(data["evidence"]))


def era_from_row(row: sqlite3.Row) -> Era:
    return codec.era_from_dict(
        {
            "id": row["id"],
            "source": row["source"],
            "label": row["label"],
            "date": json.loads(row["date"]),
            "evidence": json.loads(row["evidence"]),
        }
    )


def placeholders(columns: list[str]) -> str:
    """``(a, b) VALUES (?, ?)`` for an INSERT."""
    names = ", ".join(f'"{c}"' for c in columns)
    return f"({names}) VALUES ({', '.join('?' for _ in columns)})"
