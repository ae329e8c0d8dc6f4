"""What a person sees: the viewer in headless Debian Chromium driven by Playwright.

The server runs in a thread on 127.0.0.1 with a free port; the store is the hand-made
dock-strike one (``test_serve_data``). Skips only when /usr/bin/chromium is absent.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_serve_data import build_store

from datelines.serve import make_app, vis_dir
from datelines.store.store import Store

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is absent: install it (`make browser`) to run the "
                "browser tests", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """uvicorn in a daemon thread, stopped by the fixture."""

    def __init__(self, db: Path) -> None:
        import uvicorn

        self.port = free_port()
        config = uvicorn.Config(make_app(db), host="127.0.0.1", port=self.port,
                                log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        for _ in range(500):
            if self.server.started:
                return f"http://127.0.0.1:{self.port}"
            time.sleep(0.01)
        raise RuntimeError("the viewer did not start")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS,
                                      headless=True)
        yield chromium
        chromium.close()


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return build_store(tmp_path / "docks.db")


@pytest.fixture()
def page(browser: object, db: Path) -> Iterator[tuple[object, str]]:
    with Server(db) as url:
        context = browser.new_context()  # type: ignore[attr-defined]
        page = context.new_page()
        page.set_default_timeout(10_000)
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        yield page, url
        context.close()
        assert errors == [], errors


def test_click_an_event_shows_its_quote(page: tuple[object, str]) -> None:
    p, url = page
    if vis_dir() is None:
        pytest.skip("node_modules/vis-timeline is absent; run `npm ci`")
    p.goto(url + "/timeline")  # type: ignore[attr-defined]
    p.wait_for_selector("body[data-ready=true]")
    item = p.locator(".vis-item", has_text="Harbour board agrees to talks")
    item.first.click()
    mark = p.locator("#panel blockquote.context mark")
    mark.wait_for()
    assert mark.text_content() == "Four days later the harbour board agreed to talks"
    assert "relative to 3 March 1962" in p.locator("#panel .how").text_content()
    assert "null" not in p.locator("#panel").inner_text()
    p.locator(".vis-item", has_text="Marches grow").first.click()
    p.locator("#panel a", has_text="Edda Varn").click()  # participant -> entity page
    p.wait_for_url("**/entity/ent-varn")
    assert p.locator("table.events tbody tr").count() == 2


def test_search_jumps_to_the_event_of_a_hit(page: tuple[object, str]) -> None:
    p, url = page
    p.goto(url + "/timeline")  # type: ignore[attr-defined]
    p.wait_for_selector("body[data-ready=true]")
    p.locator("#tl-q").fill("grain ships")
    p.locator("#tl-search button").click()
    p.locator("#tl-hits button.hit").first.click()
    mark = p.locator("#panel blockquote.context mark")
    mark.wait_for()
    assert "refused to load the grain ships" in mark.text_content()
    if vis_dir() is not None:
        selected = p.locator(".vis-item.vis-point.vis-selected")
        assert selected.count() == 1 and "Dock crews stop work" in selected.text_content()


def test_filters_hide_events(page: tuple[object, str]) -> None:
    p, url = page
    p.goto(url + "/timeline")  # type: ignore[attr-defined]
    p.wait_for_selector("body[data-ready=true]")
    assert p.locator("#shown").text_content() == "6"
    p.locator('#f-sources input[value="src-a"]').uncheck()
    assert p.locator("#shown").text_content() == "3"
    p.locator("#f-participant").fill("varn")
    assert p.locator("#shown").text_content() == "1"
    if vis_dir() is not None:
        assert p.locator(".vis-item", has_text="Varn speaks at the gates").count() == 1
        assert p.locator(".vis-item", has_text="Dock crews stop work").count() == 0


def test_edit_a_date_and_see_it_after_a_reload(page: tuple[object, str], db: Path) -> None:
    p, url = page
    p.goto(url + "/event/b1")  # type: ignore[attr-defined]
    p.wait_for_selector("body[data-ready=true]")
    p.get_by_role("button", name="Edit").click()
    form = p.locator("form.edit-form")
    form.locator('input[name="date"]').fill("1962-03-05")
    with p.expect_navigation():
        form.get_by_role("button", name="Save").click()
    p.reload()
    p.wait_for_selector("body[data-ready=true]")
    assert p.locator("#panel .value").text_content() == "1962-03-05"
    assert p.locator("#panel .how").text_content() == "set by a reviewer"
    with Store.open(db) as store:
        assert store.event("b1").date.value == "1962-03-05"
        assert [row.action for row in store.audit("b1")] == ["edit"]


def test_merge_with_a_neighbour_and_undo(page: tuple[object, str], db: Path) -> None:
    p, url = page
    p.goto(url + "/event/a1")  # type: ignore[attr-defined]
    p.wait_for_selector("body[data-ready=true]")
    p.locator("form.merge-form select").select_option("a2")
    with p.expect_navigation():
        p.get_by_role("button", name="Merge into this").click()
    p.wait_for_selector("body[data-ready=true]")
    assert p.locator("#panel mark").text_content().endswith("agreed to talks")
    with Store.open(db) as store:
        assert store.event("a2").status == "rejected"
    with p.expect_navigation():
        p.locator("#undo").click()
    with Store.open(db) as store:
        assert store.event("a2").status == "machine"
        assert store.event("a1").evidence.quote.endswith("their hooks")


def test_hostile_document_renders_inert(page: tuple[object, str]) -> None:
    p, url = page
    p.goto(url + "/document/src-h#ev-h1")  # type: ignore[attr-defined]
    p.wait_for_selector("body[data-ready=true]")
    p.locator("#event-panel .summary").wait_for()
    text = p.locator("#document").inner_text()
    assert "<script>document.title='pwned'</script>" in text
    assert "<img src=x onerror=" in text
    assert p.locator("#document img, #event-panel img").count() == 0
    assert p.evaluate("window.__xss") is None
    assert p.title() != "pwned" and "<b>Hostile</b>" in p.title()
    summary = p.locator("#event-panel .summary").text_content()
    assert summary.startswith("<img src=x onerror=")
    if vis_dir() is not None:
        p.goto(url + "/timeline#event=h1")
        p.wait_for_selector("body[data-ready=true]")
        p.locator(".vis-item", has_text="<img src=x").first.wait_for()
        assert p.locator("#timeline img").count() == 0
        assert p.evaluate("window.__xss") is None and p.title() != "pwned"


def test_add_a_missed_event_from_a_selection(page: tuple[object, str], db: Path) -> None:
    p, url = page
    p.goto(url + "/document/src-a")  # type: ignore[attr-defined]
    p.wait_for_selector("body[data-ready=true]")
    p.evaluate("""() => {
        const seg = [...document.querySelectorAll('#document .seg')]
            .find((s) => s.textContent.includes('The Walkout'));
        const range = document.createRange();
        range.setStart(seg.firstChild, 4);
        range.setEnd(seg.firstChild, 11);
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
    }""")
    form = p.locator("#add-form")
    form.wait_for()
    assert form.locator(".selection").text_content() == "“Walkout”"
    form.locator('input[name="date"]').fill("1962")
    with p.expect_navigation():
        form.get_by_role("button", name="Add event").click()
    with Store.open(db) as store:
        added = [e for e in store.events() if e.status == "added"]
    assert [e.evidence.quote for e in added] == ["Walkout"]
