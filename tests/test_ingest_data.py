"""Every example beside a rule in the ingest data files is a test."""

from __future__ import annotations

from typing import Any

import pytest

from datelines.ingest.normalize import character_rules, normalize_chars
from datelines.ingest.offsets import Mapped
from datelines.ingest.structure import Segment, glue_rules, split_glued

CHARACTER_RULES = character_rules()["replace"] + character_rules()["drop"]
GLUE_EXAMPLES = glue_rules()["examples"]


@pytest.mark.parametrize("rule", CHARACTER_RULES, ids=lambda r: r["name"])
def test_character_rule_example(rule: dict[str, Any]) -> None:
    result = normalize_chars(Mapped.of(rule["example"]))
    assert result.text == rule["expect"]
    for i, ch in enumerate(result.text):  # each kept character maps to its source
        source = rule["example"][result.offsets[i]]
        assert source == ch or source in rule["chars"]


def test_character_rules_cover_each_character_once() -> None:
    seen = [ch for rule in CHARACTER_RULES for ch in rule["chars"]]
    assert len(seen) == len(set(seen))
    for rule in character_rules()["replace"]:
        assert len(rule["to"]) == 1  # one for one: offsets stay the identity


@pytest.mark.parametrize("example", GLUE_EXAMPLES, ids=lambda e: e["text"][:40])
def test_glue_example(example: dict[str, Any]) -> None:
    text = example["text"]
    pieces = split_glued(text, [Segment("paragraph", 0, len(text))])
    assert [text[p.start : p.end] for p in pieces] == example["split"]
    if len(pieces) > 1:
        assert all(p.kind == "caption" for p in pieces[:-1])


def test_glue_word_lists_are_clean() -> None:
    rules = glue_rules()
    openers = rules["openers"]
    assert openers == [w.lower() for w in openers] and len(openers) == len(set(openers))
    assert all(any(c.isupper() for c in w[1:]) for w in rules["keep"])
