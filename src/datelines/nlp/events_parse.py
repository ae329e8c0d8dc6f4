"""The events stage's reading of the dependency parse.

Where a date attaches (:func:`find_anchor`), whether it reaches its event through
another happening ("prior to the June 20th demonstration": :func:`relation_of`), the
clause that states an event (:func:`clause_span`), the main verbs of a sentence and
whether they state a past fact, and who takes part in what role. Consumes spaCy
``Span``/``Token`` objects; knows nothing of the model dataclasses but
:class:`~datelines.model.Participant`.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from datelines.model import Participant, Role
from datelines.nlp.entities import canonical
from datelines.nlp.events_frame import resolved
from datelines.nlp.events_lexicon import (
    is_context,
    is_progressive,
    kind_of_lemma,
)
from datelines.nlp.temporal import Timex

_ENTITY_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "NORP": "NORP",
    "LOC": "LOC",
    "FAC": "LOC",
}


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
            if skipped is not None and token.lower_ == "following":
                continue  # "Following the 1979 Revolution, ..." is a preposition
            if skipped is not None and (is_context(token) or is_progressive(token)):
                return skipped  # "was the only survivor after the purge in 1975"
            return token
        if token.pos_ in ("NOUN", "PROPN") and relation_word(token) is not None:
            if kind_of_lemma(token.lemma_, noun=True):  # another happening's date
                skipped = skipped or token
            continue
        if token.ent_type_ in ("DATE", "TIME"):
            continue  # "throughout the fall and winter": a season, no fall
        if token.pos_ in ("NOUN", "PROPN") and kind_of_lemma(token.lemma_, noun=True):
            return token
    return token


_RELATIONS = {
    "prior": "BEFORE",
    "before": "BEFORE",
    "until": "BEFORE",
    "after": "AFTER",
    "following": "AFTER",
    "since": "AFTER",
}


def relation_word(noun: Token) -> str | None:
    """BEFORE/AFTER when ``noun`` is the object of "prior to", "after", "following"."""
    if noun.dep_ not in ("pobj", "dobj"):  # "following" may be parsed as a verb
        return None
    if noun.dep_ == "dobj" and noun.head.lower_ != "following":
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
        if token.i == anchor.i:
            break  # the happening in the relation is dated by its own words
        if token.pos_ == "VERB" and (rel := _clause_mark(token)):
            return rel  # "After the congress passed the act in 1986, firms withdrew"
        if token.pos_ in ("NOUN", "PROPN", "VERB") and (rel := relation_word(token)):
            return rel
    return None


def _clause_mark(verb: Token) -> str | None:
    marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
    return {"after": "AFTER", "once": "AFTER", "before": "BEFORE"}.get(
        marks[0] if marks else ""
    )


def dated_elsewhere(verb: Token) -> bool:
    """The sentence places itself before another happening ("prior to its
    relocation"): the narrative's current date is not its date."""
    for child in verb.children:
        if (
            child.dep_ in ("prep", "advcl", "advmod")
            and _RELATIONS.get(child.lower_) == "BEFORE"
        ):
            return True
    return False


def hypothetical(anchor: Token) -> bool:
    """Under a modal or a condition ("could withdraw", "if Syria agreed"). A past
    narrative's "would" with a date of its own and no condition is its future, not a
    hypothesis ("The operation would occur on 26 July 1988")."""
    token = anchor
    sent = anchor.sent
    conditional = any(t.lower_ in ("if", "unless") for t in sent) or any(
        t.lemma_ in _REPORTING and t.i < anchor.i for t in sent
    )
    for _ in range(4):
        for c in token.children:
            if c.dep_ == "mark" and c.lower_ == "if":
                return True
            if c.tag_ == "MD" and (c.lower_ not in ("would", "'d") or conditional):
                return True
        if token.dep_ in ("ROOT", "relcl") or token.head.i == token.i:
            return False
        token = token.head
    return False


_REPORTING = frozenset(
    {
        "say",
        "indicate",
        "promise",
        "pledge",
        "announce",
        "state",
        "hope",
        "expect",
        "plan",
        "propose",
        "offer",
        "threaten",
    }
)


def main_verbs(sent: Span) -> list[Token]:
    """The verbs that carry the sentence's statements: the root and its conjuncts,
    and the finite verbs a misparse hung below a noun or a later clause."""
    verbs = []
    for token in sent:
        if token.pos_ != "VERB":
            continue
        dep, head = token.dep_, token.head
        if (
            dep == "ROOT"
            or (dep == "conj" and head in verbs)
            or (
                dep == "acl"
                and head.dep_ == "ROOT"
                and head.pos_ != "VERB"
                and token.tag_ == "VBD"
            )
            or (
                dep == "ccomp"
                and head.dep_ == "ROOT"
                and token.i < head.i
                and token.tag_ == "VBD"
                and not any(c.dep_ == "mark" for c in token.children)
            )
        ):
            verbs.append(token)
    return verbs


def past_fact(verb: Token, *, perfect: bool = False) -> bool:
    """A simple past, affirmative statement ("arrested", "were released"); not a
    pluperfect ("had been sentenced"), not modal, not negated. With ``perfect`` a
    present perfect counts too ("has decided", in a note dated that day)."""
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lemma_ == "will" for a in auxes):
        return False
    if any(a.lemma_ == "have" for a in auxes):
        return perfect and any(
            a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in auxes
        )
    return verb.tag_ == "VBD" or (
        verb.tag_ == "VBN"
        and any(a.dep_ == "auxpass" and a.tag_ == "VBD" for a in auxes)
    )


