"""Every example in the events lexicon (data/events/*.yaml) is a test."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from datelines.extract import document_from_text, extract, pipeline
from datelines.nlp.events_lexicon import DATA, kinds, light_verbs, stative

ROOT = Path(__file__).resolve().parent.parent / "src" / "datelines" / "nlp" / DATA


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return pipeline()


def _events(nlp, text: str):  # type: ignore[no-untyped-def]
    return extract(document_from_text(text + "\n", name="example.txt"), nlp=nlp).events


@pytest.mark.parametrize("kind", kinds(), ids=lambda k: k.kind)
def test_kind_example_is_detected_as_its_kind(nlp, kind) -> None:  # type: ignore[no-untyped-def]
    found = [e.kind for e in _events(nlp, kind.example)]
    assert kind.kind in found, f"{kind.example!r} gave {found}"


@pytest.mark.parametrize(
    "row",
    yaml.safe_load((ROOT / "context.yaml").read_text())["stative"],
    ids=lambda r: r["lemma"],
)
def test_state_example_is_context(nlp, row) -> None:  # type: ignore[no-untyped-def]
    assert _events(nlp, row["example"]) == ()


def test_light_verb_example_takes_its_object_kind(nlp) -> None:  # type: ignore[no-untyped-def]
    example = yaml.safe_load((ROOT / "context.yaml").read_text())["light"]["example"]
    assert [e.kind for e in _events(nlp, example)] == ["protest"]


def test_lexicon_is_well_formed() -> None:
    names = [k.kind for k in kinds()]
    assert len(names) == len(set(names)), "a kind is listed twice"
    for kind in kinds():
        assert kind.example and (kind.verbs or kind.nouns), kind.kind
        assert kind.cameo is None or (len(kind.cameo) == 2 and kind.cameo.isdigit())
        assert 1 <= int(kind.cameo or "1") <= 20
    assert "stage" in light_verbs() and stative()["leave"] == "passive"


def test_place_verb_example_is_no_move(nlp) -> None:  # type: ignore[no-untyped-def]
    example = yaml.safe_load((ROOT / "context.yaml").read_text())["place_object"]
    assert [e.kind for e in _events(nlp, example["example"])] != ["relocation"]
    for text in ("In 1927 the weavers left France for good.", example["moves"]):
        assert [e.kind for e in _events(nlp, text)] == ["relocation"], text


def test_object_verb_example_needs_its_object(nlp) -> None:  # type: ignore[no-untyped-def]
    example = yaml.safe_load((ROOT / "context.yaml").read_text())["object_verbs"]
    assert "appointment" not in [e.kind for e in _events(nlp, example["example"])]
    text = "In 1930 Ada Voss succeeded Karl Brenn as mayor of Lyon."
    assert [e.kind for e in _events(nlp, text)] == ["appointment"]


def test_office_example_is_an_appointment(nlp) -> None:  # type: ignore[no-untyped-def]
    example = yaml.safe_load((ROOT / "context.yaml").read_text())["office"]["example"]
    assert [e.kind for e in _events(nlp, example)] == ["appointment"]
    assert [e.kind for e in _events(nlp, "In 1931 the guild became a club.")] != [
        "appointment"
    ]


@pytest.mark.parametrize(
    "row",
    yaml.safe_load((ROOT / "context.yaml").read_text())["with_prep"],
    ids=lambda r: f"{r['lemma']}-{r['prep']}",
)
def test_prep_example_is_its_kind(nlp, row) -> None:  # type: ignore[no-untyped-def]
    assert [e.kind for e in _events(nlp, row["example"])] == [row["kind"]]


def test_light_noun_example_names_no_light_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    row = yaml.safe_load((ROOT / "context.yaml").read_text())["light_nouns"]
    summaries = [e.summary for e in _events(nlp, row["example"])]
    assert summaries, row["example"]
    for summary in summaries:
        words = set(summary.lower().split())
        assert not words & set(row["lemmas"]), summary
    text = "From the start the printers ran presses in hidden cellars in 1910."
    [event] = _events(nlp, text)
    assert "start" not in event.summary.lower(), event.summary


def test_common_noun_before_a_noun_names_no_happening(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "In May 1920 word of the fire reached the exile committees in Lyon."
    assert "expulsion" not in [e.kind for e in _events(nlp, text)]


def test_a_season_named_fall_is_no_happening(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "In 1920 the weavers struck. The standoff lasted through the fall and winter."
    kinds_found = [e.kind for e in _events(nlp, text)]
    assert "dismissal" not in kinds_found and "protest" in kinds_found, kinds_found


def test_decide_example_tells_the_choice(nlp) -> None:  # type: ignore[no-untyped-def]
    row = yaml.safe_load((ROOT / "context.yaml").read_text())["decide"]
    assert [e.summary for e in _events(nlp, row["example"])] == [row["says"]]


def test_bare_happening_is_told_by_its_definition_or_its_backer(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The 1920 purges were a wave of arrests of union printers."
    assert [e.summary for e in _events(nlp, text)] == ["Purges of union printers"]
    text = "The Lantern Society backed the revolution of February 1911."
    assert [e.summary for e in _events(nlp, text)] == ["Lantern Society backs revolution"]


def test_a_happening_a_light_verb_reaches_is_its_subjects(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The system of guild tolls came to an end in the early 1890s."
    assert [e.summary for e in _events(nlp, text)] == ["End of system of guild tolls"]


def test_falling_back_is_a_withdrawal_told_with_its_particle(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, "In October 1920 the rebels fell back to the old fort.")
    assert [(e.kind, e.summary) for e in events] == [("withdrawal", "Rebels fall back")]
    assert [e.kind for e in _events(nlp, "The monarchy fell in 1921.")] == ["regime_change"]


def test_an_authors_present_is_no_happening_but_a_past_report_is(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _events(nlp, "Ada Voss reports the dockers' poor pay in May 1911.") == ()
    past = _events(nlp, "In May 1911 Ada Voss reported the poor pay of the dockers.")
    assert [e.date.value for e in past] == ["1911-05"]


def test_habitual_pluperfect_example_is_background(nlp) -> None:  # type: ignore[no-untyped-def]
    row = yaml.safe_load((ROOT / "context.yaml").read_text())["habitual"]
    assert _events(nlp, row["example"]) == ()
    once = _events(nlp, "In 1919 the two guilds had raided each other's stores.")
    assert [e.date.value for e in once] == ["1919"]
