"""Store stage: the SQLite schema as ordered, named migrations.

Each migration runs once, in order, and is recorded in the ``migrations`` table with
the time it was applied (the idea of sqlite-utils' migrations). Tables are plain and
joined by foreign keys, so the database reads well in any SQLite browser:

``sources`` (with ``location``, the absolute path a file was added from) →
``documents`` (text, run-length offsets, blocks), ``events`` (nested
parts as JSON columns), ``eras``, ``mentions``; ``entities``; ``audit``; FTS5 indexes
``documents_fts`` (normalized text) and ``events_fts`` (summaries and quotes).

>>> import sqlite3
>>> db = sqlite3.connect(":memory:")
>>> migrate(db, now="2020-01-01T00:00:00+00:00")
['001_tables', '002_fts', '003_audit', '004_source_location', '005_fts_stemming']
>>> migrate(db, now="2020-01-01T00:00:00+00:00")
[]
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "001_tables",
        """
        CREATE TABLE sources (
            id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            title TEXT, publisher TEXT, url TEXT, date TEXT,
            date_inferred INTEGER NOT NULL DEFAULT 0,
            license TEXT, viewpoint TEXT,
            format TEXT NOT NULL DEFAULT 'text',
            encoding TEXT NOT NULL DEFAULT 'utf-8',
            extra TEXT NOT NULL DEFAULT '{}',
            added_at TEXT
        );
        CREATE INDEX sources_path ON sources(path);
        CREATE TABLE documents (
            source TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
            original TEXT NOT NULL,
            text TEXT NOT NULL,
            offsets TEXT NOT NULL,
            blocks TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            date_value TEXT NOT NULL,
            date_start TEXT,
            date_end TEXT,
            date TEXT NOT NULL,
            kind TEXT NOT NULL,
            cameo TEXT,
            summary TEXT NOT NULL,
            quote TEXT NOT NULL,
            evidence_start INTEGER NOT NULL,
            evidence_end INTEGER NOT NULL,
            evidence TEXT NOT NULL,
            participants TEXT NOT NULL DEFAULT '[]',
            places TEXT NOT NULL DEFAULT '[]',
            figures TEXT NOT NULL DEFAULT '[]',
            attribution TEXT NOT NULL DEFAULT '{}',
            confidence REAL NOT NULL DEFAULT 1.0,
            reviewed INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'machine',
            evidence_missing INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX events_source ON events(source);
        CREATE INDEX events_date ON events(date_start, date_end);
        CREATE TABLE eras (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            date TEXT NOT NULL,
            evidence TEXT NOT NULL
        );
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE mentions (
            entity TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            source TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (entity, source, start, "end")
        );
        CREATE INDEX mentions_source ON mentions(source);
        """,
    ),
    (
        "002_fts",
        """
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            text, content='documents', content_rowid='rowid'
        );
        CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, text) VALUES (new.rowid, new.text);
        END;
        CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, text)
            VALUES ('delete', old.rowid, old.text);
        END;
        CREATE VIRTUAL TABLE events_fts USING fts5(
            summary, quote, content='events', content_rowid='rowid'
        );
        CREATE TRIGGER events_ai AFTER INSERT ON events BEGIN
            INSERT INTO events_fts(rowid, summary, quote)
            VALUES (new.rowid, new.summary, new.quote);
        END;
        CREATE TRIGGER events_ad AFTER DELETE ON events BEGIN
            INSERT INTO events_fts(events_fts, rowid, summary, quote)
            VALUES ('delete', old.rowid, old.summary, old.quote);
        END;
        CREATE TRIGGER events_au AFTER UPDATE ON events BEGIN
            INSERT INTO events_fts(events_fts, rowid, summary, quote)
            VALUES ('delete', old.rowid, old.summary, old.quote);
            INSERT INTO events_fts(rowid, summary, quote)
            VALUES (new.rowid, new.summary, new.quote);
        END;
        """,
    ),
    (
        "003_audit",
        """
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            who TEXT,
            action TEXT NOT NULL,
            event TEXT NOT NULL,
            before TEXT,
            after TEXT,
            undone INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX audit_event ON audit(event);
        """,
    ),
    (
        "004_source_location",
        """
        ALTER TABLE sources ADD COLUMN location TEXT;
        CREATE INDEX sources_location ON sources(location);
        """,
    ),
    (
        # Search finds "executions" for "execution": the Porter stemmer over unicode61.
        "005_fts_stemming",
        """
        DROP TABLE documents_fts;
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            text, content='documents', content_rowid='rowid',
            tokenize='porter unicode61'
        );
        INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
        DROP TABLE events_fts;
        CREATE VIRTUAL TABLE events_fts USING fts5(
            summary, quote, content='events', content_rowid='rowid',
            tokenize='porter unicode61'
        );
        INSERT INTO events_fts(events_fts) VALUES ('rebuild');
        """,
    ),
)


def migrate(db: sqlite3.Connection, *, now: str) -> list[str]:
    """Apply the migrations not yet recorded, in order; return the names applied."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS migrations "
        "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in db.execute("SELECT name FROM migrations")}
    applied = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        record = (
            f"INSERT INTO migrations VALUES ('{name}', '{now.replace(chr(39), '')}');"
        )
        db.executescript("BEGIN;" + sql + record + "COMMIT;")
        applied.append(name)
    return applied
