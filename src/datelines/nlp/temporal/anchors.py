"""Dates anchored to events: "two days after the invasion", "the day before his speech".

Stage: ``nlp.temporal``. Used by the tagger in narrative mode only (news keeps the
TimeML reading: the amount is a duration and the event is no part of the extent).
:func:`event_date` finds the date of an event named by a short phrase: it looks back
through the earlier sentences for the one that mentions most of the phrase's words
(a proper name such as "Fort Sumter", a noun or verb such as "invasion" /
"invaded": the ``events`` table of lexicon.yaml maps word forms) and carries a date,
nearest first, and takes that date. :func:`anchored_value` moves it by the amount.

>>> from datelines.nlp.temporal import tag
>>> text = ("The rebels invaded the valley on 4 May 1861. On 9 May the town fell. "
...         "Two days after the invasion, talks began.")
>>> t = tag(text)[-1]
>>> t.text, t.type, t.value, t.anchor_value
('Two days after the invasion', 'DATE', '1861-05-06', '1861-05-04')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from datelines.nlp.temporal.lexicon import lexicon
from datelines.nlp.temporal.resolve import Reference, shift_value
from datelines.nlp.temporal.timex import Timex

__all__ = ["EVENT_PHRASE", "anchored_value", "event_date", "event_words"]

EVENT_PHRASE = re.compile(r"\b(after|before)\s+(\S.*)$", re.IGNORECASE | re.DOTALL)
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
_DATED = re.compile(r"((?:BC)?\d{4}(?:-(?:\d\d|W\d\d|Q\d))?(?:-\d\d)?)(?:T|$)")


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], frozenset[str]]:
    table = lexicon().tables["events"]
    forms = {str(k): str(v) for k, v in table["forms"].items()}
    return forms, frozenset(str(w) for w in table["ignore"])


def _stem(word: str) -> str:
    """The form a word is compared as: "invaded" and "invasion" are both "invade".

    >>> _stem("invasion"), _stem("sieges"), _stem("Sumter's"), _stem("speeches")
    ('invade', 'siege', 'sumter', 'speech')
    """
    forms, _ = _table()
    word = re.sub(r"['’]s$", "", word.lower())
    if word in forms:
        return forms[word]
    sibilant = word.endswith(("ches", "shes", "sses", "xes"))  # "speeches"
    for suffix in ("ing", "ed", "es" if sibilant else "s"):
        stem = word.removesuffix(suffix)
        if stem != word and len(stem) >= 4:
            return forms.get(stem, stem)
    return word


def event_words(phrase: str) -> tuple[set[str], set[str]]:
    """The words of an event phrase that can identify it in an earlier sentence:
    its nouns and verbs (what happened), then its names (who, where).

    >>> event_words("the siege of Boston began")
    ({'siege'}, {'boston'})
    """
    _, ignore = _table()
    heads: set[str] = set()
    names: set[str] = set()
    for m in _WORD.finditer(phrase):
        word = m.group()
        if word.lower() not in ignore and len(word) > 2:
            (heads if word.islower() else names).add(_stem(word))
    return heads, names


_FINE = {"day": 10, "week": 10, "month": 7}  # how precise the event's date must be


def event_date(
    phrase: str, unit: str, before: int, dated: Sequence[Timex],
    sentences: Sequence[tuple[int, int]], text: str,
) -> Reference | None:  # fmt: skip
    """The date of the event ``phrase`` names, from the sentences before ``before``.

    A sentence whose date is as precise as the ``unit`` moved by needs (a day for
    "two days after") wins, then the one that shares most nouns and verbs of the
    phrase ("invaded" before "KPA" for "the KPA invaded"), then most words, then one
    whose date the text states (not one read against another), then the nearest; within it, the date nearest to the first shared word. None
    when no earlier sentence with a known date mentions the event.
    """
    heads, names = event_words(phrase)
    best: tuple[tuple[bool, int, int, bool], str, Timex] | None = None
    for sent_start, sent_end in sentences:
        if sent_end > before:
            break
        inside = [(t, m.group(1)) for t in dated if sent_start <= t.start < sent_end
                  and t.type in ("DATE", "TIME")
                  and (m := _DATED.match(t.value))]  # fmt: skip
        if not inside:
            continue
        hits = [(m.start(), _stem(m.group()))
                for m in _WORD.finditer(text, sent_start, sent_end)
                if _stem(m.group()) in heads | names
                and not any(t.start <= m.start() < t.end for t, _ in inside)]  # fmt: skip
        shared = {stem for _, stem in hits}
        if not shared:
            continue
        date, value = min(inside, key=lambda d: abs(d[0].start - hits[0][0]))
        rank = (len(value) >= _FINE.get(unit, 4), len(shared & heads),
                len(shared), date.anchor == "explicit")  # fmt: skip
        if best is None or rank >= best[0]:
            best = (rank, value, date)
    if best is None:
        return None
    _, value, date = best
    return Reference(value, f"{date.text} ({phrase})", "relative")


def anchored_value(ref: Reference | None, unit: str, n: float, direction: str) -> str:
    """The event's date moved by ``n`` units, at the unit's granularity.

    >>> anchored_value(Reference("1775-04-19", None, "relative"), "week", 3, "after")
    '1775-W19'
    >>> anchored_value(Reference("BC0490", None, "relative"), "year", 1, "after")
    'BC0489'
    """
    sign = -1 if direction.lower() == "before" else 1
    return shift_value(ref, unit, sign * n)
