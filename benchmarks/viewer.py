"""Benchmark the viewer in a real browser, and take the screenshots of the docs.

    .venv/bin/python benchmarks/viewer.py                # 5,000 events, 50 sources
    .venv/bin/python benchmarks/viewer.py --events 20000 --runs 5
    .venv/bin/python benchmarks/viewer.py --screenshots  # docs/screenshots/*.png

Generates invented events (seeded, our own words) into a temporary store, serves it on
127.0.0.1 in a thread and drives headless Debian Chromium with Playwright. Prints the
median over ``--runs`` of: the timeline page load (navigation start to the timeline
drawn, from the page's own performance clock) and the time for a filter to apply
(from the change to the second animation frame after it, so the redraw is counted).
Target: under one second each. A benchmark prints figures; no test asserts them.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from datelines.model import (
    Block,
    DateClaim,
    Document,
    Event,
    Evidence,
    Extraction,
    Participant,
    Source,
)
from datelines.review import interval
from datelines.serve import make_app
from datelines.store.store import Store

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
KINDS = ("strike", "protest", "arrest", "election", "speech", "treaty", "battle")
PEOPLE = ("Ada Morrow", "Bela Quist", "Cyr Tamsin", "Dora Fell", "Emil Rook")
PLACES = ("Port Selwyn", "Arlen", "the capital", "Kessin", "the northern valley")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _value(rng: random.Random) -> tuple[str, str]:
    """A TIMEX3 value and its words: mostly days, some months, years, decades."""
    year = rng.randint(1900, 1999)
    month = rng.randint(1, 12)
    roll = rng.random()
    if roll < 0.6:
        day = rng.randint(1, 28)
        return f"{year}-{month:02d}-{day:02d}", f"{day} {MONTHS[month - 1]} {year}"
    if roll < 0.85:
        return f"{year}-{month:02d}", f"{MONTHS[month - 1]} {year}"
    if roll < 0.97:
        return str(year), f"in {year}"
    return str(year)[:3], f"the {str(year)[:3]}0s"


def synthetic(events: int, sources: int, *, seed: int = 7) -> Iterator[tuple[Document, Extraction]]:
    """``events`` invented events spread over ``sources`` invented documents."""
    rng = random.Random(seed)
    per = max(1, events // sources)
    for s in range(sources):
        rows = []
        for i in range(per):
            value, words = _value(rng)
            kind, who, where = rng.choice(KINDS), rng.choice(PEOPLE), rng.choice(PLACES)
            sentence = f"In {words} there was a {kind} involving {who} near {where} (item {i})."
            rows.append((value, words, kind, who, where, sentence))
        text = "\n\n".join(r[-1] for r in rows)
        source = Source(id=f"bench-{s:02d}", path=f"bench-{s:02d}.txt",
                        sha256=hashlib.sha256(text.encode()).hexdigest(),
                        title=f"Invented account {s + 1}")
        blocks, at, found = [], 0, []
        for value, words, kind, who, where, sentence in rows:
            blocks.append(Block("paragraph", at, at + len(sentence)))
            found.append(Event(
                id=f"bench-{s:02d}-{len(found):04d}", source=source.id,
                date=DateClaim(value, words, *interval(value)), kind=kind,
                summary=f"{kind.title()} near {where}",
                evidence=Evidence(sentence, at, at + len(sentence)),
                participants=(Participant(who, "PERSON", "agent"),), places=(where,),
                confidence=round(rng.uniform(0.3, 1.0), 2)))
            at += len(sentence) + 2
        document = Document(source, text, text, tuple(range(len(text) + 1)), tuple(blocks))
        yield document, Extraction(source, tuple(found))


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The viewer on 127.0.0.1 with a free port, in a daemon thread."""
    import socket

    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(make_app(db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)


FILTER_JS = """async (kind) => {
    const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
    const select = document.getElementById('f-kind');
    const t0 = performance.now();
    select.value = kind;
    select.dispatchEvent(new Event('change'));
    await frame(); await frame();
    return [performance.now() - t0, Number(document.body.dataset.filtered)];
}"""


READY_JS = "performance.getEntriesByName('datelines-ready')[0].startTime"
EDIT_JS = """async (id) => {
    const csrf = document.querySelector('meta[name="csrf-token"]').content;
    const response = await fetch('/api/event/' + id + '/accept', {method: 'POST',
        headers: {'X-CSRF-Token': csrf, 'Content-Type': 'application/json'}, body: '{}'});
    if (!response.ok) throw new Error('review failed: ' + response.status);
}"""


def bench(events: int, sources: int, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        started = time.perf_counter()
        with Store.open(db) as store:
            store.add_all(synthetic(events, sources))
            stored = len(store.events())
        print(f"store: {stored} events from {sources} sources "
              f"built in {time.perf_counter() - started:.1f} s")
        warm, cold, filters = [], [], []
        with serving(db) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            for run in range(runs * 2):
                if run % 2:  # a review change first: the server rebuilds the page
                    page.evaluate(EDIT_JS, f"bench-00-{run:04d}")
                page.goto(url + "/timeline")
                page.wait_for_selector("body[data-ready=true]", timeout=60_000)
                (cold if run % 2 else warm).append(page.evaluate(READY_JS))
                for kind in ("protest", "speech", ""):
                    elapsed, shown = page.evaluate(FILTER_JS, kind)
                    filters.append(elapsed)
            size = page.evaluate("document.documentElement.outerHTML.length")
            browser.close()
    print(f"timeline page load, warm:          {_stats(warm)}; HTML {size / 1e6:.1f} MB")
    print(f"timeline page load, after an edit: {_stats(cold)}")
    print(f"filter apply:                      {_stats(filters)}; last showed {shown}")


def _stats(values: list[float]) -> str:
    return (f"median {statistics.median(values):.0f} ms (min {min(values):.0f}, "
            f"max {max(values):.0f}; n={len(values)})")


def screenshots(out: Path) -> None:
    """PNGs of the main views over the hand-made dock-strike store."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from test_serve_data import build_store

    out.mkdir(parents=True, exist_ok=True)
    shots = [("timeline", "/timeline#event=a1", "#panel .summary"),
             ("event", "/event/a3", "#panel .review"),
             ("document", "/document/src-a#ev-a2", "#event-panel .summary"),
             ("entity", "/entity/ent-varn", "table"),
             ("search", "/search?q=hooks", "ol.hits"),
             ("hostile", "/document/src-h#ev-h1", "#event-panel .summary")]
    with tempfile.TemporaryDirectory() as tmp:
        db = build_store(Path(tmp) / "docks.db")
        with serving(db) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 800})
            for name, path, ready in shots:
                page.goto(url + path)
                page.wait_for_selector(ready)
                page.wait_for_timeout(300)  # let vis-timeline finish its animation
                page.screenshot(path=str(out / f"{name}.png"))
                print(f"wrote {out / f'{name}.png'}")
            browser.close()
        demo = _demo_store(Path(tmp))
        if demo is not None:
            with serving(demo) as url, sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 800})
                page.goto(url + "/timeline")
                page.wait_for_selector("body[data-ready=true]")
                page.locator(".vis-item.conflict").first.click()
                page.wait_for_selector("#panel .summary")
                page.wait_for_timeout(300)
                page.screenshot(path=str(out / "demo-timeline.png"))
                print(f"wrote {out / 'demo-timeline.png'}")
                browser.close()


def _demo_store(folder: Path) -> Path | None:
    """The bundled sample, extracted with ``datelines demo`` (None if that fails)."""
    import os

    from click.testing import CliRunner

    from datelines.cli import main as cli

    db, here = folder / "demo.db", Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(cli, ["demo", "--db", str(db), "--out", str(folder)])
    finally:
        os.chdir(here)
    return db if result.exit_code == 0 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshots", action="store_true",
                        help="write docs/screenshots/*.png instead of benchmarking")
    args = parser.parse_args()
    if args.screenshots:
        screenshots(ROOT / "docs" / "screenshots")
    else:
        bench(args.events, args.sources, args.runs)


if __name__ == "__main__":
    main()
