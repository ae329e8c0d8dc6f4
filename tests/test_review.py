"""Review operations over a real Store: each audited, undoable, kept across re-extraction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from test_serve_data import DOCKS_A, build_store, docks, make_document, make_event

from datelines import review
from datelines.model import Extraction
from datelines.review import ReviewError
from datelines.serve import make_app
from datelines.store.store import Store


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    with Store.open(build_store(tmp_path / "docks.db")) as opened:
        yield opened


def actions(store: Store) -> list[str]:
    return [row.action for row in store.audit()]


def test_accept_and_reject_are_audited(store: Store) -> None:
    review.accept(store, "a1")
    review.reject(store, "a2")
    assert store.event("a1").status == "accepted" and store.event("a1").reviewed
    assert "a2" not in {e.id for e in store.events()}  # rejected: hidden
    assert store.event("a2").status == "rejected"
    assert actions(store) == ["accept", "reject"]


def test_edit_changes_date_interval_and_lists(store: Store) -> None:
    event = review.edit(store, "a3", date="1962-04", kind="march", summary="Marches",
                        participants=["Edda Varn", "Tomas Reel"],
                        figures=[{"value": "2500", "qualifier": "about", "of": "workers"}])
    stored = store.event("a3")
    assert stored == event and stored.status == "edited"
    assert (stored.date.value, stored.date.start, stored.date.end) == (
        "1962-04", "1962-04-01", "1962-04-30")
    assert stored.date.text == "the spring of 1962"  # the source's words stay
    assert [p.name for p in stored.participants] == ["Edda Varn", "Tomas Reel"]
    assert stored.participants[0].type == "PERSON"  # the known one is kept whole
    assert stored.figures[0].value == 2500 and stored.figures[0].qualifier == "about"
    audit = store.audit("a3")[-1]
    assert audit.before["date"]["value"] == "1962-SP" and audit.after["date"]["value"] == "1962-04"


def test_edit_takes_a_partly_known_date(store: Store) -> None:
    event = review.edit(store, "a1", date="XXXX-03-03")
    assert (event.date.value, event.date.start, event.date.end) == ("XXXX-03-03", None, None)


@pytest.mark.parametrize("bad", ["soon", "1962-13", "1962-02-30", "3/3/62"])
def test_edit_refuses_an_unreadable_date(store: Store, bad: str) -> None:
    with pytest.raises(ReviewError, match="TIMEX3"):
        review.edit(store, "a1", date=bad)
    assert store.event("a1").status == "machine"


def test_merge_joins_evidence_and_undo_restores_both(store: Store) -> None:
    merged = review.merge(store, "a1", "a2")
    assert merged.evidence.quote.startswith("On 3 March 1962")
    assert merged.evidence.quote.endswith("agreed to talks")
    assert DOCKS_A[merged.evidence.start:merged.evidence.end] == merged.evidence.quote
    assert store.event("a2").status == "rejected"
    undone = review.undo(store)
    assert [row.action for row in undone] == ["merge", "merge"]
    assert store.event("a1").status == "machine" and store.event("a2").status == "machine"


def test_merge_across_sources_is_refused(store: Store) -> None:
    with pytest.raises(ReviewError, match="different sources"):
        review.merge(store, "a1", "b1")


def test_split_cuts_the_quote_and_undo_removes_the_new_part(store: Store) -> None:
    quote = store.event("a3").evidence
    at = quote.start + quote.quote.index(", reportedly")
    first, second = review.split(store, "a3", at)
    assert first.evidence.quote.endswith("joined the marches")
    assert second.evidence.quote == ", reportedly led by Edda Varn"
    assert second.status == "added" and store.event(second.id) == second
    with pytest.raises(ReviewError, match="inside its quote"):
        review.split(store, "a1", 0)
    assert [row.action for row in review.undo(store)] == ["split", "add"]
    assert store.event("a3").evidence == quote
    assert second.id not in {e.id for e in store.events()}


def test_add_from_a_selection_trims_spaces(store: Store) -> None:
    words = "Four days later"
    start = DOCKS_A.index(words)
    event = review.add(store, "src-a", start - 1, start + len(words), date="1962-03-07")
    assert event.evidence.quote == words and event.status == "added" and event.reviewed
    assert actions(store) == ["add"]
    with pytest.raises(ReviewError, match="outside the document"):
        review.add(store, "src-a", 0, 10**6, date="1962")


def test_undo_with_nothing_to_undo(store: Store) -> None:
    assert review.undo(store) == []


def test_reextraction_keeps_a_reviewed_event_end_to_end(tmp_path: Path) -> None:
    """Edit through the web API, re-add a changed version of the document: kept."""
    db = build_store(tmp_path / "docks.db")
    client = TestClient(make_app(db, secret="s"), base_url="http://127.0.0.1")
    edited = client.post("/api/event/a1/edit", json={"date": "1962-03-02"},
                         headers={"X-CSRF-Token": "s"})
    assert edited.status_code == 200
    new_text = DOCKS_A + "\n\nThe strike ended in June 1962."
    document = make_document("src-a2", "The Walkout at Port Selwyn", new_text)
    document = document.__class__(
        source=document.source.__class__(**{**document.source.__dict__, "path": "src-a.txt"}),
        original=new_text, text=new_text, offsets=document.offsets, blocks=document.blocks)
    again = [make_event(document, "a1", "On 3 March 1962 the dock crews of Port Selwyn "
                        "laid down their hooks", "1962-03-03", "3 March 1962"),
             make_event(document, "a4", "The strike ended in June 1962", "1962-06",
                        "June 1962")]
    with Store.open(db) as store:
        result = store.add(document, Extraction(document.source, tuple(again)))
        assert result.kept_reviewed == 1
        kept = store.event("a1")
        assert kept.date.value == "1962-03-02" and kept.status == "edited"
        assert store.event("a4").status == "machine"
    assert client.get("/event/a1.json").json()["event"]["date"]["value"] == "1962-03-02"


def test_exports_use_the_reviewed_version(store: Store) -> None:
    export = pytest.importorskip("datelines.export")
    review.edit(store, "b1", date="1962-03-05", summary="Crews stop work (checked)")
    review.reject(store, "a2")
    data = json.loads(export.export(store, "json"))
    events = {e["id"]: e for e in data["events"]}
    assert events["b1"]["date"]["value"] == "1962-03-05"
    assert events["b1"]["summary"] == "Crews stop work (checked)"
    assert "a2" not in events
    assert "1962-03-05" in export.export(store, "csv")


def test_conflicts_and_versions_reach_the_event_panel(tmp_path: Path) -> None:
    pytest.importorskip("datelines.reconcile")
    db = build_store(tmp_path / "docks.db")
    client = TestClient(make_app(db, secret="s"), base_url="http://127.0.0.1")
    data = client.get("/event/a1.json").json()
    assert [o["id"] for c in data["conflicts"] for o in c["events"]] == ["b1"]
    assert "3 March 1962" in data["conflicts"][0]["label"]
    assert [o["id"] for o in data["versions"]] == ["b1"]
    flagged = {e["id"] for e in client.get("/timeline.json").json()["events"] if e["conflict"]}
    assert flagged == {"a1", "b1"}


def test_the_fixture_is_what_the_tests_read() -> None:
    assert len(docks()) == 3
