"""Export stage: TimeML for one source (the original text with inline tags).

The document's original text, XML-escaped, with a ``TIMEX3`` on the words that date
each event (``tid``, ``type="DATE"``, ``value``, ``mod``) and an ``EVENT`` on each
evidence span (``eid``, ``class="OCCURRENCE"``); ``MAKEINSTANCE`` and an
``IS_INCLUDED`` ``TLINK`` tie each event instance to its date. The document date is the
``DCT``. Tags never cross: a TIMEX3 may sit inside an EVENT's evidence (well-formed
XML, looser than the TimeML DTD, which keeps EVENT to one word); an evidence span that
would cross an earlier one is left out with its event; a date whose words would cross
a tag, or that has no words in the text (inferred, the document date), is written as
an empty, non-consuming TIMEX3 at the start of its evidence.

>>> from datelines.model import DateClaim, Document, Event, Evidence, Source
>>> text = "Rain & hail on 2 May 1990."
>>> doc = Document(source=Source(id="s", path="a", sha256="x"), original=text,
...                text=text, offsets=tuple(range(len(text) + 1)))
>>> ev = Event(id="e", source="s", kind="weather", summary="rain",
...            date=DateClaim(value="1990-05-02", text="2 May 1990", span=(15, 25)),
...            evidence=Evidence(quote=text, start=0, end=len(text)))
>>> print(to_timeml(doc, [ev]).split("<TEXT>")[1].split("</TEXT>")[0])
<EVENT eid="e1" class="OCCURRENCE">Rain &amp; hail on <TIMEX3 tid="t1" type="DATE" value="1990-05-02">2 May 1990</TIMEX3>.</EVENT>
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from datelines.model import Document, Event


def _timex_attrs(tid: str, event: Event) -> str:
    date = event.date
    attrs = f'tid="{tid}" type="DATE" value={quoteattr(date.value)}'
    if date.mod:
        attrs += f" mod={quoteattr(date.mod)}"
    return attrs


def _spans(text: str, events: list[Event]) -> set[tuple[int, int]]:
    """The evidence and date spans that can be tagged without crossing each other."""
    wanted: set[tuple[int, int]] = set()
    for event in events:
        evidence, date = event.evidence, event.date
        if (
            evidence.end > evidence.start
            and text[evidence.start : evidence.end] == evidence.quote
        ):
            wanted.add((evidence.start, evidence.end))
            if (
                date.span
                and date.text
                and text[date.span[0] : date.span[1]] == date.text
            ):
                wanted.add(date.span)
    kept: set[tuple[int, int]] = set()
    stack: list[tuple[int, int]] = []
    for start, end in sorted(wanted, key=lambda span: (span[0], -span[1])):
        while stack and stack[-1][1] <= start:
            stack.pop()
        if stack and end > stack[-1][1]:
            continue  # would cross an open tag
        kept.add((start, end))
        stack.append((start, end))
    return kept


def to_timeml(document: Document, events: Iterable[Event]) -> str:
    """The TimeML file text for one document and its events."""
    text = document.original
    chosen = list(events)
    kept = _spans(text, chosen)
    tags: list[tuple[int, int, str, str]] = []  # start, end, open tag, close tag
    links: list[str] = []
    eids: dict[tuple[int, int], str] = {}
    tids: dict[tuple[int, int], str] = {}
    empty: list[tuple[int, str]] = []
    for event in chosen:
        evidence, date = event.evidence, event.date
        span = (evidence.start, evidence.end)
        if span not in kept:
            continue
        if span not in eids:
            eids[span] = eid = f"e{len(eids) + 1}"
            tags.append((*span, f'<EVENT eid="{eid}" class="OCCURRENCE">', "</EVENT>"))
        if date.span in kept and date.text:
            if date.span not in tids:
                tids[date.span] = tid = f"t{len(tids) + 1}"
                tag = f"<TIMEX3 {_timex_attrs(tid, event)}>"
                tags.append((*date.span, tag, "</TIMEX3>"))
            tid = tids[date.span]
        else:  # no words for the date in the text (or they cross another tag)
            tid = f"t{len(tids) + len(empty) + 1}n"
            attrs = _timex_attrs(tid, event)
            empty.append(
                (evidence.start, f'<TIMEX3 {attrs} functionInDocument="NONE"/>')
            )
        n = len(links) // 2 + 1
        status = f"{event.status}{', reviewed' if event.reviewed else ''}"
        links.append(
            f'<MAKEINSTANCE eiid="ei{n}" eventID="{eids[span]}" '
            f"comment={quoteattr(event.id + ': ' + status)}/>"
        )
        links.append(
            f'<TLINK lid="l{n}" eventInstanceID="ei{n}" relatedToTime="{tid}" '
            'relType="IS_INCLUDED"/>'
        )
    body = _inline(text, tags, empty)
    dct = document.source.date
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n'
    head += f"<DOCID>{escape(document.source.id)}</DOCID>\n"
    if dct:
        head += (
            f'<DCT><TIMEX3 tid="t0" type="DATE" value={quoteattr(dct)} '
            f'functionInDocument="CREATION_TIME">{escape(dct)}</TIMEX3></DCT>\n'
        )
    tail = "\n".join(links) + ("\n" if links else "")
    return head + f"<TEXT>{body}</TEXT>\n" + tail + "</TimeML>\n"


def _inline(
    text: str, tags: list[tuple[int, int, str, str]], empty: list[tuple[int, str]]
) -> str:
    """Text with tags inserted (the tags nest; see :func:`_spans`)."""
    # at one position: closings (innermost first), empty tags, then openings
    # (outermost first); the tag order breaks ties so equal spans nest too
    inserts: list[tuple[int, int, int, int, str]] = []
    for n, (start, end, opening, closing) in enumerate(tags):
        inserts.append((start, 2, -end, n, opening))
        inserts.append((end, 0, -start, -n, closing))
    for at, tag in empty:
        inserts.append((at, 1, 0, 0, tag))
    inserts.sort(key=lambda i: i[:4])
    out, at = [], 0
    for position, _, _, _, tag in inserts:
        out.append(escape(text[at:position]))
        out.append(tag)
        at = position
    out.append(escape(text[at:]))
    return "".join(out)
