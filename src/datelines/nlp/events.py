"""The events stage: find dated happenings in a parsed ``Doc``.

Consumes a spaCy ``Doc`` (sentences, dependency parse, entities) and the time
expressions of the temporal stage (objects with ``start``/``end`` character offsets
into ``doc.text``, a TIMEX3 ``value``, ``mod``, ``anchor`` ...). Produces
:class:`Found` records: a trigger, its kind and CAMEO code, the evidence clause
(offsets into ``doc.text``), the date it carries (its own, inherited from the
narrative, or its section heading's), participants and places. :mod:`datelines.extract`
turns them into :class:`~datelines.model.Event` objects in original offsets.

The kinds and triggers are data (:mod:`.events_lexicon`); the parse is read by
:mod:`.events_parse`. This module holds the narrative rules: which dated trigger is
an event, when an undated sentence inherits a date, elaborates the event before it
or only lends it its figures.

>>> from types import SimpleNamespace as T
>>> [usable(T(value=v, type="DATE")) for v in ("1975-09", "197", "XXXX-06", "P2Y")]
[True, True, False, False]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from datelines.model import Participant
from datelines.nlp.events_frame import summarize
from datelines.nlp.events_lexicon import (
    GENERIC,
    Kind,
    family,
    is_context,
    is_habitual,
    is_progressive,
    kind_of_lemma,
    light_verbs,
    object_verbs,
    place_verbs,
    stative_kind,
    trigger_kind,
    verb_kind,
)
from datelines.nlp.events_links import (
    dated_relation_noun,
    during_verb,
    moved_on,
    placed_by_clause,
    refers_back,
    relation_verb,
    told_referent,
    when_clause,
)
from datelines.nlp.events_merge import (
    aspect_kind,
    merge_nested,
    merge_told_twice,
    named_event,
    sharpen,
    specificity,
)
from datelines.nlp.events_parse import (
    clause_span,
    counted,
    dated_elsewhere,
    find_anchor,
    hypothetical,
    main_verbs,
    names_a_thing,
    participants_of,
    past_fact,
    places_of,
    relation_of,
)
from datelines.nlp.events_text import (
    block_index,
    block_kind,
    is_field,
    is_quoted,
    sentences,
)
from datelines.nlp.temporal import Timex, bounds


@dataclass(frozen=True)
class Found:
    """One detected event, still in ``doc.text`` offsets."""

    start: int  # evidence clause
    end: int
    sent: tuple[int, int]  # the sentence
    kind: Kind
    trigger: str  # the trigger word (lemma)
    timex: Timex  # the date's own words, or the anchor it inherits
    anchor: str  # explicit | relative | heading | document
    strength: float  # 1.0 strong trigger, lower for generic verbs
    participants: tuple[Participant, ...] = ()
    places: tuple[str, ...] = ()
    more: tuple[tuple[int, int], ...] = ()  # later sentences whose figures belong here
    relation: str | None = None  # BEFORE/AFTER: dated through another happening
    trigger_pos: str = "verb"  # verb | noun
    summary: str = ""  # the tool's own one-line wording ("Savak arrests MEK members")


def usable(timex: Timex) -> bool:
    """A time expression that can date an event: a resolved calendar value.

    A time of day on an unknown day ("night raids": ``1981-XX-XXTNI``) dates
    nothing; the sentence's other dates or the story's anchor do.
    """
    value = str(getattr(timex, "value", "") or "")
    kind = str(getattr(timex, "type", "DATE") or "DATE")
    if kind == "TIME" and "XX" in value.split("T")[0]:
        return False
    return kind in ("DATE", "TIME") and len(value) >= 2 and value[:2].isdigit()


def detect(
    doc: Doc, timexes: Sequence[Timex], *, dct: str | None = None
) -> list[Found]:
    """Find the events of one parsed document, in text order.

    Sentences in headings, titles and captions are skipped (a dated heading dates its
    section instead). A sentence with its own date gives one event per dated trigger.
    An undated sentence whose main verb is a strong trigger in the simple past
    either elaborates the event just told (same family of kinds: its figures join
    that event) or is a new event that inherits the narrative's current date
    (``relative``) or its section heading's (``heading``). A following sentence with
    no event of its own lends its figures to the event before it.
    """
    blocks = doc.user_data.get("blocks", ())
    found: list[Found] = []
    heading: Any = None  # the current section heading's timex
    current: Any = None  # the narrative's current anchor timex
    last: int | None = None  # index in `found` of the event told last in this block
    told: int | None = (
        None  # ... and in this section (for "The agreement ..." anaphora)
    )
    last_block, gap, since = -1, 0, -1  # since: the block `current` was stated in
    for sent in sentences(doc):
        kind = block_kind(blocks, sent.start_char)
        inside = [t for t in timexes if sent.start_char <= t.start < sent.end_char]
        own = [
            t
            for t in inside
            if usable(t) and not names_a_thing(sent, t) and not counted(sent, t)
        ]
        recurring = any(t.type == "SET" for t in inside)  # "met every week"
        if kind in ("heading", "title"):
            heading = max(own, key=specificity) if own else None
            current, last, told, since = heading, None, None, -1
            continue
        if (
            kind == "caption"
            or is_field(doc, blocks, sent.start_char)
            or is_quoted(doc, blocks, sent.start_char)
        ):
            continue  # an image caption, an infobox line, a long quotation
        block = block_index(blocks, sent.start_char)
        if block != last_block:
            last, last_block, gap = None, block, 0
        events = [e for e in _dated(sent, own) if not _retold(e, found)]
        if len(events) == 1 and last is not None and _within(events[0], found[last]):
            found[last] = _with_more(found[last], sent)  # "over a single summer, ..."
            gap = 0
            continue
        if events:
            found.extend(events)
            current, last, told, gap = (
                events[-1].timex,
                len(found) - 1,
                len(found) - 1,
                0,
            )
            since = block
            continue
        if own:  # a dated sentence that states no happening still anchors the narrative
            current, last, since = own[-1], None, block
            continue
        fresh = current is not None and (current is heading or block - since <= 1)
        anchor_timex = current if fresh else heading  # a paragraph later it is stale
        today = (
            anchor_timex is not None and dct is not None and anchor_timex.value == dct
        )
        verb, trigger = _undated_trigger(sent, perfect=today)
        gap += 1
        if (
            told is not None
            and refers_back(sent, found[told].kind)
            and (trigger is None or family(trigger) == family(found[told].kind))
        ):
            found[told] = _with_more(
                found[told], sent
            )  # "The peace agreement drew ..."
            continue
        before = None  # "A few days before the strike, ...": that strike's date
        if verb is not None and dated_elsewhere(verb):
            ref = told_referent(verb, [f.kind for f in found])
            if ref is None:
                verb = trigger = None
            else:
                anchor_timex, before = found[ref].timex, "BEFORE"
        elif moved_on(inside, sent.text, sent.start_char):
            anchor_timex = None  # "After many years of exile, ..."
        if (
            trigger is not None
            and last is not None
            and family(trigger) == family(found[last].kind)
        ):
            found[last] = _with_more(found[last], sent)
            gap = 0
            continue
        if (
            verb is not None
            and trigger is not None
            and anchor_timex is not None
            and not recurring
        ):
            start, end = sent.start_char, sent.end_char
            anchor = "heading" if anchor_timex is heading else "relative"
            places = places_of(sent, start, end)
            found.append(
                Found(
                    start,
                    end,
                    (start, end),
                    trigger,
                    verb.lemma_,
                    anchor_timex,
                    anchor,
                    1.0,
                    participants_of(sent, verb, start, end),
                    places,
                    relation=before,
                    summary=summarize(verb, trigger, places=places),
                )
            )
            last, told, gap = len(found) - 1, len(found) - 1, 0
        elif last is not None and gap <= 2:
            found[last] = _with_more(found[last], sent)
    return found


def _within(event: Found, before: Found) -> bool:
    """A sentence dated by a relative period that holds the previous event's date and
    tells the same family of happening elaborates that event (two untyped
    happenings are no family: "stopped work", then "later that month ... hired")."""
    if (
        getattr(event.timex, "anchor", "explicit") == "explicit"
        or family(event.kind) != family(before.kind)
        or event.kind is GENERIC
    ):
        return False
    inner, outer = _interval(before.timex.value), _interval(event.timex.value)
    return None not in inner + outer and outer[0] <= inner[0] and inner[1] <= outer[1]  # type: ignore[operator]


def _interval(value: str) -> tuple[str | None, str | None]:
    return bounds(value, None)


def _retold(event: Found, found: Sequence[Found]) -> bool:
    """A named past event mentioned again ("the barbarity of the 1988 Massacre")."""
    return (
        event.trigger_pos == "noun"
        and len(event.timex.value) <= 4
        and any(
            f.kind.kind == event.kind.kind
            and f.timex.value.startswith(event.timex.value)
            for f in found
        )
    )


def _with_more(item: Found, sent: Span) -> Found:
    return dataclasses.replace(
        item, more=(*item.more, (sent.start_char, sent.end_char))
    )


def _dated(sent: Span, own: Sequence[Timex]) -> list[Found]:
    if own and not sent.doc.has_annotation("DEP"):
        return [_unparsed(sent, own)]
    groups: dict[int, list[Timex]] = {}
    anchors: dict[int, Token] = {}
    placed: dict[int, bool] = {}  # verbs placed after their relation's latest date
    for timex in own:
        span = sent.doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None:
            continue
        anchor = when_clause(span) or find_anchor(span)  # "until 1962, when ..."
        noun = dated_relation_noun(span)  # "Following X's resignation in 1931, ..."
        verb = relation_verb(noun) if noun is not None else None
        if noun is not None and verb is not None:
            anchors[noun.i] = noun  # a happening of its own
            groups.setdefault(noun.i, []).append(timex)
            anchor, placed[verb.i] = verb, True
        anchors[anchor.i] = anchor
        groups.setdefault(anchor.i, []).append(timex)
    events: list[tuple[Token, Kind, float, Timex]] = []
    dating: dict[int, list[Timex]] = {}  # final anchor -> its dates
    for i, group in groups.items():
        anchor = anchors[i]
        if not sent.start <= anchor.i < sent.end:  # parsed into a cut-off caption
            anchor = next((t for t in sent if t.dep_ == "ROOT"), sent.root)
        if anchor.dep_ == "ROOT" and anchor.pos_ not in ("VERB", "AUX"):
            anchor = next(
                (t for t in sent if t.dep_ == "ROOT" and t.pos_ == "VERB"), anchor
            )  # a fragment the parser split off its verb
        premodified = all(t.start < anchor.idx for t in group)  # "the 1914 war"
        if (named_event(anchor, group) or premodified) and (
            verb := during_verb(anchor)
        ) is not None:
            anchor = verb  # "rose during the 1848 Revolution"
        if hypothetical(anchor) or named_event(anchor, group):
            continue
        if anchor.pos_ in ("VERB", "AUX") and (
            is_context(anchor)
            or is_progressive(anchor)
            or is_habitual(anchor)
            or (anchor.dep_ == "xcomp" and is_context(anchor.head))
        ):
            kind, strength = stative_kind(anchor)
            if kind is None:
                continue
        else:
            kind, strength = trigger_kind(anchor)
        if kind is None and anchor.pos_ not in ("VERB", "AUX"):
            continue  # a verbless line ("September 28, 2012") dates, tells nothing
        if kind is None:
            kind, strength = aspect_kind(anchor)
        latest = max(group, key=lambda t: t.value) if i in placed else None
        events.append((anchor, kind, strength, latest or max(group, key=specificity)))
        dating.setdefault(anchor.i, []).extend(group)
    events += placed_by_clause(events, dating)
    kept = merge_told_twice(merge_nested(events))
    spare = [t for t in own if not any(t in dating[e[0].i] for e in kept)]
    events = sharpen(kept, spare)
    tokens = [e[0] for e in events]
    out = []
    for anchor, kind, strength, timex in events:
        start, end = clause_span(sent, anchor, tokens)
        span = sent.doc.char_span(timex.start, timex.end, alignment_mode="expand")
        relation = relation_of(span, anchor) if span is not None else None
        pos = "noun" if anchor.pos_ in ("NOUN", "PROPN") else "verb"
        places = places_of(sent, start, end)
        out.append(
            Found(
                start,
                end,
                (sent.start_char, sent.end_char),
                kind,
                anchor.lemma_,
                timex,
                "explicit",
                strength,
                participants_of(sent, anchor, start, end),
                places,
                relation=relation,
                trigger_pos=pos,
                summary=summarize(
                    anchor, kind, places=places, when=(timex.start, timex.end)
                ),
            )
        )
    return out


def _unparsed(sent: Span, own: Sequence[Timex]) -> Found:
    """Without a parser (the blank fallback pipeline): one event per dated sentence,
    its kind from the first trigger word seen."""
    kind = GENERIC
    for token in sent:
        words = {
            token.lower_,
            token.lower_.removesuffix("d"),
            token.lower_.removesuffix("ed"),
            token.lower_.removesuffix("s"),
        }
        hit = next(
            (
                k
                for w in words
                for k in (kind_of_lemma(w), kind_of_lemma(w, noun=True))
                if k is not None
            ),
            None,
        )
        if hit is not None:
            kind = hit
            break
    return Found(
        sent.start_char,
        sent.end_char,
        (sent.start_char, sent.end_char),
        kind,
        "",
        max(own, key=specificity),
        "explicit",
        0.6,
    )


def _undated_trigger(
    sent: Span,
    *,
    perfect: bool = False,
) -> tuple[Token | None, Kind | None]:
    """The main verb of an undated sentence when it is a strong trigger in the simple
    past: its own kind, or a light verb's object ("launched a crackdown")."""
    for verb in main_verbs(sent):
        if not past_fact(verb, perfect=perfect) or any(
            c.dep_ == "ccomp" for c in verb.children
        ):
            continue  # "agreed that ...": an opinion, not a happening
        kind = verb_kind(verb)
        if verb.lemma_ in place_verbs() | object_verbs():  # not "left bitterness"
            kind, _ = trigger_kind(verb, subject=False)
        if verb.lemma_ in light_verbs() and kind is kind_of_lemma(
            verb.lemma_
        ):  # "went on to state": nothing named
            kind, strength = trigger_kind(verb, subject=False)
            kind = kind if strength > 0.8 else None
        if kind is not None and kind.strong:
            return verb, kind
        for told in verb.children:  # "Shots were exchanged, killing several men"
            kind = verb_kind(told) if told.dep_ == "advcl" else None
            deps = {c.dep_ for c in told.children}  # a bare participle, no subject
            if told.tag_ == "VBG" and kind is not None and kind.strong and (
                "dobj" in deps and not deps & {"nsubj", "aux"}
            ):
                return told, kind
    return None, None
