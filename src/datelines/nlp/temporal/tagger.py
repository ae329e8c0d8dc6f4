"""Tag a text: scan, read, then resolve each expression in reading order.

Stage: ``nlp.temporal``. Consumes plain text, the document date (a TIMEX3 value, an
input: never the wall clock), a mode and optional blocks; produces
:class:`~datelines.nlp.temporal.timex.Timex` objects in text order.

``news`` mode resolves deictic words ("Tuesday", "last year", "two weeks ago")
against the document date, reading the tense of nearby verbs. ``narrative`` mode
follows the story: a relative expression ("one month later", "that winter", a
year-less "June 20th") resolves against the last date the text gave, and a date in a
heading anchors the paragraphs under it.

>>> [t.value for t in tag("On January 20, 1979 it began. One month later it ended.")]
['1979-01-20', '1979-02']
>>> [t.value for t in tag("Talks ended Tuesday.", dct="2021-03-05", mode="news")]
['2021-03-02']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from datelines.errors import InputError
from datelines.model import Block
from datelines.nlp.temporal.anchors import EVENT_PHRASE, anchored_value, event_date
from datelines.nlp.temporal.lexicon import lexicon
from datelines.nlp.temporal.normalize import Spec, read
from datelines.nlp.temporal.resolve import (
    Reference,
    duration_value,
    point,
    resolve_date,
    shift_value,
)
from datelines.nlp.temporal.scanner import Found, scan
from datelines.nlp.temporal.story import Story, moves_anchor
from datelines.nlp.temporal.tense import tense as read_tense
from datelines.nlp.temporal.timex import Timex

__all__ = ["tag"]

MODES = ("news", "narrative")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n+")
_RANGE_GAP = re.compile(r"^\s*(?:-|–|—|to|until|till|through|and)\s*$", re.IGNORECASE)
_CALENDAR_SETS = {"daily": "XXXX-XX-XX", "nightly": "XXXX-XX-XXTNI", "weekly": "XXXX-WXX",
                  "monthly": "XXXX-XX", "annually": "XXXX", "yearly": "XXXX"}  # fmt: skip


def _sentences(
    text: str, found: Sequence[Found] = ()
) -> list[tuple[int, int]]:
    """Sentence spans: a period after an abbreviation ("Mr.", "Gen.": the
    ``abbreviations`` table) or an initial ("John F. Kennedy") ends none, nor does
    one inside a temporal expression ("Jan. 1", "3 p.m. ET Friday") or a clock
    time before a parenthesis ("10:35 a.m. (0735 GMT) Friday").

    >>> t = "Gen. Lee left at 3 p.m. ET on Friday. He won."
    >>> [t[a:b] for a, b in _sentences(t, scan(t, mode="news"))]
    ['Gen. Lee left at 3 p.m. ET on Friday.', 'He won.']
    """
    inside = [(f.start, f.end) for f in found]
    abbreviations = lexicon().abbreviations
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        word = _LAST_WORD.search(text, max(0, m.start() - 16), m.start())
        if word and (word.group(1).lower() in abbreviations
                     or re.fullmatch(r"[A-Z]", word.group(1))):  # fmt: skip
            continue
        if any(a < m.start() < b for a, b in inside):
            continue
        if text.startswith("(", m.end()) and text.endswith(_CLOCK, 0, m.start()):
            continue  # "10:35 a.m. (0735 GMT) Friday"
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


_CLOCK = ("a.m.", "p.m.")
_LAST_WORD = re.compile(r"(?:^|[\s(\"'])([A-Za-z]+)\.$")


_YEARS_IN = {"decade": 10, "century": 100}


@functools.lru_cache(maxsize=1)
def _context_mod_pattern() -> re.Pattern[str]:
    words = sorted(lexicon().context_mods, key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?:^|\W)({alternation})\s+(?:the\s+)?$", re.IGNORECASE)


def _context_mod(text: str, start: int) -> str | None:
    """The mod that the words just before a date give it ("just prior to")."""
    m = _context_mod_pattern().search(text, max(0, start - 24), start)
    return lexicon().context_mods[m.group(1).lower()] if m else None


def _value(spec: Spec, found: Found, ref: Reference | None, tense: int,
           story: Story) -> str:  # fmt: skip
    if spec.kind == "ref":
        return spec.value or "PRESENT_REF"
    if spec.kind == "duration":
        return duration_value(spec.unit or "day", spec.n)
    if spec.kind == "set":
        if spec.weekday:
            pod = f"T{spec.pod}" if spec.pod else ""
            return f"XXXX-WXX-{spec.weekday}{pod}"
        if spec.month:  # "each July", "every December 31"
            of_month = f"-{spec.day:02d}" if spec.day else ""
            return f"XXXX-{spec.month:02d}{of_month}"
        if spec.season:  # "every spring"
            return f"XXXX-{spec.season}"
        if spec.pod:  # "every morning"
            return f"XXXX-XX-XXT{spec.pod}"
        calendar = _CALENDAR_SETS.get(found.groups.get("named", "").lower())
        if calendar and story.mode == "narrative":
            return calendar  # TIMEX2-style narratives write "daily" as XXXX-XX-XX
        return duration_value(spec.unit or "day", spec.n or 1)
    if spec.kind == "shift":
        named = found.groups.get("named", "").lower()
        if named == "today" and story.mode == "narrative":
            return "PRESENT_REF"
        if spec.n is None:
            return "PAST_REF" if (spec.rel or 0) < 0 else "FUTURE_REF"
        unit, n = spec.unit or "day", spec.n
        if unit in _YEARS_IN and found.groups.get("dir", "").lower() == "ago":
            unit, n = "year", n * _YEARS_IN[unit]  # "a decade ago": a year, not the 2000s
        value = shift_value(ref, unit, n)
        return value + (f"T{spec.pod}" if spec.pod and "XX" not in value[:4] else "")
    if found.rule.consts.get("unit") == "quarter" and spec.part is None:
        current = found.groups.get("rel", "").lower() == "current"
        return _relative_quarter(spec, story, current=current)
    if (spec.pod and spec.month is None and spec.weekday is None
            and spec.year is None and spec.holiday is None):  # fmt: skip
        day = shift_value(ref, "day", spec.rel or 0) if spec.hour is None else None
        return f"{day}T{spec.pod}" if day else "XXXX-XX-XX"
    value = resolve_date(
        spec, ref, tense, point(story.dct.value) if story.dct else None
    )
    if spec.pod and len(value) == 10:
        value += f"T{spec.pod}"
    return value


def _relative_quarter(spec: Spec, story: Story, *, current: bool = False) -> str:
    p = point(story.context.value) if story.context else None
    if spec.rel == 0 and spec.year_shift is None and spec.year is None:
        p = None  # "the latest quarter": the last one reported before the document
    if p is None or not (p.part or "").startswith("Q"):
        d = point(story.dct.value) if story.dct else None
        if d is None or d.month is None:
            return "XXXX-QX"
        index = d.year * 4 + (d.month - 1) // 3 - 1  # the last one reported
        if (spec.rel or current) and spec.year is None and spec.year_shift is None:
            index += 1  # "last quarter", "the current quarter": the document's quarter
    else:
        index = p.year * 4 + int(p.part[1]) - 1  # type: ignore[index]
    if spec.year is not None:  # "the 1989 period": that year's quarter in focus
        index = spec.year * 4 + index % 4
    index += (spec.rel or 0) + 4 * (spec.year_shift or 0)
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def _time(spec: Spec, day_value: str | None) -> str:
    day = (
        day_value[:10]
        if day_value and re.match(r"\d{4}-\d\d-\d\d", day_value)
        else None
    )
    clock = f"T{spec.hour:02d}:{spec.minute or 0:02d}" if spec.hour is not None else ""
    if not clock and spec.pod:
        clock = f"T{spec.pod}"
    return f"{day or 'XXXX-XX-XX'}{clock}"


def _explicit(spec: Spec) -> bool:
    return spec.kind in ("duration", "set", "ref") or any(
        x is not None for x in (spec.year, spec.century, spec.decade)
    )


def tag(
    text: str,
    *,
    dct: str | None = None,
    mode: str = "narrative",
    blocks: Sequence[Block] = (),
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[Timex]:
    """Find and normalize every temporal expression in ``text``.

    ``dct`` is the document date as a TIMEX3 value (``"1998-03-10"``); ``mode`` is
    ``"news"`` or ``"narrative"``; ``blocks`` are the document's blocks (a date in a
    ``heading`` block anchors what follows); ``sentences`` optional boundaries.

    >>> [(t.text, t.value) for t in tag("In the summer of 1969 they met.")]
    [('the summer of 1969', '1969-SU')]
    """
    if mode not in MODES:
        raise InputError(
            "mode", f"unknown temporal mode '{mode}'", "use news or narrative"
        )
    story = Story(dct, mode)
    found_all = scan(text, mode=mode)
    spans = list(sentences) if sentences else _sentences(text, found_all)
    headings = [(b.start, b.end) for b in blocks if b.kind == "heading"]
    out: list[Timex] = []
    times: list[tuple[int, Spec, Found, tuple[int, int]]] = []
    seen_heading: set[tuple[int, int]] = set()
    sent_index = 0
    for i, found in enumerate(found_all):
        spec = read(found)
        if spec is None:
            continue
        while sent_index < len(spans) - 1 and spans[sent_index][1] <= found.start:
            sent_index += 1
        sent = spans[sent_index]
        heading = next((h for h in headings if h[0] <= found.start < h[1]), None)
        mod = spec.mod
        if mod is None and spec.kind in ("date", "shift", "time"):
            mod = _context_mod(text, found.start)  # "by 1975", "just prior to June 20"
        nested = bool(out) and found.start < out[-1].end  # a season inside a duration's phrase
        if spec.kind == "time":
            if not nested:
                times.append((len(out), spec, found, sent))
                out.append(Timex(found.start, found.end, found.text, "TIME", "", mod))
            continue
        nxt = found_all[i + 1] if i + 1 < len(found_all) else None
        prev = out[-1] if out else None
        ref = _range_partner(text, spec, found, nxt, prev) or story.base(spec, found)
        tense = read_tense(text, found.start, found.end, sent)
        value = _value(spec, found, ref, tense, story)
        kind = spec.type
        if mode == "narrative" and spec.kind == "shift" and spec.unit in _CLOCK_UNITS:
            day = _last_day(out, story)  # "hours later": the day last told, at TXX
            if day is not None:
                ref, value = day, f"{day.value}TXX"
        if mode == "narrative" and found.rule.name in _EVENT_RULES:
            event = _event(text, found, spec, out, spans, story)
            if event is None and found.rule.name == "unit_after_event":
                continue  # "the day after" with no event phrase to date
            if event is not None:
                kind, (value, ref) = "DATE", event
        explicit = _explicit(spec) and spec.kind not in ("shift",)
        explicit = explicit or value.endswith("_REF")  # "today" in a narrative
        explicit = explicit and kind == spec.type  # an event's date moved: relative
        origin = "explicit" if explicit or ref is None else ref.origin
        timex = Timex(
            found.start, found.end, found.text, kind, value, mod,
            freq=spec.freq,
            quant=spec.quant,
            anchor=origin,
            anchor_value=None if origin == "explicit" or ref is None else ref.value,
            anchor_text=None if origin == "explicit" or ref is None else ref.text,
        )  # fmt: skip
        if not nested:
            out.append(timex)
        if spec.kind in ("date", "shift"):
            if heading is not None:
                if heading not in seen_heading:
                    seen_heading.add(heading)
                    story.update(value, found.text, "heading")
            elif moves_anchor(text, spec, value, found, sent, story=story):
                story.update(value, found.text, "relative")
    _fill_times(text, out, times, story)
    return _ranges(text, out)


_EVENT_RULES = ("units_after_event", "unit_after_event")
_CLOCK_UNITS = ("hour", "minute")
_DAY = re.compile(r"(?:BC)?\d{4}-\d\d-\d\d")


def _last_day(out: Sequence[Timex], story: Story) -> Reference | None:
    """The day a narrative last told: the anchor's, or else the last dated day."""
    last = [story.context] if story.context else []
    last += [Reference(t.value, t.text, "relative") for t in reversed(out)
             if t.type in ("DATE", "TIME")]  # fmt: skip
    for ref in last:
        m = _DAY.match(ref.value)
        if m:
            return Reference(m.group(), ref.text, ref.origin)
    return None


