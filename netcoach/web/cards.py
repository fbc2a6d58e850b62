"""The coach's cards on Home: the advice, why it ranks where it does, and the button that does it.

Buttons act through callbacks holding the nudge and the record the card
showed, so a follow-up another tab already changed is refused, not marked
twice; a refusal is kept under `REFUSED` and shown at the top of the next run.
The last change a card made can be undone once, from the line under the cards.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import streamlit as st

from netcoach.coach import Nudge
from netcoach.coach.nudges.acts import Act, ActKind
from netcoach.models import Conversation, Person, SetAside, ValidationError, saved_id
from netcoach.service import MemberService, NotFoundError
from netcoach.web import ui

REFUSED = "coach_card_refused"
_UNDO = "coach_card_undo"

# Where a card's link goes, and with which icon.
_LINKS: dict[ActKind, tuple[str, str]] = {
    ActKind.LOG: ("pages/log.py", ":material/edit_note:"),
    ActKind.OPEN_PERSON: ("pages/people.py", ":material/person:"),
    ActKind.OPEN_PREP: ("pages/people.py", ":material/person:"),
    ActKind.SET_GOALS: ("pages/goals.py", ":material/flag:"),
    ActKind.OPEN_EVENTS: ("pages/events.py", ":material/event:"),
}


def _key(nudge: Nudge, what: str) -> str:
    return f"card_{what}_{nudge.rule}_{nudge.subject if nudge.subject is not None else 'all'}"


def _who(people: dict[int, Person], person_id: int | None) -> str:
    found = people.get(person_id) if person_id is not None else None
    return found.name if found is not None else "them"


def _mark_done(svc: MemberService, conversation: Conversation, who: str) -> None:
    try:
        done = svc.mark_followup_done(saved_id(conversation), expected=conversation)
    except (ValidationError, NotFoundError) as error:
        st.session_state[REFUSED] = error
    else:
        st.session_state[_UNDO] = ("reopen", done, f"the follow-up with {ui.escape(who)}")
        ui.flash(f"Marked the follow-up with {ui.escape(who)} as sent today.")


def _snooze(svc: MemberService, conversation: Conversation, who: str) -> None:
    try:
        moved = svc.postpone_followup(saved_id(conversation), expected=conversation)
    except (ValidationError, NotFoundError) as error:
        st.session_state[REFUSED] = error
    else:
        st.session_state[_UNDO] = ("unsnooze", (conversation, moved), f"the snooze for {ui.escape(who)}")
        due = ui.format_date(moved.followup_due)
        ui.flash(f"The follow-up with {ui.escape(who)} is now due {due}.")


def _set_aside(svc: MemberService, nudge: Nudge) -> None:
    try:
        item = svc.set_nudge_aside(nudge)
    except (ValidationError, NotFoundError) as error:
        st.session_state[REFUSED] = error
    else:
        st.session_state[_UNDO] = ("bring_back", item, f"'{ui.escape(nudge.title, isolate=False)}'")
        back = ui.format_date(item.until)
        ui.flash(f"Set aside until {back}: {ui.escape(nudge.title, isolate=False)}.")


def _undo(svc: MemberService) -> None:
    kind, target, _ = st.session_state.pop(_UNDO)
    try:
        if kind == "reopen":
            svc.reopen_followup(saved_id(target), expected=target)
        elif kind == "unsnooze":
            before, moved = target
            svc.update_conversation(saved_id(moved), {"followup_due": before.followup_due}, expected=moved)
        else:
            svc.bring_back_nudge(saved_id(target))
    except (ValidationError, NotFoundError) as error:
        st.session_state[REFUSED] = error
    else:
        ui.flash("Undone.")


def _bring_back(svc: MemberService, item: SetAside) -> None:
    svc.bring_back_nudge(saved_id(item))
    st.session_state.pop(_UNDO, None)


def show_refusal() -> None:
    """A click the store refused on the last run (the record changed in another tab), said where it happened."""
    refused = st.session_state.pop(REFUSED, None)
    if refused is not None:
        ui.show_problems(refused)


def _act(svc: MemberService, nudge: Nudge, act: Act, people: dict[int, Person], primary: bool) -> None:
    kind: Literal["primary", "secondary"] = "primary" if primary else "secondary"
    who = _who(people, act.person_id)
    if act.kind is ActKind.MARK_DONE and act.conversation is not None:
        st.button(
            act.label,
            key=_key(nudge, "done"),
            icon=":material/check:",
            type=kind,
            on_click=_mark_done,
            args=(svc, act.conversation, who),
        )
    elif act.kind is ActKind.SNOOZE and act.conversation is not None:
        st.button(
            act.label,
            key=_key(nudge, "snooze"),
            icon=":material/snooze:",
            on_click=_snooze,
            args=(svc, act.conversation, who),
        )
    elif act.kind is ActKind.DRAFT and act.person_id is not None:
        conversation_id = act.conversation.id if act.conversation is not None else None
        with st.popover(act.label, icon=":material/forward_to_inbox:", type=kind):
            st.caption("Copy it with the button in the corner, then make it yours.")
            draft = svc.draft_message(act.person_id, conversation_id, act.draft_kind or "thank_you")
            st.code(ui.plain(draft), language=None, wrap_lines=True)
    elif act.kind in _LINKS:
        page, icon = _LINKS[act.kind]
        params: dict[str, Any] = {}
        if act.kind in (ActKind.OPEN_PERSON, ActKind.OPEN_PREP) and act.person_id is not None:
            params = {"person": str(act.person_id), **({"tab": "prepare"} if act.kind is ActKind.OPEN_PREP else {})}
        elif act.kind is ActKind.SET_GOALS and act.month:
            params = {"month": act.month}
        st.page_link(page, label=act.label, icon=icon, query_params=params or None)


def coach_card(svc: MemberService, nudge: Nudge, people: dict[int, Person]) -> None:
    """One piece of advice as a card: what and why, how it was ranked, its acts, its links and "not now"."""
    acts = svc.card_acts(nudge)
    with st.container(border=True):
        st.markdown(f"**{ui.escape(nudge.title, isolate=False)}**  \n{ui.escape(nudge.reason, isolate=False)}")
        st.markdown(f":material/arrow_forward: {ui.escape(nudge.action, isolate=False)}")
        st.caption(f"Ranked by: {ui.escape(nudge.ranking, isolate=False)}")
        with st.container(horizontal=True, gap="small"):
            for index, act in enumerate(acts):
                _act(svc, nudge, act, people, primary=index == 0)
            opens_person = any(a.kind in (ActKind.OPEN_PERSON, ActKind.OPEN_PREP) for a in acts)
            if nudge.subject is not None and nudge.subject in people and not opens_person:
                st.page_link(
                    "pages/people.py",
                    label="Open their page",
                    icon=":material/person:",
                    query_params={"person": str(nudge.subject)},
                )
            st.page_link(
                "pages/tips.py",
                label="Why this matters",
                icon=":material/lightbulb:",
                query_params={"tip": nudge.tip_id},
            )
            st.button(
                "Not now",
                key=_key(nudge, "aside"),
                icon=":material/schedule:",
                type="tertiary",
                help="Hide this advice for a week; it comes back if it still applies.",
                on_click=_set_aside,
                args=(svc, nudge),
            )


def undo_and_set_aside(svc: MemberService, today: dt.date) -> None:
    """Under the cards: undo the last card action, and the advice set aside with a way to bring it back.

    The undo label is markdown made safe when it was kept.
    """
    last = st.session_state.get(_UNDO)
    aside = svc.set_aside()
    if last is None and not aside:
        return
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        if last is not None:
            st.button(
                f"Undo {last[2]}",
                key="card_undo",
                icon=":material/undo:",
                type="tertiary",
                on_click=_undo,
                args=(svc,),
            )
        if aside:
            with st.popover(f"Set aside ({len(aside)})", icon=":material/schedule:", type="tertiary"):
                for item in aside:
                    back = ui.days_phrase(((item.until or today) - today).days)
                    who = ""
                    if item.person_id is not None:
                        person = svc.snapshot().person_by_id().get(item.person_id)
                        who = f" · {ui.escape(person.name)}" if person is not None else ""
                    st.markdown(f"**{ui.escape(item.title or 'Advice', isolate=False)}**{who} · back {back}")
                    st.button(
                        "Bring back",
                        key=f"card_back_{item.id}",
                        icon=":material/undo:",
                        on_click=_bring_back,
                        args=(svc, item),
                    )
