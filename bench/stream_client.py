"""A member's browser reduced to what the server sees: Streamlit's websocket protocol, spoken from Python.

The browser talks to a Streamlit server over one websocket
(`/_stcore/stream`): it sends a `BackMsg` whose `rerun_script` carries the
page (`page_script_hash`), the query string and the widgets' values, and the
server answers with a stream of `ForwardMsg`s (a `new_session` at the start
of every script run, `delta`s for what the page shows, `script_finished` at
the end). This client sends the same messages and reads the same answers,
so a load of many members costs the server what many browsers would, while
costing the machine a fraction of what Chromium does.

Sign-in is the real one: the "Sign in" button is pressed over the
websocket, the server answers with the provider's address
(`auth_redirect`), and plain HTTP follows the redirects, submits the
provider's form and keeps the auth cookie, which the next websocket
presents exactly as a browser would.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
import time
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

XSRF_COOKIE = "_streamlit_xsrf"
FINISHED = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR)
RUN_TIMEOUT_S = 120.0


class ProtocolError(RuntimeError):
    """The server answered something a browser would not have expected."""


@dataclasses.dataclass(frozen=True)
class Widget:
    """One widget the page showed: its kind (the element's proto field), id, label and form."""

    kind: str
    id: str
    label: str
    form_id: str = ""


@dataclasses.dataclass
class Run:
    """What one script run showed, and how long the member waited for it."""

    elapsed_ms: float
    widgets: list[Widget] = dataclasses.field(default_factory=list)
    texts: list[str] = dataclasses.field(default_factory=list)
    auth_redirect: str = ""
    pages: dict[str, str] = dataclasses.field(default_factory=dict)  # url path -> page script hash
    exception: str = ""

    def widget(self, label: str, kind: str | None = None) -> Widget:
        for widget in self.widgets:
            if widget.label == label and (kind is None or widget.kind == kind):
                return widget
        raise ProtocolError(f"no widget labelled {label!r} on the page: {[w.label for w in self.widgets]}")

    def shows(self, needle: str) -> bool:
        return any(needle in text for text in self.texts)


# What a widget's value is called on the wire, by the element it came in.
def widget_state(widget: Widget, value: Any) -> WidgetState:
    state = WidgetState(id=widget.id)
    if widget.kind == "button":
        state.trigger_value = bool(value)
    elif widget.kind in ("text_input", "text_area"):
        state.string_value = str(value)
    elif widget.kind in ("button_group", "multiselect"):
        state.string_array_value.data.extend(str(v) for v in value)
    elif widget.kind == "checkbox":
        state.bool_value = bool(value)
    else:
        raise ProtocolError(f"this client does not fill {widget.kind} widgets")
    return state


def _collect(element: Any, run: Run) -> None:
    kind = element.WhichOneof("type")
    if kind is None:
        return
    body = getattr(element, kind)
    fields = body.DESCRIPTOR.fields_by_name
    if "id" in fields and "label" in fields and body.id:
        form_id = body.form_id if "form_id" in fields else ""
        run.widgets.append(Widget(kind, body.id, body.label, form_id))
    for name in ("body", "label"):
        if name in fields and isinstance(getattr(body, name), str) and getattr(body, name):
            run.texts.append(getattr(body, name))
    if kind == "exception":
        run.exception = f"{body.type}: {body.message}"


class StreamSession:
    """One websocket session on one server, as one browser tab holds it."""

    def __init__(self, base: str, cookies: dict[str, str]) -> None:
        self.base = base.rstrip("/")
        self.cookies = cookies
        self.pages: dict[str, str] = {}
        self._ws: Any = None
        self._queue: asyncio.Queue[ForwardMsg | None] = asyncio.Queue()
        self._reader: asyncio.Task[None] | None = None

    async def connect(self) -> None:
        parts = urlsplit(self.base)
        url = f"ws://{parts.netloc}/_stcore/stream"
        xsrf = self.cookies.get(XSRF_COOKIE, "")
        headers = {"Origin": self.base}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self._ws = await websockets.connect(
            url,
            subprotocols=[websockets.Subprotocol("streamlit"), websockets.Subprotocol(xsrf)] if xsrf else None,
            additional_headers=headers,
            max_size=None,
            compression=None,
            open_timeout=RUN_TIMEOUT_S,
            ping_interval=None,
        )
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            async for data in self._ws:
                msg = ForwardMsg()
                msg.ParseFromString(data)
                self._queue.put_nowait(msg)
        except websockets.ConnectionClosed:
            pass
        finally:
            self._queue.put_nowait(None)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            await self._reader

    async def run(
        self, page: str = "", widgets: Iterable[WidgetState] = (), query: str = "", timeout: float = RUN_TIMEOUT_S
    ) -> Run:
        """Ask for a run of the page whose url path is `page` ("" is the default page), with `widgets` set."""
        back = BackMsg()
        back.rerun_script.query_string = query
        back.rerun_script.page_script_hash = self.pages.get(page, "")
        back.rerun_script.page_name = page
        back.rerun_script.widget_states.widgets.extend(widgets)
        started = time.perf_counter()
        await self._ws.send(back.SerializeToString())
        run = Run(0.0)
        async with asyncio.timeout(timeout):
            while True:
                msg = await self._queue.get()
                if msg is None:
                    raise ProtocolError("the server closed the connection during a run")
                kind = msg.WhichOneof("type")
                if kind == "new_session":
                    run = Run(0.0, auth_redirect=run.auth_redirect)  # a rerun started: its page replaces the last
                elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    _collect(msg.delta.new_element, run)
                elif kind == "navigation":
                    self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
                elif kind == "auth_redirect":
                    run.auth_redirect = msg.auth_redirect.url
                elif kind == "script_finished" and msg.script_finished in FINISHED:
                    run.elapsed_ms = (time.perf_counter() - started) * 1000
                    run.pages = dict(self.pages)
                    return run


def _hidden_inputs(html: str) -> dict[str, str]:
    found = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and 'type="hidden"' in tag:
            found[name.group(1)] = value.group(1) if value else ""
    return found


async def sign_in(
    base: str, subject: str, timeout: float = RUN_TIMEOUT_S, extra_cookies: dict[str, str] | None = None
) -> dict[str, str]:
    """Sign `subject` in the way a browser does; return the cookies the app's websocket needs.

    `extra_cookies` go with every request (a load balancer's route cookie, say).
    """
    extra = extra_cookies or {}
    async with httpx.AsyncClient(timeout=timeout, follow_redirects=False, cookies=extra) as http:
        health = await http.get(f"{base}/_stcore/health")
        health.raise_for_status()
        xsrf = health.cookies.get(XSRF_COOKIE) or http.cookies.get(XSRF_COOKIE) or ""
        session = StreamSession(base, {**extra, XSRF_COOKIE: xsrf})
        await session.connect()
        try:
            page = await session.run()
            button = page.widget("Sign in", "button")
            pressed = await session.run(widgets=[widget_state(button, True)])
        finally:
            await session.close()
        if not pressed.auth_redirect:
            raise ProtocolError("pressing Sign in did not lead to the provider")
        url = urljoin(base + "/", pressed.auth_redirect)
        answer = await _follow(http, url)
        # The provider's page: submit its form with the subject typed in, as a person would.
        form = {**_hidden_inputs(answer.text), "sub": subject}
        answer = await http.post(str(answer.url), data=form)
        answer = await _follow(http, str(answer.headers.get("location", "")), answer)
        cookies = {name: value for name, value in http.cookies.items() if name.startswith("_streamlit")}
        if not any(name.startswith("_streamlit_user") for name in cookies):
            raise ProtocolError(f"no auth cookie after signing in {subject}; last answer {answer.status_code}")
        cookies[XSRF_COOKIE] = xsrf
        return cookies


async def _follow(http: httpx.AsyncClient, url: str, answer: httpx.Response | None = None) -> httpx.Response:
    """GET `url` and every redirect after it, each relative to the answer before."""
    for _ in range(10):
        if not url:
            break
        if answer is not None:
            url = urljoin(str(answer.url), url)
        answer = await http.get(url)
        if answer.status_code not in (301, 302, 303, 307, 308):
            return answer
        url = answer.headers.get("location", "")
    if answer is None:
        raise ProtocolError("nothing to follow")
    return answer


def form_submit(run: Run, values: dict[str, Any], submit_label: str) -> Sequence[WidgetState]:
    """The widget states a browser sends when a form with `values` typed in is submitted."""
    button = run.widget(submit_label, "button")
    states = [
        widget_state(w, values[w.label]) for w in run.widgets if w.label in values and w.form_id == button.form_id
    ]
    missing = set(values) - {w.label for w in run.widgets if w.form_id == button.form_id}
    if missing:
        raise ProtocolError(f"the form has no {sorted(missing)}")
    return [*states, widget_state(button, True)]
