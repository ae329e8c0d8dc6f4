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
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
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
from datelines.errors import DatelinesError
from datelines.serve import views
from datelines.serve.security import LOOPBACK_NAMES, Guard, csrf_cookie
from datelines.store.codec import event_to_dict
from datelines.store.store import MissingError, Store

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
    """What the routes share: the database path, the CSRF secret, a cached comparison."""

    def __init__(self, db: str | Path, *, secret: str) -> None:
        self.db, self.secret = str(db), secret
        self.version = 0  # bumped by every review write
        self._index: tuple[int, JSON] | None = None

    @contextmanager
    def store(self) -> Iterator[Store]:
        """One connection per request (requests may come from several threads)."""
        with Store.open(self.db) as store:
            yield store

    def index(self, store: Store) -> JSON:
        """Conflicts and other versions per event id, from the reconcile stage."""
        if self._index is not None and self._index[0] == self.version:
            return self._index[1]
        comparison: JSON | None = None
        try:
            from datelines.reconcile import compare
        except ImportError:  # the reconcile stage is optional for the viewer
            compare = None
        if compare is not None:
            events, sources = store.events(), store.sources()
            if events:
                texts = {s.id: store.document(s.id).original for s in sources}
                comparison = compare(sources, events, entities=store.entities(),
                                     texts=texts).to_dict()
        known = {e.id for e in store.events()} if comparison else set()
        index = views.comparison_index(comparison, known)
        self._index = (self.version, index)
        return index


def _timeline(viewer: Viewer, store: Store, request: Request) -> JSON | None:
    return views.timeline(store, index=viewer.index(store))


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
                result = action(store, body, request)
        except MissingError as err:
            return JSONResponse({"error": str(err)}, 404)
        except DatelinesError as err:
            return JSONResponse({"error": str(err)}, 400)
        viewer.version += 1
        return JSONResponse({"ok": True, **result})

    return endpoint


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
        return {"undone": [{"action": r.action, "event": r.event} for r in rows]}

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
) -> Starlette:
    """The viewer app for the database ``db`` (opened afresh for every request).

    ``token``: when given, every request must carry it (``?token=`` once, then a
    cookie, or ``Authorization: Bearer``). ``allowed_hosts``: the ``Host`` names
    answered (``None``: any, for a token-protected server on the network).
    """
    viewer = Viewer(db, secret=secret or secrets.token_urlsafe(32))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True
    )
    templates = Jinja2Templates(env=env)
    pages: list[tuple[str, Page, str]] = [
        ("/timeline", _timeline, "timeline.html"),
        ("/event/{id}", _event, "event.html"),
        ("/document/{id}", _document, "document.html"),
        ("/entity/{id}", _entity, "entity.html"),
        ("/entities", _entities, "entities.html"),
        ("/search", _search, "search.html"),
    ]
    routes: list[BaseRoute] = [Route("/", lambda r: RedirectResponse("/timeline", 307))]
    for path, page, template in pages:
        routes += _twin(path, page, template, viewer, templates)
    actions = _actions()
    for name in ("accept", "reject", "edit", "split"):
        routes.append(Route(f"/api/event/{{id}}/{name}", _post(viewer, actions[name]),
                            methods=["POST"]))
    for name in ("merge", "add", "undo"):
        routes.append(Route(f"/api/{name}", _post(viewer, actions[name]), methods=["POST"]))
    routes.append(Mount("/static", StaticFiles(directory=HERE / "static"), name="static"))
    vis = vis_dir()
    if vis is not None:
        routes.append(Mount("/vendor/vis-timeline", StaticFiles(directory=vis), name="vis"))
    app = Starlette(routes=routes)
    app.state.viewer = viewer
    app.add_middleware(Guard, csrf_secret=viewer.secret, token=token,
                       allowed_hosts=allowed_hosts)
    return app
