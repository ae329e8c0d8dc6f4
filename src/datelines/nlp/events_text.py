"""The events stage's view of the text: sentences, blocks, lines that tell nothing.

Consumes a parsed ``Doc`` whose ``user_data["blocks"]`` holds the ingested blocks;
produces the sentences the events stage reads (a parser split without final
punctuation joined back; an image caption glued before a sentence cut off), the kind
and index of the block at an offset, and whether a block is an infobox line
("Founded: 5 September 1965"), which states a fact but tells no happening.

>>> bool(_FIELD.match("Banned: 1981 (in Iran)")), bool(_FIELD.match("In 1981 it was banned."))
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from spacy.tokens import Doc, Span

_FINAL = frozenset({".", "!", "?", "”", '"', ":", ";", "’", "'"})


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, with a parser split that left no final punctuation joined
    back to what follows it in the same block."""
    blocks = doc.user_data.get("blocks", ())
    out: list[Span] = []
    for sent in doc.sents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev[-1].text not in _FINAL
            and block_index(blocks, prev.start_char)
            == block_index(blocks, sent.start_char)
            and block_kind(blocks, sent.start_char) == "paragraph"
            and "\n" not in doc.text[prev.end_char - 1 : sent.start_char]
        ):
            out[-1] = doc[prev.start : sent.end]
        else:
            out.append(sent)
    return [_uncaptioned(sent) for sent in out]


_OPENERS = frozenset({"in", "on", "by", "during", "after", "since", "from", "at"})


def _uncaptioned(sent: Span) -> Span:
    """The sentence without an image caption glued before it ("... Conference-July
    2019 In 2016, an effort ..."): a capitalized opener inside the sentence, after a
    word with no punctuation, followed by a date, starts the real sentence."""
    for token in sent[1:]:
        before = sent.doc[token.i - 1]
        after = sent.doc[token.i + 1] if token.i + 1 < len(sent.doc) else None
        if (
            token.is_title
            and token.lower_ in _OPENERS
            and not before.is_punct
            and after is not None
            and after.ent_type_ == "DATE"
            and token.i + 1 < sent.end
        ):
            return sent.doc[token.i : sent.end]
    return sent


def block_kind(blocks: Iterable[Any], offset: int) -> str:
    for block in blocks:
        if block.start <= offset < block.end:
            return str(block.kind)
    return "paragraph"


_FIELD = re.compile(r"^[A-Z][\w'’().\-/ ]{0,40}:\s+\S")


def is_field(doc: Doc, blocks: Sequence[Any], offset: int) -> bool:
    """A line of an infobox or a data sheet ("Founded: 5 September 1965",
    "Banned: 1981 (in Iran)"): a short label, a colon, a value and no sentence end.
    It states a fact about the subject but tells no happening in the narrative."""
    i = block_index(blocks, offset)
    if i < 0:
        return False
    line = doc.text[blocks[i].start : blocks[i].end].strip()
    return (
        bool(_FIELD.match(line))
        and "\n" not in line
        and len(line.split()) <= 16
        and line[-1] not in ".!?"
    )


_SPEECH = re.compile(
    r"\b(?:said|says|stated|states|posted|posts|wrote|writes|tweeted|declared|"
    r"announced|added|reads?|quoted)\b[^.!?]*:\s*$",
    re.IGNORECASE,
)


def is_quoted(doc: Doc, blocks: Sequence[Any], offset: int) -> bool:
    """A paragraph that a speech verb ending in a colon introduces ("She posted the
    following on her page:"): someone's words quoted at length, not the narrative.

    >>> bool(_SPEECH.search("He also posted:")), bool(_SPEECH.search("A list follows:"))
    (True, False)
    """
    i = block_index(blocks, offset)
    if i <= 0:
        return False
    before = doc.text[blocks[i - 1].start : blocks[i - 1].end].strip()
    return bool(_SPEECH.search(before))


def block_index(blocks: Sequence[Any], offset: int) -> int:
    for i, block in enumerate(blocks):
        if block.start <= offset < block.end:
            return i
    return -1
