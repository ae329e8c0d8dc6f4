"""Scope and firmness before a conflict is reported (our own words): counts of other
scopes, dates not held firm, names that only describe the agents."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest

from datelines.model import DateClaim, Event, Evidence, Figure, Participant
from datelines.reconcile import conflicts, scope
from datelines.reconcile.compare import _soften_disputed
from datelines.reconcile.features import Item, items
from datelines.reconcile.similarity import Names


def event(id: str, source: str, quote: str, value: str, kind: str, *,
          figures: tuple[Figure, ...] = (), agents: tuple[str, ...] = ()) -> Event:
    return Event(
        id=id, source=source, kind=kind, summary=quote[:40],
        date=DateClaim(value=value, text=value),
        evidence=Evidence(quote=quote, start=0, end=len(quote)),
        figures=figures,
        participants=tuple(Participant(name=n, type="PERSON", role="agent") for n in agents),
    )


def pair(a: Event, b: Event) -> tuple[Item, Item]:
    first, second = items([a, b], Names([]))
    return first, second


def label(source: str) -> str:
    return source


def quote(item: Item, _value: str) -> str:
    return item.event.evidence.quote


CUES = [(table, c) for table in ("alternative", "approach", "period")
        for c in scope.cues()[table]]


@pytest.mark.parametrize(("table", "cue"), CUES, ids=[f"{t}-{i}" for i, (t, _) in
                                                      enumerate(CUES)])
def test_scope_cue_example_matches(table: str, cue: dict[str, Any]) -> None:
    assert re.search(cue["pattern"], cue["example"], re.I)
    assert scope.says(table, cue["example"])


def dockers(n: str, value: float) -> Event:
    return event("a1", "A", f"Over the years police killed {n} dockers of the port.",
                 "1920-05-01", "killing",
                 figures=(Figure(value=value, text=n, of="dockers"),))


MARCH = event("b1", "B", "On 1 May 1920 police fired on the dockers' march, killing 20 dockers.",
              "1920-05-01", "killing", figures=(Figure(value=20, text="20", of="dockers"),))


@pytest.mark.parametrize(("n", "value", "expected"), [
    ("60,000", 60000, []),  # a hundredfold: a total of the years holds one day's toll
    ("600", 600, ["hard"]),  # thirtyfold: two tolls of one day that cannot both hold
])
def test_a_hundredfold_count_tells_another_scope(n: str, value: float,
                                                 expected: list[str]) -> None:
    a, b = pair(dockers(n, value), MARCH)
    found = list(conflicts.figure_conflicts(a, b, label, quote))
    assert [c.strength for c in found] == expected


def test_a_count_for_this_period_may_hold_the_other() -> None:
    period = event("a1", "A", "Forty dockers were killed during this period.", "1920",
                   "killing", figures=(Figure(value=40, text="Forty", of="dockers"),))
    a, b = pair(period, MARCH)
    assert list(conflicts.figure_conflicts(a, b, label, quote)) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The king ordered the execution of thousands of prisoners.", []),
    ("A later inquiry puts the number in thousands.", ["soft"]),
])
def test_thousands_of_sets_a_floor_an_estimate_in_thousands_an_order(
    sentence: str, expected: list[str]
) -> None:
    vague = event("a1", "A", sentence, "1801", "execution", figures=(
        Figure(value=2000, qualifier="at_least", text="thousands", of="prisoners"),))
    exact = event("b1", "B", "In 1801 the king had 30,000 prisoners executed.", "1801",
                  "execution", figures=(Figure(value=30000, text="30,000", of="prisoners"),))
    a, b = pair(vague, exact)
    assert [c.strength for c in conflicts.figure_conflicts(a, b, label, quote)] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("On 3 April 1920 the long strike was coming to an end.", "soft"),
    ("On 3 April 1920 the long strike came to an end.", "hard"),
])
def test_a_date_of_the_approach_is_no_firm_date(sentence: str, expected: str) -> None:
    a, b = pair(event("a1", "A", sentence, "1920-04-03", "strike"),
                event("a2", "A", "The long strike ended on 9 June 1921.", "1921-06-09",
                      "strike"))
    found = conflicts.date_conflict(a, b, label, quote)
    assert found is not None and found.strength == expected


def test_an_account_that_records_another_dating_holds_no_date_firm() -> None:
    summer = event("a1", "A", "The lockout lasted a single summer.", "1912-SU", "lockout")
    months = event("b1", "B", "The lockout was at its height in November 1912.", "1912-11",
                   "lockout")
    infobox = dataclasses.replace(
        event("b2", "B", "Dates: May-December 1912 (some sources say May-July)", "1912-05",
              "lockout"), date=DateClaim(value="1912-05", end_value="1912-12", text="May"))
    a, b = pair(summer, months)
    hard = dataclasses.replace(conflicts.date_conflict(a, b, label, quote)
                               or pytest.fail("no date conflict"), strength="hard")
    for events, expected in (([summer, months], "hard"), ([summer, months, infobox], "soft")):
        found = {hard.id: hard}
        _soften_disputed(found, [a, b], events)
        assert found[hard.id].strength == expected


@pytest.mark.parametrize(("sentence", "conflict"), [
    ("Supporters of Ada Brook founded the guild in 1902.", False),
    ("Ada Brook founded the guild in 1902.", True),
])
def test_a_name_that_describes_the_agents_is_no_agent(sentence: str, conflict: bool) -> None:
    a, b = pair(event("a1", "A", sentence, "1902", "founding", agents=("Ada Brook",)),
                event("b1", "B", "Tom Hale founded the guild in 1902.", "1902", "founding",
                      agents=("Tom Hale",)))
    assert (conflicts.actor_conflict(a, b, label, quote) is not None) is conflict


@pytest.mark.parametrize(("value", "kind"), [
    ("1910-09", "conflict"),  # September: only the season's padding holds it
    ("1910-06-20", "compatible"),  # a day of June lies in the summer proper
    ("1910-08", "compatible"),
])
def test_a_month_at_the_edge_of_a_season_is_a_soft_date_conflict(value: str, kind: str
                                                                 ) -> None:
    from datelines.reconcile.dates import date_relation

    rel = date_relation(DateClaim(value="1910-SU", text="the summer of 1910"),
                        DateClaim(value=value, text=value))
    assert rel.kind == kind
    assert rel.strength == ("soft" if kind == "conflict" else None)


def test_founders_portrayed_in_opposing_terms_are_a_soft_characterization() -> None:
    a, b = pair(event("a1", "A", "The club was founded in 1950 by leftist students.", "1950",
                      "founding"),
                event("b1", "B", "In 1950 the club was founded by a group of devout farmers.",
                      "1950", "founding"))
    found = conflicts.characterization_conflict(a, b, label, quote)
    assert found is not None and found.strength == "soft"
    c, d = pair(event("a1", "A", "The club, led by leftist students, was founded in 1950.",
                      "1950", "founding"),
                event("b1", "B", "The club was founded in 1950 by leftist farmers.", "1950",
                      "founding"))
    assert conflicts.characterization_conflict(c, d, label, quote) is None
