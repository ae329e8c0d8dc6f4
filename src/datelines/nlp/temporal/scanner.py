"""Find temporal expressions: every rule's regex over the text, longest match wins.

Stage: ``nlp.temporal``. Consumes plain text and the compiled rules of
:mod:`~datelines.nlp.temporal.lexicon`; produces :class:`Found` spans (offsets, the
rule, its named groups), non-overlapping and in text order. Nothing here needs spaCy.
A few filters keep words that only look like dates out ("May" the verb, "march" the
noun, "1,500 men").

>>> [(f.text, f.rule.name) for f in scan("On July 21, 1981 and in May 1990 they may go.")]
[('July 21, 1981', 'month_day_year'), ('May 1990', 'month_year')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from datelines.nlp.temporal.lexicon import Rule, lexicon

__all__ = ["Found", "scan"]

# A month or weekday name must be capitalized; these names also need a date-like
# neighbour when they stand alone (verbs and nouns that look like months).
_AMBIGUOUS_MONTHS = {"may", "march", "jan", "mar", "jun", "sept", "sep", "dec", "oct"}
_MONTH_CUES = re.compile(
    r"(?:\b(?:in|of|since|until|till|through|from|to|by|during|early|late|mid|"
    r"last|next|this|that|before|after|between|and|or|until|around|about)[ -])$",
    re.IGNORECASE,
)
_COUNTED = re.compile(
    r"^[ ]?(?:-|–)?[ ]?(?:men|troops|soldiers|people|dead|killed|casualties|"
    r"tons|miles|km|kilometers|feet|meters|ships|aircraft|planes|tanks|guns|"
    r"prisoners|of (?:the|his|their)|percent|%|[a-z]+ (?:men|troops|soldiers))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found:
    """One rule match: where, which rule, and its named groups."""

    start: int
    end: int
    text: str
    rule: Rule
    groups: dict[str, str]
    spans: dict[str, tuple[int, int]]  # where each named group matched


def _capitalized(text: str, found: Found) -> bool:
    for key in ("month", "weekday", "holiday"):
        word = found.groups.get(key)
        if word and not word[0].isupper():
            return False
    return True


def _plausible(text: str, found: Found) -> bool:
    if not _capitalized(text, found):
        return False
    groups = found.groups
    month = groups.get("month")
    rule = found.rule.name
    if month and rule == "month":
        word = month.lower().rstrip(".")
        before = text[max(0, found.start - 20) : found.start]
        if word in _AMBIGUOUS_MONTHS and not _MONTH_CUES.search(before):
            return False
    if rule in ("year", "modded_year", "year_era") and groups.get("year"):
        after = text[found.end : found.end + 30]
        before = text[max(0, found.start - 2) : found.start]
        if before.endswith(("$", "#", "No. ")) or _COUNTED.match(after):
            return False
        if rule == "year_era" and not groups.get("era"):
            return False
    season = groups.get("season", "").lower()
    if season in ("fall", "spring") and not (groups.get("rel") or groups.get("year")):
        before = text[max(0, found.start - 12) : found.start].lower()
        if not re.search(
            r"\b(?:in|this|last|next|that|during|the|by|until|early|late)\s+$", before
        ):
            return False
    if rule == "decade" and re.search(
        r"\b(?:his|her|their|in (?:his|her|their) (?:early|late|mid))\s*$",
        text[max(0, found.start - 20) : found.start].lower(),
    ):
        return False
    if rule == "clock_24h":
        after = text[found.end : found.end + 2]
        if after[:1].isdigit() or int(groups.get("hour", "0")) > 24:
            return False
    if groups.get("day") and not 1 <= int(groups["day"]) <= 31:
        return False
    if groups.get("hour") and int(groups["hour"]) > 24:
        return False
    return True


def scan(text: str, *, mode: str = "narrative") -> list[Found]:
    """All temporal expressions in ``text``, non-overlapping, in text order."""
    candidates: list[Found] = []
    for rule in lexicon().rules:
        if mode not in rule.modes:
            continue
        for m in rule.pattern.finditer(text):
            if m.end() == m.start():
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            spans = {k: m.span(k) for k in groups}
            found = Found(m.start(), m.end(), m.group(0), rule, groups, spans)
            if _plausible(text, found):
                candidates.append(found)
    candidates.sort(key=lambda f: (-(f.end - f.start), f.rule.priority, f.start))
    taken: list[Found] = []
    used = bytearray(len(text) + 1)
    for found in candidates:
        if any(used[found.start : found.end]):
            continue
        used[found.start : found.end] = b"\x01" * (found.end - found.start)
        taken.append(found)
    taken.sort(key=lambda f: f.start)
    return [_trim(text, f) for f in taken]


def _trim(text: str, found: Found) -> Found:
    """Leave out the leading words TimeML keeps outside an extent ("over the ...")."""
    start = found.start
    for pattern in lexicon().trim_leading:
        m = pattern.match(text, start, found.end)
        if m and m.end() < found.end:
            start = m.end()
    groups = found.groups
    num = found.spans.get("num")
    if (
        found.rule.kind == "duration"
        and "the" in groups
        and num is not None
        and groups.get("num", "").lower() not in ("a", "an", "one")
        and not groups.get("unit", "s").lower().endswith("s")
        and "rel" not in groups
    ):
        start = max(start, num[0])  # "a four-year term": the extent is "four-year"
    if start == found.start:
        return found
    end = found.end
    return Found(start, end, text[start:end], found.rule, groups, found.spans)
