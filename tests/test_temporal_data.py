"""Every rule and every word table of the temporal tagger carries an example: run them.

The examples live beside the rules in ``datelines/nlp/temporal/data/*.yaml``; each one
is a phrase, an optional document date and mode, and the TIMEX3 value (and type, mod,
extent where given) the tagger must produce for it.
"""

from __future__ import annotations

from typing import Any

import pytest

from datelines.nlp.temporal import tag
from datelines.nlp.temporal.lexicon import lexicon


def _examples() -> list[Any]:
    lex = lexicon()
    cases = []
    for name, table in lex.tables.items():
        example = table.get("example")
        for i, ex in enumerate(example if isinstance(example, list) else [example]):
            cases.append(pytest.param(ex, id=f"table-{name}-{i}"))
    seen: set[str] = set()
    for rule in lex.rules:
        if rule.name in seen:
            continue
        seen.add(rule.name)
        assert rule.examples, f"rule {rule.name} has no example"
        for i, ex in enumerate(rule.examples):
            cases.append(pytest.param(ex, id=f"rule-{rule.name}-{i}"))
    return cases


@pytest.mark.parametrize("example", _examples())
def test_example(example: dict[str, Any]) -> None:
    found = tag(
        example["text"],
        dct=example.get("dct"),
        mode=example.get("mode", "narrative"),
    )
    got = [(t.text, t.value, t.type, t.mod) for t in found]
    wanted = (
        example.get("extent"),
        example["value"],
        example.get("type", "DATE"),
        example.get("mod"),
    )
    assert any(
        t.value == example["value"]
        and t.type == example.get("type", "DATE")
        and ("mod" not in example or t.mod == example["mod"])
        and ("extent" not in example or t.text == example["extent"])
        for t in found
    ), f"{example['text']!r}: wanted {wanted}, got {got}"


def test_every_table_has_an_example() -> None:
    for name, table in lexicon().tables.items():
        assert table.get("example"), f"table {name} has no example"


def test_rule_names_are_unique_per_rule() -> None:
    names = [r.name for r in lexicon().rules]
    priorities = {r.name: r.priority for r in lexicon().rules}
    for rule in lexicon().rules:
        assert priorities[rule.name] == rule.priority, names
