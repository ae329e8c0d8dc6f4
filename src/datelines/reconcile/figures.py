"""reconcile stage: figures as intervals, and when two counts cannot both hold.

Consumes :class:`~datelines.model.Figure` (value, qualifier, range max, what it counts)
and produces a :class:`FigureRelation`. A figure is read as the interval of numbers it
allows: "more than 30,000" is (30000, inf), "up to 5,000" is [0, 5000], "between 2,800
and 3,800" is [2800, 3800], a round exact number keeps a rounding margin. Two figures
conflict when their intervals are disjoint (hard when even the rounding margins do not
meet, soft when only they do), and softly when a bare bound sits far from an exact count
("more than 7,500" against "120,000": the bound reads as near 7,500).

Figures are compared only when they count the same measure (``data/measures.yaml``:
the dead, the wounded, members, attendance...).

>>> f = lambda v, q="exact", mx=None: Figure(value=v, qualifier=q, max=mx)
>>> figure_relation(f(30000, "more_than"), f(5000, "at_most")).kind
'conflict'
>>> figure_relation(f(100000, "more_than"), f(120000)).kind
'compatible'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml

from datelines.model import Figure, Qualifier

INF = math.inf
FAR = 8.0  # a bare bound this many times away from an exact count reads as a tension
MEASURE_ORDER = (
    "dead", "wounded", "arrested", "attendance", "votes", "money", "places", "members"
)


@dataclass(frozen=True)
class FigureRelation:
    kind: Literal["compatible", "conflict", "incomparable"]
    strength: Literal["hard", "soft"] | None = None
    reason: str = ""


def bounds(figure: Figure, *, margin: bool = False) -> tuple[float, float]:
    """The numbers a figure allows (``margin`` adds rounding slack to round numbers).

    >>> bounds(Figure(value=2800, qualifier="range", max=3800))
    (2800.0, 3800.0)
    >>> bounds(Figure(value=500000), margin=True)
    (450000.0, 550000.0)
    """
    v, q = figure.value, figure.qualifier
    slack = _round_slack(v) if margin else 0.0
    if q == "range" and figure.max is not None:
        return v - slack, figure.max + slack
    if q in ("more_than", "at_least"):
        return v - slack, INF
    if q in ("less_than", "at_most"):
        return 0.0, v + slack
    if q == "about":
        return v * 0.8 - slack, v * 1.2 + slack
    return v - slack, v + slack


def _round_slack(v: float) -> float:
    """Round numbers (500,000; 7,500) are often rounded: allow 10%; others 2%."""
    if v >= 100 and v % 100 == 0:
        return v * 0.1
    return v * 0.02


def _strictly_disjoint(a: Figure, b: Figure, *, margin: bool) -> bool:
    alo, ahi = bounds(a, margin=margin)
    blo, bhi = bounds(b, margin=margin)
    # open bounds: "more than 500,000" excludes 500,000 itself
    a_open_lo = a.qualifier == "more_than" and not margin
    b_open_lo = b.qualifier == "more_than" and not margin
    a_open_hi = a.qualifier == "less_than" and not margin
    b_open_hi = b.qualifier == "less_than" and not margin
    if ahi < blo or bhi < alo:
        return True
    if ahi == blo and (a_open_hi or b_open_lo):
        return True
    return bhi == alo and (b_open_hi or a_open_lo)


def figure_relation(
    a: Figure, b: Figure, *, measure_a: str | None = None, measure_b: str | None = None
) -> FigureRelation:
    """Whether two figures for the same happening can both hold."""
    if (a.unit == "%") != (b.unit == "%"):
        return FigureRelation("incomparable", reason="unit")
    if measure_a and measure_b and measure_a != measure_b:
        return FigureRelation("incomparable", reason="measure")
    known = bool(measure_a and measure_b) or bool(a.of and b.of)
    if vague(a) or vague(b):  # an order of magnitude: in tension at most
        (alo, ahi), (blo, bhi) = vague(a) or bounds(a), vague(b) or bounds(b)
        if ahi < blo or bhi < alo:
            return FigureRelation("conflict", "soft", "a vague amount")
        return FigureRelation("compatible")
    if _strictly_disjoint(a, b, margin=False):
        if _strictly_disjoint(a, b, margin=True) and known:
            return FigureRelation("conflict", "hard", "disjoint")
        return FigureRelation("conflict", "soft", "disjoint")
    for lower, exact in ((a, b), (b, a)):
        if lower.qualifier in ("more_than", "at_least") and exact.qualifier in (
            "exact", "about", "range"
        ):
            if bounds(exact)[0] > lower.value * FAR:
                return FigureRelation("conflict", "soft", "far above the bound")
        if lower.qualifier in ("less_than", "at_most") and exact.qualifier in (
            "exact", "about", "range"
        ):
            if bounds(exact)[1] * FAR < lower.value:
                return FigureRelation("conflict", "soft", "far below the bound")
    return FigureRelation("compatible")


def comparative(before: str) -> Qualifier:
    """The bound a comparative right before a number makes ("better than 55%").

    >>> comparative("the party polled better than "), comparative("it won ")
    ('more_than', 'exact')
    """
    folded = before.lower().rstrip()
    for qualifier, phrases in _measures_file()["comparatives"].items():
        if any(folded.endswith(p) for p in phrases):
            return qualifier  # type: ignore[no-any-return]
    return "exact"


def read_bound(figure: Figure, sentence: str) -> Figure:
    """An exact figure right after a comparative is a bound ("better than 55%").

    >>> read_bound(Figure(value=55, text="55%"), "It polled better than 55% then.").qualifier
    'more_than'
    """
    at = sentence.find(figure.text) if figure.text else -1
    if figure.qualifier != "exact" or at < 0:
        return figure
    bound = comparative(sentence[max(0, at - 20) : at])
    return figure if bound == "exact" else replace(figure, qualifier=bound)


def vague(figure: Figure) -> tuple[float, float] | None:
    """The order of magnitude a vague plural stands for ("thousands"), else None.

    >>> vague(Figure(value=2000, qualifier="at_least", text="in thousands"))
    (2000.0, 9999.0)
    >>> vague(Figure(value=3000, text="3,000")) is None
    True
    """
    words = re.sub(r"^(?:in|of|by)\s+", "", figure.text.lower().strip())
    entry = _measures_file().get("vague", {}).get(words)
    if entry is None:
        return None
    low, high = entry["range"]
    return float(low), float(high)


def vague_examples() -> list[tuple[str, float]]:
    """(vague text, a figure outside its magnitude) for the data test."""
    return [tuple(e["example"]) for e in _measures_file()["vague"].values()]


@lru_cache(maxsize=1)
def _measures_file() -> dict[str, Any]:
    text = resources.files("datelines.reconcile").joinpath("data/measures.yaml")
    return yaml.safe_load(text.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _measures() -> dict[str, Any]:
    return _measures_file()["measures"]  # type: ignore[no-any-return]


def head(of: str | None) -> str | None:
    """The last content word of what a figure counts, stemmed; None when generic.

    >>> head("political prisoners"), head("people"), head(None)
    ('prisoner', None, None)
    """
    if not of:
        return None
    words: list[str] = re.findall(r"[a-z]+", of.lower())
    if not words or words[-1] in _measures_file().get("generic", []):
        return None
    word = words[-1]
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def part_of_list(figure: Figure, sentence: str) -> bool:
    """A figure inside an "including ..." list counts a part, not the whole.

    >>> part_of_list(Figure(value=4, text="four"), "Ten died, including four guards.")
    True
    """
    at = sentence.find(figure.text) if figure.text else -1
    return at >= 0 and bool(re.search(r"\bincluding\b[^.;]*$", sentence[:at]))


def measure_examples() -> list[tuple[str, str, str]]:
    """(figure text, sentence, expected measure) for every measure (the data test)."""
    return [
        (m["example"]["figure"], m["example"]["sentence"], m["example"]["measure"])
        for m in _measures().values()
    ]


def _clause(sentence: str, figure_text: str) -> str:
    """The clause of ``sentence`` around ``figure_text`` (split at ';' and ', but')."""
    pos = sentence.find(figure_text) if figure_text else -1
    if pos < 0:
        return sentence
    parts = re.split(r";|,\s+but\b|,\s+while\b|\band\s+then\b", sentence)
    start = 0
    for part in parts:
        end = start + len(part)
        if start <= pos < end + 1:
            return part
        start = end + 1
    return sentence


def measure(figure: Figure, sentence: str) -> str | None:
    """What a figure counts: the nearest act (killed, wounded, arrested, attended) in
    its clause, else the nearest thing counted (members, cities, votes), else its ``of``.

    >>> measure(Figure(value=7500, qualifier="more_than", text="More than 7,500"),
    ...         "More than 7,500 followers were killed in the fighting.")
    'dead'
    >>> measure(Figure(value=186, text="186"), "It killed 69 people and wounded 186 others.")
    'wounded'
    """
    if figure.unit == "%":
        return "percent"
    clause = _clause(sentence, figure.text).lower()
    at = clause.find(figure.text.lower()) if figure.text else -1
    at = at if at >= 0 else 0
    measures = _measures()
    acts, things = MEASURE_ORDER[:4], MEASURE_ORDER[4:]
    for names in (acts, things):
        found: list[tuple[int, int, str]] = []
        for rank, name in enumerate(names):
            for stem in measures.get(name, {}).get("stems", []):
                for m in re.finditer(r"\b" + re.escape(stem.lower()), clause):
                    found.append((abs(m.start() - at), rank, name))
        if found:
            return min(found)[2]
    if figure.of:
        return measure(Figure(value=figure.value, of=None, text=""), figure.of)
    return None


def describe(figure: Figure) -> str:
    """The figure as the source words it, with its reading.

    >>> describe(Figure(value=30000, qualifier="more_than", text="more than 30,000"))
    '\u201cmore than 30,000\u201d'
    """
    if figure.text:
        return f"\u201c{figure.text}\u201d"
    words = {"more_than": "more than ", "less_than": "less than ", "about": "about ",
             "at_least": "at least ", "at_most": "at most "}
    number = f"{figure.value:,.0f}" if figure.value == int(figure.value) else str(
        figure.value
    )
    if figure.qualifier == "range" and figure.max is not None:
        return f"{number}\u2013{figure.max:,.0f}"
    return words.get(figure.qualifier, "") + number + (figure.unit or "")
