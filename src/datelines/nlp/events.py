"""The events stage: find dated happenings in a parsed ``Doc``.

Consumes a spaCy ``Doc`` (sentences, dependency parse, entities) and the time
expressions of the temporal stage (objects with ``start``/``end`` character offsets
into ``doc.text``, a TIMEX3 ``value``, ``mod``, ``anchor`` ...). Produces
:class:`Found` records: a trigger, its kind and CAMEO code, the evidence clause
(offsets into ``doc.text``), the date it carries (its own, inherited from the
narrative, or its section heading's), participants and places. :mod:`datelines.extract`
turns them into :class:`~datelines.model.Event` objects in original offsets.

Language knowledge lives in data files beside this module:
``data/events/kinds.yaml`` (kinds, trigger verbs and nouns, CAMEO roots) and
``data/events/context.yaml`` (stative verbs: a date on a state is context, not an
event). Every entry has an example sentence; the tests run them all.

>>> kind_of_lemma("assassinate").kind
'assassination'
>>> kind_of_lemma("treaty", noun=True).cameo
'05'
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Protocol

import yaml
from spacy.tokens import Doc, Span, Token

from datelines.model import Participant

DATA = "data/events"


class TimexLike(Protocol):
    """What the events stage reads from a time expression (the temporal stage's Timex)."""

    start: int
    end: int
    text: str
    value: str
    mod: str | None
    anchor: str
    anchor_text: str | None
    end_value: str | None


@dataclass(frozen=True)
class Kind:
    """One event kind of the ontology (a row of ``kinds.yaml``)."""

    kind: str
    cameo: str | None
    says: str
    strong: bool
    verbs: tuple[str, ...]
    nouns: tuple[str, ...]
    example: str
    family: str | None = None  # kinds of one family elaborate each other


GENERIC = Kind("event", None, "event involving", False, (), (), "")


@dataclass(frozen=True)
class Found:
    """One detected event, still in ``doc.text`` offsets."""

    start: int  # evidence clause
    end: int
    sent: tuple[int, int]  # the sentence
    kind: Kind
    trigger: str  # the trigger word (lemma)
    timex: Any  # TimexLike: the date's own words or the anchor it inherits
    anchor: str  # explicit | relative | heading | document
    strength: float  # 1.0 strong trigger, lower for generic verbs
    participants: tuple[Any, ...] = ()  # model.Participant
    places: tuple[str, ...] = ()
    more: tuple[tuple[int, int], ...] = ()  # later sentences whose figures belong here
    relation: str | None = None  # BEFORE/AFTER: dated through another happening
    trigger_pos: str = "verb"  # verb | noun


def _load(name: str) -> Any:
    text = resources.files("datelines.nlp").joinpath(f"{DATA}/{name}").read_text("utf-8")
    return yaml.safe_load(text)


@functools.cache
def kinds() -> tuple[Kind, ...]:
    """The ontology, in priority order."""
    return tuple(
        Kind(row["kind"], row.get("cameo"), row["says"], bool(row.get("strong")),
             tuple(row.get("verbs") or ()), tuple(row.get("nouns") or ()),
             row["example"], row.get("family"))
        for row in _load("kinds.yaml")["kinds"]
    )


@functools.cache
def stative() -> dict[str, str]:
    """Stative lemma -> when it is stative: ``always``, ``passive`` ("was left
    without") or ``adjective`` ("became clear")."""
    return {row["lemma"]: row.get("when", "always") for row in _load("context.yaml")["stative"]}


@functools.cache
def light_verbs() -> frozenset[str]:
    """Verbs whose object names the happening ("staged a coup", "went to war")."""
    return frozenset(_load("context.yaml")["light"]["lemmas"])


def kind_of_lemma(lemma: str, *, noun: bool = False) -> Kind | None:
    """The first kind whose trigger verbs (or nouns) include ``lemma``."""
    lemma = lemma.lower()
    for kind in kinds():
        if lemma in (kind.nouns if noun else kind.verbs):
            return kind
    return None


def usable(timex: TimexLike) -> bool:
    """A time expression that can date an event: a resolved calendar value.

    >>> from types import SimpleNamespace as T
    >>> [usable(T(value=v, type="DATE")) for v in ("1975-09", "197", "XXXX-06", "P2Y")]
    [True, True, False, False]
    """
    value = str(getattr(timex, "value", "") or "")
    kind = str(getattr(timex, "type", "DATE") or "DATE")
    return kind in ("DATE", "TIME") and len(value) >= 2 and value[:2].isdigit()


def _specificity(timex: TimexLike) -> int:
    return len(timex.value.split("T")[0])


def detect(doc: Doc, timexes: Sequence[TimexLike]) -> list[Found]:
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
    told: int | None = None  # ... and in this section (for "The agreement ..." anaphora)
    last_block, gap = -1, 0
    for sent in sentences(doc):
        kind = _block_kind(blocks, sent.start_char)
        own = [t for t in timexes if sent.start_char <= t.start < sent.end_char
               and usable(t) and not _names_a_thing(sent, t)]
        if kind in ("heading", "title"):
            heading = max(own, key=_specificity) if own else None
            current, last, told = heading, None, None
            continue
        if kind == "caption":
            continue
        block = _block_index(blocks, sent.start_char)
        if block != last_block:
            last, last_block, gap = None, block, 0
        events = [e for e in _dated(sent, own) if not _retold(e, found)]
        if len(events) == 1 and last is not None and _within(events[0], found[last]):
            found[last] = _with_more(found[last], sent)  # "over a single summer, ..."
            gap = 0
            continue
        if events:
            found.extend(events)
            current, last, told, gap = events[-1].timex, len(found) - 1, len(found) - 1, 0
            continue
        if own:  # a dated sentence that states no happening still anchors the narrative
            current, last = own[-1], None
            continue
        verb, trigger = _undated_trigger(sent)
        gap += 1
        if told is not None and _refers_back(sent, found[told]) and (
                trigger is None or _family(trigger) == _family(found[told].kind)):
            found[told] = _with_more(found[told], sent)  # "The peace agreement drew ..."
            continue
        if verb is not None and _dated_elsewhere(verb):
            verb = trigger = None
        if trigger is not None and last is not None and \
                _family(trigger) == _family(found[last].kind):
            found[last] = _with_more(found[last], sent)
            gap = 0
            continue
        anchor_timex = current if current is not None else heading
        if verb is not None and trigger is not None and anchor_timex is not None:
            start, end = sent.start_char, sent.end_char
            anchor = "heading" if anchor_timex is heading else "relative"
            found.append(Found(start, end, (start, end), trigger, verb.lemma_,
                               anchor_timex, anchor, 1.0,
                               participants_of(sent, verb, start, end),
                               places_of(sent, start, end)))
            last, told, gap = len(found) - 1, len(found) - 1, 0
        elif last is not None and gap <= 2:
            found[last] = _with_more(found[last], sent)
    return found


def _within(event: Found, before: Found) -> bool:
    """A sentence dated by a relative period that holds the previous event's date and
    tells the same family of happening elaborates that event."""
    if getattr(event.timex, "anchor", "explicit") == "explicit" or \
            _family(event.kind) != _family(before.kind):
        return False
    inner, outer = _interval(before.timex.value), _interval(event.timex.value)
    return None not in inner + outer and outer[0] <= inner[0] and inner[1] <= outer[1]  # type: ignore[operator]


def _interval(value: str) -> tuple[str | None, str | None]:
    try:
        from datelines.nlp.temporal import bounds
    except ImportError:  # pragma: no cover - the temporal stage ships with datelines
        return None, None
    start, end = bounds(value, None)
    return start, end


def _refers_back(sent: Span, event: Found) -> bool:
    """The subject is a definite mention of the event just told ("The agreement")."""
    for verb in _main_verbs(sent):
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass") or child.pos_ != "NOUN":
                continue
            definite = any(d.dep_ == "det" and d.lower_ in ("the", "this", "that", "these")
                           for d in child.children)
            kind = kind_of_lemma(child.lemma_, noun=True)
            if definite and kind is not None and _family(kind) == _family(event.kind):
                return True
    return False


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, with a parser split that left no final punctuation joined
    back to what follows it in the same block."""
    blocks = doc.user_data.get("blocks", ())
    out: list[Span] = []
    for sent in doc.sents:
        prev = out[-1] if out else None
        if prev is not None and prev[-1].text not in _FINAL and \
                _block_index(blocks, prev.start_char) == _block_index(blocks, sent.start_char) \
                and _block_kind(blocks, sent.start_char) == "paragraph" \
                and "\n" not in doc.text[prev.end_char - 1:sent.start_char]:
            out[-1] = doc[prev.start:sent.end]
        else:
            out.append(sent)
    return out


_FINAL = frozenset({".", "!", "?", "”", '"', ":", ";", "’", "'"})


def _retold(event: Found, found: Sequence[Found]) -> bool:
    """A named past event mentioned again ("the barbarity of the 1988 Massacre")."""
    return event.trigger_pos == "noun" and len(event.timex.value) <= 4 and any(
        f.kind.kind == event.kind.kind and f.timex.value.startswith(event.timex.value)
        for f in found)


def _dated_elsewhere(verb: Token) -> bool:
    """The sentence places itself before another happening ("prior to its
    relocation"): the narrative's current date is not its date."""
    for child in verb.children:
        if child.dep_ in ("prep", "advcl", "advmod") and \
                _RELATIONS.get(child.lower_) == "BEFORE":
            return True
    return False


def _with_more(item: Found, sent: Span) -> Found:
    return dataclasses.replace(item, more=(*item.more, (sent.start_char, sent.end_char)))


def _family(kind: Kind) -> str:
    return kind.family or kind.kind


def _names_a_thing(sent: Span, timex: TimexLike) -> bool:
    """A date that names a thing, not when something happened ("the 1923 border",
    "the June 4, 1967 line"): it modifies a noun that is no event."""
    span = sent.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return False
    root, head = span.root, span.root.head
    return (root.dep_ in ("compound", "nmod", "amod", "nummod") and head.i != root.i
            and head.pos_ in ("NOUN", "PROPN") and not head.i < span.start
            and kind_of_lemma(head.lemma_, noun=True) is None
            and head.lemma_.lower() not in ("revolution",))


def _dated(sent: Span, own: Sequence[TimexLike]) -> list[Found]:
    groups: dict[int, list[TimexLike]] = {}
    anchors: dict[int, Token] = {}
    for timex in own:
        span = sent.doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None:
            continue
        anchor = find_anchor(span)
        anchors[anchor.i] = anchor
        groups.setdefault(anchor.i, []).append(timex)
    events: list[tuple[Token, Kind, float, TimexLike]] = []
    for i, group in groups.items():
        anchor = anchors[i]
        if anchor.dep_ == "ROOT" and anchor.pos_ not in ("VERB", "AUX"):
            anchor = next((t for t in sent if t.dep_ == "ROOT" and t.pos_ == "VERB"),
                          anchor)  # a fragment the parser split off its verb
        if _hypothetical(anchor) or _named_event(anchor, group):
            continue
        if anchor.pos_ in ("VERB", "AUX") and (
                is_context(anchor) or is_progressive(anchor)
                or (anchor.dep_ == "xcomp" and is_context(anchor.head))):
            kind, strength = _stative_kind(anchor)
            if kind is None:
                continue
        else:
            kind, strength = trigger_kind(anchor)
        if kind is None:
            kind, strength = GENERIC, 0.7
        events.append((anchor, kind, strength, max(group, key=_specificity)))
    events = _sharpen(_merge_nested(events), own)
    tokens = [e[0] for e in events]
    out = []
    for anchor, kind, strength, timex in events:
        start, end = clause_span(sent, anchor, tokens)
        span = sent.doc.char_span(timex.start, timex.end, alignment_mode="expand")
        relation = relation_of(span, anchor) if span is not None else None
        pos = "noun" if anchor.pos_ in ("NOUN", "PROPN") else "verb"
        out.append(Found(start, end, (sent.start_char, sent.end_char), kind,
                         anchor.lemma_, timex, "explicit", strength,
                         participants_of(sent, anchor, start, end),
                         places_of(sent, start, end), relation=relation,
                         trigger_pos=pos))
    return out


def _named_event(anchor: Token, group: Sequence[TimexLike]) -> bool:
    """"the 1979 Revolution" inside another statement: a year that is part of a
    capitalized event name refers to a known event rather than telling it."""
    if anchor.pos_ not in ("NOUN", "PROPN") or not anchor.text[:1].isupper():
        return False
    if any(len(t.value) != 4 for t in group):
        return False
    return anchor.dep_ in ("pobj", "poss") and not any(
        c.dep_ == "relcl" for c in anchor.children)


def _stative_kind(verb: Token) -> tuple[Kind | None, float]:
    """A state verb still tells a happening when its complement is the beginning or
    end of one ("July 28 was the beginning of the massacre")."""
    for noun in _governed_nouns(verb):
        if noun.lemma_ not in _BOUNDARIES:
            continue
        for word in noun.subtree:
            kind = kind_of_lemma(word.lemma_, noun=True) if word.pos_ in (
                "NOUN", "PROPN") else None
            if kind is not None and kind.strong:
                return kind, 0.8
    return None, 0.0


_BOUNDARIES = frozenset({"beginning", "start", "outbreak", "onset", "end"})


def _merge_nested(events: list[tuple[Token, Kind, float, TimexLike]],
                  ) -> list[tuple[Token, Kind, float, TimexLike]]:
    """Two triggers of one sentence whose dates nest (1988 and July 28, 1988), one
    inside the other's phrase, tell one happening: keep the more specific."""
    keep = list(events)
    for a in events:
        for b in events:
            if a is b or a not in keep or b not in keep:
                continue
            nested = b[3].value.startswith(a[3].value) and len(b[3].value) > len(a[3].value)
            if nested and (a[0] in b[0].subtree or b[0] in a[0].subtree):
                keep.remove(a)
    return sorted(keep, key=lambda e: e[0].i)


def _sharpen(events: list[tuple[Token, Kind, float, TimexLike]],
             own: Sequence[TimexLike]) -> list[tuple[Token, Kind, float, TimexLike]]:
    """Give an event the more specific date of its sentence that nests in its own
    ("the 1988 Massacre" on "July 28, 1988") when that date dates nothing else."""
    used = {id(e[3]) for e in events}
    out = []
    for anchor, kind, strength, timex in events:
        finer = [t for t in own if id(t) not in used and t.value.startswith(timex.value)
                 and len(t.value) > len(timex.value)]
        out.append((anchor, kind, strength, max(finer, key=_specificity, default=timex)))
    return out


def _hypothetical(anchor: Token) -> bool:
    """Under a modal or a condition ("would withdraw", "if Syria agreed")."""
    token = anchor
    for _ in range(4):
        if any(c.tag_ == "MD" or (c.dep_ == "mark" and c.lower_ == "if")
               for c in token.children):
            return True
        if token.dep_ in ("ROOT", "relcl") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _undated_trigger(sent: Span) -> tuple[Token | None, Kind | None]:
    """The main verb of an undated sentence when it is a strong trigger in the simple
    past: its own kind, or a light verb's object ("launched a crackdown")."""
    for verb in _main_verbs(sent):
        if not _past_fact(verb) or any(c.dep_ == "ccomp" for c in verb.children):
            continue  # "agreed that ...": an opinion, not a happening
        kind = kind_of_lemma(verb.lemma_)
        if verb.lemma_ in light_verbs():
            kind = next((k for n in _governed_nouns(verb, subject=False)
                         if (k := kind_of_lemma(n.lemma_, noun=True)) is not None), kind)
        if kind is not None and kind.strong:
            return verb, kind
    return None, None


def _main_verbs(sent: Span) -> list[Token]:
    """The verbs that carry the sentence's statements: the root and its conjuncts,
    and the finite verbs a misparse hung below a noun or a later clause."""
    verbs = []
    for token in sent:
        if token.pos_ != "VERB":
            continue
        dep, head = token.dep_, token.head
        if dep == "ROOT" or (dep == "conj" and head in verbs) or (
                dep == "acl" and head.dep_ == "ROOT" and head.pos_ != "VERB"
                and token.tag_ == "VBD") or (
                dep == "ccomp" and head.dep_ == "ROOT" and token.i < head.i
                and token.tag_ == "VBD" and not any(
                    c.dep_ == "mark" for c in token.children)):
            verbs.append(token)
    return verbs


def _past_fact(verb: Token) -> bool:
    """A simple past, affirmative statement ("arrested", "were released"); not a
    pluperfect ("had been sentenced"), not modal, not negated."""
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lemma_ in ("have", "will") for a in auxes):
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(
        a.dep_ == "auxpass" and a.tag_ == "VBD" for a in auxes))


