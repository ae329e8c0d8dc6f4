"""reconcile stage: scope and firmness of a claim, read before a conflict is reported.

Consumes the sentences and values of two claims that look alike (figures of one
measure, dates of one happening) and says whether they tell the same scope: a count for
a period told elsewhere ("during this period") or two counts a hundredfold apart count
different things (a whole period's total against one day's toll); a date of a happening
drawing near ("the war was coming to an end") or one the account itself disputes
("some sources say ...") is no firm claim. Cues live in ``data/scope.yaml``, each with
an example that a test runs. Used by :mod:`datelines.reconcile.conflicts` and
:mod:`datelines.reconcile.compare`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml

from datelines.model import DateClaim, Figure
from datelines.reconcile.dates import when
from datelines.reconcile.figures import INF, bounds, vague

Scope = Literal["same", "soft", "apart", "fits"]


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    """The cue tables of ``data/scope.yaml``."""
    text = resources.files("datelines.reconcile").joinpath("data/scope.yaml")
    data: dict[str, Any] = yaml.safe_load(text.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=8)
def _pattern(table: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{c['pattern']})" for c in cues()[table]), re.I)


def says(table: str, text: str) -> bool:
    """Whether the text holds a cue of the table (``alternative``, ``approach``,
    ``period``).

    >>> says("period", "Ten were killed during this period."), says("period", "Ten died.")
    (True, False)
    """
    return bool(_pattern(table).search(text))


def figure_scope(f: Figure, g: Figure, sentence_f: str, sentence_g: str) -> Scope:
    """Whether two counts of one measure tell the same scope.

    ``fits``: a quantifier plural ("thousands of prisoners") and a larger count;
    ``apart``: a hundredfold apart, or a period's count (told elsewhere: "during this
    period") at least as large as the other's, which it may hold; ``soft``: a period's
    count smaller than the other's; ``same`` otherwise.

    >>> big, small = Figure(value=120000), Figure(value=16, qualifier="range", max=50)
    >>> figure_scope(big, small, "120,000 were killed.", "16-50 died.")
    'apart'
    >>> figure_scope(Figure(value=70), small, "70 died during this period.", "16-50 died.")
    'apart'
    >>> figure_scope(Figure(value=5000, qualifier="at_most"), Figure(value=30000), "", "")
    'same'
    >>> figure_scope(Figure(value=16, qualifier="at_least"), big, "", "")
    'apart'
    """
    for x, y, text in ((f, g, sentence_f), (g, f, sentence_g)):
        if _floor_only(x, text) and bounds(y)[0] >= (vague(x) or (0.0, 0.0))[0]:
            return "fits"
    (flo, fhi), (glo, ghi) = bounds(f), bounds(g)
    ratio = float(cues()["ratio"])
    for (lo, _), (olo, ohi) in (((flo, fhi), (glo, ghi)), ((glo, ghi), (flo, fhi))):
        top = ohi if ohi != INF else olo  # a bare lower bound: its only number
        if top > 0 and lo / top > ratio:
            return "apart"
    for (lo, hi, text), (olo, ohi) in (
        ((flo, fhi, sentence_f), (glo, ghi)), ((glo, ghi, sentence_g), (flo, fhi))
    ):
        if says("period", text):
            return "apart" if hi >= ohi or (hi == INF and lo >= olo) else "soft"
    return "same"


def _floor_only(figure: Figure, sentence: str) -> bool:
    """A vague plural used as a quantifier ("the execution of thousands of prisoners"):
    it says at least that many, not an estimate of the order of magnitude ("puts the
    number in thousands").

    >>> f = Figure(value=2000, text="thousands")
    >>> _floor_only(f, "He ordered the execution of thousands of prisoners.")
    True
    >>> _floor_only(f, "A survey puts the number in thousands.")
    False
    """
    if vague(figure) is None or not figure.text:
        return False
    words = re.escape(figure.text.strip())
    return bool(re.search(rf"(?<!\bin )\b{words}\s+of\b", sentence, re.I))


def firm_date(sentence: str) -> bool:
    """A sentence dating the happening itself, not its approach ("the war was coming
    to an end") nor with an alternative the account records ("some sources say").

    >>> firm_date("In 1919 the strike was coming to an end."), firm_date("It ended in 1919.")
    (False, True)
    """
    return not (says("approach", sentence) or says("alternative", sentence))


def disputed_by(
    source: str, date: DateClaim, alternatives: Mapping[str, Iterable[DateClaim]]
) -> bool:
    """Whether the account records, for a period overlapping ``date``, another dating
    (``alternatives``: source -> dates of its passages that carry an alternative cue).

    >>> d = DateClaim(text="July 1911", value="1911-07")
    >>> alt = {"s": [DateClaim(text="May-July 1911", value="1911-05", end_value="1911-07")]}
    >>> disputed_by("s", d, alt), disputed_by("t", d, alt)
    (True, False)
    """
    mine = when(date)
    if mine is None:
        return False
    for other in alternatives.get(source, ()):
        theirs = when(other)
        if theirs is not None and mine.lo <= theirs.hi and theirs.lo <= mine.hi:
            return True
    return False
