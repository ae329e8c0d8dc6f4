"""Summaries, participants and what is no event: small narratives in our own words."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from datelines.extract import document_from_text, extract, pipeline
from datelines.model import Event
from datelines.nlp.events_lexicon import DATA

ROOT = Path(__file__).resolve().parent.parent / "src" / "datelines" / "nlp" / DATA

SUMMARIES = [
    # (text, expected summary)
    ("In 1931, Ada Voss met Karl Brenn in Lyon.", "Ada Voss meets Karl Brenn in Lyon"),
    (
        "In April 1930, the police arrested the guild's printers.",
        "Police arrest printers",
    ),
    (
        "In 1936 the colonels staged a coup against the cabinet.",
        "Colonels stage coup against cabinet",
    ),
    ("In 1924 the printers were released.", "Release of printers"),
    (
        "In 1920 the Harbour Guild was founded by two teachers.",
        "Two teachers found Harbour Guild",
    ),
    (
        "In 1933 the Kell League accepted the council's resolution.",
        "Kell League accepts resolution",
    ),
    (
        "In 1931 the police arrested and imprisoned 40 printers.",
        "Police arrest 40 printers",
    ),
    (
        "In May 1921 the army arrested more than 300 strikers in the port.",
        "Army arrests more than 300 strikers",
    ),
    (
        "Ada Voss's resignation in May 1931 surprised the town.",
        "Resignation of Ada Voss",
    ),
    (
        "July 28, 1930 was the beginning of the purge of the guild.",
        "Beginning of crackdown",
    ),
    ("In 1916 the weavers left France for good.", "Weavers leave France"),
    ("In 1917 the rebels were put to death.", "Death of rebels"),
    ("The 1807 invasion of Portugal was quick.", "Military operation against Portugal"),
    ("Ada Voss's crackdown in May 1931 surprised the town.", "Crackdown by Ada Voss"),
    (
        "In 1937 the council decided to revoke the ban on the Kell League.",
        "Council revokes ban on Kell League",
    ),
    ("The largest, Operation Red Mill, took place in May 1941.", "Operation Red Mill"),
    ("In 1940 the monarchy fell, and the colonels seized control.", "Monarchy falls"),
    (
        "In 1941 Ada Voss met with Karl Brenn and signed an agreement.",
        "Ada Voss meets with Karl Brenn",
    ),
    (
        "In 1917 the last weavers were moved out of France.",
        "Relocation of weavers",
    ),
    (
        "In 1935 the Tarn Courier reported the arrest of its editors.",
        "Tarn Courier reports arrest of editors",
    ),
]


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return pipeline()


def _events(nlp, text: str) -> tuple[Event, ...]:  # type: ignore[no-untyped-def]
    return extract(document_from_text(text + "\n"), nlp=nlp).events


@pytest.mark.parametrize(("text", "summary"), SUMMARIES, ids=[s for _, s in SUMMARIES])
def test_summary_tells_who_did_what(nlp, text: str, summary: str) -> None:  # type: ignore[no-untyped-def]
    (event,) = _events(nlp, text)
    assert event.summary == summary
    copied = event.summary.lower() in text.lower()
    assert not copied or len(event.summary.split()) < 6


@pytest.mark.parametrize(
    "row",
    yaml.safe_load((ROOT / "context.yaml").read_text())["neutral"],
    ids=lambda r: r["lemma"],
)
def test_loaded_verb_is_told_neutrally(nlp, row) -> None:  # type: ignore[no-untyped-def]
    (event,) = _events(nlp, row["example"])
    words = event.summary.lower().split()
    assert row["lemma"] not in " ".join(words)
    assert any(w.startswith(row["says"]) for w in words), event.summary


def test_summary_never_copies_the_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "In 1931 the guards of the old prison killed the two printers of Lyon."
    (event,) = _events(nlp, text)
    assert event.summary.lower() not in text.lower()
    assert len(event.summary.split()) < len(text.split())


def test_summary_is_never_a_bare_kind(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In 1921 the tenants of Tarn moved to Lisk. In 1922 the Lisk Council voted. "
        "In 1923 they were expelled."
    )
    for event in _events(nlp, text):
        assert len(event.summary.split()) > 1, event
        assert not event.summary.startswith(("Event", "Meeting involving"))


def test_pronoun_subject_is_the_entity_it_refers_to(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The National Dockers Union was formed by dockers in 1920. "
        "In 1925 the group organized a strike at the docks."
    )
    strike = [e for e in _events(nlp, text) if e.date.value == "1925"]
    (event,) = strike
    names = {p.name: (p.role, p.entity, p.text) for p in event.participants}
    role, entity, surface = names["National Dockers Union"]
    assert (role, surface) == ("agent", "group") and entity
    assert event.summary.startswith("National Dockers Union organizes strike")


def test_a_named_group_is_no_pronoun(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The National Dockers Union was formed by dockers in 1920. "
        "In 1925 the Lyon Weavers group organized a strike at the mills."
    )
    (event,) = [e for e in _events(nlp, text) if e.date.value == "1925"]
    assert "National Dockers Union" not in {p.name for p in event.participants}
    assert not event.summary.startswith("National Dockers Union")


def test_possessive_pronoun_is_the_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ada Voss led the Lyon dockers for years. She kept the post until her death in 1950."
    (event,) = _events(nlp, text)
    assert event.kind == "death"
    assert event.summary == "Death of Ada Voss"
    assert [(p.name, p.text) for p in event.participants] == [("Ada Voss", "She")]
    assert event.participants[0].entity


def test_a_name_that_qualifies_another_takes_no_role(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "On 2 May 1931, France's Radical Party and Edouard Herriot of Lyon signed a treaty."
    (event,) = _events(nlp, text)
    roles = {p.name: p.role for p in event.participants}
    assert roles.get("France") in (None, "other") and roles.get("Lyon") in (
        None,
        "other",
    )
    assert any(role == "agent" for role in roles.values())


def test_participant_names_are_canonical(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ada Voss led the Kell League. In 1931, Voss’s guards arrested Karl Brenn.\n"
    (event,) = _events(nlp, text)
    names = [p.name for p in event.participants]
    assert "Ada Voss" in names and not any(n.endswith("’s") for n in names)


def test_infobox_lines_are_no_events(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kell League\n\nFounded: 4 May 1920 (1920-05-04)\nBanned: 1931 (in Tarn)\n"
        "Dissolved: 1940\n\nThe Kell League was banned in 1931 by the governor."
    )
    events = _events(nlp, text)
    assert [(e.date.value, e.kind) for e in events] == [("1931", "ban")]
    assert events[0].evidence.quote.startswith("The Kell League")


def test_a_counted_number_is_no_year(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "On 2 May 1921 the militia fired on the crowd; 12 were killed and 1500 arrested."
    assert "1500" not in [e.date.value for e in _events(nlp, text)]


def test_caption_glued_before_a_sentence_is_cut_off(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The old harbour of Lyon seen from the bridge-May1931 In 1932, the dockers "
        "founded a school in the harbour."
    )
    (event,) = _events(nlp, text)
    assert event.evidence.quote.startswith("In 1932, the dockers")
    assert event.kind == "founding"


def test_places_listed_together_are_all_places(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "On 2 May 1921 strikes broke out in Lyon, Madrid, Berlin and Vienna."
    (event,) = _events(nlp, text)
    assert set(event.places) == {"Lyon", "Madrid", "Berlin", "Vienna"}
    assert not {p.name for p in event.participants} & set(event.places)
