"""reconcile stage: where linked events disagree -- dates, figures, actors, places, terms.

Consumes scored :class:`~datelines.reconcile.features.Link` pairs of
:class:`~datelines.reconcile.features.Item` and produces
:class:`~datelines.reconcile.types.Conflict` records with a claim on every side (source,
event, quote, value). A pair from one source is an *internal* contradiction.

Each check says how strong the disagreement is -- ``hard`` (cannot both hold) or
``soft`` (different scope, overlapping ranges, plausible readings of both) -- and words
it neutrally: "A says X; B says Y", never which side is right.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterator

from datelines.model import Figure
from datelines.reconcile import dates, figures, scope
from datelines.reconcile.descriptors import descriptor_clash
from datelines.reconcile.features import Item
from datelines.reconcile.kinds import has_defining_agents
from datelines.reconcile.similarity import fold, same_name
from datelines.reconcile.types import Claim, Conflict, ConflictType, Strength

Label = Callable[[str], str]  # source id -> a short name for explanations
Quote = Callable[[Item, str], str]  # (item, value text) -> the sentence that holds it


def conflict_id(kind: str, *event_ids: str) -> str:
    """A stable id for a conflict from its type and the events on its sides.

    >>> conflict_id("date", "e2", "e1") == conflict_id("date", "e1", "e2")
    True
    """
    digest = hashlib.sha1(("|".join([kind, *sorted(event_ids)])).encode()).hexdigest()
    return f"{kind}-{digest[:10]}"


def _conflict(
    kind: ConflictType,
    strength: Strength,
    a: Item,
    b: Item,
    values: tuple[str, str],
    quotes: tuple[str, str],
    label: Label,
    tail: str = "",
) -> Conflict:
    internal = a.event.source == b.event.source
    if internal:
        explanation = (
            f"{label(a.event.source)} says {values[0]} in one passage "
            f"and {values[1]} in another"
        )
    else:
        explanation = (
            f"{label(a.event.source)} says {values[0]}; "
            f"{label(b.event.source)} says {values[1]}"
        )
    return Conflict(
        id=conflict_id(kind, a.event.id, b.event.id),
        type=kind,
        strength=strength,
        event=a.event.summary or a.event.kind,
        claims=(
            Claim(a.event.source, a.event.id, quotes[0], values[0]),
            Claim(b.event.source, b.event.id, quotes[1], values[1]),
        ),
        explanation=explanation + (f" ({tail})" if tail else "") + ".",
        internal=internal,
    )


def date_conflict(a: Item, b: Item, label: Label, quote: Quote) -> Conflict | None:
    """Same happening dated differently beyond the granularity of either claim."""
    if a.borrowed or b.borrowed:  # a date taken from the context says nothing new
        return None
    rel = dates.date_relation(
        a.event.date, b.event.date,
        a_days=a.duration[0] if a.duration else None,
        b_days=b.duration[0] if b.duration else None, a_start=a.start, b_start=b.start,
    )
    if rel.kind != "conflict" or rel.strength is None:
        return None
    strength = rel.strength
    if not (scope.firm_date(a.sentence) and scope.firm_date(b.sentence)):
        strength = "soft"  # a happening drawing near, or a dating the account disputes
    va, vb = _date_value(a), _date_value(b)
    tail = {
        "start": _apart(rel.gap_days),
        "extent": "one extent does not fit inside the other's period",
        "end": "the ends differ",
        "edge": "one date lies just outside the other's season",
    }.get(rel.reason, "")
    qa, qb = quote(a, a.event.date.text), quote(b, b.event.date.text)
    return _conflict("date", strength, a, b, (va, vb), (qa, qb), label, tail)


def _apart(days: int) -> str:
    """How far apart two dates are, in words.

    >>> _apart(1), _apart(9), _apart(1462)
    ('1 day apart', '9 days apart', 'about 4 years apart')
    """
    if days >= 365:
        return f"about {round(days / 365)} years apart"
    return f"{days} day{'s' if days != 1 else ''} apart"


def _date_value(it: Item) -> str:
    text = dates.describe(it.event.date)
    if it.duration and not it.event.date.end_value:
        text += f" lasting {it.duration[1]}"
    return text


def _figure_key(item: Item, f: Figure, quote: Quote) -> tuple[str | None, str | None, bool]:
    sentence = quote(item, f.text)
    measure = figures.measure(f, sentence)
    if measure is None and not f.of and item.lead and ANAPHORA.search(sentence):
        # "put the number at ...": the number of what the sentence before counts
        measure = figures.measure(Figure(value=f.value), item.lead)
    return measure, figures.head(f.of), figures.part_of_list(f, sentence)


def comparable(x: tuple[str | None, str | None, bool], y: tuple[str | None, str | None, bool]
               ) -> bool:
    """Two figures count the same thing: the same known measure, compatible nouns,
    neither a part of a list ("including four ministers")."""
    (mx, hx, px), (my, hy, py) = x, y
    if px or py:
        return False
    if mx and my:
        return mx == my and (hx is None or hy is None or hx == hy or _same_class(hx, hy))
    return hx is not None and hx == hy  # no act named: the counted nouns must agree


def _same_class(x: str, y: str) -> bool:
    """Two counted nouns of one measure's kind ("followers", "supporters": members)."""
    mx = figures.measure(Figure(value=0), x)
    return mx is not None and mx == figures.measure(Figure(value=0), y)


