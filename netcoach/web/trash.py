"""The trash on screen: Undo right after a delete, and the trash page's Restore, Undo this import and Empty.

Every button acts in a callback holding the trash item as the screen showed
it, so a click on a stale screen gives back that very item or nothing; what
it did is kept for one run and shown where the person clicked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import streamlit as st

from netcoach.models import TrashItem, ValidationError
from netcoach.service import MemberService, NotFoundError, Trashed, TrashEntry
from netcoach.web import ui

_OFFER_KEY = "_trash_undo_offer"
_DONE_KEY = "_trash_done"
TRASH_PAGE = "pages/trash.py"


@dataclasses.dataclass(frozen=True)
class Notice:
    """What the last delete, restore or undo on one page left to say."""

    page: str
    message: str  # markdown, member text escaped
    trashed: Trashed | None = None  # set: the delete that Undo gives back
    error: Exception | None = None


def _say(page: str, message: str, *, trashed: Trashed | None = None, error: Exception | None = None) -> None:
    st.session_state[_OFFER_KEY] = Notice(page, message, trashed, error)


def offer_undo(page: str, trashed: Trashed) -> None:
    """After a delete on `page`: say where it went, with an Undo drawn by `show_undo` on the next run."""
    _say(page, trashed.message(ui.escape), trashed=trashed)


def _undo(service: MemberService, notice: Notice) -> None:
    if notice.trashed is None:
        return
    try:
        restored = service.restore_from_trash(notice.trashed.item_id)
    except (ValidationError, NotFoundError) as error:
        _say(notice.page, "", error=error)
        return
    if restored is not None:  # None: the save failed, and the fault is shown in its place
        _say(notice.page, restored.message(ui.escape))


def show_undo(service: MemberService, page: str) -> None:
    """The last delete's notice with its Undo, or what the Undo did; shown once."""
    notice = st.session_state.get(_OFFER_KEY)
    if not isinstance(notice, Notice) or notice.page != page:
        return
    st.session_state.pop(_OFFER_KEY)
    if notice.error is not None:
        ui.show_problems(notice.error, "Not given back:")
        return
    with st.container(border=True, key=f"{page}_trash_notice"):
        if notice.trashed is None:
            st.success(notice.message, icon=":material/undo:")
            return
        with st.container(horizontal=True, vertical_alignment="center"):
            st.success(notice.message, icon=":material/delete:", width="stretch")
            st.button("Undo", key=f"{page}_trash_undo", icon=":material/undo:", on_click=_undo, args=(service, notice))
        st.page_link(TRASH_PAGE, label="Open the trash (kept 30 days)", icon=":material/delete:")


# ------------------------------------------------------------------ the trash page
def _done(message: str = "", error: Exception | None = None) -> None:
    st.session_state[_DONE_KEY] = (message, error)


def restore(service: MemberService, item: TrashItem) -> None:
    try:
        restored = service.restore_from_trash(item.id or 0, expected=item)
    except (ValidationError, NotFoundError) as error:
        _done(error=error)
    else:
        if restored is not None:
            _done(restored.message(ui.escape))


def undo_import(service: MemberService, item: TrashItem) -> None:
    try:
        undone = service.undo_import(item.id or 0, expected=item)
    except (ValidationError, NotFoundError) as error:
        _done(error=error)
    else:
        if undone is not None:
            _done(ui.escape(undone.message(), isolate=False))


def empty(service: MemberService, item_ids: Sequence[int], confirm_key: str) -> None:
    st.session_state.pop(confirm_key, None)
    gone = service.empty_trash(item_ids)
    if gone is not None:
        _done(f"Emptied the trash: {gone} item(s) deleted for good.")


def show_done() -> None:
    """What the last Restore, Undo this import or Empty did, where the person is looking."""
    message, error = st.session_state.pop(_DONE_KEY, ("", None))
    if error is not None:
        ui.show_problems(error, "Nothing changed:")
    elif message:
        st.success(message, icon=":material/check_circle:")


def when(entry: TrashEntry) -> str:
    """'Deleted 3 Apr 2026 · 28 days left', for imports 'Imported …'."""
    done = "Imported" if entry.is_import else "Deleted"
    left = {0: "last day", 1: "1 day left"}.get(entry.days_left, f"{entry.days_left} days left")
    return f"{done} {entry.item.deleted_on.day} {entry.item.deleted_on:%b %Y} · {left}"


def entry_card(service: MemberService, entry: TrashEntry, key: str) -> None:
    """One item: what it was, when, how long it stays, and the one button that gives it back."""
    item = entry.item
    with st.container(border=True, key=f"{key}_{entry.id}"):
        text, action = ui.action_row(1)
        extra = f" {ui.escape(entry.contents, isolate=False)}" if entry.contents else ""
        text.markdown(f"**{ui.escape(item.label)}**{extra}  \n{item.kind.label} · {when(entry)}")
        if entry.is_import:
            action.button(
                "Undo this import",
                key=f"{key}_undo_{entry.id}",
                icon=":material/undo:",
                on_click=undo_import,
                args=(service, item),
                help="Takes away what it added and puts back the details it filled in, where you changed nothing since",
            )
        else:
            action.button(
                "Restore",
                key=f"{key}_restore_{entry.id}",
                icon=":material/restore_from_trash:",
                on_click=restore,
                args=(service, item),
            )
