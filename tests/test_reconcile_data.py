"""Every example in the reconcile data files is a test (language knowledge as data)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from datelines.model import Figure
from datelines.reconcile.dates import duration_rules, stated_duration
from datelines.reconcile.descriptors import descriptor_clash, oppositions
from datelines.reconcile.figures import (
    figure_relation,
    measure,
    measure_examples,
    read_bound,
    vague,
    vague_examples,
)
from datelines.reconcile.kinds import groups_in, kind_group, kind_table

GROUPS = sorted(kind_table()["groups"].items())


@pytest.mark.parametrize(("name", "group"), GROUPS, ids=[g[0] for g in GROUPS])
def test_kind_group_example_names_the_group(name: str, group: dict[str, Any]) -> None:
    first, second = group["example"]
    assert name in groups_in(first), first
    assert name in groups_in(second), second
    for kind in group["kinds"]:
        assert kind_group(kind) == name


def test_agent_and_once_tables_have_examples() -> None:
    table = kind_table()
    for key in ("defining_agents", "once"):
        assert len(table[key]["example"]) == 2
        assert table[key]["kinds"]


OPPOSITIONS = oppositions()


@pytest.mark.parametrize("opp", OPPOSITIONS, ids=[o["name"] for o in OPPOSITIONS])
def test_opposition_example_clashes(opp: dict[str, Any]) -> None:
    first, second = opp["example"]
    clash = descriptor_clash(first, second)
    assert clash is not None, opp["name"]
    assert clash[0]["name"] == opp["name"]
    assert opp["strength"] in ("hard", "soft")
    assert descriptor_clash(first, first) is None  # one side alone is no clash


RULES = duration_rules()


@pytest.mark.parametrize(("pattern", "example", "iso"), RULES, ids=[r[2] for r in RULES])
def test_duration_example(pattern: object, example: str, iso: str) -> None:
    found = stated_duration(example)
    assert found is not None and found[1] == iso


MEASURES = measure_examples()


@pytest.mark.parametrize(("figure", "sentence", "expected"), MEASURES,
                         ids=[m[2] for m in MEASURES])
def test_measure_example(figure: str, sentence: str, expected: str) -> None:
    assert figure in sentence
    assert measure(Figure(value=1.0, text=figure), sentence) == expected


def test_start_cue_example() -> None:
    from datelines.reconcile.dates import says_start, start_example

    first, second = start_example()
    assert says_start(first) and not says_start("The strike ended in 1930.")
    assert second


VAGUE = vague_examples()


@pytest.mark.parametrize(("text", "outside"), VAGUE, ids=[v[0] for v in VAGUE])
def test_vague_example_is_in_tension_with_a_figure_outside(text: str, outside: float) -> None:
    amount = Figure(value=2, qualifier="at_least", text=text)
    low, high = vague(amount) or (0.0, 0.0)
    assert low < high
    rel = figure_relation(amount, Figure(value=outside, text=f"{outside:,.0f}"))
    assert (rel.kind, rel.strength) == ("conflict", "soft")
    inside = Figure(value=(low + high) / 2, text="inside")
    assert figure_relation(amount, inside).kind == "compatible"


def test_comparative_example() -> None:
    from datelines.reconcile.figures import _measures_file

    sentence, qualifier = _measures_file()["comparative_example"]
    number = re.search(r"\d+%?", sentence)
    assert number is not None
    figure = read_bound(Figure(value=float(number.group(0).rstrip("%")), text=number.group(0)),
                        sentence)
    assert figure.qualifier == qualifier
    assert read_bound(Figure(value=40, text="40%"), "It polled 40% then.").qualifier == "exact"
