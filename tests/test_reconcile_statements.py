"""Statements (our own words): infobox lines and sentences no event covers are compared
through the event they go on about; each rule of reconcile/statements.py has a case."""

from __future__ import annotations

import re

import pytest

from datelines.model import DateClaim, Entity, Event, Evidence, Figure, Source
from datelines.reconcile import CompareSettings, compare
from datelines.reconcile.reading import key_use, split_list, table
from datelines.reconcile.statements import INFOBOX_LINE

A = Source(id="A", path="guild-history.txt", sha256="a")
B = Source(id="B", path="guild-encyclopedia.txt", sha256="b")
PEOPLE = [
    Entity(id="person/ada-brook", name="Ada Brook", type="PERSON"),
    Entity(id="person/tom-hale", name="Tom Hale", type="PERSON"),
    Entity(id="person/jo-lee", name="Jo Lee", type="PERSON"),
    Entity(id="org/weavers-guild", name="Weavers' Guild", type="ORG"),
]


def event(id: str, source: str, text: str, quote: str, value: str, kind: str,
          figures: tuple[Figure, ...] = ()) -> Event:
    start = text.index(quote)
    return Event(
        id=id, source=source, kind=kind, summary=quote[:50],
        date=DateClaim(value=value, text=value),
        evidence=Evidence(quote=quote, start=start, end=start + len(quote)),
        figures=figures,
    )


def run(texts: dict[str, str], events: list[Event], **settings: bool) -> list[tuple[str, ...]]:
    result = compare([A, B], events, entities=PEOPLE, texts=texts,
                     settings=CompareSettings(resolve_entities=False, **settings))
    return [(c.type, *sorted(cl.quote for cl in c.claims)) for c in result.conflicts]


HISTORY = (
    "Weavers' Guild\n\n"
    "It was in a hard decade that Ada Brook and Tom Hale founded the Weavers' Guild. "
    "On 4 May 1902 the two weavers set out to unite the mills.\n\n"
    "The great strike of the guild began on 2 June 1911. "
    "Over a single summer of strike the police arrested more than 3,000 weavers.\n"
)
ENCYCLOPEDIA = (
    "Weavers' Guild\n\n"
    "Founders: Ada Brook, Tom Hale, Jo Lee\n"
    "Founded: 5 May 1902 (1902-05-05)\n"
    "Members: 9,000\n\n"
    "The Weavers' Guild was founded on 5 May 1902 by mill hands.\n\n"
    "The guild strike started on 2 June 1911 and lasted about five months. "
    "The exact number arrested is disputed. "
    "Some observers put the number at 900; others say up to 1,200 weavers were arrested.\n"
)


def history_events() -> list[Event]:
    return [
        event("a1", "A", HISTORY, "On 4 May 1902 the two weavers set out to unite the mills.",
              "1902-05-04", "founding", (Figure(value=2, text="two", of="weavers"),)),
        event("a2", "A", HISTORY, "The great strike of the guild began on 2 June 1911.",
              "1911-06-02", "strike"),
    ]


def encyclopedia_events() -> list[Event]:
    return [
        event("b1", "B", ENCYCLOPEDIA,
              "The Weavers' Guild was founded on 5 May 1902 by mill hands.",
              "1902-05-05", "founding"),
        event("b2", "B", ENCYCLOPEDIA,
              "The guild strike started on 2 June 1911 and lasted about five months.",
              "1911-06-02", "strike"),
    ]


TEXTS = {"A": HISTORY, "B": ENCYCLOPEDIA}


@pytest.fixture(scope="module")
def found() -> list[tuple[str, ...]]:
    return run(TEXTS, history_events() + encyclopedia_events())


def test_founders_line_against_the_sentence_that_names_the_founders(
    found: list[tuple[str, ...]],
) -> None:
    assert (
        "actor",
        "Founders: Ada Brook, Tom Hale, Jo Lee",
        "It was in a hard decade that Ada Brook and Tom Hale founded the Weavers' Guild.",
    ) in found


def test_undated_sentence_borrows_the_date_of_its_event(found: list[tuple[str, ...]]) -> None:
    # "a single summer" cannot hold five months from 2 June: the sentence states its own
    # season, and rides on the strike event it goes on about
    assert (
        "date",
        "Over a single summer of strike the police arrested more than 3,000 weavers.",
        "The guild strike started on 2 June 1911 and lasted about five months.",
    ) in found


