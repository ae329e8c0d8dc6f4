"""Score extracted events against a gold timeline (``../shared/gold/*.gold.jsonl``).

The evaluate stage sits beside the pipeline: it reads a document, runs
:func:`datelines.extract.extract`, and compares the events with the gold lines of the
same document. The scoring follows ``gold/README.md``:

* a prediction matches a gold event when their evidence quotes overlap, after
  collapsing whitespace, by at least half of the shorter quote; matching is one-to-one;
* **core recall**: matched core gold events / core gold events;
* **precision**: matched predictions / predictions (a prediction that matches a
  non-core gold event is not a false positive);
* **date exact**: matched core events whose predicted TIMEX3 value equals the gold
  ``date``, over the matched core events;
* **figure recall**: gold figures (of matched gold events) whose value and qualifier
  appear among the matched prediction's figures, over all gold figures of core events.

>>> collapse("a\\u00a0 b\\n c")
'a b c'
>>> overlap((0, 10), (5, 20))
5
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datelines.errors import EvaluationError
from datelines.model import Event, Extraction

_WS = re.compile(r"\s+")
METRICS = ("core_recall", "precision", "date_exact", "figure_recall")


def collapse(text: str) -> str:
    """Collapse every run of whitespace (non-breaking spaces included) to one space."""
    return _WS.sub(" ", text).strip()


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Length of the intersection of two half-open character intervals."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass(frozen=True)
class Gold:
    """One gold line with its quote located in the collapsed document text."""

    id: str
    date: str
    core: bool
    quote: str
    span: tuple[int, int]
    figures: tuple[tuple[float, str], ...]


def read_gold(path: str | Path, text: str) -> list[Gold]:
    """Read a ``.gold.jsonl`` file and locate each quote in ``collapse(text)``."""
    flat = collapse(text)
    golds: list[Gold] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise EvaluationError(
            f"cannot read gold file '{path}': {err.strerror}; pass a .gold.jsonl file"
        ) from err
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            quote = collapse(row["quote"])
            figures = tuple(
                (float(f["value"]), str(f.get("qualifier") or "exact"))
                for f in row.get("figures") or ()
            )
            gold = Gold(
                str(row["id"]),
                str(row["date"]),
                bool(row.get("core")),
                quote,
                _locate(flat, quote),
                figures,
            )
        except (ValueError, KeyError, TypeError) as err:
            raise EvaluationError(
                f"gold file '{path}' line {number} is malformed ({err}); each line must "
                "be a JSON object with id, date, quote and core"
            ) from err
        golds.append(gold)
    return golds


def _locate(flat: str, quote: str) -> tuple[int, int]:
    at = flat.find(quote)
    if at < 0:  # tolerate a trailing/leading punctuation difference
        at = flat.find(quote.strip(" .,;:"))
        quote = quote.strip(" .,;:")
    if at < 0:
        raise ValueError(f"quote not found in the document: {quote[:60]!r}")
    return at, at + len(quote)


def _collapsed_spans(original: str, events: Sequence[Event]) -> list[tuple[int, int]]:
    """Map each event's evidence span (original offsets) into collapsed coordinates."""
    # position of every original character in the collapsed text
    index = [0] * (len(original) + 1)
    pos, in_space, started = 0, False, False
    for i, ch in enumerate(original):
        if ch.isspace():
            in_space = started
            index[i] = pos
            continue
        if in_space:
            pos += 1
            in_space = False
        started = True
        index[i] = pos
        pos += 1
    index[len(original)] = pos
    return [
        (index[e.evidence.start], index[max(e.evidence.end - 1, 0)] + 1) for e in events
    ]


def match(
    golds: Sequence[Gold], spans: Sequence[tuple[int, int]], values: Sequence[str]
) -> dict[int, int]:
    """One-to-one matching gold index -> prediction index.

    Candidate pairs overlap by at least half of the shorter quote; core gold events
    are served first, then pairs whose dates agree, then larger overlaps.

    >>> g = [Gold("a", "1990", True, "x", (0, 10), ())]
    >>> match(g, [(20, 30), (4, 12)], ["1990", "1990"])
    {0: 1}
    """
    pairs = []
    for gi, gold in enumerate(golds):
        glen = gold.span[1] - gold.span[0]
        for pi, span in enumerate(spans):
            shared = overlap(gold.span, span)
            if shared and shared * 2 >= min(glen, span[1] - span[0]):
                ratio = shared / max(glen, span[1] - span[0])
                pairs.append((not gold.core, values[pi] != gold.date, -ratio, gi, pi))
    pairs.sort()
    result: dict[int, int] = {}
    used: set[int] = set()
    for *_, gi, pi in pairs:
        if gi not in result and pi not in used:
            result[gi] = pi
            used.add(pi)
    return result


