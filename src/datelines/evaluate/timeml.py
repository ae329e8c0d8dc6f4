"""TempEval-3 Task A scoring of TIMEX3 tags (evaluate, beside the pipeline).

Consumes two folders of TimeML files paired by file name (gold, system); produces the
TempEval-3 figures, implemented from ``../shared/data/tempeval3/SCORING.md``:

* timexes are the ``<TIMEX3 ...>text</TIMEX3>`` tags inside ``<TEXT>`` (the official
  regex ``<TIMEX3[^>]*>[^<]*</TIMEX3>``, so self-closing tags and tags holding other
  tags never count; the DCT, ``t0``, lies outside ``<TEXT>`` and is dropped);
* alignment is **character-level overlap**, one-to-one, greedy in document order: the
  later-starting timex pairs with the other file's timex it starts inside, if neither is
  paired yet (SCORING.md §2; the official toolkit aligns tokens, which gave the same
  counts on every TE3 run);
* strict = overlap and identical surface text; relaxed = overlap; value / type F1 =
  (matches with equal value / type) / relaxed matches x relaxed F1; gold timexes whose
  text is only whitespace count in G but never match; all counts are micro-averaged;
* our own ``value_mod`` score also requires an equal ``mod`` ("the late 1970s").

The text of both files with every tag removed must be identical ("TEXTS NOT SAME" in
the toolkit): otherwise :class:`~datelines.errors.EvaluationError` names the file.

>>> gold = '<TEXT>Seen on <TIMEX3 type="DATE" value="2001-05">May 2001</TIMEX3>.</TEXT>'
>>> system = '<TEXT>Seen on <TIMEX3 type="DATE" value="2001">May 2001</TIMEX3>.</TEXT>'
>>> counts = score_pair(gold, system, name="a.tml")
>>> counts.relaxed, counts.strict, counts.value
(1, 1, 0)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from datelines.errors import EvaluationError

__all__ = [
    "Counts",
    "ScoredTimex",
    "align",
    "evaluate_dirs",
    "evaluate_pairs",
    "mistakes",
    "score_pair",
    "scores",
    "timexes",
]

_TEXT = re.compile(r"<TEXT\b[^>]*>(.*?)</TEXT>", re.S)
_TAG = re.compile(r"<[^>]*>")
_TIMEX = re.compile(r"<TIMEX3[^>]*>[^<]*</TIMEX3>")
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True)
class ScoredTimex:
    """A timex as the scorer sees it: offsets into the tag-stripped TEXT content."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str = ""


@dataclass(frozen=True)
class Counts:
    """Micro-average counts; add them up over files.

    >>> (Counts(gold=2, relaxed=1) + Counts(gold=1, system=3)).gold
    3
    """

    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    type: int = 0
    value: int = 0
    value_mod: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            **{
                f.name: getattr(self, f.name) + getattr(other, f.name)
                for f in fields(self)
            }
        )


def timexes(raw: str, *, name: str) -> tuple[str, list[ScoredTimex]]:
    """The tag-stripped TEXT content of a file and its scored timexes.

    >>> timexes('<TEXT>In <EVENT>x</EVENT> <TIMEX3 type="DATE">1990</TIMEX3></TEXT>',
    ...         name="a.tml")
    ('In x 1990', [ScoredTimex(start=5, end=9, text='1990', type='DATE', value='', mod='')])
    """
    match = _TEXT.search(raw)
    if match is None:
        raise EvaluationError(f"'{name}' has no <TEXT>...</TEXT>; pass a TimeML file")
    body = match[1]
    tags = [(m.start(), m.end()) for m in _TAG.finditer(body)]
    stripped = _TAG.sub("", body)
    found: list[ScoredTimex] = []
    removed = 0  # characters of tags before the current position
    index = 0
    for timex in _TIMEX.finditer(body):
        open_end = body.index(">", timex.start()) + 1
        while index < len(tags) and tags[index][0] < open_end:
            removed += tags[index][1] - tags[index][0]
            index += 1
        text = body[open_end : timex.end() - len("</TIMEX3>")]
        start = open_end - removed
        attrs = {
            m[1]: m[2] if m[2] is not None else m[3]
            for m in _ATTR.finditer(body[timex.start() : open_end])
        }
        found.append(
            ScoredTimex(
                start=start,
                end=start + len(text),
                text=text,
                type=attrs.get("type", ""),
                value=attrs.get("value", ""),
                mod=attrs.get("mod", ""),
            )
        )
    return stripped, found


