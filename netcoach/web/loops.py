"""Open loops on screen: a loop with its Close button, a spotted promise with Confirm and Dismiss, the add form.

The person page and Follow-ups show the same loops, so they draw them the same
way. Buttons act through callbacks holding the record the screen showed, so a
loop closed in another tab is refused, not closed twice; a refusal is kept
under the page's key and shown at the top of the next run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import streamlit as st

from netcoach.coach.loops import LOOP_KINDS, is_overdue, offer_phrase
from netcoach.coach.signals import Signal
from netcoach.models import FOLLOWUP_HORIZON, Loop, LoopKind, Person, ValidationError, saved_id
from netcoach.service import MemberService, NotFoundError
from netcoach.web import ui

# How the add form offers the two directions.
FORM_KINDS = {LoopKind.I_PROMISED: "I promised…", LoopKind.THEY_OFFERED: "They offered…"}


def _thing(loop: Loop) -> str:
    return loop.what or loop.text


def headline(kind: LoopKind, what: str) -> str:
    """The kind and the thing, as markdown: "**You promised:** the slides", "**They offered** to introduce me…"."""
    if not what:
        return f"**{kind.label}**"
    if kind is LoopKind.THEY_OFFERED:
        return f"**{kind.label}** {ui.escape(offer_phrase(what))}"
    return f"**{kind.label}:** {ui.escape(what)}"


def close(service: MemberService, loop: Loop, refused_key: str) -> None:
    try:
        service.close_loop(saved_id(loop), expected=loop)
    except (ValidationError, NotFoundError) as error:
        st.session_state[refused_key] = error
    else:
        ui.flash(f"Closed: {ui.escape(_thing(loop), isolate=False)}. Nicely done.")


def reopen(service: MemberService, loop: Loop, refused_key: str) -> None:
    try:
        service.reopen_loop(saved_id(loop), expected=loop)
    except (ValidationError, NotFoundError) as error:
        st.session_state[refused_key] = error
    else:
        ui.flash(f"Open again: {ui.escape(_thing(loop), isolate=False)}.")


def confirm(service: MemberService, signal: Signal, refused_key: str) -> None:
    try:
        service.confirm_loop(signal.key)
    except (ValidationError, NotFoundError) as error:
        st.session_state[refused_key] = error
    else:
        ui.flash("Added to your open loops. Close it once it is done.")


def dismiss(service: MemberService, signal: Signal, refused_key: str) -> None:
    try:
        service.dismiss_signal(signal.key)
    except (ValidationError, NotFoundError) as error:
        st.session_state[refused_key] = error
    else:
        ui.flash("Dismissed: that sentence will not be offered again.")


def show_refused(refused_key: str) -> None:
    """The refusal a button's callback kept, shown once."""
    if (refused := st.session_state.pop(refused_key, None)) is not None:
        ui.show_problems(refused)


def _due(due: dt.date | None, today: dt.date, overdue: bool) -> str:
    if due is None:
        return ""
    tone = "red" if overdue else "orange" if (due - today).days <= 2 else "blue"
    return f" · :{tone}[due {ui.days_phrase((due - today).days)}]"


def open_loop(
    service: MemberService,
    loop: Loop,
    people: Sequence[Person],
    today: dt.date,
    refused_key: str,
    *,
    with_names: bool = False,
) -> None:
    """One open loop: which way it runs, what, with whom, when due, the member's own sentence, and Close."""
    with st.container(border=True):
        c1, c2 = st.columns([5, 1], vertical_alignment="center")
        who = f" · {ui.escape(ui.people_names(people, loop.person_ids))}" if with_names and loop.person_ids else ""
        due = _due(loop.due, today, is_overdue(loop, today))
        c1.markdown(f"{headline(loop.kind, _thing(loop))}{who}{due}")
        if loop.text and loop.text != loop.what:
            c1.caption(f"You wrote: {ui.escape(loop.text)}")
        c2.button(
            "Close",
            key=f"close_loop_{loop.id}",
            icon=":material/check:",
            type="primary",
            on_click=close,
            args=(service, loop, refused_key),
            width="stretch",
            help="Done, sent or taken up",
        )


def spotted(
    service: MemberService,
    signal: Signal,
    people: Sequence[Person],
    today: dt.date,
    refused_key: str,
    *,
    with_names: bool = False,
) -> None:
    """A promise found in a note: the sentence as the member wrote it, and Confirm or Dismiss."""
    with st.container(border=True):
        c1, c2, c3 = st.columns([6, 1, 1], vertical_alignment="center")
        who = f" · {ui.escape(ui.people_names(people, signal.person_ids))}" if with_names and signal.person_ids else ""
        overdue = signal.due is not None and signal.due < today
        c1.markdown(f"{headline(LOOP_KINDS[signal.kind], signal.what)}{who}{_due(signal.due, today, overdue)}")
        c1.caption(f"You wrote on {ui.format_date(signal.source.written_on)}: {ui.escape(signal.quote)}")
        c2.button(
            "Confirm",
            key=f"confirm_{signal.key}",
            icon=":material/add_task:",
            on_click=confirm,
            args=(service, signal, refused_key),
            width="stretch",
            help="Keep it as an open loop until it is done",
        )
        c3.button(
            "Dismiss",
            key=f"dismiss_{signal.key}",
            icon=":material/close:",
            on_click=dismiss,
            args=(service, signal, refused_key),
            width="stretch",
            help="Not a promise: never show this sentence again",
        )


def closed_loop(service: MemberService, loop: Loop, people: Sequence[Person], refused_key: str) -> None:
    c1, c2 = st.columns([5, 1], vertical_alignment="center")
    who = ui.people_names(people, loop.person_ids)
    c1.markdown(
        f"{loop.kind.label}: {ui.escape(_thing(loop))} · {ui.escape(who)} · closed {ui.format_date(loop.closed_on)}"
    )
    c2.button("Reopen", key=f"reopen_loop_{loop.id}", on_click=reopen, args=(service, loop, refused_key))


def loop_form(key: str, person_id: int, today: dt.date) -> dict[str, Any] | None:
    """The small form to add a promise by hand; returns the fields once submitted."""
    with st.form(key, enter_to_submit=False, border=False):
        kind = st.radio(
            "Which way", list(FORM_KINDS), format_func=FORM_KINDS.__getitem__, horizontal=True, key=f"{key}_kind"
        )
        c1, c2 = st.columns([3, 1])
        what = c1.text_input(
            "What", max_chars=200, placeholder="the slides from my demo, an intro to the data team", key=f"{key}_what"
        )
        due = c2.date_input(
            "Due date (optional)",
            value=None,
            min_value=today,
            max_value=today + FOLLOWUP_HORIZON,
            format="YYYY-MM-DD",
            key=f"{key}_due",
        )
        submitted = st.form_submit_button("Add promise", icon=":material/add:")
    if not submitted:
        return None
    return {"kind": kind, "person_id": person_id, "what": what, "due": due}
