"""Store stage: open a SQLite file safely, or say in one line why it cannot be opened.

The file is read before anything is written, so a file that is not a database (or is
damaged) is left exactly as it was. Then foreign keys go on, the migrations of
:mod:`datelines.store.schema` run, and a file database switches to WAL mode (readers
never wait for the writer).

>>> db = connect(":memory:", timeout=1.0, now="2020-01-01T00:00:00+00:00")
>>> db.execute("PRAGMA foreign_keys").fetchone()[0]
1
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from datelines.errors import StoreError
from datelines.store.schema import migrate


def connect(name: str, *, timeout: float, now: str) -> sqlite3.Connection:
    """A migrated connection to ``name`` (autocommit; rows as ``sqlite3.Row``)."""
    if name != ":memory:" and Path(name).is_dir():
        raise StoreError(
            f"cannot open database '{name}': it is a folder; pass a file name with --db"
        )
    db = None
    try:
        db = sqlite3.connect(name, timeout=timeout, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db, now=now)
        if name != ":memory:":
            db.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error as err:
        if db is not None:
            db.close()
        problem, fix = _open_problem(err)
        raise StoreError(f"cannot open database '{name}': {problem}; {fix}") from err
    return db


def file_location(path: str) -> str | None:
    """The absolute path of a file that exists (``a.txt`` and ``./a.txt`` agree)."""
    try:
        found = Path(path)
        return str(found.resolve()) if path and found.is_file() else None
    except OSError:
        return None


def _open_problem(err: sqlite3.Error) -> tuple[str, str]:
    """The problem and its fix for an error met while opening a database."""
    text = str(err).lower()
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return (
            "the file is not a datelines database (or it is damaged)",
            "pass another file with --db; the file was left untouched",
        )
    if "locked" in text or "busy" in text:
        return (
            "the database is locked by another program",
            "close the other datelines or SQLite program and retry",
        )
    if "readonly" in text or "read-only" in text:
        return (
            "the file is read-only",
            "make it writable or pass another file with --db",
        )
    if "unable to open" in text:
        return (
            "the file cannot be created or opened",
            "check that its folder exists and is writable, or pass another --db",
        )
    return str(err), "pass another file with --db"
