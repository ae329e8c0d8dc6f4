"""reconcile stage: statements -- what a source says beyond its extracted events.

Consumes each source's original text, its extracted :class:`~datelines.model.Event`
records and the resolved names; produces more ``Event`` records, *statements*, so that
every claim a source makes can be compared, not only the sentences the extractor dated:

- **infobox lines** ("Founded: 20 July 1981", "Founders: A, B", "Deaths: 16-50",
  "Methods: Demonstrations, riots"; the keys are data, ``data/statements.yaml``). A
  dated line (founded, date) rides on the account's event that tells the same (same
  kind group, compatible date), else *stands alone*: it is aligned like an event,
  about the subject named by the title line. The other lines *ride* with it.
- **sentences no event covers** that give a figure, a date, the agents of an act or a
  descriptor ("Over the course of a single summer ... more than 30,000"; "up to 5,000
  people were killed"; "A, B and C founded the group"). Each rides on its *context*
  event: the nearest event of the source that its words name the kind of, else the
  nearest event before it (within ``NEAR`` characters). A sentence with an explicit
  day or month date and a word naming a kind of happening stands alone. A sentence
  with several figures in several clauses gives one statement per clause.

A rider borrows its context's date (anchor ``inferred``) unless it states its own;
:func:`datelines.reconcile.compare` checks riders against what their context event is
aligned with, and against each other. The dates are read with the temporal tagger
over the whole text, figures with :mod:`datelines.reconcile.reading`; spaCy is imported
only when texts are given.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from datelines.model import (
    Attribution,
    DateClaim,
    Event,
    Evidence,
    Figure,
    Participant,
)
from datelines.reconcile.dates import date_relation
from datelines.reconcile.figures import comparative
from datelines.reconcile.kinds import (
    AGENT_TYPES,
    groups_in,
    has_defining_agents,
    infer_group,
    names_a_kind,
)
from datelines.reconcile.quotes import BOUNDARY
from datelines.reconcile.reading import (
    attributed,
    counted,
    descriptive,
    first_word,
    heading,
    key_use,
    read_figures,
    split_list,
    table,
    trim,
)
from datelines.reconcile.similarity import Names, fold

PLACE_TYPES = {"GPE", "LOC", "FAC"}
LOCATIVE = re.compile(r"\b(?:in|at|near|across|throughout)\s+(?:the\s+)?$")  # "in Tehran"
NEAR = 2000  # characters around a statement searched for its context event
INFOBOX_LINE = re.compile(r"^[ \t]*([A-Z][\w()'\u2019 /-]{0,30}):[ \t]+(\S[^\n]*)$", re.M)
LIST_GAP = re.compile(r"\s*(?:,|and|, and|,\s*and)?\s*")  # folded text has no commas
CLAUSES = re.compile(r";|,\s+but\b|,\s+while\b")


@dataclass(frozen=True)
class Statements:
    """Statements of every source: those aligned like events, and the riders."""

    standalone: tuple[Event, ...] = ()
    riders: dict[str, tuple[Event, ...]] = field(default_factory=dict)  # context id ->
    own_date: frozenset[str] = frozenset()  # statements whose date they state themselves


class _Source:
    """Mining of one source."""

    def __init__(self, source: str, text: str, events: Sequence[Event], names: Names,
                 title: str | None, dct: str | None) -> None:
        from datelines.nlp.temporal import tag

        self.source, self.text, self.names, self.title = source, text, names, title
        self.events = sorted(events, key=lambda e: e.evidence.start)
        self.starts = [e.evidence.start for e in self.events]
        self.longest = max((e.evidence.end - e.evidence.start for e in self.events), default=0)
        try:
            found = tag(text, dct=dct if dct and dct[:1].isdigit() else None)
        except Exception:  # a date the tagger cannot read is no statement
            found = []
        self.timexes = [t for t in found if t.type == "DATE" and t.value[:1].isdigit()]
        self.out: list[tuple[Event, str | None, bool]] = []  # event, context, own date

    def _date(self, start: int, end: int) -> DateClaim | None:
        for t in self.timexes:
            if start <= t.start and t.end <= end:
                from datelines.nlp.temporal import bounds

                lo, hi = bounds(t.value, t.mod)
                anchor = t.anchor if t.anchor in ("explicit", "relative", "heading",
                                                  "document") else "inferred"
                return DateClaim(value=t.value, text=t.text, start=lo, end=hi, mod=t.mod,
                                 anchor=anchor, end_value=t.end_value,  # type: ignore[arg-type]
                                 span=(t.start, t.end))
        return None

    def _event(self, start: int, end: int, kind: str, date: DateClaim, **kw: Any) -> Event:
        quote = self.text[start:end]
        return Event(
            id=f"{self.source}:s{start}", source=self.source, date=date, kind=kind,
            summary=quote[:80], evidence=Evidence(quote=quote, start=start, end=end),
            confidence=1.0, status="statement", **kw,
        )

    def context(self, start: int, end: int, sentence: str) -> Event | None:
        """The event a statement at ``start`` goes on about."""
        near = self.events[bisect_left(self.starts, start - NEAR) :
                           bisect_right(self.starts, start + NEAR)]
        named = groups_in(sentence)
        same = [e for e in near if infer_group(e.kind, e.evidence.quote) in named]
        if same:
            return min(same, key=lambda e: abs(e.evidence.start - start))
        before = [e for e in near if e.evidence.start < start]
        if before:
            return before[-1]
        after = [e for e in near if e.evidence.start > end]
        return after[0] if after else None

    def telling(self, line: Event) -> str | None:
        """The extracted event of the source that tells what a dated infobox line
        says (same kind group, compatible date): the line then rides on it."""
        group = infer_group(line.kind, "")
        for e in self.events:
            if infer_group(e.kind, e.evidence.quote) == group and (
                date_relation(e.date, line.date).kind == "compatible"
            ):
                return e.id
        return None

    def infobox(self) -> set[int]:
        """Statements of the infobox lines; the starts of the lines read."""
        lines = list(INFOBOX_LINE.finditer(self.text))
        blocks: list[list[re.Match[str]]] = []
        for m in lines:
            if blocks and self.text[blocks[-1][-1].end() : m.start()].strip() == "":
                blocks[-1].append(m)
            else:
                blocks.append([m])
        read: set[int] = set()
        title_kind = infer_group("event", self.title or "")
        for block in blocks:
            if len(block) < table()["infobox"]["min_lines"]:
                continue
            read.update(m.start() for m in block)
            anchor: Event | None = None
            riders: list[Event] = []
            for m in block:
                key, value = m.group(1), m.group(2)
                use = key_use(key)
                start, end = m.start(1), m.end(2)
                if use == "date":
                    date = self._date(m.start(2), m.end(2))
                    kind = table()["infobox"]["dates"].get(fold(key).strip()) or title_kind
                    if date is not None and anchor is None:
                        anchor = self._event(start, end, kind, date)
                        host = self.telling(anchor)
                        self.out.append((anchor, host, True))
                    continue
                figures = self.figures(m.start(2), m.end(2))
                agents = tuple(
                    Participant(name=n, type="PERSON", role="agent", text=n)
                    for n in split_list(value)
                ) if use == "agents" else ()
                places = tuple(split_list(value)) if use == "places" else ()
                if figures or agents or places or use == "descriptions":
                    riders.append(self._event(start, end, "event", DateClaim(
                        value="XXXX", text=""), figures=figures, participants=agents,
                        places=places))
            for r in riders:
                if anchor is not None:
                    r = r.replace(kind=anchor.kind, date=replace(anchor.date, anchor="inferred"))
                    self.out.append((r, self.telling(anchor) or anchor.id, False))
        return read

    def sentences(self, skip: set[int]) -> None:
        """Statements of the sentences no event covers."""
        pos = 0
        if self.text.startswith("---"):
            end = self.text.find("\n---", 3)
            pos = end + 4 if end >= 0 else 0
        spans, last = [], pos
        for m in BOUNDARY.finditer(self.text, pos):
            spans.append((last, m.start()))
            last = m.end()
        spans.append((last, len(self.text)))
        for s, e in spans:
            s, e = trim(self.text, s, e)
            if e - s < 12 or s in skip or self.covered(s, e):
                continue
            if heading(self.text[s:e]):
                continue
            self._sentence(s, e)

    def covered(self, start: int, end: int) -> bool:
        """Whether an event's evidence overlaps ``start``..``end``."""
        lo = bisect_left(self.starts, start - self.longest)
        return any(
            e.evidence.start < end and start < e.evidence.end
            for e in self.events[lo : bisect_right(self.starts, end)]
        )

    def figures(self, start: int, end: int) -> tuple[Figure, ...]:
        """The figures of ``text[start:end]``, years and other dates left out."""
        clause = self.text[start:end]
        out = []
        for f in read_figures(clause):
            at = clause.find(f.text) + start if f.text else -1
            if at >= start and any(
                t.start < at + len(f.text) and at < t.end for t in self.timexes
            ):
                continue
            if f.of is None and re.search(r"\bof\s*$", self.text[max(start, at - 4) : at]):
                continue  # "in groups of six": a size, not a count
            if f.qualifier == "exact" and at >= start:
                f = replace(f, qualifier=comparative(self.text[max(start, at - 20) : at]))
            out.append(replace(f, of=counted(f.of)) if f.of else f)
        return tuple(out)

    def _sentence(self, s: int, e: int) -> None:
        sentence = self.text[s:e]
        date = self._date(s, e)
        kinds_named = sorted(groups_in(sentence))
        if date is not None and kinds_named and date.granularity in ("day", "month") and (
            date.anchor == "explicit"
        ):
            kind = min(kinds_named, key=lambda g: first_word(sentence, g))
            self.out.append((self._event(s, e, kind, date), None, True))
            return
        ctx = self.context(s, e, sentence)
        if ctx is None:
            return
        parts = [(s, e)]
        cuts = [s + m.start() for m in CLAUSES.finditer(sentence)]
        if cuts and len(read_figures(sentence)) > 1:
            bounds_ = [s, *cuts, e]
            parts = [trim(self.text, a, b) for a, b in zip(bounds_, bounds_[1:], strict=False)]
        ctx_group = infer_group(ctx.kind, ctx.evidence.quote)
        for a, b in parts:
            clause = self.text[a:b]
            figures = self.figures(a, b)
            own = self._date(a, b)
            named = groups_in(clause)
            kind = ctx.kind
            if named and ctx_group not in named:  # it tells another kind of happening
                kind = min(named, key=lambda g: first_word(clause, g))
            elif not named:
                own = None  # a date with no happening named says nothing to compare
            agents = self._agents(clause, kind)
            if not (figures or own or agents or descriptive(clause)):
                continue
            asserted = "others" if attributed(clause) else "source"
            claim = own or replace(ctx.date, anchor="inferred")
            self.out.append((self._event(
                a, b, kind, claim, figures=figures, participants=agents,
                places=self._places(clause),
                attribution=Attribution(asserted_by=asserted),
            ), ctx.id, own is not None))

    def _agents(self, clause: str, kind: str) -> tuple[Participant, ...]:
        """The people and organizations named right before the word naming the act,
        a list of names joined by commas and "and" ("A, B and C founded the group")."""
        group = infer_group(kind, clause)
        folded = fold(clause)
        trigger = next(
            (m.start() for m in re.finditer(r"\S+", folded)
             if names_a_kind(m.group(0)) and infer_group("event", m.group(0)) == group),
            None,
        )
        if trigger is None:
            return ()
        found = sorted(
            ((start, end, key) for key, spans in self.names.spans_in(folded).items()
             for start, end in spans if end <= trigger),
            key=lambda t: (t[1], t[1] - t[0]),  # reversed: the longest name first
        )
        run: list[tuple[str, int, int]] = []
        pos = trigger
        for start, end, key in reversed(found):
            if end > pos:
                continue
            gap = folded[end:pos]
            if not (gap.strip() == "" if not run else LIST_GAP.fullmatch(gap)):
                break
            run.append((key, start, end))
            pos = start
        out = []
        for key, start, end in reversed(run):
            type_ = self.names.types.get(key)
            if type_ in AGENT_TYPES:
                name = self.names.find(folded[start:end]).get(key) or folded[start:end]
                out.append(Participant(name=name, type=type_, role="agent", entity=key))
        return tuple(out)

    def _places(self, clause: str) -> tuple[str, ...]:
        """The places a statement says something happened in ("in Tehran")."""
        folded = fold(clause)
        found = self.names.find(clause)
        return tuple(
            found[key] for key, spans in self.names.spans_in(folded).items()
            if key in found and self.names.types.get(key) in PLACE_TYPES
            and any(LOCATIVE.search(folded[:start]) for start, _ in spans)
        )

    def acts(self) -> None:
        """Statements of acts an event's sentence tells besides its own kind, where
        the act's agents define it ("..., one month after the crackdown, Rajavi founded
        the council"): the act, its agents and the event's date."""
        for e in self.events:
            group = infer_group(e.kind, e.evidence.quote)
            for other in sorted(groups_in(e.evidence.quote) - {group}):
                if not has_defining_agents(other):
                    continue
                agents = self._agents(e.evidence.quote, other)
                if agents:
                    self.out.append((e.replace(
                        id=f"{e.id}:{other}", kind=other, participants=agents,
                        status="statement", figures=(),
                    ), e.id, True))


def mine(
    texts: Mapping[str, str],
    events: Sequence[Event],
    names: Names,
    *,
    titles: Mapping[str, str] | None = None,
    dates: Mapping[str, str | None] | None = None,
) -> Statements:
    """The statements of every source with a text (see the module docstring)."""
    by_source: dict[str, list[Event]] = {}
    for event in events:
        by_source.setdefault(event.source, []).append(event)
    standalone: list[Event] = []
    riders: dict[str, list[Event]] = {}
    own: set[str] = set()
    for sid, text in texts.items():
        miner = _Source(sid, text, by_source.get(sid, []), names,
                        (titles or {}).get(sid), (dates or {}).get(sid))
        miner.sentences(miner.infobox())
        miner.acts()
        for event, ctx, own_date in miner.out:
            if own_date:
                own.add(event.id)
            if ctx is None:
                standalone.append(event)
            else:
                riders.setdefault(ctx, []).append(event)
    return Statements(tuple(standalone), {k: tuple(v) for k, v in riders.items()},
                      frozenset(own))
