"""Store stage: the model's frozen dataclasses to plain JSON-ready dicts and back.

The store keeps nested parts of an event (date, participants, figures, evidence,
attribution) as JSON columns; the JSON export writes the same dicts. One codec for
both keeps the database readable and the JSON contract stable.

>>> from datelines.model import DateClaim, Event, Evidence
>>> event = Event(id="e1", source="s1", kind="protest", summary="March",
...               date=DateClaim(value="1981-06-20", text="20 June 1981"),
...               evidence=Evidence(quote="On 20 June 1981 they marched", start=0, end=29))
>>> event_from_dict(event_to_dict(event)) == event
True
"""

from __future__ import annotations

import dataclasses
from typing import Any

from datelines.model import (
    Attribution,
    Block,
    DateClaim,
    Entity,
    Era,
    Event,
    Evidence,
    Figure,
    Mention,
    Participant,
    Source,
)

JSON = dict[str, Any]


def _pair(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value is not None else None


def source_to_dict(source: Source) -> JSON:
    """A source as the JSON contract writes it (every field, ``extra`` as a dict)."""
    return dataclasses.asdict(source)


def source_from_dict(data: JSON) -> Source:
    """The inverse of :func:`source_to_dict`; unknown keys are ignored."""
    names = {f.name for f in dataclasses.fields(Source)}
    values = {k: v for k, v in data.items() if k in names}
    values["extra"] = dict(values.get("extra") or {})
    return Source(**values)


def date_to_dict(date: DateClaim) -> JSON:
    """A date claim: TIMEX3 value, words, ISO bounds, mod and how it was resolved."""
    data = dataclasses.asdict(date)
    data["span"] = list(date.span) if date.span is not None else None
    return data


def date_from_dict(data: JSON) -> DateClaim:
    """The inverse of :func:`date_to_dict`."""
    return DateClaim(
        value=data["value"],
        text=data.get("text") or "",
        start=data.get("start"),
        end=data.get("end"),
        mod=data.get("mod"),
        anchor=data.get("anchor") or "explicit",
        anchor_text=data.get("anchor_text"),
        end_value=data.get("end_value"),
        span=_pair(data.get("span")),
    )


def evidence_to_dict(evidence: Evidence) -> JSON:
    """The exact quote and its offsets into the original text."""
    paragraph = list(evidence.paragraph) if evidence.paragraph is not None else None
    return {
        "quote": evidence.quote,
        "start": evidence.start,
        "end": evidence.end,
        "paragraph": paragraph,
    }


def evidence_from_dict(data: JSON) -> Evidence:
    """The inverse of :func:`evidence_to_dict`."""
    return Evidence(
        quote=data["quote"],
        start=int(data["start"]),
        end=int(data["end"]),
        paragraph=_pair(data.get("paragraph")),
    )


def event_to_dict(event: Event) -> JSON:
    """One event in the JSON contract's shape (``docs/json-contract.md``)."""
    return {
        "id": event.id,
        "source": event.source,
        "date": date_to_dict(event.date),
        "kind": event.kind,
        "cameo": event.cameo,
        "summary": event.summary,
        "participants": [dataclasses.asdict(p) for p in event.participants],
        "places": list(event.places),
        "figures": [dataclasses.asdict(f) for f in event.figures],
        "evidence": evidence_to_dict(event.evidence),
        "attribution": dataclasses.asdict(event.attribution),
        "confidence": event.confidence,
        "reviewed": event.reviewed,
        "status": event.status,
    }


def event_from_dict(data: JSON) -> Event:
    """The inverse of :func:`event_to_dict`."""
    return Event(
        id=data["id"],
        source=data["source"],
        date=date_from_dict(data["date"]),
        kind=data["kind"],
        summary=data["summary"],
        evidence=evidence_from_dict(data["evidence"]),
        participants=tuple(Participant(**p) for p in data.get("participants") or ()),
        places=tuple(data.get("places") or ()),
        figures=tuple(Figure(**f) for f in data.get("figures") or ()),
        attribution=Attribution(**(data.get("attribution") or {})),
        cameo=data.get("cameo"),
        confidence=float(data.get("confidence", 1.0)),
        reviewed=bool(data.get("reviewed", False)),
        status=data.get("status") or "machine",
    )


def era_to_dict(era: Era) -> JSON:
    """A background period: label, date claim and the heading that states it."""
    return {
        "id": era.id,
        "source": era.source,
        "label": era.label,
        "date": date_to_dict(era.date),
        "evidence": evidence_to_dict(era.evidence),
    }


def era_from_dict(data: JSON) -> Era:
    """The inverse of :func:`era_to_dict`."""
    return Era(
        id=data["id"],
        source=data["source"],
        label=data["label"],
        date=date_from_dict(data["date"]),
        evidence=evidence_from_dict(data["evidence"]),
    )


def entity_to_dict(entity: Entity) -> JSON:
    """An entity with its aliases and mentions."""
    return dataclasses.asdict(entity) | {
        "aliases": list(entity.aliases),
        "mentions": [dataclasses.asdict(m) for m in entity.mentions],
    }


def entity_from_dict(data: JSON) -> Entity:
    """The inverse of :func:`entity_to_dict`."""
    return Entity(
        id=data["id"],
        name=data["name"],
        type=data["type"],
        aliases=tuple(data.get("aliases") or ()),
        mentions=tuple(Mention(**m) for m in data.get("mentions") or ()),
    )


def blocks_to_list(blocks: tuple[Block, ...]) -> list[list[Any]]:
    """Blocks as compact rows ``[kind, start, end, page]``."""
    return [[b.kind, b.start, b.end, b.page] for b in blocks]


def blocks_from_list(rows: list[list[Any]]) -> tuple[Block, ...]:
    """The inverse of :func:`blocks_to_list`."""
    return tuple(Block(kind=r[0], start=r[1], end=r[2], page=r[3]) for r in rows)


def offsets_to_runs(offsets: tuple[int, ...]) -> list[list[int]]:
    """Run-length offsets: ``[i, offsets[i] - i]`` wherever the shift changes.

    Most normalized text maps one-to-one onto the original, so a whole book's offsets
    fit in a few rows that a person can still read.

    >>> offsets_to_runs((0, 1, 2, 5, 6, 7))
    [[0, 0], [3, 2]]
    >>> runs_to_offsets([[0, 0], [3, 2]], 6)
    (0, 1, 2, 5, 6, 7)
    """
    runs: list[list[int]] = []
    shift = None
    for i, offset in enumerate(offsets):
        if offset - i != shift:
            shift = offset - i
            runs.append([i, shift])
    return runs


def runs_to_offsets(runs: list[list[int]], length: int) -> tuple[int, ...]:
    """The inverse of :func:`offsets_to_runs` (``length`` entries)."""
    out: list[int] = []
    for n, (first, shift) in enumerate(runs):
        last = runs[n + 1][0] if n + 1 < len(runs) else length
        out.extend(i + shift for i in range(first, last))
    return tuple(out)
