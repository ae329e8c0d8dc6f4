"""Store stage: audited review of events (add, edit, delete, undo).

The viewer builds accept, reject, merge and split on these three writes. Each write
records one ``audit`` row: when (the store's injectable clock), who, the action, the
event id, and the event before and after as contract JSON. :meth:`Review.undo`
reverts the most recent change not yet undone.

Status values: ``machine`` (as extracted), ``accepted``, ``edited``, ``rejected``
(hidden unless asked for), ``added`` (by a person). ``reviewed`` is set by the caller
on the event it passes in; a reviewed event survives re-adding its document.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from datelines.errors import StoreError
from datelines.model import Event
from datelines.store import codec
from datelines.store.rows import (
    EVENT_COLUMNS,
    AuditRow,
    dumps,
    event_from_row,
    event_row,
    placeholders,
)


class Review:
    """The connection, the clock, transactions and the audited event writes."""

    db: sqlite3.Connection
    path: str
    clock: Callable[[], datetime]

    def now(self) -> str:
        """The store's clock as ISO 8601 (injectable for tests)."""
        return self.clock().isoformat(timespec="seconds")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction; any SQLite error becomes a one-line StoreError."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as err:
            raise StoreError(
                f"cannot write to '{self.path}': {err}; close other programs using it "
                "and retry"
            ) from err
        try:
            yield self.db
        except sqlite3.Error as err:
            self.db.execute("ROLLBACK")
            raise StoreError(
                f"cannot write to '{self.path}': {err}; nothing was changed"
            ) from err
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _insert_event(
        self, db: sqlite3.Connection, event: Event, *, evidence_missing: bool = False
    ) -> None:
        db.execute(
            f"INSERT INTO events {placeholders(EVENT_COLUMNS)}",
            event_row(event, evidence_missing=evidence_missing),
        )

    def _load(self, db: sqlite3.Connection, event_id: str) -> Event | None:
        row = db.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        return event_from_row(row) if row is not None else None

    def _record(
        self,
        db: sqlite3.Connection,
        action: str,
        event_id: str,
        before: Event | None,
        after: Event | None,
        who: str | None,
        *,
        undone: bool = False,
    ) -> None:
        db.execute(
            "INSERT INTO audit (at, who, action, event, before, after, undone) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                self.now(),
                who,
                action,
                event_id,
                dumps(codec.event_to_dict(before)) if before else None,
                dumps(codec.event_to_dict(after)) if after else None,
                int(undone),
            ),
        )

    def _missing(self, event_id: str) -> StoreError:
        return StoreError(
            f"no event '{event_id}' in '{self.path}'; it may have been deleted"
        )

    def insert_event(self, event: Event, *, who: str | None = None) -> Event:
        """Add an event by hand (audited ``add``); its source must be stored."""
        with self.transaction() as db:
            if self._load(db, event.id) is not None:
                raise StoreError(
                    f"event '{event.id}' already exists in '{self.path}'; "
                    "give the new event another id"
                )
            if (
                db.execute(
                    "SELECT 1 FROM sources WHERE id = ?", (event.source,)
                ).fetchone()
                is None
            ):
                raise StoreError(
                    f"no source '{event.source}' in '{self.path}'; "
                    "add the document first with `datelines add`"
                )
            self._insert_event(db, event)
            self._record(db, "add", event.id, None, event, who)
        return event

    def update_event(
        self, event_id: str, new: Event, *, who: str | None = None, action: str = "edit"
    ) -> None:
        """Replace an event by ``new`` (audited with before and after)."""
        with self.transaction() as db:
            before = self._load(db, event_id)
            if before is None:
                raise self._missing(event_id)
            db.execute("DELETE FROM events WHERE id = ?", (event_id,))
            self._insert_event(db, new)
            self._record(db, action, event_id, before, new, who)

    def delete_event(self, event_id: str, *, who: str | None = None) -> None:
        """Delete an event (audited; :meth:`undo` brings it back)."""
        with self.transaction() as db:
            before = self._load(db, event_id)
            if before is None:
                raise self._missing(event_id)
            db.execute("DELETE FROM events WHERE id = ?", (event_id,))
            self._record(db, "delete", event_id, before, None, who)

    def audit(self, event_id: str | None = None) -> list[AuditRow]:
        """The audit trail, oldest first, for one event or all."""
        sql, args = "SELECT * FROM audit", tuple[str, ...]()
        if event_id is not None:
            sql, args = sql + " WHERE event = ?", (event_id,)
        rows = self.db.execute(sql + " ORDER BY id", args)
        return [
            AuditRow(
                id=r["id"],
                at=r["at"],
                who=r["who"],
                action=r["action"],
                event=r["event"],
                before=json.loads(r["before"]) if r["before"] else None,
                after=json.loads(r["after"]) if r["after"] else None,
                undone=bool(r["undone"]),
            )
            for r in rows
        ]

    def undo(self, *, who: str | None = None) -> AuditRow | None:
        """Revert the last audited change not yet undone; ``None`` if there is none.

        The undo itself is recorded (action ``undo``) and is not undone again.
        """
        with self.transaction() as db:
            row = db.execute(
                "SELECT id FROM audit WHERE undone = 0 AND action != 'undo' "
                "ORDER BY id DESC LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            last = next(r for r in self.audit() if r.id == row["id"])
            current = self._load(db, last.event)
            ids = {last.event}
            if last.after is not None:
                ids.add(last.after["id"])
            for event_id in ids:
                db.execute("DELETE FROM events WHERE id = ?", (event_id,))
            restored = codec.event_from_dict(last.before) if last.before else None
            if restored is not None:
                self._insert_event(db, restored)
            db.execute("UPDATE audit SET undone = 1 WHERE id = ?", (last.id,))
            self._record(db, "undo", last.event, current, restored, who, undone=True)
        return last
