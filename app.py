"""netcoach: the entry point. Decides who the run acts for, then runs the chosen page."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from netcoach.config import is_database_url, shown_location, store_location
from netcoach.team import TeamRole
from netcoach.team.retention import notice_sentence
from netcoach.web import access, capture, heap, session, ui

st.set_page_config(page_title="netcoach", page_icon=":material/diversity_3:", layout="wide")

MEMBER_PAGES = {
    "Your week": [
        st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
        st.Page("pages/log.py", title="Log a conversation", icon=":material/edit_note:"),
        st.Page("pages/followups.py", title="Follow-ups", icon=":material/forward_to_inbox:"),
        st.Page("pages/goals.py", title="Goals", icon=":material/flag:"),
    ],
    "Your network": [
        st.Page("pages/people.py", title="People", icon=":material/groups:"),
        st.Page("pages/events.py", title="Events", icon=":material/event:"),
        st.Page("pages/insights.py", title="Insights", icon=":material/insights:"),
        st.Page("pages/tips.py", title="Tips", icon=":material/lightbulb:"),
    ],
    "Your data": [
        st.Page("pages/data.py", title="Import and export", icon=":material/swap_vert:"),
        st.Page("pages/settings.py", title="Settings", icon=":material/settings:"),
        st.Page("pages/trash.py", title="Trash", icon=":material/delete:"),
    ],
}
COORDINATOR_PAGES = [
    st.Page("pages/cohort.py", title="Cohort", icon=":material/monitoring:", default=True),
    st.Page("pages/team_events.py", title="Team events", icon=":material/event:"),
    st.Page("pages/team.py", title="Team", icon=":material/group_add:"),
    st.Page("pages/pulse.py", title="Pulse", icon=":material/ecg_heart:"),
]


def sign_in() -> None:
    st.title("netcoach", anchor=False)
    st.write("Your networking coach for the internship. Sign in with your company account to continue.")
    if st.button("Sign in", type="primary", icon=":material/login:"):
        provider = access.sign_in_provider()
        if provider:
            st.login(provider)
        else:
            st.login()


def show_refused(message: str) -> None:
    st.title("netcoach", anchor=False)
    who = ui.code(message) if "@" in message else ui.escape(message)
    st.error(
        f"{who} is not on this netcoach's list. Ask the program coordinator to invite you.",
        icon=":material/block:",
    )
    st.button("Sign out", on_click=st.logout, icon=":material/logout:")


def show_deleted(message: str) -> None:
    st.title("netcoach", anchor=False)
    st.warning(
        f"The account of {ui.code(message)} was deleted, so nothing from this tab is saved. "
        "Sign out; signing in again starts a new, empty account.",
        icon=":material/person_off:",
    )
    st.button("Sign out", on_click=st.logout, icon=":material/logout:")


def show_removed(visitor: access.Visitor) -> None:
    st.title("netcoach", anchor=False)
    ui.show_flash()
    with ui.saving():
        removal = access.removal_of(visitor.message)
        kept = access.kept_export(visitor.former_member_id)
        retention = access.retention_of(visitor) if kept is not None else None
    when = f" on {removal.on:%d %b %Y}" if removal else ""
    st.warning(
        f"The program coordinator took {ui.code(visitor.message)} off this cohort{when}, "
        "so you can no longer use netcoach here.",
        icon=":material/person_off:",
    )
    if kept is None:
        st.write("There are no notes of yours on this netcoach: nothing of yours is kept here.")
        st.button("Sign out", on_click=st.logout, icon=":material/logout:")
        return
    st.write("Your notes are still yours and are kept as they were; nobody else can read them.")
    if retention is not None:
        st.info(notice_sentence(retention.deletes_on, access.app_url_setting()), icon=":material/event_busy:")
    else:
        st.write("They are kept until you delete them here or ask the coordinator to delete them.")
    st.download_button(
        "Download my data (JSON)",
        data=kept,
        file_name="netcoach-my-data.json",
        mime="application/json",
        icon=":material/download:",
        on_click="ignore",
    )
    st.subheader("Delete my notes now", anchor=False)
    st.caption(
        "Download a copy first if you want to keep it. This deletes your notes, their backups and your "
        "membership here at once, and cannot be undone."
    )
    sure = st.checkbox("Yes, delete my notes now")
    if st.button("Delete my notes now", disabled=not sure, icon=":material/delete_forever:"):
        with ui.saving():
            deleted = access.delete_kept_notes(visitor)
        ui.flash(
            "Your notes, their backups and your membership were deleted."
            if deleted
            else "Nothing was deleted: your notes were no longer waiting here (deleted already, or you were "
            "invited back). Sign out and in again to see where you stand."
        )
        st.rerun()
    st.button("Sign out", on_click=st.logout, icon=":material/logout:")


def show_misconfigured(message: str) -> None:
    st.title("netcoach", anchor=False)
    st.error(f"Sign-in is not set up correctly: {ui.escape(message)}", icon=":material/settings:")


def gate_view(visitor: access.Visitor) -> Callable[[], None]:
    """The one page of a run that acts for nobody, holding what the gate decided."""

    def refused() -> None:
        show_refused(visitor.message)

    def deleted() -> None:
        show_deleted(visitor.message)

    def misconfigured() -> None:
        show_misconfigured(visitor.message)

    def removed() -> None:
        show_removed(visitor)

    views = {"signed_out": sign_in, "refused": refused, "removed": removed, "deleted": deleted}
    return views.get(visitor.state, misconfigured)


with ui.saving():  # the first sign-in writes the team file and the member's profile
    visitor = access.resolve_visitor()
if visitor.member is None:
    st.navigation([st.Page(gate_view(visitor), title="Sign in", default=True)], position="hidden").run()
    st.stop()

page = st.navigation(COORDINATOR_PAGES if visitor.state == TeamRole.COORDINATOR else MEMBER_PAGES)
with st.sidebar:
    if visitor.member.local:
        location = store_location()
        where = "Database" if is_database_url(location) else "Data folder"
        st.caption(f"{where}: `{shown_location(location)}`")
    else:
        st.caption(f"Signed in as {ui.code(visitor.member.email)}")
        st.button("Sign out", on_click=st.logout, icon=":material/logout:")
# Pages reach the store through session.service(), which shows faults where they
# happen; this catches the rest (the team instance's own files) the same way.
with session.acting_for(visitor.member), ui.saving():
    if visitor.state != TeamRole.COORDINATOR:
        capture.open_button()  # at the top of every page, where a thumb finds it on a phone
    page.run()
heap.settle_after_first_run()  # once per server: keeps start-up's objects out of the collector's sweeps
