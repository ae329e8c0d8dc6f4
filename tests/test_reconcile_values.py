"""Dates and figures as intervals: what conflicts and what does not (hand-made values)."""

from __future__ import annotations

import pytest

from datelines.model import DateClaim, Figure
from datelines.reconcile.dates import (
    date_relation,
    stated_duration,
    value_interval,
    when,
)
from datelines.reconcile.figures import figure_relation, measure


def d(value: str, **kw: object) -> DateClaim:
    return DateClaim(value=value, text=value, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "kind", "strength"),
    [
        # granularity: a coarser claim contains a finer one
        (d("1921"), d("1921-03-14"), "compatible", None),
        (d("1921-03"), d("1921-03-14"), "compatible", None),
        (d("192"), d("1925-06"), "compatible", None),
        (d("1936-SU"), d("1936-06-18"), "compatible", None),  # summer padded
        (d("199", mod="EARLY"), d("1992-03-17"), "compatible", None),
        (d("1940-04-08", mod="AFTER"), d("1941"), "compatible", None),
        # beyond the granularity of either claim
        (d("1921-03-14"), d("1921-03-15"), "conflict", "hard"),
        (d("1921"), d("1923"), "conflict", "hard"),
        (d("1915"), d("192", mod="EARLY"), "conflict", "hard"),
        (d("1921-03-14", anchor="relative"), d("1921-03-30"), "conflict", "soft"),
        (d("1921-03-14", mod="APPROX"), d("1921-05-30"), "conflict", "soft"),
        # an extent that does not fit in a season
        (d("1930-SU"), d("1930-07-10", end_value="1930-12-20"), "conflict", "hard"),
        (d("1930"), d("1930-07-10", end_value="1930-12-20"), "compatible", None),
    ],
)
def test_date_relation(a: DateClaim, b: DateClaim, kind: str, strength: str | None) -> None:
    rel = date_relation(a, b)
    assert (rel.kind, rel.strength) == (kind, strength)
    back = date_relation(b, a)  # symmetric
    assert (back.kind, back.strength) == (kind, strength)


def test_duration_makes_a_span_that_overflows_a_season() -> None:
    days, iso = stated_duration("It started on 3 July 1930 and lasted about five months.")
    assert iso == "P5M"
    rel = date_relation(d("1930-SU"), d("1930-07-03"), b_days=days)
    assert rel.kind == "conflict" and rel.reason == "extent"


def test_undated_claims_are_unknown_not_conflicts() -> None:
    assert value_interval("XXXX-06-20") is None
    assert when(d("XXXX-06-20")) is None
    assert date_relation(d("XXXX-06-20"), d("1931")).kind == "unknown"


def f(value: float, qualifier: str = "exact", **kw: object) -> Figure:
    return Figure(value=value, qualifier=qualifier, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "kind", "strength"),
    [
        (f(30000, "more_than"), f(5000, "at_most"), "conflict", "soft"),  # measure unknown
        (f(100000, "more_than"), f(120000), "compatible", None),
        (f(30000, "more_than"), f(30000, "more_than"), "compatible", None),
        (f(62.5, unit="%"), f(55, "more_than", unit="%"), "compatible", None),
        (f(16, "range", max=50), f(16, "at_least"), "compatible", None),
        (f(73), f(70, "at_least"), "compatible", None),
        (f(30000, "more_than"), f(2800, "range", max=3800), "conflict", "soft"),
        (f(500000), f(500000, "more_than"), "conflict", "soft"),  # only rounding apart
        (f(7500, "more_than"), f(120000), "conflict", "soft"),  # bound far from count
        (f(40), f(40, unit="%"), "incomparable", None),
    ],
)
def test_figure_relation(a: Figure, b: Figure, kind: str, strength: str | None) -> None:
    rel = figure_relation(a, b)
    assert (rel.kind, rel.strength) == (kind, strength)
    back = figure_relation(b, a)
    assert (back.kind, back.strength) == (kind, strength)


def test_figures_of_the_same_measure_disjoint_are_hard() -> None:
    rel = figure_relation(
        f(30000, "more_than"), f(5000, "at_most"), measure_a="dead", measure_b="dead"
    )
    assert (rel.kind, rel.strength) == ("conflict", "hard")


def test_figures_of_different_measures_are_not_compared() -> None:
    rel = figure_relation(f(69), f(186), measure_a="dead", measure_b="wounded")
    assert rel.kind == "incomparable"


def test_measure_prefers_the_verb_over_the_noun() -> None:
    sentence = "Some 900 members and supporters were executed by the guards in 1932."
    assert measure(f(900, text="900"), sentence) == "dead"
    other = "The guild counted 900 members in 1932."
    assert measure(f(900, text="900"), other) == "members"


def test_a_start_date_inside_an_extent_still_conflicts_hard() -> None:
    span = d("1930-06-19", end_value="1930-08-30")
    assert date_relation(d("1930-07-03"), span).strength == "soft"
    rel = date_relation(d("1930-07-03"), span, a_start=True)
    assert (rel.kind, rel.strength) == ("conflict", "hard")
