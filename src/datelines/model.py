"""The plain data that flows after extraction: frozen dataclasses, no spaCy.

Stages after ``extract`` (store, reconcile, render, export, serve) speak only these
types. Offsets (``start``/``end``) in :class:`Evidence` and :class:`Mention` are
character offsets into :attr:`Document.original`, the file's decoded characters, so
``document.original[start:end] == quote`` always holds.

A date is never a bare ``datetime``: :class:`DateClaim` carries the TIMEX3 ``value``
(granularity included: ``1971-08``, ``197``, ``1969-WI``), its ``mod``, the ISO
interval that bounds it, and how it was resolved (``anchor``).

>>> d = DateClaim(value="1971-08", text="August of 1971", start="1971-08-01",
...               end="1971-08-31", anchor="explicit")
>>> d.granularity
'month'
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

Anchor = Literal["explicit", "relative", "heading", "inferred", "document"]
Role = Literal["agent", "patient", "other"]
Qualifier = Literal[
    "exact", "more_than", "less_than", "about", "at_least", "at_most", "range"
]
BlockKind = Literal["title", "heading", "paragraph", "caption"]


@dataclass(frozen=True)
class Source:
    """One ingested document's identity and metadata (front matter or CLI flags)."""

    id: str  # stable id derived from the content hash (adding the same content = no-op)
    path: str  # the file name as given by the user
    sha256: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    date: str | None = None  # document date as a TIMEX3 value, e.g. "2019-07"
    date_inferred: bool = False  # True when `date` was inferred from the text
    license: str | None = None
    viewpoint: str | None = None
    format: str = "text"  # text | markdown | html | pdf
    encoding: str = "utf-8"  # the encoding the bytes were decoded with
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Block:
    """A structural unit of the normalized text: heading, paragraph, caption, title."""

    kind: BlockKind
    start: int  # offsets into Document.text
    end: int
    page: int | None = None  # PDF page number (1-based) where known


@dataclass(frozen=True)
class Document:
    """An ingested file: normalized text for NLP plus the way back to the original.

    ``text`` is what NLP reads. ``offsets[i]`` is the index in ``original`` of
    ``text[i]`` (``len(offsets) == len(text) + 1``; the last entry maps the end).
    """

    source: Source
    original: str
    text: str
    offsets: tuple[int, ...]
    blocks: tuple[Block, ...] = ()

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``text`` span to the ``original`` span that holds the same words."""
        if end <= start:
            o = self.offsets[start]
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class DateClaim:
    """When the source says something happened, as TIMEX3 plus an ISO interval."""

    value: str  # TIMEX3 value: 1965-09-06, 1971-08, 1975, 197, 19, 1969-WI, XXXX-06-20
    text: str  # the words that date the event
    start: str | None = None  # ISO date, earliest day the value allows
    end: str | None = None  # ISO date, latest day the value allows
    mod: str | None = None  # EARLY MID LATE BEFORE AFTER APPROX START END ...
    anchor: Anchor = "explicit"
    anchor_text: str | None = None  # e.g. "July 21, 1981" for "one week later"
    end_value: str | None = None  # explicit end of a range ("from July 2 to July 5")
    span: tuple[int, int] | None = None  # offsets of `text` in Document.original

    @property
    def granularity(self) -> str:
        """``day``, ``month``, ``season``, ``year``, ``decade``, ``century`` or ``unknown``."""
        return granularity(self.value)


def granularity(value: str) -> str:
    """The granularity of a TIMEX3 date value.

    >>> [granularity(v) for v in ("1965-09-06", "1971-08", "1969-WI", "1975", "197", "19")]
    ['day', 'month', 'season', 'year', 'decade', 'century']
    """
    v = value.split("T", 1)[0]
    if len(v) == 2 and v.isdigit():
        return "century"
    if len(v) == 3 and v.isdigit():
        return "decade"
    if len(v) == 4:
        return "year"
    if len(v) == 7 and v[5] in "WSFQH" and not v[5:].isdigit():
        return "season" if v[5:] in ("WI", "SP", "SU", "FA") else "quarter"
    if len(v) == 7:
        return "month"
    if len(v) == 8 and v[5] == "W":
        return "week"
    if len(v) == 10:
        return "day"
    return "unknown"


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved inward past whitespace, so a quote never starts or ends
    with a space or a line break.

    >>> strip_span("  the strike  ", 0, 14)
    (2, 12)
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True)
class Participant:
    name: str  # canonical entity name
    type: str  # PERSON | ORG | GPE | NORP | OTHER
    role: Role = "other"
    entity: str | None = None  # Entity.id when resolved
    text: str | None = None  # the surface form in this sentence


@dataclass(frozen=True)
class Figure:
    """A number the source gives for an event, with its qualifier and what it counts."""

    value: float
    qualifier: Qualifier = "exact"
    text: str = ""  # the words: "more than 30,000"
    of: str | None = None  # what is counted: "political prisoners"
    max: float | None = None  # upper bound for qualifier == "range"
    unit: str | None = None  # "%" for percentages, else None


@dataclass(frozen=True)
class Evidence:
    """The exact span of the source that states the event."""

    quote: str  # == Document.original[start:end]
    start: int
    end: int
    paragraph: tuple[int, int] | None = None  # the enclosing paragraph, same coordinates


@dataclass(frozen=True)
class Attribution:
    """Who asserts the claim, and how firmly."""

    asserted_by: str = "source"  # "source" or the cited party ("Amnesty International")
    cue: str | None = None  # "according to", "estimated", "credit ... to"
    hedged: bool = False
    hedge_cue: str | None = None  # "allegedly", "reportedly"


@dataclass(frozen=True)
class Event:
    """One dated happening as a claim of one source, pinned to its evidence span."""

    id: str
    source: str  # Source.id
    date: DateClaim
    kind: str
    summary: str
    evidence: Evidence
    participants: tuple[Participant, ...] = ()
    places: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    attribution: Attribution = field(default_factory=Attribution)
    cameo: str | None = None  # CAMEO root code ("14" protest, ...)
    confidence: float = 1.0
    reviewed: bool = False
    status: str = "machine"  # machine | accepted | edited | rejected | added

    def replace(self, **changes: Any) -> Event:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Era:
    """A background period (an era heading such as "1965-1969: The Early Days")."""

    id: str
    source: str
    label: str
    date: DateClaim
    evidence: Evidence


@dataclass(frozen=True)
class Mention:
    source: str
    start: int  # offsets into Document.original
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """One person, organization or place with its aliases and mentions."""

    id: str
    name: str
    type: str  # PERSON | ORG | GPE | NORP | LOC | OTHER
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """Everything ``extract`` finds in one document."""

    source: Source
    events: tuple[Event, ...]
    eras: tuple[Era, ...] = ()
    entities: tuple[Entity, ...] = ()
    warnings: tuple[str, ...] = ()
