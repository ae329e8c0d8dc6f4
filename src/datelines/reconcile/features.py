"""reconcile stage: the features of an event that alignment and conflict checks read.

Consumes plain :class:`~datelines.model.Event` objects (and the names of
:mod:`datelines.reconcile.similarity`); produces one :class:`Item` per event (its date
as an interval, kind group, names, agents, places, the whole sentence and the ones
after it) and the :class:`Link` record that :mod:`datelines.reconcile.align` scores.
Events of one sentence with one kind and compatible dates are folded first
(:func:`drop_twins`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from datelines.model import Event
from datelines.reconcile.dates import (
    RANK,
    When,
    date_relation,
    says_start,
    stated_duration,
    when,
)
from datelines.reconcile.kinds import (
    AGENT_TYPES,
    founded_bodies,
    groups_in,
    infer_group,
    kind_group,
)
from datelines.reconcile.similarity import Names, fold


@dataclass(frozen=True)
class Item:
    """An event with the features alignment and conflict checks need."""

    index: int
    event: Event
    when: When | None
    duration: tuple[int, str] | None
    group: str
    names: dict[str, str] = field(hash=False)  # key -> surface name (participants)
    agents: dict[str, str] = field(hash=False)
    places: dict[str, str] = field(hash=False)
    text: str = ""  # what wording similarity compares
    groups: frozenset[str] = frozenset()  # every kind group the sentence's words name
    sentence: str = ""  # the whole sentence of the evidence
    founded: frozenset[str] = frozenset()  # bodies the sentence says were founded
    start: bool = False  # the sentence dates when the happening began
    sequel: tuple[str, ...] = ()  # next sentences that go on about the same kind of thing
    borrowed: bool = False  # a statement dated only by the event it goes on about
    lead: str = ""  # the sentence before a statement ("the number of the dead ...")
    persons: frozenset[str] = frozenset()  # agents that are people
    closed: int = 0  # the number of agents the account says there were ("these three")
    other_body: bool = False  # a statement founding another body than its context does

    @property
    def coarse(self) -> bool:
        return self.when is None or RANK[self.when.granularity] > RANK["year"]


@dataclass(frozen=True)
class Link:
    a: int  # Item.index
    b: int
    score: float
    wording: float
    same_kind: bool
    gap_days: int = 0  # how far apart the dates are (0: compatible or unknown)


def items(
    events: Sequence[Event],
    names: Names,
    *,
    topics: Mapping[str, tuple[str, int, int]] | None = None,
    sentence: Callable[[Event], str] | None = None,
    following: Callable[[Event], list[str]] | None = None,
) -> list[Item]:
    """Features for every event, in order.

    ``sentence`` gives the whole sentence around an evidence that is only a clause
    (its kind words, names and wording then count too). Names come from the
    participants and from the resolved entities named in the sentence; an event that
    names nobody (an infobox line, "Founded: 20 July 1981") borrows its document's
    topic (``topics``: source -> (title line, start, end)). ``following`` gives the
    sentences after the evidence; those naming the event's kind group ("the
    demonstration", "the protesters") are kept as its *sequel* for characterization.
    """
    topics = topics or {}
    out = []
    for i, event in enumerate(events):
        ev = event.evidence
        context = sentence(event) if sentence else ev.quote
        duration = None if event.date.end_value else stated_duration(context)
        people = {names.key(p.name, p.entity): p.name for p in event.participants}
        for key, name in names.find(context).items():
            people.setdefault(key, name)
        text = f"{event.summary} {context}"
        topic = topics.get(event.source)
        if topic and not people:
            people = names.find(topic[0])
            text += f" {topic[0]}"
        named = [
            (names.key(p.name, p.entity), p) for p in event.participants
            if p.role == "agent" and not qualifier(p.name, context)
        ]
        agents = {
            key: p.name for key, p in named
            if names.types.get(key, p.type) in AGENT_TYPES
        }
        persons = frozenset(
            key for key, p in named if names.types.get(key, p.type) == "PERSON"
        )
        places = {fold(p): p for p in event.places}
        group = infer_group(event.kind, context)
        founded = founded_bodies(context, names)
        if topic and event.status == "statement" and group == "founding" and not (
            event.participants
        ):  # an infobox's "Founded:" line founds the subject of the title line
            founded = frozenset(names.find(topic[0]))
        sequel = tuple(
            s for s in (following(event) if following else [])
            if group in groups_in(s)
        )
        out.append(
            Item(
                i, event, when(event.date, duration_days=duration[0] if duration else None),
                duration, group, people, agents, places, text,
                groups_in(context) | {kind_group(event.kind)}, context,
                founded, says_start(context), sequel, persons=persons,
            )
        )
    return out


def drop_twins(items_: Sequence[Item]) -> tuple[list[Event], dict[str, str]]:
    """Events left after folding *twins*: events of one sentence, of one kind group,
    with compatible dates ("The 1988 executions ..., starting on 19 July 1988"), which
    an extractor may split into clauses. The one with the finest date stands for them.

    Returns the events kept and {twin event id: kept event id}.
    """
    by_sentence: dict[tuple[str, str, str], list[Item]] = defaultdict(list)
    for it in items_:
        by_sentence[it.event.source, it.sentence, it.group].append(it)
    folded: dict[str, str] = {}
    for group in by_sentence.values():
        ranked = sorted(group, key=lambda it: RANK[it.when.granularity] if it.when else 9)
        keep: list[Item] = []
        for it in ranked:
            rep = next(
                (k for k in keep
                 if date_relation(k.event.date, it.event.date).kind != "conflict"),
                None,
            )
            if rep is None:
                keep.append(it)
            else:
                folded[it.event.id] = rep.event.id
    return [it.event for it in items_ if it.event.id not in folded], folded


QUALIFIED = re.compile(r"\b(?:of|with|to|from|against|under)\s+(?:the\s+)?$")
GROUP_BEFORE = re.compile(r"\b[a-z][a-z-]+\s+$")  # "young Shias": a lowercase word before


def qualifier(name: str, sentence: str) -> bool:
    """A name that, in the sentence, describes the agents rather than naming one: the
    object of a preposition ("supporters of Khomeini", "students affiliated with the
    Freedom Movement"), or a one-word plural after a lowercase word, a group noun
    ("a group of religiously inspired young Shias").

    >>> qualifier("Khomeini", "Supporters of Khomeini created the movement.")
    True
    >>> qualifier("Shias", "It was founded by a group of young Shias.")
    True
    >>> qualifier("Ann Lee", "The guild was founded by Ann Lee and Tom Hart.")
    False
    >>> qualifier("Williams", "The guild was founded by Williams in 1890.")
    False
    """
    at = sentence.find(name)
    if at < 0:
        return False
    before = sentence[:at]
    if QUALIFIED.search(before):
        return True
    word = GROUP_BEFORE.search(before)
    return (" " not in name.strip() and name.endswith("s") and word is not None
            and word.group(0).strip() not in ENGLISH_STOP_WORDS)  # not "by Williams"
