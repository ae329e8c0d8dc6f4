"""Adapters between the extract stage and its sibling stages, with small fallbacks.

``extract`` needs a Document (ingest), time expressions (temporal), figures and
attribution (figures, claims). Each adapter calls the real stage when it is installed
and otherwise a deliberately small fallback, so extraction always runs: plain-text
reading with blank-line paragraphs, explicit calendar dates, plain numbers with their
qualifier. It also writes the neutral summaries (the tool's own words).

>>> [t.value for t in fallback_dates("Signed on May 4, 1921, and ratified in the 1930s.")]
['1921-05-04', '193']
>>> bounds_of("1969-WI", None)
('1969-12-01', '1970-02-28')
"""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from datelines.errors import InputError
from datelines.model import Attribution, Block, Document, Figure, Source

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTH = "|".join(m.capitalize() for m in MONTHS)
_SEASONS = {"winter": "WI", "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA"}
_DATE = re.compile(
    rf"(?P<md>(?:{_MONTH}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:, (?P<dy>\d{{4}}))?)"
    rf"|(?P<my>(?:{_MONTH}) (?:of )?(?P<y>\d{{4}}))"
    r"|(?P<dec>(?:the )?(?:(?P<dm>early|mid|late)[- ])?(?P<decade>\d{3})0s)"
    r"|(?P<season>(?:the )?(?P<sn>winter|spring|summer|fall|autumn) of (?P<sy>\d{4}))"
    r"|(?P<year>(?<![\d,.])(?P<yy>1[0-9]\d\d|20\d\d)(?![\d,%]))"
    rf"|(?P<mo>\b(?:{_MONTH})\b)"
    r"|(?P<rel>\b(?:one|a) (?P<unit>month|week|year) later\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SimpleTimex:
    """A time expression of the fallback tagger (the temporal stage's Timex shape)."""

    start: int
    end: int
    text: str
    value: str
    type: str = "DATE"
    mod: str | None = None
    anchor: str = "explicit"
    anchor_text: str | None = None
    anchor_value: str | None = None
    end_value: str | None = None


def fallback_dates(text: str, *, dct: str | None = None) -> list[SimpleTimex]:
    """Explicit calendar dates, decades, seasons; month names and "one month later"
    resolved against the previous date in the text."""
    out: list[SimpleTimex] = []
    last: SimpleTimex | None = None
    for m in _DATE.finditer(text):
        g = m.groupdict()
        value, mod, anchor = None, None, "explicit"
        if g["md"]:
            year = g["dy"] or (last.value[:4] if last else None)
            if year and not g["dy"]:
                anchor = "relative"
            month = MONTHS[m.group("md").split()[0].lower()]
            value = f"{year}-{month:02d}-{int(g['d']):02d}" if year else None
        elif g["my"]:
            value = f"{g['y']}-{MONTHS[g['my'].split()[0].lower()]:02d}"
        elif g["dec"]:
            value = g["decade"]
            mod = {"early": "EARLY", "mid": "MID", "late": "LATE"}.get(
                (g["dm"] or "").lower())
        elif g["season"]:
            value = f"{g['sy']}-{_SEASONS[g['sn'].lower()]}"
        elif g["year"]:
            value = g["yy"]
        elif g["mo"] and last is not None and m.group(0)[0].isupper():
            value, anchor = f"{last.value[:4]}-{MONTHS[g['mo'].lower()]:02d}", "relative"
        elif g["rel"] and last is not None and len(last.value) >= 7:
            value, anchor = _later(last.value, g["unit"].lower()), "relative"
        if value is None:
            continue
        timex = SimpleTimex(m.start(), m.end(), m.group(0), value, mod=mod, anchor=anchor,
                            anchor_text=last.text if anchor == "relative" and last else None)
        out.append(timex)
        last = timex
    return _ranges(text, out)


def _later(value: str, unit: str) -> str:
    year, month = int(value[:4]), int(value[5:7])
    if unit == "week" and len(value) == 10:
        day = int(value[8:10]) + 7
        last = calendar.monthrange(year, month)[1]
        if day > last:
            day, month = day - last, month + 1
        return f"{year + (month > 12):04d}-{(month - 1) % 12 + 1:02d}-{day:02d}"
    if unit == "year":
        return f"{year + 1:04d}"
    month += 1
    return f"{year + (month > 12):04d}-{(month - 1) % 12 + 1:02d}"


def _ranges(text: str, timexes: list[SimpleTimex]) -> list[SimpleTimex]:
    """"from July 2 to July 5, 1988" and "1965-1969": one value with an end."""
    out: list[SimpleTimex] = []
    skip = -1
    for i, timex in enumerate(timexes):
        if i <= skip:
            continue
        nxt = timexes[i + 1] if i + 1 < len(timexes) else None
        between = text[timex.end:nxt.start] if nxt else ""
        if nxt and between.strip() in ("to", "-", "–", "until", "through", "and"):
            value = timex.value
            if len(value) >= 10 and value[:4] != nxt.value[:4]:
                value = nxt.value[:4] + value[4:]
            out.append(SimpleTimex(timex.start, nxt.end, text[timex.start:nxt.end], value,
                                   end_value=nxt.value))
            skip = i + 1
        else:
            out.append(timex)
    return out


def tag_dates(doc: Doc, *, dct: str | None) -> list[Any]:
    """Time expressions of ``doc.text`` from the temporal stage (or the fallback)."""
    try:
        from datelines.nlp.temporal import tag
    except ImportError:
        return fallback_dates(doc.text, dct=dct)
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    return list(tag(doc.text, dct=dct, mode="narrative",
                    blocks=doc.user_data.get("blocks", ()), sentences=sentences))


def bounds_of(value: str, mod: str | None) -> tuple[str | None, str | None]:
    """The ISO interval a TIMEX3 value allows (the temporal stage's ``bounds``)."""
    try:
        from datelines.nlp.temporal import bounds
    except ImportError:
        return _bounds(value)
    start, end = bounds(value, mod)
    return start, end


def _bounds(value: str) -> tuple[str | None, str | None]:
    v = value.split("T")[0]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return v, v
    if re.fullmatch(r"\d{4}-\d{2}", v):
        y, m = int(v[:4]), int(v[5:])
        return f"{v}-01", f"{v}-{calendar.monthrange(y, m)[1]:02d}"
    seasons = {"WI": ("12-01", "02-28", 1), "SP": ("03-01", "05-31", 0),
               "SU": ("06-01", "08-31", 0), "FA": ("09-01", "11-30", 0)}
    if re.fullmatch(r"\d{4}-(WI|SP|SU|FA)", v):
        s, e, nxt = seasons[v[5:]]
        return f"{v[:4]}-{s}", f"{int(v[:4]) + nxt:04d}-{e}"
    if re.fullmatch(r"\d{2,4}", v):
        width = 10 ** (4 - len(v))
        first = int(v) * width
        return f"{first:04d}-01-01", f"{first + width - 1:04d}-12-31"
    return None, None


_NUMBER = re.compile(
    r"(?P<q>more than|over|at least|about|around|nearly|almost|approximately|"
    r"some|fewer than|less than|up to|at most)?\s*"
    r"(?<![\w-])(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<pct>%| percent)?(?![\w-])",
    re.IGNORECASE,
)
_QUALIFIERS = {"more than": "more_than", "over": "more_than", "at least": "at_least",
               "about": "about", "around": "about", "nearly": "about",
               "almost": "about", "approximately": "about", "some": "about",
               "fewer than": "less_than", "less than": "less_than", "up to": "at_most",
               "at most": "at_most"}
_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "twelve": 12, "twenty": 20, "seventy": 70}


