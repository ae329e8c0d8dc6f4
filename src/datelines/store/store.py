"""Store stage: :class:`Store`, the SQLite database of sources, documents and events.

It consumes ``(Document, Extraction)`` pairs from ``extract`` and gives back the
model's frozen dataclasses to reconcile, render, export and serve. One transaction per
document; WAL mode; foreign keys on; the review methods (audited edits, undo) come
from :class:`~datelines.store.review.Review`, full-text search from
:mod:`datelines.store.search`.

>>> with Store.open(":memory:") as store:
...     store.sources()
[]
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from datelines.errors import MissingError
from datelines.model import Document, Entity, Era, Event, Extraction, Mention, Source
from datelines.store import codec
from datelines.store.connect import connect, file_location
from datelines.store.repin import repin
from datelines.store.review import Review
from datelines.store.rows import (
    SOURCE_COLUMNS,
    AddResult,
    Hit,
    dumps,
    era_from_row,
    era_row,
    event_from_row,
    placeholders,
    source_from_row,
    source_row,
)
from datelines.store.search import search_documents, search_events

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Store(Review):
    """The datelines database: open it, add documents, read events, review them."""

    def __init__(self, db: sqlite3.Connection, path: str, *, clock: Clock) -> None:
        self.db, self.path, self.clock = db, path, clock

    @classmethod
    def open(
        cls,
        path: str | Path = "datelines.db",
        *,
        clock: Clock | None = None,
        timeout: float = 5.0,
    ) -> Store:
        """Open (or create and migrate) the database at ``path``; ``":memory:"`` works.

        ``clock`` gives the audit trail's times (default: UTC now); ``timeout`` is how
        long to wait for another program's lock. Raises :class:`StoreError` with a
        one-line fix when the file is not a database, is locked, read-only or cannot
        be created; the file is left as it was.
        """
        name = str(path)
        clock = clock or _utc_now
        db = connect(name, timeout=timeout, now=clock().isoformat(timespec="seconds"))
        return cls(db, name, clock=clock)

    def close(self) -> None:
        """Close the connection (the store cannot be used afterwards)."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- adding and removing documents ----------------------------------------------

    def add(self, document: Document, extraction: Extraction) -> AddResult:
        """Store one document and what was extracted from it, in one transaction.

        The same content (sha256) again is a no-op (``added=False``). The same path
        with new content replaces that source's machine events; reviewed events are
        kept, their evidence found again in the new text (see :mod:`.repin`).
        """
        source = extraction.source
        if source.sha256 != document.source.sha256:
            source = document.source
        with self.transaction() as db:
            row = db.execute(
                "SELECT id FROM sources WHERE sha256 = ?", (source.sha256,)
            ).fetchone()
            if row is not None:
                return AddResult(row["id"], False, 0, 0)
            location = file_location(source.path)
            old_ids = [
                r["id"]
                for r in db.execute(
                    "SELECT id FROM sources WHERE path = ? OR location = ?",
                    (source.path, location),
                )
            ]
            kept = [
                event_from_row(r)
                for old in old_ids
                for r in db.execute(
                    "SELECT * FROM events WHERE source = ? AND reviewed = 1", (old,)
                )
            ]
            for old in old_ids:
                self._delete_source(db, old)
            moved_document = Document(
                source=source,
                original=document.original,
                text=document.text,
                offsets=document.offsets,
                blocks=document.blocks,
            )
            self._insert_source(db, moved_document)
            taken_ids, taken_spans = set(), set()
            for event in kept:
                moved, found = repin(event, moved_document)
                self._insert_event(db, moved, evidence_missing=not found)
                taken_ids.add(moved.id)
                taken_spans.add((moved.evidence.start, moved.evidence.end))
            stored = 0
            for event in extraction.events:
                span = (event.evidence.start, event.evidence.end)
                if event.id in taken_ids or span in taken_spans:
                    continue
                self._insert_event(db, event.replace(source=source.id))
                taken_ids.add(event.id)
                stored += 1
            for era in extraction.eras:
                era = Era(era.id, source.id, era.label, era.date, era.evidence)
                db.execute(
                    "INSERT OR REPLACE INTO eras VALUES (?, ?, ?, ?, ?)", era_row(era)
                )
            self._merge_entities(db, extraction.entities, source.id)
        replaced = old_ids[0] if old_ids else None
        return AddResult(source.id, True, stored, len(kept), replaced)

    def add_all(self, pairs: Iterable[tuple[Document, Extraction]]) -> list[AddResult]:
        """:meth:`add` for each pair, one transaction each."""
        return [self.add(document, extraction) for document, extraction in pairs]

    def _insert_source(self, db: sqlite3.Connection, document: Document) -> None:
        columns = [*SOURCE_COLUMNS, "added_at", "location"]
        location = file_location(document.source.path)
        db.execute(
            f"INSERT INTO sources {placeholders(columns)}",
            (*source_row(document.source), self.now(), location),
        )
        runs = codec.offsets_to_runs(document.offsets)
        db.execute(
            "INSERT INTO documents (source, original, text, offsets, blocks) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                document.source.id,
                document.original,
                document.text,
                dumps(runs),
                dumps(codec.blocks_to_list(document.blocks)),
            ),
        )

    def _merge_entities(
        self, db: sqlite3.Connection, entities: Iterable[Entity], source_id: str
    ) -> None:
        for entity in entities:
            row = db.execute(
                "SELECT aliases FROM entities WHERE id = ?", (entity.id,)
            ).fetchone()
            aliases = list(json.loads(row["aliases"])) if row else []
            aliases += [a for a in entity.aliases if a not in aliases]
            db.execute(
                "INSERT INTO entities (id, name, type, aliases) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET aliases = excluded.aliases",
                (entity.id, entity.name, entity.type, dumps(aliases)),
            )
            db.executemany(
                'INSERT OR IGNORE INTO mentions (entity, source, start, "end", text) '
                "VALUES (?, ?, ?, ?, ?)",
                [
                    (entity.id, source_id, m.start, m.end, m.text)
                    for m in entity.mentions
                ],
            )

    def _delete_source(self, db: sqlite3.Connection, source_id: str) -> None:
        orphans = [
            r[0]
            for r in db.execute(
                "SELECT DISTINCT entity FROM mentions WHERE source = ?", (source_id,)
            )
        ]
        db.execute("DELETE FROM sources WHERE id = ?", (source_id,))
        db.executemany(
            "DELETE FROM entities WHERE id = ? AND NOT EXISTS "
            "(SELECT 1 FROM mentions WHERE entity = entities.id)",
            [(o,) for o in orphans],
        )

    def remove(self, source_id: str) -> None:
        """Remove a source with its document, events, eras and mentions."""
        self.source(source_id)
        with self.transaction() as db:
            self._delete_source(db, source_id)

    # -- reading ------------------------------------------------------------------

    def sources(self) -> list[Source]:
        """Every stored source, in the order they were added."""
        rows = self.db.execute("SELECT * FROM sources ORDER BY added_at, rowid")
        return [source_from_row(r) for r in rows]

    def source(self, id: str) -> Source:
        """One source by id; :class:`MissingError` when there is none."""
        row = self.db.execute("SELECT * FROM sources WHERE id = ?", (id,)).fetchone()
        if row is None:
            raise MissingError(
                f"no source '{id}' in '{self.path}'; list them with `datelines sources`"
            )
        return source_from_row(row)

    def resolve_sources(self, names: Iterable[str]) -> list[str]:
        """Source ids for names a user gives: id, id prefix, path, file name or title."""
        every = self.sources()
        ids = []
        for name in names:
            match = [
                s.id
                for s in every
                if name in (s.id, s.path, s.title, Path(s.path).name)
                or s.id.startswith(name)
            ]
            if not match:
                raise MissingError(
                    f"no source '{name}' in '{self.path}'; "
                    "list them with `datelines sources`"
                )
            ids += [m for m in match if m not in ids]
        return ids

    def document(self, source_id: str) -> Document:
        """The stored document of a source (original, normalized text, offsets)."""
        source = self.source(source_id)
        row = self.db.execute(
            "SELECT * FROM documents WHERE source = ?", (source_id,)
        ).fetchone()
        text = row["text"]
        return Document(
            source=source,
            original=row["original"],
            text=text,
            offsets=codec.runs_to_offsets(json.loads(row["offsets"]), len(text) + 1),
            blocks=codec.blocks_from_list(json.loads(row["blocks"])),
        )

    def events(
        self,
        *,
        sources: Iterable[str] | None = None,
        min_confidence: float = 0.0,
        include_rejected: bool = False,
    ) -> list[Event]:
        """Events in date order; reviewed ones pass ``min_confidence`` regardless."""
        sql = "SELECT * FROM events WHERE (confidence >= ? OR reviewed = 1)"
        args: list[object] = [min_confidence]
        if not include_rejected:
            sql += " AND status != 'rejected'"
        if sources is not None:
            ids = list(sources)
            sql += f" AND source IN ({', '.join('?' for _ in ids)})"
            args += ids
        sql += (
            " ORDER BY coalesce(date_start, date_end) IS NULL,"
            " coalesce(date_start, date_end), date_end, source, evidence_start"
        )
        return [event_from_row(r) for r in self.db.execute(sql, args)]

    def event(self, id: str) -> Event:
        """One event by id (rejected ones included)."""
        row = self.db.execute("SELECT * FROM events WHERE id = ?", (id,)).fetchone()
        if row is None:
            raise MissingError(
                f"no event '{id}' in '{self.path}'; it may have been deleted"
            )
        return event_from_row(row)

    def evidence_missing(self) -> list[str]:
        """Ids of reviewed events whose quote is gone from their document's new text."""
        rows = self.db.execute("SELECT id FROM events WHERE evidence_missing = 1")
        return [r[0] for r in rows]

    def eras(self, *, sources: Iterable[str] | None = None) -> list[Era]:
        """Background periods, in date order."""
        rows = [era_from_row(r) for r in self.db.execute("SELECT * FROM eras")]
        wanted = set(sources) if sources is not None else None
        rows = [e for e in rows if wanted is None or e.source in wanted]
        return sorted(rows, key=lambda e: (e.date.start or "", e.source, e.id))

    def entities(self) -> list[Entity]:
        """Every entity with its aliases and mentions."""
        mentions: dict[str, list[Mention]] = {}
        for r in self.db.execute(
            'SELECT * FROM mentions ORDER BY source, start, "end"'
        ):
            mention = Mention(
                source=r["source"], start=r["start"], end=r["end"], text=r["text"]
            )
            mentions.setdefault(r["entity"], []).append(mention)
        rows = self.db.execute("SELECT * FROM entities ORDER BY name, id")
        return [
            Entity(
                id=r["id"],
                name=r["name"],
                type=r["type"],
                aliases=tuple(json.loads(r["aliases"])),
                mentions=tuple(mentions.get(r["id"], ())),
            )
            for r in rows
        ]

    def search(self, query: str, *, limit: int = 50) -> list[Hit]:
        """Full-text search over document text; hits in original offsets."""
        return search_documents(self, query, limit=limit)

    def search_events(self, query: str, *, limit: int = 50) -> list[Event]:
        """Full-text search over event summaries and quotes."""
        ids = search_events(self.db, query, limit=limit)
        return [self.event(i) for i in ids]
