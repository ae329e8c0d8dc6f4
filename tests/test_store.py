"""Store: migrations, add / re-add / replace, remove, reads, search, bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_store_factories import RIVER_TEXT, make_document, make_extraction

from datelines.errors import StoreError
from datelines.store import MissingError, Store
from datelines.store.schema import MIGRATIONS


@pytest.fixture
def store() -> Store:
    with Store.open(":memory:") as opened:
        yield opened


def test_migrations_are_recorded_in_order(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    Store.open(path).close()
    Store.open(path).close()  # a second open applies nothing new
    db = sqlite3.connect(path)
    names = [r[0] for r in db.execute("SELECT name FROM migrations ORDER BY rowid")]
    assert names == [name for name, _ in MIGRATIONS]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    assert {
        "sources",
        "documents",
        "events",
        "eras",
        "entities",
        "mentions",
        "audit",
        "documents_fts",
        "events_fts",
    } <= tables


def test_add_stores_everything_and_reads_it_back(store: Store) -> None:
    document = make_document()
    extraction = make_extraction(document)
    result = store.add(document, extraction)
    assert (result.added, result.events, result.kept_reviewed) == (True, 3, 0)
    assert store.sources() == [document.source]
    assert store.document(document.source.id) == document
    events = store.events()
    assert [e.date.value for e in events] == ["1921-SP", "1923-03-03", "192"]
    assert set(events) == set(extraction.events)
    assert store.event(events[1].id) == events[1]
    assert store.eras() == list(extraction.eras)
    [entity] = store.entities()
    assert entity.name == "River Guild" and len(entity.mentions) == 2


def test_readd_same_content_is_a_noop(store: Store) -> None:
    document = make_document()
    store.add(document, make_extraction(document))
    again = store.add(document, make_extraction(document))
    assert again.added is False and again.source_id == document.source.id
    assert len(store.events()) == 3 and len(store.sources()) == 1


def test_min_confidence_and_source_filters(store: Store) -> None:
    first = make_document()
    other = make_document(RIVER_TEXT + "\nLater notes.\n", path="b.txt")
    store.add(first, make_extraction(first))
    store.add(other, make_extraction(other))
    assert len(store.events()) == 6
    assert len(store.events(sources=[other.source.id])) == 3
    assert all(e.confidence >= 0.8 for e in store.events(min_confidence=0.8))
    assert len(store.events(min_confidence=0.8)) == 2
    assert store.resolve_sources(["b.txt"]) == [other.source.id]
    with pytest.raises(MissingError, match="datelines sources"):
        store.resolve_sources(["nope.txt"])


def test_remove_cascades(store: Store) -> None:
    document = make_document()
    store.add(document, make_extraction(document))
    store.remove(document.source.id)
    assert store.sources() == [] and store.events() == [] and store.eras() == []
    assert store.entities() == []
    assert store.search("ferrymen") == []
    assert store.search_events("harbour") == []
    with pytest.raises(MissingError):
        store.document(document.source.id)


def test_search_gives_original_offsets(store: Store) -> None:
    text = "Heading\n\n<b>The  guild</b> met in   Oldport.\n"
    document = make_document(text, path="x.html")
    # normalized text drops the tags and squeezes spaces; offsets lead back
    normalized, offsets = [], []
    skip = False
    for i, char in enumerate(text):
        if char == "<":
            skip = True
        if not skip and not (char == " " and normalized and normalized[-1] == " "):
            normalized.append(char)
            offsets.append(i)
        if char == ">":
            skip = False
    offsets.append(len(text))
    document = document.__class__(
        source=document.source,
        original=text,
        text="".join(normalized),
        offsets=tuple(offsets),
    )
    store.add(document, make_extraction(document, events=()))
    [hit] = store.search("Oldport")
    assert text[hit.start : hit.end] == "Oldport"
    assert "met in Oldport" in hit.snippet
    hits = store.search("guild OR Oldport")
    assert sorted(text[h.start : h.end] for h in hits) == ["Oldport", "guild"]
    # the words of a phrase make one hit
    [phrase] = store.search('"met in Oldport"')
    assert text[phrase.start : phrase.end] == "met in   Oldport"
    # not valid FTS5 syntax: searched as plain words
    assert [text[h.start : h.end] for h in store.search('"Oldport')] == ["Oldport"]


def test_search_events(store: Store) -> None:
    document = make_document()
    store.add(document, make_extraction(document))
    [event] = store.search_events("harbour office")
    assert "marched" in event.evidence.quote


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all" * 40, b"SQLite format 3\x00" + b"\xff" * 4000],
)
def test_not_a_database_is_one_line_and_left_intact(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    message = str(caught.value)
    assert "\n" not in message and "notes.db" in message and "--db" in message
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_folder_and_missing_parent(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder"):
        Store.open(tmp_path)
    with pytest.raises(StoreError, match="folder exists"):
        Store.open(tmp_path / "no" / "such" / "x.db")


def test_failed_add_leaves_store_unchanged(store: Store, monkeypatch) -> None:
    document = make_document()
    store.add(document, make_extraction(document))
    other = make_document(RIVER_TEXT + "\nMore.\n", path="c.txt")

    def fail(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "_merge_entities", fail)
    with pytest.raises(StoreError, match="nothing was changed"):
        store.add(other, make_extraction(other))
    assert [s.path for s in store.sources()] == ["river.txt"]
    assert len(store.events()) == 3


def test_locked_database_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    document = make_document()
    Store.open(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with Store.open(path, timeout=0.05) as store:
            with pytest.raises(StoreError) as caught:
                store.add(document, make_extraction(document))
        message = str(caught.value)
        assert "\n" not in message and "busy.db" in message and "locked" in message
    finally:
        other.execute("ROLLBACK")
        other.close()
    with Store.open(path) as store:  # nothing half-written
        assert store.sources() == []
        assert store.add(document, make_extraction(document)).added


def test_search_matches_word_forms(store: Store) -> None:
    document = make_document()
    store.add(document, make_extraction(document))
    hits = store.search("marching")  # the text says "marched" (and "March")
    assert "marched" in [RIVER_TEXT[h.start : h.end] for h in hits]
    [event] = store.search_events("founding")  # the quote says "founded"
    assert "founded" in event.evidence.quote
