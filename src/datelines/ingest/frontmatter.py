"""ingest stage, metadata: YAML front matter, CLI overrides and the document date.

Consumes the decoded characters of a text or Markdown file; produces where the body
starts and the metadata fields of :class:`~datelines.model.Source` (``title``,
``publisher``, ``url``, ``date``, ``license``, ``viewpoint``); other keys go to
``extra``. The document date is normalized to a TIMEX3-ish value when it starts with
a date; the raw string is kept in ``extra["date_raw"]``.

>>> end, fields = split_front_matter("x.md", "---\\ntitle: On Time\\n---\\nBody")
>>> end, fields["title"]
(23, 'On Time')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import yaml

from datelines.errors import InputError

FIELDS = ("title", "publisher", "url", "date", "license", "viewpoint")

_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?![\d])")
_MDY = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)")  # September 28, 2012
_DMY = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})(?!\d)")  # 28 September 2012
_MY = re.compile(r"([A-Za-z]+)\.?,?\s+(\d{4})(?!\d)")  # September 2012


def split_front_matter(path: str, original: str) -> tuple[int, dict[str, str]]:
    """Where the body starts (0 without front matter) and the front matter's fields.

    Values become strings (a YAML date ``2012-09-28`` stays ``"2012-09-28"``).

    >>> split_front_matter("x.txt", "No front matter here.")
    (0, {})
    """
    opened = _OPEN.match(original)
    if not opened:
        return 0, {}
    closed = _CLOSE.search(original, opened.end())
    if not closed:
        raise InputError(
            path,
            "its front matter opens with '---' but never closes",
            "add a closing '---' line after the metadata, or remove the opening one",
        )
    try:
        data = yaml.safe_load(original[opened.end() : closed.start()])
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise InputError(
            path,
            f"its front matter is not valid YAML{where}",
            "quote values that contain ': ' and check the lines between the '---' marks",
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(
            path,
            "its front matter is not a list of 'key: value' lines",
            "write one 'key: value' per line between the '---' marks",
        )
    return closed.end(), {str(k): _as_text(v) for k, v in data.items() if v is not None}


def _as_text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(_as_text(v) for v in value)
    return str(value).strip()


def normalize_date(raw: str) -> str | None:
    """A TIMEX3 date value for a document-date string that starts with a date.

    Anything after the date is commentary and dropped; a string that does not start
    with a date gives None.

    >>> normalize_date("1987 (research completed in 1987)")
    '1987'
    >>> normalize_date("2012-09-28")
    '2012-09-28'
    >>> normalize_date("2023-10 (Kiwix snapshot)")
    '2023-10'
    >>> normalize_date("September 28, 2012"), normalize_date("28 Sept. 2012")
    ('2012-09-28', '2012-09-28')
    >>> normalize_date("July 2019"), normalize_date("unknown (older revision)")
    ('2019-07', None)
    """
    text = raw.strip()
    if m := _ISO.match(text):
        month, day = m.group(2), m.group(3)
        return _value(int(m.group(1)), month and int(month), day and int(day))
    if (m := _MDY.match(text)) and m.group(1).lower() in MONTHS:
        return _value(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
    if (m := _DMY.match(text)) and m.group(2).lower() in MONTHS:
        return _value(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    if (m := _MY.match(text)) and m.group(1).lower() in MONTHS:
        return _value(int(m.group(2)), MONTHS[m.group(1).lower()], None)
    return None


def _value(year: int, month: int | None | str, day: int | None | str) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, dropping parts that are not valid."""
    if not month or not 1 <= int(month) <= 12:
        return f"{year:04d}"
    if day:
        try:
            return dt.date(year, int(month), int(day)).isoformat()
        except ValueError:
            pass
    return f"{year:04d}-{int(month):02d}"


def metadata(
    front: Mapping[str, str], meta: Mapping[str, str] | None
) -> tuple[dict[str, str | None], dict[str, str]]:
    """Merge front matter and CLI ``meta`` (which wins) into Source fields and extras.

    >>> fields, extra = metadata({"date": "1987 (draft)", "author": "X"}, {"title": "T"})
    >>> fields["title"], fields["date"], extra
    ('T', '1987', {'author': 'X', 'date_raw': '1987 (draft)'})
    """
    merged = {**front, **{k: v for k, v in (meta or {}).items() if v is not None}}
    unknown = sorted(set(meta or {}) - set(FIELDS))
    if unknown:
        raise ValueError(f"unknown metadata field(s): {', '.join(unknown)}")
    fields: dict[str, str | None] = {k: (merged.get(k) or None) for k in FIELDS}
    extra = {k: v for k, v in merged.items() if k not in FIELDS}
    raw = fields["date"]
    if raw is not None:
        fields["date"] = normalize_date(raw)
        if fields["date"] != raw:
            extra["date_raw"] = raw
    return fields, extra
