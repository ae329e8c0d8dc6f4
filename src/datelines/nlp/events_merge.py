"""The events stage's merging of one sentence's dated triggers.

Consumes the candidates of one sentence, ``(trigger token, kind, strength, timex)``
as :mod:`datelines.nlp.events` finds them; produces the ones that tell distinct
happenings: two triggers whose dates nest in one phrase tell one happening, one
happening told twice (a noun and its verb) is one event, a subjectless "starting on
19 July" gives the sentence's event its first day, and an event takes the finer date
of its sentence that no other event keeps. A year inside a capitalized event name
("the 1979 Revolution") refers to a known happening rather than telling it.

>>> from types import SimpleNamespace as T
>>> specificity(T(value="1988-07-28")) > specificity(T(value="1988"))
True
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from datelines.nlp.events_lexicon import GENERIC, Kind, kind_of_lemma
from datelines.nlp.temporal import Timex
from datelines.nlp.temporal.timex import known_part

Candidate = tuple[Token, Kind, float, Timex]


def specificity(timex: Timex) -> int:
    """How much of a calendar date the value states: an unknown tail adds nothing.

    >>> from datelines.nlp.temporal.timex import Timex
    >>> [specificity(Timex(0, 4, "x", "DATE", v)) for v in ("1981", "1981-07-21", "1981-XX-XXTNI")]
    [4, 10, 4]
    """
    return len(known_part(timex.value))


def named_event(anchor: Token, group: Sequence[Timex]) -> bool:
    """ "the 1979 Revolution" inside another statement: a year that is part of a
    capitalized event name refers to a known event rather than telling it."""
    if anchor.pos_ not in ("NOUN", "PROPN") or not anchor.text[:1].isupper():
        return False
    if any(len(t.value) != 4 for t in group):
        return False
    return anchor.dep_ in ("pobj", "poss") and not any(
        c.dep_ == "relcl" for c in anchor.children
    )


def merge_nested(
    events: list[Candidate],
) -> list[Candidate]:
    """Two triggers of one sentence whose dates nest (1988 and July 28, 1988), one
    inside the other's phrase, tell one happening: keep the more specific."""
    keep = list(events)
    for a in events:
        for b in events:
            if a is b or a not in keep or b not in keep:
                continue
            nested = (
                len(a[3].value) >= 4
                and b[3].value.startswith(a[3].value)
                and len(b[3].value) > len(a[3].value)
            )  # a decade holds many happenings
            if nested and (_within(a[0], b[0]) or _within(b[0], a[0])):
                keep.remove(a)
    return sorted(keep, key=lambda e: e[0].i)


def _within(inner: Token, outer: Token) -> bool:
    """``inner`` in ``outer``'s phrase with no other verb between them: "received
    intelligence forecasting the summer invasion" holds a second happening."""
    if inner not in outer.subtree:
        return False
    token = inner
    while token.i != outer.i and token.head.i != token.i:
        token = token.head
        verbal = token.pos_ in ("VERB", "AUX") or any(  # "forecasting" read as a noun
            c.dep_ == "dobj" for c in token.children
        )
        if token.i != outer.i and verbal:
            return False
    return True


_ASPECTUAL = frozenset({"start", "begin", "commence"})


def aspect_kind(verb: Token) -> tuple[Kind, float]:
    """ "The purges happened all over Tarn, beginning in July": a subjectless
    beginning tells the happening its clause names, by its subject or its noun."""
    if verb.lemma_ in _ASPECTUAL and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
    ):
        head = verb.head
        nouns = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not nouns and head.dep_ == "conj":  # "happened ... and lasted, beginning"
            nouns = [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        for noun in [head, *nouns] if verb.dep_ == "acl" else nouns:
            kind = kind_of_lemma(noun.lemma_, noun=True)
            if noun.pos_ in ("NOUN", "PROPN") and kind is not None:
                return kind, 0.8
    return GENERIC, 0.7


def merge_told_twice(
    events: list[Candidate],
) -> list[Candidate]:
    """One happening told twice in a sentence is one event: the same kind on the
    same date ("the 20 May protests ... a protest organized by the union on 20
    May"), keeping the verb; and a subjectless "starting on July 19" that gives the
    sentence's event its first day ("the 1930 purges ..., starting on 19 July")."""
    out = list(events)
    for a in events:
        for b in events:
            if a is b or a not in out or b not in out:
                continue
            same = a[1] is b[1] and a[1] is not GENERIC and a[3].value == b[3].value
            if same and a[0].pos_ in ("NOUN", "PROPN") and b[0].pos_ == "VERB":
                out.remove(a)
            elif (
                a[1] is not GENERIC
                and a[0].pos_ in ("NOUN", "PROPN")
                and b[0].lemma_ in _ASPECTUAL
                and b[0].dep_ in ("acl", "advcl")
                and not any(c.dep_ == "nsubj" for c in b[0].children)
                and b[3].value.startswith(a[3].value)
            ):
                out[out.index(a)] = (a[0], a[1], a[2], b[3])
                out.remove(b)
    return out


def sharpen(events: list[Candidate], spare: Sequence[Timex]) -> list[Candidate]:
    """Give an event the more specific date of its sentence that nests in its own
    ("the 1988 Massacre" on "July 28, 1988") when that date dates no other event
    (``spare``: the dates of the sentence's states)."""
    out = []
    for anchor, kind, strength, timex in events:
        finer = [
            t
            for t in spare
            if t.value.startswith(timex.value) and len(t.value) > len(timex.value)
        ]
        out.append((anchor, kind, strength, max(finer, key=specificity, default=timex)))
    return out
