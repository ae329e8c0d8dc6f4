"""reconcile stage: events one account reports that another, covering them, leaves out.

Consumes :class:`~datelines.reconcile.features.Item` features, the links among them and
(optionally) each source's text; produces
:class:`~datelines.reconcile.types.Omission` records.

An event E of source A counts as omitted by source B only when B had reason to report
it, and the record says why:

1. B *covers the period*: B dates events on both sides of E, within
   ``settings.omission_years`` years of it, and at least ``omission_min_events`` there;
2. B *covers the actors*: B names E's actors (people, organizations) at least
   ``settings.omission_min_mentions`` times;
3. B reports nothing *like* E: no event of B is linked to E, even loosely, and none
   of E's kind group lies within a month of it (:func:`reports_like`);
4. where B's text is known, B's text lacks most of E's *key terms* (E's rarest content
   words across the sources, its actors aside) -- B may mention E in a sentence the
   extractor did not date.
"""

from __future__ import annotations

import functools
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from datelines.reconcile.dates import date_relation, value_interval
from datelines.reconcile.features import Item, Link
from datelines.reconcile.settings import CompareSettings
from datelines.reconcile.similarity import Names, content_words, fold
from datelines.reconcile.types import Omission, Presence

GENERIC_KINDS_WORDS = {"event", "other", "unknown", "occurrence", ""}
OPEN_MODS = {"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"}
GENERIC_TYPES = {"GPE", "LOC", "NORP", "DATE", "CARDINAL"}  # countries and regions are too broad to show coverage


def key_terms(text: str, doc_freq: Mapping[str, int], n_docs: int, *, k: int = 5) -> list[str]:
    """The ``k`` rarest content words of ``text`` across the sources.

    >>> key_terms("The raid on the depot", {"raid": 1, "depot": 2}, 3, k=1)
    ['raid']
    """
    words = dict.fromkeys(content_words(text))
    ranked = sorted(words, key=lambda w: (doc_freq.get(w, 0), -len(w)))
    return [w for w in ranked if doc_freq.get(w, 0) < max(2, math.ceil(0.6 * n_docs))][:k]


def shared_subject(names: Names, a: str, b: str) -> tuple[str, int] | None:
    """The person or body both sources name most (its name, mentions in ``b``).

    The accounts' common subject: an event of ``a`` that names other actors still
    falls in ``b``'s topic when ``b`` covers its years.
    """
    best: tuple[int, str] | None = None
    for key, kind in names.types.items():
        if kind not in ("ORG", "PERSON"):
            continue
        both = min(names.counts.get((key, a), 0), names.counts.get((key, b), 0))
        if both >= 2 and (best is None or both > best[0]):
            best = (both, key)
    if best is None:
        return None
    return names.display.get(best[1], best[1]), names.counts.get((best[1], b), 0)


def _years(it: Item) -> tuple[int, int] | None:
    """The years the event's own value names (not the open end of "after 1979")."""
    bounds = value_interval(it.event.date.value)
    if bounds is None:
        return None
    end = value_interval(it.event.date.end_value) if it.event.date.end_value else None
    return bounds[0].year, (end or bounds)[1].year


@dataclass(frozen=True)
class Profile:
    """What one account dates, indexed so each omission check costs a few lookups."""

    starts: list[int]  # first years of its dated events, sorted
    ends: list[int]  # last years, sorted
    by_group_year: dict[tuple[str, int], list[Item]]

    @classmethod
    def of(cls, theirs: Sequence[Item]) -> Profile:
        years = [y for y in (_years(o) for o in theirs) if y is not None]
        index: dict[tuple[str, int], list[Item]] = defaultdict(list)
        for other in theirs:
            if other.when is not None and not other.coarse:
                index[other.group, other.when.lo.year].append(other)
        return cls(sorted(y[0] for y in years), sorted(y[1] for y in years), dict(index))

    def nearby(self, it: Item) -> list[Item]:
        assert it.when is not None
        return [
            other
            for year in range(it.when.lo.year - 1, it.when.hi.year + 2)
            for other in self.by_group_year.get((it.group, year), ())
        ]


def reports_like(it: Item, theirs: Sequence[Item]) -> bool:
    """The other account reports an event of the same kind group within a month of it
    (both dated to the year or finer, neither open-ended like "after 1979")."""
    if it.coarse:
        return False  # a decade holds many happenings of a kind: links decide
    for other in theirs:
        if other.coarse or (other.event.date.mod or "").upper() in OPEN_MODS:
            continue
        if other.group != it.group:
            continue
        rel = date_relation(it.event.date, other.event.date)
        if rel.kind == "compatible" or rel.gap_days <= 31:
            return True
    return False


def _mentions(name: str, text: str) -> int:
    folded = fold(name)
    if not folded:
        return 0
    return len(re.findall(rf"\b{re.escape(folded)}\b", text))


