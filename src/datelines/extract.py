"""The extract stage: one ingested Document in, one Extraction of model objects out.

``extract`` builds (once) the spaCy pipeline with the temporal and entities
components, runs it over ``document.text``, asks :mod:`datelines.nlp.events` for the
dated happenings, and turns each into a frozen :class:`~datelines.model.Event`: a
:class:`~datelines.model.DateClaim` (TIMEX3 value, ISO bounds, anchor), kind and CAMEO
code, a neutral summary in the tool's own words, participants, places, figures
(including a count told in the next sentence), the evidence span in ORIGINAL offsets
and the source's attribution. Dated section headings ("1965-1969: The Early Days")
become :class:`~datelines.model.Era` bands, not events. Everything after this stage
speaks plain dataclasses only.

The document date comes from ``Source.date``; when it is missing it is inferred as
the latest date the text gives, and the returned ``Source`` says so
(``date_inferred=True``).

>>> from datelines.extract import document_from_text
>>> document = document_from_text("In 1931 the poet died in exile.\\n", name="t.txt")
>>> extraction = extract(document, nlp=pipeline(model=None))
>>> [(e.date.value, e.kind) for e in extraction.events]
[('1931', 'death')]
"""

from __future__ import annotations

import dataclasses
import functools
import re
import sys
import types
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, cast, get_args

from spacy.language import Language
from spacy.tokens import Doc, Span

from datelines.extract_parts import (
    attribution_of,
    bounds_of,
    document_from_text,
    figures_of,
    read_document,
    summary_of,
    tag_dates,
)
from datelines.model import (
    Anchor,
    Attribution,
    DateClaim,
    Document,
    Entity,
    Era,
    Event,
    Evidence,
    Extraction,
    Figure,
    strip_span,
)
from datelines.nlp import events as events_stage
from datelines.nlp import pipeline as pipeline_stage
from datelines.nlp.entities import entities_in
from datelines.nlp.temporal import Timex

__all__ = ["extract", "extract_all", "pipeline", "read_document", "document_from_text"]

_DATE_VALUE = re.compile(r"^\d{2,4}(-\d{2}(-\d{2})?|-(WI|SP|SU|FA))?$")
_ERA = re.compile(r"^\s*(\d{4})\s*[-–—]\s*(\d{4})?|^\s*(\d{4})\s*:")


@functools.cache
def pipeline(*, model: str | None = pipeline_stage.MODEL) -> Language:
    """The shared pipeline: the spaCy model (or the blank fallback) plus the
    entities component. Time expressions are tagged on the text by the temporal
    stage with the doc's own sentences (see :func:`extract`)."""
    nlp = pipeline_stage.load(model)
    if "datelines_entities" not in nlp.pipe_names:
        nlp.add_pipe("datelines_entities")
    return nlp


def extract(
    document: Document, *, nlp: Language | None = None, min_confidence: float = 0.0
) -> Extraction:
    """Extract the dated events (and eras) of one document.

    ``min_confidence`` drops events whose confidence is below it.
    """
    nlp = nlp if nlp is not None else pipeline()
    warnings: list[str] = []
    if not pipeline_stage.has_model(nlp):
        warnings.append(pipeline_stage.NO_MODEL_WARNING)
    doc = pipeline_stage.analyze(nlp, document)
    source = document.source
    dct = source.date if source.date and _DATE_VALUE.match(source.date) else None
    timexes = tag_dates(doc, dct=dct)
    if dct is None:
        inferred = _latest(timexes)
        if inferred is not None:
            source = dataclasses.replace(source, date=inferred, date_inferred=True)
            timexes = tag_dates(doc, dct=inferred)
    found = events_stage.detect(doc, timexes, dct=source.date)
    eras = tuple(_eras(document, doc, timexes, source.id))
    events = _events(document, doc, found, source.id)
    events = [e for e in events if e.confidence >= min_confidence]
    return Extraction(
        source=source,
        events=tuple(events),
        eras=eras,
        entities=_entities(doc, document),
        warnings=tuple(warnings),
    )


def extract_all(
    documents: Iterable[Document],
    *,
    nlp: Language | None = None,
    min_confidence: float = 0.0,
) -> Iterator[Extraction]:
    """The iterable form of :func:`extract`."""
    for document in documents:
        yield extract(document, nlp=nlp, min_confidence=min_confidence)


def _latest(timexes: Sequence[Timex]) -> str | None:
    values = [
        t.value for t in timexes if events_stage.usable(t) and t.anchor == "explicit"
    ]
    precise = [v for v in values if len(v) >= 4] or values  # a decade is no date line
    if not precise:
        return None
    return str(max(precise, key=lambda v: (bounds_of(v, None)[0] or "", len(v))))


def _events(
    document: Document, doc: Doc, found: Sequence[events_stage.Found], source_id: str
) -> list[Event]:
    events: list[Event] = []
    for n, item in enumerate(sorted(found, key=lambda f: f.start), 1):
        start, end = document.to_original(*strip_span(doc.text, item.start, item.end))
        sent = doc.char_span(*item.sent, alignment_mode="expand")
        paragraph = _paragraph(document, item.start)
        figures = _figures(doc, sent, item)
        attribution = attribution_of(sent) if sent is not None else None
        claim = _claim(document, item)
        confidence = _confidence(item, claim, attribution)
        events.append(
            Event(
                id=f"{source_id}-{n:04d}",
                source=source_id,
                date=claim,
                kind=item.kind.kind,
                summary=_summary(doc, item),
                evidence=Evidence(document.original[start:end], start, end, paragraph),
                participants=item.participants,
                places=item.places,
                figures=_unique(figures),
                attribution=attribution or Attribution(),
                cameo=item.kind.cameo,
                confidence=confidence,
            )
        )
    return events