def _block_kind(blocks: Iterable[Any], offset: int) -> str:
    for block in blocks:
        if block.start <= offset < block.end:
            return str(block.kind)
    return "paragraph"


def _block_index(blocks: Sequence[Any], offset: int) -> int:
    for i, block in enumerate(blocks):
        if block.start <= offset < block.end:
            return i
    return -1


# -- reading the parse ---------------------------------------------------------------

_NOUN_DEPS = ("dobj", "attr", "nsubj", "nsubjpass", "pobj", "oprd", "appos")
_ENTITY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP",
                 "LOC": "LOC", "FAC": "LOC"}


def find_anchor(span: Span) -> Token:
    """The word a time expression dates: the nearest verb or trigger noun above it.

    A trigger noun reached through a temporal relation ("prior to the June 20th
    demonstration", "after the 1986 act") only locates another happening: the
    search goes on to the verb it modifies (see :func:`relation_of`).
    """
    token = span.root
    skipped: Token | None = None
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            if skipped is not None and (is_context(token) or is_progressive(token)):
                return skipped  # "was the only survivor after the purge in 1975"
            return token
        if token.pos_ in ("NOUN", "PROPN") and kind_of_lemma(token.lemma_, noun=True):
            if _relation_word(token) is None:
                return token
            skipped = skipped or token
    return token


