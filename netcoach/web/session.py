"""Who the current script run acts for, and that member's service.

The signed-in member is decided once per script run by app.py and handed to
the page through a context variable that only app.py sets. Pages never take a
member from a widget, the URL or session state, and a page file run on its own
(Streamlit runs `pages/*.py` directly until a session has called
`st.navigation` in this process) finds no member and stops.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
import runpy
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from netcoach.config import store_location, system_today
from netcoach.service import MemberService, MemberServices
from netcoach.storage import data_dir
from netcoach.team import TeamRole
from netcoach.web.ui import saving

HOME_PAGE = "app.py"
APP_FILE = Path(__file__).resolve().parents[2] / HOME_PAGE


@dataclasses.dataclass(frozen=True)
class Member:
    """Who the current script run acts for."""

    member_id: str
    name: str = ""
    email: str = ""
    local: bool = True
    role: TeamRole = TeamRole.MEMBER  # a local dashboard's one member is a member


_CURRENT: contextvars.ContextVar[Member | None] = contextvars.ContextVar("netcoach_member", default=None)


@contextlib.contextmanager
def acting_for(member: Member) -> Iterator[None]:
    """Run a page on behalf of `member`; only app.py calls this."""
    token = _CURRENT.set(member)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def guard(role: TeamRole = TeamRole.MEMBER) -> Member:
    """First line of every page: the member, or the page stops here.

    `role` is who the page is for; anyone else is refused, whatever the URL.

    Until some session has called `st.navigation` in this process, Streamlit
    runs a requested `pages/*.py` file directly, skipping app.py and its
    sign-in gate. A page reached that way hands the run to app.py, which
    decides who (if anyone) may see it, and then stops itself.
    """
    member = _CURRENT.get()
    if member is not None:
        if member.role == role:
            return member
        st.error("This page is not available to your account.", icon=":material/block:")
        st.page_link(HOME_PAGE, label="Back to netcoach", icon=":material/home:")
        st.stop()
    if PagesManager.uses_pages_directory:
        runpy.run_path(str(APP_FILE), run_name="__main__")
    else:
        st.warning("Please open netcoach from its start page.")
        st.page_link(HOME_PAGE, label="Open netcoach", icon=":material/home:")
    st.stop()
    raise AssertionError("st.stop() returned")  # pragma: no cover


@st.cache_resource(show_spinner=False)
def member_services(root: str) -> MemberServices:
    # Shared by every session, so all sessions of a member share one service: its
    # store's locks and its in-memory copy of the file (and the team instance uses it too).
    return MemberServices(data_dir(root), today=system_today)


def member_handle(root: str, member_id: str) -> MemberService:
    """The member's shared service (a new one once a deleted account is started again)."""
    return member_services(root).get(member_id)


def service() -> MemberService:
    """The current member's service; the member comes from app.py, never from the browser.

    Every call goes through `saving()`, so a full disk or a broken file shows
    a message where the person acted instead of a traceback, and no page needs
    its own try/except for faults.
    """
    member_service_ = member_handle(store_location(), guard().member_id)
    return cast(MemberService, FaultShowingService(member_service_))


class FaultShowingService:
    """A member's service whose every method runs inside `saving()`."""

    def __init__(self, service: MemberService):
        self._service = service

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._service, name)
        if not callable(value):
            return value

        @functools.wraps(value)
        def call(*args: Any, **kwargs: Any) -> Any:
            with saving():
                return value(*args, **kwargs)
            return None  # reached only when a widget callback's save failed: `saving()` noted it

        return call
