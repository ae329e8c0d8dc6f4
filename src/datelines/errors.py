"""The one exception tree of datelines.

Every error a user can cause is a :class:`DatelinesError` whose message names the
object and the fix; the CLI prints it on one line and exits with status 1::

    DatelinesError
     ├── InputError            a file cannot be read (missing, empty, binary, no text layer,
     │                         too large, unsupported format)
     ├── StoreError            the database cannot be opened or written
     │    └── MissingError     no source, document or event with that id
     ├── ModelError            the NLP pipeline cannot be loaded
     ├── ReviewError           a review request cannot be applied (unknown event, bad date,
     │                         bad selection)
     └── EvaluationError       gold or system files are malformed or do not pair up

>>> str(InputError("report.pdf", "it has no text layer (a scanned image?)", "run OCR first"))
"cannot read 'report.pdf': it has no text layer (a scanned image?); run OCR first"
"""

from __future__ import annotations


class DatelinesError(Exception):
    """Base class: a problem the user can fix; ``str()`` is the one-line message."""


class InputError(DatelinesError):
    """A file cannot be read into a Document."""

    def __init__(self, path: str, problem: str, fix: str) -> None:
        self.path, self.problem, self.fix = path, problem, fix
        super().__init__(f"cannot read '{path}': {problem}; {fix}")


class StoreError(DatelinesError):
    """The database cannot be opened, migrated or written."""


class MissingError(StoreError):
    """No source, document or event with the id asked for."""


class ModelError(DatelinesError):
    """The NLP pipeline cannot be built."""


class ReviewError(DatelinesError):
    """A review request that cannot be applied (unknown event, bad date, bad span)."""


class EvaluationError(DatelinesError):
    """Gold or system files are malformed or do not pair up."""
