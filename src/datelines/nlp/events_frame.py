"""The events stage's frames: who did what to whom, told in the tool's own words.

Consumes the trigger token of a detected event (a spaCy ``Token`` of a parsed ``Doc``
that the entities stage has annotated); produces its frame (agent, verb, patient, a
prepositional complement) and the neutral one-line summary built from it: the agent,
the trigger verb in the present tense, the patient ("Savak arrests MEK members",
"Iran accepts Security Council resolution"). Noun phrases are cut to their head, its
compounds and one ``of`` phrase, with names in the entities stage's canonical form;
pronouns and "the group" are resolved through the entities stage, and evaluative
words are left out: a verb the source chose to take a side ("massacred",
"butchered") is told by the neutral verb that ``data/events/context.yaml`` gives
(``neutral``). A trigger with no agent is told by its kind ("Arrest of MEK members").

>>> third_person("carry"), third_person("meet"), third_person("push"), third_person("be")
('carries', 'meets', 'pushes', 'is')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Span, Token

from datelines.nlp.entities import KEY, antecedent, canonical
from datelines.nlp.events_lexicon import (
    Kind,
    decide_verbs,
    governed_nouns,
    kind_of_lemma,
    known_verbs,
    light_nouns,
    light_verbs,
    neutral_verb,
    verb_kind,
)

_NAMES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_PREPS = ("against", "on", "with", "between", "to", "from", "into", "over", "as")
_MAX_WORDS = 14
_BOUNDARIES = frozenset({"beginning", "start", "outbreak", "onset", "end"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_LEAVING = frozenset({"leave", "flee", "escape", "evacuate"})
_ANAPHORS = frozenset({"group", "organization", "organisation", "movement"})
_DATES = frozenset({"DATE", "TIME"})


def third_person(lemma: str) -> str:
    """The third person singular present of a verb lemma."""
    irregular = {"be": "is", "have": "has", "do": "does", "go": "goes"}
    if lemma in irregular:
        return irregular[lemma]
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def lemma(verb: Token) -> str:
    """The verb's dictionary form, mended where the lemmatizer cut a final "e" that
    the lexicon knows ("staged" -> "stage", not "stag")."""
    known = known_verbs()
    if verb.lemma_ not in known and verb.lower_.endswith("ed"):
        if verb.lower_[:-1] in known:
            return verb.lower_[:-1]
    return verb.lemma_.lower()


def entity_of(token: Token) -> Span | None:
    """The entity mention ``token`` lies in, if any."""
    for ent in token.sent.ents if token.doc.has_annotation("SENT_START") else ():
        if ent.start <= token.i < ent.end and ent.label_ in _NAMES:
            return ent
    return None


def resolved(token: Token) -> tuple[str, str, str] | None:
    """``(name, type, id)`` of the entity a pronoun or "the group" refers to."""
    if token.pos_ not in ("PRON", "NOUN"):
        return None
    id_ = antecedent(token)
    if id_ is None:
        return None
    for row in token.doc.user_data.get(KEY, {}).get("entities", ()):
        if row["id"] == id_:
            return str(row["name"]), str(row["type"]), id_
    return None


def phrase(token: Token, *, depth: int = 0) -> str | None:
    """A short noun phrase for ``token`` in the tool's words: the canonical name of
    an entity; else the head with its compounds, numbers and named modifiers and
    one ``of`` phrase; conjuncts joined. None for an unresolved pronoun."""
    parts = [_one(token, depth=depth)]
    parts += [_one(c, depth=depth) for c in token.conjuncts if c.i > token.i][:3]
    words = [p for p in parts if p]
    return join(words) if words else None


def _one(token: Token, *, depth: int) -> str | None:
    ent = entity_of(token)
    if ent is not None and (ent.root.i == token.i or token.pos_ == "PROPN"):
        return canonical(ent)[0]
    if token.ent_type_ in _DATES or token.lemma_ in light_nouns():
        return None  # "a pretext", "news of the strike", "from the start"
    named = any(
        c.dep_ == "compound" or c.ent_type_ or (c.dep_ == "prep" and c.lower_ == "of")
        for c in token.children
    )
    if token.pos_ == "PRON" or (token.lemma_ in _ANAPHORS and not named):
        found = resolved(token)
        if found is not None:
            return found[0]
        return None if token.pos_ == "PRON" else token.text.lower()
    if token.pos_ not in ("NOUN", "PROPN", "NUM"):
        appos = [c for c in token.children if c.dep_ == "appos"]
        return phrase(appos[0], depth=depth) if appos else None  # "the largest, X"
    words: list[str] = []
    seen: set[int] = set()
    for child in token.lefts:
        ent = entity_of(child)
        if ent is not None:
            named = child.dep_ in ("compound", "amod", "poss", "nmod")
            if named and ent.start not in seen:
                seen.add(ent.start)
                words.append(canonical(ent)[0])
        elif child.ent_type_ in _DATES:
            continue
        elif child.dep_ == "nummod" and child.pos_ == "NUM":
            # the number with its qualifier: "between 2,800 and 5,000", "more than 30"
            words.append(child.doc[child.left_edge.i : child.right_edge.i + 1].text)
        elif child.dep_ in ("compound", "nummod") and child.pos_ in (
            "NOUN",
            "PROPN",
            "NUM",
        ):
            words.append(child.text if child.pos_ != "NOUN" else child.lower_)
    words.append(token.text if token.pos_ == "PROPN" else token.lower_)
    if depth == 0:
        event = kind_of_lemma(token.lemma_, noun=True) is not None
        for prep in token.children:
            if prep.dep_ == "prep" and (
                prep.lower_ == "of" or (event and prep.lower_ in _PREPS)
            ):
                objects = [
                    c
                    for c in prep.children
                    if c.dep_ == "pobj" and c.ent_type_ not in _DATES
                ]
                inner = phrase(objects[0], depth=1) if objects else None
                if inner:
                    words += [prep.lower_, inner]
                break
    return " ".join(words)


def join(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C" (duplicates dropped)."""
    names = list(dict.fromkeys(names))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _subject(verb: Token) -> Token | None:
    token = verb
    for _ in range(3):
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
                    return token.head  # "Mandela, who walked out"
                return child
        if token.dep_ == "relcl" or (token.dep_ == "acl" and token.tag_ == "VBG"):
            return token.head  # "changes beginning in 1989"
        if token.dep_ not in ("conj", "xcomp", "advcl") or token.head.i == token.i:
            return None
        token = token.head
    return None