def figure_conflicts(
    a: Item, b: Item, label: Label, quote: Quote, *, known_only: bool = False
) -> Iterator[Conflict]:
    """Counts of the same measure that cannot both hold (or sit far apart);
    ``known_only``: only figures whose measure is known (killed, wounded, ...)."""
    fa = [(f, _figure_key(a, f, quote)) for f in _bounds(a, quote)]
    fb = [(f, _figure_key(b, f, quote)) for f in _bounds(b, quote)]
    seen: set[tuple[int, int]] = set()
    for side, mine, theirs in ((0, fa, fb), (1, fb, fa)):
        for i, (f, kf) in enumerate(mine):
            comparable_rels = [
                (j, figures.figure_relation(f, g, measure_a=kf[0], measure_b=kg[0]))
                for j, (g, kg) in enumerate(theirs) if comparable(kf, kg)
                and not (known_only and (kf[0] is None or kg[0] is None))
            ]
            comparable_rels = [(j, r) for j, r in comparable_rels if r.kind != "incomparable"]
            scopes = {
                j: scope.figure_scope(
                    f, theirs[j][0], quote(a if side == 0 else b, f.text),
                    quote(b if side == 0 else a, theirs[j][0].text),
                ) for j, _ in comparable_rels
            }  # a period's total against one day's toll counts another scope
            comparable_rels = [(j, r) for j, r in comparable_rels if scopes[j] not in ("apart", "fits")]
            if not comparable_rels or any(r.kind == "compatible" for _, r in comparable_rels):
                continue
            j, rel = min(
                comparable_rels, key=lambda jr: _distance(f, theirs[jr[0]][0])
            )
            key = (i, j) if side == 0 else (j, i)
            if key in seen:
                continue
            seen.add(key)
            f1, f2 = fa[key[0]][0], fb[key[1]][0]
            strength = rel.strength or "soft"
            if _attributed_apart(a, b) or scopes[j] == "soft":
                strength = "soft"
            yield _conflict(
                "figure", strength, a, b,
                (figures.describe(f1), figures.describe(f2)),
                (quote(a, f1.text), quote(b, f2.text)), label,
                "counts of the same measure" if strength == "hard" else "possibly different scope",
            )


def _bounds(item: Item, quote: Quote) -> list[Figure]:
    return [figures.read_bound(f, quote(item, f.text)) for f in item.event.figures]


def _distance(f: Figure, g: Figure) -> float:
    return abs(f.value - g.value)


def _attributed_apart(a: Item, b: Item) -> bool:
    """Both sides report someone else's estimate (the account does not assert it)."""
    return a.event.attribution.asserted_by != "source" and (
        b.event.attribution.asserted_by != "source"
    )


def actor_conflict(a: Item, b: Item, label: Label, quote: Quote) -> Conflict | None:
    """Different agents for an act whose agents define it (founders, signatories...)."""
    if not (has_defining_agents(a.event.kind) and has_defining_agents(b.event.kind)):
        return None
    if not a.agents or not b.agents:
        return None
    only_a = [n for n in a.agents.values() if not any(same_name(n, m) for m in b.agents.values())]
    only_b = [n for n in b.agents.values() if not any(same_name(n, m) for m in a.agents.values())]
    if not only_a and not only_b:
        return None
    # hard only when each side lists its agents and each names one the other lacks
    listed = len(a.agents) >= 2 and len(b.agents) >= 2
    strength: Strength = "hard" if only_a and only_b and listed else "soft"
    tail = "each names an agent the other does not" if only_a and only_b else (
        "one account names more agents"
    )
    fewer = b if only_a and not only_b else a if only_b and not only_a else None
    if fewer is not None and fewer.closed == len(fewer.agents) >= 2:
        # "A, B and C founded ... these three": the shorter list says it is complete
        strength, tail = "hard", f"one account names more agents; the other counts {fewer.closed}"
    values = ("; ".join(a.agents.values()), "; ".join(b.agents.values()))
    return _conflict(
        "actor", strength, a, b, values,
        (quote(a, ""), quote(b, "")), label, tail,
    )


