"""Export stage: W3C Web Annotation JSON-LD, one annotation per event.

The claim is the body, the exact words are the target: each annotation's target is the
source (its URL, else a ``urn:datelines:source:`` name) with a ``TextQuoteSelector``
(``exact`` plus up to 32 characters of ``prefix`` and ``suffix``) and a
``TextPositionSelector`` (``start``/``end`` in Unicode code points of the original
text, which is what Python string offsets count). The bodies give the summary, the
event kind as a tag, and the structured claim (date, figures, participants,
attribution, review status) as JSON. All annotations sit in one
``AnnotationCollection``.

>>> quote_selector("It rained on Monday.", 3, 9, context=3)
{'type': 'TextQuoteSelector', 'exact': 'rained', 'prefix': 'It ', 'suffix': ' on'}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from datelines.model import Document, Event, Source
from datelines.store import codec

CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def quote_selector(
    text: str, start: int, end: int, *, context: int = 32
) -> dict[str, str]:
    """A TextQuoteSelector for ``text[start:end]`` with its prefix and suffix."""
    return {
        "type": "TextQuoteSelector",
        "exact": text[start:end],
        "prefix": text[max(0, start - context) : start],
        "suffix": text[end : end + context],
    }


def source_iri(source: Source) -> str:
    """Where a source lives: its URL, else a stable URN from its id."""
    return source.url or f"urn:datelines:source:{source.id}"


def annotation(event: Event, source: Source, original: str | None) -> dict[str, Any]:
    """One Annotation for one event (``original`` gives prefix and suffix)."""
    evidence = event.evidence
    quote = {"type": "TextQuoteSelector", "exact": evidence.quote}
    if (
        original is not None
        and original[evidence.start : evidence.end] == evidence.quote
    ):
        quote = quote_selector(original, evidence.start, evidence.end)
    claim = codec.event_to_dict(event)
    claim = {
        k: claim[k] for k in claim if k not in ("id", "source", "evidence", "summary")
    }
    return {
        "id": f"urn:datelines:event:{event.id}",
        "type": "Annotation",
        "motivation": "describing",
        "creator": {"type": "Software", "name": "datelines"},
        "body": [
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": event.summary,
                "format": "text/plain",
            },
            {"type": "TextualBody", "purpose": "tagging", "value": event.kind},
            {
                "type": "TextualBody",
                "purpose": "describing",
                "format": "application/json",
                "value": json.dumps(claim, ensure_ascii=False, sort_keys=True),
            },
        ],
        "target": {
            "source": source_iri(source),
            "selector": [
                quote,
                {
                    "type": "TextPositionSelector",
                    "start": evidence.start,
                    "end": evidence.end,
                },
            ],
        },
    }


def to_webanno(
    sources: Iterable[Source],
    events: Iterable[Event],
    documents: Mapping[str, Document] | None = None,
    *,
    label: str = "datelines events",
) -> dict[str, Any]:
    """An AnnotationCollection holding one Annotation per event."""
    by_id = {s.id: s for s in sources}
    documents = documents or {}
    items = []
    for event in events:
        source = by_id.get(event.source) or Source(id=event.source, path="", sha256="")
        document = documents.get(event.source)
        items.append(annotation(event, source, document.original if document else None))
    return {
        "@context": CONTEXT,
        "id": "urn:datelines:collection",
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