def _event(
    text: str, found: Found, spec: Spec, out: Sequence[Timex],
    spans: Sequence[tuple[int, int]], story: Story,
) -> tuple[str, Reference | None] | None:  # fmt: skip
    """The value of "two days after the invasion": the event's date (or, when no
    earlier sentence dates it, the story's anchor) moved by the amount."""
    m = EVENT_PHRASE.search(found.text)
    if m is None or spec.n is None:
        return None
    ref = event_date(
        m.group(2), spec.unit or "day", found.start, out, spans, text
    ) or story.context
    return anchored_value(ref, spec.unit or "day", spec.n, m.group(1)), ref


def _range_partner(
    text: str, spec: Spec, found: Found, nxt: Found | None, prev: Timex | None
) -> Reference | None:
    """The other end of a range, when it supplies what this date lacks.

    "from July 2 to July 5, 1988": "July 2" takes the year of the date after it;
    "April 24 and 25" and "1995-96": the second takes month or century from the first.
    """
    if spec.kind != "date" or spec.year is not None:
        return None
    if nxt is not None and _RANGE_GAP.match(text[found.end : nxt.start]):
        other = read(nxt)
        if other is not None and other.kind == "date" and other.year is not None:
            return Reference(resolve_date(other, None, 0, None), nxt.text, "relative")
    partial = (spec.month is None and spec.day is not None) or spec.year2 is not None
    if (prev is not None and partial and point(prev.value) is not None
            and _RANGE_GAP.match(text[prev.end : found.start])):  # fmt: skip
        return Reference(prev.value, prev.text, "relative")
    return None


