"""reconcile stage: plain-text readers for statements -- infobox keys, lists, figures,
attribution cues, headings.

Consumes lines and sentences of a source's original text; produces the pieces
:mod:`datelines.reconcile.statements` builds statements from. The keys and cues are
data (``data/statements.yaml``); figures come from the figures stage run on a blank
English pipeline (spaCy is imported here, and only when a text is read).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from datelines.model import Figure
from datelines.reconcile.descriptors import oppositions
from datelines.reconcile.kinds import infer_group, names_a_kind
from datelines.reconcile.similarity import fold


@lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    """``data/statements.yaml``."""
    text = resources.files("datelines.reconcile").joinpath("data/statements.yaml")
    return yaml.safe_load(text.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def key_use(key: str) -> str | None:
    """What an infobox key gives: ``date``, ``agents``, ``places``, ``descriptions``.

    >>> key_use("Founded"), key_use("Founder(s)"), key_use("Death(s)")
    ('date', 'agents', None)
    """
    k = fold(key.replace("(s)", "s")).strip()
    box = table()["infobox"]
    if k in box["dates"]:
        return "date"
    for use in ("agents", "places", "descriptions"):
        if k in box[use]:
            return use
    return None


def split_list(value: str) -> list[str]:
    """The items of an infobox list value, notes in brackets left out.

    >>> split_list("Ada Brook, Tom Hale and Jo Lee (1902)")
    ['Ada Brook', 'Tom Hale', 'Jo Lee']
    """
    value = re.sub(r"\([^)]*\)", "", value)
    return [p.strip() for p in re.split(r",|;|\band\b", value) if p.strip()]


def attributed(text: str) -> bool:
    """Whether a statement reports someone else's estimate.

    >>> attributed("Observers put the number between 40 and 60."), attributed("Ten died.")
    (True, False)
    """
    folded = f" {fold(text)} "
    return any(f" {fold(cue)} " in folded for cue in table()["attribution_cues"])


@lru_cache(maxsize=1)
def _nlp() -> Any:
    import spacy

    return spacy.blank("en")


def read_figures(text: str) -> list[Figure]:
    """The figures a piece of plain text gives (the figures stage on a blank pipeline)."""
    from datelines.nlp.figures import figures

    found = list(figures(_nlp()(text)[:]))
    for m in re.finditer(r"\b(\d[\d,]*)\+(?!\w)", text):  # "1000+"
        found.append(Figure(value=float(m.group(1).replace(",", "")),
                            qualifier="at_least", text=m.group(0)))
    return found


def descriptive(text: str) -> bool:
    folded = f" {fold(text)} "
    return any(
        re.search(rf"\b{re.escape(fold(term))}\b", folded)
        for opp in oppositions() for side in ("a", "b") for term in opp[side]
    )


def counted(of: str) -> str | None:
    """What a figure counts, cut before the verb that follows it (plain text has no
    parse to stop at it).

    >>> counted("people attended the rally"), counted("political prisoners")
    ('people', 'political prisoners')
    """
    words = []
    for word in of.split():
        if re.fullmatch(r"[a-z]+(?:ed|ing)|the|a|an|to|by|in|at|on|were|was", word):
            break
        words.append(word)
    return " ".join(words) or None


def heading(line: str) -> bool:
    """A title or heading line (short, no closing punctuation), not a sentence.

    >>> heading("1901-1905: The Early Years"), heading("The fair opened in 1901.")
    (True, False)
    """
    return not re.search(r"[.!?\"\u201d')]\s*$", line) and len(line.split()) < 20


def first_word(sentence: str, group: str) -> int:
    for i, w in enumerate(fold(sentence).split()):
        if names_a_kind(w) and infer_group("event", w) == group:
            return i
    return 10**6


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n,;":
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
