"""The extract stage's public surface: ``datelines.extract`` as module and function,
entity mentions in original offsets. Narratives written for these tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import datelines
from datelines.extract import document_from_text, pipeline, read
from datelines.model import Extraction

STORY = """---
title: "The Harbour Guild"
date: "1931"
---
# The Harbour Guild

In   March 1911, the governor of Tarn banned the Harbour Guild.\u00a0Ada Voss \
protested.

On May 2, 1912, Ada Voss founded a new paper in Vell with the Harbour Guild.
"""


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return pipeline()


def test_extract_is_callable_as_module_and_function(nlp) -> None:  # type: ignore[no-untyped-def]
    import datelines.extract as module  # the submodule shadows the attribute
    from datelines import extract

    document = document_from_text("In 1931 the poet died in exile.\n")
    for function in (extract, module, datelines.extract):
        extraction = function(document, nlp=nlp)
        assert isinstance(extraction, Extraction)
        assert [e.kind for e in extraction.events] == ["death"]


def test_extract_import_before_the_submodule_is_loaded() -> None:
    code = (
        "from datelines import extract\n"
        "from datelines.extract import document_from_text, pipeline\n"
        "d = document_from_text('In 1931 the poet died in exile.\\n')\n"
        "print(len(extract(d, nlp=pipeline(model=None)).events))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "1"


def test_entity_mentions_are_in_original_offsets(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "guild.md"
    path.write_text(STORY, encoding="utf-8")
    document = read(path)
    assert document.text != document.original  # front matter, spaces normalized
    extraction = datelines.extract(document, nlp=nlp)
    mentions = [m for e in extraction.entities for m in e.mentions]
    assert any(m.text == "Ada Voss" for m in mentions)
    for mention in mentions:
        assert document.original[mention.start : mention.end] == mention.text
        assert mention.source == document.source.id
    guild = [m for m in mentions if m.text == "Harbour Guild"]
    assert len(guild) >= 2 and all(m.start > STORY.index("---\n#") for m in guild)
