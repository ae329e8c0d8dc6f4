"""Store stage: full-text search (SQLite FTS5) over documents and events.

``documents_fts`` indexes the normalized text that NLP read; a match is found there
and mapped back through the document's offsets, so every :class:`Hit` carries offsets
into the original text (the same coordinates as evidence). A query is tried as FTS5
syntax first (``strike AND 1981``, ``"the march"``, ``prot*``); when it is not valid
FTS5 syntax, its words are searched as plain words instead.

>>> fts_words('June 20, 1981-06 "x')
'"June" "20" "1981" "06" "x"'
"""

from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING

from datelines.store.rows import Hit

if TYPE_CHECKING:
    from datelines.store.store import Store

START, END = "\x01", "\x02"
CONTEXT = 60


def fts_words(query: str) -> str:
    """The query as quoted plain words (no FTS5 operators)."""
    return " ".join(f'"{w}"' for w in re.findall(r"\w+", query))


def _match(
    db: sqlite3.Connection, sql: str, query: str, args: tuple[object, ...]
) -> list[sqlite3.Row]:
    try:
        return list(db.execute(sql, (query, *args)))
    except sqlite3.OperationalError:
        words = fts_words(query)
        return list(db.execute(sql, (words, *args))) if words else []


def _marked_spans(marked: str) -> list[tuple[int, int]]:
    """Spans of the highlighted parts, in the unmarked text's offsets.

    Highlights with only spaces or punctuation between them (the words of a phrase)
    become one span.

    >>> _marked_spans("a \x01June\x02 \x011981\x02, then \x01June\x02")
    [(2, 11), (18, 22)]
    """
    spans: list[tuple[int, int]] = []
    plain: list[str] = []
    start = 0
    for char in marked:
        if char == START:
            start = len(plain)
        elif char == END:
            gap = "".join(plain[spans[-1][1] : start]) if spans else "x"
            if spans and not any(c.isalnum() for c in gap) and len(gap) <= 3:
                spans[-1] = (spans[-1][0], len(plain))
            else:
                spans.append((start, len(plain)))
        else:
            plain.append(char)
    return spans


def search_documents(store: Store, query: str, *, limit: int = 50) -> list[Hit]:
    """Every match of ``query`` in stored documents, best documents first."""
    sql = (
        "SELECT documents.source AS source, "
        f"highlight(documents_fts, 0, '{START}', '{END}') AS marked "
        "FROM documents_fts JOIN documents ON documents.rowid = documents_fts.rowid "
        "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?"
    )
    hits: list[Hit] = []
    for row in _match(store.db, sql, query, (limit,)):
        document = store.document(row["source"])
        text = document.text
        for start, end in _marked_spans(row["marked"]):
            first, last = document.to_original(start, end)
            snippet = text[max(0, start - CONTEXT) : end + CONTEXT]
            hits.append(Hit(row["source"], first, last, " ".join(snippet.split())))
            if len(hits) >= limit:
                return hits
    return hits


def search_events(db: sqlite3.Connection, query: str, *, limit: int = 50) -> list[str]:
    """Ids of events whose summary or quote match, best first."""
    sql = (
        "SELECT events.id AS id FROM events_fts "
        "JOIN events ON events.rowid = events_fts.rowid "
        "WHERE events_fts MATCH ? ORDER BY rank LIMIT ?"
    )
    return [row["id"] for row in _match(db, sql, query, (limit,))]
