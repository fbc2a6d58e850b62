"""Small Streamlit helpers shared by app.py and the pages.

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
import datetime as dt
import functools
import runpy
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, cast

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from netcoach import member_text, storage
from netcoach.config import data_root
from netcoach.models import Conversation, Person, ValidationError
from netcoach.service import MemberService, member_service
from netcoach.storage import StoreError

HOME_PAGE = "app.py"
APP_FILE = Path(__file__).resolve().parents[2] / HOME_PAGE


@dataclasses.dataclass(frozen=True)
class Member:
    """Who the current script run acts for."""

    member_id: str
    name: str = ""
    email: str = ""
    local: bool = True
    role: str = "member"  # or "coordinator" on a team instance


_CURRENT: contextvars.ContextVar[Member | None] = contextvars.ContextVar("netcoach_member", default=None)


@contextlib.contextmanager
def acting_for(member: Member) -> Iterator[None]:
    """Run a page on behalf of `member`; only app.py calls this."""
    token = _CURRENT.set(member)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def guard(role: str = "member") -> Member:
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
def cached_service(root: str, member_id: str) -> MemberService:
    # Shared by every session of the same member, so they also share the
    # store's locks and its in-memory copy of the file.
    return member_service(root, member_id)


def service() -> MemberService:
    """The current member's service; the member comes from app.py, never from the browser.

    Every call goes through `saving()`, so a full disk or a broken file shows
    a message where the person acted instead of a traceback, and no page needs
    its own try/except for faults.
    """
    member_service_ = cached_service(str(data_root().resolve()), guard().member_id)
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


_FLASH_KEY = "_netcoach_flash"
_FAULT_KEY = "_netcoach_fault"


def fault_message(error: BaseException) -> str:
    """What happened, in words, and that nothing was saved.

    The store's own errors already say this; any other operating-system error
    (disk full, permission denied, read-only file system) gets a generic line
    naming the cause.
    """
    if isinstance(error, StoreError):
        return str(error)
    cause = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return f"Could not write your data ({cause}); nothing was saved."


def show_fault(error: BaseException) -> None:
    st.error(escape(fault_message(error), isolate=False), icon=":material/report:")


def _show_waiting(message: str) -> None:
    st.toast(escape(message, isolate=False), icon=":material/hourglass_top:")


def _in_widget_callback() -> bool:
    """True while Streamlit runs on_click/on_change callbacks, before the page script starts."""
    ctx = get_script_run_ctx()
    return ctx is not None and not ctx.has_script_started


@contextlib.contextmanager
def saving() -> Iterator[None]:
    """Around anything that reads or writes the member's data: faults become a message, never a traceback.

    In the page script the message is shown where the person acted (inside a
    dialog if that is where they pressed the button) and the run stops there,
    so the form above keeps what they typed for a retry. In a widget callback,
    which runs before the page is drawn, the message is kept and shown by
    `show_flash()` in place of the confirmation. A save that has to wait for
    the file lock says so in a toast.
    """
    notice = getattr(storage, "waiting_notice", None)
    token = notice.set(_show_waiting) if notice is not None else None
    try:
        yield
    except (StoreError, OSError) as error:
        if get_script_run_ctx() is None:
            raise  # not drawing a page (a deferred download, say): nowhere to show it
        if _in_widget_callback():
            st.session_state[_FAULT_KEY] = fault_message(error)
            st.session_state.pop(_FLASH_KEY, None)
            return
        show_fault(error)
        st.stop()
    finally:
        if token is not None:
            notice.reset(token)


def show_problems(error: Exception, heading: str = "Nothing was saved:") -> None:
    """Show every validation problem at once, each naming its field; typed values they quote stay inert."""
    if isinstance(error, ValidationError):
        lines = "\n".join(f"- {escape(p, isolate=False)}" for p in error.problems)
        st.error(f"{heading}\n{lines}", icon=":material/error:")
    else:
        st.error(f"{heading} {escape(str(error), isolate=False)}", icon=":material/error:")


def flash(message: str) -> None:
    """A confirmation that survives the rerun that follows a save (markdown: escape member text in it).

    A save that failed earlier in the same widget callback leaves its message
    instead, so a failed save never reads as done.
    """
    if _FAULT_KEY not in st.session_state:
        st.session_state[_FLASH_KEY] = message


def show_flash() -> None:
    fault = st.session_state.pop(_FAULT_KEY, None)
    message = st.session_state.pop(_FLASH_KEY, None)
    if fault:
        st.error(escape(fault, isolate=False), icon=":material/report:")
    elif message:
        st.success(message, icon=":material/check_circle:")


# Dialogs are opened through session state rather than straight from a button
# click: the dialog then survives full reruns (and AppTest, which has no
# dialog-only reruns), and closing it clears the state.
def open_dialog(name: str, target: object) -> None:
    st.session_state[f"_dialog_{name}"] = target


def dialog_target(name: str) -> Any:
    return st.session_state.get(f"_dialog_{name}")


def close_dialog(name: str) -> None:
    st.session_state.pop(f"_dialog_{name}", None)


def team_events(view: Any, svc: MemberService, limit: int = 5) -> None:
    """Upcoming team events with 'going' / 'attended' buttons that copy them to the member's own events."""
    upcoming = view.upcoming_events()[:limit]
    if not upcoming:
        return
    mine = {e.shared_id: e for e in svc.events() if e.shared_id is not None}
    st.subheader("Team events", anchor=False)
    for event in upcoming:
        with st.container(border=True):
            c1, c2, c3 = st.columns([5, 1, 1], vertical_alignment="center")
            where = f" · {escape(event.place)}" if event.place else ""
            c1.markdown(f"**{escape(event.name)}**  \n{event.date:%a %d %b %Y}{where}")
            own = mine.get(event.id)
            if own is None and c2.button("Going", key=f"going_{event.id}", icon=":material/event_available:"):
                svc.track_shared_event(event, attended=False)
                flash(f"Added {escape(event.name)} to your events.")
                st.rerun()
            if own is not None:
                c2.caption("Going" if not own.attended else "Attended")
            if not (own and own.attended) and c3.button("Attended", key=f"attended_shared_{event.id}"):
                svc.track_shared_event(event, attended=True)
                flash(f"Marked {escape(event.name)} as attended.")
                st.rerun()


def people_names(people: Sequence[Person], ids: Sequence[int]) -> str:
    # Each name is isolated on its own, so a right-to-left name cannot reorder the ones after it.
    by_id = {p.id: p.name for p in people}
    return ", ".join(plain(by_id.get(i, "(removed)")) for i in ids)


def conversation_label(conversation: Conversation, people: Sequence[Person]) -> str:
    where = plain(conversation.event) or conversation.setting.label
    return f"{conversation.date:%d %b %Y} · {people_names(people, conversation.person_ids)} · {where}"


def escape(text: str, *, isolate: bool = True) -> str:
    """Member text for anything Streamlit renders as markdown; see `netcoach.member_text`.

    `isolate=False` for our own sentences that quote member text (nudges, problems, faults).
    """
    return member_text.for_markdown(text, isolate=isolate)


def code(text: str) -> str:
    """An address or link a member typed, as inline code in markdown: literal, never a link, copied as typed."""
    return member_text.for_code_span(text)


def plain(text: str) -> str:
    """Member text for plain-text labels (select box options, code blocks): direction fixed only."""
    return member_text.for_plain(text)


def format_date(value: dt.date | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


def days_phrase(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"
