"""The spaCy pipeline: block-aware sentences and the blank fallback."""

from __future__ import annotations

import pytest

from datelines.model import Block, Document, Source
from datelines.nlp import pipeline


def _document(text: str, blocks: tuple[Block, ...]) -> Document:
    source = Source(id="t", path="t.txt", sha256="0")
    return Document(
        source=source, original=text, text=text, offsets=tuple(range(len(text) + 1)),
        blocks=blocks,
    )


TEXT = (
    "1921: The Harbour Strike\n\n"
    "In May 1921 the dockers led by Anna\nKovac stopped work. The port closed.\n"
    "Ships waited offshore."
)
BLOCKS = (Block("heading", 0, 24), Block("paragraph", 26, len(TEXT)))


@pytest.mark.parametrize("model", [pipeline.MODEL, None])
def test_sentences_follow_blocks(model):
    nlp = pipeline.load(model)
    sents = [s.text.strip() for s in pipeline.analyze(nlp, _document(TEXT, BLOCKS)).sents]
    assert sents[0] == "1921: The Harbour Strike"
    assert "In May 1921 the dockers led by Anna\nKovac stopped work." in sents
    assert sents[-1] == "Ships waited offshore."


def test_missing_model_warns_and_falls_back():
    with pytest.warns(UserWarning, match="not installed"):
        nlp = pipeline.load.__wrapped__("no_such_model_datelines")
    assert not pipeline.has_model(nlp)
    doc = pipeline.analyze(nlp, _document(TEXT, BLOCKS))
    assert doc.user_data["blocks"] == BLOCKS
