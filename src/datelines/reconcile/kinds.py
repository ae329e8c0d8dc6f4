"""reconcile stage: event kinds and what a sentence's words say about them.

Consumes ``data/kinds.yaml`` (kind groups with their trigger words, kinds whose agents
define the act, kinds that happen once) and event sentences; produces the kind group of
an event (read from its words when the extractor's kind is generic), every group its
sentence names, and the organizations it says were founded. Used by
:mod:`datelines.reconcile.align` and :mod:`datelines.reconcile.conflicts`.

>>> kind_group("massacre") == kind_group("execution") == "killing"
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from datelines.reconcile.similarity import Names, fold, stem


@lru_cache(maxsize=1)
def kind_table() -> dict[str, Any]:
    """The kinds data file, parsed."""
    text = resources.files("datelines.reconcile").joinpath("data/kinds.yaml")
    return yaml.safe_load(text.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _group_of() -> dict[str, str]:
    return {
        kind: name
        for name, group in kind_table()["groups"].items()
        for kind in group["kinds"]
    }


def kind_group(kind: str) -> str:
    """The group a kind belongs to (the kind itself when it has none).

    >>> kind_group("massacre"), kind_group("execution"), kind_group("picnic")
    ('killing', 'killing', 'picnic')
    """
    k = kind.lower().strip()
    return _group_of().get(k, k)


def is_once(kind: str) -> bool:
    return kind.lower() in kind_table()["once"]["kinds"]


def has_defining_agents(kind: str) -> bool:
    return kind.lower() in kind_table()["defining_agents"]["kinds"]


AGENT_TYPES = {"PERSON", "ORG"}  # who can found, sign or attack (not "Iranian", "Iran")
GENERIC_KINDS = {"event", "other", "unknown", "occurrence", ""}


@lru_cache(maxsize=1)
def _stem_groups() -> dict[str, str]:
    """Stemmed kind names -> group, to read a kind from the words of a sentence."""
    table = {stem(kind.split("_")[0]): group for kind, group in _group_of().items()}
    for name, group in kind_table()["groups"].items():
        for word in group.get("words", []):
            table.setdefault(stem(word.split()[0]), name)
    return table


def groups_in(quote: str) -> frozenset[str]:
    """Every kind group whose trigger words occur in a sentence.

    >>> sorted(groups_in("A month after the crackdown began, he founded the council."))
    ['founding', 'repression']
    """
    table = _stem_groups()
    return frozenset(g for w in fold(quote).split() if (g := table.get(stem(w))))


FOUNDED_ACTIVE = r"\b(?:found|founded|create|created|establish|established)\s+(?:\w+\s+){0,3}$"
FOUNDED_PASSIVE = (
    r"^\s*(?:\w+\s+){0,3}(?:was|were|been)\s+(?:\w+\s+)?"
    r"(?:founded|created|established|formed)\b"
)
FOUNDED_RELATIVE = (  # "the Council, which he and Ann Lee established"
    r"^\s*(?:which|that)\s+(?:\w+\s+){1,5}?(?:founded|created|established|formed)\b"
)


def founded_bodies(sentence: str, names: Names) -> frozenset[str]:
    """Organizations a sentence says were founded: "founded the Guild", "create the
    Mojahedin movement", "the Mojahedin, which had been founded".

    >>> from datelines.model import Entity
    >>> n = Names([Entity(id="org/g", name="Guild", type="ORG")])
    >>> sorted(founded_bodies("In 1890 they founded the Guild in Leeds.", n))
    ['org/g']
    >>> sorted(founded_bodies("The Guild, which had been founded in 1890, met.", n))
    ['org/g']
    >>> sorted(founded_bodies("He joined the Guild, which he and Ann established.", n))
    ['org/g']
    >>> sorted(founded_bodies("He formed an alliance with the Guild.", n))
    []
    """
    folded = fold(sentence)
    out = set()
    for key, spans in names.spans_in(folded).items():
        if names.types.get(key) != "ORG":
            continue
        for start, end in spans:
            after = folded[end:]
            if re.search(FOUNDED_ACTIVE, folded[:start]) or re.search(
                FOUNDED_PASSIVE, after
            ) or re.search(FOUNDED_RELATIVE, after):
                out.add(key)
    return frozenset(out)


def infer_group(kind: str, quote: str) -> str:
    """The kind group, read from the sentence when the kind is generic.

    >>> infer_group("event", "The executions began in July 1921.")
    'killing'
    >>> infer_group("protest", "Anything at all.")
    'protest'
    """
    if kind.lower().strip() not in GENERIC_KINDS:
        return kind_group(kind)
    table = _stem_groups()
    for word in fold(quote).split():
        group = table.get(stem(word))
        if group:
            return group
    return kind.lower().strip() or "event"


def names_a_kind(word: str) -> bool:
    """Whether a (folded) word names a kind of event: "protesters", "uprising", "ban".

    >>> names_a_kind("protesters"), names_a_kind("docks")
    (True, False)
    """
    return stem(word) in _stem_groups()
