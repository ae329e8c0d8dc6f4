"""Export stage: the stored timeline as JSON, CSV, TimelineJS, Web Annotation, TimeML.

Consumes what the :class:`~datelines.store.Store` holds (reviewed events in their
reviewed version, marked by ``reviewed`` and ``status``; rejected events left out) and
produces text in one of :data:`FORMATS`. Each format also has a function over plain
model objects: :func:`to_json` (the JSON contract), :func:`to_csv`,
:func:`to_timelinejs`, :func:`to_webanno`, :func:`to_timeml`.

>>> from datelines.store import Store
>>> with Store.open(":memory:") as store:
...     print(export(store, "csv").strip())
id,source,source_title,date_value,date_text,date_start,date_end,date_mod,date_anchor,date_anchor_text,date_end_value,kind,cameo,summary,participants,places,figures,quote,evidence_start,evidence_end,asserted_by,attribution_cue,hedged,hedge_cue,confidence,reviewed,status
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from datelines.errors import DatelinesError
from datelines.export.contract import dumps, schema, to_json
from datelines.export.table import to_csv
from datelines.export.timelinejs import to_timelinejs
from datelines.export.timeml import to_timeml
from datelines.export.webanno import to_webanno

if TYPE_CHECKING:
    from datelines.store import Store

FORMATS: dict[str, str] = {
    "json": "the JSON contract: sources, events, eras, entities (docs/json-contract.md)",
    "csv": "one row per event, flat columns, for spreadsheets",
    "timelinejs": "TimelineJS 3 JSON: slides with start/end dates, a group per source",
    "webanno": "W3C Web Annotation JSON-LD: one annotation per event with text selectors",
    "timeml": "TimeML of one source: its text with TIMEX3 and EVENT tags",
}

EXTENSIONS = {
    "json": "json",
    "csv": "csv",
    "timelinejs": "json",
    "webanno": "jsonld",
    "timeml": "tml",
}


def export(
    store: Store,
    format: str,
    *,
    sources: Iterable[str] | None = None,
    min_confidence: float = 0.0,
) -> str:
    """The stored timeline (or the given source ids) as text in ``format``."""
    if format not in FORMATS:
        raise DatelinesError(
            f"unknown export format '{format}'; use one of {', '.join(FORMATS)}"
        )
    ids = list(sources) if sources is not None else None
    chosen = [s for s in store.sources() if ids is None or s.id in ids]
    events = store.events(sources=ids, min_confidence=min_confidence)
    if format == "json":
        entities = store.entities()
        if ids is not None:
            entities = [
                e.__class__(e.id, e.name, e.type, e.aliases, kept)
                for e in entities
                if (kept := tuple(m for m in e.mentions if m.source in ids))
            ]
        return dumps(to_json(chosen, events, store.eras(sources=ids), entities))
    if format == "csv":
        return to_csv(chosen, events)
    if format == "timelinejs":
        title = chosen[0].title if len(chosen) == 1 else None
        return dumps(
            to_timelinejs(chosen, events, store.eras(sources=ids), title=title)
        )
    if format == "webanno":
        documents = {s.id: store.document(s.id) for s in chosen}
        return dumps(to_webanno(chosen, events, documents))
    if len(chosen) != 1:
        raise DatelinesError(
            f"TimeML holds one source at a time and {len(chosen)} are selected; "
            "pick one with --source (list them with `datelines sources`)"
        )
    return to_timeml(store.document(chosen[0].id), events)


class _Callable(types.ModuleType):
    """This package, callable as :func:`export`.

    Importing ``datelines.export`` rebinds the name ``datelines.export`` to this
    package, so ``datelines.export(store, "csv")`` must work on the package too.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        return export(*args, **kwargs)


sys.modules[__name__].__class__ = _Callable

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "export",
    "schema",
    "to_csv",
    "to_json",
    "to_timelinejs",
    "to_timeml",
    "to_webanno",
]