_RELATIONS = {"prior": "BEFORE", "before": "BEFORE", "until": "BEFORE",
              "after": "AFTER", "following": "AFTER", "since": "AFTER"}


def _relation_word(noun: Token) -> str | None:
    """BEFORE/AFTER when ``noun`` is the object of "prior to", "after", "following"."""
    if noun.dep_ != "pobj":
        return None
    prep = noun.head
    word = prep.lower_
    if word == "to" and prep.head.lower_ == "prior":
        word = "prior"
    return _RELATIONS.get(word)


def relation_of(span: Span, anchor: Token) -> str | None:
    """The relation between a date and the event it dates when another happening
    stands between them ("just prior to the June 20th demonstration" -> BEFORE)."""
    token = span.root
    while token.head.i != token.i and token.i != anchor.i:
        token = token.head
        if token.pos_ in ("NOUN", "PROPN") and (rel := _relation_word(token)):
            return rel
    return None


def trigger_kind(token: Token) -> tuple[Kind | None, float]:
    """The kind a trigger word signals, and how strongly (1.0 own trigger, 0.9 object).

    A light verb ("staged", "held", "went") takes the kind of the noun it governs.
    """
    if token.pos_ in ("NOUN", "PROPN"):
        return kind_of_lemma(token.lemma_, noun=True), 1.0
    own = kind_of_lemma(token.lemma_)
    if own is not None and token.lemma_ not in light_verbs():
        return own, 1.0
    for noun in _governed_nouns(token):
        kind = kind_of_lemma(noun.lemma_, noun=True) or kind_of_lemma(noun.lower_, noun=True)
        if kind is not None:
            return kind, 0.9
    return own, 0.8