def find_omissions(
    items: Sequence[Item],
    links: Sequence[Link],
    *,
    texts: Mapping[str, str],
    label: Callable[[str], str],
    settings: CompareSettings,
    names: Names | None = None,
    firm: Sequence[Link] = (),
) -> list[Omission]:
    """Omissions among the sources (see the module docstring for the rules).

    ``links`` are the loose links (an omission needs none); ``firm`` the aligning ones
    (their events are listed as also reporting the omitted event).
    """
    by_source: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        if it.event.status != "statement":  # only extracted events count here
            by_source[it.event.source].append(it)
    loose: dict[int, set[int]] = defaultdict(set)
    aligned: dict[int, set[int]] = defaultdict(set)
    for group, source in ((loose, links), (aligned, firm)):
        for link in source:
            group[link.a].add(link.b)
            group[link.b].add(link.a)
    folded = {
        sid: fold(texts.get(sid) or " ".join(i.event.evidence.quote for i in its))
        for sid, its in by_source.items()
    }
    vocab = {sid: set(content_words(text)) for sid, text in folded.items()}
    doc_freq: Counter[str] = Counter()
    for words in vocab.values():
        doc_freq.update(words)
    counts: dict[tuple[str, str], int] = {}
    names = names or Names()

    def mentions(key: str, surface: str, sid: str) -> int:
        known = names.mentions(key, sid)
        if known is not None:
            return known
        if (surface, sid) not in counts:
            counts[surface, sid] = _mentions(surface, folded[sid])
        return counts[surface, sid]

    n_docs = len(folded)
    profiles = {sid: Profile.of(its) for sid, its in by_source.items()}
    subjects: dict[tuple[str, str], tuple[str, int] | None] = {}
    out: list[Omission] = []
    for it in items:
        span = _years(it)
        if span is None or not it.names or it.event.status == "statement":
            continue
        linked_sources = {items[j].event.source for j in loose[it.index]}
        absent: list[str] = []
        reasons: list[str] = []
        for sid in by_source:
            if sid == it.event.source or sid in linked_sources:
                continue
            pair = (it.event.source, sid)
            if pair not in subjects:
                subjects[pair] = shared_subject(names, *pair)
            why = _why_omitted(
                it, profiles[sid], functools.partial(mentions, sid=sid),
                vocab[sid], doc_freq, n_docs, settings, label(sid), names, subjects[pair],
            )
            if why:
                absent.append(sid)
                reasons.append(why)
        if absent:
            present = [Presence(it.event.source, it.event.evidence.quote, it.event.id)]
            present += [
                Presence(items[j].event.source, items[j].event.evidence.quote, items[j].event.id)
                for j in sorted(aligned[it.index])
            ]
            out.append(
                Omission(
                    event=it.event.id, present_in=tuple(present), absent_from=tuple(absent),
                    why=" ".join(reasons), kind=it.event.kind, date=it.event.date.value,
                )
            )
    return out


def _why_omitted(
    it: Item,
    profile: Profile,
    mentions: Callable[[str, str], int],
    words: set[str],
    doc_freq: Mapping[str, int],
    n_docs: int,
    settings: CompareSettings,
    name: str,
    names: Names,
    subject: tuple[str, int] | None = None,
) -> str | None:
    span = _years(it)
    assert span is not None
    starts, ends = profile.starts, profile.ends
    if not starts:
        return None
    first, last = starts[0], ends[-1]
    reach = settings.omission_years
    before = bisect_right(starts, span[1]) > bisect_left(starts, span[0] - reach)
    after = bisect_right(ends, span[1] + reach) > bisect_left(ends, span[0])
    near = bisect_right(starts, span[1] + reach) - bisect_left(ends, span[0] - reach)
    if not (before and after) or near < settings.omission_min_events:
        return None
    if not it.coarse and reports_like(it, profile.nearby(it)):
        return None
    actors = [
        (surface, mentions(key, surface))
        for key, surface, p_type in _actor_names(it, names)
        if p_type not in GENERIC_TYPES
    ]
    best: dict[str, tuple[str, int]] = {}
    for surface, count in actors:
        if count > best.get(fold(surface), ("", -1))[1]:
            best[fold(surface)] = (surface, count)
    actors = [nc for nc in best.values() if nc[1] >= settings.omission_min_mentions]
    if not actors and subject is not None:
        actors = [subject]  # the subject both accounts share (the MEK, the ANC...)
    if not actors:
        return None
    terms = key_terms(it.event.evidence.quote, doc_freq, n_docs)
    actor_words = {w for n, _ in actors for w in content_words(n)}
    terms = [t for t in terms if t not in actor_words]
    if not terms:
        return None
    present = [t for t in terms if t in words]
    idf = {t: math.log((n_docs + 1) / (doc_freq.get(t, 0) + 1)) + 0.1 for t in terms}
    if sum(idf[t] for t in present) / sum(idf.values()) > settings.omission_max_present_terms:
        return None  # the silent text holds the rarer words: it may tell it undated
    if len(terms) - len(present) < 2:
        return None  # one missing word is too little to say it is not told
    actor, count = max(actors, key=lambda nc: nc[1])
    when = it.event.date.value if span[0] == span[1] else f"{span[0]}-{span[1]}"
    return (
        f"{name} covers {first}-{last} ({near} dated events within {reach} years of it) and "
        f"mentions {actor} {count} times but reports no {_kind_words(it)} around "
        f"{when}; its text lacks the key terms {', '.join(t for t in terms if t not in present)}."
    )


def _kind_words(it: Item) -> str:
    kind = it.event.kind.lower()
    if kind in GENERIC_KINDS_WORDS:
        return "event like it" if it.group in GENERIC_KINDS_WORDS else f"{it.group} event"
    return f"{kind.replace('_', ' ')} event"


def _actor_names(it: Item, names: Names) -> list[tuple[str, str, str]]:
    """(key, surface, type) of the people and bodies an event names (its words too)."""
    types = {names.key(p.name, p.entity): p.type for p in it.event.participants}
    out = [
        (key, surface, names.types.get(key) or types.get(key, "OTHER"))
        for key, surface in it.names.items()
    ]
    for p in it.event.participants:
        if p.text and p.text != p.name:
            key = names.key(p.name, p.entity)
            out.append((key, p.text, names.types.get(key) or p.type))
    return out
