"""Streamlit forms that more than one page shows: a conversation and a person.

Each form only gathers what was typed into the raw fields the service
validates; it decides nothing, so every rule stays in the service.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

import streamlit as st

from netcoach.member_text import for_plain
from netcoach.models import (
    EARLIEST_DATE,
    FOLLOWUP_HORIZON,
    FUTURE_SLACK,
    SHORT_TEXT_MAX,
    Conversation,
    Event,
    MentorStage,
    Person,
    Profile,
    Role,
    Setting,
)

T = TypeVar("T")


def as_shown(key: str, current: T) -> T:
    """What this page showed under `key` on its previous run, remembering `current` for the next.

    A click or a form submit reruns the page, which reads the data again; the record the
    person acted on is the one the previous run showed, and the service refuses the change
    if the stored record is no longer that one (changed or deleted in another tab).
    Call it once per run for a key, before acting on a click.
    """
    state_key = f"_shown_{key}"
    shown = st.session_state.get(state_key, current)
    st.session_state[state_key] = current
    return shown


@dataclasses.dataclass(frozen=True)
class ConversationInput:
    raw: dict[str, Any]
    new_people: list[dict[str, Any]]


def _label(value: Any) -> str:
    return value.label


def conversation_form(
    key: str,
    people: Sequence[Person],
    events: Sequence[Event],
    profile: Profile,
    today: dt.date,
    initial: Conversation | None = None,
    submit_label: str = "Save conversation",
) -> ConversationInput | None:
    """The conversation form; returns what was entered once it is submitted."""
    # Option labels are plain text; for_plain keeps a name's reading direction from spilling over.
    # Sorted by name, so a whole name typed is the first match (its label goes on with " (").
    names = {
        p.id: f"{for_plain(p.name)} ({p.role.label}{', ' + for_plain(p.organization) if p.organization else ''})"
        for p in sorted(people, key=lambda p: (p.name.casefold(), p.id or 0))
    }
    event_names = {e.id: f"{for_plain(e.name)} · {e.date:%d %b %Y}" for e in events}
    with st.form(key, border=True, enter_to_submit=False):
        # No "Select N matches" row: Enter picks the first name matching what was typed, one person only.
        person_ids = st.multiselect(
            "Who did you talk to?",
            options=list(names),
            default=[i for i in (initial.person_ids if initial else ()) if i in names],
            format_func=lambda i: names.get(i, str(i)),
            placeholder="Type a name you know; someone new goes below",
            key=f"{key}_people",
            select_all=False,
            filter_mode="prefix",
        )
        new_person = None
        if initial is None:
            st.caption("Someone new? Add them here and they are saved with the conversation.")
            c1, c2 = st.columns(2)
            new_name = c1.text_input("New person's name", key=f"{key}_new_name", max_chars=120)
            new_org = c2.text_input("Organization or team", key=f"{key}_new_org", max_chars=200)
            # Pills, not a select box: one tap on a phone, and nothing chosen until the person chooses.
            new_role = st.pills("New person's role", list(Role), format_func=_label, key=f"{key}_new_role")
            if new_name.strip():
                new_person = {"name": new_name, "role": new_role, "organization": new_org}
        c1, c2, c3 = st.columns(3)
        latest = today + FUTURE_SLACK
        when = c1.date_input(
            "Date",
            value=initial.date if initial else today,
            # A record saved before today's rules must still open, to be corrected.
            max_value=max(latest, initial.date) if initial else latest,
            format="YYYY-MM-DD",
            key=f"{key}_date",
        )
        settings = list(Setting)
        setting = c2.selectbox(
            "Setting",
            settings,
            index=settings.index(initial.setting if initial else profile.default_setting),
            format_func=_label,
            key=f"{key}_setting",
        )
        event_ids: list[int | None] = [None, *event_names]
        event_id = c3.selectbox(
            "Event (optional)",
            event_ids,
            index=event_ids.index(initial.event_id) if initial and initial.event_id in event_ids else 0,
            format_func=lambda i: "None" if i is None else event_names[i],
            key=f"{key}_event",
        )
        topics = st.text_input(
            "Topics (comma separated)", value=", ".join(initial.topics) if initial else "", key=f"{key}_topics"
        )
        c1, c2 = st.columns(2)
        learned = c1.text_area("What I learned", value=initial.learned if initial else "", key=f"{key}_learned")
        help_offered = c2.text_area("Help I offered", value=initial.help_offered if initial else "", key=f"{key}_help")
        c1, c2, c3 = st.columns(3)
        quality = c1.slider(
            "How good was it? (1-5)", 1, 5, value=initial.quality if initial else 3, key=f"{key}_quality"
        )
        default_due = today + dt.timedelta(days=profile.default_followup_days)
        needs = c2.checkbox(
            "Follow-up needed", value=bool(initial.followup_due) if initial else True, key=f"{key}_needs"
        )
        due_value = initial.followup_due if initial and initial.followup_due else default_due
        due = c3.date_input(
            "Follow up by",
            value=due_value,
            min_value=EARLIEST_DATE,
            max_value=max(due_value, today + FOLLOWUP_HORIZON),
            format="YYYY-MM-DD",
            key=f"{key}_due",
        )
        followup_note = st.text_input(
            "What I will send (optional)",
            value=initial.followup_note if initial else "",
            max_chars=SHORT_TEXT_MAX,
            placeholder="The slides, an article, a thank-you note…",
            key=f"{key}_followup_note",
        )
        notes = st.text_area("Notes", value=initial.notes if initial else "", key=f"{key}_notes", height=68)
        submitted = st.form_submit_button(submit_label, type="primary", icon=":material/save:")
    if not submitted:
        return None
    event_name = next((e.name for e in events if e.id == event_id), "") if event_id else ""
    raw: dict[str, Any] = {
        "person_ids": person_ids,
        "date": when,
        "setting": setting,
        "event_id": event_id,
        "event": event_name or (initial.event if initial and not event_id else ""),
        "topics": topics,
        "learned": learned,
        "help_offered": help_offered,
        "quality": quality,
        "followup_due": due if needs else None,
        "followup_note": followup_note if needs else "",
        "notes": notes,
    }
    if initial is not None and not needs:
        raw["followup_done"] = None
    return ConversationInput(raw=raw, new_people=[new_person] if new_person else [])


def person_form(key: str, initial: Person | None = None, submit_label: str = "Save person") -> dict[str, Any] | None:
    """The person form; returns the entered fields once it is submitted."""
    p = initial or Person(name="")
    roles, stages = list(Role), list(MentorStage)
    with st.form(key, enter_to_submit=False):
        c1, c2, c3 = st.columns([2, 1, 2])
        name = c1.text_input("Name", value=p.name, max_chars=120, key=f"{key}_name")
        role = c2.selectbox("Role", roles, index=roles.index(p.role), format_func=_label, key=f"{key}_role")
        organization = c3.text_input("Organization or team", value=p.organization, key=f"{key}_org")
        c1, c2 = st.columns(2)
        how_met = c1.text_input("How we met", value=p.how_met, key=f"{key}_how")
        email = c2.text_input("Email", value=p.email, key=f"{key}_email")
        links = st.text_input("Links (comma separated)", value=", ".join(p.links), key=f"{key}_links")
        tags = st.text_input("Tags (comma separated)", value=", ".join(p.tags), key=f"{key}_tags")
        c1, c2 = st.columns(2)
        stage = c1.selectbox(
            "Mentor stage", stages, index=stages.index(p.mentor_stage), format_func=_label, key=f"{key}_stage"
        )
        cadence = c2.number_input(
            "Keep in touch every … days (empty: by role)",
            min_value=1,
            max_value=365,
            value=p.cadence_days,
            step=1,
            key=f"{key}_cadence",
        )
        notes = st.text_area("Notes", value=p.notes, key=f"{key}_notes", height=68)
        submitted = st.form_submit_button(submit_label, type="primary", icon=":material/save:")
    if not submitted:
        return None
    return {
        "name": name,
        "role": role,
        "organization": organization,
        "how_met": how_met,
        "email": email,
        "links": links,
        "tags": tags,
        "mentor_stage": stage,
        "cadence_days": cadence,
        "notes": notes,
    }
