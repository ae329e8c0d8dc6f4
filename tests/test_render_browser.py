"""Static timeline in a real headless Chromium, opened from file:// with no network."""

from __future__ import annotations

import shutil

import pytest
from test_render import EVIL, conflict_between, two_sources

from datelines.render.timeline import render_html

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def page_at(tmp_path_factory: pytest.TempPathFactory):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (run `make browser`)")
    sync_api = pytest.importorskip("playwright.sync_api")
    documents, events, eras = two_sources()
    conflict = conflict_between(documents, events, 1, 4, "1923-03-03", "They differ.")
    html = render_html(
        [d.source for d in documents],
        events,
        eras,
        documents={d.source.id: d for d in documents},
        conflicts=[conflict],
    )
    path = tmp_path_factory.mktemp("page") / "timeline.html"
    path.write_text(html, encoding="utf-8")
    with sync_api.sync_playwright() as play:
        browser = play.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on(
            "dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss())
        )
        page.goto(path.as_uri())
        page.wait_for_selector(".vis-item")
        yield page, requests, errors, events
        browser.close()


def test_lanes_items_and_no_network(page_at) -> None:
    page, requests, errors, events = page_at
    assert errors == []
    assert [r for r in requests if not r.startswith("file:")] == []
    labels = page.locator(".vis-label").all_inner_texts()
    assert any("The River Guild" in t for t in labels)
    assert any("Second <account>" in t for t in labels)  # shown as text, not markup
    assert any("Disagreements" in t for t in labels)
    assert (
        page.locator(".vis-item.vis-range").count() >= 4
    )  # vague dates drawn as ranges
    assert page.locator(".vis-item.vis-background.era").count() == 1


def test_click_shows_quote_in_paragraph(page_at) -> None:
    page, _, errors, events = page_at
    page.evaluate("id => window.datelinesTimeline.setSelection([id])", events[2].id)
    page.evaluate("id => window.datelinesShow(id)", events[2].id)
    details = page.locator("#details")
    assert details.locator("mark").inner_text() == events[2].evidence.quote
    text = details.inner_text()
    assert "The River Guild" in text and "attributed to Harbour Gazette" in text
    assert "hedged" in text and "stated in the text" in text and "0.50" in text


def test_evil_text_stays_text(page_at) -> None:
    page, _, errors, _ = page_at
    page.evaluate("id => window.datelinesShow(id)", "evil")
    assert page.locator("#details mark").inner_text() == EVIL
    assert page.locator("#details img").count() == 0
    assert errors == []


def test_conflict_marker_selects_both_claims(page_at) -> None:
    page, _, _, events = page_at
    page.evaluate(
        "() => window.datelinesTimeline.focus('conflict:c1', {animation: false})"
    )
    page.locator(".vis-item.vis-box.conflict").click()
    selected = page.evaluate("() => window.datelinesTimeline.getSelection()")
    assert set(selected) == {"conflict:c1", events[1].id, events[4].id}
    assert "They differ." in page.locator("#details").inner_text()
    assert page.locator("#details mark").count() == 2


def test_disputed_badge_opens_the_conflict(page_at) -> None:
    page, _, errors, events = page_at
    page.evaluate("id => window.datelinesShow(id)", events[1].id)
    page.locator("#details button.badge.conflict").click()
    assert "Sources disagree: date" in page.locator("#details h2").inner_text()
    selected = page.evaluate("() => window.datelinesTimeline.getSelection()")
    assert set(selected) == {"conflict:c1", events[1].id, events[4].id}
    assert errors == []
