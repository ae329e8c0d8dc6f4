"""The comparison behind conflict markers: in the request when small, else aside."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from test_serve_data import build_store

from datelines.serve.comparing import Comparer, compare_db


def test_a_large_store_is_compared_in_a_child_process(tmp_path: Path) -> None:
    pytest.importorskip("datelines.reconcile")
    db = str(build_store(tmp_path / "docks.db"))
    comparer = Comparer(db, sync_limit=0)  # treat the tiny store as a large one
    first = comparer.index(0, 6)
    assert first["state"] == "pending" and first["conflicts"] == {}
    deadline = time.monotonic() + 120  # a safety net, not a timing assertion
    while comparer.index(0, 6)["state"] == "pending" and time.monotonic() < deadline:
        time.sleep(0.2)
    ready = comparer.index(0, 6)
    assert ready["state"] == "ready"
    assert set(ready["conflicts"]) == {"a1", "b1"}
    stale = comparer.index(1, 6)  # after a write: the last index, marked pending
    assert stale["state"] == "pending" and set(stale["conflicts"]) == {"a1", "b1"}
    comparer.close()


def test_a_small_store_is_compared_at_once(tmp_path: Path) -> None:
    pytest.importorskip("datelines.reconcile")
    db = str(build_store(tmp_path / "docks.db"))
    comparison, ids = compare_db(db)
    assert comparison is not None and sorted(ids) == ["a1", "a2", "a3", "b1", "b2", "h1"]
    assert Comparer(db).index(0, 6)["state"] == "ready"
    assert Comparer(db, enabled=False).index(0, 6)["state"] == "unavailable"
