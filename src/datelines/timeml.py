"""TimeML files in and out, around the temporal tagger (``nlp.temporal``).

Consumes TimeML ``.tml`` files (TempEval-3, the WikiWars TIMEX3 conversion) and produces
TimeML files carrying our own TIMEX3 tags. The round trip keeps the text byte-identical:

* :func:`read_timeml` takes the document date from ``<DCT><TIMEX3 value=...>`` and the
  ``<TEXT>`` content with its TIMEX3 / EVENT / SIGNAL tags stripped; ``text`` is that
  content with XML entities decoded (what a tagger reads), and ``timexes`` are the gold
  TIMEX3 tags as character offsets into ``text``.
* :func:`write_timeml` puts tags back inline into the stripped raw content (entities
  untouched), keeps the DCT TIMEX3 as ``tid="t0"`` and drops TLINK / SLINK / ALINK /
  MAKEINSTANCE, so the tag-stripped text of the output equals the input's.
* :func:`tag_dir` reads a folder, runs :func:`datelines.nlp.temporal.tag` on each file
  and writes the results (``datelines timeml IN_DIR OUT_DIR``).

>>> doc = parse_timeml(SAMPLE, name="x.tml")
>>> doc.dct, doc.text
('2020-05-01', 'Rain &c. on <Monday>.')
>>> [(t.text, t.value) for t in doc.timexes]
[('Monday', '2020-05-04')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Protocol

from datelines.errors import InputError

__all__ = [
    "TimemlDoc",
    "TimemlTimex",
    "TimexLike",
    "attributes",
    "parse_timeml",
    "read_timeml",
    "tag_dir",
    "write_timeml",
]

SAMPLE = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" '
    'value="2020-05-01">May 1</TIMEX3></DCT>\n<TEXT>Rain <EVENT eid="e1">&amp;c.</EVENT>'
    ' on &lt;<TIMEX3 tid="t1" type="DATE" value="2020-05-04">Monday</TIMEX3>&gt;.</TEXT>'
    '\n<TLINK lid="l1" timeID="t1" relatedToTime="t0"/>\n</TimeML>\n'
)


_TEXT = re.compile(r"<TEXT\b[^>]*>(.*?)</TEXT>", re.S)
_DCT_TIMEX = re.compile(r"(<DCT>\s*<TIMEX3\b)([^>]*)(>)", re.S)
_MARKUP = re.compile(r"</?(?:TIMEX3|EVENT|SIGNAL)\b[^>]*>")
_TIMEX_TAG = re.compile(r"<(/?)TIMEX3\b([^>]*?)(/?)>")
_LINKS = re.compile(
    r"[ \t]*<(TLINK|SLINK|ALINK|MAKEINSTANCE)\b[^>]*?(?:/>|>.*?</\1>)[ \t]*\n?", re.S
)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_PIECE = re.compile(r"<[^>]*>|&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][\w.-]*);")


@dataclass(frozen=True)
class TimemlTimex:
    """One TIMEX3 read from a file: offsets into :attr:`TimemlDoc.text`."""

    start: int
    end: int
    text: str
    tid: str
    type: str
    value: str
    mod: str = ""


@dataclass(frozen=True)
class TimemlDoc:
    """A TimeML file: its name, document date, plain TEXT content and gold timexes."""

    name: str
    dct: str | None
    text: str
    timexes: tuple[TimemlTimex, ...]
    raw: str


class TimexLike(Protocol):
    """What :func:`write_timeml` needs of a timex (``nlp.temporal.Timex`` fits)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str: ...


Tagger = Callable[..., Sequence[TimexLike]]


def attributes(tag: str) -> dict[str, str]:
    """The attributes of one start tag, entities decoded.

    >>> attributes('<TIMEX3 tid="t1" type=\\'DATE\\' value="A&amp;B">')
    {'tid': 't1', 'type': 'DATE', 'value': 'A&B'}
    """
    return {
        m[1]: unescape(m[2] if m[2] is not None else m[3]) for m in _ATTR.finditer(tag)
    }


