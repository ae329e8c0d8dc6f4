"""Happenings placed by another happening (our own sentences, one per rule)."""

from __future__ import annotations

import pytest

from datelines.extract import document_from_text, extract, pipeline


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return pipeline()


def _events(nlp, text: str) -> list[tuple[str, str | None, str]]:  # type: ignore[no-untyped-def]
    events = extract(document_from_text(text), nlp=nlp).events
    return [(e.date.value, e.date.mod, e.kind) for e in events]


def test_fronted_relation_with_own_dates_tells_each_and_places_the_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Following Varo's accession to the guild leadership in 1931 and Lind's "
        "resignation as treasurer in 1933, a group of weavers split away from the "
        "guild to form a new union.\n"
    )
    assert _events(nlp, text) == [
        ("1931", None, "accession"),
        ("1933", None, "resignation"),
        ("1933", "AFTER", "split"),
    ]


def test_trailing_until_after_bound_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "In 1932 the mayor suspended the talks until after the elections in 1934.\n"
    assert [kind for _, _, kind in _events(nlp, text)] == ["suspension"]


def test_named_happening_as_time_adverbial_dates_its_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The league helped to topple the king during the 1848 Revolution.\n"
    assert _events(nlp, text) == [("1848", None, "coup")]


def test_named_happening_in_passing_still_tells_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The league wrote pamphlets that led to the 1848 Revolution.\n"
    assert _events(nlp, text) == []


def test_before_a_told_happening_takes_its_date(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The dockers went on strike in Lusk on 4 May 1931.\n\n"
        "Background\n\n"
        "A few days before the strike, the mayor ordered the arrest of two clerks.\n"
    )
    assert _events(nlp, text) == [
        ("1931-05-04", None, "protest"),
        ("1931-05", "BEFORE", "arrest"),
    ]


def test_before_an_untold_happening_takes_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In 1931 the guild founded a school.\n\n"
        "A few days before the strike, the mayor ordered the arrest of two clerks.\n"
    )
    assert [kind for _, _, kind in _events(nlp, text)] == ["founding"]


def test_vague_span_later_stops_the_narrative_date(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In 1931 the council banned the weavers' guild.\n\n"
        "After many years of exile, the weavers returned to the valley.\n"
    )
    assert [kind for _, _, kind in _events(nlp, text)] == ["ban"]


def test_without_a_span_the_narrative_date_is_inherited(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In 1931 the council banned the weavers' guild.\n\n"
        "The weavers returned to the valley.\n"
    )
    assert [kind for _, _, kind in _events(nlp, text)] == ["ban", "relocation"]


def test_light_verb_in_progress_tells_the_happening_it_carries(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "By 1921, the guild was leading a boycott of the mills.\n"
    assert [kind for _, _, kind in _events(nlp, text)] == ["boycott"]


def test_state_in_progress_still_tells_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "By 1921, the guild was nearing its tenth season.\n"
    assert _events(nlp, text) == []


def test_paragraph_quoted_after_a_speech_colon_is_no_narrative(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In 1931 the council banned the clerk's notices.\n\n"
        "He posted the following on the door:\n\n"
        "These weavers that are released on market day in June are a nuisance.\n"
    )
    assert [kind for _, _, kind in _events(nlp, text)] == ["ban"]
    unquoted = text.replace("He posted the following on the door:", "Nobody read it.")
    assert [kind for _, _, kind in _events(nlp, unquoted)] == ["ban", "release"]


@pytest.mark.parametrize(
    "text",
    [
        "A 1922 statement of the congress condemns the tariff.",
        "In 1923 the chairman stated at a rally that the tariff must go.",
        "In 1924 the Courier reported on the arrests of the clerks.",
    ],
)
def test_dated_words_and_statements_are_declarations(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [kind for _, _, kind in _events(nlp, text + "\n")] == ["declaration"]


def test_during_a_dated_happening_dates_the_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "During the 1914 war, the guild suspended its meetings.\n"
    assert _events(nlp, text) == [("1914", None, "suspension")]


def test_after_clause_with_its_own_date_places_the_main_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "After the council passed the tariff act in 1926, many weavers emigrated "
        "to Lisk.\n"
    )
    assert _events(nlp, text) == [
        ("1926", None, "legislation"),
        ("1926", "AFTER", "relocation"),
    ]


def test_after_clause_with_a_state_main_verb_adds_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "After the council passed the tariff act in 1926, the weavers were poor.\n"
    assert _events(nlp, text) == [("1926", None, "legislation")]


def test_a_when_clause_on_the_date_tells_what_happened_then(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Voss held the chair until 1932, when she resigned in protest.\n"
    assert _events(nlp, text) == [("1932", None, "resignation")]


def test_talks_and_walkouts_have_their_kinds(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Talks between the two towns began in Lisk in January 1931. "
        "The Dorn envoys walked out in April 1931.\n"
    )
    assert [kind for _, _, kind in _events(nlp, text)] == ["negotiation", "withdrawal"]


def test_two_untyped_happenings_are_no_elaboration(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On 3 May 1926 the dockers stopped work. "
        "Later that month the owners hired new crews.\n"
    )
    assert _events(nlp, text) == [
        ("1926-05-03", None, "event"),
        ("1926-05", "END", "event"),
    ]


def test_a_strike_called_off_is_its_ending(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The strike was called off in June 1926.\n"
    assert [kind for _, _, kind in _events(nlp, text)] == ["ending"]
