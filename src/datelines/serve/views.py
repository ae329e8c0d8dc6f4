"""Serve stage: the data behind each viewer page, as plain JSON-ready dicts.

Consumes a Store (sources, documents, events, eras, entities, search) and, when the
reconcile stage is present, its comparison; produces one dict per page. The HTML page
renders the dict with an autoescaped template and the ``.json`` twin returns it as is,
so both always show the same thing. No spaCy, no HTML here.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from datelines.errors import StoreError
from datelines.model import Document, Event, Source
from datelines.store.codec import event_to_dict, source_to_dict

if TYPE_CHECKING:
    from datelines.store.store import Store

JSON = dict[str, Any]


def _maybe(read: Any, key: str) -> Any:
    """``read(key)``, or None when the Store has no such row."""
    try:
        return read(key)
    except StoreError:
        return None


def resolution(event: Event, source: Source | None = None) -> str:
    """How the date was resolved, in words a reader checks against the text.

    >>> from datelines.model import DateClaim, Evidence
    >>> e = Event(id="e", source="s", kind="k", summary="s",
    ...           evidence=Evidence("x", 0, 1), status="machine",
    ...           date=DateClaim("1981-07-28", "one week later", anchor="relative",
    ...                          anchor_text="July 21, 1981"))
    >>> resolution(e)
    'relative to July 21, 1981'
    """
    date = event.date
    if event.status in ("edited", "added") and event.reviewed:
        return "set by a reviewer"
    if date.anchor == "relative":
        return f"relative to {date.anchor_text}" if date.anchor_text else "relative"
    if date.anchor == "heading":
        return f"from the heading {date.anchor_text or ''}".strip()
    if date.anchor == "document":
        when = date.anchor_text or (source.date if source else None)
        return f"relative to the document date {when}" if when else "from the document date"
    if date.anchor == "inferred":
        return f"inferred from {date.anchor_text}" if date.anchor_text else "inferred"
    return "stated in the text"


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None (never a ``javascript:`` link).

    >>> safe_url("https://example.org/a"), safe_url("javascript:alert(1)")
    ('https://example.org/a', None)
    """
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _source_dict(source: Source) -> JSON:
    data = source_to_dict(source)
    data["url"] = safe_url(source.url)
    data["label"] = source.title or source.path
    return data


def ids_in(obj: Any, known: set[str]) -> list[str]:
    """Every string inside ``obj`` (nested dicts/lists) that is a known event id.

    >>> ids_in({"a": ["e1", {"b": "e2"}], "c": "x"}, {"e1", "e2"})
    ['e1', 'e2']
    """
    found: list[str] = []
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if item in known and item not in found:
                found.append(item)
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, (list, tuple)):
            stack.extend(reversed(item))
    return found


def comparison_index(comparison: JSON | None, known: set[str]) -> JSON:
    """Per event id: the conflicts it takes part in and its aligned versions."""
    conflicts: dict[str, list[JSON]] = {}
    versions: dict[str, list[str]] = {}
    if not comparison:
        return {"conflicts": conflicts, "versions": versions}
    for conflict in comparison.get("conflicts") or ():
        ids = ids_in(conflict, known)
        label = _conflict_label(conflict)
        for event_id in ids:
            others = [i for i in ids if i != event_id]
            conflicts.setdefault(event_id, []).append({"label": label, "events": others})
    for alignment in comparison.get("alignments") or ():
        ids = ids_in(alignment, known)
        for event_id in ids:
            versions.setdefault(event_id, []).extend(i for i in ids if i != event_id)
    return {"conflicts": conflicts, "versions": versions}


def _conflict_label(conflict: Any) -> str:
    if not isinstance(conflict, dict):
        return "conflict"
    for key in ("explanation", "description", "label", "summary", "type", "kind"):
        if isinstance(conflict.get(key), str):
            return str(conflict[key])
    return "conflict"