def score(
    extraction: Extraction, original: str, golds: Sequence[Gold]
) -> dict[str, Any]:
    """The four figures (and their counts) for one document's extraction."""
    events = list(extraction.events)
    spans = _collapsed_spans(original, events)
    pairs = match(golds, spans, [e.date.value for e in events])
    core = [i for i, g in enumerate(golds) if g.core]
    core_matched = [i for i in core if i in pairs]
    dates_ok = [i for i in core_matched if events[pairs[i]].date.value == golds[i].date]
    wanted = [(i, f) for i in core for f in golds[i].figures]
    found = [
        (i, f)
        for i, f in wanted
        if i in pairs
        and any(
            abs(fig.value - f[0]) < 1e-6 and fig.qualifier == f[1]
            for fig in events[pairs[i]].figures
        )
    ]
    missed = [golds[i].id for i in core if i not in pairs]
    wrong_dates = {
        golds[i].id: events[pairs[i]].date.value
        for i in core_matched
        if i not in dates_ok
    }
    unmatched = [
        collapse(events[p].evidence.quote)[:80]
        for p in range(len(events))
        if p not in pairs.values()
    ]
    return {
        "core_recall": _ratio(len(core_matched), len(core)),
        "precision": _ratio(len(pairs), len(events)),
        "date_exact": _ratio(len(dates_ok), len(core_matched)),
        "figure_recall": _ratio(len(found), len(wanted)),
        "core": len(core),
        "core_matched": len(core_matched),
        "predicted": len(events),
        "matched": len(pairs),
        "figures": len(wanted),
        "figures_found": len(found),
        "missed_core": missed,
        "wrong_dates": wrong_dates,
        "unmatched": unmatched,
    }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def evaluate_events(document_path: str | Path, gold_path: str | Path) -> dict[str, Any]:
    """Read and extract one document, then score it against its gold timeline."""
    from datelines.extract import extract, read_document

    document = read_document(document_path)
    extraction = extract(document)
    golds = read_gold(gold_path, document.original)
    result = score(extraction, document.original, golds)
    return {"document": Path(document_path).name, **result}


def gold_pairs(gold_dir: str | Path) -> list[tuple[Path, Path]]:
    """(document, gold) pairs: every ``*.gold.jsonl`` except the disagreement files.

    The document is looked up in ``GOLD_DIR/../corpus/NAME.txt`` (the shared layout).
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise EvaluationError(
            f"gold folder '{gold_dir}' does not exist; pass the folder of *.gold.jsonl"
        )
    pairs = []
    for gold in sorted(gold_dir.glob("*.gold.jsonl")):
        if "disagreements" in gold.name:
            continue
        name = gold.name[: -len(".gold.jsonl")]
        text = gold_dir.parent / "corpus" / f"{name}.txt"
        if not text.is_file():
            raise EvaluationError(
                f"no document for gold file '{gold.name}': expected '{text}'; keep the "
                "corpus/ folder beside gold/"
            )
        pairs.append((text, gold))
    if not pairs:
        raise EvaluationError(
            f"no *.gold.jsonl files in '{gold_dir}'; pass the gold/ folder of the corpus"
        )
    return pairs


def evaluate_all(
    gold_dir: str | Path,
    *,
    progress: Callable[[list[tuple[Path, Path]]], Iterable[tuple[Path, Path]]]
    | None = None,
) -> dict[str, Any]:
    """Score every gold document in ``gold_dir``: one row per document + macro average.

    ``progress`` wraps the (document, gold) pairs, e.g. to show a progress bar.
    """
    pairs = gold_pairs(gold_dir)
    rows = [evaluate_events(text, gold) for text, gold in (progress or iter)(pairs)]
    return {"documents": rows, "macro": macro(rows)}


def macro(rows: Iterable[dict[str, Any]]) -> dict[str, float]:
    """Unweighted mean of each metric over documents.

    >>> macro([{"core_recall": 1.0, "precision": 0.5, "date_exact": 1, "figure_recall": 0},
    ...        {"core_recall": 0.5, "precision": 0.5, "date_exact": 0, "figure_recall": 1}])
    {'core_recall': 0.75, 'precision': 0.5, 'date_exact': 0.5, 'figure_recall': 0.5}
    """
    rows = list(rows)
    if not rows:
        return {m: 0.0 for m in METRICS}
    return {m: round(sum(r[m] for r in rows) / len(rows), 4) for m in METRICS}
