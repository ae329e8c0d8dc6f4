"""Word tables and compiled rules of the temporal tagger, read from ``data/``.

Stage: ``nlp.temporal``. Consumes ``data/lexicon.yaml`` (months, weekdays, seasons,
parts of day, units, number words, decades, holidays, tense cues, count cues) and
``data/rules.yaml`` (patterns written with ``{MACRO}`` placeholders); produces one
immutable :class:`Lexicon` with the tables as lookups and every rule compiled.

>>> lex = lexicon()
>>> lex.months["sept"], lex.weekdays["friday"], lex.number("twenty-four")
(9, 5, 24.0)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from datelines.errors import InputError

DATA = Path(__file__).parent / "data"

__all__ = ["Lexicon", "Rule", "alternation", "lexicon"]


@dataclass(frozen=True)
class Rule:
    """One extraction rule: a compiled pattern, how to read it, and its examples."""

    name: str
    pattern: re.Pattern[str]
    kind: str
    consts: dict[str, Any]
    examples: tuple[dict[str, Any], ...]
    priority: int
    modes: tuple[str, ...] = ("news", "narrative")


@dataclass(frozen=True)
class Lexicon:
    """The word tables (lower-case keys) and the compiled rules."""

    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    units: dict[str, dict[str, Any]]
    cardinals: dict[str, float]
    vague: frozenset[str]
    ordinals: dict[str, int]
    decades: dict[str, int]
    holidays: dict[str, str]
    mods: dict[str, str | None]
    context_mods: dict[str, str]
    future_cues: frozenset[str]
    past_cues: frozenset[str]
    put_off: frozenset[str]  # "postponed until Tuesday": a future
    cue_nouns: frozenset[str]  # "the plan": no future cue after a determiner
    scheduled_verbs: frozenset[str]  # "meets Monday": a scheduled event
    abbreviations: frozenset[str]  # a period after them ends no sentence
    count_cues: frozenset[str]  # words before a number that make it a count
    count_round_only: frozenset[str]  # ... but only for a round hundred
    count_labels: frozenset[str]  # "Arrested: 1000"
    not_plural: frozenset[str]  # words ending in -s that are no counted nouns
    counted_nouns: frozenset[str]  # "1200 jobs": a number before them is a count
    number_labels: frozenset[str]  # "Flight 1549": a number after them is a label
    name_words: frozenset[str]  # "Super Tuesday": a weekday after them is a name
    not_nouns: frozenset[str]  # function words: "the 1967 borders" vs "the 1967 and"
    event_nouns: frozenset[str]  # "the 1777 campaign" still dates the story
    rules: tuple[Rule, ...]
    trim_leading: tuple[re.Pattern[str], ...]
    trim_leading_news: tuple[re.Pattern[str], ...]  # trimmed, but keep their mod
    tables: dict[str, dict[str, Any]]  # every table with its example, for tests

    def number(self, words: str) -> float | None:
        """Read a cardinal (``"24"``, ``"twenty-four"``, ``"a"``); None when vague.

        >>> lexicon().number("several") is None, lexicon().number("a couple of")
        (True, 2.0)
        """
        text = words.lower().replace(",", "").strip()
        if text.endswith(" 1/2"):
            whole = self.number(text[:-4])
            return None if whole is None else whole + 0.5
        if re.fullmatch(r"\d+(?:\.\d+)?", text):
            return float(text)
        if text in ("a couple", "a couple of", "couple of"):
            return 2.0  # TimeML: "a couple of years" is P2Y, mod APPROX
        if text in self.vague:
            return None
        total = 0.0
        current = 0.0
        for word in re.split(r"[- ]+", text):
            if word == "and":
                continue
            if word == "hundred":
                current = (current or 1) * 100
            elif word == "thousand":
                total += (current or 1) * 1000
                current = 0
            elif word in self.cardinals:
                current += self.cardinals[word]
            else:
                return None
        return total + current

    def ordinal(self, words: str) -> int | None:
        """Read an ordinal (``"3rd"``, ``"twenty-first"``, ``"third"``).

        >>> lexicon().ordinal("twenty-first"), lexicon().ordinal("11th")
        (21, 11)
        """
        text = words.lower().strip()
        digits = re.match(r"(\d+)", text)
        if digits:
            return int(digits.group(1))
        parts = re.split(r"[- ]+", text)
        if parts[-1] not in self.ordinals:
            return None
        head = sum(int(self.cardinals.get(p, 0)) for p in parts[:-1])
        return head + self.ordinals[parts[-1]]


def alternation(words: object) -> str:
    """A regex alternation of the words, longest first, each taken literally."""
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))  # type: ignore[attr-defined]
    return "|".join(re.escape(w).replace("\\ ", "[ ]") for w in items)


def _plural(word: str) -> str:
    if word.endswith("y") and word != "day":
        return word[:-1] + "ies"
    if word == "millennium":
        return "millennia"
    return word + "s"


def _macros(lex: dict[str, Any], rules: dict[str, Any]) -> dict[str, str]:
    months = lex["months"]["entries"]
    full = {
        n: max((w for w in months if months[w] == n), key=len) for n in months.values()
    }
    month_words = [
        re.escape(w) + ("\\.?" if w != full[months[w]] else "") for w in months
    ]
    month_alt = "|".join(sorted(month_words, key=lambda w: -len(w)))
    weekday_full = [w for w in lex["weekdays"]["entries"] if len(w) > 5]
    weekday_alt = alternation(weekday_full) + "|tues\\.|thurs\\.|wed\\.|fri\\."
    units = list(lex["units"]["entries"])
    unit_forms = [_plural(u) for u in units] + units
    plural_units = [
        _plural(u) for u in units if u not in ("weekend", "season", "quarter", "second")
    ]
    numbers = lex["numbers"]
    cards = [w for w in numbers["cardinals"] if w not in ("a", "an", "half", "couple")]
    card = f"(?:{alternation(cards)})"
    number_words = f"{card}(?:[- ](?:and[ ])?{card})*"
    ords = alternation(numbers["ordinals"])
    ord_words = f"(?:(?:twenty|thirty)[- ])?(?:{ords})"
    vague = alternation(numbers["vague"])
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    low = f"(?:(?:{tens})(?:[- ](?:{ones}))?|{teens}|(?:oh[- ])?(?:{ones}))"
    return {
        "MONTH": f"(?P<month>{month_alt})",
        "WEEKDAY": f"(?P<weekday>{weekday_alt})",
        "WEEKDAYS": f"(?P<weekday>{alternation(w + 's' for w in weekday_full)})",
        "SEASON": f"(?P<season>{alternation(lex['seasons']['entries'])})",
        "POD": f"(?P<pod>{alternation(lex['parts_of_day']['entries'])})",
        "DAY": "(?P<day>[0-3]?\\d)(?:st|nd|rd|th)?(?!\\d|:\\d)",
        "DAYW": f"(?P<dayword>{ord_words})",
        "YEAR": "(?P<year>1\\d{3}|20\\d{2})(?![\\d]|[.,]\\d)",
        "YEARANY": "(?P<year>\\d{1,4})(?![\\d]|[.,]\\d)",
        "ERA": "(?P<era>B\\.C\\.E\\.|B\\.C\\.?|BCE|BC|A\\.D\\.|AD|CE)",
        "YEARWORDS": f"(?P<yearwords>(?:nineteen|eighteen|seventeen)[- ](?:hundred(?:[- ]and[- ]{low})?|{low})|two[- ]thousand(?:[- ]and)?(?:[- ](?:{low}))?)",
        "DECADE": "(?P<decade>(?:1\\d|20)\\d0'?s|'?\\d0'?s|\\d{2,3}0s(?= ?B\\.?C))",
        "DECADEW": f"(?P<decadeword>{alternation(lex['decades']['entries'])})",
        "ORD": f"(?P<ord>\\d{{1,2}}(?:st|nd|rd|th)|{ord_words})",
        "MOD": f"(?P<mod>{alternation(rules['mods']['entries'])})",
        "HOLIDAY": f"(?P<holiday>{alternation(lex['holidays']['entries'])})",
        "NUM": f"(?P<num>\\d{{1,3}}(?:,\\d{{3}})+|\\d+(?:\\.\\d+| 1/2)?|{vague}|{number_words}|an?)",
        "UNIT": f"(?P<unit>{alternation(unit_forms)})",
        "UNITX": f"(?:(?P<vaguenum>{vague}) )?(?P<unit>{alternation(plural_units)})",
        "TZ": "(?-i:(?P<tz>[A-Z]{2,4}T|GMT|UTC|ET|PT|CT|MT|local time))",
    }


def _compile(name: str, pattern: str, macros: dict[str, str]) -> re.Pattern[str]:
    def expand(m: re.Match[str]) -> str:
        key = m.group(1)
        if key not in macros:
            raise InputError(
                str(DATA / "rules.yaml"),
                f"rule '{name}' uses unknown macro {{{key}}}",
                f"use one of {', '.join(sorted(macros))}",
            )
        return macros[key]

    body = re.sub(r"\{([A-Z]+)\}", expand, pattern)
    try:
        # the end boundary lets "1973-1975The" (a heading glued to its text) match;
        # no match starts inside a number ("000-year" of "2,000-year", "5" of "1.5")
        return re.compile(
            rf"(?<![\w'])(?<!\d[,.])(?:{body})(?-i:(?![a-z0-9_]))", re.IGNORECASE
        )
    except re.error as error:
        raise InputError(
            str(DATA / "rules.yaml"),
            f"rule '{name}' is not a valid regular expression ({error})",
            "fix its pattern",
        ) from error


def _load(name: str) -> dict[str, Any]:
    path = DATA / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise InputError(
            str(path), f"cannot read the temporal data ({error})", "reinstall datelines"
        ) from error
    return dict(data)


def _examples(entry: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    example = entry.get("example")
    if isinstance(example, list):
        return tuple(example)
    return (example,) if example else ()


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Read and compile the temporal data files once per process."""
    lex = _load("lexicon.yaml")
    rules = _load("rules.yaml")
    macros = _macros(lex, rules)
    compiled = tuple(
        Rule(
            name=r["name"],
            pattern=_compile(r["name"], pattern, macros),
            kind=r["kind"],
            consts=dict(r.get("consts") or {}),
            examples=_examples(r),
            priority=i,
            modes=tuple(r.get("modes") or ("news", "narrative")),
        )
        for i, r in enumerate(rules["rules"])
        for pattern in (
            [r["pattern"]] if isinstance(r["pattern"], str) else r["pattern"]
        )
    )
    numbers = lex["numbers"]
    tables = {k: v for k, v in lex.items() if isinstance(v, dict)}
    tables.update(
        mods=rules["mods"],
        context_mods=rules["context_mods"],
        trim_leading=rules["trim_leading"],
        trim_leading_news=rules["trim_leading_news"],
    )
    return Lexicon(
        months={str(k).lower(): int(v) for k, v in lex["months"]["entries"].items()},
        weekdays={str(k): int(v) for k, v in lex["weekdays"]["entries"].items()},
        seasons=dict(lex["seasons"]["entries"]),
        parts_of_day=dict(lex["parts_of_day"]["entries"]),
        units=dict(lex["units"]["entries"]),
        cardinals={str(k): float(v) for k, v in numbers["cardinals"].items()},
        vague=frozenset(numbers["vague"]),
        ordinals={str(k): int(v) for k, v in numbers["ordinals"].items()},
        decades={str(k): int(v) for k, v in lex["decades"]["entries"].items()},
        holidays={str(k): str(v) for k, v in lex["holidays"]["entries"].items()},
        mods=dict(rules["mods"]["entries"]),
        context_mods=dict(rules["context_mods"]["entries"]),
        future_cues=frozenset(lex["tense"]["future"]),
        past_cues=frozenset(lex["tense"]["past"]),
        put_off=frozenset(lex["tense"]["put_off"]),
        cue_nouns=frozenset(lex["tense"]["nouns"]),
        scheduled_verbs=frozenset(lex["tense"]["scheduled"]),
        abbreviations=frozenset(lex["abbreviations"]["entries"]),
        count_cues=frozenset(lex["counts"]["cues"]),
        count_round_only=frozenset(lex["counts"]["round_only"]),
        count_labels=frozenset(lex["counts"]["labels"]),
        not_plural=frozenset(lex["counts"]["not_plural"]),
        counted_nouns=frozenset(lex["counts"]["nouns"]),
        number_labels=frozenset(lex["counts"]["number_labels"]),
        name_words=frozenset(lex["names"]["before_days"]),
        not_nouns=frozenset(lex["attributive"]["not_nouns"]),
        event_nouns=frozenset(lex["attributive"]["event_nouns"]),
        rules=compiled,
        trim_leading=tuple(
            re.compile(p, re.IGNORECASE) for p in rules["trim_leading"]["entries"]
        ),
        trim_leading_news=tuple(
            re.compile(p, re.IGNORECASE)
            for p in rules["trim_leading_news"]["entries"]
        ),
        tables=tables,
    )