def _parts(raw: str, name: str) -> tuple[str, str, str]:
    """Split a file into head (up to ``<TEXT>``), TEXT content and tail."""
    match = _TEXT.search(raw)
    if match is None:
        raise InputError(
            name, "it has no <TEXT>...</TEXT> element", "pass a TimeML file"
        )
    return raw[: match.start(1)], match[1], raw[match.end(1) :]


def _plain(stripped: str) -> tuple[str, list[int], list[int]]:
    """Decode entities and drop leftover tags from raw TEXT content.

    Returns the plain text, the raw offset where each plain character starts, and the
    raw offset right after each plain character.
    """
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for match in _PIECE.finditer(stripped):
        for i in range(pos, match.start()):
            chars.append(stripped[i])
            starts.append(i)
            ends.append(i + 1)
        if not match[0].startswith("<"):
            decoded = unescape(match[0])
            for char in decoded:
                chars.append(char)
                starts.append(match.start())
                ends.append(match.end())
        pos = match.end()
    for i in range(pos, len(stripped)):
        chars.append(stripped[i])
        starts.append(i)
        ends.append(i + 1)
    return "".join(chars), starts, ends


def _gold(body: str, name: str) -> tuple[str, list[tuple[int, int, dict[str, str]]]]:
    """Strip TIMEX3/EVENT/SIGNAL tags; return the raw stripped text and TIMEX3 spans."""
    out: list[str] = []
    spans: list[tuple[int, int, dict[str, str]]] = []
    stack: list[tuple[int, dict[str, str]]] = []
    length = pos = 0
    for match in _MARKUP.finditer(body):
        out.append(body[pos : match.start()])
        length += match.start() - pos
        pos = match.end()
        tag = _TIMEX_TAG.fullmatch(match[0])
        if tag is None or tag[3]:  # EVENT / SIGNAL, or a self-closing TIMEX3
            continue
        if not tag[1]:
            stack.append((length, attributes(match[0])))
        elif stack:
            start, attrs = stack.pop()
            spans.append((start, length, attrs))
        else:
            raise InputError(name, "a </TIMEX3> closes no open TIMEX3", "fix the file")
    out.append(body[pos:])
    if stack:
        raise InputError(name, "a <TIMEX3> is never closed", "fix the file")
    return "".join(out), sorted(spans, key=lambda span: span[0])


def parse_timeml(raw: str, *, name: str) -> TimemlDoc:
    """Read TimeML from a string (see :func:`read_timeml`)."""
    head, body, _tail = _parts(raw, name)
    dct_tag = _DCT_TIMEX.search(head)
    dct = attributes(dct_tag[2]).get("value") or None if dct_tag else None
    stripped, spans = _gold(body, name)
    text, starts, _ends = _plain(stripped)
    timexes = []
    for raw_start, raw_end, attrs in spans:
        start, end = bisect_left(starts, raw_start), bisect_left(starts, raw_end)
        timexes.append(
            TimemlTimex(
                start=start,
                end=end,
                text=text[start:end],
                tid=attrs.get("tid", ""),
                type=attrs.get("type", ""),
                value=attrs.get("value", ""),
                mod=attrs.get("mod", ""),
            )
        )
    return TimemlDoc(name=name, dct=dct, text=text, timexes=tuple(timexes), raw=raw)


