"""The events stage's lexicon: event kinds, triggers, CAMEO roots, state verbs.

Language knowledge lives in data files beside this module, each entry with an example
sentence that a test runs: ``data/events/kinds.yaml`` (kinds, trigger verbs and nouns,
CAMEO root codes, families) and ``data/events/context.yaml`` (state verbs: a date on
a state is context, not an event; light verbs whose object names the happening).

>>> kind_of_lemma("assassinate").kind
'assassination'
>>> kind_of_lemma("treaty", noun=True).cameo
'05'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Token

from datelines.names import title_info

DATA = "data/events"


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
    owner: str = "agent"  # the role of a possessor: "the regime's crackdown"


GENERIC = Kind("event", None, "event involving", False, (), (), "")


def _load(name: str) -> Any:
    text = (
        resources.files("datelines.nlp").joinpath(f"{DATA}/{name}").read_text("utf-8")
    )
    return yaml.safe_load(text)


@functools.cache
def kinds() -> tuple[Kind, ...]:
    """The ontology, in priority order."""
    return tuple(
        Kind(
            row["kind"],
            row.get("cameo"),
            row["says"],
            bool(row.get("strong")),
            tuple(row.get("verbs") or ()),
            tuple(row.get("nouns") or ()),
            row["example"],
            row.get("family"),
            row.get("owner", "agent"),
        )
        for row in _load("kinds.yaml")["kinds"]
    )


@functools.cache
def stative() -> dict[str, str]:
    """Stative lemma -> when it is stative: ``always``, ``passive`` ("was left
    without"), ``adjective`` ("became clear") or ``present`` ("the author reports")."""
    return {
        row["lemma"]: row.get("when", "always")
        for row in _load("context.yaml")["stative"]
    }


@functools.cache
def light_verbs() -> frozenset[str]:
    """Verbs whose object names the happening ("staged a coup", "went to war")."""
    return frozenset(_load("context.yaml")["light"]["lemmas"])


@functools.cache
def neutral_verbs() -> dict[str, str]:
    """Loaded verb lemma -> the neutral verb a summary uses ("massacre" -> "kill")."""
    return {row["lemma"]: row["says"] for row in _load("context.yaml")["neutral"]}


@functools.cache
def known_verbs() -> frozenset[str]:
    """Every verb lemma the lexicon names (triggers, light and loaded verbs)."""
    verbs = {v for kind in kinds() for v in kind.verbs}
    return frozenset(verbs | light_verbs() | set(neutral_verbs()))


def neutral_verb(lemma: str) -> str:
    """The verb a summary tells ``lemma`` with.

    >>> neutral_verb("massacre"), neutral_verb("arrest")
    ('kill', 'arrest')
    """
    return neutral_verbs().get(lemma.lower(), lemma.lower())


@functools.cache
def place_verbs() -> frozenset[str]:
    """Verbs that tell a move only when their object is a place ("left Iraq")."""
    return frozenset(_load("context.yaml")["place_object"]["lemmas"])


@functools.cache
def place_nouns() -> frozenset[str]:
    """Common nouns that name a place ("left the country")."""
    return frozenset(_load("context.yaml")["place_object"]["places"])


@functools.cache
def object_verbs() -> frozenset[str]:
    """Verbs that tell their kind only with a direct object ("succeeded the king")."""
    return frozenset(_load("context.yaml")["object_verbs"]["lemmas"])


@functools.cache
def decide_verbs() -> frozenset[str]:
    """Verbs whose clause names the choice made ("decided that X was the way")."""
    return frozenset(_load("context.yaml")["decide"]["lemmas"])


@functools.cache
def light_nouns() -> frozenset[str]:
    """Nouns that frame a happening without taking part ("a pretext", "news of")."""
    return frozenset(_load("context.yaml")["light_nouns"]["lemmas"])


def kind_of_lemma(lemma: str, *, noun: bool = False) -> Kind | None:
    """The first kind whose trigger verbs (or nouns) include ``lemma``."""
    lemma = lemma.lower()
    for kind in kinds():
        if lemma in (kind.nouns if noun else kind.verbs):
            return kind
    return None


@functools.cache
def _with_prep() -> dict[tuple[str, str], tuple[frozenset[str], str]]:
    return {
        (row["lemma"], row["prep"]): (frozenset(row.get("nouns", ())), row["kind"])
        for row in _load("context.yaml")["with_prep"]
    }


def prep_kind(verb: Token) -> Kind | None:
    """The kind a verb's prepositional phrase tells (``with_prep`` in
    ``context.yaml``): "removed from the list" is a delisting."""
    table = _with_prep()
    for child in verb.children:
        row = table.get((verb.lemma_, child.lower_))
        if row is None or child.dep_ not in ("prep", "prt"):
            continue
        nouns, kind = row
        objects = [g.lemma_.lower() for g in child.children if g.dep_ == "pobj"]
        if not nouns or any(o in nouns for o in objects):
            return kind_named(kind)
    return None


def kind_named(name: str) -> Kind | None:
    """The kind called ``name``."""
    return next((k for k in kinds() if k.kind == name), None)


def verb_kind(verb: Token) -> Kind | None:
    """The kind of a verb with its prepositional phrase ("removed from the list")
    or its particle ("take over", "crack down"), else of its lemma."""
    if (by_prep := prep_kind(verb)) is not None:
        return by_prep
    for particle in (c for c in verb.children if c.dep_ in ("prt", "advmod")):
        kind = kind_of_lemma(f"{verb.lemma_} {particle.lower_}")
        if kind is not None:
            return kind
    return kind_of_lemma(verb.lemma_)


def _office(verb: Token) -> Kind | None:
    """The appointment a verb of ``office`` in ``context.yaml`` tells when its
    complement (or its "as" object) is an office."""
    table = _load_office()
    if verb.lemma_ not in table["verbs"]:
        return None
    nouns = [c for c in verb.children if c.dep_ in ("attr", "oprd")]
    nouns += [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "as"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    for noun in nouns:
        words = [noun, *(c for c in noun.children if c.dep_ == "compound")]
        if any(w.lemma_.lower() in table["words"] or title_info(w.text) for w in words):
            return kind_of_lemma("appoint")
    return None


@functools.cache
def _load_office() -> dict[str, frozenset[str]]:
    row = _load("context.yaml")["office"]
    return {"verbs": frozenset(row["verbs"]), "words": frozenset(row["words"])}


def family(kind: Kind) -> str:
    return kind.family or kind.kind


_NOUN_DEPS = ("dobj", "attr", "nsubj", "nsubjpass", "pobj", "oprd", "appos")


def trigger_kind(token: Token, *, subject: bool = True) -> tuple[Kind | None, float]:
    """The kind a trigger word signals, and how strongly (1.0 own trigger, 0.9 object).

    A light verb ("staged", "held", "went") takes the kind of the noun it governs
    (its subject too unless ``subject`` is false: "Operation X began"), or of the verb
    it governs ("decided to revoke").
    """
    if token.pos_ in ("NOUN", "PROPN"):
        return kind_of_lemma(token.lemma_, noun=True), 1.0
    phrasal = verb_kind(token)
    if phrasal is not None and phrasal is not kind_of_lemma(token.lemma_):
        return phrasal, 1.0  # "took over", "cracked down"
    own = kind_of_lemma(token.lemma_)
    if own is not None and token.lemma_ in place_verbs():
        objects = [c for c in token.children if c.dep_ == "dobj"]
        if any(
            o.ent_type_ not in ("GPE", "LOC", "FAC") and o.lemma_ not in place_nouns()
            for o in objects
        ):
            own = None  # "the split left lasting bitterness"
    if token.lemma_ in object_verbs() and not any(
        c.dep_ == "dobj" for c in token.children
    ):
        own = None  # "succeeded in closing the port"
    if own is None and (office := _office(token)) is not None:
        return office, 0.9  # "became the mayor", "served as leader"
    if own is not None and token.lemma_ not in light_verbs():
        return own, 1.0
    if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
        kind = kind_of_lemma(token.head.lemma_, noun=True)
        if kind is not None:  # "a protest organized by the union"
            return kind, 0.9
    for verb in (c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"):
        kind = kind_of_lemma(verb.lemma_)  # "decided to revoke"
        if kind is not None and verb.lemma_ not in light_verbs():
            return kind, 0.9
    for noun in governed_nouns(token, subject=subject):
        named = [c for c in noun.children if c.dep_ in ("compound", "appos")]
        named += [g for c in named for g in c.children if g.dep_ == "compound"]
        named = [w for w in named if w.dep_ == "appos" or w.pos_ == "PROPN"]
        # a common noun before another only qualifies it: "exile groups"
        for word in (noun, *named):  # "the largest of these, Operation X"
            kind = kind_of_lemma(word.lemma_, noun=True)
            if kind is not None:
                return kind, 0.9
    return own, 0.8


def governed_nouns(verb: Token, *, subject: bool = True) -> Iterable[Token]:
    """The nouns a verb governs: objects and complements first, then the objects of
    its prepositions, then those of its infinitive complement; dates excluded."""
    children = [c for c in verb.children if c.ent_type_ not in ("DATE", "TIME")]
    for child in children:
        if child.dep_ in ("nsubj", "nsubjpass") and not subject:
            continue
        if child.dep_ in _NOUN_DEPS and (
            child.pos_ in ("NOUN", "PROPN")
            or (child.pos_ == "ADJ" and child.dep_ == "nsubj")  # "the largest, X"
        ):
            yield child
    for child in children:
        if child.dep_ in ("prep", "agent"):
            yield from (
                g
                for g in child.children
                if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")
            )
    for child in children:
        if child.dep_ == "xcomp":
            yield from governed_nouns(child, subject=subject)


def is_context(verb: Token) -> bool:
    """A stative main verb: the sentence describes a state, not a happening."""
    when = stative().get(verb.lemma_)
    if when == "passive":
        return any(c.dep_ == "auxpass" for c in verb.children)
    if when == "adjective":
        return any(c.dep_ == "acomp" for c in verb.children)
    if when == "present":  # an author's "reports", "describes": the work, no happening
        return verb.tag_ in ("VBZ", "VBP") and not any(
            c.dep_ == "aux" for c in verb.children
        )
    return when == "always"


def is_habitual(verb: Token) -> bool:
    """A pluperfect of repeated doing ("had continually raided each other"): the
    background a narrative sets, not one happening of its date."""
    adverbs = frozenset(_load("context.yaml")["habitual"]["adverbs"])
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children) and any(
        c.dep_ == "advmod" and c.lower_ in adverbs for c in verb.children
    )


def is_progressive(verb: Token) -> bool:
    """ "was nearing", "were struggling": a state in progress."""
    return verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children
    )


def stative_kind(verb: Token) -> tuple[Kind | None, float]:
    """A state verb still tells a happening when its complement is the beginning or
    end of one ("July 28 was the beginning of the massacre"), and a light verb in
    progress tells the happening it carries on ("was leading a boycott")."""
    if is_progressive(verb) and verb.lemma_ in light_verbs():
        for noun in (c for c in verb.children if c.dep_ == "dobj"):
            kind = kind_of_lemma(noun.lemma_, noun=True)
            if kind is not None and kind.strong:
                return kind, 0.8
    for noun in governed_nouns(verb):
        if noun.lemma_ not in _BOUNDARIES:
            continue
        for word in noun.subtree:
            kind = (
                kind_of_lemma(word.lemma_, noun=True)
                if word.pos_ in ("NOUN", "PROPN")
                else None
            )
            if kind is not None and kind.strong:
                return kind, 0.8
    return None, 0.0


_BOUNDARIES = frozenset({"beginning", "start", "outbreak", "onset", "end"})
