"""Exports: JSON contract (validated against its schema), CSV, TimelineJS, Web
Annotation, TimeML; reviewed events exported in their reviewed version."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from test_store_factories import RIVER_TEXT, make_document, make_extraction

from datelines.errors import DatelinesError
from datelines.export import FORMATS, export, schema, to_json, to_timelinejs
from datelines.model import DateClaim
from datelines.store import Store


def check(
    data: Any, rule: dict[str, Any], defs: dict[str, Any], path: str = "$"
) -> list[str]:
    """A small JSON Schema check: $ref, type, const, enum, required, properties,
    items, minimum/maximum, pattern, minItems/maxItems (what our schema uses)."""
    if "$ref" in rule:
        rule = defs[rule["$ref"].rsplit("/", 1)[-1]]
    problems: list[str] = []
    types = rule.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else types
        kinds = {
            "string": str,
            "integer": int,
            "number": (int, float),
            "boolean": bool,
            "array": list,
            "object": dict,
            "null": type(None),
        }
        ok = any(
            isinstance(data, kinds[n])
            and not (n in ("integer", "number") and isinstance(data, bool))
            for n in names
        )
        if not ok:
            return [f"{path}: {data!r} is not {names}"]
    if "const" in rule and data != rule["const"]:
        problems.append(f"{path}: {data!r} != {rule['const']!r}")
    if "enum" in rule and data not in rule["enum"]:
        problems.append(f"{path}: {data!r} not in {rule['enum']}")
    if (
        isinstance(data, str)
        and "pattern" in rule
        and not re.search(rule["pattern"], data)
    ):
        problems.append(f"{path}: {data!r} does not match {rule['pattern']}")
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        if data < rule.get("minimum", data) or data > rule.get("maximum", data):
            problems.append(f"{path}: {data} out of range")
    if isinstance(data, dict):
        problems += [
            f"{path}: missing {k}" for k in rule.get("required", ()) if k not in data
        ]
        for key, sub in rule.get("properties", {}).items():
            if key in data:
                problems += check(data[key], sub, defs, f"{path}.{key}")
    if isinstance(data, list):
        if not rule.get("minItems", 0) <= len(data) <= rule.get("maxItems", len(data)):
            problems.append(f"{path}: wrong length {len(data)}")
        for n, item in enumerate(data):
            problems += check(item, rule.get("items", {}), defs, f"{path}[{n}]")
    return problems


@pytest.fixture
def store() -> Store:
    with Store.open(":memory:") as opened:
        document = make_document()
        opened.add(document, make_extraction(document))
        other = make_document(
            RIVER_TEXT + "\nA <b>second</b> & last note.\n",
            path="second.html",
            title="Second account",
        )
        opened.add(other, make_extraction(other))
        yield opened


def test_json_contract_validates_against_the_schema(store: Store) -> None:
    data = json.loads(export(store, "json"))
    rules = schema()
    assert check(data, rules, rules["$defs"]) == []
    assert len(data["events"]) == 6 and len(data["sources"]) == 2
    event = data["events"][0]
    assert set(event) >= {
        "id",
        "source",
        "date",
        "kind",
        "cameo",
        "summary",
        "participants",
        "places",
        "figures",
        "evidence",
        "attribution",
        "confidence",
        "reviewed",
        "status",
    }
    assert (
        event["date"]["value"] == "1921-SP" and event["date"]["start"] == "1921-03-01"
    )


def test_schema_check_catches_broken_output(store: Store) -> None:
    data = json.loads(export(store, "json"))
    data["events"][0]["date"]["start"] = "March 1921"
    del data["events"][1]["evidence"]["quote"]
    data["events"][2]["status"] = "maybe"
    rules = schema()
    problems = check(data, rules, rules["$defs"])
    assert len(problems) == 3


def test_quotes_are_exact_source_text(store: Store) -> None:
    data = json.loads(export(store, "json"))
    for event in data["events"]:
        original = store.document(event["source"]).original
        evidence = event["evidence"]
        assert original[evidence["start"] : evidence["end"]] == evidence["quote"]


def test_reviewed_version_is_exported_and_rejected_left_out(store: Store) -> None:
    first, second = store.events()[:2]
    store.update_event(
        first.id,
        first.replace(
            summary="Guild founded (checked)", reviewed=True, status="edited"
        ),
    )
    store.update_event(second.id, second.replace(reviewed=True, status="rejected"))
    data = json.loads(export(store, "json"))
    by_id = {e["id"]: e for e in data["events"]}
    assert by_id[first.id]["summary"] == "Guild founded (checked)"
    assert (by_id[first.id]["reviewed"], by_id[first.id]["status"]) == (True, "edited")
    assert second.id not in by_id
    rows = list(csv.DictReader(io.StringIO(export(store, "csv"))))
    row = next(r for r in rows if r["id"] == first.id)
    assert (row["reviewed"], row["status"]) == ("yes", "edited")


def test_csv_one_row_per_event(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(export(store, "csv", min_confidence=0.6))))
    assert len(rows) == 4
    march = next(r for r in rows if r["date_value"] == "1923-03-03")
    assert march["figures"] == "more than 400" and march["cameo"] == "14"
    assert march["participants"] == "River Guild (agent)"
    late = [r for r in store.events() if r.date.value == "192"][0]
    assert late.attribution.hedged


def test_timelinejs_dates_groups_and_escaping(store: Store) -> None:
    data = json.loads(export(store, "timelinejs"))
    slides = {s["unique_id"]: s for s in data["events"]}
    assert len(slides) == 6
    spring = next(
        s for s in slides.values() if s["display_date"] == "the spring of 1921"
    )
    assert spring["start_date"] == {"year": 1921, "month": 3}
    assert spring["end_date"] == {"year": 1921, "month": 5}
    march = next(s for s in slides.values() if s["display_date"] == "3 March 1923")
    assert march["start_date"] == {"year": 1923, "month": 3, "day": 3}
    assert "end_date" not in march
    assert {s["group"] for s in slides.values()} == {
        "The River Guild",
        "Second account",
    }
    late = next(s for s in slides.values() if s["display_date"] == "the late 1920s")
    assert (
        "Harbour Gazette" in late["text"]["text"] and "hedged" in late["text"]["text"]
    )
    assert data["eras"][0]["start_date"] == {"year": 1920, "month": 1, "day": 1}
    open_ended = to_timelinejs(
        [],
        [
            store.events()[0].replace(
                date=DateClaim(
                    value="1988", text="by 1988", end="1988-12-31", mod="ON_OR_BEFORE"
                )
            )
        ],
    )
    assert open_ended["events"][0]["start_date"] == {
        "year": 1988,
        "month": 12,
        "day": 31,
    }
    unplaced = store.events()[0].replace(date=DateClaim(value="XXXX-06-20", text="x"))
    assert to_timelinejs([], [unplaced])["events"] == []
    assert data["eras"][0]["text"]["headline"] == "Early years"


def test_timelinejs_escapes_html(store: Store) -> None:
    [source] = [s for s in store.sources() if s.path == "second.html"]
    event = store.events(sources=[source.id])[0]
    store.update_event(event.id, event.replace(summary="<script>x</script> & co"))
    data = json.loads(export(store, "timelinejs", sources=[source.id]))
    headline = next(s for s in data["events"] if s["unique_id"] == event.id)["text"][
        "headline"
    ]
    assert headline == "&lt;script&gt;x&lt;/script&gt; &amp; co"
    assert data["title"]["text"]["headline"] == "Second account"


def test_webanno_selectors_match_the_text(store: Store) -> None:
    data = json.loads(export(store, "webanno"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 6
    for item in data["first"]["items"]:
        source_id = item["target"]["source"].rsplit(":", 1)[-1]
        original = store.document(source_id).original
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert original[position["start"] : position["end"]] == quote["exact"]
        start = position["start"]
        assert original[:start].endswith(quote["prefix"]) and quote["prefix"]
        assert original[position["end"] :].startswith(quote["suffix"])
        claim = json.loads(item["body"][2]["value"])
        assert claim["date"]["value"] and "reviewed" in claim and "status" in claim


def test_timeml_is_well_formed_and_keeps_the_text(store: Store) -> None:
    with pytest.raises(DatelinesError, match="--source"):
        export(store, "timeml")
    [source] = [s for s in store.sources() if s.path == "second.html"]
    text = export(store, "timeml", sources=[source.id])
    root = ET.fromstring(text)
    body = root.find("TEXT")
    assert body is not None
    assert "".join(body.itertext()) == store.document(source.id).original
    timexes = body.findall(".//TIMEX3")
    assert {t.get("value") for t in timexes} == {"1921-SP", "1923-03-03", "192"}
    assert {t.text for t in timexes} >= {"3 March 1923"}
    assert len(body.findall(".//EVENT")) == 3
    links = root.findall("TLINK")
    assert len(links) == 3 and {lk.get("relType") for lk in links} == {"IS_INCLUDED"}
    assert root.find("DCT/TIMEX3").get("value") == "1990"


def test_every_format_and_a_bad_one(store: Store) -> None:
    [source] = store.sources()[:1]
    for name in FORMATS:
        assert export(store, name, sources=[source.id]).strip()
    with pytest.raises(
        DatelinesError, match="unknown export format 'pdf'; use one of json"
    ):
        export(store, "pdf")


def test_to_json_on_plain_objects() -> None:
    document = make_document()
    extraction = make_extraction(document)
    data = to_json(
        [document.source], extraction.events, extraction.eras, extraction.entities
    )
    assert [e["id"] for e in data["events"]] == [e.id for e in extraction.events]
    assert data["entities"][0]["aliases"] == ["the Guild"]


def test_timeml_shared_evidence_crossing_spans_and_spanless_dates() -> None:
    from datelines.export import to_timeml

    document = make_document()
    first, second, third = make_extraction(document).events
    # a second event on the same evidence, dated by the document (no words)
    twin = first.replace(
        id="twin", date=DateClaim(value="1990", text="", anchor="document")
    )
    # a date span that crosses the end of the first evidence into the next line
    end = first.evidence.end
    crossing = second.replace(
        id="cross",
        date=DateClaim(
            value="1921",
            text=document.original[end - 5 : end + 4],
            span=(end - 5, end + 4),
        ),
    )
    text = to_timeml(document, [first, twin, crossing, third])
    root = ET.fromstring(text)
    body = root.find("TEXT")
    assert "".join(body.itertext()) == document.original
    events = body.findall(".//EVENT")
    assert len(events) == 3  # first and twin share one EVENT
    assert len(root.findall("MAKEINSTANCE")) == 4
    empty = [t for t in body.iter("TIMEX3") if not (t.text or "")]
    # the crossing date becomes an empty TIMEX3: every TLINK points at a TIMEX3
    tids = {t.get("tid") for t in body.iter("TIMEX3")}
    assert {lk.get("relatedToTime") for lk in root.findall("TLINK")} <= tids
    assert sorted(t.get("value") for t in empty) == ["1921", "1990"]


def test_timeml_equal_spans_nest() -> None:
    from datelines.export import to_timeml

    document = make_document()
    event = make_extraction(document).events[1]
    words = event.date.span
    only_date = event.replace(
        evidence=event.evidence.__class__(
            quote=event.date.text, start=words[0], end=words[1]
        )
    )
    root = ET.fromstring(to_timeml(document, [only_date]))
    event_tag = root.find("TEXT/EVENT")
    assert event_tag.find("TIMEX3").text == "3 March 1923"
