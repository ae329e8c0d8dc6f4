"""Read a rule match into a :class:`Spec`: the calendar fields the words state.

Stage: ``nlp.temporal``. Consumes a :class:`~datelines.nlp.temporal.scanner.Found`;
produces a :class:`Spec` that still may need an anchor (a year-less "June 20th", a
shift such as "one month later"). :mod:`~datelines.nlp.temporal.resolve` fills the
gaps. Nothing here looks at other expressions or at the document date.

>>> from datelines.nlp.temporal.scanner import scan
>>> spec = read(scan("in the late 1970s")[0])
>>> spec.decade, spec.mod
(197, 'END')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from datelines.nlp.temporal.lexicon import Lexicon, lexicon
from datelines.nlp.temporal.scanner import Found

__all__ = ["Spec", "read"]

_REL = {
    "last": -1, "previous": -1, "preceding": -1, "prior": -1, "past": -1,
    "this past": -1, "year-earlier": -1, "year-ago": -1, "last year's": -1,
    "next": 1, "following": 1, "coming": 1, "this coming": 1, "next year's": 1,
    "this": 0, "that": 0, "same": 0, "that same": 0, "current": 0, "present": 0,
    "the": 0, "a": 0, "this year's": 0, "latest": 0, "one": 0,
    "yesterday": -1, "tomorrow": 1,
}  # fmt: skip
_DIR = {
    "ago": -1, "earlier": -1, "before": -1, "previously": -1, "prior": -1,
    "later": 1, "after": 1, "afterward": 1, "afterwards": 1, "hence": 1,
    "from now": 1, "from today": 1, "on": 1, "following": 1,
}  # fmt: skip
_FRACTIONS = {"half": 0.5, "a quarter of": 0.25, "three quarters of": 0.75}
_PRE_MOD = {"early": "START", "earlier": "START", "late": "END", "later": "END"}
# An amount's mod on a point reached by counting back or on ("more than a decade
# ago" is before the year a decade ago): TIDES MOD tokens, as TimeML uses them.
_POINT_MOD = {
    -1: {"MORE_THAN": "BEFORE", "LESS_THAN": "AFTER",
         "EQUAL_OR_MORE": "ON_OR_BEFORE", "EQUAL_OR_LESS": "ON_OR_AFTER"},
    1: {"MORE_THAN": "AFTER", "LESS_THAN": "BEFORE",
        "EQUAL_OR_MORE": "ON_OR_AFTER", "EQUAL_OR_LESS": "ON_OR_BEFORE"},
}  # fmt: skip
_SET_ADVERBS = {
    "daily": "day", "nightly": "day", "weekly": "week", "monthly": "month",
    "quarterly": "quarter", "annually": "year", "yearly": "year", "hourly": "hour",
}  # fmt: skip
_NAMED_SHIFT = {
    "yesterday": -1, "today": 0, "tomorrow": 1, "the day before yesterday": -2,
    "the day after tomorrow": 2,
}  # fmt: skip


@dataclass(frozen=True)
class Spec:
    """What the words of one expression say, before anchoring."""

    kind: str  # date | shift | duration | set | ref | time
    type: str = "DATE"
    year: int | None = None  # astronomical: 1 BC is 0
    year2: int | None = None  # a two-digit year ("'79"): century from context
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    season: str | None = None
    part: str | None = None  # Q1..Q4, H1, H2
    decade: int | None = None  # 197 for the 1970s
    decade_digit: int | None = None  # 7 for "the seventies" or "the 70s"
    century: int | None = None  # 19 for the 20th century
    pod: str | None = None
    hour: int | None = None
    minute: int | None = None
    holiday: str | None = None
    unit: str | None = None
    n: float | None = None  # None: unknown amount ("several")
    base: str = "context"  # context | dct: what a shift or a gap is measured from
    rel: int | None = None  # -1, 0, +1 for last/this/next
    mod: str | None = None
    value: str | None = None  # fixed value (refs)
    freq: str | None = None
    quant: str | None = None
    year_shift: int | None = None  # "of the following year"
    extras: dict[str, str] = field(default_factory=dict)


def _unit(lex: Lexicon, word: str) -> str:
    word = word.lower()
    for unit in lex.units:
        if word in (unit, unit + "s") or (
            unit.endswith("y") and word == unit[:-1] + "ies"
        ):
            return unit
    return "millennium" if word == "millennia" else word


def _year(groups: dict[str, str], lex: Lexicon) -> tuple[int | None, int | None]:
    if "yearwords" in groups:
        words = groups["yearwords"].lower().replace("-", " ").split()
        if words[0] == "two":
            return 2000 + int(lex.number(" ".join(words[2:]) or "0") or 0), None
        century = lex.number(words[0]) or 0
        rest = [w for w in words[1:] if w not in ("hundred", "and", "oh")]
        return int(
            century * 100 + (lex.number(" ".join(rest)) or 0 if rest else 0)
        ), None
    if "year2" in groups:
        return None, int(groups["year2"])
    raw = groups.get("year")
    if raw is None:
        return None, None
    era = groups.get("era", "").upper().replace(".", "")
    if len(raw) == 2 and not era and "/" in groups.get("_text", ""):
        return None, int(raw)
    year = int(raw)
    if era in ("BC", "BCE"):
        year = 1 - year
    return year, None


def read(found: Found) -> Spec | None:
    """The :class:`Spec` of one match (None when the words do not make a date)."""
    lex = lexicon()
    g = dict(found.groups)
    g["_text"] = found.text
    consts = found.rule.consts
    kind = found.rule.kind
    fields: dict[str, object] = {"kind": kind, "type": consts.get("type", "DATE")}
    year, year2 = _year(g, lex)
    fields.update(year=year, year2=year2)
    if "month" in g:
        fields["month"] = lex.months[g["month"].lower().rstrip(".")]
    if "monthnum" in g:
        month_number, day_number = int(g["monthnum"]), int(g.get("day", "1"))
        if month_number > 12 >= day_number:  # 31/12/1999: day first
            month_number, day_number = day_number, month_number
            g["day"] = str(day_number)
        if not 1 <= month_number <= 12:
            return None
        fields["month"] = month_number
    if "day" in g:
        fields["day"] = int(g["day"])
    if "dayword" in g:
        fields["day"] = lex.ordinal(g["dayword"])
    if "weekday" in g:
        word = g["weekday"].lower().rstrip(".")  # "Thurs.", "Tuesdays"
        fields["weekday"] = lex.weekdays.get(word) or lex.weekdays[word.rstrip("s")]
    if "season" in g:
        fields["season"] = lex.seasons[g["season"].lower()]
    if "pod" in g:
        pod = g["pod"].lower()
        fields["pod"] = "NI" if pod == "eve" else lex.parts_of_day.get(pod)
    if consts.get("pod"):
        fields["pod"] = consts["pod"]
    if fields.get("pod") and kind == "date":
        fields["type"] = "TIME"  # "Friday morning", "Christmas night": TimeML TIME
    if "decade" in g:
        digits = g["decade"].strip("'s").rstrip("'")
        if g.get("era", "").upper().startswith("B"):
            fields.update(decade=int(digits[:-1]), extras={"bc": "1"})
        elif len(digits) == 4:
            fields["decade"] = int(digits[:3])
        else:
            fields["decade_digit"] = int(digits[0])
    if "decadeword" in g:
        digit = lex.decades[g["decadeword"].lower()]
        if "centuryword" in g:
            fields["decade"] = int(lex.number(g["centuryword"]) or 19) * 10 + digit
        else:
            fields["decade_digit"] = digit
    if "lasthalf" in g:
        fields["part"] = "H2"
    if "ord" in g:
        number = lex.ordinal(g["ord"])
        if number is None:
            return None
        unit = consts.get("unit")
        if unit == "quarter":
            number = 4 if number == -1 else number  # "the last quarter of 2012"
            if not 1 <= number <= 4:
                return None
            fields["part"] = f"Q{number}"
        elif unit == "half":
            number = 2 if number == -1 else number  # "the last half"
            if number not in (1, 2):
                return None
            fields["part"] = f"H{number}"
        else:  # century: the 20th century is "19"; BC centuries count backwards
            bc = g.get("era", "").upper().replace(".", "") in ("BC", "BCE")
            fields["century"] = -number if bc else number - 1
    if "holiday" in g:
        fields["holiday"] = lex.holidays[g["holiday"].lower()]
    if "hour" in g or "hourword" in g:
        hour = int(lex.number(g.get("hour") or g["hourword"]) or 0)
        ampm = g.get("ampm", "").lower().replace(" ", "")
        if ampm.startswith("p") and hour < 12:
            hour += 12
        if ampm.startswith("a") and hour == 12:
            hour = 0
        pm_words = ("afternoon", "evening", "night", "tonight")
        if g.get("pod", "").lower() in pm_words and hour < 12:
            hour += 12
        fields.update(hour=hour, minute=int(g.get("minute", "0")), pod=None)
    named = g.get("named", "").lower()
    if named in ("noon", "midday"):
        fields.update(hour=12, minute=0)
    elif named == "midnight":  # midnight ends its day: T24:00 (TimeML 1.2.1, ISO 8601)
        fields.update(hour=24, minute=0)
    if "mod" in g:
        mod_word = g["mod"].lower()
        fields["mod"] = lex.mods.get(mod_word, _PRE_MOD.get(mod_word))
        if mod_word in ("the end", "the close", "the turn"):
            fields["mod"] = "END"
        elif mod_word in ("the beginning", "the start"):
            fields["mod"] = "START"
        elif mod_word == "the middle":
            fields["mod"] = "MID"
    if "pre" in g:
        fields["mod"] = _PRE_MOD.get(g["pre"].lower())
    if consts.get("mod"):
        fields["mod"] = consts["mod"]
    if found.text.lower().endswith(" or so"):
        fields["mod"] = "APPROX"
    if "couple" in g.get("num", "").lower() and not fields.get("mod"):
        fields["mod"] = "APPROX"  # "a couple of years": P2Y, approximately
    if "rel" in g:
        _relative(g, found, consts, fields, kind)
    if "rel" in consts:
        fields["rel"] = int(consts["rel"])
    if consts.get("month_part"):
        first = (g.get("ord") or "").lower() in ("first", "1st")
        last = found.text.lower().startswith("the last")
        fields["mod"] = "START" if first else ("END" if last else None)
        fields.pop("part", None)
        fields.pop("century", None)
    if consts.get("week"):
        fields["extras"] = {"week": "1"}
    if consts.get("year_shift_word"):
        word = found.text.lower()
        fields["year_shift"] = (
            1
            if ("following" in word or "next" in word)
            else (-1 if "previous" in word else 0)
        )
    plural = g.get("unit", "").lower().endswith("s")
    if (
        kind == "shift"
        and plural
        and not ({"num", "named", "vaguenum", "dir"} & g.keys())
    ):
        kind = "duration"  # "the following days", "the coming years": a vague span
        fields["kind"] = kind
    if kind == "shift":
        return _shift(found, g, consts, fields, lex)
    if kind in ("duration", "set"):
        return _amount(found, g, consts, fields, lex)
    if kind == "ref":
        fields["value"] = consts["value"]
        fields["type"] = consts.get("type", "DATE")  # "for a while": a DURATION PXX
    if kind == "time":
        fields["type"] = "TIME"
    return Spec(**fields)  # type: ignore[arg-type]


_DCT_RELS = ("this", "last", "next", "this coming", "this past", "current", "present")
_FOCUS_RELS = ("latest", "current", "this", "that", "same", "comparable")


def _relative(
    g: dict[str, str], found: Found, consts: dict[str, object],
    fields: dict[str, object], kind: str,
) -> None:  # fmt: skip
    """Read the relative word ("last", "the following", "year-ago", "next year's")."""
    rel_word = g["rel"].lower().removeprefix("the ").strip()
    fields["rel"] = _REL.get(rel_word, 0)
    if kind == "date" and rel_word in _DCT_RELS:
        fields["base"] = "dct"
    if "year" in rel_word and not rel_word.startswith("this year"):
        # year-earlier, year-ago, prior-year, a year ago, last year's, next year's
        fields["year_shift"] = 1 if rel_word.startswith("next") else -1
    if kind == "date" and consts.get("unit") == "quarter":
        if rel_word in _FOCUS_RELS or "year" in rel_word:
            fields["rel"] = 0
    month_span = found.spans.get("month")
    if month_span and found.spans["rel"][0] > month_span[0]:
        fields.update(year_shift=fields["rel"], rel=None)  # "June last year"


def _shift(
    found: Found, g: dict[str, str], consts: dict[str, object],
    fields: dict[str, object], lex: Lexicon,
) -> Spec | None:  # fmt: skip
    named = g.get("named", "").lower()
    unit = str(consts.get("unit") or _unit(lex, g.get("unit", "day")))
    n: float | None = 1.0
    if named in _NAMED_SHIFT:
        n = float(_NAMED_SHIFT[named])
        fields["base"] = "dct"
        if g.get("pod"):
            fields["type"] = "TIME"
    elif "n" in consts:
        n = float(consts["n"])  # type: ignore[arg-type]
    elif "num" in g:
        n = lex.number(g["num"])
    elif "vaguenum" in g or g.get("unit", "").lower().endswith("s"):
        n = None
    direction = 1
    if "dir" in g:
        word = g["dir"].lower()
        direction = _DIR.get(word, 1)
        if word in ("ago", "hence", "from now", "from today"):
            fields["base"] = "dct"
        mod = str(fields.get("mod"))
        fields["mod"] = _POINT_MOD[direction].get(mod, fields.get("mod"))
    elif fields.get("rel") is not None:
        direction = int(fields["rel"])  # type: ignore[call-overload]
        if g.get("rel", "").lower().removeprefix("the ") in _DCT_RELS:
            fields["base"] = "dct"  # "last year", "the current year"
    if "dir" not in g and "rel" not in g and named not in _NAMED_SHIFT:
        direction = -1 if str(consts.get("n", 1)).startswith("-") else 1
        if "n" in consts:
            n = abs(n or 0)
    if consts.get("base"):
        fields["base"] = consts["base"]
    if unit in lex.units and lex.units[unit].get("time") and "pod" not in g:
        fields["type"] = "TIME"
    fields.update(unit=unit, n=None if n is None else n * direction, rel=direction)
    return Spec(**fields)  # type: ignore[arg-type]


def _plural_unit(g: dict[str, str]) -> bool:
    return g.get("unit", "").lower().endswith("s")  # "the first days": no count


def _amount(
    found: Found, g: dict[str, str], consts: dict[str, object],
    fields: dict[str, object], lex: Lexicon,
) -> Spec | None:  # fmt: skip
    named = g.get("named", "").lower()
    unit = _SET_ADVERBS.get(named) or _unit(lex, g.get("unit", "day"))
    n: float | None
    if named:
        n = 1.0
    elif "num" in g:
        vague = "num2" in g or (g["num"].lower() in ("a", "an") and _plural_unit(g))
        n = None if vague else lex.number(g["num"])  # "a months-long trek": PXM
    elif "n" in consts and not _plural_unit(g):
        n = float(consts["n"])  # type: ignore[arg-type]
    elif "vaguenum" in g or g.get("unit", "").lower().endswith("s"):
        n = None  # "several months", "the first days"
    else:
        n = 1.0
    if consts.get("half") and n is not None:
        n += 0.5
    if "frac" in g and n is not None:  # "half a century": P50Y
        n *= _FRACTIONS[g["frac"].lower().replace("-", " ")]
    kind = str(fields["kind"])
    fields.update(unit=unit, n=n, type="DURATION" if kind == "duration" else "SET")
    if kind == "set":
        quant = g.get("quant", "").upper()  # the word itself: EVERY, EACH (TimeML)
        fields["quant"] = quant if quant in ("EVERY", "EACH") else None
        times = g.get("times", "").lower().removesuffix(" times")
        if times:  # "twice a week": freq 2X
            count = {"once": 1.0, "twice": 2.0, "thrice": 3.0}.get(times)
            count = count if count is not None else lex.number(times)
            fields["freq"] = f"{int(count)}X" if count else "XX"
            fields["n"] = 1.0
    fields.pop("rel", None)
    return Spec(**fields)  # type: ignore[arg-type]
