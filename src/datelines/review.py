"""Review: a person corrects the machine's events, every change audited by the Store.

Stage: after ``store``, beside ``serve`` (the viewer's POST endpoints call these). Each
operation reads events from a :class:`~datelines.store.Store`, builds the corrected
frozen :class:`~datelines.model.Event` with ``reviewed=True`` and a review ``status``
(``accepted``, ``edited``, ``rejected``, ``added``), and writes it back through the
Store, which records who did what in its audit table; :func:`undo` reverts the last
change. Re-running extraction never overwrites a reviewed event (the Store keeps it),
and exports read the reviewed version.

Operations: :func:`accept`, :func:`edit` (date, kind, summary, participants,
figures), :func:`reject`, :func:`merge` two events of one source, :func:`split` one
event at an offset, :func:`add` a missed event from a selection, :func:`undo`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from datelines.errors import ReviewError
from datelines.model import (
    DateClaim,
    Document,
    Event,
    Evidence,
    Figure,
    Participant,
    strip_span,
)
from datelines.nlp.temporal.timex import bounds

if TYPE_CHECKING:
    from datelines.store.rows import AuditRow
    from datelines.store.store import Store

__all__ = [
    "ReviewError",
    "accept",
    "add",
    "edit",
    "interval",
    "merge",
    "reject",
    "split",
    "undo",
]

WHO = "viewer"


def interval(value: str) -> tuple[str | None, str | None]:
    """The first and last ISO day a TIMEX3 date value allows (the temporal ``bounds``).

    >>> interval("1971-08")
    ('1971-08-01', '1971-08-31')
    >>> interval("197"), interval("1969-WI"), interval("XXXX-06-20")
    (('1970-01-01', '1979-12-31'), ('1969-12-01', '1970-02-28'), (None, None))
    >>> interval("1962-02-31")
    (None, None)
    """
    return bounds(value.strip())


def _get(store: Store, event_id: str) -> Event:
    event = store.event(event_id)
    if event is None:
        raise ReviewError(f"no event '{event_id}' in the database; reload the page")
    return event


def _date(value: str, old: DateClaim) -> DateClaim:
    start, end = interval(value)
    unknown = "X" in value and re.fullmatch(r"[0-9X]{4}(-[0-9X]{2}){0,2}", value)
    if start is None and not unknown:
        raise ReviewError(
            f"cannot read the date '{value}'; give a TIMEX3 value such as "
            "1971-08-12, 1971-08, 1971, 197 or 1969-WI"
        )
    return DateClaim(
        value=value, text=old.text, start=start, end=end, anchor=old.anchor,
        anchor_text=old.anchor_text, span=old.span,
    )


def accept(store: Store, event_id: str, *, who: str = WHO) -> Event:
    """Mark an event as checked and right as it stands."""
    event = _get(store, event_id).replace(status="accepted", reviewed=True)
    store.update_event(event_id, event, who=who, action="accept")
    return event


def reject(store: Store, event_id: str, *, who: str = WHO) -> Event:
    """Mark an event as wrong; it stays in the database, hidden from timelines."""
    event = _get(store, event_id).replace(status="rejected", reviewed=True)
    store.update_event(event_id, event, who=who, action="reject")
    return event


def _participants(
    names: Iterable[str | Mapping[str, Any]], old: Sequence[Participant]
) -> tuple[Participant, ...]:
    known = {p.name: p for p in old}
    out: list[Participant] = []
    for item in names:
        if isinstance(item, Mapping):
            name = str(item.get("name", "")).strip()
            if name:
                out.append(Participant(
                    name=name, type=str(item.get("type") or "OTHER"),
                    role=item.get("role") or "other", entity=item.get("entity"),
                ))
        elif item.strip():
            out.append(known.get(item.strip()) or Participant(item.strip(), "OTHER"))
    return tuple(out)


def _figures(items: Iterable[Mapping[str, Any]]) -> tuple[Figure, ...]:
    try:
        return tuple(
            Figure(
                value=float(f["value"]), qualifier=f.get("qualifier") or "exact",
                text=str(f.get("text") or ""), of=f.get("of") or None,
                max=float(f["max"]) if f.get("max") not in (None, "") else None,
                unit=f.get("unit") or None,
            )
            for f in items
        )
    except (KeyError, TypeError, ValueError) as err:
        raise ReviewError(
            f"cannot read a figure ({err}); give each figure a numeric 'value'"
        ) from None


def edit(
    store: Store,
    event_id: str,
    *,
    who: str = WHO,
    date: str | None = None,
    kind: str | None = None,
    summary: str | None = None,
    participants: Iterable[str | Mapping[str, Any]] | None = None,
    figures: Iterable[Mapping[str, Any]] | None = None,
) -> Event:
    """Correct the date (a TIMEX3 value), kind, summary, participants or figures."""
    old = _get(store, event_id)
    changes: dict[str, Any] = {"status": "edited", "reviewed": True}
    if date is not None and date.strip() != old.date.value:
        changes["date"] = _date(date.strip(), old.date)
    if kind is not None and kind.strip():
        changes["kind"] = kind.strip()
    if summary is not None and summary.strip():
        changes["summary"] = summary.strip()
    if participants is not None:
        changes["participants"] = _participants(participants, old.participants)
    if figures is not None:
        changes["figures"] = _figures(figures)
    event = old.replace(**changes)
    store.update_event(event_id, event, who=who, action="edit")
    return event


def _document(store: Store, source_id: str) -> Document:
    document = store.document(source_id)
    if document is None:
        raise ReviewError(f"no document for source '{source_id}'; add it again")
    return document


def _evidence(document: Document, start: int, end: int) -> Evidence:
    """The evidence for ``original[start:end]``, trimmed of surrounding spaces."""
    text = document.original
    if not 0 <= start < end <= len(text):
        raise ReviewError(
            f"the span {start}-{end} is outside the document ({len(text)} characters); "
            "select text inside the document"
        )
    start, end = strip_span(text, start, end)
    if start == end:
        raise ReviewError("the selection holds no text; select the words of the event")
    para_start = text.rfind("\n\n", 0, start)
    para_end = text.find("\n\n", end)
    paragraph = (
        0 if para_start < 0 else para_start + 2,
        len(text) if para_end < 0 else para_end,
    )
    return Evidence(quote=text[start:end], start=start, end=end, paragraph=paragraph)


def merge(store: Store, keep_id: str, other_id: str, *, who: str = WHO) -> Event:
    """Fold ``other_id`` into ``keep_id`` (one source): evidence spans both, lists join.

    The kept event takes the date of ``keep_id``; the other is rejected.
    """
    keep, other = _get(store, keep_id), _get(store, other_id)
    if keep_id == other_id:
        raise ReviewError("cannot merge an event with itself; pick two events")
    if keep.source != other.source:
        raise ReviewError(
            f"cannot merge '{keep_id}' and '{other_id}': they come from different "
            "sources; compare them instead (each event is a claim of its source)"
        )
    document = _document(store, keep.source)
    start = min(keep.evidence.start, other.evidence.start)
    end = max(keep.evidence.end, other.evidence.end)
    evidence = _evidence(document, start, end)
    names = {p.name for p in keep.participants}
    merged = keep.replace(
        evidence=evidence,
        participants=keep.participants
        + tuple(p for p in other.participants if p.name not in names),
        places=keep.places + tuple(p for p in other.places if p not in keep.places),
        figures=keep.figures + tuple(f for f in other.figures if f not in keep.figures),
        status="edited",
        reviewed=True,
    )
    store.update_event(keep_id, merged, who=who, action="merge")
    gone = other.replace(status="rejected", reviewed=True)
    store.update_event(other_id, gone, who=who, action="merge")
    return merged


def _new_id(source: str, start: int, end: int) -> str:
    digest = hashlib.sha1(f"{source}:{start}:{end}".encode()).hexdigest()[:12]
    return f"rev-{digest}"


def split(
    store: Store, event_id: str, at: int, *, who: str = WHO
) -> tuple[Event, Event]:
    """Cut one event in two at ``at`` (an offset inside its evidence span).

    The first part keeps the id; the second is a new ``added`` event with the same
    date, kind and attribution, which the reviewer then edits.
    """
    old = _get(store, event_id)
    if not old.evidence.start < at < old.evidence.end:
        raise ReviewError(
            f"cannot split '{event_id}' at {at}: choose an offset inside its quote "
            f"({old.evidence.start}-{old.evidence.end})"
        )
    document = _document(store, old.source)
    first_ev = _evidence(document, old.evidence.start, at)
    second_ev = _evidence(document, at, old.evidence.end)
    first = old.replace(evidence=first_ev, status="edited", reviewed=True)
    second = old.replace(
        id=_new_id(old.source, second_ev.start, second_ev.end),
        evidence=second_ev,
        summary=second_ev.quote[:120],
        status="added",
        reviewed=True,
    )
    store.insert_event(second, who=who)
    store.update_event(event_id, first, who=who, action="split")
    return first, second


def add(
    store: Store,
    source_id: str,
    start: int,
    end: int,
    *,
    date: str,
    kind: str = "other",
    summary: str | None = None,
    who: str = WHO,
) -> Event:
    """Add an event the machine missed, from a selection ``original[start:end]``."""
    document = _document(store, source_id)
    evidence = _evidence(document, start, end)
    value = date.strip()
    claim = _date(value, DateClaim(value=value, text=value, anchor="explicit"))
    event = Event(
        id=_new_id(source_id, evidence.start, evidence.end),
        source=source_id,
        date=claim,
        kind=kind.strip() or "other",
        summary=(summary or "").strip() or evidence.quote[:120],
        evidence=evidence,
        status="added",
        reviewed=True,
    )
    store.insert_event(event, who=who)
    return event


def _partner(last: AuditRow, before: AuditRow | None) -> bool:
    """Whether ``before`` is the other half of the merge or split in ``last``.

    A merge writes the kept event (its evidence now covers the other's) then the
    folded one; a split inserts the second part (after the first) then the first.
    """
    if before is None or before.undone or before.who != last.who:
        return False
    if not (before.after and last.after and last.before):
        return False
    mine, theirs = last.after["evidence"], before.after["evidence"]
    if last.action == "merge" and before.action == "merge":
        folded = last.before["evidence"]
        return bool(theirs["start"] <= folded["start"] and theirs["end"] >= folded["end"])
    if last.action == "split" and before.action == "add":
        same = before.after["source"] == last.after["source"]
        return bool(same and theirs["start"] >= mine["end"])
    return False


def undo(store: Store, *, who: str = WHO) -> list[AuditRow]:
    """Revert the last review operation; a merge or a split is undone whole.

    A merge writes two audit rows and a split an ``add`` then a ``split``; undo
    reverts the partner row too when it sits right before (see :func:`_partner`).
    Returns the rows undone (empty when nothing is left).
    """
    last = store.undo(who=who)
    if last is None:
        return []
    undone = [last]
    if last.action in ("merge", "split"):
        rows = {row.id: row for row in store.audit()}
        if _partner(last, rows.get(last.id - 1)):
            again = store.undo(who=who)
            if again is not None:
                undone.append(again)
    return undone
