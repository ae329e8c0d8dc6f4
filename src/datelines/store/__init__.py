"""Store stage: the SQLite database between ``extract`` and everything after it.

:class:`Store` keeps sources, documents (original and normalized text, offsets,
blocks), events, eras, entities and their mentions, an audit trail of reviews and FTS5
indexes. Plain tables with foreign keys, readable in any SQLite browser; see
:mod:`datelines.store.schema`.
"""

from __future__ import annotations

from datelines.errors import MissingError
from datelines.store.rows import AddResult, AuditRow, Hit
from datelines.store.store import Store

__all__ = ["AddResult", "AuditRow", "Hit", "MissingError", "Store"]
