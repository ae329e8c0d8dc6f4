"""Turn a :class:`Spec` into a TIMEX3 value, filling gaps from an anchor.

Stage: ``nlp.temporal``. Consumes a :class:`~datelines.nlp.temporal.normalize.Spec`,
the document date and the current story anchor (the last date the text gave);
produces the value string and where its missing parts came from. Pure calendar
arithmetic: no text, no spaCy.

>>> r = Reference(value="1981-07-21", text="July 21, 1981", origin="relative")
>>> shift_value(r, "week", 1)
'1981-W31'
>>> shift_value(r, "day", 8)
'1981-07-29'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from datelines.nlp.temporal.holidays import holiday_date
from datelines.nlp.temporal.normalize import Spec

__all__ = ["Reference", "Point", "point", "shift_value", "year_text", "resolve_date"]

_POINT = re.compile(
    r"^(?P<bc>BC)?(?P<year>\d{4})(?:-(?:(?P<month>\d\d)(?:-(?P<day>\d\d))?"
    r"|(?P<part>SP|SU|FA|WI|Q[1-4]|H[12])|W(?P<week>\d\d)))?(?:T|$)"
)
FORWARD = 10  # a month this far before the anchor's month is in the next year
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_MIDDLE = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}  # the January after 1969-WI
_PART_START = {"Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "H1": 1, "H2": 7}
_LETTER = {"second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D",
           "week": "W", "weekend": "WE", "fortnight": "W", "month": "M",
           "quarter": "Q", "season": "S", "year": "Y", "decade": "DE",
           "century": "CE", "millennium": "ML"}  # fmt: skip
_SMALLER = {"year": ("M", 12), "month": ("D", 30), "week": ("D", 7), "day": ("H", 24),
            "hour": ("M", 60), "minute": ("S", 60)}  # fmt: skip


@dataclass(frozen=True)
class Reference:
    """A date something can be resolved against: its value, words and origin."""

    value: str
    text: str | None
    origin: str  # relative (a date earlier in the text) | heading | document


@dataclass(frozen=True)
class Point:
    """The calendar fields of a resolved value (None where the value is coarser)."""

    year: int
    month: int | None = None
    day: int | None = None
    part: str | None = None  # SP SU FA WI Q1..Q4 H1 H2
    week: int | None = None

    def date(self) -> dt.date | None:
        """The day, when the point is a day of the proleptic calendar."""
        if self.day is None or self.month is None or not 1 <= self.year <= 9999:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


def point(value: str | None) -> Point | None:
    """Parse a resolved value into calendar fields (None for XXXX or refs).

    >>> point("1989-Q3")
    Point(year=1989, month=None, day=None, part='Q3', week=None)
    """
    if not value:
        return None
    m = _POINT.match(value)
    if m is None:
        return None
    year = int(m.group("year"))
    if m.group("bc"):
        year = 1 - year
    return Point(
        year=year,
        month=int(m.group("month")) if m.group("month") else None,
        day=int(m.group("day")) if m.group("day") else None,
        part=m.group("part"),
        week=int(m.group("week")) if m.group("week") else None,
    )


def year_text(year: int) -> str:
    """A TIMEX3 year: four digits, ``BC`` for years before 1 (astronomical 0 = 1 BC).

    >>> year_text(1939), year_text(-479)
    ('1939', 'BC0480')
    """
    return f"{year:04d}" if year > 0 else f"BC{1 - year:04d}"


def _months(p: Point) -> int | None:
    if p.month is not None:
        return p.month
    if p.part and p.part[0] == "Q":
        return (int(p.part[1]) - 1) * 3 + 1
    if p.part in _SEASON_START:
        return _SEASON_START[p.part]
    return None


def _date_text(day: dt.date) -> str:
    return day.isoformat()


def shift_value(ref: Reference | None, unit: str, n: float | None) -> str:
    """Move ``ref`` by ``n`` units; the result has the unit's granularity.

    A reference coarser than the unit keeps what it knows and writes X for the rest
    (``1915-XX-XX`` for "four days later" after "1915").

    >>> shift_value(Reference("1979-01-20", None, "relative"), "month", 1)
    '1979-02'
    >>> shift_value(Reference("1915", None, "relative"), "day", 4)
    '1915-XX-XX'
    >>> shift_value(None, "year", -1)
    'XXXX'
    >>> shift_value(Reference("BC0489", None, "relative"), "decade", 1)
    'BC047'
    >>> shift_value(Reference("2013-01-10", None, "document"), "season", -1)
    '2012-FA'
    """
    if unit == "anchor":  # "the same time": the anchor itself
        return ref.value if ref else "XXXX"
    p = point(ref.value) if ref else None
    if n is None:
        return "XXXX"
    k = int(round(n)) if unit != "fortnight" else int(round(n)) * 2
    unit = "week" if unit == "fortnight" else unit
    if unit in ("day", "night", "hour", "minute", "second"):
        if unit != "day" and unit != "night":
            k = 0
        day = p.date() if p else None
        if day is None:
            if p is None:
                return "XXXX-XX-XX"
            month_text = f"{p.month:02d}" if p.month else "XX"
            return f"{year_text(p.year)}-{month_text}-XX"
        return _date_text(day + dt.timedelta(days=k))
    if unit in ("week", "weekend"):
        day = p.date() if p else None
        suffix = "-WE" if unit == "weekend" else ""
        if day is None:
            return f"{year_text(p.year)}-WXX" if p else "XXXX-WXX"
        if unit == "weekend" and k == 0 and day.isoweekday() < 5:
            k = -1  # "the weekend" on a weekday: the one just past
        iso = (day + dt.timedelta(weeks=k)).isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}{suffix}"
    if p is None:
        return {"decade": "XXX", "century": "XX"}.get(unit, "XXXX")
    if unit == "month":
        month = _months(p)
        if month is None:
            return f"{year_text(p.year)}-XX"
        total = p.year * 12 + month - 1 + k
        return f"{year_text(total // 12)}-{total % 12 + 1:02d}"
    if unit == "season" and (p.month or p.part in _SEASON_START):
        month = p.month or _SEASON_START[p.part or "SU"]  # "last season" is a season
        index = (p.year - (month < 3)) * 4 + (month - 3) % 12 // 3 + k
        return f"{year_text(index // 4)}-{('SP', 'SU', 'FA', 'WI')[index % 4]}"
    if unit in ("quarter", "season"):
        month = _months(p)
        if month is None:
            return f"{year_text(p.year)}-QX"
        index = p.year * 4 + (month - 1) // 3 + k
        return f"{year_text(index // 4)}-Q{index % 4 + 1}"
    if unit == "year":
        # "a year ago" after a quarter is that quarter a year back; "the year" is
        # the whole year around it
        keep = f"-{p.part}" if k and p.part and p.part[0] == "Q" else ""
        return f"{year_text(p.year + k)}{keep}"
    size, width = (10, 3) if unit == "decade" else (100, 2)
    if unit in ("decade", "century", "millennium"):
        if p.year <= 0:  # BC: the 480s BC are "BC048"; later decades count down
            index = (1 - p.year) // size - k
            return f"BC{index:0{width}d}" if index >= 0 else f"{-index - 1:0{width}d}"
        return f"{p.year // size + k:0{width}d}"
    return year_text(p.year + k)


def duration_value(unit: str, n: float | None) -> str:
    """A TIMEX3 duration: ``P3Y``, ``PT16H``, ``PXM``; decades count in years.

    >>> duration_value("decade", 2), duration_value("hour", 16), duration_value("month", None)
    ('P20Y', 'PT16H', 'PXM')
    >>> duration_value("year", 2.5), duration_value("hour", 5.5), duration_value("minute", 1.5)
    ('P2Y6M', 'PT5H30M', 'PT1M30S')
    >>> duration_value("century", 0.5), duration_value("century", 1)
    ('P50Y', 'P1CE')

    A fraction that is no whole number of the smaller unit stays a decimal:

    >>> duration_value("year", 22.8)
    'P22.8Y'
    """
    letter = _LETTER.get(unit, "D")
    amount = n
    if unit == "decade":
        letter, amount = "Y", None if n is None else n * 10
    if unit == "fortnight" and n is not None:
        amount = n * 2
    if unit == "season":
        letter, amount = "M", None if n is None else n * 3
    if unit in ("century", "millennium") and n is not None and n % 1:
        letter, amount = "Y", n * (100 if unit == "century" else 1000)
    time = "T" if unit in ("hour", "minute", "second") else ""
    exact = amount is not None and unit in _SMALLER and (
        round(amount % 1 * _SMALLER[unit][1], 6) % 1 == 0
    )
    if amount is not None and amount % 1 and exact:
        smaller, factor = _SMALLER[unit]
        whole, part = int(amount), round(amount % 1 * factor)
        sub_time = "T" if unit == "day" else ""
        head = f"{whole}{letter}" if whole else ""
        return f"P{time}{head}{sub_time}{part}{smaller}"
    text = (
        "X" if amount is None else (f"{amount:g}" if amount % 1 else f"{int(amount)}")
    )
    return f"P{time}{text}{letter}"


def _nearest_weekday(day: dt.date, weekday: int, direction: int) -> dt.date:
    delta = weekday - day.isoweekday()
    if direction < 0:
        return day + dt.timedelta(days=delta if delta <= 0 else delta - 7)
    if direction > 0:
        return day + dt.timedelta(days=delta if delta >= 0 else delta + 7)
    if delta > 3:
        delta -= 7
    elif delta < -3:
        delta += 7
    return day + dt.timedelta(days=delta)


def resolve_date(
    spec: Spec, ref: Reference | None, tense: int, dct: Point | None
) -> str:
    """The value of a calendar expression; missing fields come from ``ref``.

    ``tense`` (-1 past, -2 a sure past, 0 unknown, +1 future) picks the year of a
    year-less month and the week of a bare weekday when ``ref`` is the document date.

    >>> from datelines.nlp.temporal.normalize import Spec
    >>> resolve_date(Spec("date", month=6, day=20), None, 0, None)
    'XXXX-06-20'
    """
    p = point(ref.value) if ref else None
    if spec.century is not None:
        c = spec.century
        return f"{c:02d}" if c >= 0 else f"BC{-c - 1:02d}"
    if spec.decade is not None:
        return f"BC{spec.decade:03d}" if spec.extras.get("bc") else f"{spec.decade:03d}"
    if spec.decade_digit is not None:
        century = 19
        if p is not None and p.year // 100 * 10 + spec.decade_digit <= p.year // 10:
            century = p.year // 100
        elif p is not None:
            century = p.year // 100 - 1
        return f"{century * 10 + spec.decade_digit:03d}"
    year = spec.year
    if year is None and spec.year2 is not None:
        base = p.year if p else (dct.year if dct else 2000)
        year = base // 100 * 100 + spec.year2
        if year > base + 10:
            year -= 100
    month, day = spec.month, spec.day
    if month is None and day is not None and p is not None and p.month:
        month = p.month  # "the 20th", "25" after "April 24 and": the anchor's month
    if spec.holiday:
        fixed = holiday_date(
            spec.holiday, year if year is not None else (p.year if p else 2000)
        )
        if fixed:
            month, day = fixed
    from_ref = year is None
    if spec.weekday and month is None and day is None and year is None:
        return _weekday(spec, p, tense, ref)
    if year is None and p is not None:
        year = p.year
        reference_month = p.month or _months(p) or 6
        if spec.rel is not None and month is not None and not spec.season:
            if spec.rel < 0:
                year -= 1 if month >= reference_month else 0
            elif spec.rel > 0:
                year += 1 if month <= reference_month else 0
        elif (
            ref is not None
            and ref.origin == "document"
            and month is not None
            and spec.year_shift is None  # "February this year" is this year's
        ):
            year = _nearest_year(p, month, day or 15, tense)
        elif (ref is not None and ref.origin == "document" and not spec.rel
              and spec.base != "dct"  # "this summer" is this year's
              and spec.season in _SEASON_MIDDLE and spec.year_shift is None):  # fmt: skip
            year = _nearest_year(p, _SEASON_MIDDLE[spec.season], 15, tense)
            year -= 1 if spec.season == "WI" else 0  # named by its December
        elif (spec.season == "WI" and spec.rel == 0 and reference_month <= 2
              and ref is not None and ref.origin == "document"):  # fmt: skip
            year -= 1  # "this winter" in January began last December
        elif month is not None and p.month is not None and month < p.month - FORWARD:
            year += 1  # the story moves forward: "In January" after "December 1941"
        if spec.season and spec.rel and ref is not None:
            year = _season_year(spec, p)
        if (spec.part and spec.part[0] in "QH" and ref is not None
                and ref.origin == "document" and tense <= 0 and not spec.year_shift
                and _PART_START.get(spec.part, 1) > reference_month):  # fmt: skip
            year -= 1  # "profit rose in the fourth quarter" in January: last year's
    if spec.year_shift and year is not None:
        year += spec.year_shift
    if spec.holiday and year is not None:
        month, day = holiday_date(spec.holiday, year) or (month, day)
    text = "XXXX" if year is None else year_text(year)
    if spec.season:
        return f"{text}-{spec.season}"
    if spec.part:
        return f"{text}-{spec.part}"
    if month is None:
        if spec.day is not None and from_ref and p is not None and p.month:
            return f"{text}-{p.month:02d}-{spec.day:02d}"
        return text
    if day is None:
        return f"{text}-{month:02d}"
    if spec.extras.get("week") and year is not None and 1 <= year <= 9999:
        try:
            iso = dt.date(year, month, day).isocalendar()
        except ValueError:
            return f"{text}-WXX"
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    return f"{text}-{month:02d}-{day:02d}"


def _nearest_year(p: Point, month: int, day: int, tense: int) -> int:
    """The year that puts month/day closest to the document date, tense-biased."""
    origin = (
        p.date() or dt.date(p.year, p.month or 6, 15) if 1 <= p.year <= 9999 else None
    )
    if origin is None:
        return p.year
    best, best_score = p.year, float("inf")
    for year in (p.year - 1, p.year, p.year + 1):
        try:
            delta = (dt.date(year, month, day) - origin).days  # no Feb 29, 2013
        except ValueError:
            continue
        sure = tense > 0 or tense < -1  # "will", "ended Jan. 31": surer than "-ed" cues
        against = 400 if sure else 150
        this_month = (year, month) == (origin.year, origin.month)
        wrong_way = delta * tense < 0 and not this_month  # the document's own month
        score = abs(delta) + (against if wrong_way else 0)  # is never a year away
        if tense == 0 and delta > 31:
            score += 60  # news mostly reports the past (3 to 1 in TempEval-3 train)
        if score < best_score:
            best, best_score = year, score
    return best


def _season_year(spec: Spec, p: Point) -> int:
    start = _SEASON_START[spec.season or "SU"]
    month = p.month or _months(p) or 6
    if spec.season == "WI" and month <= 2:  # January is the 13th month of 1969-WI
        year, month = p.year - 1, month + 12
    else:
        year = p.year
    if spec.rel == -1:  # the last one that is over: "last spring" in October
        return year if month >= start + 3 else year - 1
    if spec.rel == 1:
        return year + (1 if month >= start else 0)
    return year


def _weekday(spec: Spec, p: Point | None, tense: int, ref: Reference | None) -> str:
    day = p.date() if p else None
    weekday = spec.weekday or 1
    if day is None:
        prefix = year_text(p.year) if p else "XXXX"
        return f"{prefix}-WXX-{weekday}"
    if spec.rel == -1:
        found = _nearest_weekday(day - dt.timedelta(days=1), weekday, -1)
    elif spec.rel == 1:
        found = _nearest_weekday(day + dt.timedelta(days=1), weekday, 1)
    elif ref is not None and ref.origin != "document":
        found = _nearest_weekday(day, weekday, 1 if tense >= 0 else 0)
    else:
        found = _nearest_weekday(day, weekday, 1 if tense > 0 else -1)
    return found.isoformat()