def names_a_thing(sent: Span, timex: Timex) -> bool:
    """A date that names a thing, not when something happened ("the 1923 border",
    "the June 4, 1967 line"): it modifies a noun that is no event and no reference
    point ("prior to the May 3 festival")."""
    span = sent.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return False
    root, head = span.root, span.root.head
    return (
        root.dep_ in ("compound", "nmod", "amod", "nummod")
        and head.i != root.i
        and head.pos_ in ("NOUN", "PROPN")
        and not head.i < span.start
        and kind_of_lemma(head.lemma_, noun=True) is None
        and relation_word(head) is None
    )  # "prior to the May 3 festival" dates


def counted(sent: Span, timex: Timex) -> bool:
    """A bare number the tagger read as a year but the sentence counts with ("at
    least 16 were killed and 1000 arrested"): the subject or object of a verb that
    the parser's entity recognizer calls a cardinal."""
    span = sent.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None or not span.text.isdigit():
        return False
    root = span.root
    return root.ent_type_ == "CARDINAL" and root.dep_ in ("nsubj", "nsubjpass", "dobj")


def clause_span(sent: Span, anchor: Token, anchors: Sequence[Token]) -> tuple[int, int]:
    """The evidence for one trigger: the whole sentence when it is the only event,
    else its clause (its subtree less the clauses of the sentence's other events)."""
    others = [a for a in anchors if a.i != anchor.i]
    if not others:
        return sent.start_char, sent.end_char
    if (
        anchor.pos_ in ("VERB", "AUX")
        and anchor.dep_ in ("ROOT",)
        or anchor == sent.root
    ):
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


def participants_of(
    sent: Span,
    anchor: Token,
    start: int,
    end: int,
) -> tuple[Participant, ...]:
    """People, organizations and countries in the clause, with their role; the
    name, type and id are the entities stage's canonical ones. A pronoun or "the
    group" that is the trigger's subject or object counts as the entity it refers
    to (the entities stage's ``antecedent``)."""
    out: dict[str, Participant] = {}
    for ent in sent.ents:
        if not (start <= ent.start_char < end) or ent.label_ not in _ENTITY_TYPES:
            continue
        if ent.label_ in ("GPE", "LOC", "FAC") and _is_place(ent):
            continue
        if ent.label_ == "NORP" and ent.root.pos_ == "ADJ":
            continue  # "Iranian political prisoners": a description, not a party
        name, kind, entity = canonical(ent)
        role = "other" if _describes(ent) else _role(ent.root, anchor)
        if name not in out or out[name].role == "other":
            out[name] = Participant(
                name, _ENTITY_TYPES.get(kind, "OTHER"), role, entity, ent.text
            )
    for token in _arguments(anchor):
        if not (start <= token.idx < end) or token.ent_type_:
            continue
        found = resolved(token)
        if found is not None and found[0] not in out:
            name, kind, entity = found
            out[name] = Participant(
                name,
                _ENTITY_TYPES.get(kind, "OTHER"),
                _role(token, anchor),
                entity,
                token.text,
            )
    return tuple(out.values())


def _arguments(anchor: Token) -> list[Token]:
    """The trigger's subject, object, possessor and agent words."""
    out = []
    for child in anchor.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "poss"):
            out.append(child)
        elif child.dep_ == "agent":
            out += [g for g in child.children if g.dep_ == "pobj"]
    return out


def _describes(ent: Span) -> bool:
    """A name that only qualifies another name ("Ayatollah Khomeini of Iran",
    "South Africa's Nationalist Party")."""
    head = ent.root.head
    if ent.root.dep_ == "poss":
        return head.ent_type_ in ("PERSON", "ORG") and head.pos_ == "PROPN"
    return (
        ent.root.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.ent_type_ in ("PERSON", "ORG")
        and head.head.pos_ == "PROPN"
    )


def places_of(sent: Span, start: int, end: int) -> tuple[str, ...]:
    """Places the clause locates the event in ("in Paris", "at the White House")."""
    places = [
        _clean(e.text)
        for e in sent.ents
        if start <= e.start_char < end
        and e.label_ in ("GPE", "LOC", "FAC")
        and _is_place(e)
    ]
    return tuple(dict.fromkeys(places))


def _is_place(ent: Span) -> bool:
    """A place the event happens in or moves from/to: the object of a place
    preposition, or of a verb of leaving ("fled Iran", "left France")."""
    root = ent.root
    while (
        root.dep_ in ("conj", "appos") and root.head.i != root.i
    ):  # "in Tarn, Vell and Lisk"
        root = root.head
    head = root.head
    if root.dep_ == "dobj" and head.lemma_ in _LEAVING:
        return True
    return root.dep_ == "pobj" and head.lower_ in (
        "in",
        "at",
        "from",
        "to",
        "near",
        "across",
        "throughout",
        "into",
    )


_LEAVING = frozenset({"flee", "leave", "escape", "evacuate", "enter", "reach"})


def _role(token: Token, anchor: Token) -> Role:
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in anchor.children)
    while token.head.i != token.i and token.head.i != anchor.i:
        if token.dep_ == "agent" or token.head.dep_ == "agent":
            return "agent"
        token = token.head
    if token.head.i != anchor.i:
        return "other"
    if token.dep_ == "nsubj":
        return "agent"
    if token.dep_ == "agent" or (
        token.dep_ == "prep" and token.lower_ == "by" and passive
    ):
        return "agent"
    if token.dep_ in ("dobj", "nsubjpass", "poss"):
        return "patient"
    return "other"


def _clean(text: str) -> str:
    text = " ".join(text.split())
    for article in ("the ", "The "):
        if text.startswith(article):
            text = text[len(article) :]
    return text.removesuffix("’s").removesuffix("'s")