def place_conflict(a: Item, b: Item, label: Label, quote: Quote) -> Conflict | None:
    """Places with nothing in common (soft: one may contain the other)."""
    if not a.places or not b.places:
        return None
    for pa in a.places.values():
        for pb in b.places.values():
            if same_name(pa, pb) or fold(pa) in fold(pb) or fold(pb) in fold(pa):
                return None
    values = ("; ".join(a.places.values()), "; ".join(b.places.values()))
    return _conflict(
        "place", "soft", a, b, values, (quote(a, ""), quote(b, "")), label,
        "no place in common; one may lie within the other",
    )


MORE_PLACES = 2  # a list of places this much longer than the other's names a wider scope


def place_scope_conflict(a: Item, b: Item, label: Label, quote: Quote) -> Conflict | None:
    """One account places the happening in some of the places the other lists, the
    other in several more ("in the capital" / "in the capital and six other cities"):
    soft, the first does not say it happened nowhere else."""
    if not a.places or not b.places or a.event.source == b.event.source:
        return None
    for few, many in ((a, b), (b, a)):
        inside = all(any(same_name(p, q) for q in many.places.values())
                     for p in few.places.values())
        if inside and len(many.places) >= len(few.places) + MORE_PLACES:
            values = ("; ".join(a.places.values()), "; ".join(b.places.values()))
            return _conflict(
                "place", "soft", a, b, values, (quote(a, ""), quote(b, "")), label,
                "one account names more places",
            )
    return None


ANAPHORA = re.compile(r"\bthe (?:number|toll|estimate|figure|count|total)\b", re.I)


def characterization_conflict(
    a: Item, b: Item, label: Label, quote: Quote
) -> Conflict | None:
    """The same happening described in opposing terms (``data/descriptors.yaml``), in
    the event's sentence or in a following one that goes on about it ("... opened fire
    on the peaceful protesters"); each claim quotes the sentence holding its term."""
    own_a, own_b = a.sentence or a.event.evidence.quote, b.sentence or b.event.evidence.quote
    for qa in (own_a, *a.sequel):
        for qb in (own_b, *b.sequel):  # the agents are portrayed in the act's own sentence
            clash = descriptor_clash(qa, qb, portraits=qa is own_a and qb is own_b)
            if clash is not None:
                opp, ta, tb = clash
                return _conflict(
                    "characterization", opp["strength"], a, b,
                    (f"\u201c{ta}\u201d", f"\u201c{tb}\u201d"), (qa, qb), label,
                    opp["name"],
                )
    return None


def soften(c: Conflict, why: str = "possibly different scope") -> Conflict:
    """A hard conflict as a possible one, saying why."""
    if c.strength == "soft":
        return c
    tail = " (counts of the same measure)."
    text = c.explanation[: -len(tail)] if c.explanation.endswith(tail) else c.explanation
    return dataclasses.replace(c, strength="soft", explanation=text.rstrip(".") + f" ({why}).")


def kin(a: Item, b: Item) -> bool:
    """The two items tell the same kind of happening (the same or a named kind group)."""
    return a.group == b.group or a.group in b.groups or b.group in a.groups


def check_statements(a: Item, b: Item, label: Label, quote: Quote, *, figures_only: bool
                     = False) -> list[Conflict]:
    """Conflicts between two items of which one at least is a statement riding on an
    aligned event: figures always (they name their measure), the other aspects only
    between items telling the same kind of happening."""
    found = list(figure_conflicts(a, b, label, quote, known_only=figures_only))
    if figures_only and (a.borrowed or b.borrowed):  # one account, a statement whose
        found = [soften(c) for c in found]  # time and scope are read from its context
    if figures_only or not kin(a, b) or (a.founded and b.founded
                                         and not a.founded & b.founded):
        return found  # another kind of happening, or two bodies founded
    if (a.other_body or b.other_body) and not a.founded & b.founded:
        return found  # a founding told beside another: the same body must be named
    checks = [date_conflict, place_scope_conflict, characterization_conflict]
    if a.persons and b.persons:  # founders listed by name on both sides
        checks.append(actor_conflict)
    for single in checks:
        c = single(a, b, label, quote)
        if c is not None:
            found.append(c)
    return found


def check(a: Item, b: Item, label: Label, quote: Quote) -> list[Conflict]:
    """Every conflict between two linked events."""
    found: list[Conflict] = []
    for single in (date_conflict, actor_conflict, place_conflict, characterization_conflict):
        c = single(a, b, label, quote)
        if c is not None:
            found.append(c)
    found.extend(figure_conflicts(a, b, label, quote))
    return found
