"""The gold evaluation of events: scoring rules, files, CLI, and the dev targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from datelines.cli import main
from datelines.errors import EvaluationError
from datelines.evaluate.events import evaluate_all, evaluate_events, read_gold, score
from datelines.model import DateClaim, Event, Evidence, Extraction, Figure, Source

TEXT = (
    "In 1901 two teachers founded a club.\u00a0 The club  grew.\n"
    "In 1911 the police arrested 40 members.\n"
)


def _gold(tmp_path: Path, rows: list[dict]) -> Path:  # type: ignore[type-arg]
    path = tmp_path / "t.gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _event(quote: str, value: str, figures: tuple[Figure, ...] = ()) -> Event:
    start = TEXT.index(quote)
    return Event(
        id=quote[:5],
        source="s",
        date=DateClaim(value=value, text=value),
        kind="event",
        summary="x",
        evidence=Evidence(quote, start, start + len(quote)),
        figures=figures,
    )


ROWS = [
    {
        "id": "club",
        "date": "1901",
        "core": True,
        "quote": "In 1901 two teachers founded a club.  The club grew.",
    },
    {
        "id": "arrest",
        "date": "1911",
        "core": True,
        "quote": "the police arrested 40 members",
        "figures": [{"value": 40, "qualifier": "exact", "text": "40"}],
    },
    {"id": "bg", "date": "1911", "core": False, "quote": "In 1911"},
]


def test_scores_follow_the_gold_rules(tmp_path: Path) -> None:
    golds = read_gold(_gold(tmp_path, ROWS), TEXT)
    events = (
        _event("In 1901 two teachers founded a club.", "1901"),  # > half of the shorter
        _event(
            "In 1911 the police arrested 40 members.",
            "1910",
            (Figure(40.0, "exact", "40"),),
        ),
        _event("In 1911 the police arrested 40 members.", "1911"),  # one-to-one
        _event("The club  grew.", "1901"),  # overlaps, but the gold is taken
    )
    result = score(Extraction(Source("s", "t", "0"), events), TEXT, golds)
    assert result["core_recall"] == 1.0
    assert result["matched"] == 3 and result["predicted"] == 4
    assert result["precision"] == 0.75
    # the arrest pairs with the event whose date agrees; the other takes "In 1911"
    assert result["date_exact"] == 1.0
    assert result["figure_recall"] == 0.0  # the 40 sits on the non-matching twin


def test_missing_and_wrong_are_reported(tmp_path: Path) -> None:
    golds = read_gold(_gold(tmp_path, ROWS), TEXT)
    events = (
        _event(
            "In 1911 the police arrested 40 members.",
            "1910",
            (Figure(40.0, "exact", "40"),),
        ),
    )
    result = score(Extraction(Source("s", "t", "0"), events), TEXT, golds)
    assert result["missed_core"] == ["club"]
    assert result["wrong_dates"] == {"arrest": "1910"}
    assert result["core_recall"] == 0.5 and result["figure_recall"] == 1.0


def test_malformed_gold_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.gold.jsonl"
    path.write_text(
        '{"id": "a", "date": "1901", "core": true, "quote": "In 1901"}\n{oops\n'
    )
    with pytest.raises(EvaluationError, match="line 2"):
        read_gold(path, TEXT)
    path.write_text('{"id": "a", "date": "1901", "core": true, "quote": "not there"}\n')
    with pytest.raises(EvaluationError, match="bad.gold.jsonl' line 1"):
        read_gold(path, TEXT)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "corpus" / "club.txt").write_text(TEXT, encoding="utf-8")
    _gold(tmp_path / "gold", ROWS).rename(tmp_path / "gold" / "club.gold.jsonl")
    (tmp_path / "gold" / "x-disagreements.gold.jsonl").write_text("{}\n")
    return tmp_path


def test_evaluate_events_and_all(corpus: Path) -> None:
    one = evaluate_events(
        corpus / "corpus" / "club.txt", corpus / "gold" / "club.gold.jsonl"
    )
    assert one["document"] == "club.txt" and one["core"] == 2
    assert one["core_recall"] == 1.0
    every = evaluate_all(corpus / "gold")
    assert [r["document"] for r in every["documents"]] == [
        "club.txt"
    ]  # no disagreements
    assert every["macro"]["core_recall"] == one["core_recall"]


def test_cli_prints_json(corpus: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["evaluate", "events", "--all", str(corpus / "gold")])
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.output)["macro"]) >= {"core_recall", "precision"}
    result = runner.invoke(
        main,
        [
            "evaluate",
            "events",
            "--details",
            str(corpus / "corpus" / "club.txt"),
            str(corpus / "gold" / "club.gold.jsonl"),
        ],
    )
    assert result.exit_code == 0 and "missed_core" in json.loads(result.output)
    assert runner.invoke(main, ["evaluate", "events"]).exit_code == 2
    missing = runner.invoke(
        main, ["evaluate", "events", "--all", str(corpus / "corpus")]
    )
    assert missing.exit_code == 1 and "no *.gold.jsonl files in" in missing.output
    (corpus / "gold" / "lost.gold.jsonl").write_text("")
    lost = runner.invoke(main, ["evaluate", "events", "--all", str(corpus / "gold")])
    assert (
        lost.exit_code == 1
        and "no document for gold file 'lost.gold.jsonl'" in lost.output
    )


DEV = {  # document: (core recall, precision, date exact, figure recall) targets
    "mek-history": (0.95, 0.85, 0.90, 0.80),
    "mek-loc-country-study-1987": (0.90, 0.85, 0.85, 0.80),
    "plo-usdos-oslo-accords": (0.90, 0.85, 0.85, 0.80),
    "anc-usdos-end-of-apartheid": (0.90, 0.85, 0.85, 0.80),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", DEV)
def test_dev_targets(shared: Path, name: str) -> None:
    result = evaluate_events(
        shared / "corpus" / f"{name}.txt", shared / "gold" / f"{name}.gold.jsonl"
    )
    got = tuple(
        result[m] for m in ("core_recall", "precision", "date_exact", "figure_recall")
    )
    assert all(g >= t for g, t in zip(got, DEV[name], strict=True)), (got, result)