def plural(token: Token) -> bool:
    """A plural noun phrase: a plural head or conjoined heads."""
    return token.tag_ in ("NNS", "NNPS") or any(
        c.dep_ == "conj" for c in token.children
    )


def passive(verb: Token) -> bool:
    """A passive verb, its conjunct ("were subjected ... and executed") or a passive
    participle ("a protest organized by", "Founded in 1912 by ...")."""
    if any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in verb.children):
        return True
    if verb.tag_ != "VBN" or any(c.dep_ == "aux" for c in verb.children):
        return False
    return verb.dep_ in ("acl", "advcl") or (verb.dep_ == "conj" and passive(verb.head))


def _agent(verb: Token) -> Token | None:
    if passive(verb):
        by = [g for c in verb.children if c.dep_ == "agent" for g in c.children]
        return by[0] if by else None
    return _subject(verb)


def _patient(verb: Token) -> Token | None:
    if passive(verb):
        own = any(c.dep_ == "nsubjpass" for c in verb.children)
        if verb.dep_ == "acl" and not own:  # "a pretext ...: forty were put to death"
            return verb.head
        return _subject(verb) if verb.dep_ != "advcl" else None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")]
    for conj in verb.children:  # "arrested and imprisoned 60 members"
        if (
            not objects
            and conj.dep_ == "conj"
            and kind_of_lemma(conj.lemma_) == kind_of_lemma(verb.lemma_)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children)
        ):
            objects = [c for c in conj.children if c.dep_ == "dobj"]
    return objects[0] if objects else None


