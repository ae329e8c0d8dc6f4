"""Claims stage: who asserts an event, and whether the claim is hedged.

Consumes a spaCy ``Span`` (a sentence or clause) and produces an
:class:`~datelines.model.Attribution`: ``asserted_by`` is ``"source"`` when the document
states the event in its own voice, or the party it cites ("according to Amnesty
International", "Montazeri estimated ...", "the regime claimed ..."); ``hedged`` marks
claims the text distances itself from ("allegedly", "reportedly", "is said to"). The cue
words live in ``data/claims/cues.json`` with an example each. datelines never judges a
claim: this only records how the text presents it.

>>> import spacy
>>> a = attribution(spacy.blank("en")("According to the Red Cross, 400 people were hurt.")[:])
>>> (a.asserted_by, a.cue, a.hedged)
('the Red Cross', 'according to', False)
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.tokens import Span, Token

from datelines.model import Attribution

_SUBJECTS = ("nsubj",)  # a passive "is said to" hedges; it names no source
_CLAUSES = ("ccomp", "xcomp", "advcl")


@dataclass(frozen=True)
class _Verb:
    lemma: str
    needs_clause: bool
    hedge: bool
    needs_figure: bool = False


@dataclass(frozen=True)
class Cues:
    """The cue tables of ``data/claims/cues.json``."""

    sources: tuple[str, ...]
    verbs: dict[str, _Verb]
    hedges: tuple[str, ...]
    examples: tuple[tuple[str, str, bool], ...]


@functools.cache
def cues() -> Cues:
    """Load the cue tables once."""
    path = resources.files("datelines.nlp") / "data" / "claims" / "cues.json"
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    examples = [tuple(e["example"]) for key in ("sources", "verbs", "hedges") for e in data[key]]
    return Cues(
        sources=tuple(e["cue"] for e in data["sources"]),
        verbs={
            e["lemma"]: _Verb(
                e["lemma"], e["needs_clause"], e["hedge"], e.get("object_cue") == "figure"
            )
            for e in data["verbs"]
        },
        hedges=tuple(e["cue"] for e in data["hedges"]),
        examples=tuple(examples),
    )


@functools.cache
def _source_re() -> re.Pattern[str]:
    alt = "|".join(re.escape(c) for c in sorted(cues().sources, key=len, reverse=True))
    return re.compile(rf"\b(?P<cue>{alt})\s+(?P<who>[^,;:.()]+?)(?=\s*(?:[,;:.()]|$))", re.I)


@functools.cache
def _hedge_re() -> re.Pattern[str]:
    alt = "|".join(re.escape(c) for c in sorted(cues().hedges, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\b", re.I)


def _phrase(token: Token) -> str:
    """The text of a subject's noun phrase (its subtree, without trailing punctuation)."""
    words = [t for t in token.subtree if not t.is_punct or t.text in ("'", "'s")]
    if not words:
        return token.text
    doc = token.doc
    return doc.text[words[0].idx : words[-1].idx + len(words[-1].text)].strip()


def _after_semicolon(verb: Token) -> bool:
    """True when a clause the verb governs ends before a semicolon that precedes it."""
    doc = verb.doc
    for child in verb.children:
        if child.i < verb.i and child.dep_ in _CLAUSES:
            if any(doc[i].text in (";", ":") for i in range(child.i, verb.i)):
                return True
    return False


def _by_verb(span: Span) -> tuple[str, str, bool] | None:
    """A reporting verb with its subject: (subject, verb, hedge) or None."""
    table = cues().verbs
    for token in span:
        verb = table.get(token.lemma_.lower())
        if verb is None or token.pos_ not in ("VERB", "AUX"):
            continue
        if token.dep_ not in ("ROOT", "parataxis") or _after_semicolon(token):
            continue  # "... married; members say that ...": not the claim's own verb
        if verb.needs_figure and not any(
            t.like_num and t.lower_ != "one" for t in token.subtree if t.i > token.i
        ):
            continue
        subjects = [c for c in token.children if c.dep_ in _SUBJECTS]
        if not subjects or subjects[0].lower_ in ("it", "which", "that"):
            continue
        has_clause = any(c.dep_ in _CLAUSES for c in token.children) or any(
            c.lower_ == "that" and c.dep_ == "mark" for c in token.subtree
        )
        if verb.needs_clause and not has_clause:
            continue
        return _phrase(subjects[0]), token.text, verb.hedge
    return None


def _by_verb_plain(span: Span) -> tuple[str, str, bool] | None:
    """Without a parse: "<Subject> <verb>ed that ..." at the start of the span."""
    table = cues().verbs
    m = re.match(r"\s*(?P<who>[A-Z][\w'’ .-]{1,60}?)\s+(?P<verb>[a-z]+)\s+that\b", span.text)
    if not m:
        return None
    verb = m.group("verb")
    for lemma, entry in table.items():
        if verb.startswith(lemma[:-1] if lemma.endswith("e") else lemma):
            return m.group("who"), verb, entry.hedge
    return None


def attribution(span: Span) -> Attribution:
    """How ``span`` presents its claim: the asserting party, the cue, any hedge."""
    text = span.text
    hedge = _hedge_re().search(text)
    hedge_cue = hedge.group(0) if hedge else None
    cited = _source_re().search(text)
    if cited:
        return Attribution(
            asserted_by=cited.group("who").strip(),
            cue=cited.group("cue").lower(),
            hedged=hedge is not None,
            hedge_cue=hedge_cue,
        )
    parsed = span.doc.has_annotation("DEP")
    found = _by_verb(span) if parsed else _by_verb_plain(span)
    if found:
        who, verb, verb_hedge = found
        return Attribution(
            asserted_by=who,
            cue=verb,
            hedged=verb_hedge or hedge is not None,
            hedge_cue=hedge_cue or (verb if verb_hedge else None),
        )
    return Attribution(hedged=hedge is not None, hedge_cue=hedge_cue)
