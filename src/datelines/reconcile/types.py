"""reconcile stage: the results of comparing accounts, as frozen dataclasses.

:func:`datelines.reconcile.compare` consumes plain :class:`~datelines.model.Event` and
:class:`~datelines.model.Source` objects and produces a :class:`Comparison`: which
events of different sources describe the same happening (:class:`Alignment`), where
they disagree (:class:`Conflict`, each side a :class:`Claim` with its exact quote),
what one account reports that another covering the same years and actors leaves out
(:class:`Omission`), and how many aligned pairs agree. ``Comparison.to_dict()`` is the
JSON contract of ``datelines compare --format json``.

>>> claim = Claim(source="s1", event="e1", quote="It fell in 1990.", value="1990")
>>> Conflict(id="c1", type="date", strength="hard", event="the fall",
...          claims=(claim,), explanation="s1 says 1990").to_dict()["claims"][0]["value"]
'1990'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from datelines.model import Source

ConflictType = Literal["date", "figure", "actor", "place", "characterization"]
Strength = Literal["hard", "soft"]


@dataclass(frozen=True)
class Claim:
    """One side of a conflict: what one source says, in its own words."""

    source: str  # Source.id
    event: str  # Event.id
    quote: str  # the sentence that carries the value, exactly as in the source
    value: str  # the disputed value as the source gives it ("1965-09-05", "more than 30,000")

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "event": self.event,
            "quote": self.quote,
            "value": self.value,
        }


@dataclass(frozen=True)
class Conflict:
    """Claims about the same happening that cannot all hold (hard) or may not (soft).

    ``internal`` is True when every claim comes from one source (a contradiction
    inside one account).
    """

    id: str
    type: ConflictType
    strength: Strength
    event: str  # a short neutral name of the happening
    claims: tuple[Claim, ...]
    explanation: str  # "A says X; B says Y" -- never who is right
    internal: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "strength": self.strength,
            "event": self.event,
            "internal": self.internal,
            "claims": [c.to_dict() for c in self.claims],
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class AlignedEvent:
    source: str
    event: str
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "event": self.event, "quote": self.quote}


@dataclass(frozen=True)
class Alignment:
    """Events of several sources (or one) that describe the same happening."""

    id: str
    events: tuple[AlignedEvent, ...]
    score: float = 0.0  # the weakest link that holds the cluster together

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": round(self.score, 3),
            "events": [e.to_dict() for e in self.events],
        }


@dataclass(frozen=True)
class Presence:
    source: str
    quote: str
    event: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "event": self.event, "quote": self.quote}


@dataclass(frozen=True)
class Omission:
    """An event one source reports that another, covering its period and actors, lacks."""

    event: str  # Event.id of the reported event
    present_in: tuple[Presence, ...]
    absent_from: tuple[str, ...]  # Source ids
    why: str
    kind: str = ""
    date: str = ""  # TIMEX3 value of the reported event

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "kind": self.kind,
            "date": self.date,
            "present_in": [p.to_dict() for p in self.present_in],
            "absent_from": list(self.absent_from),
            "why": self.why,
        }


@dataclass(frozen=True)
class Comparison:
    """Everything :func:`~datelines.reconcile.compare` finds across the accounts."""

    sources: tuple[Source, ...]
    alignments: tuple[Alignment, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    omissions: tuple[Omission, ...] = ()
    agreements: int = 0  # aligned pairs of events with no conflict on any aspect
    candidates: int = 0  # candidate pairs scored (blocking keeps this near-linear)
    events_per_year: dict[str, dict[int, int]] = field(
        default_factory=dict, compare=False, hash=False
    )  # source id -> year -> number of dated events (the coverage chart)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``datelines compare --format json``."""
        return {
            "sources": [_source_dict(s) for s in self.sources],
            "alignments": [a.to_dict() for a in self.alignments],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "omissions": [o.to_dict() for o in self.omissions],
            "agreements": self.agreements,
            "candidates": self.candidates,
            "events_per_year": {
                sid: {str(y): n for y, n in sorted(years.items())}
                for sid, years in self.events_per_year.items()
            },
        }


def _source_dict(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "path": source.path,
        "title": source.title,
        "publisher": source.publisher,
        "date": source.date,
        "viewpoint": source.viewpoint,
    }
