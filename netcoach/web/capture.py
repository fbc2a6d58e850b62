"""Quick capture: note a conversation from any page in a few taps, on a phone as at a desk.

A button at the top of every page opens a dialog asking three things: who
(typed, matched exactly; a similar name is offered, never picked for you; a
new name asks the person's role), one line of what it was about, and whether
to follow up. The confirmation replaces the questions inside the dialog, where
the person is looking, with a way to add the details on the Log page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import streamlit as st

from netcoach.models import Person, Role, ValidationError, saved_id
from netcoach.service import MemberService, NotFoundError
from netcoach.service.capture import NameMatch, match_name
from netcoach.web import session, ui

DIALOG = "capture"
KEYS = ("capture_name", "capture_about", "capture_follow", "capture_role", "capture_pick")
_SAVED = "_capture_saved"
NO_FOLLOWUP = -1
RECENT_MAX = 4

# The dialog's questions, for problems that name a field.
LABELS = {
    "person_ids": "Who did you talk to?",
    "new person name": "Who did you talk to?",
    "new person role": "What are they to you?",
    "notes": "What was it about?",
    "followup_due": "Follow up?",
}


@dataclasses.dataclass(frozen=True)
class Saved:
    conversation_id: int
    message: str


def open_button() -> None:
    """The button every page shows at its top; it opens the dialog (also after a full rerun)."""
    st.button(
        "Quick capture",
        icon=":material/bolt:",
        type="primary",
        key="capture_open",
        help="Note a conversation in a few taps: who, one line, follow up or not.",
        on_click=_start,
    )
    if ui.dialog_target(DIALOG):
        capture_dialog(session.service())


def _start() -> None:
    _forget_answers()
    ui.open_dialog(DIALOG, True)


def _forget_answers() -> None:
    for key in (*KEYS, _SAVED):
        st.session_state.pop(key, None)


def _close() -> None:
    _forget_answers()
    ui.close_dialog(DIALOG)


def _person_label(person: Person) -> str:
    org = f", {person.organization}" if person.organization else ""
    return f"{person.name} ({person.role.label}{org})"


def _followup_label(days: int) -> str:
    if days == NO_FOLLOWUP:
        return "No"
    return "Today" if days == 0 else "Tomorrow" if days == 1 else f"In {days} days"


@st.dialog("Quick capture", on_dismiss=_close)
def capture_dialog(svc: MemberService) -> None:
    saved: Saved | None = st.session_state.get(_SAVED)
    if saved is not None:
        _confirmation(saved)
        return
    snap = svc.snapshot()
    typed = st.text_input(
        "Who did you talk to?",
        key="capture_name",
        live=True,
        max_chars=120,
        placeholder="Their name: someone you know or someone new",
    )
    match = match_name(snap.people, typed)
    person_id, new_role = _who(match, snap.people, svc)
    # The rest is one form: Enter in the line (the keyboard's Go key) saves, no reach for the button.
    default_days = snap.profile.default_followup_days
    choices = list(dict.fromkeys([default_days, 7, NO_FOLLOWUP]))
    with st.form("capture_form", border=False, enter_to_submit=True):
        about = st.text_input(
            "What was it about?", key="capture_about", max_chars=300, placeholder="One line is enough"
        )
        follow = st.segmented_control(
            "Follow up?", choices, default=default_days, format_func=_followup_label, key="capture_follow"
        )
        submitted = st.form_submit_button("Save", type="primary", icon=":material/save:", width="stretch")
    problems = st.container()  # right under Save, where the person just pressed it
    if not submitted:
        return
    new_person = None
    if person_id is None and match.is_new:
        new_person = {"name": match.typed, "role": new_role}
    elif person_id is None and match.typed:
        with problems:
            ui.show_problems(ValidationError(["person_ids: pick which of them you mean"]), labels=LABELS)
        return
    try:
        logged = svc.quick_log(
            person_id=person_id,
            new_person=new_person,
            about=about,
            followup_in_days=None if follow is None or follow == NO_FOLLOWUP else follow,
        )
    except (ValidationError, NotFoundError) as error:
        with problems:
            ui.show_problems(error, labels=LABELS)
        return
    who = ui.people_names(svc.snapshot().people, logged.person_ids)
    due = f" Follow up by {ui.format_date(logged.followup_due)}." if logged.followup_due else ""
    st.session_state[_SAVED] = Saved(saved_id(logged), f"Saved: your conversation with {ui.escape(who)} today.{due}")
    st.rerun()  # the whole page, so it counts what was just saved; the dialog shows the confirmation


def _who(match: NameMatch, people: Sequence[Person], svc: MemberService) -> tuple[int | None, Role | None]:
    """The person the answer picks (an id), or the role of the new person it names."""
    if match.person is not None:
        st.caption(f":material/check: {ui.escape(_person_label(match.person))}")
        return match.person.id, None
    if not match.typed:
        recent = _recent(svc)
        if not recent:
            return None, None
        by_id = {p.id: p for p in people}
        picked = st.pills(
            "Or tap someone you talked to lately",
            [p.id for p in recent],
            format_func=lambda i: ui.escape(by_id[i].name),
            key="capture_pick",
        )
        return picked, None
    offered = match.same_name or match.similar
    picked = None
    if offered:
        by_id = {p.id: p for p in offered}
        question = (
            f"Several people are called {ui.escape(match.typed)}: which one?" if match.same_name else "Did you mean…"
        )
        picked = st.pills(
            question,
            list(by_id),
            format_func=lambda i: ui.escape(_person_label(by_id[i])),
            key=f"capture_similar_{len(match.typed)}_{match.typed}",
        )
    if picked is not None or not match.is_new:
        return picked, None
    role = st.pills(
        f"New person: {ui.escape(match.typed)}. What are they to you?",
        list(Role),
        format_func=lambda r: r.label,
        key="capture_role",
    )
    return None, role


def _recent(svc: MemberService) -> list[Person]:
    """The people of the latest conversations, most recent first."""
    by_id = svc.snapshot().person_by_id()
    seen: dict[int, Person] = {}
    for conversation in svc.conversations():
        for person_id in conversation.person_ids:
            if person_id in by_id and person_id not in seen:
                seen[person_id] = by_id[person_id]
        if len(seen) >= RECENT_MAX:
            break
    return list(seen.values())[:RECENT_MAX]


def _confirmation(saved: Saved) -> None:
    st.success(saved.message, icon=":material/check_circle:")
    c1, c2 = st.columns(2)
    if c1.button("Add details", icon=":material/edit_note:", key="capture_details", type="tertiary"):
        _close()
        ui.open_dialog("edit", saved.conversation_id)
        st.switch_page("pages/log.py")
    c2.button("Note another", icon=":material/add:", key="capture_another", on_click=_start)
    if st.button("Done", key="capture_done", width="stretch"):
        _close()
        st.rerun()  # the whole page, so it shows what was just saved
