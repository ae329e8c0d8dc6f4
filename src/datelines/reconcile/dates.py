"""reconcile stage: dates as intervals, and when two dated claims cannot both hold.

Consumes :class:`~datelines.model.DateClaim` (TIMEX3 value, ISO bounds, ``mod``,
``end_value``) and produces :class:`When`, the interval of days the claim allows plus
how firm it is. Two claims about the same happening disagree only when their intervals
are disjoint *beyond the granularity of either claim*: ``1965`` contains ``1965-09-06``,
``1981-SU`` (summer, padded by three weeks) contains ``1981-06-20``.

An explicit extent (``end_value``, or a duration stated beside the date, "lasting about
five months", see ``data/durations.yaml``) turns a claim into a *span*; a coarser claim
without an extent ("over a single summer") must then contain the other's span.

>>> w = when(DateClaim(value="1965", text="1965"))
>>> (w.lo.isoformat(), w.hi.isoformat(), w.granularity)
('1965-01-01', '1965-12-31', 'year')
>>> date_relation(DateClaim(value="1965", text="1965"),
...               DateClaim(value="1965-09-06", text="September 6, 1965")).kind
'compatible'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml

from datelines.model import DateClaim, granularity
from datelines.nlp.temporal.timex import bounds

SEASON_PAD = timedelta(days=21)  # astronomical vs meteorological seasons
APPROX_PAD = {
    "day": 7, "week": 7, "month": 15, "season": 30, "quarter": 30,
    "year": 365, "decade": 3 * 365, "century": 20 * 365,
}
OPEN = timedelta(days=50 * 365)  # how far "before" / "after" reach
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
FIRM_ANCHORS = ("explicit", "heading", "document")
RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4,
        "decade": 5, "century": 6, "unknown": 7}


@dataclass(frozen=True)
class When:
    """The days a date claim allows: ``lo``..``hi`` inclusive."""

    lo: date
    hi: date
    granularity: str
    approx: bool = False  # mod APPROX/BEFORE/AFTER, or a relative/inferred anchor
    span: bool = False  # the claim states an extent (start and end)
    start_hi: date | None = None  # for a span: the latest day its start allows

    @property
    def days(self) -> int:
        return (self.hi - self.lo).days + 1


@dataclass(frozen=True)
class DateRelation:
    """How two date claims relate: ``compatible``, ``conflict`` (with strength)."""

    kind: Literal["compatible", "conflict", "unknown"]
    strength: Literal["hard", "soft"] | None = None
    gap_days: int = 0
    reason: str = ""


def value_interval(value: str) -> tuple[date, date] | None:
    """The days a TIMEX3 value covers, or None when it has no year.

    The calendar arithmetic is the temporal stage's :func:`bounds` (one convention for
    seasons, quarters and weeks everywhere); this only turns it into dates.

    >>> value_interval("1969-WI")
    (datetime.date(1969, 12, 1), datetime.date(1970, 2, 28))
    >>> value_interval("197")
    (datetime.date(1970, 1, 1), datetime.date(1979, 12, 31))
    >>> value_interval("XXXX-06-20") is None
    True
    """
    first, last = bounds(value)
    if first is None or last is None or first.startswith("-") or last.startswith("-"):
        return None  # no year, or before the Common Era (Python dates start at year 1)
    if first.startswith("0000"):
        first = "0001" + first[4:]
    try:
        return date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        return None


def _narrow(lo: date, hi: date, mod: str | None) -> tuple[date, date]:
    """EARLY / MID / LATE keep the first, middle or last ~40% of the interval."""
    span = (hi - lo).days
    if mod == "EARLY":
        return lo, lo + timedelta(days=int(span * 0.4))
    if mod == "LATE":
        return lo + timedelta(days=int(span * 0.6)), hi
    if mod == "MID":
        return lo + timedelta(days=int(span * 0.3)), lo + timedelta(days=int(span * 0.7))
    return lo, hi


def when(claim: DateClaim, *, duration_days: int | None = None) -> When | None:
    """The interval a date claim allows, or None when it has no year.

    ``duration_days`` (from the sentence) makes a span when there is no ``end_value``.
    """
    gran = granularity(claim.value)
    base = value_interval(claim.value)
    if claim.start and claim.end and base is None:
        try:
            base = date.fromisoformat(claim.start), date.fromisoformat(claim.end)
        except ValueError:
            base = None
    if base is None:
        return None
    lo, hi = _narrow(*base, claim.mod)
    if gran == "season":
        lo, hi = lo - SEASON_PAD, hi + SEASON_PAD
    approx = claim.anchor not in FIRM_ANCHORS
    mod = (claim.mod or "").upper()
    pad = timedelta(days=APPROX_PAD.get(gran, 365))
    if mod in ("APPROX", "ABOUT"):
        lo, hi, approx = lo - pad, hi + pad, True
    elif mod in ("BEFORE", "ON_OR_BEFORE"):  # open towards the past
        lo, hi, approx = max(date.min + OPEN, lo - OPEN), hi, True
    elif mod in ("AFTER", "ON_OR_AFTER"):  # open towards the future
        lo, hi, approx = lo, min(date.max - OPEN, hi + OPEN), True
    start_hi = hi
    span = False
    if claim.end_value:
        end = value_interval(claim.end_value)
        if end is not None and end[1] >= lo:
            hi, span = end[1], True
    elif duration_days:
        hi, span = hi + timedelta(days=duration_days), True
    return When(lo, hi, gran, approx, span, start_hi if span else None)


def _gap(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two intervals; 0 or less when they overlap."""
    return max((b[0] - a[1]).days, (a[0] - b[1]).days)