def test_each_clause_of_an_estimate_is_its_own_claim(found: list[tuple[str, ...]]) -> None:
    quotes = {q for c in found if c[0] == "figure" for q in c[1:]}
    assert "others say up to 1,200 weavers were arrested." in quotes
    # "put the number at 900": the number of what the sentence before counts
    assert "Some observers put the number at 900" in quotes


def test_statements_can_be_switched_off() -> None:
    found = run(TEXTS, history_events() + encyclopedia_events(), statements=False)
    assert not any("Founders:" in q for c in found for q in c[1:])


def test_dated_infobox_line_stands_alone_when_no_event_tells_it() -> None:
    # B has no founding sentence: its "Founded:" line is aligned like an event
    events = history_events() + encyclopedia_events()[1:]
    found = run(TEXTS, events)
    assert any(c[0] == "date" and "Founded: 5 May 1902 (1902-05-05)" in c for c in found)


def test_compatible_statements_are_not_flagged() -> None:
    text_b = ENCYCLOPEDIA.replace("5 May 1902", "May 1902").replace("(1902-05-05)", "")
    text_b = text_b.replace(", Jo Lee", "").replace("up to 1,200", "more than 2,500")
    text_b = text_b.replace("at 900", "at 3,400").replace("lasted about five months", "ended")
    events = history_events() + [
        event("b1", "B", text_b, "The Weavers' Guild was founded on May 1902 by mill hands.",
              "1902-05", "founding"),
        event("b2", "B", text_b, "The guild strike started on 2 June 1911 and ended.",
              "1911-06-02", "strike"),
    ]
    assert run({"A": HISTORY, "B": text_b}, events) == []


def test_named_happening_aligns_despite_dates() -> None:
    text_a = "Operation Lantern was fought from 2 to 5 March 1917 near the river.\n"
    text_b = "Operation Lantern would be launched on 26 March 1917 against the river forts.\n"
    named = [*PEOPLE, Entity(id="org/operation-lantern", name="Operation Lantern", type="ORG")]
    events = [
        event("a1", "A", text_a, text_a.strip(), "1917-03-02", "military_operation"),
        event("b1", "B", text_b, text_b.strip(), "1917-03-26", "battle"),
    ]
    result = compare([A, B], events, entities=named, texts={"A": text_a, "B": text_b})
    assert [c.type for c in result.conflicts] == ["date"]


@pytest.mark.parametrize("example", table()["infobox"]["examples"])
def test_infobox_examples(example: dict[str, str]) -> None:
    m = INFOBOX_LINE.match(example["line"])
    assert m is not None
    assert m.group(1).lower() == example["key"]
    use = key_use(m.group(1))
    assert (use or "figures") == example["use"]
    if use in ("agents", "places"):
        assert "; ".join(split_list(m.group(2))) == example["value"]
    else:
        assert example["value"] in m.group(2)


def test_attribution_example() -> None:
    from datelines.reconcile.reading import attributed

    sentence, expected = table()["attribution_example"]
    assert attributed(sentence) is expected
    assert re.search(r"\w", sentence)


def test_one_account_gives_two_tolls_for_one_happening() -> None:
    text = (
        "The dam broke on 9 April 1931. The number of the dead is unknown. "
        "Some engineers put the toll at up to 300 people killed. "
        "Relief committees estimate that at least 2,000 were killed.\n"
    )
    events = [event("a1", "A", text, "The dam broke on 9 April 1931.", "1931-04-09",
                    "disaster")]
    result = compare([A], events, texts={"A": text},
                     settings=CompareSettings(resolve_entities=False))
    [conflict] = [c for c in result.conflicts if c.type == "figure"]
    assert conflict.internal and conflict.strength == "soft"  # both report estimates
    assert {cl.value for cl in conflict.claims} == {"\u201cup to 300\u201d",
                                                     "\u201cat least 2,000\u201d"}


