"""The temporal tagger's public API: tag, bounds, Timex, the spaCy component."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import spacy

import datelines.nlp.temporal.component  # noqa: F401  (registers the factory)
from datelines.errors import InputError
from datelines.model import Block
from datelines.nlp.temporal import MODES, Timex, bounds, tag


def test_public_names() -> None:
    import datelines.nlp.temporal as temporal

    assert sorted(temporal.__all__) == ["MODES", "Timex", "bounds", "tag"]
    assert MODES == ("news", "narrative")


def test_offsets_point_at_the_words() -> None:
    text = "After the flood of 1927, and again in May 1937, the river rose."
    for timex in tag(text):
        assert text[timex.start : timex.end] == timex.text


def test_timex_is_frozen() -> None:
    timex = tag("in 1999")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        timex.value = "2000"  # type: ignore[misc]


def test_relative_records_its_anchor() -> None:
    text = "The raid came on July 21, 1981. One week later, on July 29th, talks began."
    found = {t.text: t for t in tag(text)}
    later = found["One week later"]
    assert later.anchor == "relative"
    assert later.anchor_value == "1981-07-21"
    assert later.anchor_text == "July 21, 1981"
    assert found["July 29th"].value == "1981-07-29"


def test_news_relative_records_the_document_date() -> None:
    timex = tag("It rained yesterday.", dct="2010-05-05", mode="news")[0]
    assert (timex.anchor, timex.anchor_value) == ("document", "2010-05-05")


def test_heading_anchors_the_paragraphs_under_it() -> None:
    text = (
        "1971: Crackdown\nIn March the police raided the offices. By June it was over."
    )
    blocks = (Block("heading", 0, 15), Block("paragraph", 16, len(text)))
    found = {t.text: t for t in tag(text, blocks=blocks)}
    assert found["1971"].value == "1971"
    assert found["March"].value == "1971-03"
    assert found["March"].anchor == "heading"
    assert found["March"].anchor_text == "1971"
    assert found["June"].value == "1971-06"


def test_range_heading_anchors_to_its_start() -> None:
    text = "2016-2018: Reform\nIn April the law passed."
    blocks = (Block("heading", 0, 17), Block("paragraph", 18, len(text)))
    found = {t.text: t for t in tag(text, blocks=blocks)}
    assert found["April"].value == "2016-04"
    assert found["2016"].end_value == "2018"


def test_explicit_range_end_value() -> None:
    found = tag("The festival ran from July 2 to July 5, 1988.")
    first = found[0]
    assert (first.text, first.value, first.end_value) == (
        "July 2",
        "1988-07-02",
        "1988-07-05",
    )


def test_between_years_gives_two_timexes() -> None:
    found = tag("Prices doubled between 1980 and 1988.")
    assert [(t.text, t.value) for t in found] == [("1980", "1980"), ("1988", "1988")]
    assert found[0].end_value == "1988"


def test_context_mod_before() -> None:
    timex = tag("They fled just prior to the 1956 uprising.")[0]
    assert (timex.text, timex.mod) == ("1956", "BEFORE")


def test_unknown_mode_is_an_input_error() -> None:
    with pytest.raises(InputError, match="news or narrative"):
        tag("in 1999", mode="poetry")


@pytest.mark.parametrize(
    ("value", "mod", "expected"),
    [
        ("1971-08", None, ("1971-08-01", "1971-08-31")),
        ("197", None, ("1970-01-01", "1979-12-31")),
        ("19", None, ("1900-01-01", "1999-12-31")),
        ("2000-02", None, ("2000-02-01", "2000-02-29")),
        ("1969-WI", None, ("1969-12-01", "1970-02-28")),
        ("1989-Q3", None, ("1989-07-01", "1989-09-30")),
        ("1990-H2", None, ("1990-07-01", "1990-12-31")),
        ("1998-W02", None, ("1998-01-05", "1998-01-11")),
        ("1965-09-06", None, ("1965-09-06", "1965-09-06")),
        ("BC0480", None, ("-0479-01-01", "-0479-12-31")),
        ("1975", "ON_OR_BEFORE", (None, "1975-12-31")),
        ("1975", "AFTER", ("1976-01-01", None)),
        ("XXXX-06-20", None, (None, None)),
        ("PRESENT_REF", None, (None, None)),
        ("P3Y", None, (None, None)),
    ],
)
def test_bounds(
    value: str, mod: str | None, expected: tuple[str | None, str | None]
) -> None:
    assert bounds(value, mod) == expected


def test_bounds_mod_narrows_inside_the_interval() -> None:
    start, end = bounds("1970", "START")
    assert start == "1970-01-01" and end is not None and end <= "1970-05-01"
    start, end = bounds("1970", "END")
    assert end == "1970-12-31" and start is not None and start > "1970-08-31"


def test_component_stores_spans_with_timex() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("datelines_temporal", config={"mode": "news"})
    doc = nlp.make_doc("Shares fell 3% on Tuesday after a rally.")
    doc.user_data["dct"] = "2021-03-05"
    doc = nlp(doc)
    spans = list(doc.spans["timex"])
    assert [s.text for s in spans] == ["Tuesday"]
    assert isinstance(spans[0]._.timex, Timex)
    assert spans[0]._.timex.value == "2021-03-02"


def test_component_snaps_to_tokens() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("datelines_temporal")
    doc = nlp("They restored the pre-1914 borders.")
    span = doc.spans["timex"][0]
    assert span._.timex.text == "1914"
    assert "1914" in span.text and span.start_char <= span._.timex.start


def test_component_rejects_unknown_mode() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="mode"):
        nlp.add_pipe("datelines_temporal", config={"mode": "poetry"})


@pytest.mark.slow
def test_wikiwars_article_quality(shared: Path) -> None:
    """One WikiWars article in narrative mode: most gold timexes found and normalized."""
    from datelines.timeml import read_timeml

    doc = read_timeml(shared / "data" / "wikiwars" / "timex3" / "02_WW1.tml")
    found = tag(doc.text, dct=doc.dct, mode="narrative")
    overlapping = 0
    same_value = 0
    for gold in doc.timexes:
        hit = next(
            (t for t in found if t.start < gold.end and gold.start < t.end), None
        )
        if hit is not None:
            overlapping += 1
            same_value += hit.value == gold.value
    assert overlapping / len(doc.timexes) > 0.9
    assert same_value / len(doc.timexes) > 0.8


@pytest.mark.slow
def test_tempeval_training_file_quality(shared: Path) -> None:
    """A TempEval-3 training file in news mode, resolved against its document date."""
    from datelines.timeml import read_timeml

    doc = read_timeml(shared / "data" / "tempeval3" / "train" / "APW19980213.1310.tml")
    found = tag(doc.text, dct=doc.dct, mode="news")
    values = {t.value for t in found}
    gold_values = {g.value for g in doc.timexes}
    assert len(values & gold_values) / len(gold_values) > 0.7


def test_bounds_and_review_load_without_spacy() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from datelines.nlp.temporal import bounds, tag\n"
        "import datelines.review\n"
        "assert bounds('1969-WI') == datelines.review.interval('1969-WI')\n"
        "print('spacy' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


def test_bounds_rejects_impossible_days() -> None:
    assert bounds("1962-02-31") == (None, None)
    assert bounds("1971-13") == (None, None)
    assert bounds("1971-W53") == (None, None)
    assert bounds("1976-W53") == ("1976-12-27", "1977-01-02")