def read_timeml(path: str | Path) -> TimemlDoc:
    """Read one TimeML file: document date, plain TEXT content and gold timexes."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "no such file", "check the path") from None
    except UnicodeDecodeError:
        raise InputError(
            str(path), "it is not UTF-8 text", "pass a .tml file"
        ) from None
    return parse_timeml(raw, name=path.name)


def _escape_attr(value: str) -> str:
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace('"', "&quot;")
        .replace(">", "&gt;")
    )


def _open_tag(tid: str, timex: TimexLike) -> str:
    attrs = [("tid", tid), ("type", timex.type), ("value", timex.value)]
    for name in ("mod", "quant", "freq"):
        extra = getattr(timex, name, None)
        if extra:
            attrs.append((name, str(extra)))
    return "<TIMEX3 " + " ".join(f'{k}="{_escape_attr(v)}"' for k, v in attrs) + ">"


def _kept(timexes: Iterable[TimexLike], text: str) -> list[TimexLike]:
    """Non-empty, non-overlapping timexes in document order (the longer wins a tie)."""
    kept: list[TimexLike] = []
    last_end = 0
    for timex in sorted(timexes, key=lambda t: (t.start, -t.end)):
        if timex.start < last_end or not 0 <= timex.start < timex.end <= len(text):
            continue
        if not text[timex.start : timex.end].strip():
            continue
        kept.append(timex)
        last_end = timex.end
    return kept


def write_timeml(doc: TimemlDoc, timexes: Iterable[TimexLike]) -> str:
    """The document as TimeML with ``timexes`` (offsets into ``doc.text``) inline.

    Overlapping timexes cannot nest in TimeML: the first (longest at a tie) is kept.

    >>> doc = parse_timeml(SAMPLE, name="x.tml")
    >>> out = write_timeml(doc, doc.timexes)
    >>> out[out.index("<TEXT>"):out.index("</TimeML>")]
    '<TEXT>Rain &amp;c. on &lt;<TIMEX3 tid="t1" type="DATE" value="2020-05-04">Monday</TIMEX3>&gt;.</TEXT>\\n'
    """
    head, body, tail = _parts(doc.raw, doc.name)
    head = _DCT_TIMEX.sub(
        lambda m: m[1] + re.sub(r'\btid\s*=\s*"[^"]*"', 'tid="t0"', m[2]) + m[3], head
    )
    stripped, _spans = _gold(body, doc.name)
    text, starts, ends = _plain(stripped)
    out: list[str] = []
    pos = 0
    for number, timex in enumerate(_kept(timexes, text), start=1):
        raw_start, raw_end = starts[timex.start], ends[timex.end - 1]
        out += [stripped[pos:raw_start], _open_tag(f"t{number}", timex)]
        out += [stripped[raw_start:raw_end], "</TIMEX3>"]
        pos = raw_end
    out.append(stripped[pos:])
    return head + "".join(out) + _LINKS.sub("", tail)


def _default_tagger() -> Tagger:
    from datelines.nlp.temporal import tag

    return tag


def tag_dir(
    in_dir: str | Path,
    out_dir: str | Path,
    *,
    mode: str = "news",
    tagger: Tagger | None = None,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Tag every ``*.tml`` file of ``in_dir`` and write it to ``out_dir``; return the count.

    ``tagger`` defaults to :func:`datelines.nlp.temporal.tag`, called as
    ``tag(text, dct=..., mode=mode)``. A file that fails is skipped; the failures are
    raised together, as one :class:`InputError`, after every other file is written.
    ``progress(name)`` is called after each file written.
    """
    if mode not in ("news", "narrative"):
        raise InputError(
            "mode", f"unknown temporal mode '{mode}'", "use news or narrative"
        )
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    files = sorted(in_dir.glob("*.tml"))
    if not files:
        raise InputError(
            str(in_dir), "it holds no .tml files", "pass a folder of TimeML"
        )
    run = tagger or _default_tagger()
    out_dir.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    written = 0
    for path in files:
        try:
            doc = read_timeml(path)
            output = write_timeml(doc, run(doc.text, dct=doc.dct, mode=mode))
        except InputError as err:
            failures.append(f"{path.name} ({err.problem})")
            continue
        (out_dir / path.name).write_text(output, encoding="utf-8")
        written += 1
        if progress is not None:
            progress(path.name)
    if failures:
        raise InputError(
            str(in_dir),
            f"{len(failures)} of {len(files)} files failed: " + "; ".join(failures),
            f"the other {written} were written to {out_dir}",
        )
    return written
