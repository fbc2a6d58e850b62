"""Settings' "Ask the coordinator to contact you": the member sees exactly what is sent before sending it."""

from __future__ import annotations

import streamlit as st

from netcoach.models import ValidationError
from netcoach.team import TeamView
from netcoach.team.help import MAX_MESSAGE
from netcoach.web import ui

_PREVIEW_KEY = "_ask_help_preview"


def ask_help_section(team: TeamView) -> None:
    """A small expander: the latest ask and whether it was handled, or a message to review and send."""
    latest = team.my_help()
    waiting = latest is not None and latest.is_open
    with st.expander("Ask the coordinator to contact you", icon=":material/support_agent:", expanded=waiting):
        if latest is not None and latest.is_open:
            st.info(
                f"You asked on {latest.sent:%d %b %Y, %H:%M}. The coordinator has not marked it handled yet.",
                icon=":material/schedule_send:",
            )
            _what_was_sent(latest.name, latest.email, latest.message)
            return
        if latest is not None and latest.handled is not None:
            st.success(
                f"The coordinator marked your ask of {latest.sent:%d %b %Y} handled on {latest.handled:%d %b %Y}.",
                icon=":material/check_circle:",
            )
        st.caption(
            "Sends the program coordinator a request to get in touch, with your name, your sign-in address and "
            "an optional short message. This is the only thing of yours they can read; you see it before it goes."
        )
        with st.form("ask_help", enter_to_submit=False):
            message = st.text_area(f"Message for the coordinator (optional, up to {MAX_MESSAGE} characters)", height=80)
            review = st.form_submit_button("Review what is sent", icon=":material/preview:")
        if review:
            try:
                st.session_state[_PREVIEW_KEY] = team.help_preview(message)
            except ValidationError as error:
                st.session_state.pop(_PREVIEW_KEY, None)
                ui.show_problems(error, "Not sent:")
        preview = st.session_state.get(_PREVIEW_KEY)
        if preview is None:
            return
        st.markdown("**The coordinator will get exactly this:**")
        _what_was_sent(preview["name"], preview["email"], preview["message"])
        c1, c2 = st.columns(2)
        if c1.button("Send to the coordinator", type="primary", icon=":material/send:"):
            try:
                team.send_help(preview["message"])
            except ValidationError as error:
                ui.show_problems(error, "Not sent:")
                return
            finally:
                st.session_state.pop(_PREVIEW_KEY, None)
            ui.flash("Sent. The coordinator sees your ask on their Team page.")
            st.rerun()
        if c2.button("Don't send", icon=":material/close:"):
            st.session_state.pop(_PREVIEW_KEY, None)
            st.rerun()


def _what_was_sent(name: str, email: str, message: str) -> None:
    with st.container(border=True):
        st.markdown(f"Name: {ui.escape(name) if name else '(none)'}  \nSign-in address: {ui.code(email)}")
        st.markdown(f"Message: {ui.escape(message)}" if message else "Message: (none, just “please contact me”)")