def _fill_times(text: str, out: list[Timex],
                times: list[tuple[int, Spec, Found, tuple[int, int]]],
                story: Story) -> None:  # fmt: skip
    dated_first = sorted(times, key=lambda t: not (t[1].weekday or t[1].month))
    for index, spec, found, sent in dated_first:  # "9 a.m. Tuesday" dates "5 p.m."
        if spec.weekday or spec.month:
            base = story.dct if story.mode == "news" and story.dct else story.context
            tense = read_tense(text, found.start, found.end, sent)
            day = resolve_date(replace(spec, kind="date"), base, tense, None)
            old = out[index]
            out[index] = Timex(
                old.start, old.end, old.text, "TIME", _time(spec, day), old.mod,
                anchor="explicit" if spec.year else (base.origin if base else "explicit"),
                anchor_value=base.value if base else None,
                anchor_text=base.text if base else None,
            )  # fmt: skip
            continue
        near = [t for t in out if t.type in ("DATE", "TIME") and sent[0] <= t.start < sent[1]
                and re.match(r"\d{4}-\d\d-\d\d", t.value)]  # fmt: skip
        near.sort(key=lambda t: abs(t.start - found.start))
        if near:
            ref = Reference(near[0].value, near[0].text, "relative")
        else:
            before = [t for t in out[:index] if re.match(r"\d{4}-\d\d-\d\d", t.value)]
            if story.mode == "news" and story.dct:
                ref = story.dct
            elif before:
                ref = Reference(before[-1].value, before[-1].text, "relative")
            else:
                ref = None
        value = _time(spec, ref.value if ref else None)
        origin = "relative" if ref and ref.origin != "document" else (
            "document" if ref else "explicit")  # fmt: skip
        old = out[index]
        out[index] = Timex(
            old.start, old.end, old.text, "TIME", value, old.mod, anchor=origin,
            anchor_value=ref.value if ref else None, anchor_text=ref.text if ref else None,
        )  # fmt: skip


def _ranges(text: str, out: list[Timex]) -> list[Timex]:
    """Give the first of "from X to Y" / "between X and Y" / "X-Y" its end value."""
    result = list(out)
    for i in range(len(result) - 1):
        a, b = result[i], result[i + 1]
        gap = text[a.end : b.start]
        lead = text[max(0, a.start - 9) : a.start].lower()
        if not _RANGE_GAP.match(gap) or a.type != "DATE" or b.type != "DATE":
            continue
        if gap.strip() in ("-", "–", "—") or re.search(r"(from|between)\s+$", lead):
            if gap.strip().lower() == "and" and "between" not in lead:
                continue
            result[i] = Timex(**{**a.__dict__, "end_value": b.value})
    return result
