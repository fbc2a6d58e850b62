"""The coordinator's check-in on a member's Home: answered in one tap per question, then gone."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from netcoach.models import ValidationError
from netcoach.team.pulse import SCALE, Pulse, Question
from netcoach.team.views import TeamView
from netcoach.web import ui

THANKS = "Thanks: your answer is in. Your coordinator sees only how many picked each answer, never yours."
_REFUSED = "_pulse_refused"


def _pick(
    question: Question, key: str, on_change: Callable[..., None] | None = None, args: tuple[object, ...] = ()
) -> str | None:
    """One tap: a 1-5 scale as a segmented row, a choice as pills that wrap on a phone."""
    label = ui.escape(question.text)
    if question.kind == SCALE:
        picked = st.segmented_control(
            label, question.options, format_func=ui.escape, key=key, on_change=on_change, args=args
        )
        st.caption("1 is the lowest, 5 the highest.")
    else:
        picked = st.pills(label, question.options, format_func=ui.escape, key=key, on_change=on_change, args=args)
    return picked if isinstance(picked, str) else None


def _send(team: TeamView, pulse: Pulse, answers: list[str | None]) -> None:
    try:
        with ui.saving():
            team.answer_pulse(pulse, answers)
    except ValidationError as error:
        st.session_state[_REFUSED] = error
    else:
        ui.flash(THANKS)


def _answer_one(team: TeamView, pulse: Pulse, key: str) -> None:
    picked = st.session_state.get(key)
    if picked is not None:  # tapping the picked option again clears it: nothing to send
        _send(team, pulse, [picked])


def home_block(team: TeamView) -> None:
    """The open check-in this member has not answered, if any; nothing otherwise."""
    pulse = team.open_pulse()
    if pulse is None:
        return
    with st.container(border=True, key="pulse_block"):
        st.markdown(f"**A quick check-in from your coordinator** · open until {pulse.closes:%a %d %b}")
        refused = st.session_state.pop(_REFUSED, None)
        if len(pulse.questions) == 1:
            key = f"pulse_{pulse.id}_answer"
            _pick(pulse.questions[0], key, on_change=_answer_one, args=(team, pulse, key))
        else:
            with st.form(f"pulse_{pulse.id}", border=False, enter_to_submit=False):
                picks = [_pick(q, f"pulse_{pulse.id}_answer_{n}") for n, q in enumerate(pulse.questions)]
                if st.form_submit_button("Send my answers", type="primary", icon=":material/send:"):
                    _send(team, pulse, picks)
                    if _REFUSED not in st.session_state:
                        st.rerun()
                    refused = st.session_state.pop(_REFUSED)
        if refused is not None:
            ui.show_problems(refused, "Not sent:")
        st.caption("Your coordinator sees only how many picked each answer, never who picked what.")
