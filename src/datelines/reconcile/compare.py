"""reconcile stage: compare several accounts -- the one entry point.

Consumes plain :class:`~datelines.model.Source` and :class:`~datelines.model.Event`
objects (no spaCy, no store), optionally resolved :class:`~datelines.model.Entity`
records and each source's text; produces a
:class:`~datelines.reconcile.types.Comparison`: alignments, conflicts (between sources
and inside one), omissions and the number of agreeing pairs.

>>> from datelines.model import DateClaim, Evidence, Source
>>> def ev(i, src, value, text, quote):
...     return Event(id=i, source=src, kind="founding", summary="club founded",
...                  date=DateClaim(value=value, text=text),
...                  evidence=Evidence(quote=quote, start=0, end=len(quote)))
>>> sources = [Source(id="a", path="a.txt", sha256=""), Source(id="b", path="b.txt", sha256="")]
>>> result = compare(sources, [
...     ev("a1", "a", "1902-05-04", "4 May 1902", "The rowing club was founded on 4 May 1902."),
...     ev("b1", "b", "1902-05-09", "9 May 1902", "On 9 May 1902 the rowing club was founded.")])
>>> [(c.type, c.strength) for c in result.conflicts]
[('date', 'hard')]
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from datelines.model import DateClaim, Entity, Event, Mention, Source
from datelines.reconcile import align, conflicts, omissions, scope, statements
from datelines.reconcile.dates import date_relation
from datelines.reconcile.features import Item
from datelines.reconcile.quotes import QuoteFinder
from datelines.reconcile.settings import CompareSettings
from datelines.reconcile.similarity import Names
from datelines.reconcile.types import AlignedEvent, Alignment, Comparison, Conflict

DEFAULT_SETTINGS = CompareSettings()
MAX_CLUSTER = 40  # alignments larger than this are not searched pair by pair


def compare(
    sources: Sequence[Source],
    events: Sequence[Event],
    *,
    entities: Iterable[Entity] = (),
    texts: Mapping[str, str] | None = None,
    settings: CompareSettings = DEFAULT_SETTINGS,
) -> Comparison:
    """Align the accounts' events, find their conflicts, omissions and agreements.

    ``texts`` maps a source id to its original text: quotes of figures then come from
    the sentence that holds them, and omissions check that the silent source's text
    lacks the event's key terms.
    """
    texts = dict(texts or {})
    known = {s.id for s in sources}
    kept = [
        e for e in events
        if e.source in known and e.confidence >= settings.min_confidence
        and e.status != "rejected"
    ]
    names = Names(resolve_entities(entities) if settings.resolve_entities else entities)
    topics = {sid: t for sid, text in texts.items() if (t := topic_of(text)) is not None}
    quote = QuoteFinder(texts)
    said = statements.Statements()
    if texts and settings.statements:
        said = statements.mine(
            texts, kept, names, titles={sid: t[0] for sid, t in topics.items()},
            dates={s.id: s.date for s in sources},
        )
        kept = [*kept, *said.standalone]
    items = align.items(kept, names, topics=topics, sentence=quote.whole_sentence)
    kept, twins = align.drop_twins(items)
    items = align.items(
        kept, names, topics=topics, sentence=quote.whole_sentence, following=quote.following
    )
    scored, n_candidates = align.link_all(items, names, settings=settings)
    firm = align.firm_links(scored, items, settings=settings)
    loose = align.loose_links(scored, settings=settings)
    loose += [link for link in firm if link.score < settings.loose_threshold]
    label = _labeler(sources)
    found: dict[str, Conflict] = {}
    agreements = 0
    for link in firm:
        a, b = items[link.a], items[link.b]
        pair = conflicts.check(a, b, label, quote)
        for c in pair:
            found.setdefault(c.id, c)
        if not pair and a.event.source != b.event.source:
            agreements += 1
    told = {_told(c) for c in found.values()}
    home = {r.id: twins.get(ctx, ctx) for ctx, rs in said.riders.items() for r in rs}
    for c in _rider_conflicts(items, firm, said, twins, names, label, quote, topics):
        if _told(c) not in told:  # the same quotes already disagree on this aspect
            told.add(_told(c))
            found.setdefault(c.id, dataclasses.replace(c, claims=tuple(
                # a statement's claim names the stored event it goes on about
                dataclasses.replace(cl, event=home.get(cl.event, cl.event))
                for cl in c.claims
            )))
    _soften_disputed(found, items, [*kept, *(r for rs in said.riders.values() for r in rs)])
    missing = omissions.find_omissions(
        items, loose, texts=texts, label=label, settings=settings, names=names,
        firm=firm,
    )
    return Comparison(
        sources=tuple(sources),
        alignments=tuple(_alignments(items, firm)),
        conflicts=tuple(sorted(found.values(), key=_conflict_order)),
        omissions=tuple(missing),
        agreements=agreements,
        candidates=n_candidates,
        events_per_year=_events_per_year(items),
    )


def _soften_disputed(
    found: dict[str, Conflict], items: Sequence[Item], events: Iterable[Event]
) -> None:
    """A hard date conflict turns soft when an account records, for that period,
    another dating of its own ("Date: July-December (some sources say July-September)"):
    the account itself does not hold its date firm."""
    alternatives: dict[str, list[DateClaim]] = defaultdict(list)
    for event in events:
        if scope.says("alternative", event.evidence.quote):
            alternatives[event.source].append(event.date)
    if not alternatives:
        return
    by_id = {it.event.id: it for it in items}
    for cid, c in found.items():
        if c.type == "date" and c.strength == "hard" and any(
            (it := by_id.get(cl.event)) is not None
            and scope.disputed_by(cl.source, it.event.date, alternatives)
            for cl in c.claims
        ):
            found[cid] = conflicts.soften(c, "the account records another dating")


def _told(c: Conflict) -> tuple[str, frozenset[tuple[str, str]]]:
    return c.type, frozenset((cl.source, cl.quote) for cl in c.claims)


def _rider_conflicts(
    items: Sequence[Item],
    firm: Sequence[align.Link],
    said: statements.Statements,
    twins: Mapping[str, str],
    names: Names,
    label: conflicts.Label,
    quote: QuoteFinder,
    topics: Mapping[str, tuple[str, int, int]],
) -> list[Conflict]:
    """Statements checked against what their context event is aligned with, and
    against each other and their context (figures only: one source's spread)."""
    if not said.riders:
        return []
    pairs = [(key, r) for key, rs in said.riders.items() for r in rs]
    riders = align.items([r for _, r in pairs], names, topics=topics)
    by_id = {it.event.id: it for it in items}
    family: dict[int, list[Item]] = defaultdict(list)
    for n, ((key, event), it) in enumerate(zip(pairs, riders, strict=True)):
        ctx = by_id.get(twins.get(key, key))
        if ctx is None:
            continue
        family[ctx.index].append(dataclasses.replace(
            it, index=len(items) + n, borrowed=event.id not in said.own_date,
            lead=quote.previous(event), founded=it.founded or ctx.founded,
            closed=_counted_agents(it, ctx),
            other_body=bool(it.founded and ctx.founded and not it.founded & ctx.founded),
        ))
    out: list[Conflict] = []
    for link in firm:
        mine = [items[link.a], *family.get(link.a, [])]
        theirs = [items[link.b], *family.get(link.b, [])]
        for x in mine:
            for y in theirs:
                if x.index in (link.a,) and y.index in (link.b,):
                    continue
                out += conflicts.check_statements(x, y, label, quote)
    direct = {(link.a, link.b) for link in firm} | {(link.b, link.a) for link in firm}
    for group in align.clusters(len(items), firm):
        if len(group) > MAX_CLUSTER:
            continue
        for i, ci in enumerate(group):  # aligned through a third event: figures only
            for cj in group[i + 1 :]:
                if (ci, cj) in direct or (ci not in family and cj not in family) or (
                    items[ci].event.source == items[cj].event.source
                ):
                    continue
                for x in (items[ci], *family.get(ci, [])):
                    for y in (items[cj], *family.get(cj, [])):
                        if x.index != ci or y.index != cj:
                            out += conflicts.check_statements(
                                x, y, label, quote, figures_only=True
                            )
    for x, y in _one_account_pairs(items, family):
        out += conflicts.check_statements(x, y, label, quote, figures_only=True)
    return out


def _counted_agents(statement: Item, ctx: Item) -> int:
    """How many agents a statement's list closes at: an exact count equal to its
    length, in it or in the event it goes on about ("these three intellectuals")."""
    n = len(statement.agents)
    counts = [*statement.event.figures, *ctx.event.figures]
    return n if n >= 2 and any(f.qualifier == "exact" and f.value == n for f in counts) else 0


def _one_account_pairs(
    items: Sequence[Item], family: Mapping[int, list[Item]]
) -> list[tuple[Item, Item]]:
    """Pairs inside one account whose figures may contradict each other: a statement
    and its context or another statement of it, or a statement and an event (or its
    statements) of the same kind group with a compatible date ("up to 5,000 killed"
    and "at least 30,000 killed" told of the same executions)."""
    pairs: list[tuple[Item, Item]] = []
    for ctx_index, members in family.items():
        group = [items[ctx_index], *members]
        pairs += [(x, y) for i, x in enumerate(group) for y in group[i + 1 :]]
    by_source: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for it in items:
        if it.when is not None:
            by_source[it.event.source, it.group].append(it)
    for same in by_source.values():
        same.sort(key=lambda it: it.when.lo)  # type: ignore[union-attr]
        for i, a in enumerate(same):  # a sweep: only overlapping dates can agree
            for b in same[i + 1 : i + 1 + MAX_CLUSTER]:
                assert a.when is not None and b.when is not None
                if b.when.lo > a.when.hi:
                    break
                ci, cj = a.index, b.index
                if ci not in family and cj not in family:
                    continue
                if date_relation(a.event.date, b.event.date).kind != "compatible":
                    continue
                pairs += [
                    (x, y) for x in (a, *family.get(ci, [])) for y in (b, *family.get(cj, []))
                    if x.index != ci or y.index != cj
                ]
    return pairs


def resolve_entities(entities: Iterable[Entity]) -> tuple[Entity, ...]:
    """Entities resolved across sources (``datelines.resolve``), one list per source as
    extracted; already resolved entities come back the same.

    A store merges entities by id only, so "Mojahedin" and "MEK" may still be two.
    """
    from datelines.resolve import resolve_all

    per_source: dict[str, list[Entity]] = {}
    for entity in entities:
        by_source: dict[str, list[Mention]] = {}
        for mention in entity.mentions:
            by_source.setdefault(mention.source, []).append(mention)
        for sid, mentions in by_source.items():
            per_source.setdefault(sid, []).append(
                dataclasses.replace(entity, mentions=tuple(mentions))
            )
    return resolve_all(per_source.values()) if per_source else ()


def topic_of(text: str) -> tuple[str, int, int] | None:
    """The title line of a text (after any front matter) and its offsets.

    >>> topic_of("---\\ntitle: x\\n---\\nGreat Flood of 1910\\n\\nThe flood came.")
    ('Great Flood of 1910', 17, 36)
    """
    pos = 0
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end < 0:
            return None
        pos = end + 4
    for line in text[pos:].splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            if len(stripped) > 120 or stripped.endswith("."):
                return None
            start = text.index(stripped, pos)
            return stripped, start, start + len(stripped)
        pos += len(line)
    return None


def _labeler(sources: Sequence[Source]) -> conflicts.Label:
    """Short source names for explanations: the file name without its extension."""
    names = {s.id: s.path.rsplit("/", 1)[-1].rsplit(".", 1)[0] or s.id for s in sources}
    return lambda sid: names.get(sid, sid)


def _conflict_order(c: Conflict) -> tuple[int, str, str]:
    return (0 if c.strength == "hard" else 1, c.type, c.id)


def _alignments(items: Sequence[Item], links: Sequence[align.Link]) -> list[Alignment]:
    weakest: dict[int, float] = {}
    groups = align.clusters(len(items), links)
    member = {i: g[0] for g in groups for i in g}
    for link in links:
        root = member[link.a]
        weakest[root] = min(weakest.get(root, 1.0), link.score)
    out = []
    for n, group in enumerate(sorted(groups, key=lambda g: _start(items, g)), start=1):
        out.append(
            Alignment(
                id=f"a{n}",
                events=tuple(
                    AlignedEvent(items[i].event.source, items[i].event.id,
                                 items[i].event.evidence.quote)
                    for i in group
                ),
                score=weakest.get(group[0], 0.0),
            )
        )
    return out


def _start(items: Sequence[Item], group: Sequence[int]) -> str:
    starts = [w.lo.isoformat() for i in group if (w := items[i].when) is not None]
    return min(starts) if starts else "9999"


def _events_per_year(items: Sequence[Item]) -> dict[str, dict[int, int]]:
    """Dated events per year per source (decades and coarser are left out)."""
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    for it in items:
        counts.setdefault(it.event.source, Counter())
        if it.when is not None and not it.coarse:
            counts[it.event.source][it.when.lo.year] += 1
    return {sid: dict(c) for sid, c in counts.items()}