def align(
    gold: Sequence[ScoredTimex], system: Sequence[ScoredTimex]
) -> list[tuple[int, int]]:
    """Pair gold and system timexes (indices): overlap, one-to-one, in document order.

    Walking the timexes of both files by start offset, each one pairs with the other
    file's most recent timex if it starts inside it and neither is paired yet. Gold
    timexes whose text is only whitespace never pair.

    >>> day = ScoredTimex(0, 14, "Sunday morning", "TIME", "")
    >>> align([day], [ScoredTimex(0, 6, "Sunday", "DATE", ""),
    ...               ScoredTimex(7, 14, "morning", "TIME", "")])
    [(0, 0)]
    """
    items = sorted(
        [(t.start, 0, i) for i, t in enumerate(gold) if t.text.strip()]
        + [(t.start, 1, j) for j, t in enumerate(system)]
    )
    sides: tuple[Sequence[ScoredTimex], Sequence[ScoredTimex]] = (gold, system)
    latest: list[int | None] = [None, None]
    paired: tuple[set[int], set[int]] = (set(), set())
    pairs: list[tuple[int, int]] = []
    for start, side, index in items:
        latest[side] = index
        other = latest[1 - side]
        if other is None or other in paired[1 - side]:
            continue
        covering = sides[1 - side][other]
        if covering.start <= start < covering.end:
            paired[side].add(index)
            paired[1 - side].add(other)
            pairs.append((index, other) if side == 0 else (other, index))
    return sorted(pairs)


def _paired(
    gold_raw: str, system_raw: str, name: str
) -> tuple[list[ScoredTimex], list[ScoredTimex], list[tuple[int, int]]]:
    """Both files' timexes and their alignment; the texts must be the same."""
    gold_text, gold = timexes(gold_raw, name=f"gold {name}")
    system_text, system = timexes(system_raw, name=f"system {name}")
    if gold_text != system_text:
        at = next(
            (
                i
                for i, (a, b) in enumerate(zip(gold_text, system_text, strict=False))
                if a != b
            ),
            min(len(gold_text), len(system_text)),
        )
        raise EvaluationError(
            f"'{name}': the system TEXT differs from the gold TEXT once tags are removed "
            f"(TEXTS NOT SAME, first difference at character {at}); "
            "write the system file from the gold file's text unchanged"
        )
    return gold, system, align(gold, system)


def score_pair(gold_raw: str, system_raw: str, *, name: str) -> Counts:
    """Count the matches of one gold / system file pair (raw TimeML strings)."""
    gold, system, pairs = _paired(gold_raw, system_raw, name)
    counts = Counts(gold=len(gold), system=len(system))
    for g, s in pairs:
        a, b = gold[g], system[s]
        counts += Counts(
            relaxed=1,
            strict=int(a.text == b.text),
            type=int(a.type == b.type),
            value=int(a.value == b.value),
            value_mod=int(a.value == b.value and a.mod == b.mod),
        )
    return counts


def _show(timex: ScoredTimex | None) -> str:
    if timex is None:
        return ""
    mod = f" {timex.mod}" if timex.mod else ""
    return f"{timex.text!r} {timex.type} {timex.value}{mod}"


def mistakes(gold_raw: str, system_raw: str, *, name: str) -> list[dict[str, Any]]:
    """Every way the system differs from gold in one file, in document order.

    ``kind`` is ``missed``, ``spurious``, or for a matched pair the list of what
    differs among ``span``, ``type``, ``value`` and ``mod``.

    >>> gold = '<TEXT>In <TIMEX3 type="DATE" value="1990">1990</TIMEX3> it.</TEXT>'
    >>> system = '<TEXT>In 1990 <TIMEX3 type="DATE" value="X">it</TIMEX3>.</TEXT>'
    >>> [m["kind"] for m in mistakes(gold, system, name="a.tml")]
    ['missed', 'spurious']
    """
    gold, system, pairs = _paired(gold_raw, system_raw, name)
    found: list[tuple[int, str, ScoredTimex | None, ScoredTimex | None]] = []
    for g, s in pairs:
        a, b = gold[g], system[s]
        kinds = [
            kind
            for kind, same in (
                ("span", a.text == b.text),
                ("type", a.type == b.type),
                ("value", a.value == b.value),
                ("mod", a.mod == b.mod),
            )
            if not same
        ]
        if kinds:
            found.append((a.start, "+".join(kinds), a, b))
    matched_gold = {g for g, _ in pairs}
    matched_system = {s for _, s in pairs}
    found += [
        (t.start, "missed", t, None)
        for i, t in enumerate(gold)
        if i not in matched_gold
    ]
    found += [
        (t.start, "spurious", None, t)
        for i, t in enumerate(system)
        if i not in matched_system
    ]
    return [
        {"file": name, "at": at, "kind": kind, "gold": _show(a), "system": _show(b)}
        for at, kind, a, b in sorted(found, key=lambda item: item[0])
    ]


