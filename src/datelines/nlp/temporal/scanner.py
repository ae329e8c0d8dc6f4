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

import functools
import re
from dataclasses import dataclass

from datelines.nlp.temporal.lexicon import Rule, alternation, lexicon

__all__ = ["Found", "scan"]

# A month or weekday name must be capitalized; these names also need a date-like
# neighbour when they stand alone (verbs and nouns that look like months).
_AMBIGUOUS_MONTHS = {"may", "march", "jan", "mar", "jun", "sept", "sep", "dec", "oct"}
_MONTH_CUES = re.compile(
    r"(?:\b(?:in|of|since|until|till|through|from|to|by|during|early|late|mid|"
    r"last|next|this|that|before|after|between|and|or|until|around|about)[ -])$",
    re.IGNORECASE,
)


_FULL_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "sept",
}  # fmt: skip
_SEASON_CUE = re.compile(r"\b(?:in|this|last|next|that|during|the|by|until|a)\s+$")
_NAME_BEFORE = re.compile(r"\b(?:[A-Z][A-Za-z]*|[A-Z]{2,})\s$")
_AGE = re.compile(r"^[ -]old\b")
_PER = re.compile(r"^ (?:a|an|per|each) (?:day|week|month|year)\b")
_RATE = re.compile(
    r"(?:\d|million|billion|percent|cents|dollars|times|hours|miles|seats|units|"
    r"days|nights|weeks|months|minutes)\s+$",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(
    r"\b(?:his|her|their|in (?:his|her|their) (?:early|late|mid))\s*$"
)
_DAY_LIST = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? [0-3]?\d(?:st|nd|rd|th)?"
    r"\s*(?:and|to|through|or|-|–|&)\s*$",
    re.IGNORECASE,
)
_ON_THE_DAY = re.compile(r"\b(?:on|by|until|till|from|to|before|and)\s+$")
_PART_OF = re.compile(  # "the second half of the game", not "... of the year"
    r" of (?:the|this|that|its|their|his|her) (?!(?:fiscal |calendar )?year\b)"
)
_STREET = re.compile(
    r"^ (?:[A-Z][a-z]+ ){1,2}(?:Avenue|Ave\.|Street|St\.|Road|Rd\.|Boulevard|Blvd\.?|"
    r"Drive|Lane|Way|Place|Court)(?!\w)"
)
_SMALL_HOURS = re.compile(r"\b(?:early|wee|small|morning) $", re.IGNORECASE)
_VERB_LAST = re.compile(
    r"(?:\b(?:to|will|would|could|can|may|might|must|should|shall|not|also|only)|n't|'ll)"
    r"\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Patterns:
    """Context patterns built from the ``counts`` and ``names`` tables."""

    counted: re.Pattern[str]  # "1200 jobs", "16 of the", "30%"
    label: re.Pattern[str]  # "Flight 1549", "population 1200"
    name: re.Pattern[str]  # "Super Tuesday"


@functools.lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    lex = lexicon()
    nouns = alternation(lex.counted_nouns)
    return _Patterns(
        counted=re.compile(
            rf"^[ ]?(?:-|–)?[ ]?(?:{nouns}|of (?:the|his|their)|%|"
            r"[a-z]+ (?:men|troops|soldiers))\b",
            re.IGNORECASE,
        ),
        label=re.compile(rf"\b(?:{alternation(lex.number_labels)})\s*$", re.IGNORECASE),
        name=re.compile(rf"\b(?:{alternation(lex.name_words)}) $"),
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


def _plausible(text: str, found: Found, *, mode: str) -> bool:
    """False for matches that only look like dates (a verb, a count, an age, a rate).

    TIMEX2-style narratives tag the unit of a rate ("30 attacks a day"); TimeML
    news leaves it untagged.
    """
    if not _capitalized(text, found):
        return False
    groups = found.groups
    rule = found.rule.name
    before = text[max(0, found.start - 24) : found.start]
    after = text[found.end : found.end + 30]
    month = groups.get("month", "")
    if month and rule == "month":
        word = month.lower().rstrip(".")
        if word in _AMBIGUOUS_MONTHS and not _MONTH_CUES.search(before):
            return False
        if word not in _FULL_MONTHS and not month.endswith("."):
            return False  # "Jan Kavan"
    if rule in ("year", "modded_year", "year_era") and groups.get("year"):
        if before.endswith(("$", "#", "No. ")) or after.startswith(("+", "%")):
            return False
        if re.match(r" (?:GMT|UTC)\b", after):
            return False  # "(1830 GMT)": a clock time, left untagged as TE3 does
        if _patterns().counted.match(after) or _is_count(text, found):
            return False
        if _patterns().label.search(before) or _STREET.match(after):
            return False  # "Flight 1549", "Resolution 1483", "1600 Pennsylvania Avenue"
    season = groups.get("season", "")
    if season.lower() in ("fall", "spring") and not (
        groups.get("rel", "the").lower() != "the"
        or groups.get("year")
        or groups.get("quant")  # "every spring"
    ):
        cue = _SEASON_CUE.search(before.lower())
        if re.match(r" of\b", after) or not (cue or season == "Spring"):
            return False  # "prices fall", "the fall of the city"
    unit = groups.get("unit", "").lower()
    amount = (groups.get("num") or groups.get("rel") or "").lower()
    if unit == "second" and amount in ("a", "an", "one", "the"):
        return False  # "a second attack"
    if unit.startswith("quarter") and (re.match(r" of\b", after) or "-" in found.text):
        return False  # "three-quarters of", "a four-quarter test"
    if unit == "quarter" and amount in ("a", "an") and found.rule.kind == "duration":
        return False  # "a decrease of about a quarter": a fraction more often
    if (
        found.text.lower().startswith("last ")
        and unit.endswith("s")
        and _VERB_LAST.search(before)
    ):
        return False  # "expected to last weeks": the verb, not "the last weeks"
    if found.rule.kind == "duration" and (_AGE.match(after) or _PER.match(after)):
        return False  # "52 years old", "24 hours a day"
    if amount in ("a", "an") and found.rule.kind in ("duration", "set"):
        if mode == "news" and _RATE.search(before):
            return False  # "$2 million a year", "24 hours a day"
    if rule == "duration_vague" and unit[:1] and groups["unit"][0].isupper():
        if not re.search(r"(?:^|[.!?:\n]\s*|\s{2,})$", before):
            return False  # "The Early Days of the MEK": a title, not a span of days
    if (
        found.rule.kind in ("shift", "ref")
        and found.text[:1].isupper()
        and _NAME_BEFORE.search(before)
    ):
        return False  # "USA Today", "ANC Today": part of a name
    if (
        found.rule.kind in ("shift", "ref")
        and " " in found.text
        and found.text.istitle()
        and re.search(r"[\"“]$", before)
    ):
        return False  # ABC's "This Week": a title in quotes
    if rule == "decade" and _POSSESSIVE.search(before.lower()):
        return False  # "in his 30s"
    if rule == "on_the_day" and not _ON_THE_DAY.search(before.lower()):
        return False
    if unit == "hours" and _SMALL_HOURS.search(before):
        return False  # "in the early hours of Saturday": a time of night, no span
    if rule in ("quarter", "half") and not groups.get("year") and _PART_OF.match(after):
        return False  # "the first half of the 20th century", "... of the game"
    if _patterns().name.search(before) and (groups.get("weekday") or groups.get("holiday")):
        return False  # "Super Tuesday", "Lunar New Year": another calendar or a name
    if rule == "quarter" and groups.get("ord", "").lower() == "last":
        if not groups.get("year"):
            return False  # "sales fell last quarter": quarter_relative reads it
    if rule == "day_after_range" and not _DAY_LIST.search(before):
        return False  # "April 24 and 25", not "in 1990 and 25 percent"
    if rule == "clock_24h" and after[:1].isdigit():
        return False
    if rule == "iso_month" and int(groups["monthnum"]) > int(groups["year"][-2:]):
        return False  # "2006-07" is a range of years; "2023-10" a month
    if "monthnum" in groups:
        month_number, day_number = int(groups["monthnum"]), int(groups.get("day", "0"))
        if not (1 <= month_number <= 12 or ("day" in groups and 1 <= day_number <= 12)):
            return False
    if groups.get("day") and not 1 <= int(groups["day"]) <= 31:
        return False
    if groups.get("hour") and int(groups["hour"]) > 24:
        return False
    return True


_PARTICIPLE = re.compile(r"^ (?:were |was |had been |have been )?[a-z]{3,}ed\b")
_PLURAL = re.compile(r"^ ([a-z]{3,}s)\b")
_LABEL = re.compile(r"(?:^|\n|[|;]\s*)\s*([A-Za-z]+)\s*:\s*$")
_CUE = re.compile(r"\b([a-z]+(?: [a-z]+)?)\s*$")


def _is_count(text: str, found: Found) -> bool:
    """A bare number in the year range used as a count: "1000 arrested".

    A count word before it and a participle or a plural noun after it
    ("and 1000 arrested", "some 1500 protesters"), a count label ("Killed: 1000"),
    or "1000-plus". The cue words are the ``counts`` table of ``lexicon.yaml``.
    """
    if found.groups.get("era"):
        return False  # "1000 BC"
    lex = lexicon()
    year_start, year_end = found.spans["year"]
    if year_end != found.end:
        return False
    lead = text[max(0, year_start - 30) : year_start]
    after = text[found.end : found.end + 30]
    if re.match(r"^(?:-| )plus\b|^ or more\b", after):
        return True
    label = _LABEL.search(lead)
    if label and label.group(1).lower() in lex.count_labels:
        return True
    words = lead.lower().replace(",", " and ").split()
    cue = next(
        (c for c in (" ".join(words[-2:]), " ".join(words[-1:])) if c in lex.count_cues),
        None,
    )
    if cue is None:
        return False
    if cue in ("and", "or") and len(words) > 1:
        prior = words[-2].strip(".")
        if prior.isdigit() or prior in lex.months or prior.endswith("s"):
            return False  # "in 1945 and 1946 elections", "the 1970s and 1980 ..."
    if _PARTICIPLE.match(after):
        return True
    plural = _PLURAL.match(after)
    if plural is None or plural.group(1) in lex.not_plural:
        return False
    return cue not in lex.count_round_only or found.groups["year"].endswith("00")


def scan(text: str, *, mode: str = "narrative") -> list[Found]:
    """All temporal expressions in ``text``, non-overlapping, in text order."""
    candidates: list[Found] = []
    for rule in lexicon().rules:
        if mode not in rule.modes:
            continue
        at = 0
        while (m := rule.pattern.search(text, at)) is not None:
            at = m.end() if m.end() > m.start() else m.start() + 1
            if m.end() == m.start():
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            spans = {k: m.span(k) for k in groups}
            found = Found(m.start(), m.end(), m.group(0), rule, groups, spans)
            if _plausible(text, found, mode=mode):
                candidates.append(found)
            else:  # a look-alike may hide a shorter match ("to last [three days]")
                at = m.start() + 1
    candidates.sort(key=lambda f: (-(f.end - f.start), f.rule.priority, f.start))
    taken: list[Found] = []
    used = bytearray(len(text) + 1)
    for found in candidates:
        if any(used[found.start : found.end]):
            continue
        used[found.start : found.end] = b"\x01" * (found.end - found.start)
        taken.append(found)
    taken.sort(key=lambda f: f.start)
    trimmed = [_trim(text, f, mode=mode) for f in taken]
    return _postmodified(text, trimmed) if mode == "narrative" else trimmed


_PHRASE = re.compile(
    r" (of|after|before|since) ((?:[^,;:!?.()\n]|[,.](?=\S))+)"
    r"(?=[,;:!?.]?(?:\n|$)|[,;:!?.]\s|[()])"
)
_NOT_IN_PHRASE = {
    "was", "were", "is", "are", "be", "been", "being", "had", "has", "have", "did",
    "does", "do", "would", "could", "should", "will", "may", "might", "can", "which",
    "who", "whom", "whose", "that", "when", "where", "while", "because", "if", "age",
    "it", "them", "him",
}  # fmt: skip


def _postmodified(text: str, found: list[Found]) -> list[Found]:
    """Extend a duration over the phrase after it, as TIMEX2-style narratives do.

    "after two months of siege." and "eight days after the fort fell," are one
    expression each. The phrase ("of", "after", "before" or "since" and what
    follows) runs to the next punctuation, has at most nine words, no relative word,
    no other duration, no explicit date and, after "of", no verb (else the duration
    stays as it is). A phrase with a year ("the first ten months of 1915") is left
    out, unlike TIMEX2, so that the year keeps its timex and dates its sentence.

    >>> t = "Rome won after twenty years of war, and in the first ten months of 1915, peace."
    >>> [f.text for f in _postmodified(t, scan(t, mode="news"))]
    ['twenty years of war', 'the first ten months', '1915']
    """
    out: list[Found] = []
    end = -1
    for f in found:
        phrase_end = None if f.start < end else _phrase_end(text, f, found)
        if phrase_end is None:
            out.append(f)
            continue
        end = phrase_end
        out.append(Found(f.start, end, text[f.start : end], f.rule, f.groups, f.spans))
    return out


_EXPLICIT = {"year", "yearwords", "decade", "decadeword", "century"}


def _phrase_end(text: str, duration: Found, found: list[Found]) -> int | None:
    """Where the phrase after a duration ends, or None when it has none."""
    if "DURATION" not in (duration.rule.kind.upper(), duration.rule.consts.get("type")):
        return None  # a duration rule, or a ref typed DURATION ("a period")
    m = _PHRASE.match(text, duration.end)
    if m is None:
        return None
    stop = m.end()
    inner = [f.start for f in found if duration.end < f.start < m.end()
             and f.rule.kind in ("duration", "set")]  # fmt: skip
    if inner:  # "two days after the raid and three months before the war"
        stop = text.rfind(" and ", m.start(2), inner[0])
        if m.group(1) not in ("after", "before") or stop + len(" and ") != inner[0]:
            return None
    phrase = text[m.start(2) : stop]
    if any(m.start(2) <= f.start < stop and f.groups.keys() & _EXPLICIT
           for f in found):  # fmt: skip
        return None  # "the first ten months of 1915": the year keeps its own timex
    words = phrase.split()
    if len(words) > 9:
        return None
    for i, word in enumerate(words):
        verb = m.group(1) == "of" and i and word.islower() and word.endswith("ed")
        if verb or word.lower() in _NOT_IN_PHRASE:
            return None  # a clause, not a noun phrase: "the days of the truce were"
    return m.start(2) + len(phrase.rstrip("\"'”’"))


def _trim(text: str, found: Found, *, mode: str) -> Found:
    """Leave out the leading words TimeML keeps outside an extent ("over the ...").

    In news, "about" also stays outside but still gives the mod (TempEval-3 usage).
    """
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
        and groups.get("num", "").lower() not in ("a", "an")
        and not groups.get("unit", "s").lower().endswith("s")
        and "rel" not in groups
    ):
        start = max(start, num[0])  # "a four-year term": the extent is "four-year"
    kept_mod_start = start
    if mode == "news":
        for pattern in lexicon().trim_leading_news:
            m = pattern.match(text, start, found.end)
            if m and m.end() < found.end:
                start = m.end()
    if start == found.start:
        return found
    for key in ("mod", "pre"):  # a modifier left out of the extent ("over", "later")
        if key in groups and found.spans[key][1] <= kept_mod_start:
            groups = {k: v for k, v in groups.items() if k != key}
    end = found.end
    return Found(start, end, text[start:end], found.rule, groups, found.spans)
