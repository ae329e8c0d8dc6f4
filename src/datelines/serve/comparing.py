"""Serve stage: the reconcile stage's comparison, kept fresh without blocking pages.

Consumes the database path and a version number the app bumps on every review write;
produces, per event id, its conflicts and its other sources' versions
(:func:`datelines.serve.views.comparison_index`). A small store is compared in the
request itself; a large one (comparison grows faster than linearly with events) in a
separate process, so pages answer at once with the last index and say whether it is
current. Without the reconcile stage the index is empty and the state
``unavailable``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from typing import Any

from datelines.serve.views import comparison_index
from datelines.store.store import Store

JSON = dict[str, Any]
SYNC_LIMIT = 300  # events: compare in the request up to this many


def compare_db(db: str) -> tuple[JSON | None, list[str]]:
    """The comparison of everything in ``db`` as a dict, and the event ids it knows."""
    try:
        from datelines.reconcile import compare
    except ImportError:
        return None, []
    with Store.open(db) as store:
        sources, events = store.sources(), store.events()
        if not events:
            return None, []
        texts = {s.id: store.document(s.id).original for s in sources}
        comparison = compare(sources, events, entities=store.entities(), texts=texts)
        return comparison.to_dict(), [e.id for e in events]


class Comparer:
    """The latest comparison index of one database, recomputed after each write."""

    def __init__(self, db: str, *, enabled: bool = True, sync_limit: int = SYNC_LIMIT):
        self.db, self.enabled, self.sync_limit = db, enabled, sync_limit
        self._lock = threading.Lock()
        self._index: tuple[int, JSON] | None = None
        self._running: tuple[int, subprocess.Popen[bytes]] | None = None

    def _store(self, version: int, result: tuple[JSON | None, list[str]]) -> JSON:
        comparison, ids = result
        index = comparison_index(comparison, set(ids))
        index["state"] = "ready" if comparison is not None else "unavailable"
        with self._lock:
            if self._index is None or self._index[0] <= version:
                self._index = (version, index)
        return index

    def index(self, version: int, events: int) -> JSON:
        """The index for ``version`` (``state``: ready, pending or unavailable)."""
        empty: JSON = {"conflicts": {}, "versions": {}, "state": "unavailable"}
        if not self.enabled:
            return empty
        with self._lock:
            if self._index is not None and self._index[0] == version:
                return self._index[1]
        if events <= self.sync_limit:
            return self._store(version, compare_db(self.db))
        with self._lock:
            running = self._running
            if running is None or (running[0] != version and running[1].poll() is not None):
                self._start(version)
            last = dict(self._index[1]) if self._index is not None else dict(empty)
        last["state"] = "pending"
        return last

    def _start(self, version: int) -> None:
        """Compare in a child interpreter (no GIL shared with the pages)."""
        process = subprocess.Popen(
            [sys.executable, "-m", "datelines.serve.comparing", self.db],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )
        self._running = (version, process)

        def wait() -> None:
            out, _ = process.communicate()
            try:
                comparison, ids = json.loads(out)
            except ValueError:  # the child failed or was stopped: no comparison
                comparison, ids = None, []
            self._store(version, (comparison, ids))

        threading.Thread(target=wait, daemon=True).start()

    def close(self) -> None:
        """Stop the child process, if one is still comparing."""
        if self._running is not None and self._running[1].poll() is None:
            self._running[1].terminate()


if __name__ == "__main__":  # the child: python -m datelines.serve.comparing DB
    os.nice(10)  # the pages come first
    json.dump(compare_db(sys.argv[1]), sys.stdout)
