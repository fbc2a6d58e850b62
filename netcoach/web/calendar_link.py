"""Settings' calendar section: the member's private subscription link, to copy, replace or switch off."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from netcoach.outreach.links import calendar_path
from netcoach.service import MemberService
from netcoach.web import access, ui

SUBSCRIBE_STEPS = """
- **Google Calendar** (on a computer): *Other calendars* → **+** → *From URL*, paste the link, *Add calendar*.
  Google fetches it from its own servers, so the address must be reachable from the internet (a team
  instance's https address, not `localhost`). Google refreshes a subscription every few hours.
- **Outlook**: *Add calendar* → *Subscribe from web*, paste the link, give it a name, *Import*.
- **Apple Calendar** (Mac): *File* → *New Calendar Subscription*, paste the link, choose *Auto-refresh: Every hour*.
  On an iPhone: *Settings* → *Calendar* → *Accounts* → *Add Account* → *Other* → *Add Subscribed Calendar*.
"""


def app_address() -> str:
    """The address people reach this app at: the configured one, else the one this page was opened on."""
    configured = access.app_url_setting()
    if configured:
        return configured
    parts = urlsplit(st.context.url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "http://localhost:8501"


def _make_link(svc: MemberService, replacing: bool) -> None:
    svc.new_calendar_link()
    ui.flash(
        "A new calendar link is ready; the old one no longer works. Subscribe again with the new one."
        if replacing
        else "Your calendar link is ready. Copy it into your calendar app."
    )


def _stop_link(svc: MemberService) -> None:
    svc.stop_calendar_link()
    ui.flash("The calendar link is off. Calendars subscribed to it get nothing more from netcoach.")


def calendar_section(svc: MemberService) -> None:
    st.subheader("Your calendar", anchor=False)
    st.caption(
        "Follow-ups, the check-ins you chose, your events, the end of the internship and goal days, in the calendar "
        "you already use. Subscribe once to a private link and it keeps itself up to date: a follow-up you mark "
        "sent leaves it."
    )
    token = svc.calendar_link_token()
    if token is None:
        st.button(
            "Create my calendar link",
            icon=":material/calendar_add_on:",
            on_click=_make_link,
            args=(svc, False),
            key="calendar_link_create",
        )
        return
    st.code(app_address() + calendar_path(token), language=None, wrap_lines=True)
    st.caption(
        "Copy it with the button at the right of the link. Anyone who has this link sees these reminders "
        "(names and what you mean to send), so keep it to yourself; if it got out, make a new one."
    )
    new, stop = st.columns(2)
    new.button(
        "Make a new link",
        icon=":material/autorenew:",
        on_click=_make_link,
        args=(svc, True),
        key="calendar_link_new",
        width="stretch",
    )
    stop.button(
        "Turn the link off",
        icon=":material/link_off:",
        on_click=_stop_link,
        args=(svc,),
        key="calendar_link_stop",
        width="stretch",
    )
    with st.expander("How to subscribe", icon=":material/help:"):
        st.markdown(SUBSCRIBE_STEPS)