def timeline_item(event: Event, conflicts: JSON) -> JSON:
    """One event as the timeline page carries it (what the filters and lanes need)."""
    return {
        "id": event.id, "source": event.source, "kind": event.kind,
        "summary": event.summary, "value": event.date.value,
        "start": event.date.start, "end": event.date.end,
        "date_text": event.date.text,
        "participants": [p.name for p in event.participants],
        "places": list(event.places), "confidence": event.confidence,
        "status": event.status, "reviewed": event.reviewed,
        "hedged": event.attribution.hedged,
        "conflict": bool(conflicts.get(event.id)),
    }


def timeline(store: Store, *, index: JSON | None = None) -> JSON:
    """The timeline page: sources (lanes), events as items, eras, filter choices."""
    sources = [_source_dict(s) for s in store.sources()]
    conflicts = (index or {}).get("conflicts", {})
    items = [timeline_item(event, conflicts) for event in store.events()]
    kinds = {i["kind"] for i in items}
    people = {name for i in items for name in i["participants"]}
    places = {place for i in items for place in i["places"]}
    eras = [
        {"id": era.id, "source": era.source, "label": era.label,
         "value": era.date.value, "start": era.date.start, "end": era.date.end}
        for era in store.eras()
    ]
    return {
        "sources": sources, "events": items, "eras": eras,
        "kinds": sorted(kinds), "participants": sorted(people),
        "places": sorted(places),
        "undated": sum(1 for i in items if not i["start"]),
        "comparison": (index or {}).get("state", "unavailable"),
    }


def to_text(document: Document, offset: int) -> int:
    """The index in ``document.text`` of the character at ``original[offset]``."""
    if not document.offsets:
        return offset
    return min(bisect.bisect_left(document.offsets, offset), len(document.text))


def _blocks(document: Document) -> list[tuple[str, int, int]]:
    blocks: list[tuple[str, int, int]] = [(b.kind, b.start, b.end) for b in document.blocks]
    return blocks or [("paragraph", 0, len(document.text))]


def context(document: Document, event: Event) -> JSON:
    """The paragraph holding the event's quote, with the quote's place in it."""
    start = to_text(document, event.evidence.start)
    end = to_text(document, event.evidence.end)
    for kind, b_start, b_end in _blocks(document):
        if b_start <= start < b_end or (start == b_start == b_end):
            text = document.text[b_start:b_end]
            return {"text": text, "kind": kind, "block_start": b_start,
                    "start": start - b_start, "end": min(end, b_end) - b_start}
    quote = event.evidence.quote
    return {"text": quote, "kind": "paragraph", "block_start": start, "start": 0,
            "end": len(quote)}


def event_page(store: Store, event_id: str, *, index: JSON | None = None) -> JSON | None:
    """The event panel: claim, quote in its paragraph, source, versions and conflicts."""
    event = _maybe(store.event, event_id)
    if event is None:
        return None
    sources = {s.id: s for s in store.sources()}
    source = sources.get(event.source)
    document = _maybe(store.document, event.source)
    index = index or {}

    def brief(other_id: str) -> JSON | None:
        other = _maybe(store.event, other_id)
        if other is None:
            return None
        other_source = sources.get(other.source)
        return {"id": other.id, "summary": other.summary, "value": other.date.value,
                "quote": other.evidence.quote, "status": other.status,
                "source": other_source.title or other_source.path
                if other_source else other.source}

    conflicts = [
        {"label": c["label"], "events": [b for b in map(brief, c["events"]) if b]}
        for c in index.get("conflicts", {}).get(event_id, [])
    ]
    versions = [b for b in map(brief, index.get("versions", {}).get(event_id, [])) if b]
    return {
        "neighbours": neighbours(store, event),
        "event": event_to_dict(event),
        "source": _source_dict(source) if source else None,
        "resolution": resolution(event, source),
        "context": context(document, event) if document else None,
        "conflicts": conflicts,
        "versions": versions,
    }


def neighbours(store: Store, event: Event, *, limit: int = 50) -> list[JSON]:
    """The other events of the same source, nearest in the text first (at most ``limit``).

    The review panel offers them as merge candidates.
    """
    same = sorted(store.events(sources=[event.source]), key=lambda e: e.evidence.start)
    at = next((i for i, e in enumerate(same) if e.id == event.id), None)
    if at is None:
        return []
    order = sorted((abs(i - at), i) for i in range(len(same)) if i != at)
    near = [same[i] for _, i in order[:limit]]
    return [{"id": e.id, "value": e.date.value, "summary": e.summary} for e in near]


