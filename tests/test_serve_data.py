"""Hand-made stores for the viewer and review tests (our own words, no real data).

Two accounts of an invented dock strike that disagree on its first day, plus a
hostile document whose text holds HTML that must show as text and never run.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

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
from datelines.review import interval
from datelines.store.store import Store

DOCKS_A = (
    "The Walkout at Port Selwyn\n\n"
    "On 3 March 1962 the dock crews of Port Selwyn laid down their hooks. "
    "Four days later the harbour board agreed to talks.\n\n"
    "By the spring of 1962 more than 2,000 workers had joined the marches, "
    "reportedly led by Edda Varn."
)
DOCKS_B = (
    "Port Selwyn, 1962\n\n"
    "The stoppage began on 4 March 1962, when the dock crews of Port Selwyn laid "
    "down their hooks and refused to load the grain ships. Edda Varn spoke at the gates in April 1962."
)
HOSTILE = (
    "A Hostile Page\n\n"
    "In 1970 someone wrote <script>document.title='pwned'</script> into the record "
    "and <img src=x onerror=\"window.__xss=1;document.title='pwned'\"> beside it."
)


def make_document(source_id: str, title: str, text: str, *, url: str | None = None) -> Document:
    """A text Document whose normalized text is its original, one block a paragraph."""
    source = Source(
        id=source_id, path=f"{source_id}.txt", title=title, url=url,
        sha256=hashlib.sha256(text.encode()).hexdigest(), date="2001",
    )
    blocks, at = [], 0
    for i, part in enumerate(text.split("\n\n")):
        blocks.append(Block("title" if i == 0 else "paragraph", at, at + len(part)))
        at += len(part) + 2
    return Document(source=source, original=text, text=text,
                    offsets=tuple(range(len(text) + 1)), blocks=tuple(blocks))


def make_event(document: Document, event_id: str, quote: str, value: str, date_text: str,
               *, kind: str = "strike", summary: str | None = None, **more: object) -> Event:
    """An event whose evidence is ``quote`` found in the document's text."""
    start = document.original.index(quote)
    first, last = interval(value)
    anchor = more.pop("anchor", "explicit")
    anchor_text = more.pop("anchor_text", None)
    date = DateClaim(value=value, text=date_text, start=first, end=last,
                     anchor=anchor, anchor_text=anchor_text)  # type: ignore[arg-type]
    return Event(id=event_id, source=document.source.id, date=date, kind=kind,
                 summary=summary or quote[:60],
                 evidence=Evidence(quote, start, start + len(quote)),
                 **more)  # type: ignore[arg-type]


def docks() -> list[tuple[Document, Extraction]]:
    """The two dock-strike accounts and the hostile page, with their events."""
    a = make_document("src-a", "The Walkout at Port Selwyn", DOCKS_A,
                      url="https://example.org/walkout")
    b = make_document("src-b", "Port Selwyn, 1962", DOCKS_B, url="javascript:alert(1)")
    h = make_document("src-h", "A <b>Hostile</b> Page", HOSTILE)
    varn = Participant("Edda Varn", "PERSON", "agent", entity="ent-varn")
    events_a = (
        make_event(a, "a1", "On 3 March 1962 the dock crews of Port Selwyn laid down "
                   "their hooks", "1962-03-03", "3 March 1962",
                   summary="Dock crews stop work", places=("Port Selwyn",)),
        make_event(a, "a2", "Four days later the harbour board agreed to talks",
                   "1962-03-07", "Four days later", kind="negotiation",
                   summary="Harbour board agrees to talks", anchor="relative",
                   anchor_text="3 March 1962", confidence=0.6),
        make_event(a, "a3", "By the spring of 1962 more than 2,000 workers had joined "
                   "the marches, reportedly led by Edda Varn", "1962-SP",
                   "the spring of 1962", kind="protest", summary="Marches grow",
                   participants=(varn,),
                   figures=(Figure(2000, "more_than", "more than 2,000", "workers"),),
                   attribution=Attribution(hedged=True, hedge_cue="reportedly")),
    )
    events_b = (
        make_event(b, "b1", "The stoppage began on 4 March 1962, when the dock crews "
                   "of Port Selwyn laid down their hooks and refused to load the grain "
                   "ships", "1962-03-04", "4 March 1962", summary="Dock crews stop work",
                   places=("Port Selwyn",)),
        make_event(b, "b2", "Edda Varn spoke at the gates in April 1962", "1962-04",
                   "April 1962", kind="speech", summary="Varn speaks at the gates",
                   participants=(varn,)),
    )
    events_h = (
        make_event(h, "h1", HOSTILE.split("\n\n")[1], "1970", "1970", kind="other",
                   summary="<img src=x onerror=\"window.__xss=2\"> summary"),
    )
    era_quote = "By the spring of 1962"
    era = Era("era-a", "src-a", "Spring 1962",
              DateClaim("1962-SP", "spring of 1962", *interval("1962-SP")),
              Evidence(era_quote, DOCKS_A.index(era_quote),
                       DOCKS_A.index(era_quote) + len(era_quote)))
    start_b = DOCKS_B.index("Edda Varn")
    entity = Entity("ent-varn", "Edda Varn", "PERSON", aliases=("Varn",),
                    mentions=(Mention("src-b", start_b, start_b + 9, "Edda Varn"),))
    return [
        (a, Extraction(a.source, events_a, eras=(era,))),
        (b, Extraction(b.source, events_b, entities=(entity,))),
        (h, Extraction(h.source, events_h)),
    ]


def build_store(path: Path) -> Path:
    """Write the dock-strike store to ``path`` and return it."""
    with Store.open(path) as store:
        store.add_all(docks())
    return path


def test_build_store_holds_every_event(tmp_path: Path) -> None:
    db = build_store(tmp_path / "docks.db")
    with Store.open(db) as store:
        assert [s.id for s in store.sources()] == ["src-a", "src-b", "src-h"]
        ids = sorted(e.id for e in store.events())
        assert ids == ["a1", "a2", "a3", "b1", "b2", "h1"]
        document = store.document("src-a")
        event = store.event("a3")
        assert document.original[event.evidence.start:event.evidence.end] == \
            event.evidence.quote
