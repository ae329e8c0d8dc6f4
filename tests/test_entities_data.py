"""Every example in nlp/entities_data/*.yaml is a test (the data integrity test)."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.language import Language
from spacy.tokens import Span

from datelines.names import (
    data,
    given_gender,
    initials,
    normalize,
    same_word,
    strip_titles,
    words,
)
from datelines.nlp.entities import add, antecedent, entities_in
from datelines.nlp.entities_rules import corrected_label
from datelines.nlp.pipeline import load
from datelines.resolve import Surface, resolve_mentions


@pytest.fixture(scope="module")
def nlp() -> Language:
    return add(load())


@pytest.mark.parametrize("entry", data("titles")["titles"], ids=lambda e: e["title"])
def test_title_example(entry: dict) -> None:
    name, titles = strip_titles(entry["example"]["text"])
    assert name == entry["example"]["name"]
    assert titles[0] == entry["title"]


@pytest.mark.parametrize("rule", data("transliteration")["rules"],
                         ids=lambda r: r["example"]["word"])
def test_transliteration_example(rule: dict) -> None:
    example = rule["example"]
    assert normalize(example["word"]) == example["key"]
    for other in example.get("same", ()):
        assert normalize(other) == example["key"], other


@pytest.mark.parametrize("particle", data("transliteration")["particles"],
                         ids=lambda p: p["word"])
def test_particle_example(particle: dict) -> None:
    assert list(words(particle["example"]["name"])) == particle["example"]["words"]


def test_fuzzy_examples() -> None:
    example = data("transliteration")["fuzzy"]["example"]
    for a, b in example["same"]:
        assert same_word(normalize(a), normalize(b)), (a, b)
    for a, b in example["different"]:
        assert not same_word(normalize(a), normalize(b)), (a, b)


@pytest.mark.parametrize("example", data("given_names")["examples"],
                         ids=lambda e: e["text"])
def test_given_name_example(example: dict) -> None:
    assert given_gender(example["text"].split()[0]) == example["gender"]


def test_given_names_have_one_gender() -> None:
    table = data("given_names")
    counts = Counter(normalize(n) for n in table["male"] + table["female"])
    assert [n for n, c in counts.items() if c > 1] == []


@pytest.mark.parametrize("entry", data("known")["entities"], ids=lambda e: e["name"])
def test_known_example(nlp: Language, entry: dict) -> None:
    found = entities_in(nlp(entry["example"]), source_id="t")
    match = [e for e in found if e.name == entry["name"]]
    assert match, [e.name for e in found]
    assert match[0].type == entry["type"]


@pytest.mark.parametrize("example", data("words")["org_heads"]["examples"],
                         ids=lambda e: e["text"])
def test_org_head_example(nlp: Language, example: dict) -> None:
    doc = nlp.make_doc(example["text"])
    assert corrected_label(Span(doc, 0, len(doc), label=example["label"]))[0] == example["fixed"]


@pytest.mark.parametrize("example", data("words")["generic"]["examples"],
                         ids=lambda e: e["mention"])
def test_generic_example(example: dict) -> None:
    org = example["organization"]
    surfaces = [Surface(0, len(org), org, "ORG"),
                Surface(100, 100 + len(example["mention"]), example["mention"], "ORG")]
    assert (len(resolve_mentions(surfaces)) == 1) is example["joins"]


@pytest.mark.parametrize("example", data("words")["function_words"]["examples"],
                         ids=lambda e: e["name"])
def test_function_word_example(example: dict) -> None:
    assert example["acronym"] in initials(example["name"])


@pytest.mark.parametrize("example", data("words")["aka_cues"]["examples"],
                         ids=lambda e: e["text"])
def test_aka_example(nlp: Language, example: dict) -> None:
    found = entities_in(nlp(example["text"]), source_id="t")
    holders = [e for e in found if example["second"] in e.aliases]
    assert holders and example["first"] in holders[0].aliases


@pytest.mark.parametrize("example", data("words")["anaphors"]["examples"],
                         ids=lambda e: e["word"])
def test_anaphor_example(nlp: Language, example: dict) -> None:
    doc = nlp(example["text"])
    token = next(t for t in doc if t.text == example["word"])
    names = {e.id: e.name for e in entities_in(doc, source_id="t")}
    assert names.get(antecedent(token) or "") == example["antecedent"]


@pytest.mark.parametrize("example", data("words")["role_cues"]["examples"],
                         ids=lambda e: e["title"])
def test_role_cue_example(nlp: Language, example: dict) -> None:
    found = entities_in(nlp(example["text"]), source_id="t")
    assert not [e for e in found if example["title"] in e.aliases]
