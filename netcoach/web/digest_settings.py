"""Settings' "Email digest" section: opt in to the weekly digest (day, hour), the daily one, and where they go.

On a local dashboard the person types the address; on a team instance the
digest goes to the address they signed in with, shown here and not editable,
so nobody can point their digests at someone else's inbox.
"""

from __future__ import annotations

import calendar

import streamlit as st

from netcoach.models import ValidationError
from netcoach.service import MemberService
from netcoach.web import ui
from netcoach.web.session import Member

FORM_KEY = "digest_settings"
ADDRESS_LABEL = "Email address for digests"
WEEKDAYS = list(calendar.day_name)


def _hour(hour: int) -> str:
    return f"{hour:02d}:00"


def digest_section(svc: MemberService, member: Member) -> None:
    """The section, self-contained: its own form, its messages right under its button, its last-sent line."""
    st.subheader("Email digest", anchor=False)
    st.caption(
        "Once a week: the coach's top advice, the follow-ups due that week, events coming up and how this "
        "month's goals are going, each with a link back here. Every email has a one-click unsubscribe link."
    )
    reminders = svc.reminders()
    with st.form(FORM_KEY, enter_to_submit=False):
        weekly = st.checkbox("Send me a weekly digest", value=reminders.weekly, key=f"{FORM_KEY}_weekly")
        c1, c2 = st.columns(2)
        weekday = c1.selectbox(
            "Day", range(7), index=reminders.weekday, format_func=lambda d: WEEKDAYS[d], key=f"{FORM_KEY}_day"
        )
        hour = c2.selectbox(
            "Hour",
            range(24),
            index=reminders.hour,
            format_func=_hour,
            key=f"{FORM_KEY}_hour",
            help="By the clock of the computer netcoach runs on.",
        )
        daily = st.checkbox(
            "Also a short “due today” email on the other days, only when something is due",
            value=reminders.daily,
            key=f"{FORM_KEY}_daily",
        )
        if member.local:
            email = st.text_input(
                ADDRESS_LABEL,
                value=reminders.email,
                max_chars=254,
                placeholder="you@example.com",
                key=f"{FORM_KEY}_email",
            )
        else:
            email = member.email
            st.text_input(
                ADDRESS_LABEL,
                value=ui.plain(member.email),
                disabled=True,
                key=f"{FORM_KEY}_signed_in",
                help="The address you signed in with; digests go nowhere else.",
            )
        submitted = st.form_submit_button("Save digest settings", icon=":material/save:")
    if submitted:
        raw: dict[str, object] = {"weekly": weekly, "weekday": weekday, "hour": hour, "daily": daily}
        if member.local:
            raw["email"] = email
        try:
            saved = svc.save_digest_settings(raw, needs_address=member.local)
        except ValidationError as error:
            ui.show_problems(error, labels={"email": ADDRESS_LABEL})
        else:
            ui.flash(_saved_message(saved.weekly, saved.daily, saved.weekday, saved.hour))
            st.rerun()
    last = svc.last_digest_sent()
    if last is None:
        st.caption("No digest has gone out yet.")
    else:
        when = last.sent_at[:16].replace("T", " at ")
        st.caption(f"Last digest: the {last.kind} one, sent {when} to {ui.code(last.address)}.")
    if member.local:
        st.caption(
            "Digests go out when `python -m netcoach digest --send` runs on a schedule; "
            "the README's “Email digest” section shows how."
        )


def _saved_message(weekly: bool, daily: bool, weekday: int, hour: int) -> str:
    if not (weekly or daily):
        return "Digest settings saved: no digests."
    parts = []
    if weekly:
        parts.append(f"a weekly digest on {WEEKDAYS[weekday]}s at {_hour(hour)}")
    if daily:
        parts.append(f"a daily “due today” at {_hour(hour)}")
    return "Digest settings saved: " + " and ".join(parts) + "."
