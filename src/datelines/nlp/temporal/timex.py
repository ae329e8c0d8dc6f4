"""The temporal tagger's output type and the calendar arithmetic of TIMEX3 values.

Stage: ``nlp.temporal``. :class:`Timex` is what :func:`datelines.nlp.temporal.tag`
produces: a span of the input text with its TIMEX3 ``type``/``value``/``mod`` and the
reason the value is what it is (``anchor``: explicit, relative, document, heading).
:func:`bounds` turns a value into the first and last ISO day it allows.

>>> bounds("1971-08")
('1971-08-01', '1971-08-31')
>>> bounds("197", "END")
('1977-01-01', '1979-12-31')
>>> bounds("197", "MID")
('1973-01-01', '1976-12-31')
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["Timex", "bounds"]


@dataclass(frozen=True)
class Timex:
    """One temporal expression found in a text, normalized to TIMEX3."""

    start: int  # character offsets into the text given to tag()
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value: 1965-09-06, 1971-08, 197, 19, 1969-WI, P3Y, PRESENT_REF
    mod: str | None = None  # START MID END APPROX BEFORE AFTER ON_OR_BEFORE ...
    freq: str | None = None
    quant: str | None = None
    anchor: str = "explicit"  # explicit | relative | document | heading
    anchor_value: str | None = None  # the value it was resolved against
    anchor_text: str | None = None  # the words of that anchor ("July 21, 1981")
    end_value: str | None = None  # explicit range end ("from July 2 to July 5, 1988")


_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_VALUE = re.compile(
    r"^(?P<bc>BC)?(?P<year>\d{2,4})"
    r"(?:-(?:(?P<month>\d\d)(?:-(?P<day>\d\d))?|W(?P<week>\d\d?)(?P<we>-WE)?"
    r"|(?P<part>SP|SU|FA|WI|Q[1-4]|H[12])))?(?:T.*)?$"
)

_UNKNOWN_TAIL = re.compile(r"(?:-(?:XX|WXX|QX|HX))+$")


def known_part(value: str) -> str:
    """The calendar part a date value states, its time and unknown tail dropped.

    >>> known_part("1916-05-XX"), known_part("1981-XX-XXTNI"), known_part("1981-07-21T10:00")
    ('1916-05', '1981', '1981-07-21')
    """
    return _UNKNOWN_TAIL.sub("", value.split("T")[0])


def _iso(day: dt.date | tuple[int, int, int]) -> str:
    y, m, d = (day.year, day.month, day.day) if isinstance(day, dt.date) else day
    sign = "-" if y < 0 else ""
    return f"{sign}{abs(y):04d}-{m:02d}-{d:02d}"


def _last_day(year: int, month: int) -> int:
    if 1 <= year <= 9999:
        return calendar.monthrange(year, month)[1]
    return 29 if month == 2 and year % 4 == 0 else calendar.monthrange(2001, month)[1]


def _interval(value: str) -> tuple[tuple[int, int, int], tuple[int, int, int]] | None:
    m = _VALUE.match(value)
    if m is None:
        decade = re.match(r"^(\d{3})X$", value)
        if decade:
            return _interval(decade.group(1))
        known = known_part(value)  # "1916-05-XX": a day of May 1916
        return _interval(known) if known != value.split("T")[0] else None
    digits = m.group("year")
    year = int(digits)
    if m.group("bc"):
        year = 1 - year  # astronomical numbering: 1 BC is year 0
    if len(digits) == 2:
        return (year * 100, 1, 1), (year * 100 + 99, 12, 31)
    if len(digits) == 3:
        return (year * 10, 1, 1), (year * 10 + 9, 12, 31)
    if m.group("month") and not 1 <= int(m.group("month")) <= 12:
        return None  # "1971-13": not a month
    if m.group("day"):
        if not 1 <= int(m.group("day")) <= _last_day(year, int(m.group("month"))):
            return None  # "1962-02-31": not a day
        d = (year, int(m.group("month")), int(m.group("day")))
        return d, d
    if m.group("month"):
        month = int(m.group("month"))
        return (year, month, 1), (year, month, _last_day(year, month))
    if m.group("week"):
        if not 1 <= year <= 9999 or not 1 <= int(m.group("week")) <= 53:
            return None
        try:
            monday = dt.date.fromisocalendar(year, int(m.group("week")), 1)
        except ValueError:  # week 53 of a 52-week year
            return None
        first = monday + dt.timedelta(days=5) if m.group("we") else monday
        return _tuple(first), _tuple(monday + dt.timedelta(days=6))
    part = m.group("part")
    if part is None:
        return (year, 1, 1), (year, 12, 31)
    if part in _SEASONS:
        first_month, last_month = _SEASONS[part]
        end_year, end_month = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
        return (year, first_month, 1), (
            end_year,
            end_month,
            _last_day(end_year, end_month),
        )
    size = 3 if part[0] == "Q" else 6
    first_month = (int(part[1]) - 1) * size + 1
    last_month = first_month + size - 1
    return (year, first_month, 1), (year, last_month, _last_day(year, last_month))


def _tuple(day: dt.date) -> tuple[int, int, int]:
    return day.year, day.month, day.day


def _ordinal(day: tuple[int, int, int]) -> int:
    y, m, d = day
    shift = 0
    while y < 1:  # keep BC arithmetic inside datetime's range (400-year cycles)
        y, shift = y + 400, shift + 146097
    return dt.date(y, m, d).toordinal() - shift


def _from_ordinal(n: int) -> tuple[int, int, int]:
    shift = 0
    while n < 1:
        n, shift = n + 146097, shift + 400
    day = dt.date.fromordinal(n)
    return day.year - shift, day.month, day.day


def bounds(value: str, mod: str | None = None) -> tuple[str | None, str | None]:
    """The first and last ISO day a TIMEX3 date value allows, narrowed by ``mod``.

    A value whose tail is unknown lies inside what it states (``1916-05-XX`` is a day
    of May 1916); values with no year (``XXXX-06-20``), references (``PRESENT_REF``)
    and durations give ``(None, None)``. Seasons are meteorological (winter runs from
    December into the next February). ``START``/``EARLY``, ``MID`` and ``END``/``LATE``
    keep the first, middle or last third; ``BEFORE``/``AFTER`` open the interval.

    >>> bounds("197")
    ('1970-01-01', '1979-12-31')
    >>> bounds("1969-WI")
    ('1969-12-01', '1970-02-28')
    >>> bounds("XXXX-06-20"), bounds("1962-02-31")
    ((None, None), (None, None))
    >>> bounds("1916-05-XX"), bounds("1792-WXX")
    (('1916-05-01', '1916-05-31'), ('1792-01-01', '1792-12-31'))
    >>> bounds("1981-07-21TMO")
    ('1981-07-21', '1981-07-21')
    >>> bounds("1945", "BEFORE")
    (None, '1944-12-31')
    """
    span = _interval(value)
    if span is None:
        return None, None
    years = span[1][0] - span[0][0] + 1
    if years >= 3 and mod in ("START", "EARLY", "MID", "END", "LATE"):
        third = years * 3 // 10  # whole years: the early 1970s are 1970-1972
        y0, y1 = span[0][0], span[1][0]
        if mod in ("START", "EARLY"):
            span = (span[0], (y0 + third - 1, 12, 31))
        elif mod in ("END", "LATE"):
            span = ((y1 - third + 1, 1, 1), span[1])
        else:
            span = ((y0 + third, 1, 1), (y1 - third, 12, 31))
        mod = None
    first, last = _ordinal(span[0]), _ordinal(span[1])
    third = (last - first + 1) // 3
    if mod in ("START", "EARLY") and third:
        last = first + third - 1
    elif mod in ("END", "LATE") and third:
        first = last - third + 1
    elif mod == "MID" and third:
        first, last = first + third, last - third
    if mod == "BEFORE":
        return None, _iso(_from_ordinal(first - 1))
    if mod == "ON_OR_BEFORE":
        return None, _iso(_from_ordinal(last))
    if mod == "AFTER":
        return _iso(_from_ordinal(last + 1)), None
    if mod == "ON_OR_AFTER":
        return _iso(_from_ordinal(first)), None
    return _iso(_from_ordinal(first)), _iso(_from_ordinal(last))
