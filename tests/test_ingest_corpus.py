"""Ingestion over real files: every ../shared/corpus text and the bundled sample.

The corpus checks read the third-party files at run time (skipped where ../shared is
absent) and assert structure found by the general rules, never copied sentences.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from datelines.ingest import read
from datelines.ingest.frontmatter import split_front_matter
from datelines.ingest.normalize import normalize_chars
from datelines.ingest.offsets import Mapped
from datelines.model import Document

YEAR_HEADING = re.compile(r"(?:Post-)?\d{4}(?:-\d{4})?: ")


def check_offsets(document: Document) -> None:
    assert len(document.offsets) == len(document.text) + 1
    assert list(document.offsets) == sorted(document.offsets)
    for block in document.blocks:
        text = document.text[block.start : block.end]
        assert text and text == text.strip() and "\n" not in text
        start, end = document.to_original(block.start, block.end)
        original = normalize_chars(Mapped.of(document.original[start:end])).text
        assert original.replace("\n", " ") == text


@pytest.mark.slow
def test_every_corpus_text_reads_with_sound_offsets(shared: Path) -> None:
    files = sorted((shared / "corpus").glob("*.txt"))
    assert len(files) >= 10
    for path in files:
        document = read(path)
        check_offsets(document)
        assert document.blocks and document.blocks[0].kind in ("title", "paragraph")
        raw = path.read_text(encoding="utf-8")
        end, front = split_front_matter(str(path), raw)
        if front:
            assert document.source.title == front["title"]
            assert not document.text.startswith("---")
            assert document.offsets[0] >= end
        assert "\u00a0" not in document.text and "\u2019" not in document.text


@pytest.mark.slow
def test_mek_history_headings_and_glued_captions(shared: Path) -> None:
    document = read(shared / "corpus" / "mek-history.txt")
    blocks = [(b.kind, document.text[b.start : b.end]) for b in document.blocks]
    headings = [text for kind, text in blocks if kind == "heading"]
    dated = [h for h in headings if YEAR_HEADING.match(h)]
    assert len(headings) >= 12 and len(dated) >= 9
    assert blocks[0][0] == "title" and document.source.title == blocks[0][1]
    captions = [text for kind, text in blocks if kind == "caption"]
    assert any(c.endswith("Badizadegan") for c in captions)
    assert any(c.endswith("France") for c in captions)
    # the heading glued onto a caption is split off and is a heading of its own
    after = [blocks[i + 1] for i, (kind, _) in enumerate(blocks) if kind == "caption"]
    assert any(kind == "heading" and text.startswith("1988: ") for kind, text in after)
    assert any(
        kind == "paragraph" and text.startswith("During ") for kind, text in after
    )
    # no heading ends a sentence, no paragraph of prose is taken for a heading
    assert all(not h.endswith(".") and len(h.split()) <= 20 for h in headings)
    check_offsets(document)


@pytest.mark.slow
def test_infobox_lines_are_not_headings(shared: Path) -> None:
    for name in ("mek-wikipedia-ncri.txt", "mek-wikipedia-pmoi-2024.txt"):
        document = read(shared / "corpus" / name)
        headings = [
            document.text[b.start : b.end]
            for b in document.blocks
            if b.kind == "heading"
        ]
        assert not any(re.match(r"[A-Z][a-z-]+: ", h) for h in headings), headings


@pytest.mark.slow
def test_front_matter_dates_are_normalized(shared: Path) -> None:
    corpus = shared / "corpus"
    dates = {
        name: read(corpus / name).source
        for name in (
            "mek-loc-country-study-1987.txt",
            "mek-usdos-2012-delisting-note.txt",
            "mek-wikipedia-pmoi-2024.txt",
            "mek-wikipedia-operation-mersad.txt",
        )
    }
    assert dates["mek-loc-country-study-1987.txt"].date == "1987"
    assert dates["mek-usdos-2012-delisting-note.txt"].date == "2012-09-28"
    assert dates["mek-wikipedia-pmoi-2024.txt"].date == "2024-01"
    assert dates["mek-wikipedia-operation-mersad.txt"].date is None
    assert (
        dates["mek-wikipedia-operation-mersad.txt"]
        .extra["date_raw"]
        .startswith("unknown")
    )
    assert not any(source.date_inferred for source in dates.values())


def test_sample_corpus(sample_dir: Path) -> None:
    files = sorted(sample_dir.glob("*.md"))
    assert {p.name for p in files} >= {
        "mek-neutral-summary.md",
        "mek-critical-account.md",
    }
    assert len(files) == 3
    for path in files:
        document = read(path)
        source = document.source
        assert source.title and source.date and source.license and source.publisher
        assert "datelines' own constructed sample" in (source.viewpoint or "")
        words = len(document.text.split())
        assert 350 <= words <= 700, (path.name, words)
        kinds = [b.kind for b in document.blocks]
        assert kinds[0] == "title" and kinds.count("heading") >= 3
        check_offsets_md(document)


def check_offsets_md(document: Document) -> None:
    for block in document.blocks:
        start, end = document.to_original(block.start, block.end)
        assert document.original[start] == document.text[block.start]
        assert document.original[end - 1] == document.text[block.end - 1]


def test_sample_accounts_differ_on_purpose(sample_dir: Path) -> None:
    neutral = read(sample_dir / "mek-neutral-summary.md").text
    critical = read(sample_dir / "mek-critical-account.md").text
    assert "6 September 1965" in neutral and "5 September 1965" in critical
    assert "Amnesty International" in neutral and "reportedly" in neutral
    for phrase in (
        "the winter of 1969",
        "the late 1970s",
        "early 1979",
        "One month later",
    ):
        assert phrase in neutral
    assert "between 1,400 and 30,000" in neutral and "about 4,500" in critical
    assert "28 June 1981" in critical and "28 June 1981" not in neutral
