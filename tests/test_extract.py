"""extract(): model objects from small narratives written for these tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from datelines.extract import document_from_text, extract, extract_all, pipeline, read
from datelines.model import Document, Extraction

STORY = """---
title: "The Lantern Society"
---
# The Lantern Society

## 1901-1905: Early Years

Two teachers founded the Lantern Society in a rented room. They met every week.

## 1911: The Ban

In March 1911, the governor banned the society's newspaper. The police arrested \
more than 40 of its members. The society was a small club.

On May 2, 1912, the editors were released from prison, and on June 9, 1912, they \
founded a new paper in Vell.

The 1920s marked a calmer decade for the town.

In 1926 the dockers held a strike in the harbour. The strike involved about 3,000 men.

According to the harbour board, the dockers allegedly burned two warehouses in 1927.
"""


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return pipeline()


@pytest.fixture(scope="module")
def story(nlp, tmp_path_factory) -> tuple[Document, Extraction]:  # type: ignore[no-untyped-def]
    path: Path = tmp_path_factory.mktemp("story") / "lantern.md"
    path.write_text(STORY, encoding="utf-8")
    document = read(path)
    return document, extract(document, nlp=nlp)


def _by_value(extraction: Extraction, value: str):  # type: ignore[no-untyped-def]
    return [e for e in extraction.events if e.date.value == value]


def test_evidence_is_the_original_text(story) -> None:  # type: ignore[no-untyped-def]
    document, extraction = story
    assert extraction.events
    for event in extraction.events:
        ev = event.evidence
        assert document.original[ev.start : ev.end] == ev.quote
        assert ev.quote == ev.quote.strip()
        assert (
            ev.paragraph is not None and ev.paragraph[0] <= ev.start < ev.paragraph[1]
        )
        assert event.date.span is not None
        assert event.date.text == document.original[slice(*event.date.span)]


def test_two_dated_happenings_in_one_sentence_are_two_clauses(story) -> None:  # type: ignore[no-untyped-def]
    _, extraction = story
    (release,) = _by_value(extraction, "1912-05-02")
    (founding,) = _by_value(extraction, "1912-06-09")
    assert (release.kind, founding.kind) == ("release", "founding")
    assert release.evidence.end <= founding.evidence.start
    assert "Vell" not in release.evidence.quote


def test_undated_event_inherits_the_narrative_date(story) -> None:  # type: ignore[no-untyped-def]
    _, extraction = story
    ban, arrest = _by_value(extraction, "1911-03")
    assert (ban.kind, ban.date.anchor) == ("ban", "explicit")
    assert (arrest.kind, arrest.date.anchor) == ("arrest", "relative")
    assert arrest.date.anchor_text == "March 1911"
    assert arrest.confidence < ban.confidence
    assert [(f.value, f.qualifier) for f in arrest.figures] == [(40.0, "more_than")]


def test_heading_dates_its_section_and_becomes_an_era(story) -> None:  # type: ignore[no-untyped-def]
    _, extraction = story
    (founding,) = [
        e
        for e in extraction.events
        if e.kind == "founding" and e.date.anchor == "heading"
    ]
    assert founding.date.value == "1901"
    labels = [
        (era.label, era.date.value, era.date.end_value) for era in extraction.eras
    ]
    assert ("Early Years", "1901", "1905") in labels
    assert not any("Early Years" in e.evidence.quote for e in extraction.events)


def test_states_are_context_not_events(story) -> None:  # type: ignore[no-untyped-def]
    _, extraction = story
    quotes = " ".join(e.evidence.quote for e in extraction.events)
    assert "calmer decade" not in quotes and "small club" not in quotes
    assert "met every week" not in quotes  # no trigger, and not dated by itself


def test_figure_of_the_next_sentence_joins_the_event(story) -> None:  # type: ignore[no-untyped-def]
    _, extraction = story
    (strike,) = _by_value(extraction, "1926")
    assert strike.kind == "protest" and strike.cameo == "14"
    assert [(f.value, f.qualifier) for f in strike.figures] == [(3000.0, "about")]


def test_attribution_and_hedge_lower_confidence(story) -> None:  # type: ignore[no-untyped-def]
    _, extraction = story
    (burning,) = _by_value(extraction, "1927")
    assert burning.attribution.asserted_by == "the harbour board"
    assert burning.attribution.hedged
    assert burning.confidence < 0.6


def test_document_date_is_inferred_when_missing(story) -> None:  # type: ignore[no-untyped-def]
    document, extraction = story
    assert document.source.date is None
    assert (extraction.source.date, extraction.source.date_inferred) == ("1927", True)


def test_ids_are_deterministic_and_ordered(story, nlp) -> None:  # type: ignore[no-untyped-def]
    document, extraction = story
    again = extract(document, nlp=nlp)
    assert [e.id for e in again.events] == [e.id for e in extraction.events]
    starts = [e.evidence.start for e in extraction.events]
    assert starts == sorted(starts)
    assert all(e.id.startswith(document.source.id + "-") for e in extraction.events)


def test_min_confidence_filters(story, nlp) -> None:  # type: ignore[no-untyped-def]
    document, extraction = story
    kept = extract(document, nlp=nlp, min_confidence=0.9).events
    assert 0 < len(kept) < len(extraction.events)
    assert all(e.confidence >= 0.9 for e in kept)


def test_summary_is_in_the_tools_words(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "On April 9, 1920, the Assembly of Tarn dismissed Governor Ada Voss.\n"
    (event,) = extract(document_from_text(text), nlp=nlp).events
    roles = {p.name: p.role for p in event.participants}
    assert roles.get("Ada Voss") == "patient"
    assert event.summary == "Assembly of Tarn dismisses Ada Voss"
    assert event.summary not in text


def test_part_of_day_dates_the_event_to_its_day(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "On the evening of May 3, 1902, the dockers marched to the town hall."
    [event] = extract(document_from_text(text + "\n", name="x.txt"), nlp=nlp).events
    assert event.date.value == "1902-05-03"
    assert "evening" in event.date.text
    assert event.date.start == event.date.end == "1902-05-03"


def test_extract_all_and_blank_pipeline_warning() -> None:
    documents = [
        document_from_text("In 1931 the poet died in exile.\n", name=n)
        for n in ("a.txt", "b.txt")
    ]
    extractions = list(extract_all(documents, nlp=pipeline(model=None)))
    assert [len(x.events) for x in extractions] == [1, 1]
    assert any("not installed" in w for w in extractions[0].warnings)


@pytest.mark.slow
def test_every_corpus_file_extracts_with_exact_evidence(shared, nlp) -> None:  # type: ignore[no-untyped-def]
    for path in sorted((shared / "corpus").glob("*.txt")):
        document = read(path)
        extraction = extract(document, nlp=nlp)
        assert extraction.events, path.name
        assert extraction.source.date, path.name  # given or inferred
        for event in extraction.events:
            ev = event.evidence
            assert document.original[ev.start : ev.end] == ev.quote, path.name
            assert 0.0 <= event.confidence <= 1.0
            assert event.date.start is None or event.date.start <= (
                event.date.end or "9"
            )
            _assert_general(event)


def _assert_general(event) -> None:  # type: ignore[no-untyped-def]
    """What holds on any document: trimmed evidence, no infobox line, a summary of
    more than a bare kind, in the tool's words."""
    quote = event.evidence.quote
    assert quote == quote.strip(), quote
    assert not re.match(r"^[A-Z][\w ()/-]{0,40}:\s", quote) or quote[-1] in ".!?", quote
    assert not event.summary.startswith(("Event", "Meeting involving")), event.summary
    assert event.kind != "event" or len(event.summary.split()) > 1, event.summary


def test_every_sample_file_extracts_general_events(sample_dir, nlp) -> None:  # type: ignore[no-untyped-def]
    for path in sorted(sample_dir.glob("*.md")):
        extraction = extract(read(path), nlp=nlp)
        assert extraction.events, path.name
        for event in extraction.events:
            _assert_general(event)