def figures_of(sent: Span) -> tuple[Figure, ...]:
    """The figures of one sentence (the figures stage, or plain numbers)."""
    try:
        from datelines.nlp.figures import figures
    except ImportError:
        return _fallback_figures(sent)
    return tuple(figures(sent))


def _fallback_figures(sent: Span) -> tuple[Figure, ...]:
    out = []
    for m in _NUMBER.finditer(sent.text):
        number = m.group("n").replace(",", "")
        value = float(number)
        after = sent.text[m.end():m.end() + 12].lower()
        if (not m.group("pct") and 1000 <= value <= 2100 and "," not in m.group("n")) or \
                re.match(r"\s*(years?|months?|weeks?|days?)\b", after):
            continue  # a year or a duration, not a count
        qualifier = _QUALIFIERS.get((m.group("q") or "").lower(), "exact")
        out.append(Figure(value, qualifier, m.group(0).strip(),
                          unit="%" if m.group("pct") else None))
    return tuple(out)


def attribution_of(sent: Span) -> Attribution:
    """Who asserts the sentence (the claims stage, or the source itself)."""
    try:
        from datelines.nlp.claims import attribution
    except ImportError:
        return Attribution()
    return attribution(sent)  # type: ignore[no-any-return]


def summary_of(item: Any) -> str:
    """A neutral one-line summary in the tool's own words: kind, agent, patient, place.

    >>> from types import SimpleNamespace as N
    >>> p = [N(name="Savak", role="agent"), N(name="MEK", role="patient")]
    >>> summary_of(N(kind=N(kind="arrest", says="arrest of"), participants=p, places=()))
    'Arrest of MEK by Savak'
    """
    agents = [p.name for p in item.participants if p.role == "agent"]
    patients = [p.name for p in item.participants if p.role == "patient"]
    others = [p.name for p in item.participants if p.role == "other"]
    says = item.kind.says
    head = says[0].upper() + says[1:]
    if patients:
        text = f"{head} {_join(patients)}"
        if agents:
            text += f" by {_join(agents)}"
    elif agents or others:
        verb = says.split()[0]
        text = f"{verb[0].upper() + verb[1:]} involving {_join(agents + others)}"
    else:
        text = head.split()[0] if item.kind.kind != "event" else "Event"
    if item.places:
        text += f" in {_join(list(item.places))}"
    return text


def _join(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def read_document(path: str | Path) -> Document:
    """Read a file into a Document: the ingest stage, or a plain-text fallback."""
    try:
        from datelines.ingest import read
    except ImportError:
        path = Path(path)
        try:
            original = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(str(path), str(err), "pass a UTF-8 text file") from err
        return document_from_text(original, name=path.name)
    return read(path)  # type: ignore[no-any-return]


def document_from_text(original: str, *, name: str = "text.txt",
                       date: str | None = None) -> Document:
    """A Document from plain text: YAML front matter skipped, one block per line
    (short lines without final punctuation are headings)."""
    digest = hashlib.sha256(original.encode("utf-8")).hexdigest()
    body = 0
    if original.startswith("---"):
        end = original.find("\n---", 3)
        if end > 0:
            body = end + 4
            meta = re.search(r"^date:\s*\"?(\d{4}(?:-\d{2}){0,2})\"?\s*$",
                             original[:end], re.MULTILINE)
            date = date or (meta.group(1) if meta else None)
    text = original[body:]
    blocks = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        if not line.strip():
            continue
        words = line.split()
        kind = "heading" if len(words) <= 12 and line.rstrip()[-1] not in ".!?\"”" \
            else "paragraph"
        blocks.append(Block(kind, m.start(), m.end()))
    source = Source(id=digest[:12], path=name, sha256=digest, date=date)
    offsets = tuple(range(body, len(original) + 1))
    return Document(source, original, text, offsets, tuple(blocks))