def segments(text: str, start: int, spans: Iterable[tuple[int, int, str]]) -> list[JSON]:
    """Cut ``text`` (which begins at ``start``) where event spans begin and end.

    >>> [(s["text"], s["events"]) for s in segments("ab cd", 10, [(13, 15, "e1")])]
    [('ab ', []), ('cd', ['e1'])]
    """
    end = start + len(text)
    inside = [(max(a, start), min(b, end), i) for a, b, i in spans if a < end and b > start]
    cuts = sorted({start, end, *(a for a, _, _ in inside), *(b for _, b, _ in inside)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        ids = [i for s, e, i in inside if s <= a and e >= b]
        out.append({"text": text[a - start:b - start], "start": a, "events": ids})
    return out


def document_page(store: Store, source_id: str) -> JSON | None:
    """The document view: the text block by block, every event span marked."""
    document = _maybe(store.document, source_id)
    if document is None:
        return None
    events = list(store.events(sources=[source_id]))
    spans = [
        (to_text(document, e.evidence.start), to_text(document, e.evidence.end), e.id)
        for e in events
    ]
    blocks = [
        {"kind": kind, "start": b_start,
         "segments": segments(document.text[b_start:b_end], b_start, spans)}
        for kind, b_start, b_end in _blocks(document)
    ]
    return {
        "source": _source_dict(document.source),
        "blocks": blocks,
        "events": [
            {"id": e.id, "value": e.date.value, "kind": e.kind, "summary": e.summary,
             "status": e.status}
            for e in events
        ],
    }


def entity_page(store: Store, entity_id: str) -> JSON | None:
    """One entity and its events across sources."""
    entity = next((e for e in store.entities() if e.id == entity_id), None)
    if entity is None:
        return None
    names = {entity.name, *entity.aliases}
    sources = {s.id: s.title or s.path for s in store.sources()}
    events = [
        {"id": e.id, "source": sources.get(e.source, e.source), "value": e.date.value,
         "kind": e.kind, "summary": e.summary, "quote": e.evidence.quote}
        for e in store.events()
        if any(p.entity == entity.id or p.name in names for p in e.participants)
        or names.intersection(e.places)
    ]
    events.sort(key=lambda e: str(e["value"]))
    return {"entity": {"id": entity.id, "name": entity.name, "type": entity.type,
                       "aliases": list(entity.aliases),
                       "mentions": len(entity.mentions)},
            "events": events}


def entities_page(store: Store) -> JSON:
    """Every entity, most mentioned first."""
    ranked = sorted(store.entities(), key=lambda e: (-len(e.mentions), e.name))
    return {"entities": [
        {"id": e.id, "name": e.name, "type": e.type, "mentions": len(e.mentions)}
        for e in ranked
    ]}


def search_page(store: Store, query: str) -> JSON:
    """Full-text hits, each with the events whose quote it falls in (or nearest)."""
    if not query.strip():
        return {"query": query, "hits": []}
    found = store.search(query)
    by_source: dict[str, list[Event]] = {}
    for event in store.events(sources=sorted({hit.source for hit in found})):
        by_source.setdefault(event.source, []).append(event)
    titles = {s.id: s.title or s.path for s in store.sources()}
    hits = []
    for hit in found:
        source, start, end = hit.source, int(hit.start), int(hit.end)
        candidates = by_source.get(source, [])
        inside = [e.id for e in candidates
                  if e.evidence.start <= end and e.evidence.end >= start]
        if not inside and candidates:
            nearest = min(candidates, key=lambda e: min(abs(e.evidence.start - start),
                                                        abs(e.evidence.end - end)))
            inside = [nearest.id]
        hits.append({"source": source, "title": titles.get(source, source),
                     "start": start, "end": end, "snippet": str(hit.snippet),
                     "events": inside})
    return {"query": query, "hits": hits}
