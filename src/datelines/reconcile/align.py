"""reconcile stage: which events, across sources, describe the same happening.

Consumes plain :class:`~datelines.model.Event` objects; produces :class:`Item` features
and scored :class:`Link` pairs for :mod:`datelines.reconcile.conflicts`.

Candidates come from *blocking*, so cost grows near-linearly with the number of events:
dated events (year or finer) are sorted by the start of their interval and swept with a
fixed window (each event meets only its time neighbours, at most ``max_candidates``);
events dated only by decade or century, or undated, go to a bucket keyed by the names
and kind group they carry, and meet only events sharing a key (keys carried by too many
events are skipped). Each candidate pair is then scored on four signals: compatible
kind (``data/kinds.yaml``), shared participants (entity ids or fuzzy names), similar
wording (TF-IDF), and compatible dates (intervals, not strings). A pair whose score
passes ``settings.link_threshold``, or a *mutual best* match between two sources
(:func:`firm_links`), is a link; linked events form an alignment. Events of one
sentence with one kind and compatible dates are first folded (:func:`drop_twins`).
The features themselves (:class:`Item`, :func:`items`) live in
:mod:`datelines.reconcile.features`.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta

from datelines.reconcile.dates import RANK, date_relation
from datelines.reconcile.features import Item, Link, drop_twins, items
from datelines.reconcile.kinds import GENERIC_KINDS, is_once, names_a_kind
from datelines.reconcile.settings import CompareSettings
from datelines.reconcile.similarity import Names, Wording, fold

__all__ = [
    "Item", "Link", "candidates", "clusters", "drop_twins", "firm_links", "items",
    "link_all", "loose_links", "name_weights", "score",
]


def candidates(items_: Sequence[Item], *, settings: CompareSettings) -> list[tuple[int, int]]:
    """Candidate pairs by blocking: a time sweep plus a keyed bucket for coarse dates."""
    pairs: set[tuple[int, int]] = set()
    dated = sorted((it for it in items_ if not it.coarse), key=lambda it: it.when.lo)  # type: ignore[union-attr]
    starts = [it.when.lo for it in dated]  # type: ignore[union-attr]
    window = settings.window_days
    for pos, it in enumerate(dated):
        assert it.when is not None
        end = it.when.start_hi or it.when.hi
        stop = bisect_right(starts, end + timedelta(days=window))
        for other in dated[pos + 1 : min(stop, pos + 1 + settings.max_candidates)]:
            pairs.add((min(it.index, other.index), max(it.index, other.index)))
    # the coarse / undated bucket: meet events that share a name or kind group
    postings: dict[str, list[int]] = defaultdict(list)
    for it in items_:
        for key in (*it.names, "kind:" + it.group):
            postings[key].append(it.index)
    for it in items_:
        if not it.coarse:
            continue
        met = 0
        for key in (*it.names, "kind:" + it.group):
            posting = postings[key]
            if len(posting) > settings.max_postings:
                continue
            for j in posting:
                if j != it.index and met < settings.max_candidates:
                    pairs.add((min(it.index, j), max(it.index, j)))
                    met += 1
    return sorted(pairs)


def name_weights(items_: Sequence[Item]) -> dict[str, float]:
    """Informativeness of each participant key: log(N / events carrying it).

    >>> w = name_weights([])
    >>> w
    {}
    """
    df: dict[str, int] = defaultdict(int)
    for it in items_:
        for key in it.names:
            df[key] += 1
    n = max(1, len(items_))
    return {k: math.log(n / c) for k, c in df.items()}


def score(
    a: Item, b: Item, wording: Wording, names: Names,
    weights: dict[str, float] | None = None, *, words: float | None = None,
) -> Link:
    """How likely two events describe the same happening (0..1).

    ``words`` is the wording similarity when already computed in bulk.
    """
    same_kind = a.event.kind.lower() == b.event.kind.lower()
    if same_kind:
        kind = 1.0
    elif a.group == b.group:
        kind = 0.7
    elif a.group in b.groups or b.group in a.groups:
        kind = 0.5  # the other's kind is named in the sentence, not chosen for it
    else:
        kind = 0.0
    shared, union = names.overlap(a.names, b.names, weights)
    raw_shared = names.overlap(a.names, b.names)[0]
    name_score = shared / union if shared > 0 else 0.0
    if raw_shared:  # even a name every event carries says a little
        name_score = max(name_score, 0.15)
    if a.coarse or b.coarse:  # a decade holds many happenings of one kind
        kind *= 0.5
    if words is None:
        words = wording.similarity(a.index, b.index)
    rel = date_relation(
        a.event.date, b.event.date,
        a_days=a.duration[0] if a.duration else None,
        b_days=b.duration[0] if b.duration else None, a_start=a.start, b_start=b.start,
    )
    if rel.kind == "compatible":
        precise = a.when and b.when and RANK[a.when.granularity] <= RANK["month"] and (
            RANK[b.when.granularity] <= RANK["month"]
        )
        date_term = 0.15 if precise else 0.05
    elif rel.kind == "conflict":
        date_term = -0.05 if rel.gap_days <= 31 else -0.15 if rel.gap_days <= 400 else -0.3
    else:
        date_term = 0.0
    once = same_kind and is_once(a.event.kind) and raw_shared > 0 and words >= 0.15
    if kind >= 0.5 and words >= 0.15 and named_happening(a, b):
        once = True  # "Operation Eternal Light" in both: one happening, whatever the dates
    bonus = 0.0
    if a.founded & b.founded:  # both found (create, establish) the same body, which
        once, bonus = True, 0.15  # happens once: as telling as a shared rare name
        kind = max(kind, 0.7)
    if once:
        date_term = max(date_term, 0.1)
    value = 0.3 * kind + 0.25 * name_score + 0.45 * words + date_term + bonus
    gap = rel.gap_days if rel.kind == "conflict" else 0
    return Link(a.index, b.index, max(0.0, min(1.0, value)), words, same_kind, gap)


def named_happening(a: Item, b: Item) -> bool:
    """Both events name the same named happening: a name holding a word that names a
    kind of event ("the Tay Bridge disaster", "Operation Sealion")."""
    return any(
        names_a_kind(word)
        for key in set(a.names) & set(b.names)
        for word in fold(a.names[key]).split()
    )


def link_all(
    items_: Sequence[Item], names: Names, *, settings: CompareSettings
) -> tuple[list[Link], int]:
    """Scored links worth keeping and the number of candidate pairs scored;
    :func:`firm_links` picks those that align, :func:`loose_links` those that make an
    omission unlikely."""
    wording = Wording([it.text for it in items_])
    pairs = candidates(items_, settings=settings)
    weights = name_weights(items_)
    similar = wording.similarities(pairs)
    links = []
    for (i, j), words in zip(pairs, similar, strict=True):
        a, b = items_[i], items_[j]
        same_source = a.event.source == b.event.source
        if same_source and (
            a.sentence == b.sentence
            or (a.event.evidence.start, a.event.evidence.end)
            == (b.event.evidence.start, b.event.evidence.end)
        ):
            continue  # one sentence holding two events: two happenings
        if same_source and "statement" in (a.event.status, b.event.status):
            continue  # a statement stands for what one account says once
        link = score(a, b, wording, names, weights, words=float(words))
        if link.score >= min(settings.loose_threshold, settings.mutual_floor):
            links.append(link)
    return links, len(pairs)


def clusters(size: int, links: Sequence[Link]) -> list[list[int]]:
    """Connected components of the links (each a sorted list of item indexes)."""
    parent = list(range(size))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        ra, rb = find(link.a), find(link.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(size):
        groups[find(i)].append(i)
    return [g for g in groups.values() if len(g) > 1]


def is_link(link: Link, items_: Sequence[Item], *, settings: CompareSettings) -> bool:
    """Whether a loose link is firm enough to align (same-source pairs need more)."""
    same_source = items_[link.a].event.source == items_[link.b].event.source
    margin = settings.internal_margin if same_source else 0.0
    return link.score >= settings.link_threshold + margin


def _near_kin(a: Item, b: Item) -> bool:
    """Compatible kinds and firm dates (year or finer, no "about", "after", relative
    anchor) no more than a month apart."""
    if a.group in GENERIC_KINDS or b.group in GENERIC_KINDS:
        return False  # a kind read from nowhere aligns nothing by itself
    if not (a.group == b.group or a.group in b.groups or b.group in a.groups):
        return False
    if a.when is None or b.when is None or a.coarse or b.coarse:
        return False
    if a.when.approx or b.when.approx:
        return False
    gap = max((b.when.lo - (a.when.start_hi or a.when.hi)).days,
              (a.when.lo - (b.when.start_hi or b.when.hi)).days)
    return gap <= 31


def firm_links(
    links: Sequence[Link], items_: Sequence[Item], *, settings: CompareSettings
) -> list[Link]:
    """Links that align two events: a score past the threshold, or a *mutual best*.

    Between two sources, an event's best-scoring counterpart that returns the favour,
    with a compatible kind, a date no more than a month away and some words in
    common (``settings.mutual_wording``), is taken to describe
    the same happening even when the words differ ("the 1988 Massacre" / "the 1988
    executions"): each account tells a happening once, so the closest match across
    them is the likeliest. An account may tell a happening twice (a caption and the
    body), so a score within ``settings.mutual_tie`` of the best counts as best. Two
    passages of one account pair this way only with the same kind group, a shared
    name and ``settings.internal_wording`` (the same act told twice, perhaps with two
    dates).
    """
    def eligible(link: Link) -> bool:
        a, b = items_[link.a], items_[link.b]
        if link.score < settings.mutual_floor or link.wording < settings.mutual_wording:
            return False
        if not _near_kin(a, b):
            return False
        if a.event.source == b.event.source:  # two passages of one account: stricter
            return (
                (a.group == b.group or a.group in b.groups or b.group in a.groups)
                and bool(set(a.names) & set(b.names))
                and link.wording >= settings.internal_wording
            )
        return True

    best: dict[tuple[int, str], Link] = {}
    for link in links:
        if not eligible(link):
            continue
        a, b = items_[link.a], items_[link.b]
        for mine, theirs in ((a, b), (b, a)):
            key = (mine.index, theirs.event.source)
            if key not in best or link.score > best[key].score:
                best[key] = link
    out = []
    tie = settings.mutual_tie
    for link in links:
        a, b = items_[link.a], items_[link.b]
        best_a, best_b = best.get((a.index, b.event.source)), best.get((b.index, a.event.source))
        mutual = (
            best_a is not None and best_b is not None and eligible(link)
            and link.score >= best_a.score - tie and link.score >= best_b.score - tie
        )
        if mutual or is_link(link, items_, settings=settings):
            out.append(link)
    return out


def loose_links(links: Sequence[Link], *, settings: CompareSettings) -> list[Link]:
    """Links close enough that the other account may be telling the same happening
    (dated no more than a year apart, with some words in common)."""
    return [
        link for link in links
        if link.score >= settings.loose_threshold and link.gap_days <= 366
        and link.wording >= settings.loose_wording
    ]
