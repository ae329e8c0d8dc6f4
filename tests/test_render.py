"""Static timeline: self-contained HTML, lanes, vague dates as ranges, escaping."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from test_store_factories import RIVER_TEXT, make_document, make_extraction

from datelines.errors import DatelinesError
from datelines.model import Document, Event
from datelines.render import timeline as timeline_module
from datelines.render.timeline import render_html, safe_json

EVIL = 'The <script>alert("x")</script> & </script><img src=x onerror=alert(1)> met.'


class Scripts(HTMLParser):
    """Collects script elements and any external references."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.external: list[str] = []
        self._open: dict[str, str | None] | None = None
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        for name in ("src", "href"):
            if found.get(name):
                self.external.append(f"{tag} {name}={found[name]}")
        if tag == "script":
            self._open = found

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.scripts.append((self._open, data))
            self._open = None


def page_data(html: str) -> dict:
    parser = Scripts()
    parser.feed(html)
    [(_, text)] = [
        (a, t) for a, t in parser.scripts if a.get("type") == "application/json"
    ]
    return json.loads(text)


def two_sources():
    first = make_document()
    second = make_document(
        RIVER_TEXT + "\n" + EVIL + "\n", path="evil.html", title="Second <account>"
    )
    extractions = [make_extraction(first), make_extraction(second)]
    evil = second.original.index(EVIL)
    extra = (
        extractions[1]
        .events[1]
        .replace(
            id="evil",
            summary=EVIL,
            evidence=extractions[1]
            .events[1]
            .evidence.__class__(quote=EVIL, start=evil, end=evil + len(EVIL)),
        )
    )
    events = [*extractions[0].events, *extractions[1].events, extra]
    return [first, second], events, list(extractions[0].eras)


def conflict_between(
    documents: list[Document], events: list[Event], a: int, b: int, value: str,
    explanation: str,
) -> dict[str, object]:
    """A conflict in the compare contract's shape between ``events[a]`` (first source)
    and ``events[b]`` (second source)."""
    return {
        "id": "c1",
        "type": "date",
        "strength": "hard",
        "explanation": explanation,
        "claims": [
            {
                "source": documents[i].source.id,
                "event": events[k].id,
                "quote": events[k].evidence.quote,
                "value": value,
            }
            for i, k in ((0, a), (1, b))
        ],
    }


def test_page_is_self_contained_with_lanes_and_ranges() -> None:
    documents, events, eras = two_sources()
    conflict = conflict_between(documents, events, 0, 3, "1921-SP", "years differ")
    html = render_html(
        [d.source for d in documents],
        events,
        eras,
        documents={d.source.id: d for d in documents},
        conflicts=[conflict],
    )
    parser = Scripts()
    parser.feed(html)
    assert parser.external == []  # nothing fetched from anywhere
    assert "vis-timeline and vis-graph2d" in html  # the library is inlined
    data = page_data(html)
    assert [g["id"] for g in data["groups"]] == [d.source.id for d in documents]
    by_id = {item["id"]: item for item in data["items"]}
    spring = by_id[events[0].id]
    assert spring["vis"] == {
        "start": "1921-03-01",
        "end": "1921-06-01",
        "type": "range",
    }
    assert by_id[events[1].id]["vis"] == {"start": "1923-03-03", "type": "box"}
    decade = by_id[events[2].id]["vis"]
    assert (decade["start"], decade["end"]) == ("1926-01-01", "1930-01-01")
    assert data["eras"][0]["label"] == "Early years"
    assert data["conflicts"][0]["claims"][1]["event"] == events[3].id
    passage = spring["passage"]
    assert (
        passage["text"][passage["start"] : passage["end"]] == events[0].evidence.quote
    )


def test_source_text_cannot_break_out() -> None:
    documents, events, eras = two_sources()
    html = render_html(
        [d.source for d in documents],
        events,
        eras,
        documents={d.source.id: d for d in documents},
    )
    # the only script tags are our three; the evil text never appears raw
    assert len(re.findall(r"<script\b", html)) == 3
    assert "onerror=alert(1)>" not in html
    assert "<title>Timeline</title>" in html
    data = page_data(html)
    evil = next(i for i in data["items"] if i["id"] == "evil")
    assert evil["summary"] == EVIL  # intact once parsed
    assert "&lt;script&gt;alert" in html  # the plain list is escaped server-side
    assert "Second &lt;account&gt;" in html
    js = timeline_module._template("timeline.js")
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js


def test_safe_json_round_trips() -> None:
    value = {"q": "</script>\u2028&<!--"}
    text = safe_json(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == value


def test_undated_claims_are_listed_apart() -> None:
    documents, events, _ = two_sources()
    vague = events[0].replace(
        id="vague", date=events[0].date.__class__(value="XXXX-06-20", text="20 June")
    )
    by = events[0].replace(
        id="by",
        date=events[0].date.__class__(
            value="1988", text="by 1988", end="1988-12-31", mod="ON_OR_BEFORE"
        ),
    )
    data = page_data(render_html([documents[0].source], [vague, by]))
    assert data["undated"][0]["id"] == "vague"
    assert [i["vis"] for i in data["items"]] == [
        {"start": "1988-12-31", "type": "box", "open": "before"}
    ]
    assert data["title"] == "The River Guild"


def test_missing_node_modules_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline_module, "VIS_JS", "no-such-package/x.js")
    with pytest.raises(DatelinesError, match="run `make setup`"):
        render_html([], [])


def test_render_store_asks_reconcile_for_conflicts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import types

    import datelines.reconcile as reconcile
    from datelines.render.timeline import render_store
    from datelines.store import Store

    documents, events, _ = two_sources()
    seen = {}

    class Found:
        def to_dict(self) -> dict:
            return {
                "id": "c9",
                "type": "figure",
                "strength": "hard",
                "claims": [
                    {
                        "source": events[1].source,
                        "event": events[1].id,
                        "quote": "q",
                        "value": "400",
                    }
                ],
                "explanation": "x",
            }

    def fake_compare(sources, events, *, entities=(), texts=None):
        seen["texts"] = texts
        return types.SimpleNamespace(conflicts=(Found(),))

    monkeypatch.setattr(reconcile, "compare", fake_compare)
    with Store.open(":memory:") as store:
        for document in documents:
            store.add(document, make_extraction(document))
        data = page_data(render_store(store))
        assert data["conflicts"][0]["id"] == "c9"
        assert set(seen["texts"]) == {d.source.id for d in documents}
        assert page_data(render_store(store, conflicts=False))["conflicts"] == []
