"""The extract stage's calls into its sibling stages, and the neutral summaries.

``extract`` needs a Document (ingest), time expressions and ISO bounds (temporal),
figures (figures) and attribution (claims); the adapters here call them with the
options the extract stage wants. :func:`document_from_text` builds a Document from a
string (tests, library users), and :func:`summary_of` writes the one-line summary of
an event in the tool's own words, never the source's sentence.

>>> bounds_of("1969-WI", None)
('1969-12-01', '1970-02-28')
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from datelines.ingest import read
from datelines.model import Attribution, Block, BlockKind, Document, Figure, Source
from datelines.nlp.claims import attribution
from datelines.nlp.figures import figures
from datelines.nlp.temporal import Timex, bounds, tag


def tag_dates(doc: Doc, *, dct: str | None) -> list[Timex]:
    """Time expressions of ``doc.text`` (the temporal stage), narrative mode, with the
    doc's own sentences and blocks."""
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    return list(
        tag(
            doc.text,
            dct=dct,
            mode="narrative",
            blocks=doc.user_data.get("blocks", ()),
            sentences=sentences,
        )
    )


def bounds_of(value: str, mod: str | None) -> tuple[str | None, str | None]:
    """The ISO interval a TIMEX3 value allows (the temporal stage's ``bounds``)."""
    return bounds(value, mod)


def figures_of(sent: Span) -> tuple[Figure, ...]:
    """The figures of one sentence (the figures stage)."""
    return tuple(figures(sent))


def attribution_of(sent: Span) -> Attribution:
    """Who asserts the sentence, and how firmly (the claims stage)."""
    return attribution(sent)


def summary_of(item: Any) -> str:
    """A neutral one-line summary in the tool's own words: kind, agent, patient, place.

    An event of no named kind is told by its trigger's dictionary form.

    >>> from types import SimpleNamespace as N
    >>> p = [N(name="Savak", role="agent"), N(name="MEK", role="patient")]
    >>> summary_of(N(kind=N(kind="arrest", says="arrest of"), participants=p, places=()))
    'Arrest of MEK by Savak'
    >>> generic = N(kind="event", says="event involving")
    >>> summary_of(N(kind=generic, trigger="expose", participants=p, places=("Paris",)))
    'Savak expose MEK in Paris'
    >>> summary_of(N(kind=N(kind="protest", says="protest by"), participants=p, places=()))
    'Protest by Savak against MEK'
    """
    agents = [p.name for p in item.participants if p.role == "agent"]
    patients = [p.name for p in item.participants if p.role == "patient"]
    others = [p.name for p in item.participants if p.role == "other"]
    says = item.kind.says
    if item.kind.kind == "event":
        words = [
            _join(agents),
            getattr(item, "trigger", "") or "event",
            _join(patients),
        ]
        text = " ".join(w for w in words if w)
        if others and not (agents or patients):
            text += f" involving {_join(others)}"
    elif says.endswith(" by") and agents:  # "protest by X against Y"
        text = f"{says} {_join(agents)}"
        if patients:
            text += f" against {_join(patients)}"
    elif patients and not says.endswith(" by"):
        text = f"{says} {_join(patients)}"
        if agents:
            text += f" by {_join(agents)}"
    elif agents or patients or others:
        text = f"{_head(says)} involving {_join(agents + patients + others)}"
    else:
        text = _head(says)
    if item.places:
        text += f" in {_join(list(item.places))}"
    return text[0].upper() + text[1:]


_LINKS = frozenset({"of", "on", "against", "by", "between", "in", "involving"})


def _head(says: str) -> str:
    """ "military operation against" -> "military operation"."""
    words = says.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in _LINKS else says


def _join(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def read_document(path: str | Path) -> Document:
    """Read a file into a Document (the ingest stage)."""
    return read(path)


def document_from_text(
    original: str, *, name: str = "text.txt", date: str | None = None
) -> Document:
    """A Document from plain text: YAML front matter skipped, one block per line
    (short lines without final punctuation are headings)."""
    digest = hashlib.sha256(original.encode("utf-8")).hexdigest()
    body = 0
    if original.startswith("---"):
        end = original.find("\n---", 3)
        if end > 0:
            body = end + 4
            meta = re.search(
                r"^date:\s*\"?(\d{4}(?:-\d{2}){0,2})\"?\s*$",
                original[:end],
                re.MULTILINE,
            )
            date = date or (meta.group(1) if meta else None)
    text = original[body:]
    blocks = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        if not line.strip():
            continue
        words = line.split()
        kind: BlockKind = (
            "heading"
            if len(words) <= 12 and line.rstrip()[-1] not in '.!?"”'
            else "paragraph"
        )
        blocks.append(Block(kind, m.start(), m.end()))
    source = Source(id=digest[:12], path=name, sha256=digest, date=date)
    offsets = tuple(range(body, len(original) + 1))
    return Document(source, original, text, offsets, tuple(blocks))
