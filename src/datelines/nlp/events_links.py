"""The events stage's links between a happening and another one it is placed by.

Consumes spaCy ``Token``/``Span`` objects of a parsed sentence and the time
expressions of the temporal stage; produces the words that tie one happening to
another:

- a happening inside a temporal relation that states its own date ("Following the
  chief's resignation in 1931, the members split away"): it is an event of its own,
  and the main verb happens after it (:func:`dated_relation_noun`,
  :func:`relation_verb`);
- a named happening used as a time adverbial ("rose against the king during the
  1848 Revolution"): its year dates the verb (:func:`during_verb`);
- an undated sentence placed before a happening the text told already ("A few days
  before the strike, the mayor ordered the arrests"): it takes that happening's
  date with ``BEFORE`` (:func:`told_referent`);
- an undated sentence that moves the narrative on by a vague span ("After many
  years of exile, ..."): the narrative's current date is no longer its date
  (:func:`moved_on`);
- the undated main verb of a dated "after"/"before" clause ("After the congress
  passed the act in 1986, many firms withdrew"): a happening of its own
  (:func:`placed_by_clause`);
- an undated sentence whose subject is a definite mention of the happening just
  told ("The agreement drew ..."): it elaborates that happening (:func:`refers_back`).

>>> from types import SimpleNamespace as T
>>> moved_on([T(type="DURATION", value="PXY", start=6)], "After many years, it fell.", 0)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Span, Token

from datelines.nlp.events_lexicon import (
    Kind,
    family,
    is_context,
    is_progressive,
    kind_of_lemma,
    trigger_kind,
)
from datelines.nlp.events_parse import hypothetical, main_verbs, relation_word
from datelines.nlp.temporal import Timex

_OWN_DATE_PREPS = frozenset({"in", "on", "during"})


def dated_relation_noun(span: Span) -> Token | None:
    """The trigger noun of a temporal relation ("following ...", "after ...") whose
    own prepositional phrase holds the date ("the chief's resignation in 1931"), or
    a conjunct of such a noun. A date that premodifies the noun ("the May 3
    festival") only names a known happening and gives ``None``."""
    root = span.root
    prep = root.head
    if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _OWN_DATE_PREPS:
        return None
    noun = prep.head
    if noun.pos_ not in ("NOUN", "PROPN") or not kind_of_lemma(noun.lemma_, noun=True):
        return None
    top = noun
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    prep = top.head
    if prep.i > 0 and top.doc[prep.i - 1].lower_ == "until":
        return None  # "suspended until after the 1996 elections": a bound ahead
    return noun if relation_word(top) is not None else None


def relation_verb(noun: Token) -> Token | None:
    """The verb whose happening a fronted relation noun places ("Following the
    resignation ..., the members split away" -> "split"); ``None`` when that verb
    states a state ("was the only survivor after the purge in 1975") or comes first."""
    token = noun
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            if token.lower_ == "following":
                continue  # "Following ..." parsed as a verb is the preposition
            if is_context(token) or is_progressive(token) or token.i < noun.i:
                return None  # a state, or a relation trailing its verb
            return token
    return None


def during_verb(anchor: Token) -> Token | None:
    """The verb a named happening dates as a time adverbial ("rose against the
    king during the 1848 Revolution" -> "rose", "closed during the 1914 war" ->
    "closed"); ``None`` otherwise."""
    prep = anchor.head
    if anchor.pos_ not in ("NOUN", "PROPN"):
        return None
    if anchor.dep_ != "pobj" or prep.lower_ not in ("during", "throughout"):
        return None
    verb = prep.head
    return verb if verb.pos_ == "VERB" else None


def when_clause(span: Span) -> Token | None:
    """The verb of a "when" clause that a date carries ("held the post until 1962,
    when she resigned" -> "resigned"): that clause tells what happened then."""
    for child in span.root.children:
        if (
            child.dep_ == "relcl"
            and child.pos_ == "VERB"
            and any(c.dep_ == "advmod" and c.lower_ == "when" for c in child.children)
        ):
            return child
    return None


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_BEFORE = frozenset({"before", "prior"})


def told_referent(verb: Token, kinds: Sequence[Kind]) -> int | None:
    """Index in ``kinds`` (the kinds told so far, in text order) of the happening a
    verb is placed before by a definite mention ("A few days before the strike, the
    mayor ordered ..."): the latest one of the mention's family; else ``None``."""
    for child in verb.children:
        if child.dep_ != "prep" or child.lower_ not in _BEFORE:
            continue
        objects = [g for g in child.children if g.dep_ == "pobj"]
        objects += [  # "prior to the strike"
            h
            for g in child.children
            if g.dep_ == "prep" and g.lower_ == "to"
            for h in g.children
            if h.dep_ == "pobj"
        ]
        for noun in objects:
            kind = kind_of_lemma(noun.lemma_, noun=True)
            definite = any(
                d.dep_ == "det" and d.lower_ in _DEFINITE for d in noun.children
            )
            if kind is None or not definite:
                continue
            for i in range(len(kinds) - 1, -1, -1):
                if family(kinds[i]) == family(kind):
                    return i
    return None


def moved_on(inside: Sequence[Any], text: str, offset: int) -> bool:
    """The sentence (``text``, starting at ``offset`` in the doc) moves the narrative
    on by a span the temporal stage could not resolve ("After many years", "Some
    decades later"): whatever date the narrative held is no longer current."""
    for timex in inside:
        if getattr(timex, "type", "") != "DURATION":
            continue
        value = str(getattr(timex, "value", ""))
        if "X" not in value:
            continue  # a counted span ("two years") still dates nothing here
        at = timex.start - offset
        before = text[max(0, at - 12) : at].lower().split()
        after = text[at : at + 60].lower()
        if (before and before[-1] == "after") or " later" in after[:40]:
            return True
    return False


_CLAUSE_RELATIONS = {"after": "AFTER", "once": "AFTER", "before": "BEFORE"}


def clause_main(verb: Token) -> Token | None:
    """The main verb a dated "after"/"before" clause places ("After the congress
    passed the act in 1986, many firms withdrew" -> "withdrew"); ``None`` when
    ``verb`` heads no such clause."""
    marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
    if verb.dep_ != "advcl" or not any(m in _CLAUSE_RELATIONS for m in marks):
        return None
    head = verb.head
    return head if head.pos_ == "VERB" else None


def placed_by_clause(
    events: Sequence[tuple[Token, Kind, float, Timex]],
    dating: dict[int, list[Timex]],
) -> list[tuple[Token, Kind, float, Timex]]:
    """The undated main verb of a dated "after"/"before" clause is a happening of
    its own, dated through the clause ("After the congress passed the act in 1986,
    many firms withdrew": a withdrawal after 1986)."""
    out = []
    taken = {e[0].i for e in events}
    for anchor, _, _, timex in events:
        main = clause_main(anchor)
        if main is None or main.i in taken or hypothetical(main):
            continue
        if is_context(main) or is_progressive(main):
            continue
        kind, strength = trigger_kind(main)
        if kind is not None and kind.strong:
            out.append((main, kind, strength, timex))
            dating[main.i] = [timex]
            taken.add(main.i)
    return out


def refers_back(sent: Span, told: Kind) -> bool:
    """The subject is a definite mention of the event just told ("The agreement")."""
    for verb in main_verbs(sent):
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass") or child.pos_ != "NOUN":
                continue
            definite = any(
                d.dep_ == "det" and d.lower_ in ("the", "this", "that", "these")
                for d in child.children
            )
            kind = kind_of_lemma(child.lemma_, noun=True)
            if definite and kind is not None and family(kind) == family(told):
                return True
    return False