def test_act_told_inside_another_event_names_its_agents() -> None:
    # the history's event is about the purge; the same sentence says who founded the
    # council, which the encyclopedia's infobox lists with one more founder
    council = Entity(id="org/river-council", name="River Council", type="ORG")
    history = ("On 3 June 1920, one month after the purge began, Ada Brook founded the "
               "River Council in the hills.\n")
    box = ("River Council\n\nFounder: Ada Brook and Tom Hale\nFounded: 2 June 1920\n"
           "Seat: Hill Town\n")
    events = [event("a1", "A", history, history.strip(), "1920-06-03", "crackdown")]
    result = compare([A, B], events, entities=[*PEOPLE, council],
                     texts={"A": history, "B": box},
                     settings=CompareSettings(resolve_entities=False))
    kinds = {(c.type, c.strength) for c in result.conflicts}
    assert ("actor", "soft") in kinds  # one names more founders
    assert ("date", "hard") in kinds  # 3 June against 2 June


def test_followers_and_supporters_count_the_same_thing() -> None:
    from datelines.reconcile.conflicts import comparable

    assert comparable(("dead", "follower", False), ("dead", "supporter", False))
    assert not comparable(("dead", "follower", False), ("dead", "locomotive", False))


def test_one_city_against_a_list_of_cities_is_a_soft_place_conflict() -> None:
    towns = [Entity(id=f"gpe/{n.lower()}", name=n, type="GPE")
             for n in ("Harrow", "Kelby", "Morton", "Dunmore")]
    text_a = ("The weavers marched on 1 May 1913. Some 4,000 weavers walked in Harrow "
              "that day.\n")
    text_b = ("Marches\n\nDate: 1 May 1913\nLocation: Harrow, Kelby, Morton, Dunmore\n"
              "Arrested: 40+\n")
    events = [event("a1", "A", text_a, "The weavers marched on 1 May 1913.", "1913-05-01",
                    "march")]
    result = compare([A, B], events, entities=[*PEOPLE, *towns],
                     texts={"A": text_a, "B": text_b},
                     settings=CompareSettings(resolve_entities=False))
    [place] = [c for c in result.conflicts if c.type == "place"]
    assert place.strength == "soft"
    assert {cl.quote for cl in place.claims} == {
        "Some 4,000 weavers walked in Harrow that day.",
        "Location: Harrow, Kelby, Morton, Dunmore",
    }


def test_statement_claims_name_the_stored_event_they_ride_on() -> None:
    result = compare([A, B], history_events() + encyclopedia_events(), entities=PEOPLE,
                     texts=TEXTS, settings=CompareSettings(resolve_entities=False))
    summer = [cl for c in result.conflicts for cl in c.claims
              if cl.quote.startswith("Over a single summer")]
    assert summer and {cl.event for cl in summer} == {"a2"}


def test_a_list_closed_by_its_count_makes_the_founders_conflict_hard() -> None:
    # the history counts its founders ("the two weavers"); the infobox names a third
    result = compare([A, B], history_events() + encyclopedia_events(), entities=PEOPLE,
                     texts=TEXTS, settings=CompareSettings(resolve_entities=False))
    [actor] = [c for c in result.conflicts if c.type == "actor"]
    assert actor.strength == "hard"
    unclosed = [e.replace(figures=()) for e in history_events()]
    result = compare([A, B], unclosed + encyclopedia_events(), entities=PEOPLE,
                     texts=TEXTS, settings=CompareSettings(resolve_entities=False))
    assert [c.strength for c in result.conflicts if c.type == "actor"] == ["soft"]


@pytest.mark.parametrize(("total", "expected"), [
    ("some 400", [("soft", True)]),  # a wider total, maybe of the same happening
    ("some 4,000", []),  # a hundredfold: the years' total holds the day's toll
])
def test_a_wider_total_after_an_event(total: str, expected: list[tuple[str, bool]]) -> None:
    text = ("The river flooded the town on 3 March 1910 and 12 people were killed. "
            f"Over the years {total} people were killed by its floods.\n")
    first = text.split(". ")[0] + "."
    events = [event("a1", "A", text, first, "1910-03-03", "flood",
                    (Figure(value=12, text="12", of="people"),))]
    result = compare([A], events, texts={"A": text},
                     settings=CompareSettings(resolve_entities=False))
    strengths = [(c.strength, c.internal) for c in result.conflicts if c.type == "figure"]
    assert strengths == expected