def _prf(hits: int, system: int, gold: int) -> dict[str, float]:
    if system == 0 and gold == 0:
        return {"precision": 100.0, "recall": 100.0, "f1": 100.0}
    p = hits / system if system else 0.0
    r = hits / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(100 * p, 2), "recall": round(100 * r, 2), "f1": _pct(f1)}


def _pct(x: float) -> float:
    return round(100 * x, 2)


def scores(counts: Counts) -> dict[str, Any]:
    """TempEval-3 figures (x100, 2 decimals) from summed counts.

    >>> scores(Counts(gold=4, system=2, relaxed=2, strict=1, type=2, value=1))["value_f1"]
    33.33
    """
    c = counts
    if c.gold == 0 and c.system == 0:
        f1 = 1.0
        share = {"type": 1.0, "value": 1.0, "value_mod": 1.0}
    else:
        p = c.relaxed / c.system if c.system else 0.0
        r = c.relaxed / c.gold if c.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        share = {
            key: getattr(c, key) / c.relaxed if c.relaxed else 0.0
            for key in ("type", "value", "value_mod")
        }
    return {
        "strict": _prf(c.strict, c.system, c.gold),
        "relaxed": _prf(c.relaxed, c.system, c.gold),
        "value_f1": _pct(share["value"] * f1),
        "type_f1": _pct(share["type"] * f1),
        "value_mod_f1": _pct(share["value_mod"] * f1),
        "value_accuracy": _pct(share["value"]),
        "type_accuracy": _pct(share["type"]),
        "counts": asdict(c),
    }


def evaluate_pairs(
    pairs: Iterable[tuple[str, str, str]], *, with_mistakes: bool = False
) -> dict[str, Any]:
    """Score ``(name, gold_raw, system_raw)`` triples, micro-averaged.

    With ``with_mistakes``, the result also lists every :func:`mistakes` entry.
    """
    total = Counts()
    per_file: dict[str, dict[str, int]] = {}
    listed: list[dict[str, Any]] = []
    for name, gold_raw, system_raw in pairs:
        counts = score_pair(gold_raw, system_raw, name=name)
        per_file[name] = asdict(counts)
        total += counts
        if with_mistakes:
            listed += mistakes(gold_raw, system_raw, name=name)
    result = {"files": len(per_file), **scores(total), "per_file": per_file}
    if with_mistakes:
        result["mistakes"] = listed
    return result


def evaluate_dirs(
    gold_dir: str | Path, system_dir: str | Path, *, with_mistakes: bool = False
) -> dict[str, Any]:
    """Score every ``*.tml`` of ``gold_dir`` against the same name in ``system_dir``.

    Returns strict and relaxed precision / recall / F1, value F1, type F1, our
    value+mod F1, the summed counts and per-file counts (and, with ``with_mistakes``,
    every :func:`mistakes` entry). System files without gold are ignored; a gold file
    without a system file is an error.
    """
    gold_dir, system_dir = Path(gold_dir), Path(system_dir)
    gold_files = sorted(gold_dir.glob("*.tml"))
    if not gold_files:
        raise EvaluationError(f"'{gold_dir}' holds no .tml files; pass the gold folder")
    missing = [p.name for p in gold_files if not (system_dir / p.name).is_file()]
    if missing:
        raise EvaluationError(
            f"'{system_dir}' lacks {len(missing)} of the {len(gold_files)} gold files "
            f"(first: {missing[0]}); tag every gold file, under the same name"
        )
    pairs = (
        (
            p.name,
            p.read_text(encoding="utf-8"),
            (system_dir / p.name).read_text(encoding="utf-8"),
        )
        for p in gold_files
    )
    return evaluate_pairs(pairs, with_mistakes=with_mistakes)