def _governed_nouns(verb: Token, *, subject: bool = True) -> Iterable[Token]:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and not subject:
            continue
        if child.dep_ in _NOUN_DEPS and child.pos_ in ("NOUN", "PROPN"):
            yield child
        if child.dep_ in ("prep", "agent"):
            yield from (g for g in child.children if g.dep_ == "pobj")
        if child.dep_ == "xcomp":
            yield from _governed_nouns(child, subject=subject)


def is_context(verb: Token) -> bool:
    """A stative main verb: the sentence describes a state, not a happening."""
    when = stative().get(verb.lemma_)
    if when == "passive":
        return any(c.dep_ == "auxpass" for c in verb.children)
    if when == "adjective":
        return any(c.dep_ == "acomp" for c in verb.children)
    return when == "always"


def is_progressive(verb: Token) -> bool:
    """"was nearing", "were struggling": a state in progress."""
    return verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)


def clause_span(sent: Span, anchor: Token, anchors: Sequence[Token]) -> tuple[int, int]:
    """The evidence for one trigger: the whole sentence when it is the only event,
    else its clause (its subtree less the clauses of the sentence's other events)."""
    others = [a for a in anchors if a.i != anchor.i]
    if not others:
        return sent.start_char, sent.end_char
    if anchor.pos_ in ("VERB", "AUX") and anchor.dep_ in ("ROOT",) or anchor == sent.root:
        words = set(sent)
    else:
        words = set(anchor.subtree)
    for other in others:
        if other in words and other != anchor:
            words -= set(other.subtree)
    # the contiguous run around the anchor
    left = right = anchor.i
    while left - 1 >= sent.start and sent.doc[left - 1] in words:
        left -= 1
    while right + 1 < sent.end and sent.doc[right + 1] in words:
        right += 1
    while left < right and (sent.doc[left].is_punct or sent.doc[left].dep_ == "cc"):
        left += 1
    while right > left and (sent.doc[right].is_punct or sent.doc[right].dep_ == "cc"):
        right -= 1
    return sent.doc[left].idx, sent.doc[right].idx + len(sent.doc[right])


