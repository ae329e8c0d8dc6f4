"""Hand-made documents and extractions (our own words) for store, export, render tests.

They stand in for ``ingest.read`` and ``extract.extract`` so these tests do not need
spaCy. Texts are invented; no sentence comes from ../shared.
"""

from __future__ import annotations

import hashlib
import re

from datelines.model import (
    Attribution,
    Block,
    DateClaim,
    Document,
    Entity,
    Era,
    Event,
    Evidence,
    Extraction,
    Figure,
    Mention,
    Participant,
    Source,
)

RIVER_TEXT = """The River Guild

Early years

In the spring of 1921 the ferrymen of Oldport founded the River Guild.

On 3 March 1923 more than 400 members marched to the harbour office.

According to the Harbour Gazette, the strike reportedly ended in the late 1920s.
"""

RIVER_EVENTS = (
    # quote, value, start, end, kind, date words
    (
        "In the spring of 1921 the ferrymen of Oldport founded the River Guild.",
        "1921-SP",
        "1921-03-01",
        "1921-05-31",
        "found",
        "the spring of 1921",
    ),
    (
        "On 3 March 1923 more than 400 members marched to the harbour office.",
        "1923-03-03",
        "1923-03-03",
        "1923-03-03",
        "protest",
        "3 March 1923",
    ),
    (
        "According to the Harbour Gazette, the strike reportedly ended in the late 1920s.",
        "192",
        "1926-01-01",
        "1929-12-31",
        "end",
        "the late 1920s",
    ),
)


def make_document(
    text: str = RIVER_TEXT,
    *,
    path: str = "river.txt",
    title: str | None = "The River Guild",
    date: str | None = "1990",
) -> Document:
    """A plain-text document whose blocks are its blank-line separated paragraphs."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    source = Source(
        id=sha[:12],
        path=path,
        sha256=sha,
        title=title,
        date=date,
        publisher="Oldport Press",
    )
    blocks = []
    for n, match in enumerate(re.finditer(r"[^\n]+", text)):
        kind = "title" if n == 0 else ("heading" if n == 1 else "paragraph")
        blocks.append(Block(kind=kind, start=match.start(), end=match.end()))
    return Document(
        source=source,
        original=text,
        text=text,
        offsets=tuple(range(len(text) + 1)),
        blocks=tuple(blocks),
    )


def make_event(
    document: Document,
    quote: str,
    value: str,
    start: str,
    end: str,
    kind: str = "other",
    words: str = "",
    *,
    n: int = 0,
) -> Event:
    """An event whose evidence is ``quote`` found in the document's text."""
    at = document.original.index(quote)
    date_at = document.original.index(words, at) if words else at
    paragraph = (at, at + len(quote))
    hedged = "reportedly" in quote
    cited = "Harbour Gazette" if "According to" in quote else "source"
    return Event(
        id=f"{document.source.id}-e{n}",
        source=document.source.id,
        date=DateClaim(
            value=value,
            text=words,
            start=start,
            end=end,
            mod="LATE" if "late" in words else None,
            span=(date_at, date_at + len(words)) if words else None,
        ),
        kind=kind,
        summary=quote.split(" the ", 1)[-1][:60],
        evidence=Evidence(
            quote=quote, start=at, end=at + len(quote), paragraph=paragraph
        ),
        participants=(
            Participant(
                name="River Guild", type="ORG", role="agent", entity="ent-guild"
            ),
        ),
        places=("Oldport",) if "Oldport" in quote else (),
        figures=(
            Figure(
                value=400, qualifier="more_than", text="more than 400", of="members"
            ),
        )
        if "400" in quote
        else (),
        attribution=Attribution(
            asserted_by=cited,
            cue="according to" if cited != "source" else None,
            hedged=hedged,
            hedge_cue="reportedly" if hedged else None,
        ),
        cameo="14" if kind == "protest" else None,
        confidence=0.9 - 0.2 * n,
    )


def make_extraction(
    document: Document, events: tuple[tuple[str, ...], ...] = RIVER_EVENTS
) -> Extraction:
    """Events, one era and one entity for a document made by :func:`make_document`."""
    made = tuple(
        make_event(document, *spec, n=n)
        for n, spec in enumerate(events)
        if spec[0] in document.original
    )
    heading = "Early years"
    eras: tuple[Era, ...] = ()
    if heading in document.original:
        at = document.original.index(heading)
        eras = (
            Era(
                id=f"{document.source.id}-era0",
                source=document.source.id,
                label=heading,
                date=DateClaim(
                    value="192",
                    text="1920s",
                    start="1920-01-01",
                    end="1929-12-31",
                    anchor="heading",
                ),
                evidence=Evidence(quote=heading, start=at, end=at + len(heading)),
            ),
        )
    mentions = tuple(
        Mention(source=document.source.id, start=m.start(), end=m.end(), text=m.group())
        for m in re.finditer("River Guild", document.original)
    )
    entity = Entity(
        id="ent-guild",
        name="River Guild",
        type="ORG",
        aliases=("the Guild",),
        mentions=mentions,
    )
    return Extraction(
        source=document.source, events=made, eras=eras, entities=(entity,)
    )


def test_factories_pin_quotes_exactly() -> None:
    document = make_document()
    extraction = make_extraction(document)
    assert len(extraction.events) == 3
    for event in extraction.events:
        assert (
            document.original[event.evidence.start : event.evidence.end]
            == event.evidence.quote
        )
        span = event.date.span
        assert (
            span is not None and document.original[span[0] : span[1]] == event.date.text
        )
