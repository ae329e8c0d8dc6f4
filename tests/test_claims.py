"""Attribution and hedging: every cue example, plus the source's own voice."""

from __future__ import annotations

import pytest
import spacy

from datelines.nlp.claims import attribution, cues
from datelines.nlp.pipeline import load


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return load()


@pytest.mark.parametrize("text,asserted_by,hedged", cues().examples)
def test_cue_example(nlp, text, asserted_by, hedged):
    a = attribution(nlp(text)[:])
    assert (a.asserted_by.lower(), a.hedged) == (asserted_by.lower(), hedged)


def test_own_voice(nlp):
    a = attribution(nlp("In 1931 the ministry announced the closure of the mine.")[:])
    assert (a.asserted_by, a.cue, a.hedged) == ("source", None, False)


def test_hedge_cue_kept(nlp):
    a = attribution(nlp("The dam was reportedly breached in 1943.")[:])
    assert a.hedged and a.hedge_cue == "reportedly"


def test_plain_pipeline_finds_reporting_clause():
    a = attribution(spacy.blank("en")("The inspectors stated that the shaft flooded in 1906.")[:])
    assert a.asserted_by == "The inspectors" and a.cue == "stated"


def test_put_without_a_figure_is_no_attribution(nlp):
    a = attribution(nlp("The merger of 1921 put the mill under one owner.")[:])
    assert a.asserted_by == "source"


def test_a_later_clause_after_a_semicolon_does_not_attribute_the_first(nlp):
    text = "In 1930 the guild elected a chair; members say that she was strict."
    assert attribution(nlp(text)[:]).asserted_by == "source"