def frame(verb: Token) -> tuple[str | None, str | None, str | None]:
    """``(agent, patient, complement)`` of a verb trigger, as short phrases."""
    doer, done = _agent(verb), _patient(verb)
    agent = phrase(doer) if doer is not None else None
    patient = phrase(done) if done is not None else None
    complement = None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _PREPS:
            objects = [
                c
                for c in child.children
                if c.dep_ == "pobj" and c.ent_type_ not in _DATES
            ]
            if objects and (inner := phrase(objects[0])):
                complement = f"{child.lower_} {inner}"
                break
    return agent, patient, complement


def summarize(
    anchor: Token,
    kind: Kind,
    *,
    places: Iterable[str] = (),
    fallback: str = "",
    when: tuple[int, int] | None = None,
) -> str:
    """The one-line summary of the event ``anchor`` triggers; ``fallback`` (the
    kind's own wording) when the parse names nobody. ``when`` is the span of the
    event's date: a happening named by a noun that holds its date ("until her
    death in 1950") is told by that noun, not by the verb above it."""
    text = ""
    generic = kind.kind == "event"
    if lemma(anchor) in light_verbs():  # "decided to revoke": told by "revoke"
        for child in anchor.children:
            if child.dep_ == "xcomp" and kind_of_lemma(child.lemma_) == kind:
                anchor = child
                break
    elif anchor.pos_ == "VERB" and not generic and verb_kind(anchor) != kind:
        for noun in governed_nouns(anchor):  # "kept the post until her death"
            holds = when is not None and noun.left_edge.idx <= when[0] < (
                noun.right_edge.idx + len(noun.right_edge)
            )
            if holds and kind_of_lemma(noun.lemma_, noun=True) == kind:
                anchor = noun
                break
    if anchor.pos_ in ("VERB", "AUX"):
        agent, patient, complement = frame(anchor)
        doer, done = _agent(anchor), _patient(anchor)
        particle = [  # "pulled out"; "fell back" with "back" read as an adverb
            c.lower_
            for c in anchor.children
            if c.dep_ == "prt" or f"{anchor.lemma_} {c.lower_}" in known_verbs()
        ]
        verb = neutral_verb(lemma(anchor))
        many = doer is not None and plural(doer)
        said = " ".join([verb if many else third_person(verb), *particle])
        named = done is not None and kind_of_lemma(done.lemma_, noun=True) is not None
        if patient is not None and patient == agent:
            patient = None  # "the EU removed the group from its list"
        if (
            not generic
            and done is not None
            and not named
            and not done.ent_type_
            and lemma(anchor) in light_verbs()
            and not passive(anchor)  # "prisoners were put to death" keeps them
            and verb_kind(anchor) != kind  # not "brought down the regime"
        ):
            patient = None  # "took place", "set the stage"
            if agent and any(
                kind_of_lemma(w, noun=True) == kind for w in agent.lower().split()
            ):
                text = agent  # "Operation X took place"
            elif agent:
                text = f"{_head(kind.says)} by {agent}"
        if done is not None and done.lemma_ in _BOUNDARIES and not generic:
            text = f"{done.lower_} of {_head(kind.says)}"  # "was the beginning of"
            patient = agent = None
        if not agent and patient and done is not None and done.ent_type_ in _PLACES:
            if lemma(anchor) in _LEAVING:  # "left Iraq": a place, not a patient
                complement, patient = complement or f"from {patient}", None
        if not text and not patient and not complement and agent:
            topic = _decided(anchor)  # "decided that armed struggle was the way"
            complement = f"on {topic}" if topic else None
        if text:
            pass
        elif agent and not passive(anchor) and (patient or complement or not generic):
            text = " ".join(w for w in (agent, said, patient, complement) if w)
        elif agent and patient and not generic:
            text = " ".join(w for w in (agent, said, patient, complement) if w)
        elif patient and named:  # "1960 saw the Sharpeville massacre"
            text = patient
        elif patient and not generic:
            text = f"{_head(kind.says)} of {patient}"
            text += f" by {agent}" if agent else ""
        elif agent and not generic:
            text = f"{_head(kind.says)} by {agent}"
        elif complement and not generic:
            text = f"{_head(kind.says)} {complement}"
        elif patient:
            text = " ".join(w for w in (patient, anchor.lower_, complement) if w)
        elif agent:
            text = f"{agent} {said}"
    elif kind_of_lemma(anchor.lemma_, noun=True) is not None:
        told = _one(anchor, depth=0)
        owner = next((c for c in anchor.children if c.dep_ == "poss"), None)
        name = _one(owner, depth=1) if owner is not None else None
        if name and owner is not None:  # "the Shah's purge", "his death"
            link = "of" if kind.owner == "patient" else "by"
            text = f"{_head(kind.says)} {link} {name}"
        elif told and " of " in told:  # "the invasion of Iraq": its target
            link = kind.says.split()[-1]
            link = link if link in ("against", "on") else "of"
            text = f"{_head(kind.says)} {link} {told[told.index(' of ') + 4 :]}"
        elif told and len(told.split()) > 1:
            text = told
        elif told and (whom := _came_to(anchor)):  # "the system came to an end"
            text = f"{_head(kind.says)} of {whom}"
        elif told:  # "the revolution of February 1979": the source's own noun
            whom = _defined_as(anchor)
            text = f"{told} of {whom}" if whom else _by_whom(anchor, told)
    text = text or fallback
    if not text:
        return ""
    for place in places:
        if place not in text and len(text.split()) < _MAX_WORDS:
            text += f" in {place}"
            break
    return text[:1].upper() + text[1:]


