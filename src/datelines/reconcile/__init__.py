"""reconcile stage: compare accounts -- alignment, conflicts, contradictions, omissions.

Consumes plain :class:`~datelines.model.Source` / :class:`~datelines.model.Event`
objects (after ``extract``, from the store or built by hand) and produces a
:class:`Comparison` (``to_dict()`` is the JSON contract of ``datelines compare``).
The modules follow the data: ``dates`` and ``figures`` read values as intervals,
``statements`` (with ``reading``) turns infobox lines and sentences no event covers
into statements, ``similarity`` and ``align`` link events that describe one
happening, ``conflicts`` checks linked pairs, ``omissions`` looks for what a covering
account leaves out, ``compare`` runs them in order.
"""

from __future__ import annotations

from datelines.reconcile.compare import compare
from datelines.reconcile.settings import CompareSettings
from datelines.reconcile.types import (
    AlignedEvent,
    Alignment,
    Claim,
    Comparison,
    Conflict,
    Omission,
    Presence,
)

__all__ = [
    "AlignedEvent",
    "Alignment",
    "Claim",
    "Comparison",
    "CompareSettings",
    "Conflict",
    "Omission",
    "Presence",
    "compare",
]
