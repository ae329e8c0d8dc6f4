"""Read the tense around a relative expression: past, future or unknown (news mode).

Stage: ``nlp.temporal``. Consumes the text, the span of an expression and its
sentence; produces -1 (past), -2 (a sure past), +1 (future) or 0 (unknown), which
:func:`~datelines.nlp.temporal.resolve.resolve_date` uses to pick the week of a bare
weekday and the year of a year-less month or season. Word lists, no parser: the cue
words are the ``tense`` table of ``data/lexicon.yaml``.

>>> text = "Talks will resume Tuesday."
>>> tense(text, 18, 25, (0, len(text)))
1
"""

from __future__ import annotations

import re

from datelines.nlp.temporal.lexicon import Lexicon, lexicon

__all__ = ["tense"]

_WORD = re.compile(r"[A-Za-z']+")
_QUOTE = re.compile(r"''|``|[\"“”]")
_NOT_BEFORE_TO = {"next", "due"}
_PASSIVE = {"be", "been", "being"}
_WAS = {"was", "were"}
_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "our", "this", "that"}
_NOT_FINITE = {"to", "not", "never", "did", "didn't"}


def tense(text: str, start: int, end: int, sent: tuple[int, int]) -> int:
    """-1 past, +1 future, 0 unknown: the nearest cue word in the sentence.

    -2 is a sure past, which no nearness to the document date outweighs: a past
    verb right before the expression, with no punctuation between ("the quarter
    ended Jan. 31"), or the first cue after a fronted expression, the verb of the
    clause it belongs to ("In January, the firm hired ...").

    An expression right after "since" is past ("on patrol since March"); a
    present-tense verb of a scheduled event just before it is a future ("meets
    Monday", "opens on Tuesday": the ``scheduled`` list). Otherwise the nearest cue
    decides, with these refinements: "next to" and "due to" are no future cues, "is
    to" / "are to" are ("is to resume trading Tuesday"); "set" is one only before
    "to" or "for"; "plan" or "deadline" after a determiner is a noun, no cue (the
    ``nouns`` list), while "the coming Sunday" is ahead; "until" is a future cue only after a verb of putting off
    ("postponed until Tuesday": the ``put_off`` list), so in "Until Thursday, they
    had not ..." the "had" decides, though with no cue at all "until Tuesday" is a
    deadline ahead; "was" / "were" before a future cue leave the tense to it ("were
    planning a march Saturday"); a participle after "be" leaves the tense to the
    auxiliary ("will be installed Tuesday"). Quotation marks bound the window: in
    '"We will win Tuesday," he said' the quote's "will" decides, not "said".

    >>> text = "Police said until Thursday they had not named a suspect."
    >>> tense(text, 18, 26, (0, len(text)))
    -1
    >>> text = "Until Thursday, they had not named a suspect."
    >>> tense(text, 6, 14, (0, len(text)))
    -2
    """
    lex = lexicon()
    if re.match(r"['’]s\b", text[end : end + 3]):
        return -1  # "Wednesday's ruling": news reports what has happened
    first, last = sent  # a quotation mark closes the window: the quote has its tense
    opened = [q.end() for q in _QUOTE.finditer(text, first, start)]
    first = opened[-1] if opened else first
    quote = _QUOTE.search(text, end, last)
    last = quote.start() if quote else last
    matches = list(_WORD.finditer(text, first, start))
    left = [w.group(0) for w in matches]
    tight = bool(matches) and not text[matches[-1].end() : start].strip()
    right = [w.group(0) for w in _WORD.finditer(text, end, last)]
    fronted = len(left) <= 1 and text[end : end + 1] == ","
    if left and left[-1].lower() == "since":
        return -1  # "on patrol since March": a start already past
    if _scheduled(left, lex):
        return 1
    for i in range(max(len(left), len(right))):
        for words, j in ((left, len(left) - 1 - i), (right, i)):
            if 0 <= j < len(words):
                cue = _cue(words, j, lex)
                if cue < 0 and i == 0 and words is left and tight:
                    return -2  # "the quarter ended Sept. 30": a sure past
                if cue < 0 and words is right and fronted:
                    return -2  # "In January, the firm hired": the main verb
                if cue:
                    return cue
    return 1 if left and left[-1].lower() in ("until", "till") else 0  # a deadline


def _scheduled(left: list[str], lex: Lexicon) -> bool:
    """A present-tense verb of a scheduled event just before: "meet (on) Monday"."""
    words = [w.lower() for w in left[-4:]]
    if words and words[-1] == "on":
        words.pop()
    if words and words[-1].endswith("ly"):
        words.pop()  # "meet separately Monday"
    if not words or words[-1] not in lex.scheduled_verbs:
        return False
    before = words[-2] if len(words) > 1 else ""
    return before not in _NOT_FINITE and before not in lex.past_cues


def _cue(words: list[str], j: int, lex: Lexicon) -> int:
    """The tense that ``words[j]`` signals in its place, 0 for none."""
    word = words[j].lower()
    before = words[j - 1].lower() if j else ""
    after = words[j + 1].lower() if j + 1 < len(words) else ""
    if after == "to" and word in _NOT_BEFORE_TO:
        return 0
    if word == "set" and after not in ("to", "for"):
        return 0  # "set aside", "set Friday as the deadline": no future
    if word in ("until", "till"):
        put_off = {w.lower() for w in words[max(0, j - 3) : j]} & lex.put_off
        return 1 if put_off else 0  # "adjourned the hearing until Monday"
    if word in lex.future_cues or word.endswith("'ll"):
        return 0 if before in _DETERMINERS and word in lex.cue_nouns else 1
    if word == "to" and before in ("is", "are"):
        return 1
    if word in _WAS and after and _cue(words, j + 1, lex) == 1:
        return 1  # "were planning", "was expected to": a future seen from the past
    participle = words[j].islower() and word.endswith("ed")  # not "United"
    if (participle or word in lex.past_cues) and before in _PASSIVE:
        return 0  # "will be held": the auxiliary tells the tense
    if word in lex.past_cues or (len(word) > 4 and participle):
        return -1
    return 0