def _defined_as(noun: Token) -> str | None:
    """What a copula defines a bare happening as: "The 1988 executions were a wave
    of killings of political prisoners" -> "political prisoners"."""
    if noun.dep_ != "nsubj" or noun.head.lemma_ != "be":
        return None
    token, whom = next((c for c in noun.head.children if c.dep_ == "attr"), None), None
    while token is not None:
        ofs = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
        token = next((c for c in ofs[0].children if c.dep_ == "pobj"), None) if ofs else None
        whom = token if token is not None and token.ent_type_ not in _DATES else whom
    return phrase(whom, depth=1) if whom is not None else None


def _came_to(noun: Token) -> str | None:
    """Whose happening a light verb's phrase tells: "the guild came to an end"."""
    verb = noun.head.head
    subject = _subject(verb) if lemma(verb) in light_verbs() else None
    return phrase(subject) if subject is not None and noun.dep_ == "pobj" else None


def _by_whom(noun: Token, told: str) -> str:
    """A bare happening told with the verb that takes it and that verb's named
    subject: "The MEK backed the revolution of 1979" -> "MEK backs revolution"."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB" or verb.lemma_ in light_verbs():
        return told
    subject = _subject(verb)
    if subject is None or not subject.ent_type_ or not (agent := phrase(subject)):
        return told
    said = neutral_verb(lemma(verb))
    return f"{agent} {said if plural(subject) else third_person(said)} {told}"


def _decided(verb: Token) -> str | None:
    """The choice a verb of ``decide`` in ``context.yaml`` tells by a clause: "had
    decided that armed struggle was the only way" -> "armed struggle"."""
    if lemma(verb) not in decide_verbs():
        return None
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    subject = next((c for c in clauses[0].children if c.dep_ == "nsubj"), None) if clauses else None
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    words = [c.lower_ for c in subject.lefts if c.dep_ in ("amod", "compound")]
    return " ".join([*words, subject.lower_])


_LINKS = frozenset({"of", "on", "against", "by", "between", "in", "involving"})


def _head(says: str) -> str:
    """ "military operation against" -> "military operation"."""
    words = says.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in _LINKS else says
