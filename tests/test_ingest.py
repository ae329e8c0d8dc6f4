"""Ingestion of text, Markdown and HTML: metadata, normalization, offsets, blocks."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from datelines.ingest import read, read_all
from datelines.ingest.normalize import normalize_chars
from datelines.ingest.offsets import Mapped
from datelines.model import Document

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def blocks_of(document: Document) -> list[tuple[str, str]]:
    return [(b.kind, document.text[b.start : b.end]) for b in document.blocks]


def assert_offsets_hold(document: Document, *, markdown: bool = False) -> None:
    """Every block maps back to original characters that normalize to the block."""
    assert len(document.offsets) == len(document.text) + 1
    assert list(document.offsets) == sorted(document.offsets)
    assert document.offsets[-1] <= len(document.original)
    for block in document.blocks:
        start, end = document.to_original(block.start, block.end)
        words = normalize_chars(Mapped.of(document.original[start:end])).text
        text = document.text[block.start : block.end]
        if markdown:
            assert set(words) >= set(text)
        else:
            assert words.replace("\n", " ") == text


def test_plain_text_blocks_and_glued_caption() -> None:
    document = read(FIXTURES / "glued.txt")
    assert blocks_of(document)[:5] == [
        ("title", "A Small Press in Hard Times"),
        (
            "paragraph",
            "The Printers' Guild was a tiny group of friends who owned one press.",
        ),
        ("heading", "1961-1964: The Early Years"),
        ("caption", "The three founders of the guild, pictured outside their shop"),
        (
            "paragraph",
            "During those first years, they printed pamphlets at night and sold them "
            "at the market.",
        ),
    ]
    kinds = blocks_of(document)
    assert ("heading", "The Move to the Coast") in kinds
    assert ("caption", "A banner at the new shop, Harbor Street, Portmouth") in kinds
    assert ("heading", "1965: A New Start") in kinds
    assert_offsets_hold(document)


def test_caption_split_inserts_a_line_break_that_maps_forward() -> None:
    document = read(FIXTURES / "glued.txt")
    split = document.text.index("shop\nDuring") + len("shop")
    assert document.text[split] == "\n"
    assert document.original[document.offsets[split]] == "D"  # the inserted break
    assert document.original[document.offsets[split - 1]] == "p"
    start = document.text.index("During those")
    a, b = document.to_original(start, start + len("During those"))
    assert document.original[a:b] == "During those"


def test_normalized_characters_keep_the_original() -> None:
    document = read(FIXTURES / "glued.txt")
    assert "Printers' Guild" in document.text and "\u2019" not in document.text
    assert "\u00a0" not in document.text and '"about 40"' in document.text
    start = document.text.index("Printers'")
    a, b = document.to_original(start, start + len("Printers'"))
    assert document.original[a:b] == "Printers\u2019"


def test_source_identity_comes_from_the_bytes(tmp_path: Path) -> None:
    data = (FIXTURES / "glued.txt").read_bytes()
    copy = tmp_path / "copy.txt"
    copy.write_bytes(data)
    first, second = read(FIXTURES / "glued.txt"), read(copy, meta={"title": "Other"})
    digest = hashlib.sha256(data).hexdigest()
    assert first.source.sha256 == digest and first.source.id == digest[:12]
    assert second.source.id == first.source.id
    assert second.source.path == str(copy)
    assert first.source.encoding == "utf-8" and first.source.format == "text"
    assert first.source.title == "A Small Press in Hard Times"  # from the title block


def test_markdown_front_matter_and_markup() -> None:
    document = read(FIXTURES / "front-matter.md")
    source = document.source
    assert source.format == "markdown"
    assert (source.title, source.publisher, source.url, source.license) == (
        "The Guild Papers",
        "A constructed test fixture",
        "https://example.org/guild",
        "CC0",
    )
    assert source.date == "1999" and not source.date_inferred
    assert source.extra["date_raw"] == "1999 (written from memory in the spring)"
    assert source.extra["editor"] == "Nobody"
    assert document.original.startswith("---\ntitle:")
    assert "title:" not in document.text and "**" not in document.text
    assert "#" not in document.text and "](" not in document.text
    assert blocks_of(document)[:2] == [
        ("title", "The Guild Papers"),
        ("heading", "1961-1964: Founding"),
    ]
    paragraph = blocks_of(document)[2][1]
    assert paragraph.startswith("The guild was founded in March 1961 by three printers")
    assert (
        "night school in the old quarter" in paragraph and "very old press" in paragraph
    )
    assert ("paragraph", "In 1965 the guild moved to the coast.") in blocks_of(document)
    assert_offsets_hold(document, markdown=True)
    start = document.text.index("March 1961")
    a, b = document.to_original(start, start + len("March 1961"))
    assert document.original[a:b] == "March 1961"


def test_meta_overrides_front_matter_and_normalizes_the_date() -> None:
    document = read(
        FIXTURES / "front-matter.md",
        meta={"title": "Given Title", "date": "September 28, 2012", "viewpoint": None},
    )
    assert document.source.title == "Given Title"
    assert document.source.date == "2012-09-28"
    assert document.source.viewpoint == "datelines test fixture, constructed"


def test_unknown_meta_field_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown metadata field"):
        read(FIXTURES / "glued.txt", meta={"author": "X"})


def test_hard_wrapped_lines_join_into_paragraphs() -> None:
    document = read(FIXTURES / "wrapped.txt")
    kinds = blocks_of(document)
    assert [k for k, _ in kinds] == [
        "title",
        "heading",
        "paragraph",
        "heading",
        "paragraph",
    ]
    paragraph = kinds[2][1]
    assert "\n" not in paragraph
    assert paragraph.endswith("it closed the port for six weeks.")
    assert_offsets_hold(document)


def test_field_lines_stay_apart_and_are_not_headings() -> None:
    document = read(FIXTURES / "infobox.txt")
    assert blocks_of(document)[:3] == [
        ("title", "Harbor Strike of 1911"),
        ("paragraph", "Date: August 1911 to October 1911"),
        ("paragraph", "Location: the old harbor"),
    ]


def test_html_main_text_headings_and_metadata() -> None:
    document = read(FIXTURES / "page.html")
    source = document.source
    assert source.format == "html"
    assert source.date == "2004-06-15"  # from the meta tag, not the copyright line
    assert source.url == "https://example.org/strike"
    assert source.publisher == "Example Quarterly"
    kinds = blocks_of(document)
    assert kinds[0] == ("title", "The Harbor Strike")
    assert ("heading", "1911: The Strike") in kinds and (
        "heading",
        "Aftermath",
    ) in kinds
    assert "window.track" not in document.text and "Archive" not in document.text
    assert "font-family" not in document.text and "Copyright" not in document.text
    assert '"unlawful"' in document.text and "\u201cunlawful\u201d" in document.original
    assert_offsets_hold(document)


def test_html_meta_flag_wins(tmp_path: Path) -> None:
    document = read(FIXTURES / "page.html", meta={"publisher": "Someone Else"})
    assert document.source.publisher == "Someone Else"


def test_read_all_goes_on_after_a_bad_file(tmp_path: Path) -> None:
    results = list(
        read_all(
            [FIXTURES / "glued.txt", tmp_path / "missing.txt", FIXTURES / "wrapped.txt"]
        )
    )
    assert [type(r).__name__ for r in results] == ["Document", "InputError", "Document"]
    assert "missing.txt" in str(results[1])


def test_crlf_and_zero_width_characters_are_dropped_from_text(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("A Title\r\n\r\nThe Mojahe\u00addin met in 1965.\r\n".encode())
    document = read(path)
    assert blocks_of(document) == [
        ("title", "A Title"),
        ("paragraph", "The Mojahedin met in 1965."),
    ]
    start = document.text.index("Mojahedin")
    a, b = document.to_original(start, start + len("Mojahedin"))
    assert document.original[a:b] == "Mojahe\u00addin"


def test_byte_order_mark_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfIn 1965 three students founded the group.\n")
    document = read(path)
    assert document.text.startswith("In 1965")
    assert document.source.encoding == "utf-8-sig"


def test_rules_and_ornaments_only_separate_blocks(tmp_path: Path) -> None:
    path = tmp_path / "ornaments.md"
    path.write_text(
        "Setext Title\n============\n\nFirst part, written in 1970.\n\n* * *\n\n"
        "Second part, written in 1971.\n\n---\n\nThird part.\n",
        encoding="utf-8",
    )
    document = read(path)
    assert blocks_of(document) == [
        ("title", "Setext Title"),
        ("paragraph", "First part, written in 1970."),
        ("paragraph", "Second part, written in 1971."),
        ("paragraph", "Third part."),
    ]
    assert "*" not in document.text and "=" not in document.text


def test_short_html_page_keeps_its_blocks_apart(tmp_path: Path) -> None:
    path = tmp_path / "short.html"
    path.write_text(
        "<html><body><nav><p>Home</p></nav><h1>Notes</h1><p>Founded in 1965.</p>"
        "<figure><figcaption>The first office</figcaption></figure>"
        "<p>Moved in 1972.</p></body></html>",
        encoding="utf-8",
    )
    document = read(path)
    assert blocks_of(document) == [
        ("title", "Notes"),
        ("paragraph", "Founded in 1965."),
        ("caption", "The first office"),
        ("paragraph", "Moved in 1972."),
    ]


def test_front_matter_after_byte_order_mark_with_crlf(tmp_path: Path) -> None:
    path = tmp_path / "windows.md"
    path.write_bytes(
        b"\xef\xbb\xbf---\r\ntitle: Saved On Windows\r\ndate: 2001-02-03\r\n---\r\n"
        b"Heading Here\r\n\r\nIt happened in 1999.\r\n"
    )
    document = read(path)
    assert (document.source.title, document.source.date) == (
        "Saved On Windows",
        "2001-02-03",
    )
    assert document.text == "Heading Here\n\nIt happened in 1999."
    assert blocks_of(document) == [
        ("title", "Heading Here"),
        ("paragraph", "It happened in 1999."),
    ]


def test_one_long_line_does_not_unwrap_a_hard_wrapped_text():
    from datelines.ingest.structure import layout

    lines = [
        "The harbour strike began when the crane drivers walked out one wet morning",
        "and the ferry crews joined them before noon, so that by evening nothing moved",
        "on the quays at all and the merchants had begun to count what they were losing",
        "while the mayor, who had promised calm, spent the night writing to the capital for help.",
        "The clerks of the port office kept their ledgers open but had nothing to write in",
        "them, and the gulls took over the empty fish market for the rest of the week long.",
        "By Friday the city council had met twice, and a long, rambling, unusually heated debate over the strike ran well past midnight.",
        "Nobody agreed on anything except that the strike could not go on for much longer.",
    ]
    text = "\n".join(lines)
    blocks = layout(text, title=False)
    assert len(blocks) == 1 and blocks[0].kind == "paragraph"
