"""Serve stage: the local web viewer as a Starlette app over one database file.

Consumes a datelines database (:class:`~datelines.store.store.Store`) and serves its
pages, each with a ``.json`` twin holding the same data (:mod:`.views` builds both):
``/timeline``, ``/event/{id}``, ``/document/{source}``, ``/entity/{id}``,
``/entities``, ``/search?q=``. Review goes through POST ``/api/...`` endpoints that call
:mod:`datelines.review`; every one needs the per-server CSRF secret (:mod:`.security`).
Only two folders are served as files: the package's ``static/`` and vis-timeline's
``standalone/umd/`` under ``node_modules``.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from datelines import review
from datelines.errors import DatelinesError, MissingError
from datelines.model import Event
from datelines.serve import views
from datelines.serve.comparing import Comparer
from datelines.serve.security import LOOPBACK_NAMES, Guard, csrf_cookie
from datelines.store.codec import event_to_dict
from datelines.store.store import Store

HERE = Path(__file__).resolve().parent
VIS_PARTS = ("node_modules", "vis-timeline", "standalone", "umd")
VIS_FILE = "vis-timeline-graph2d.min.js"
JSON = dict[str, Any]
Page = Callable[["Viewer", Store, Request], JSON | None]


def vis_dir(start: Path | None = None) -> Path | None:
    """vis-timeline's ``standalone/umd`` folder beside the checkout (or ``None``).

    Looks in the folders above this package, then above the working directory.
    """
    for base in (start or HERE, Path.cwd()):
        for folder in (base, *base.parents):
            candidate = folder.joinpath(*VIS_PARTS)
            if (candidate / VIS_FILE).is_file():
                return candidate
    return None


class Viewer:
    """What the routes share: the database path, the CSRF secret, the comparison."""

    def __init__(self, db: str | Path, *, secret: str, compare: bool = True) -> None:
        self.db, self.secret = str(db), secret
        self.version = 0  # bumped by every review write
        self.comparer = Comparer(self.db, enabled=compare)
        self._timeline: tuple[tuple[Any, ...], JSON] | None = None

    def fingerprint(self, store: Store) -> tuple[Any, ...]:
        """Changes whenever the stored timeline may have: a review, an added source.

        Reviews are audited and adding a document stamps its source, so a few
        aggregates tell, also after another program wrote to the database.
        """
        row = store.db.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT max(rowid) FROM events), "
            "(SELECT max(id) FROM audit), (SELECT count(*) FROM sources), "
            "(SELECT max(rowid) FROM sources), (SELECT max(added_at) FROM sources), "
            "(SELECT count(*) FROM eras)"
        ).fetchone()
        return (self.version, *row)

    def timeline(self, store: Store) -> JSON:
        """The timeline data, rebuilt only when the database or the comparison changed."""
        index = self.index(store)
        key = self._key(store, index)
        if self._timeline is None or self._timeline[0] != key:
            self._timeline = (key, views.timeline(store, index=index))
        return self._timeline[1]

    def _key(self, store: Store, index: JSON) -> tuple[Any, ...]:
        return (*self.fingerprint(store), index.get("state"), len(index.get("conflicts", ())))

    def patch(self, store: Store, before: tuple[Any, ...], ids: set[str]) -> None:
        """After our own write: update the cached timeline's changed events in place.

        Only when the cache was current just before the write (``before``); else the
        next page load rebuilds it whole.
        """
        if self._timeline is None or self._timeline[0][:len(before)] != before:
            return
        key, data = self._timeline
        index = self.index(store)
        conflicts = index.get("conflicts", {})
        shown = [e for e in map(lambda i: _shown(store, i), sorted(ids)) if e is not None]
        kept = [{**item, "conflict": bool(conflicts.get(item["id"]))}
                for item in data["events"] if item["id"] not in ids]
        kept += [views.timeline_item(event, conflicts) for event in shown]
        kept.sort(key=lambda i: (i["start"] is None, i["start"] or "", i["end"] or "",
                                 i["source"]))
        for item in kept:
            if item["id"] in ids:
                data["kinds"] = sorted({*data["kinds"], item["kind"]})
                data["participants"] = sorted({*data["participants"], *item["participants"]})
                data["places"] = sorted({*data["places"], *item["places"]})
        data = {**data, "events": kept, "comparison": index.get("state", "unavailable"),
                "undated": sum(1 for i in kept if not i["start"])}
        self._timeline = (self._key(store, index), data)

    @contextmanager
    def store(self) -> Iterator[Store]:
        """One connection per request (requests may come from several threads)."""
        with Store.open(self.db) as store:
            yield store

    def index(self, store: Store) -> JSON:
        """Conflicts and other versions per event id (see :mod:`.comparing`)."""
        count = store.db.execute("SELECT count(*) FROM events").fetchone()[0]
        return self.comparer.index(self.version, int(count))


def _timeline(viewer: Viewer, store: Store, request: Request) -> JSON | None:
    return viewer.timeline(store)


def _event(viewer: Viewer, store: Store, request: Request) -> JSON | None:
    data = views.event_page(store, request.path_params["id"], index=viewer.index(store))
    if data is not None:
        data["audit"] = [
            {"at": row.at, "who": row.who, "action": row.action, "undone": row.undone}
            for row in store.audit(request.path_params["id"])
        ]
    return data


def _document(viewer: Viewer, store: Store, request: Request) -> JSON | None:
    return views.document_page(store, request.path_params["id"])


def _entity(viewer: Viewer, store: Store, request: Request) -> JSON | None:
    return views.entity_page(store, request.path_params["id"])


def _entities(viewer: Viewer, store: Store, request: Request) -> JSON | None:
    return views.entities_page(store)


def _search(viewer: Viewer, store: Store, request: Request) -> JSON | None:
    query = request.query_params.get("q", "")
    data = views.search_page(store, query)
    data["matching_events"] = [
        {"id": e.id, "source": e.source, "value": e.date.value, "summary": e.summary}
        for e in (store.search_events(query) if query.strip() else [])
    ]
    return data


def _twin(
    path: str, page: Page, template: str, viewer: Viewer, templates: Jinja2Templates
) -> list[BaseRoute]:
    """The HTML page and its ``.json`` twin, built from the same data."""

    async def as_json(request: Request) -> Response:
        with viewer.store() as store:
            data = page(viewer, store, request)
        if data is None:
            return JSONResponse({"error": "not found"}, 404)
        return JSONResponse(data)

    async def as_html(request: Request) -> Response:
        with viewer.store() as store:
            data = page(viewer, store, request)
        if data is None:
            return templates.TemplateResponse(
                request, "missing.html", {"csrf": viewer.secret, "path": request.url.path},
                status_code=404,
            )
        response = templates.TemplateResponse(
            request, template, {"data": data, "csrf": viewer.secret}
        )
        csrf_cookie(response, viewer.secret)
        return response

    return [Route(path + ".json", as_json), Route(path, as_html)]


Action = Callable[[Store, JSON, Request], Any]


def _post(viewer: Viewer, action: Action) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            return JSONResponse({"error": "send a JSON object"}, 400)
        try:
            with viewer.store() as store:
                before = viewer.fingerprint(store)
                result = action(store, body, request)
                viewer.version += 1
                viewer.patch(store, before, _touched(result))
        except MissingError as err:
            return JSONResponse({"error": str(err)}, 404)
        except DatelinesError as err:
            return JSONResponse({"error": str(err)}, 400)
        return JSONResponse({"ok": True, **result})

    return endpoint


def _shown(store: Store, event_id: str) -> Event | None:
    """The event as timelines show it: None when gone or rejected."""
    try:
        event = store.event(event_id)
    except MissingError:
        return None
    return None if event.status == "rejected" else event


def _touched(result: JSON) -> set[str]:
    """The ids of the events a review action changed, from its JSON answer."""
    ids: set[str] = set()
    for event in [result.get("event"), *result.get("events", [])]:
        if isinstance(event, dict):
            ids.add(str(event["id"]))
    for row in result.get("undone", []):
        ids.update(str(i) for i in row.get("ids", []))
    return ids


def _original(store: Store, source: str, start: int, end: int, basis: str) -> tuple[int, int]:
    if basis != "text":
        return start, end
    document = store.document(source)
    if not 0 <= start < end <= len(document.text):
        raise review.ReviewError(f"the selection {start}-{end} is outside the text; "
                                 "select words inside the document")
    return document.to_original(start, end)


def _actions() -> dict[str, Action]:
    def one(event: Any) -> JSON:
        return {"event": event_to_dict(event)}

    def split(store: Store, body: JSON, request: Request) -> JSON:
        event_id = request.path_params["id"]
        at = int(body.get("at", -1))
        if body.get("basis") == "text":
            document = store.document(store.event(event_id).source)
            at = document.to_original(at, at + 1)[0]
        first, second = review.split(store, event_id, at)
        return {"events": [event_to_dict(first), event_to_dict(second)]}

    def add(store: Store, body: JSON, request: Request) -> JSON:
        source = str(body.get("source", ""))
        start, end = _original(store, source, int(body.get("start", 0)),
                               int(body.get("end", 0)), str(body.get("basis", "")))
        return one(review.add(store, source, start, end, date=str(body.get("date", "")),
                              kind=str(body.get("kind") or "other"),
                              summary=body.get("summary")))

    def undo(store: Store, body: JSON, request: Request) -> JSON:
        rows = review.undo(store)
        return {"undone": [
            {"action": r.action, "event": r.event,
             "ids": sorted({r.event} | ({r.after["id"]} if r.after else set()))}
            for r in rows
        ]}

    return {
        "accept": lambda s, b, r: one(review.accept(s, r.path_params["id"])),
        "reject": lambda s, b, r: one(review.reject(s, r.path_params["id"])),
        "edit": lambda s, b, r: one(review.edit(
            s, r.path_params["id"], date=b.get("date"), kind=b.get("kind"),
            summary=b.get("summary"), participants=b.get("participants"),
            figures=b.get("figures"))),
        "merge": lambda s, b, r: one(review.merge(s, str(b.get("keep", "")),
                                                  str(b.get("other", "")))),
        "split": split,
        "add": add,
        "undo": undo,
    }


def make_app(
    db: str | Path,
    *,
    token: str | None = None,
    allowed_hosts: tuple[str, ...] | None = LOOPBACK_NAMES,
    secret: str | None = None,
    compare: bool = True,
) -> Starlette:
    """The viewer app for the database ``db`` (opened afresh for every request).

    ``token``: when given, every request must carry it (``?token=`` once, then a
    cookie, or ``Authorization: Bearer``). ``allowed_hosts``: the ``Host`` names
    answered (``None``: any, for a token-protected server on the network).
    ``compare``: show conflicts and other versions from the reconcile stage.
    """
    viewer = Viewer(db, secret=secret or secrets.token_urlsafe(32), compare=compare)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True
    )
    templates = Jinja2Templates(env=env)
    pages: list[tuple[str, Page, str]] = [
        ("/timeline", _timeline, "timeline.html"),
        ("/event/{id:path}", _event, "event.html"),
        ("/document/{id}", _document, "document.html"),
        ("/entity/{id:path}", _entity, "entity.html"),
        ("/entities", _entities, "entities.html"),
        ("/search", _search, "search.html"),
    ]
    routes: list[BaseRoute] = [Route("/", lambda r: RedirectResponse("/timeline", 307))]
    for path, page, template in pages:
        routes += _twin(path, page, template, viewer, templates)
    actions = _actions()
    for name in ("accept", "reject", "edit", "split"):
        routes.append(Route(f"/api/event/{{id:path}}/{name}", _post(viewer, actions[name]),
                            methods=["POST"]))
    for name in ("merge", "add", "undo"):
        routes.append(Route(f"/api/{name}", _post(viewer, actions[name]), methods=["POST"]))
    routes.append(Mount("/static", StaticFiles(directory=HERE / "static"), name="static"))
    vis = vis_dir()
    if vis is not None:
        routes.append(Mount("/vendor/vis-timeline", StaticFiles(directory=vis), name="vis"))
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:  # warm the timeline (and start comparing) before the first visitor
            with viewer.store() as store:
                viewer.timeline(store)
        except DatelinesError:  # the page will say what is wrong
            pass
        yield
        viewer.comparer.close()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.viewer = viewer
    app.add_middleware(Guard, csrf_secret=viewer.secret, token=token,
                       allowed_hosts=allowed_hosts)
    return app