def _summary(doc: Doc, item: events_stage.Found) -> str:
    """The events stage's wording, else the kind's; never a long run of the
    sentence's own words (a name or a short noun phrase, "Operation Eternal Light",
    "Dismissal of Bani Sadr", is no copy of the sentence)."""
    sentence = " ".join(doc.text[slice(*item.sent)].lower().split())
    for text in (item.summary, summary_of(item)):
        copied = re.search(rf"\b{re.escape(text.lower())}\b", sentence) and (
            len(text.split()) >= 6 or 2 * len(text) > len(sentence)
        )
        named = text in {p.name for p in item.participants}
        if len(text.split()) > 1 and (named or not copied):
            return text
    return summary_of(item)


def _figures(
    doc: Doc,
    sent: Span | None,
    item: events_stage.Found,
) -> tuple[Figure, ...]:
    """Figures of the evidence clause, then of the sentences that elaborate it."""
    out: list[Figure] = []
    if sent is not None:
        clause = doc.text[item.start : item.end]
        out += [f for f in figures_of(sent) if not f.text or f.text in clause]
    for start, end in item.more:
        more = doc.char_span(start, end, alignment_mode="expand")
        if more is not None:
            out += figures_of(more)
    return tuple(out)


def _unique(figures: Iterable[Figure]) -> tuple[Figure, ...]:
    seen: dict[tuple[float, str, str], Figure] = {}
    for figure in figures:
        seen.setdefault((figure.value, figure.qualifier, figure.text), figure)
    return tuple(seen.values())


def _claim(document: Document, item: events_stage.Found) -> DateClaim:
    timex: Timex = item.timex
    value = str(timex.value)
    mod = timex.mod or None
    if item.relation is not None:  # "just prior to June 20": that month, before the day
        value, mod = value[:7], item.relation
    value = day_of(value)
    start, end = bounds_of(value, mod)
    span = document.to_original(timex.start, timex.end)
    anchor_text = timex.anchor_text
    text = document.original[span[0] : span[1]]
    if item.anchor != "explicit":
        anchor_text = text
    return DateClaim(
        value=value,
        text=text,
        start=start,
        end=end,
        mod=mod,
        anchor=_anchor(item, timex),
        anchor_text=anchor_text,
        end_value=timex.end_value,
        span=span,
    )


def day_of(value: str) -> str:
    """An event is dated to its day: a part of the day or a clock time the text
    gives stays in ``DateClaim.text``, so accounts that name the day alone compare.

    >>> day_of("1775-04-19TMO"), day_of("1981-06-20T16:00"), day_of("1981-06")
    ('1775-04-19', '1981-06-20', '1981-06')
    """
    head, sep, _ = value.partition("T")
    if sep and len(head) == 10 and head[:4].isdigit():
        return head
    return value


def _anchor(item: events_stage.Found, timex: Timex) -> Anchor:
    """How the date was found: inherited by the events stage, else the temporal
    stage's own anchoring ("One month later" is ``relative``)."""
    for anchor in (item.anchor, timex.anchor):
        if anchor != "explicit" and anchor in get_args(Anchor):
            return cast(Anchor, anchor)
    return "explicit"


def _confidence(
    item: events_stage.Found, claim: DateClaim, attribution: Attribution | None
) -> float:
    """Confidence from cues: own date vs inherited, trigger strength, vagueness, hedges."""
    score = {"explicit": 0.95, "relative": 0.6, "heading": 0.55}.get(item.anchor, 0.5)
    if item.anchor == "explicit" and claim.anchor == "relative":
        score = 0.85
    score *= item.strength
    if claim.granularity in ("decade", "century"):
        score *= 0.9
    if attribution is not None and attribution.hedged:
        score *= 0.7
    return round(min(max(score, 0.0), 1.0), 3)


def _paragraph(document: Document, offset: int) -> tuple[int, int] | None:
    for block in document.blocks:
        if block.start <= offset < block.end:
            return document.to_original(block.start, block.end)
    return None


def _eras(
    document: Document, doc: Doc, timexes: Sequence[Timex], source_id: str
) -> Iterator[Era]:
    n = 0
    for block in document.blocks:
        if block.kind != "heading":
            continue
        label = document.text[block.start : block.end].strip()
        if not _ERA.match(label):
            continue
        own = [
            t
            for t in timexes
            if block.start <= t.start < block.end and events_stage.usable(t)
        ]
        if not own:
            continue
        timex = own[0]
        n += 1
        value = str(timex.value)
        end_value = getattr(timex, "end_value", None)
        start, _ = bounds_of(value, None)
        _, end = bounds_of(end_value or value, None)
        span = document.to_original(block.start, block.end)
        text = document.original[span[0] : span[1]]
        claim = DateClaim(
            value=value,
            text=timex.text,
            start=start,
            end=end,
            end_value=end_value,
            span=document.to_original(timex.start, timex.end),
        )
        title = re.sub(r"^[\d\s\-–—:s]+", "", label).strip() or label
        yield Era(
            f"{source_id}-era{n:02d}",
            source_id,
            title,
            claim,
            Evidence(text, span[0], span[1], span),
        )


def _entities(doc: Doc, document: Document) -> tuple[Entity, ...]:
    return tuple(entities_in(doc, source_id=document.source.id, document=document))


def read(path: str | Path) -> Document:
    """Read a file into a Document (the ingest stage, or a plain-text fallback)."""
    return read_document(path)


class _Callable(types.ModuleType):
    """This module, callable as :func:`extract`.

    ``datelines.extract`` is both this module and the public function: once the
    module is imported the package attribute is the module, so
    ``from datelines import extract; extract(document)`` must work on it too.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Extraction:
        return extract(*args, **kwargs)


sys.modules[__name__].__class__ = _Callable
