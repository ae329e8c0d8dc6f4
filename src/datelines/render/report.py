"""render stage: the comparison report, one self-contained HTML page.

Consumes a :class:`~datelines.reconcile.Comparison` and its sources; produces HTML with
no outside resources (inline CSS and SVG, every value escaped by Jinja2's autoescape):
a card per conflict with the claims' quotes side by side, the omissions grouped by the
silent source with the reason each counts, the number of agreeing pairs, and a chart of
events per year per source that shows which years each account covers and skips.

>>> from datelines.model import Source
>>> from datelines.reconcile import Comparison
>>> s = Source(id="s1", path="a<b>.txt", sha256="")
>>> html = render_report(Comparison(sources=(s,)), [s])
>>> "a&lt;b&gt;.txt" in html and "<script" not in html
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from importlib import resources

import jinja2
from markupsafe import Markup

from datelines.model import Source
from datelines.reconcile.types import Comparison, Omission

ROW = 26  # chart row height (px)
LABEL = 220  # chart label column width (px)
WIDTH = 900  # chart width (px)


def _environment() -> jinja2.Environment:
    folder = resources.files("datelines.render").joinpath("templates")
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def source_labels(sources: Sequence[Source]) -> dict[str, str]:
    """A short readable name for every source (title, else file name).

    >>> source_labels([Source(id="x", path="dir/acct.txt", sha256="")])
    {'x': 'acct.txt'}
    """
    return {s.id: s.title or s.path.rsplit("/", 1)[-1] for s in sources}


def coverage_svg(
    per_year: Mapping[str, Mapping[int, int]], labels: Mapping[str, str]
) -> str:
    """An inline SVG: one row per source, a bar per year sized by its dated events.

    >>> svg = coverage_svg({"s": {1965: 2, 1981: 5}}, {"s": "acct"})
    >>> svg.startswith("<svg") and svg.count("<rect") == 2
    True
    """
    years = sorted({y for counts in per_year.values() for y in counts})
    if not years:
        return '<p class="muted">No dated events to chart.</p>'
    first, last = year_range(years)
    per_year = {
        sid: {y: n for y, n in counts.items() if first <= y <= last}
        for sid, counts in per_year.items()
    }
    span = max(1, last - first + 1)
    step = (WIDTH - LABEL - 20) / span
    peak = max(n for counts in per_year.values() for n in counts.values())
    height = ROW * len(per_year) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" '
        'aria-label="Dated events per year and source">'
    ]
    for row, (sid, counts) in enumerate(per_year.items()):
        y = 10 + row * ROW
        parts.append(
            f'<text x="0" y="{y + 15}" class="label">'
            f"{escape(labels.get(sid, sid)[:34])}</text>"
        )
        parts.append(
            f'<line x1="{LABEL}" x2="{WIDTH - 20}" y1="{y + ROW / 2}" '
            f'y2="{y + ROW / 2}" class="axis"/>'
        )
        for year, n in sorted(counts.items()):
            x = LABEL + (year - first) * step
            h = max(3.0, (ROW - 6) * n / peak)
            parts.append(
                f'<rect x="{x:.1f}" y="{y + ROW - 3 - h:.1f}" width="{max(2.0, step - 1):.1f}" '
                f'height="{h:.1f}" class="bar"><title>{escape(labels.get(sid, sid))}: '
                f"{n} event{'s' if n != 1 else ''} in {year}</title></rect>"
            )
    axis_y = 10 + len(per_year) * ROW + 16
    ticks = _ticks(first, last)
    for year in ticks:
        x = LABEL + (year - first) * step
        parts.append(f'<text x="{x:.1f}" y="{axis_y}" class="tick">{year}</text>')
    parts.append("</svg>")
    return "".join(parts)


def year_range(years: Sequence[int], *, gap: int = 60) -> tuple[int, int]:
    """The span of years to chart, leaving out stray years far from all the others.

    >>> year_range([1000, 1948, 1960, 1990, 1994])
    (1948, 1994)
    """
    years = sorted(set(years))
    lo, hi = 0, len(years) - 1
    while lo < hi and years[lo + 1] - years[lo] > gap:
        lo += 1
    while hi > lo and years[hi] - years[hi - 1] > gap:
        hi -= 1
    return years[lo], years[hi]


def _ticks(first: int, last: int) -> list[int]:
    span = last - first
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100) if span / s <= 10), 200)
    start = first - first % step
    return [y for y in range(start, last + 1, step) if y >= first]


def _omissions_by_source(omissions: Sequence[Omission]) -> dict[str, list[Omission]]:
    grouped: dict[str, list[Omission]] = {}
    for omission in omissions:
        for sid in omission.absent_from:
            grouped.setdefault(sid, []).append(omission)
    return grouped


def render_report(comparison: Comparison, sources: Sequence[Source]) -> str:
    """The comparison as one self-contained, escaped HTML page."""
    labels = source_labels(sources)
    hard = [c for c in comparison.conflicts if c.strength == "hard"]
    soft = [c for c in comparison.conflicts if c.strength == "soft"]
    css = resources.files("datelines.render").joinpath("templates/report.css")
    template = _environment().get_template("report.html")
    return template.render(
        sources=sources,
        labels=labels,
        comparison=comparison,
        hard=hard,
        soft=soft,
        omissions=_omissions_by_source(comparison.omissions),
        chart=Markup(
            coverage_svg(
                {s.id: comparison.events_per_year.get(s.id, {}) for s in sources}, labels
            )
        ),
        css=Markup(css.read_text(encoding="utf-8")),
    )
