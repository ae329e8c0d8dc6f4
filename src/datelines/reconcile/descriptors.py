"""reconcile stage: opposing descriptions of a happening (``data/descriptors.yaml``).

Consumes two sentences; produces the first opposition whose sides they take ("peaceful"
/ "armed uprising"), with the terms matched. A term counts only where it describes a
happening (near a word naming a kind of event) or, for oppositions that portray the
agents, in the phrase after "by". Used by
:func:`datelines.reconcile.conflicts.characterization_conflict`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from datelines.reconcile.kinds import names_a_kind
from datelines.reconcile.similarity import fold


@lru_cache(maxsize=1)
def oppositions() -> list[dict[str, Any]]:
    """The opposing descriptor sets of ``data/descriptors.yaml``."""
    text = resources.files("datelines.reconcile").joinpath("data/descriptors.yaml")
    data: dict[str, Any] = yaml.safe_load(text.read_text(encoding="utf-8"))
    return data["oppositions"]  # type: ignore[no-any-return]


@lru_cache(maxsize=256)
def _pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(fold(term))}\b")


NEAR_WORDS = 3  # a descriptor describes a happening named this many words away
AGENT_WORDS = 5  # ... or the agents, when "by" stands this many words before it


def _terms(text: str, terms: list[str], *, agents: bool = False) -> list[str]:
    """The terms of the list that describe a happening in ``text`` (``agents``: that
    describe who did it, in the phrase after "by": "founded by leftist students")."""
    folded = f" {fold(text)} "
    found = []
    for term in terms:
        for m in _pattern(term).finditer(folded):
            before = folded[: m.start()].split()[-NEAR_WORDS:]
            after = folded[m.end() :].split()[:NEAR_WORDS]
            if agents:
                if "by" in folded[: m.start()].split()[-AGENT_WORDS:]:
                    found.append(term)
                    break
                continue
            if any(names_a_kind(w) for w in (*before, *m.group(0).split(), *after)):
                found.append(term)
                break
    return found


def descriptor_clash(
    text_a: str, text_b: str, *, portraits: bool = True
) -> tuple[dict[str, Any], str, str] | None:
    """The first opposition whose sides the two texts take, with the matched terms
    (``portraits``: also those describing the agents).

    >>> clash = descriptor_clash("a peaceful march", "an armed uprising")
    >>> clash[0]["strength"], clash[1], clash[2]
    ('hard', 'peaceful', 'armed uprising')
    """
    for opp in oppositions():
        agents = opp.get("describes") == "agents"
        if agents and not portraits:
            continue
        for left, right in (("a", "b"), ("b", "a")):
            ta = _terms(text_a, opp[left], agents=agents)
            tb = _terms(text_b, opp[right], agents=agents)
            if ta and tb and not _terms(text_a, opp[right], agents=agents) and not _terms(
                text_b, opp[left], agents=agents
            ):
                return opp, ta[0], tb[0]
    return None
