"""reconcile stage: the settings of a comparison (immutable, keyword-only).

>>> CompareSettings().window_days
400
>>> CompareSettings(link_threshold=0.5).link_threshold
0.5
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class CompareSettings:
    """Knobs of :func:`datelines.reconcile.compare`; the defaults are the measured ones."""

    window_days: int = 400  # time sweep: how far ahead an event looks for candidates
    max_candidates: int = 60  # at most this many candidates per event (keeps it linear)
    max_postings: int = 80  # coarse bucket: skip keys carried by more events than this
    link_threshold: float = 0.42  # score at which two events describe one happening
    internal_margin: float = 0.08  # same-source pairs need this much more
    mutual_floor: float = 0.2  # a mutual best match needs at least this score
    mutual_wording: float = 0.0  # ... and this much wording in common
    mutual_tie: float = 0.05  # a score this close to the best counts as best
    internal_wording: float = 0.2  # two passages of one account pair on this much wording
    loose_threshold: float = 0.3  # an omission needs no event of the other even this close
    loose_wording: float = 0.15  # ... and sharing this much wording
    omission_years: int = 5  # the silent source dates events this close on both sides
    omission_min_events: int = 3  # ... and at least this many within that reach
    omission_min_mentions: int = 2  # the silent source must name the actors this often
    omission_max_present_terms: float = 0.34  # share of key terms the silent text may hold
    min_confidence: float = 0.0  # events below this are left out
    statements: bool = True  # compare infobox lines and undated sentences too (texts)
    resolve_entities: bool = True  # resolve the given entities across sources first