def date_relation(
    a: DateClaim,
    b: DateClaim,
    *,
    a_days: int | None = None,
    b_days: int | None = None,
    a_start: bool = False,
    b_start: bool = False,
) -> DateRelation:
    """Whether two claims dating the same happening can both hold.

    ``a_days`` / ``b_days``: a duration stated beside the date (makes a span);
    ``a_start`` / ``b_start``: the sentence says the date is when it began.

    >>> r = date_relation(DateClaim(value="1981-07-21", text="July 21, 1981"),
    ...                   DateClaim(value="1981-07-20", text="July 20, 1981"))
    >>> (r.kind, r.strength, r.gap_days)
    ('conflict', 'hard', 1)
    """
    wa, wb = when(a, duration_days=a_days), when(b, duration_days=b_days)
    if wa is None or wb is None:
        return DateRelation("unknown")
    approx = wa.approx or wb.approx
    # Compare what each claim says about the start (or the single time) first.
    sa = (wa.lo, wa.start_hi or wa.hi)
    sb = (wb.lo, wb.start_hi or wb.hi)
    gap = _gap(sa, sb)
    if gap > 0:
        if wa.span != wb.span:
            inner = sa if not wa.span else sb
            outer = (wb.lo, wb.hi) if wb.span else (wa.lo, wa.hi)
            point_is_start = a_start if not wa.span else b_start
            if _gap(inner, outer) <= 0 and not point_is_start:
                return DateRelation("conflict", "soft", gap, "start")  # inside the extent
        strength: Literal["hard", "soft"] = "soft" if approx else "hard"
        return DateRelation("conflict", strength, gap, "start")
    # A span must fit inside a bounded period (a month, a season) that states no
    # extent: "over a single summer" cannot hold five months from July.
    for inner_w, outer_w, outer_c in ((wa, wb, b), (wb, wa, a)):
        bounded = outer_w.granularity in ("month", "season", "quarter") and not outer_c.mod
        if inner_w.span and not outer_w.span and bounded:
            over = max((outer_w.lo - inner_w.lo).days, (inner_w.hi - outer_w.hi).days)
            if over > 30:
                strength = "hard" if over > 45 + 30 * approx else "soft"
                return DateRelation("conflict", strength, over, "extent")
    if wa.span and wb.span:
        ea, eb = (wa.hi, wa.hi), (wb.hi, wb.hi)
        if abs(_gap(ea, eb)) > 45:
            return DateRelation("conflict", "soft", abs(_gap(ea, eb)), "end")
    edge = _season_edge(wa, wb) or _season_edge(wb, wa)
    if edge:  # "the summer of 1981" / "September 1981": only the padding holds it
        return DateRelation("conflict", "soft", edge, "edge")
    return DateRelation("compatible")


def _season_edge(season: When, other: When) -> int:
    """Days by which a month or a day lies outside a season proper (June to August
    for summer), though inside its padding; 0 when it lies inside.

    >>> su = when(DateClaim(value="1981-SU", text="summer"))
    >>> _season_edge(su, when(DateClaim(value="1981-09", text="September")))
    1
    >>> _season_edge(su, when(DateClaim(value="1981-06-20", text="June 20")))
    0
    """
    if season.granularity != "season" or season.approx or other.span:
        return 0
    if RANK[other.granularity] > RANK["month"]:
        return 0
    core = (season.lo + SEASON_PAD, season.hi - SEASON_PAD)
    return max(0, _gap(core, (other.lo, other.hi)))


@lru_cache(maxsize=1)
def _duration_data() -> dict[str, Any]:
    text = resources.files("datelines.reconcile").joinpath("data/durations.yaml")
    return yaml.safe_load(text.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _duration_rules() -> tuple[dict[str, int], list[tuple[re.Pattern[str], str, str]]]:
    data = _duration_data()
    rules = [
        (re.compile(r["pattern"], re.IGNORECASE), r["example"], r["duration"])
        for r in data["rules"]
    ]
    return data["number_words"], rules


def duration_rules() -> list[tuple[re.Pattern[str], str, str]]:
    """The duration patterns with their examples (for the data test)."""
    return _duration_rules()[1]


def stated_duration(text: str) -> tuple[int, str] | None:
    """Days an event lasted, as the sentence says, and the ISO duration.

    >>> stated_duration("It began on 4 May 1902 and lasted about three months.")
    (90, 'P3M')
    """
    words, rules = _duration_rules()
    for pattern, _example, _iso in rules:
        m = pattern.search(text)
        if not m:
            continue
        n_text = m.group("n").lower()
        n = int(n_text) if n_text.isdigit() else words.get(n_text)
        unit = m.group("unit").lower()
        if n is None or unit not in UNIT_DAYS:
            continue
        return n * UNIT_DAYS[unit], f"P{n}{unit[0].upper()}"
    return None


def says_start(sentence: str) -> bool:
    """Whether a sentence dates the beginning of something.

    >>> says_start("The siege began on 3 May 1901."), says_start("It ended in 1901.")
    (True, False)
    """
    cues = _duration_data()["start_cues"]
    return bool(re.search(r"\b(?:" + "|".join(cues) + r")\b", sentence.lower()))


def start_example() -> tuple[str, str]:
    first, second = _duration_data()["start_example"]
    return first, second


def describe(claim: DateClaim) -> str:
    """A short neutral rendering of a date claim: its words and TIMEX3 value."""
    value = claim.value + (f"/{claim.end_value}" if claim.end_value else "")
    mod = f", {claim.mod}" if claim.mod else ""
    return f"\u201c{claim.text}\u201d ({value}{mod})" if claim.text else value + mod


def granularity_rank(claim: DateClaim) -> int:
    return RANK.get(granularity(claim.value), 7)
