"""The viewer over real extraction (the bundled sample) and over many events, in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_browser import ARGS, CHROMIUM, Server
from test_serve_data import make_document

from datelines.model import DateClaim, Document, Event, Evidence, Extraction
from datelines.review import interval
from datelines.serve import vis_dir
from datelines.store.store import Store

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")
if vis_dir() is None:
    pytest.skip("node_modules/vis-timeline is absent; run `npm ci`", allow_module_level=True)


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def test_demo_timeline_click_shows_the_quote(chromium: object, tmp_path: Path,
                                             sample_dir: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from datelines.cli import main

    monkeypatch.chdir(sample_dir.parent)
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(main, ["demo", "--db", str(db), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        event = next(e for e in store.events() if e.date.start and e.summary)
    with Server(db) as url:
        page = chromium.new_page()  # type: ignore[attr-defined]
        page.goto(f"{url}/timeline#event={event.id}")
        page.wait_for_selector("body[data-ready=true]")
        mark = page.locator("#panel blockquote.context mark")
        mark.wait_for()
        assert " ".join(mark.text_content().split()) == " ".join(event.evidence.quote.split())
        page.locator(".vis-item.vis-point, .vis-item.vis-range").first.wait_for()
        page.close()


def many(count: int) -> tuple[Document, Extraction]:
    """One invented chronicle with ``count`` dated lines, one event each."""
    lines = [f"Entry {i}: the council met on day {i % 28 + 1} of month {i % 12 + 1} "
             f"in {1900 + i % 90}." for i in range(count)]
    document = make_document("src-many", "A long chronicle", "\n\n".join(lines))
    events = []
    for i, line in enumerate(lines):
        value = f"{1900 + i % 90}-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
        start = document.original.index(line)
        events.append(Event(
            id=f"m{i:04d}", source="src-many", kind="meeting", summary=f"Meeting {i}",
            date=DateClaim(value, value, *interval(value)),
            evidence=Evidence(line, start, start + len(line))))
    return document, Extraction(document.source, tuple(events))


def test_many_events_show_as_bins_that_open_on_click(chromium: object, tmp_path: Path) -> None:
    db = tmp_path / "many.db"
    with Store.open(db) as store:
        store.add(*many(900))
    with Server(db) as url:
        page = chromium.new_page()  # type: ignore[attr-defined]
        page.goto(url + "/timeline")
        page.wait_for_selector("body[data-ready=true]")
        assert page.locator("body").get_attribute("data-binned") == "true"
        assert page.locator(".vis-item.bin").count() <= 300
        assert page.locator(".vis-item.vis-point").count() == 0
        page.locator(".vis-item.bin").first.click()  # zooms in on the bin
        page.wait_for_selector("body[data-binned=false]")
        assert page.locator(".vis-item.vis-point").count() >= 1
        page.locator("#f-kind").select_option("meeting")
        assert page.locator("#shown").text_content() == "900"
        page.close()
