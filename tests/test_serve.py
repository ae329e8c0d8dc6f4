"""The viewer's routes in-process: pages and JSON twins, CSRF, token, hosts, traversal."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient
from test_serve_data import DOCKS_A, DOCKS_B, build_store

from datelines.cli import main
from datelines.serve import make_app, vis_dir
from datelines.serve.views import comparison_index, segments

BASE = "http://127.0.0.1:8000"
SECRET = "test-secret"


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return build_store(tmp_path / "docks.db")


@pytest.fixture()
def client(db: Path) -> TestClient:
    return TestClient(make_app(db, secret=SECRET), base_url=BASE)


def post(client: TestClient, path: str, body: dict[str, object]) -> object:
    return client.post(path, json=body, headers={"X-CSRF-Token": SECRET})


def test_root_redirects_to_the_timeline(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/timeline"


@pytest.mark.parametrize(
    "path", ["/timeline", "/event/a1", "/document/src-a", "/entity/ent-varn",
             "/entities", "/search?q=stoppage"],
)
def test_every_page_has_a_json_twin(client: TestClient, path: str) -> None:
    page = client.get(path)
    base, _, query = path.partition("?")
    twin = client.get(base + ".json" + ("?" + query if query else ""))
    assert page.status_code == 200 and twin.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert twin.headers["content-type"] == "application/json"
    assert SECRET in page.text  # the CSRF meta tag
    assert "content-security-policy" in page.headers


def test_timeline_json_holds_lanes_events_eras_and_choices(client: TestClient) -> None:
    data = client.get("/timeline.json").json()
    assert [s["id"] for s in data["sources"]] == ["src-a", "src-b", "src-h"]
    by_id = {e["id"]: e for e in data["events"]}
    assert by_id["a3"]["start"] == "1962-03-01" and by_id["a3"]["end"] == "1962-05-31"
    assert by_id["a3"]["participants"] == ["Edda Varn"] and by_id["a3"]["hedged"]
    assert data["eras"][0]["label"] == "Spring 1962"
    assert "negotiation" in data["kinds"] and "Port Selwyn" in data["places"]
    assert data["sources"][1]["url"] is None  # javascript: links are dropped


def test_event_json_shows_quote_in_paragraph_and_resolution(client: TestClient) -> None:
    data = client.get("/event/a2.json").json()
    context = data["context"]
    assert context["text"][context["start"]:context["end"]] == (
        "Four days later the harbour board agreed to talks")
    assert context["text"].startswith("On 3 March 1962")
    assert data["resolution"] == "relative to 3 March 1962"
    assert data["source"]["title"] == "The Walkout at Port Selwyn"
    assert data["source"]["url"] == "https://example.org/walkout"
    # merge candidates: every other event of the source, the nearest in the text first
    ids = [n["id"] for n in data["neighbours"]]
    assert ids[:2] == ["a1", "a3"] and "a2" not in ids
    assert all(client.get(f"/event/{i}.json").json()["event"]["source"]
               == data["event"]["source"] for i in ids)


def test_event_page_marks_the_quote(client: TestClient) -> None:
    html = client.get("/event/a3").text
    assert "<mark>By the spring of 1962 more than 2,000 workers" in html
    assert "reportedly" in html and "relative" not in html


def test_document_page_underlines_every_event(client: TestClient) -> None:
    data = client.get("/document/src-a.json").json()
    marked = {i for b in data["blocks"] for s in b["segments"] for i in s["events"]}
    assert marked == {"a1", "a2", "a3"}
    html = client.get("/document/src-a").text
    assert html.count('class="ev"') == 3


def test_entity_page_lists_its_events_across_sources(client: TestClient) -> None:
    data = client.get("/entity/ent-varn.json").json()
    assert {e["id"] for e in data["events"]} == {"a3", "b2"}


def test_search_jumps_to_the_events_of_a_hit(client: TestClient) -> None:
    data = client.get("/search.json", params={"q": "grain"}).json()
    assert data["hits"] and data["hits"][0]["events"] == ["b1"]
    assert "/timeline#event=b1" in client.get("/search", params={"q": "grain"}).text


def test_missing_things_are_404(client: TestClient) -> None:
    assert client.get("/event/nope").status_code == 404
    assert client.get("/event/nope.json").json() == {"error": "not found"}
    assert client.get("/document/nope.json").status_code == 404
    assert client.get("/entity/nope").status_code == 404


def test_source_text_is_escaped(client: TestClient) -> None:
    html = client.get("/document/src-h").text
    assert "&lt;script&gt;document.title=" in html
    assert "<script>document.title" not in html and "<img src=x" not in html
    assert "A &lt;b&gt;Hostile&lt;/b&gt; Page" in html
    event = client.get("/event/h1").text
    assert "<img" not in event and "&lt;img src=x onerror=" in event
    assert 'href="javascript:' not in client.get("/event/b1").text
    timeline = client.get("/timeline").text
    assert "<img" not in timeline and "\\u003cimg src=x" in timeline


def test_posts_need_the_csrf_token(client: TestClient) -> None:
    assert client.post("/api/event/a1/accept", json={}).status_code == 403
    wrong = client.post("/api/event/a1/accept", json={}, headers={"X-CSRF-Token": "x"})
    assert wrong.status_code == 403
    assert client.get("/event/a1.json").json()["event"]["status"] == "machine"
    response = post(client, "/api/event/a1/accept", {})
    assert response.status_code == 200 and response.json()["event"]["status"] == "accepted"


def test_edit_persists_and_undo_reverts(client: TestClient) -> None:
    response = post(client, "/api/event/b1/edit", {"date": "1962-03-05", "kind": "strike"})
    assert response.status_code == 200
    event = client.get("/event/b1.json").json()
    assert event["event"]["date"]["value"] == "1962-03-05"
    assert event["resolution"] == "set by a reviewer"
    assert [a["action"] for a in event["audit"]] == ["edit"]
    assert post(client, "/api/undo", {}).json()["undone"][0]["action"] == "edit"
    assert client.get("/event/b1.json").json()["event"]["date"]["value"] == "1962-03-04"


def test_bad_review_requests_get_one_line_errors(client: TestClient) -> None:
    bad = post(client, "/api/event/b1/edit", {"date": "next Tuesday"})
    assert bad.status_code == 400 and "TIMEX3" in bad.json()["error"]
    cross = post(client, "/api/merge", {"keep": "a1", "other": "b1"})
    assert cross.status_code == 400 and "different sources" in cross.json()["error"]
    assert post(client, "/api/event/zz/accept", {}).status_code == 404


def test_add_from_a_text_selection(client: TestClient) -> None:
    data = client.get("/document/src-b.json").json()
    flat = "".join(s["text"] for b in data["blocks"] for s in b["segments"])
    words = "Edda Varn spoke at the gates"
    start = DOCKS_B.index(words)  # text offsets: the block starts are kept
    assert words in flat
    body = {"source": "src-b", "start": start, "end": start + len(words),
            "basis": "text", "date": "1962-04", "kind": "speech"}
    response = post(client, "/api/add", body)
    assert response.status_code == 200
    added = response.json()["event"]
    assert added["evidence"]["quote"] == words and added["status"] == "added"
    assert added["date"]["start"] == "1962-04-01"
    assert client.get(f"/event/{added['id']}.json").status_code == 200


def test_token_is_required_when_given(db: Path) -> None:
    client = TestClient(make_app(db, token="tok", secret=SECRET), base_url=BASE)
    assert client.get("/timeline.json").status_code == 401
    first = client.get("/timeline?token=tok", follow_redirects=False)
    assert first.status_code == 303 and "datelines_token" in first.headers["set-cookie"]
    assert client.get("/timeline.json").status_code == 200  # the cookie now
    other = TestClient(make_app(db, token="tok", secret=SECRET), base_url=BASE)
    assert other.get("/timeline.json", headers={"Authorization": "Bearer tok"}).status_code == 200
    assert other.get("/timeline.json?token=wrong").status_code == 401
    kept = other.get("/search?q=grain&token=tok", follow_redirects=False)
    assert kept.headers["location"] == "/search?q=grain"


def test_unknown_host_is_refused(client: TestClient) -> None:
    assert client.get("/timeline.json", headers={"Host": "evil.example"}).status_code == 400


@pytest.mark.parametrize(
    "path",
    ["/static/..%2fapp.py", "/static/%2e%2e/app.py", "/static/..%2f..%2fmodel.py",
     "/vendor/vis-timeline/..%2f..%2fpackage.json",
     "/vendor/vis-timeline/..%2f..%2f..%2f..%2fpyproject.toml",
     "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fpyproject.toml",
     "/document/..%2f..%2fpyproject.toml", "/event/..%2f..%2f..%2fpyproject.toml",
     "/entity/..%2f..%2fpyproject.toml.json"],
)
def test_no_path_outside_the_asset_dirs(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "import" not in response.text and "[project]" not in response.text


def test_assets_are_served(client: TestClient) -> None:
    assert "DL" in client.get("/static/viewer.js").text
    if vis_dir() is None:
        pytest.skip("node_modules/vis-timeline is absent; run `npm ci`")
    assert client.get("/vendor/vis-timeline/vis-timeline-graph2d.min.js").status_code == 200


def test_serve_refuses_a_public_host_without_token(db: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "--token" in result.output


def test_serve_needs_an_existing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "datelines demo" in result.output


def test_comparison_index_finds_event_ids_anywhere() -> None:
    comparison = {"conflicts": [{"explanation": "A says 3 March; B says 4 March",
                                 "claims": [{"event": "a1"}, {"event": "b1"}]}],
                  "alignments": [{"events": [{"event": "a1"}, {"event": "b1"}]}]}
    index = comparison_index(comparison, {"a1", "b1"})
    assert index["conflicts"]["a1"] == [{"label": "A says 3 March; B says 4 March",
                                         "events": ["b1"]}]
    assert index["versions"]["b1"] == ["a1"]


def test_segments_split_overlapping_spans() -> None:
    cut = segments("abcdef", 0, [(1, 4, "x"), (3, 6, "y")])
    assert [(s["text"], s["events"]) for s in cut] == [
        ("a", []), ("bc", ["x"]), ("d", ["x", "y"]), ("ef", ["y"])]


def test_timeline_cache_patched_after_writes_matches_a_rebuild(db: Path) -> None:
    from datelines.serve import views
    from datelines.store.store import Store

    app = make_app(db, secret=SECRET)
    client = TestClient(app, base_url=BASE)
    assert len(client.get("/timeline.json").json()["events"]) == 6  # cached now
    post(client, "/api/event/b1/edit", {"date": "1962-05-01", "kind": "walkout"})
    post(client, "/api/event/a2/reject", {})
    post(client, "/api/event/a3/split", {"at": DOCKS_A.index(", reportedly")})
    post(client, "/api/merge", {"keep": "b1", "other": "b2"})
    post(client, "/api/undo", {})  # the merge, both halves
    patched = client.get("/timeline.json").json()
    with Store.open(db) as store:
        fresh = views.timeline(store, index=app.state.viewer.index(store))
    assert {e["id"]: e for e in patched["events"]} == {e["id"]: e for e in fresh["events"]}
    by_id = {e["id"]: e for e in patched["events"]}
    assert by_id["b1"]["start"] == "1962-05-01" and "a2" not in by_id
    assert "b2" in by_id and "walkout" in patched["kinds"]
