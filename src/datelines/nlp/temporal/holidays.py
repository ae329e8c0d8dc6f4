"""Holiday dates: fixed days, n-th weekdays of a month, Easter and days counted from them.

Stage: ``nlp.temporal``. Consumes a value of the ``holidays`` table of
``data/lexicon.yaml`` and a year; produces the (month, day) that the resolver turns
into a TIMEX3 date ("Thanksgiving 1998" -> ``1998-11-26``). Pure calendar arithmetic,
no text.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["holiday_date"]


def holiday_date(name: str, year: int) -> tuple[int, int] | None:
    """The (month, day) of a holiday in a year, from its ``holidays`` table value.

    A value is a fixed day (``"12-25"``), the n-th weekday of a month
    (``"11#4#4"``: the fourth Thursday of November), ``"easter"`` (Gregorian
    computus), or one of these plus or minus days (``"easter-2"``); None when the year
    is out of range or the value unknown.

    >>> holiday_date("12-25", 1776), holiday_date("11#4#4", 2013)
    ((12, 25), (11, 28))
    >>> holiday_date("easter", 2013), holiday_date("easter-2", 2013)
    ((3, 31), (3, 29))
    """
    if re.fullmatch(r"\d\d-\d\d", name):
        return int(name[:2]), int(name[3:])
    if not 1 <= year <= 9999:
        return None
    offset = re.fullmatch(r"(.+)([+-]\d+)", name)  # "easter-2": two days before
    if offset:
        base = holiday_date(offset.group(1), year)
        if base is None or not 2 <= year <= 9998:
            return None
        day = dt.date(year, *base) + dt.timedelta(days=int(offset.group(2)))
        return day.month, day.day
    nth = re.fullmatch(r"(\d\d)#(\d)#(\d)", name)  # month, n, ISO weekday
    if nth:
        month, n, weekday = (int(x) for x in nth.groups())
        first = dt.date(year, month, 1)
        return month, 1 + (weekday - first.isoweekday()) % 7 + 7 * (n - 1)
    if name == "easter":
        a, b, c = year % 19, year // 100, year % 100
        d, e = b // 4, b % 4
        f = (b + 8) // 25
        g = (b - f + 1) // 3
        h = (19 * a + b - d - g + 15) % 30
        i, k = c // 4, c % 4
        el = (32 + 2 * e + 2 * i - h - k) % 7
        m = (a + 11 * h + 22 * el) // 451
        easter = dt.date(
            year, (h + el - 7 * m + 114) // 31, (h + el - 7 * m + 114) % 31 + 1
        )
        return easter.month, easter.day
    return None
