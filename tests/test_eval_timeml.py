"""The TempEval-3 scorer on small hand-made gold / system pairs (our own sentences)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from datelines.errors import EvaluationError
from datelines.evaluate.timeml import (
    Counts,
    evaluate_dirs,
    mistakes,
    score_pair,
    scores,
)

DCT = '<DCT><TIMEX3 tid="t0" type="DATE" value="2004-06-11">June 11</TIMEX3></DCT>'


def tml(body: str) -> str:
    """A minimal TimeML file around a TEXT body."""
    return f'<?xml version="1.0" ?>\n<TimeML>\n{DCT}\n<TEXT>{body}</TEXT>\n</TimeML>\n'


def tx(text: str, value: str = "", type_: str = "DATE", mod: str = "") -> str:
    mod_attr = f' mod="{mod}"' if mod else ""
    return f'<TIMEX3 tid="t9" type="{type_}" value="{value}"{mod_attr}>{text}</TIMEX3>'


GOLD = tml(f"The ferry left on {tx('Sunday morning', '2004-06-06TMO', 'TIME')}.")


def count(gold: str, system: str) -> Counts:
    return score_pair(gold, system, name="case.tml")


def test_identical_files_match_everything() -> None:
    counts = count(GOLD, GOLD)
    assert counts == Counts(1, 1, 1, 1, 1, 1, 1)
    assert scores(counts)["strict"]["f1"] == 100.0


def test_split_pairs_first_piece_only() -> None:
    system = tml(
        f"The ferry left on {tx('Sunday', '2004-06-06')} "
        f"{tx('morning', '2004-06-06TMO', 'TIME')}."
    )
    counts = count(GOLD, system)
    assert (counts.gold, counts.system, counts.relaxed, counts.strict) == (1, 2, 1, 0)
    assert (counts.value, counts.type) == (
        0,
        0,
    )  # the first piece carries the wrong value


def test_merged_pairs_with_first_gold_and_misses_second() -> None:
    gold = tml(f"Open from {tx('May', '2004-05')} to {tx('July', '2004-07')} only.")
    system = tml(f"Open from {tx('May to July', '2004-05')} only.")
    counts = count(gold, system)
    assert (counts.gold, counts.system, counts.relaxed, counts.strict) == (2, 1, 1, 0)
    assert counts.value == 1
    result = scores(counts)
    assert result["relaxed"] == {"precision": 100.0, "recall": 50.0, "f1": 66.67}


def test_shifted_span_is_relaxed_not_strict() -> None:
    gold = tml(f"It rained {tx('all week', 'P1W', 'DURATION')} long.")
    system = tml(f"It rained all {tx('week long', 'P1W', 'DURATION')}.")
    counts = count(gold, system)
    assert (counts.relaxed, counts.strict, counts.value, counts.type) == (1, 0, 1, 1)


def test_system_starting_before_gold_still_pairs() -> None:
    gold = tml(f"It rained all {tx('week', 'P1W', 'DURATION')} long.")
    system = tml(f"It rained {tx('all week', 'P1W', 'DURATION')} long.")
    assert count(gold, system).relaxed == 1


def test_adjacent_spans_do_not_overlap() -> None:
    gold = tml(f"Tickets for {tx('1999', '1999')} sold out.")
    system = tml(f"{tx('Tickets for', '1999')} 1999 sold out.")
    counts = count(gold, system)
    assert (counts.relaxed, counts.gold, counts.system) == (0, 1, 1)
    assert scores(counts)["value_f1"] == 0.0


def test_missing_and_spurious() -> None:
    gold = tml(f"Snow fell in {tx('January', '2004-01')} and in March.")
    system = tml(f"Snow fell in January and in {tx('March', '2004-03')}.")
    counts = count(gold, system)
    assert (counts.gold, counts.system, counts.relaxed) == (1, 1, 0)
    assert scores(counts)["strict"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_value_mismatch() -> None:
    gold = tml(f"Built in {tx('the late 1880s', '188', mod='END')}.")
    system = tml(f"Built in {tx('the late 1880s', '1880')}.")
    counts = count(gold, system)
    assert (counts.strict, counts.type, counts.value, counts.value_mod) == (1, 1, 0, 0)


def test_mod_only_counts_in_value_mod() -> None:
    gold = tml(f"Built in {tx('the late 1880s', '188', mod='END')}.")
    system = tml(f"Built in {tx('the late 1880s', '188')}.")
    counts = count(gold, system)
    assert (counts.value, counts.value_mod) == (1, 0)
    result = scores(counts)
    assert (result["value_f1"], result["value_mod_f1"]) == (100.0, 0.0)


def test_type_mismatch() -> None:
    gold = tml(f"We waited {tx('two hours', 'PT2H', 'DURATION')}.")
    system = tml(f"We waited {tx('two hours', 'PT2H', 'TIME')}.")
    counts = count(gold, system)
    assert (counts.value, counts.type) == (1, 0)
    assert scores(counts)["type_f1"] == 0.0


def test_whitespace_gold_counts_but_never_matches() -> None:
    gold = tml(f"Late{tx(' ', 'X')}news came {tx('today', '2004-06-11')}.")
    counts = count(gold, tml("Late news came today."))
    assert (counts.gold, counts.system) == (2, 0)
    counts = count(gold, gold)
    assert (counts.gold, counts.relaxed) == (2, 1)


def test_self_closing_and_dct_never_count() -> None:
    gold = tml(
        f'Since <TIMEX3 tid="t5" type="DATE" value="1990"/>{tx("1990", "1990")}.'
    )
    counts = count(gold, tml("Since 1990."))
    assert (counts.gold, counts.system) == (1, 0)


def test_events_and_signals_are_ignored() -> None:
    gold = tml(f'The <EVENT eid="e1">vote</EVENT> came {tx("late", "X")}.')
    system = tml(f'The vote <SIGNAL sid="s1">came</SIGNAL> {tx("late", "X")}.')
    assert count(gold, system).strict == 1


def test_nothing_on_either_side_scores_100() -> None:
    result = scores(count(tml("No dates here."), tml("No dates here.")))
    assert result["relaxed"]["f1"] == result["value_f1"] == 100.0


def test_texts_not_same_names_the_file() -> None:
    with pytest.raises(EvaluationError, match="case.tml.*TEXTS NOT SAME"):
        count(GOLD, tml("The ferry left on Sunday morning!"))


def test_missing_text_element() -> None:
    with pytest.raises(EvaluationError, match="no <TEXT>"):
        count("<TimeML></TimeML>", GOLD)


def test_counts_micro_average_over_files(tmp_path: Path) -> None:
    gold_dir, system_dir = tmp_path / "gold", tmp_path / "sys"
    gold_dir.mkdir()
    system_dir.mkdir()
    (gold_dir / "a.tml").write_text(GOLD)
    (system_dir / "a.tml").write_text(GOLD)
    three = tml(f"{tx('Monday', '2004-06-07')}, {tx('Tuesday', '2004-06-08')}, Friday")
    (gold_dir / "b.tml").write_text(three)
    (system_dir / "b.tml").write_text(tml("Monday, Tuesday, Friday"))
    (system_dir / "extra.tml").write_text(GOLD)
    result = evaluate_dirs(gold_dir, system_dir)
    assert result["files"] == 2
    assert result["counts"]["gold"] == 3 and result["counts"]["system"] == 1
    assert result["relaxed"] == {"precision": 100.0, "recall": 33.33, "f1": 50.0}
    assert json.loads(json.dumps(result)) == result


def test_mistakes_list_what_differs() -> None:
    gold = tml(
        f"{tx('Monday', '2004-06-07')} and {tx('the early 1990s', '199', mod='START')}"
        f" but not {tx('noon', 'T12:00', 'TIME')}."
    )
    system = tml(
        f"{tx('Monday', '2004-06-07')} and the early {tx('1990s', '199')}"
        f" but {tx('not', 'X')} noon."
    )
    found = mistakes(gold, system, name="m.tml")
    assert [m["kind"] for m in found] == ["span+mod", "spurious", "missed"]
    assert found[0]["gold"] == "'the early 1990s' DATE 199 START"
    assert found[0]["system"] == "'1990s' DATE 199"
    assert all(m["file"] == "m.tml" for m in found)


def test_evaluate_dirs_with_mistakes(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "sys").mkdir()
    (tmp_path / "gold" / "a.tml").write_text(GOLD)
    (tmp_path / "sys" / "a.tml").write_text(tml("The ferry left on Sunday morning."))
    result = evaluate_dirs(tmp_path / "gold", tmp_path / "sys", with_mistakes=True)
    assert [m["kind"] for m in result["mistakes"]] == ["missed"]
    assert "mistakes" not in evaluate_dirs(tmp_path / "gold", tmp_path / "sys")


def test_missing_system_file(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text(GOLD)
    (tmp_path / "sys").mkdir()
    with pytest.raises(EvaluationError, match="first: a.tml"):
        evaluate_dirs(tmp_path, tmp_path / "sys")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("folder", "timexes"),
    [("tempeval3/test", 138), ("tempeval3/train", 1822), ("wikiwars/timex3", 1736)],
)
def test_gold_against_itself_is_100(shared: Path, folder: str, timexes: int) -> None:
    path = shared / "data" / folder
    result = evaluate_dirs(path, path)
    assert result["counts"]["gold"] == timexes
    assert result["strict"]["f1"] == result["value_f1"] == result["type_f1"] == 100.0
