"""Figures stage: the numbers a sentence gives, with qualifier and what they count.

Consumes a spaCy ``Span`` (a sentence or clause; a parse helps but is not needed) and
produces :class:`~datelines.model.Figure` objects: ``value``, ``qualifier`` (exact,
more_than, less_than, about, at_least, at_most, range), the exact ``text`` ("more than
30,000"), what is counted (``of``: "political prisoners"), ``max`` for ranges and
``unit`` ("%", "USD"). Dates, times, durations, ordinals and labels ("Resolution 242")
are not figures. The word tables live in ``data/figures/*.json`` with an example each.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> [(f.value, f.qualifier, f.of) for f in figures(nlp("They held more than 30,000 political prisoners.")[:])]
[(30000, 'more_than', 'political prisoners')]
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.tokens import Span

from datelines.model import Figure, Qualifier

_STOP = frozenset(
    "of in on at to by from for with was were is are be been had has have and or but "
    "that which who whom whose when where while as than then into during after before "
    "since until against among per all its their his her these those this that its "
    "also then".split()
)
_POSSESSIVE = ("'s", "’s", "'", "’")
_CURRENCY = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP"}
_SKIP_ENTS = frozenset({"DATE", "TIME", "ORDINAL"})


@dataclass(frozen=True)
class _Tables:
    before: dict[str, str]
    after: dict[str, str]
    words: dict[str, int]
    scales: dict[str, int]
    vague: dict[str, int]
    dozen: dict[str, int]
    not_after: frozenset[str]
    not_before: frozenset[str]
    months: frozenset[str]
    examples: tuple[tuple[str, float, str], ...]


@functools.cache
def tables() -> _Tables:
    """The figure word tables from ``data/figures`` (loaded once)."""
    base = resources.files("datelines.nlp") / "data" / "figures"
    quals: dict[str, Any] = json.loads((base / "qualifiers.json").read_text("utf-8"))
    nums: dict[str, Any] = json.loads((base / "numbers.json").read_text("utf-8"))
    examples = [tuple(e["example"]) for e in quals["before"] + quals["after"]]
    examples += [tuple(e) for e in nums["units_examples"]]
    examples += [tuple(e["example"]) for e in nums["vague"]]
    return _Tables(
        before={e["phrase"]: e["qualifier"] for e in quals["before"]},
        after={e["phrase"]: e["qualifier"] for e in quals["after"]},
        words={**nums["units"], **nums["tens"]},
        scales=nums["scales"],
        vague={e["phrase"]: e["value"] for e in nums["vague"]},
        dozen=nums["dozen"],
        not_after=frozenset(nums["not_counted_after"]),
        not_before=frozenset(nums["not_counted_before"]),
        months=frozenset(nums["months"]),
        examples=tuple(examples),
    )


def _alt(phrases: Any) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


@functools.cache
def _pattern() -> re.Pattern[str]:
    t = tables()
    word = f"(?:{_alt(t.words)})(?:-(?:{_alt(t.words)}))?"
    scale = _alt(t.scales)
    wordnum = rf"{word}(?:\s+(?:{scale})(?:\s+(?:and\s+)?{word})?)*"
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    num = rf"(?:{digits}|{wordnum}|(?:a\s+)?(?:{_alt(t.dozen)})|a\s+(?:{scale}))"
    return re.compile(
        rf"(?<![\w$£€.,-])"
        rf"(?:(?P<qb>between|from|{_alt(t.before)})\s+)?"
        rf"(?:(?P<vague>{_alt(t.vague)})"
        rf"|(?:(?P<cur>US\$|\$|€|£)\s?)?(?P<n>{num})(?:\s+(?P<scale>{scale})s?\b)?"
        rf"(?P<pct>\s?(?:%|percent\b|per\s+cent\b))?"
        rf"(?P<qa>\s+(?:{_alt(t.after)})\b)?)"
        rf"(?![\w])",
        re.IGNORECASE,
    )


def parse_number(text: str) -> float | None:
    """The value of a digit string or number words, None if it is not a number.

    >>> parse_number("30,000"), parse_number("Seventy-three"), parse_number("two hundred")
    (30000, 73, 200)
    """
    t = tables()
    s = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        v = float(s)
        return int(v) if v.is_integer() else v
    s = re.sub(r"^a\s+", "one ", s)
    total = current = 0
    for part in re.split(r"[\s-]+", s):
        if part in ("and", ""):
            continue
        if part == "one":
            current += 1
        elif part in t.words:
            current += t.words[part]
        elif part in t.dozen:
            current = (current or 1) * t.dozen[part]
        elif part in t.scales:
            scale = t.scales[part]
            if scale >= 1000:
                total += (current or 1) * scale
                current = 0
            else:
                current = (current or 1) * scale
        else:
            return None
    return total + current


def _counted(span: Span, end: int, *, percent: bool) -> str | None:
    """What the figure ending at char ``end`` (span-relative) counts."""
    doc = span.doc
    tokens = [tok for tok in span if tok.idx - span.start_char >= end]
    if percent and tokens and tokens[0].lower_ == "of":
        tokens = tokens[1:]
    parsed = doc.has_annotation("POS")
    words: list[Any] = []
    for i, tok in enumerate(tokens):
        low = tok.lower_
        if tok.is_punct and tok.text not in _POSSESSIVE + ("-",):
            break
        if parsed:
            ok = tok.pos_ in ("ADJ", "NOUN", "PROPN", "PART", "DET", "NUM") or (
                low in _POSSESSIVE
            )
            if low in ("and", ",") and i + 1 < len(tokens) and tokens[i + 1].pos_ == "NOUN":
                ok = bool(words)
            if tok.pos_ == "DET" and words:
                ok = False
        else:
            ok = low not in _STOP and tok.is_alpha or low in _POSSESSIVE
            if low == "and" and words and i + 1 < len(tokens):
                ok = tokens[i + 1].lower_ not in _STOP
        if not ok or len(words) >= 6:
            break
        words.append(tok)
    while words and (words[-1].lower_ in ("and", "the", "a") or words[-1].pos_ == "DET"):
        words.pop()
    if not words:
        return None
    return doc.text[words[0].idx : words[-1].idx + len(words[-1].text)]


def _skipped(span: Span, start: int, end: int, value: float, raw: str) -> bool:
    """Dates, durations, ordinals and labels are not figures."""
    t = tables()
    doc, abs_start, abs_end = span.doc, span.start_char + start, span.start_char + end
    for timex in doc.spans.get("timex", ()):
        if timex.start_char < abs_end and abs_start < timex.end_char:
            return True
    for ent in doc.ents:
        if ent.label_ in _SKIP_ENTS and ent.start_char <= abs_start < ent.end_char:
            if not any(c.isdigit() for c in raw) or "," not in raw:
                return True
    before = doc.text[max(0, abs_start - 25) : abs_start].lower().split()
    after_text = doc.text[abs_end : abs_end + 25].lower()
    after = re.split(r"[\s-]+", after_text.strip(), maxsplit=2)
    if before and before[-1].strip("(") in t.not_before:
        return True
    if after and (after[0].strip(".,;)") in t.not_after or after_text.startswith("-year")):
        return True
    if raw.lower() in ("one", "a"):
        return True
    plain_year = re.fullmatch(r"\d{4}", raw) and 1000 <= value <= 2100
    counted = after and after[0].isalpha() and after[0].endswith(("s", "ed"))
    if plain_year and not counted:
        return True
    months = t.months
    if (before and before[-1] in months) or (after and after[0].strip(".,;") in months):
        return True
    return False


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    value: float
    qualifier: str
    unit: str | None
    lead: str  # the word before the number: "between", "from", a qualifier or ""
    vague: bool


def _hits(span: Span) -> list[_Hit]:
    t = tables()
    hits: list[_Hit] = []
    for m in _pattern().finditer(span.text):
        lead = (m.group("qb") or "").lower()
        if m.group("vague"):
            value: float = t.vague[m.group("vague").lower()]
            hits.append(_Hit(m.start(), m.end(), value, "at_least", None, lead, True))
            continue
        parsed = parse_number(m.group("n"))
        if parsed is None:
            continue
        value = parsed * (t.scales[m.group("scale").lower()] if m.group("scale") else 1)
        if _skipped(span, m.start("n"), m.end("n"), value, m.group("n")):
            continue
        qualifier = "exact"
        if lead in t.before:
            qualifier = t.before[lead]
        elif m.group("qa"):
            qualifier = t.after[m.group("qa").strip().lower()]
        unit = "%" if m.group("pct") else _CURRENCY.get((m.group("cur") or "").lower())
        start = m.start() if lead and lead not in ("between", "from") else m.start("n")
        if m.group("cur"):
            start = min(start, m.start("cur"))
        hits.append(_Hit(start, m.end(), value, qualifier, unit, lead, False))
    return hits


_RANGE_GAP = re.compile(r"\s*(?:to|–|-|—)\s*$", re.IGNORECASE)
_AND_GAP = re.compile(r"\s+and\s+$", re.IGNORECASE)


def figures(span: Span) -> list[Figure]:
    """The figures in ``span``, in text order; "2,800 to 3,800" is one range."""
    text = span.text
    hits = _hits(span)
    found: list[Figure] = []
    i = 0
    while i < len(hits):
        hit = hits[i]
        start, end, high = hit.start, hit.end, None
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        if nxt is not None and not hit.vague and not nxt.vague and nxt.value > hit.value:
            gap = text[hit.end : nxt.start]
            if (hit.lead != "between" and _RANGE_GAP.match(gap)) or (
                hit.lead == "between" and _AND_GAP.match(gap)
            ):
                high, end = nxt.value, nxt.end
                if hit.lead in ("between", "from"):
                    start = text.rfind(hit.lead, 0, hit.start + 1)
                    start = start if start >= 0 else hit.start
                i += 1
        qualifier: Qualifier = "range" if high is not None else hit.qualifier  # type: ignore[assignment]
        unit = hit.unit or (nxt.unit if high is not None and nxt is not None else None)
        of = _counted(span, end, percent=unit == "%" or hit.vague)
        found.append(
            Figure(
                value=hit.value,
                qualifier=qualifier,
                text=text[start:end].strip(),
                of=of,
                max=high,
                unit=unit,
            )
        )
        i += 1
    return found
