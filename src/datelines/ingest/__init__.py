"""ingest stage: files (text, Markdown, HTML, PDF) -> :class:`~datelines.model.Document`.

The first stage of the flow ``ingest -> nlp -> extract -> store``. :func:`read` turns
one path into a Document (decoded original, normalized text, offsets back to the
original, blocks); :func:`read_all` does many and hands back the per-file
:class:`~datelines.errors.InputError` instead of stopping. Modules, in data-flow
order: ``decode`` (bytes, format, encoding), ``frontmatter`` (metadata, document
date), ``normalize`` (characters, Markdown markup), ``structure`` (title, headings,
paragraphs, glued captions), ``webpage`` and ``pdf`` (the other formats), ``offsets``
(the bookkeeping), ``reader`` (the entry points).
"""

from datelines.ingest.frontmatter import FIELDS, normalize_date
from datelines.ingest.reader import MAX_BYTES, read, read_all

__all__ = ["FIELDS", "MAX_BYTES", "normalize_date", "read", "read_all"]
