"""Figures: every example of the data tables, plus cases of scope and exclusions."""

from __future__ import annotations

import json
from importlib import resources

import pytest
import spacy

from datelines.nlp.figures import figures, parse_number, tables
from datelines.nlp.pipeline import load


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return load()


@pytest.fixture(scope="module")
def blank() -> spacy.language.Language:
    return spacy.blank("en")


@pytest.mark.parametrize("text,value,qualifier", tables().examples)
def test_table_example(nlp, text, value, qualifier):
    found = figures(nlp(text)[:])
    assert [(f.value, f.qualifier) for f in found][:1] == [(value, qualifier)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police held more than 30,000 political prisoners.", [(30000, "more_than", "political prisoners")]),
        ("Troops seized more than 80% of the rebels' rifles.", [(80, "more_than", "the rebels' rifles")]),
        ("The fleet lost 1,304 sailors and marines.", [(1304, "exact", "sailors and marines")]),
        ("The forum gathered 4,000 mayors from 61 countries.", [(4000, "exact", "mayors"), (61, "exact", "countries")]),
        ("These four engineers built the bridge.", [(4, "exact", "engineers")]),
        ("Ninety-two miners were trapped.", [(92, "exact", "miners")]),
    ],
)
def test_scope(nlp, text, expected):
    assert [(f.value, f.qualifier, f.of) for f in figures(nlp(text)[:])] == expected


def test_ranges(nlp):
    found = figures(nlp("Counts run from 1,200 to 1,900 deaths, or between 700 and 20,000.")[:])
    assert [(f.value, f.max, f.qualifier) for f in found] == [
        (1200, 1900, "range"),
        (700, 20000, "range"),
    ]
    assert found[1].text == "between 700 and 20,000"


def test_vague_quantities_are_lower_bounds(nlp):
    found = figures(nlp("Tens of thousands of people marched.")[:])
    assert [(f.value, f.qualifier, f.text) for f in found] == [
        (20000, "at_least", "Tens of thousands")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The strike began on March 3, 1921.",
        "The strike began on 3 March 1921.",
        "In 1948 the port reopened.",
        "The war lasted 8 years.",
        "He was the second envoy.",
        "The council passed Resolution 242.",
        "One envoy arrived.",
    ],
)
def test_not_figures(nlp, text):
    assert figures(nlp(text)[:]) == []


def test_money_has_currency_unit(nlp):
    (fig,) = figures(nlp("The loan was worth $3 million.")[:])
    assert (fig.value, fig.unit) == (3_000_000, "USD")


def test_blank_pipeline_still_finds_figures(blank):
    found = figures(blank("At least 70 people were hurt.")[:])
    assert [(f.value, f.qualifier, f.of) for f in found] == [(70, "at_least", "people")]


@pytest.mark.parametrize(
    "text,value", [("1,304", 1304), ("twenty-seven", 27), ("three thousand", 3000), ("a dozen", 12), ("fort", None)]
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def _month_examples() -> list[tuple[str, list[int]]]:
    path = resources.files("datelines.nlp") / "data" / "figures" / "numbers.json"
    return [tuple(e) for e in json.loads(path.read_text("utf-8"))["months_examples"]]


@pytest.mark.parametrize("text,values", _month_examples())
def test_day_of_a_month_is_no_figure(nlp, text, values):
    assert [f.value for f in figures(nlp(text)[:])] == values


def test_a_four_digit_count_before_a_participle_is_a_figure(nlp):
    found = figures(nlp("The police raided the camp and 1200 arrested were taken away.")[:])
    assert [f.value for f in found] == [1200]
