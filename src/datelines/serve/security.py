"""Serve stage: the viewer's guards, as one ASGI middleware.

Consumes every HTTP request before the routes see it and either passes it on or
answers it: a ``Host`` header outside the allowed names gets 400 (a DNS-rebinding page
cannot talk to the local server), a missing or wrong access token gets 401 when the
server was started with ``--token``, and a state-changing request (POST, PUT, PATCH,
DELETE) without the per-server CSRF secret in its ``X-CSRF-Token`` header gets 403.
Every answer carries a strict Content-Security-Policy (no inline script), so even a
rendering bug could not run text from a source.
"""

from __future__ import annotations

import hmac
import ipaddress
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlencode

from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from datelines.errors import DatelinesError

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
TOKEN_COOKIE = "datelines_token"
CSRF_COOKIE = "datelines_csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def is_loopback(host: str) -> bool:
    """True for an address or name that only this machine can reach.

    >>> [is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "0.0.0.0", "10.0.0.5")]
    [True, True, True, False, False]
    """
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve beyond this machine without an access token.

    >>> check_bind("0.0.0.0", None)
    Traceback (most recent call last):
    ...
    datelines.errors.DatelinesError: cannot serve on '0.0.0.0' without a token: other machines could read and edit the database; pass --token SECRET or use --host 127.0.0.1
    """
    if not is_loopback(host) and not token:
        raise DatelinesError(
            f"cannot serve on '{host}' without a token: other machines could read and "
            "edit the database; pass --token SECRET or use --host 127.0.0.1"
        )


def _hostname(value: str) -> str:
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _same(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


class Guard:
    """ASGI middleware: allowed hosts, optional access token, CSRF on writes."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        csrf_secret: str,
        token: str | None = None,
        allowed_hosts: tuple[str, ...] | None = LOOPBACK_NAMES,
    ) -> None:
        self.app = app
        self.csrf_secret = csrf_secret
        self.token = token
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        response = self._refuse(scope, headers)
        if response is not None:
            await response(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _refuse(self, scope: Scope, headers: dict[str, str]) -> Response | None:
        host = _hostname(headers.get("host", ""))
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            return PlainTextResponse(
                f"host '{host}' is not served here; open http://127.0.0.1/", 400
            )
        cookies = SimpleCookie()
        cookies.load(headers.get("cookie", ""))
        if self.token is not None:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            bearer = headers.get("authorization", "").removeprefix("Bearer ").strip()
            cookie = cookies[TOKEN_COOKIE].value if TOKEN_COOKIE in cookies else None
            if _same(query.get("token", [None])[0], self.token):
                rest = urlencode({k: v for k, v in query.items() if k != "token"}, doseq=True)
                response = RedirectResponse(scope["path"] + ("?" + rest if rest else ""), 303)
                response.set_cookie(TOKEN_COOKIE, self.token, httponly=True,
                                    samesite="strict")
                return response
            if not (_same(bearer or None, self.token) or _same(cookie, self.token)):
                return PlainTextResponse(
                    "a token is required; open the address printed by "
                    "'datelines serve' (it ends with ?token=...)", 401
                )
        if scope["method"] in UNSAFE_METHODS and not _same(
            headers.get(CSRF_HEADER), self.csrf_secret
        ):
            return PlainTextResponse(
                "missing or wrong CSRF token; reload the page and try again", 403
            )
        return None


def csrf_cookie(response: Response, secret: str, **_: Any) -> None:
    """Set the CSRF secret as a same-site cookie beside the page's meta tag."""
    response.set_cookie(CSRF_COOKIE, secret, samesite="strict")
