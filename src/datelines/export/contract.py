"""Export stage: the JSON contract, the one shape every other output is built from.

Consumes the model's sources, events, eras and entities (as the store returns them)
and produces a plain dict, described in ``docs/json-contract.md`` and checked by the
JSON Schema ``timeline.schema.json`` beside this module. ``date.value`` is TIMEX3;
``date.start``/``date.end`` are ISO dates bounding it; ``evidence.quote`` is the exact
source text at ``evidence.start:end`` of the original.

>>> to_json([], [])
{'version': 1, 'sources': [], 'events': [], 'eras': [], 'entities': []}
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from typing import Any

from datelines.model import Entity, Era, Event, Source
from datelines.store import codec

CONTRACT_VERSION = 1


def to_json(
    sources: Iterable[Source],
    events: Iterable[Event],
    eras: Iterable[Era] = (),
    entities: Iterable[Entity] = (),
) -> dict[str, Any]:
    """The JSON contract for these sources and events (a dict, ready for json.dumps)."""
    return {
        "version": CONTRACT_VERSION,
        "sources": [codec.source_to_dict(s) for s in sources],
        "events": [codec.event_to_dict(e) for e in events],
        "eras": [codec.era_to_dict(e) for e in eras],
        "entities": [codec.entity_to_dict(e) for e in entities],
    }


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`to_json`'s output."""
    text = resources.files("datelines.export").joinpath("timeline.schema.json")
    loaded: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return loaded


def dumps(data: Any) -> str:
    """Indented JSON with non-ASCII kept readable, ending in a newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