def participants_of(sent: Span, anchor: Token, start: int, end: int,
                    ) -> tuple[Participant, ...]:
    """People, organizations and countries in the clause, with their role."""
    out: dict[str, Participant] = {}
    for ent in sent.ents:
        if not (start <= ent.start_char < end) or ent.label_ not in _ENTITY_TYPES:
            continue
        if ent.label_ in ("GPE", "LOC", "FAC") and _is_place(ent):
            continue
        name = _clean(ent.text)
        entity = ent._.entity_id if Span.has_extension("entity_id") else None
        role = _role(ent.root, anchor)
        if name not in out or out[name].role == "other":
            out[name] = Participant(name, _ENTITY_TYPES[ent.label_], role, entity, ent.text)
    return tuple(out.values())


def places_of(sent: Span, start: int, end: int) -> tuple[str, ...]:
    """Places the clause locates the event in ("in Paris", "at the White House")."""
    places = [_clean(e.text) for e in sent.ents if start <= e.start_char < end
              and e.label_ in ("GPE", "LOC", "FAC") and _is_place(e)]
    return tuple(dict.fromkeys(places))


def _is_place(ent: Span) -> bool:
    head = ent.root.head
    return ent.root.dep_ == "pobj" and head.lower_ in ("in", "at", "from", "to", "near",
                                                       "across", "throughout", "into")


def _role(token: Token, anchor: Token) -> str:
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in anchor.children)
    while token.head.i != token.i and token.head.i != anchor.i:
        if token.dep_ == "agent" or token.head.dep_ == "agent":
            return "agent"
        token = token.head
    if token.head.i != anchor.i:
        return "other"
    if token.dep_ == "nsubj":
        return "agent"
    if token.dep_ == "agent" or (token.dep_ == "prep" and token.lower_ == "by" and passive):
        return "agent"
    if token.dep_ in ("dobj", "nsubjpass", "poss"):
        return "patient"
    return "other"


def _clean(text: str) -> str:
    text = " ".join(text.split())
    for article in ("the ", "The "):
        if text.startswith(article):
            text = text[len(article):]
    return text.removesuffix("’s").removesuffix("'s")
