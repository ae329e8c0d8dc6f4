"""Store review: audited edits, undo, reviewed events surviving re-adds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from test_store_factories import RIVER_TEXT, make_document, make_extraction

from datelines.errors import StoreError
from datelines.store import Store


class Ticks:
    """An injectable clock: one minute later at each call."""

    def __init__(self) -> None:
        self.at = datetime(2024, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.at += timedelta(minutes=1)
        return self.at


@pytest.fixture
def store() -> Store:
    with Store.open(":memory:", clock=Ticks()) as opened:
        document = make_document()
        opened.add(document, make_extraction(document))
        yield opened


def test_edit_is_audited_and_undone(store: Store) -> None:
    event = store.events()[0]
    edited = event.replace(summary="Guild founded", reviewed=True, status="edited")
    store.update_event(event.id, edited, who="ana")
    assert store.event(event.id) == edited
    [row] = store.audit(event.id)
    assert (row.who, row.action, row.event) == ("ana", "edit", event.id)
    assert (
        row.before["summary"] == event.summary
        and row.after["summary"] == "Guild founded"
    )
    assert row.at.startswith("2024-01-01T00:")
    assert store.search_events("founded")[0].id == event.id
    undone = store.undo()
    assert undone is not None and undone.id == row.id
    assert store.event(event.id) == event
    assert [r.action for r in store.audit(event.id)] == ["edit", "undo"]
    assert store.undo() is None  # an undo is not undone again


def test_reject_hides_and_delete_insert_undo(store: Store) -> None:
    first, second, third = store.events()
    store.update_event(
        first.id, first.replace(status="rejected", reviewed=True), action="reject"
    )
    assert first.id not in {e.id for e in store.events()}
    assert first.id in {e.id for e in store.events(include_rejected=True)}
    store.delete_event(second.id, who="ana")
    assert second.id not in {e.id for e in store.events(include_rejected=True)}
    added = third.replace(id="by-hand", status="added", reviewed=True)
    store.insert_event(added, who="ben")
    assert store.event("by-hand") == added
    with pytest.raises(StoreError, match="already exists"):
        store.insert_event(added)
    store.undo()  # removes the hand-made event
    store.undo()  # brings back the deleted one
    store.undo()  # un-rejects
    assert set(store.events()) == {first, second, third}
    assert [r.action for r in store.audit()] == [
        "reject",
        "delete",
        "add",
        "undo",
        "undo",
        "undo",
    ]


def test_unknown_event_is_a_store_error(store: Store) -> None:
    event = store.events()[0]
    with pytest.raises(StoreError, match="no event 'nope'"):
        store.update_event("nope", event)
    with pytest.raises(StoreError, match="datelines add"):
        store.insert_event(event.replace(id="x", source="unknown"))


def test_reviewed_survive_readd_of_same_document(store: Store) -> None:
    event = store.events()[1]
    store.update_event(event.id, event.replace(reviewed=True, status="accepted"))
    document = make_document()
    assert store.add(document, make_extraction(document)).added is False
    assert store.event(event.id).status == "accepted"


def test_reviewed_survive_changed_document(store: Store) -> None:
    first, second, third = store.events()
    store.update_event(
        second.id, second.replace(summary="march", reviewed=True, status="edited")
    )
    store.update_event(third.id, third.replace(reviewed=True, status="accepted"))
    # new version: a paragraph added before the march, the third sentence rewritten
    changed = RIVER_TEXT.replace("On 3 March", "Prices rose that winter.\n\nOn 3 March")
    changed = changed.replace("reportedly ended", "ended")
    document = make_document(changed)
    result = store.add(document, make_extraction(document))
    assert (
        result.added and result.kept_reviewed == 2 and result.replaced == first.source
    )
    assert [s.id for s in store.sources()] == [document.source.id]
    events = {e.id: e for e in store.events()}
    kept = events[second.id]
    assert kept.summary == "march" and kept.source == document.source.id
    assert changed[kept.evidence.start : kept.evidence.end] == kept.evidence.quote
    assert kept.evidence.start > second.evidence.start
    span = kept.date.span
    assert span is not None and changed[span[0] : span[1]] == "3 March 1923"
    assert kept.evidence.paragraph == (kept.evidence.start, kept.evidence.end)
    # the rewritten sentence: kept, flagged
    assert store.evidence_missing() == [third.id]
    assert events[third.id].status == "accepted"
    # machine events re-extracted, none duplicating a kept span
    spans = [(e.evidence.start, e.evidence.end) for e in events.values()]
    assert len(spans) == len(set(spans))
    assert sum(not e.reviewed for e in events.values()) == 1


def test_same_file_under_another_name_is_replaced(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "river.txt").write_text(RIVER_TEXT)
    with Store.open(":memory:") as store:
        first = make_document(path="river.txt")
        store.add(first, make_extraction(first))
        event = store.events()[0]
        store.update_event(event.id, event.replace(reviewed=True, status="accepted"))
        changed = make_document(
            RIVER_TEXT + "\nLater.\n", path=str(tmp_path / "river.txt")
        )
        result = store.add(changed, make_extraction(changed))
        assert result.replaced == first.source.id and result.kept_reviewed == 1
        assert [s.path for s in store.sources()] == [str(tmp_path / "river.txt")]
