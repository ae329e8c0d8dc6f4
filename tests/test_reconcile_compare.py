"""compare() on hand-made accounts (our own words): each conflict type, non-conflicts,
internal contradictions, omissions, neutral wording, the JSON contract, blocking cost."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from datelines.model import (
    Attribution,
    DateClaim,
    Event,
    Evidence,
    Figure,
    Participant,
    Source,
)
from datelines.reconcile import CompareSettings, Comparison, compare
from datelines.reconcile.align import candidates, items
from datelines.reconcile.similarity import Names

LEAGUE = Participant(name="Harbour Workers' League", type="ORG", text="the league")
A = Source(id="A", path="league-history.txt", sha256="a")
B = Source(id="B", path="city-almanac.txt", sha256="b")


def ev(
    id: str,
    source: str,
    value: str,
    quote: str,
    kind: str,
    *,
    agents: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
    figures: tuple[Figure, ...] = (),
    end_value: str | None = None,
    asserted_by: str = "source",
) -> Event:
    people = tuple(Participant(name=n, type="PERSON", role="agent") for n in agents)
    return Event(
        id=id, source=source, kind=kind, summary=quote[:60],
        date=DateClaim(value=value, text=value, end_value=end_value),
        evidence=Evidence(quote=quote, start=0, end=len(quote)),
        participants=(LEAGUE, *people), places=places, figures=figures,
        attribution=Attribution(asserted_by=asserted_by),
    )


HISTORY = [
    ev("a1", "A", "1902-05-04",
       "On 4 May 1902 Ada Lind and Tom Berg founded the Harbour Workers' League in Porto Verde.",
       "founding", agents=("Ada Lind", "Tom Berg"), places=("Porto Verde",)),
    ev("a2", "A", "1911-06", "In June 1911 the league held a peaceful march through the docks.",
       "protest"),
    ev("a3", "A", "1911-SU",
       "In the summer of 1911 the police killed more than 3,000 marchers of the league.",
       "killing", figures=(Figure(value=3000, qualifier="more_than", text="more than 3,000"),)),
    ev("a4", "A", "1920", "In 1920 the league moved its office to Nordhavn.", "relocation",
       places=("Nordhavn",)),
    ev("a5", "A", "1911-06", "The league's march of June 1911 drew 5,000 dock workers.",
       "protest", figures=(Figure(value=5000, text="5,000", of="dock workers"),)),
    ev("a6", "A", "1911-06", "Only 800 workers attended the league's June 1911 march.",
       "protest", figures=(Figure(value=800, text="800", of="workers"),)),
    ev("a7", "A", "1908", "In 1908 the league opened a school for dockers' children.",
       "founding"),
    ev("a8", "A", "1917", "In 1917 the league elected a new council.", "election"),
]
ALMANAC = [
    ev("b1", "B", "1902-05-09",
       "The Harbour Workers' League was founded on 9 May 1902 by Ada Lind, Tom Berg and Nils Ek.",
       "founding", agents=("Ada Lind", "Tom Berg", "Nils Ek"), places=("Porto Verde",)),
    ev("b2", "B", "1911-06",
       "In June 1911 the league's armed uprising in the docks was put down by the police.",
       "uprising"),
    ev("b3", "B", "1911-SU", "Up to 200 marchers of the league were killed in the summer of 1911.",
       "killing", figures=(Figure(value=200, qualifier="at_most", text="Up to 200"),)),
    ev("b4", "B", "1920-03-02", "On 2 March 1920 the league moved its office to Nordhavn.",
       "relocation", places=("Nordhavn",)),
    ev("b5", "B", "1915", "In 1915 the league bombed the customs house of Porto Verde.",
       "bombing", places=("Porto Verde",)),
    ev("b6", "B", "1906", "In 1906 the league won its first wage agreement.", "agreement"),
    ev("b7", "B", "1913", "In 1913 the league joined the national federation.", "alliance"),
]


@pytest.fixture(scope="module")
def result() -> Comparison:
    return compare([A, B], HISTORY + ALMANAC)


def kinds(result: Comparison, a: str, b: str) -> set[tuple[str, str]]:
    return {
        (c.type, c.strength)
        for c in result.conflicts
        if {cl.event for cl in c.claims} == {a, b}
    }


def test_date_conflict_beyond_granularity(result: Comparison) -> None:
    assert ("date", "hard") in kinds(result, "a1", "b1")


def test_actor_conflict_one_names_more_founders(result: Comparison) -> None:
    conflict = next(c for c in result.conflicts if c.type == "actor")
    assert conflict.strength == "soft"
    assert {cl.event for cl in conflict.claims} == {"a1", "b1"}
    assert "Nils Ek" in conflict.claims[1].value + conflict.claims[0].value


def test_characterization_peaceful_vs_armed(result: Comparison) -> None:
    assert ("characterization", "hard") in kinds(result, "a2", "b2")


def test_figure_conflict_disjoint_counts(result: Comparison) -> None:
    assert ("figure", "hard") in kinds(result, "a3", "b3")


def test_internal_contradiction_same_source(result: Comparison) -> None:
    internal = [c for c in result.conflicts if c.internal]
    assert any({cl.event for cl in c.claims} == {"a5", "a6"} for c in internal)
    assert all(len({cl.source for cl in c.claims}) == 1 for c in internal)


def test_granularity_is_not_a_conflict(result: Comparison) -> None:
    assert kinds(result, "a4", "b4") == set()
    assert result.agreements >= 1


def test_omission_with_reason(result: Comparison) -> None:
    omission = next(o for o in result.omissions if o.event == "b5")
    assert omission.absent_from == ("A",)
    assert "1902-1920" in omission.why and "bombing" in omission.why
    assert "Harbour Workers' League" in omission.why or "league" in omission.why


def test_no_omission_when_the_other_source_does_not_cover_the_years() -> None:
    late = ev("b9", "B", "1950", "In 1950 the league bombed the old customs house.", "bombing")
    result = compare([A, B], HISTORY + ALMANAC + [late])
    assert all(o.event != "b9" for o in result.omissions)


def test_qualifiers_compatible_not_flagged() -> None:
    one = ev("x1", "A", "1930", "In 1930 the flood killed more than 100,000 people.", "killing",
             figures=(Figure(value=100000, qualifier="more_than", text="more than 100,000"),))
    two = ev("x2", "B", "1930", "The flood of 1930 killed 120,000 people.", "killing",
             figures=(Figure(value=120000, text="120,000"),))
    assert compare([A, B], [one, two]).conflicts == ()


def test_attributed_estimates_are_soft() -> None:
    one = ev("y1", "A", "1930", "In 1930 the flood killed at least 30,000 people.", "killing",
             figures=(Figure(value=30000, qualifier="at_least", text="at least 30,000"),),
             asserted_by="Red Cross")
    two = ev("y2", "B", "1930", "The flood of 1930 killed up to 5,000 people.", "killing",
             figures=(Figure(value=5000, qualifier="at_most", text="up to 5,000"),),
             asserted_by="the ministry")
    conflict = compare([A, B], [one, two]).conflicts[0]
    assert (conflict.type, conflict.strength) == ("figure", "soft")


NOT_NEUTRAL = re.compile(r"\b(false|wrong|wrongly|lie|lies|lied|true|correct|incorrect|error)\b",
                         re.IGNORECASE)


def test_explanations_are_neutral(result: Comparison) -> None:
    texts = [c.explanation for c in result.conflicts] + [o.why for o in result.omissions]
    assert texts
    for text in texts:
        assert not NOT_NEUTRAL.search(text), text
    for c in result.conflicts:
        assert " says " in c.explanation


def test_json_contract(result: Comparison) -> None:
    data = result.to_dict()
    assert set(data) >= {"sources", "alignments", "conflicts", "omissions", "agreements"}
    assert {"id", "path"} <= set(data["sources"][0])
    conflict = data["conflicts"][0]
    assert set(conflict) >= {"id", "type", "strength", "event", "claims", "explanation"}
    assert set(conflict["claims"][0]) == {"source", "event", "quote", "value"}
    omission = data["omissions"][0]
    assert set(omission) >= {"event", "present_in", "absent_from", "why"}
    assert set(data["alignments"][0]) >= {"id", "events"}
    assert set(data["alignments"][0]["events"][0]) == {"source", "event", "quote"}


def test_claims_quote_the_sources_exactly(result: Comparison) -> None:
    quotes = {e.id: e.evidence.quote for e in HISTORY + ALMANAC}
    for c in result.conflicts:
        for claim in c.claims:
            assert claim.quote == quotes[claim.event]


def synthetic(n: int, sources: int = 20) -> list[Event]:
    """n events spread over time (about 40 a year), each in one of `sources` sources."""
    start = date(1800, 1, 1)
    out = []
    for i in range(n):
        day = start + timedelta(days=9 * i)
        out.append(ev(f"s{i}", f"S{i % sources}", day.isoformat(),
                      f"On that day the league met for the {i}th time.", "meeting"))
    return out


def test_blocking_is_subquadratic() -> None:
    settings = CompareSettings()
    names = Names()
    small = len(candidates(items(synthetic(300), names), settings=settings))
    large = len(candidates(items(synthetic(1200), names), settings=settings))
    assert small > 0
    assert large < 6 * small  # quadratic growth would be 16x
    assert large < 1200 * 1199 / 2 / 10


def test_figure_claim_quotes_the_sentence_that_holds_it() -> None:
    text_a = "The flood came in June 1930. It drowned more than 9,000 farmers."
    text_b = "In June 1930 the flood drowned at most 400 farmers."
    first = "The flood came in June 1930."
    one = ev("f1", "A", "1930-06", first, "flood",
             figures=(Figure(value=9000, qualifier="more_than", text="more than 9,000",
                             of="farmers"),))
    two = ev("f2", "B", "1930-06", text_b, "flood",
             figures=(Figure(value=400, qualifier="at_most", text="at most 400",
                             of="farmers"),))
    result = compare([A, B], [one, two], texts={"A": text_a, "B": text_b})
    conflict = next(c for c in result.conflicts if c.type == "figure")
    quotes = {claim.source: claim.quote for claim in conflict.claims}
    assert quotes == {"A": "It drowned more than 9,000 farmers.", "B": text_b}
    assert conflict.strength == "hard"
