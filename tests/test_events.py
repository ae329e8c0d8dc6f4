"""Event detection rules, one small narrative (our own words) per rule."""

from __future__ import annotations

import pytest

from datelines.extract import document_from_text, extract, pipeline

CASES = [
    # (text, expected [(value, kind)])
    ("In 1953 the colonels staged a coup against the premier.", [("1953", "coup")]),
    (
        "In May 1930, the guild held a rally. The guild then went home.",
        [("1930-05", "protest")],
    ),
    ("The 1920s marked a calmer decade for the town.", []),
    ("In June 1913, the club was left without a chairman.", []),
    ("In May 1911, the fair was nearing its tenth season.", []),
    (
        "Following the 1919 Revolution, it became clear that the canal was too narrow.",
        [],
    ),
    ("The envoys wanted to return to the 1920 border.", []),
    (
        "In 1921 the tenants said that the landlord would sell the farm.",
        [("1921", "declaration")],
    ),
    (
        "Just prior to the May 3, 1930 festival, the mayor launched a crackdown on the dockers.",
        [("1930-05", "crackdown")],
    ),
    (
        "The Mill Society was crushed by 1925, but it reemerged in early 1929.",
        [("1925", "crackdown"), ("1929", "event")],
    ),
    ("September 28, 1931", []),
    ("They met every week in 1930.", [("1930", "meeting")]),
    # a subjectless beginning dates the happening its clause names
    (
        "The 1930 purges in Tarn were a wave of arrests, starting on 19 July 1930.",
        [("1930-07-19", "crackdown")],
    ),
    (
        "The purges happened all over Tarn and lasted a month, beginning in July 1930.",
        [("1930-07", "crackdown")],
    ),
    # one happening told twice in a sentence is one event
    (
        "The 2 May 1931 Lyon strikes were a one-day strike organized by the dockers "
        "on 2 May 1931.",
        [("1931-05-02", "protest")],
    ),
    # a past narrative's "would" with its own date is its future, not a hypothesis
    (
        "The dockers' strike would begin on 2 May 1931, a week after the vote.",
        [("1931-05-02", "protest")],
    ),
    ("The dockers would strike in May 1931 if the owners refused.", []),
    # phrasal verbs
    ("In 1932 the army took over the radio station.", [("1932", "regime_change")]),
    ("In 1933 the police cracked down on the printers.", [("1933", "crackdown")]),
    # a time of day on an unknown day ("night raids") does not outrank the year
    (
        "In 1934 the militia staged night raids on the mills.",
        [("1934", "military_operation")],
    ),
    # a narrative duration does not take in the year that dates its sentence
    (
        "In the first six months of 1935 the mills lost 3,000 jobs.",
        [("1935", "event")],
    ),
]


def test_dates_anchored_to_an_event_and_to_a_day_place_their_events(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The fort fell in May 1936. Two days after the fall, the colonel resigned. "
        "The council was dissolved on 9 June 1936. Hours later, the mayor fled.\n"
    )
    events = extract(document_from_text(text), nlp=nlp).events
    assert [(e.date.value, e.date.start, e.date.end) for e in events] == [
        ("1936-05", "1936-05-01", "1936-05-31"),
        ("1936-05-XX", "1936-05-01", "1936-05-31"),  # a day of May: inside May
        ("1936-06-09", "1936-06-09", "1936-06-09"),
        ("1936-06-09", "1936-06-09", "1936-06-09"),
    ]


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return pipeline()


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_rule(nlp, text: str, expected: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    events = extract(document_from_text(text + "\n"), nlp=nlp).events
    assert [(e.date.value, e.kind) for e in events] == expected


def test_relation_sets_mod_before(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Just prior to the May 3, 1930 festival, the mayor launched a crackdown.\n"
    (event,) = extract(document_from_text(text), nlp=nlp).events
    assert (event.date.value, event.date.mod) == ("1930-05", "BEFORE")


def test_elaboration_joins_figures_and_adds_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On July 28, 1930, the militia began the massacre at Dorn. "
        "Over the course of a single summer, the militia executed more than 900 "
        "prisoners.\n"
    )
    events = extract(document_from_text(text), nlp=nlp).events
    assert [(e.date.value, e.kind) for e in events] == [("1930-07-28", "massacre")]
    assert [(f.value, f.qualifier) for f in events[0].figures] == [(900.0, "more_than")]


def test_definite_mention_lends_figures_across_paragraphs(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On June 1, 1921, the two republics signed a trade treaty.\n\n"
        "The treaty was welcomed by 300 merchants from 12 towns.\n"
    )
    (event,) = extract(document_from_text(text), nlp=nlp).events
    assert event.kind == "agreement"
    assert sorted(f.value for f in event.figures) == [2.0, 12.0, 300.0]  # two republics


def test_recurring_sentence_inherits_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "In 1930 the guild founded a school. The teachers met every week.\n"
    events = extract(document_from_text(text), nlp=nlp).events
    assert [e.kind for e in events] == ["founding"]


def test_narrative_date_goes_stale_after_a_paragraph(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In May 1930, the guild founded a school.\n\n"
        "The school had four rooms and a garden.\n\n"
        "The police arrested the headmaster.\n"
    )
    events = extract(document_from_text(text), nlp=nlp).events
    assert [e.kind for e in events] == ["founding"]
    near = text.replace("The school had four rooms and a garden.\n\n", "")
    kinds = [
        (e.kind, e.date.anchor)
        for e in extract(document_from_text(near), nlp=nlp).events
    ]
    assert kinds == [("founding", "explicit"), ("arrest", "relative")]


def test_a_finer_date_under_another_verb_is_a_second_happening() -> None:
    from datelines.extract import document_from_text, extract

    text = "In early 1920, the mayor received reports forecasting the summer strike."
    events = extract(document_from_text(text + "\n", name="x.txt")).events
    values = sorted(e.date.value for e in events)
    assert values == ["1920", "1920-SU"], [(e.date.value, e.summary) for e in events]
    text = "In 1920, the 4 May strike closed the port."
    events = extract(document_from_text(text + "\n", name="y.txt")).events
    assert [e.date.value for e in events] == ["1920-05-04"]


def test_an_undated_sentence_told_by_its_participle() -> None:
    from datelines.extract import document_from_text, extract

    text = (
        "On May 3, 1902, the dockers marched to the town hall. "
        "Shots were fired, killing two dockers.\n"
    )
    events = extract(document_from_text(text, name="x.txt")).events
    assert [(e.kind, e.date.value) for e in events][-1] == ("killing", "1902-05-03")
    text = "On May 3, 1902, the dockers marched. The mayor was leaving office, ending talks.\n"
    events = extract(document_from_text(text, name="y.txt")).events
    assert [e.kind for e in events] == ["protest"], [e.summary for e in events]
