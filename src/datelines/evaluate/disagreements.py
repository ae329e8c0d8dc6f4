"""evaluate: score a comparison against a disagreement gold (``*-disagreements.gold.jsonl``).

Consumes the gold lines (see ``../shared/gold/README.md``) and a
:class:`~datelines.reconcile.Comparison` with its sources; produces a JSON-ready report:
recall on ``hard`` and on ``soft`` lines, the share of ``agree`` lines flagged, and per
line whether it was found.

A conflict line is found when one reported conflict holds a claim whose quote overlaps
side ``a`` and another claim whose quote overlaps side ``b`` (each from that side's
document, overlapping by at least half of the shorter quote after collapsing
whitespace). An omission line is found when a reported omission's present quote
overlaps side ``a`` and its absent sources include ``b.doc``. An ``agree`` line is
flagged when a conflict would find it.

>>> overlaps("the treaty was signed in 1815", "Finally the treaty was signed in 1815.")
True
>>> overlaps("the treaty was signed", "a different sentence altogether")
False
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from datelines.errors import EvaluationError
from datelines.model import Event, Source
from datelines.reconcile.types import Claim, Comparison

TYPES = {"date", "figure", "actor", "place", "omission", "characterization", "agree"}


def collapse(text: str) -> str:
    """All runs of whitespace (non-breaking spaces too) become one space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def overlaps(a: str, b: str) -> bool:
    """Two quotes share a stretch at least half as long as the shorter one."""
    a, b = collapse(a), collapse(b)
    if not a or not b:
        return False
    shorter = min(len(a), len(b))
    if a in b or b in a:
        return True
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(
        0, len(a), 0, len(b)
    )
    return match.size * 2 >= shorter


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """The gold lines of a disagreement file, checked."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as err:
        raise EvaluationError(
            f"cannot read gold '{p}': {err.strerror}; pass an existing .gold.jsonl file"
        ) from err
    lines = []
    for n, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise EvaluationError(
                f"gold '{p}' line {n} is not JSON ({err.msg}); fix or remove the line"
            ) from err
        if row.get("type") not in TYPES or not isinstance(row.get("a"), dict) or not (
            isinstance(row.get("b"), dict)
        ):
            raise EvaluationError(
                f"gold '{p}' line {n} lacks a known type or sides a/b; "
                "see the disagreement gold format in shared/gold/README.md"
            )
        lines.append(row)
    return lines


def _doc_of(sources: Sequence[Source]) -> dict[str, str]:
    return {s.id: Path(s.path).name for s in sources}


def _claim_matches(claim: Claim, side: Mapping[str, Any], docs: Mapping[str, str]) -> bool:
    quote = side.get("quote")
    return bool(quote) and docs.get(claim.source) == side.get("doc") and overlaps(
        claim.quote, quote  # type: ignore[arg-type]
    )


def conflict_found(line: Mapping[str, Any], comparison: Comparison) -> str | None:
    """The id of a conflict holding both sides of the line, if any."""
    docs = _doc_of(comparison.sources)
    for conflict in comparison.conflicts:
        claims = conflict.claims
        for i, ca in enumerate(claims):
            if not _claim_matches(ca, line["a"], docs):
                continue
            for j, cb in enumerate(claims):
                if i != j and _claim_matches(cb, line["b"], docs):
                    return conflict.id
    return None


def omission_found(line: Mapping[str, Any], comparison: Comparison) -> str | None:
    """The event id of an omission matching the line, if any."""
    docs = _doc_of(comparison.sources)
    for omission in comparison.omissions:
        absent = {docs.get(s, s) for s in omission.absent_from}
        if line["b"].get("doc") not in absent:
            continue
        for presence in omission.present_in:
            if docs.get(presence.source) == line["a"].get("doc") and overlaps(
                presence.quote, line["a"].get("quote") or ""
            ):
                return omission.event
    return None


def _extracted(side: Mapping[str, Any], events: Sequence[Event], docs: Mapping[str, str]
               ) -> bool:
    quote = side.get("quote")
    return bool(quote) and any(
        docs.get(e.source) == side.get("doc") and overlaps(e.evidence.quote, quote)  # type: ignore[arg-type]
        for e in events
    )


def score(
    gold: Sequence[Mapping[str, Any]],
    comparison: Comparison,
    *,
    events: Sequence[Event] | None = None,
) -> dict[str, Any]:
    """Recall on hard and soft lines, agree lines flagged, and the per-line verdicts.

    With the compared ``events``, each line also says whether an event was extracted
    for each side (``extracted``): a line whose side has no event cannot be found by
    comparing, whatever the method, and ``reachable`` counts the others.
    """
    docs = _doc_of(comparison.sources)
    reachable = {"hard": 0, "soft": 0}
    per_line = []
    totals = {"hard": [0, 0], "soft": [0, 0], "agree": [0, 0]}
    for line in gold:
        if line["type"] == "omission":
            hit = omission_found(line, comparison)
        else:
            hit = conflict_found(line, comparison)
        group = "agree" if line["type"] == "agree" else (line.get("strength") or "soft")
        totals.setdefault(group, [0, 0])
        totals[group][0] += hit is not None
        totals[group][1] += 1
        verdict: dict[str, Any] = {
            "id": line.get("id"),
            "type": line["type"],
            "strength": line.get("strength"),
            "found": hit is not None,
            "by": hit,
        }
        if events is not None:
            sides = [_extracted(line["a"], events, docs)]
            if line["type"] != "omission":
                sides.append(_extracted(line["b"], events, docs))
            verdict["extracted"] = sides
            if all(sides) and group in reachable:
                reachable[group] += 1
        per_line.append(verdict)

    def share(group: str) -> float | None:
        got, of = totals[group]
        return round(got / of, 3) if of else None

    return {
        "recall_hard": share("hard"),
        "recall_soft": share("soft"),
        "agree_flagged": share("agree"),
        "counts": {g: {"found": t[0], "lines": t[1]} for g, t in totals.items()},
        **({"reachable": reachable} if events is not None else {}),
        "reported": {
            "conflicts": len(comparison.conflicts),
            "omissions": len(comparison.omissions),
            "alignments": len(comparison.alignments),
            "agreements": comparison.agreements,
        },
        "lines": per_line,
    }
