"""The plain web addresses the dashboard's own server answers beside its pages.

A calendar app subscribing to a feed, and a mail client's one-click
unsubscribe, come without a browser session and without signing in: the long
secret in the address is what lets them in, and it reaches one member's file
only. A wrong, made-up or switched-off address gets the same bare 404 as an
address that never existed, so a guess learns nothing.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from netcoach.config import store_location
from netcoach.outreach.links import CALENDAR_ROUTE, UNSUBSCRIBE_ROUTE, calendar_path, unsubscribe_path
from netcoach.service import MemberService
from netcoach.storage import StoreError
from netcoach.web.access import app_url_setting
from netcoach.web.session import member_services

# Nothing personal may sit in a shared cache, and a switched-off link must stop at once.
PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer"}

__all__ = ["ROUTES", "calendar_path", "unsubscribe_path"]

_LOG = logging.getLogger(__name__)
T = TypeVar("T")


def _not_found() -> Response:
    return PlainTextResponse("Not found", status_code=404, headers=PRIVATE)


def _unavailable() -> Response:
    return PlainTextResponse(
        "netcoach cannot read this data right now; nothing was changed. Try again later.",
        status_code=503,
        headers={**PRIVATE, "Retry-After": "300"},
    )


def _app_url(request: Request) -> str:
    """Where links in a feed point: the configured address, else the one this request came to."""
    return app_url_setting() or str(request.base_url).rstrip("/")


async def _for_holder(request: Request, act: Callable[[MemberService, str], T]) -> T | Response | None:
    """Run `act` with the member the token names and its secret, in a worker thread (the store blocks)."""
    token = str(request.path_params.get("token", ""))
    found = member_services(store_location()).holder_of(token)
    if found is None:
        return None
    service, secret = found
    try:
        return await run_in_threadpool(act, service, secret)
    except (StoreError, OSError) as error:
        _LOG.warning("private link for %s not served: %s", service.member_id, error)
        return _unavailable()


async def calendar_feed(request: Request) -> Response:
    """The member's calendar, for a calendar app that subscribed to their private link."""
    app_url = _app_url(request)
    result = await _for_holder(request, lambda service, secret: service.calendar_feed(secret, app_url))
    if isinstance(result, Response):
        return result
    if result is None:
        return _not_found()
    body = b"" if request.method == "HEAD" else result
    return Response(body, media_type="text/calendar; charset=utf-8", headers=PRIVATE)


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>netcoach digests</title>
<style>body{{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}
button{{font-size:1rem;padding:.7rem 1.2rem;border-radius:.5rem;border:0;background:#1f6f5c;color:#fff}}</style>
</head><body><h1>netcoach digests</h1>{body}</body></html>"""


def _page(body: str, status: int = 200) -> Response:
    return HTMLResponse(_PAGE.format(body=body), status_code=status, headers=PRIVATE)


async def unsubscribe(request: Request) -> Response:
    """Stop one member's digests without signing in.

    A mail client's one-click unsubscribe (RFC 8058) POSTs to the link; a
    person who opens it in a browser gets a button first, so a mail scanner
    that follows every link does not unsubscribe anyone by looking.
    """
    if request.method == "GET":
        known = await _for_holder(request, lambda service, secret: service.holds_unsubscribe_secret(secret))
        if not known:
            return _not_found()
        if isinstance(known, Response):
            return known
        action = html.escape(str(request.url.path), quote=True)
        return _page(
            "<p>Stop the weekly and daily emails from netcoach? Your data and your calendar link stay as they are.</p>"
            f'<form method="post" action="{action}"><button type="submit">Unsubscribe</button></form>'
        )
    done = await _for_holder(request, lambda service, secret: service.unsubscribe(secret))
    if isinstance(done, Response):
        return done
    if not done:
        return _not_found()
    return _page(
        "<p>Done: netcoach sends you no more digests. You can switch them on again under Settings in the app.</p>"
    )


ROUTES = [
    Route(CALENDAR_ROUTE, calendar_feed, methods=["GET", "HEAD"]),
    Route(UNSUBSCRIBE_ROUTE, unsubscribe, methods=["GET", "POST"]),
]
