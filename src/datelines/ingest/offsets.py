"""ingest stage, bookkeeping: edit a text while keeping the way back to the original.

Every step of ingestion (character normalization, Markdown markup removal, paragraph
joining, caption splitting) rewrites text. A :class:`Mapped` text carries, for every
character, the index of the ``original`` character it came from, plus one end entry,
so any later span can be mapped back (``Document.offsets``).

>>> m = Mapped.of("a\\u00a0b")
>>> m = m.edit([(1, 2, " ")])
>>> m.text, m.offsets
('a b', (0, 1, 2, 3))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Edit = tuple[int, int, str]  # replace text[start:end] by the string


@dataclass(frozen=True)
class Mapped:
    """A text and, per character, its index in the original (``len(text) + 1`` entries)."""

    text: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, original: str, start: int = 0, end: int | None = None) -> Mapped:
        """The slice ``original[start:end]`` mapped onto itself.

        >>> Mapped.of("xyz", 1).offsets
        (1, 2, 3)
        """
        stop = len(original) if end is None else end
        return cls(original[start:stop], tuple(range(start, stop + 1)))

    def edit(self, edits: Iterable[Edit]) -> Mapped:
        """Apply non-overlapping edits (in any order) in one pass.

        A replacement character maps to the original character it replaces, position
        by position; extra inserted characters map to the next kept character.

        >>> Mapped.of("abcd").edit([(1, 3, ""), (4, 4, "!")]).text
        'ad!'
        >>> Mapped.of("ab").edit([(1, 1, "\\n")]).offsets
        (0, 1, 1, 2)
        """
        parts: list[str] = []
        offs: list[int] = []
        pos = 0
        for start, end, new in sorted(edits, key=lambda e: (e[0], e[1])):
            if start < pos:
                raise ValueError(f"overlapping edit at {start}")
            parts.append(self.text[pos:start])
            offs.extend(self.offsets[pos:start])
            parts.append(new)
            width = end - start
            offs.extend(
                self.offsets[start + i] if i < width else self.offsets[end]
                for i in range(len(new))
            )
            pos = end
        parts.append(self.text[pos:])
        offs.extend(self.offsets[pos:])
        return Mapped("".join(parts), tuple(offs))


class Builder:
    """Assemble a new text piece by piece from slices of a :class:`Mapped` source.

    >>> src = Mapped.of("ab")
    >>> b = Builder(src)
    >>> b.copy(0, 1); b.insert("\\n", at=1); b.copy(1, 2)
    >>> b.build().text
    'a\\nb'
    """

    def __init__(self, source: Mapped) -> None:
        self.source = source
        self._parts: list[str] = []
        self._offsets: list[int] = []
        self.pos = 0  # length of the text built so far

    def copy(self, start: int, end: int, *, joined: bool = False) -> None:
        """Append ``source.text[start:end]``; ``joined`` turns line breaks into spaces."""
        piece = self.source.text[start:end]
        if joined:
            piece = piece.replace("\n", " ")
        self._parts.append(piece)
        self._offsets.extend(self.source.offsets[start:end])
        self.pos += end - start

    def insert(self, piece: str, *, at: int) -> None:
        """Append characters that are not in the source; they map to ``source`` index ``at``."""
        self._parts.append(piece)
        self._offsets.extend([self.source.offsets[at]] * len(piece))
        self.pos += len(piece)

    def build(self) -> Mapped:
        """The assembled text, its end mapped to the end of the source."""
        return Mapped("".join(self._parts), (*self._offsets, self.source.offsets[-1]))


def spans_of(offsets: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """Map a text span to the original span holding the same characters.

    >>> spans_of((0, 2, 3, 4), 1, 3)
    (2, 4)
    """
    if end <= start:
        return offsets[start], offsets[start]
    return offsets[start], offsets[end - 1] + 1
