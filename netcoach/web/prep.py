"""The prep cards on screen: before a talk with one person (their Prepare tab) and before an event.

Everything here is read-only. The questions and the intro are the coach's
sentences with member text inside (a topic, an offer, an organization), so
they go through `ui.escape` like any member text.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from netcoach.coach.prep import EventPrep, PrepCard
from netcoach.models import Loop
from netcoach.web import ui


def _numbered(lines: Sequence[str]) -> str:
    return "\n".join(f"{n}. {ui.escape(line, isolate=False)}" for n, line in enumerate(lines, start=1))


def _loop_lines(loops: Sequence[Loop]) -> str:
    lines = []
    for loop in loops:
        due = f" (due {ui.format_date(loop.due)})" if loop.due else ""
        lines.append(f"- {ui.escape(loop.what or loop.text)}{due}")
    return "\n".join(lines)


def person_card(card: PrepCard) -> None:
    """What to have in mind before talking to one person."""
    first = card.first_talk
    st.caption(
        "A first talk: a way to open, and two questions." if first else "Read this before you meet; it takes a minute."
    )
    if first:
        st.markdown("**A way to open**")
        st.code(ui.plain(card.intro), language=None, wrap_lines=True)
    st.markdown("**Two questions to ask**")
    st.markdown(_numbered(card.questions))
    if card.you_owe or card.they_offered:
        c1, c2 = st.columns(2)
        with c1:
            st.markdown("**What you owe them**")
            st.markdown(_loop_lines(card.you_owe) or "Nothing open.")
        with c2:
            st.markdown("**What they offered you**")
            st.markdown(_loop_lines(card.they_offered) or "Nothing open.")
    if card.spotted:
        st.caption(f"{len(card.spotted)} more promise(s) spotted in your notes: confirm or dismiss them above.")
    if card.last_talks:
        st.markdown("**Your last talks**")
        for talk in card.last_talks:
            where = ui.escape(talk.event) if talk.event.strip() else talk.setting.label
            topics = f" · {ui.escape(', '.join(talk.topics))}" if talk.topics else ""
            learned = f"  \n*Learned:* {ui.escape(talk.learned)}" if talk.learned else ""
            st.markdown(f"{ui.format_date(talk.date)} · {where}{topics}{learned}")
    if card.cares_about or card.notes or card.advice:
        st.markdown("**What they care about**")
        if card.cares_about:
            st.markdown(ui.escape(", ".join(card.cares_about[:8])))
        for note in card.notes:
            st.caption(f"Your note: {ui.escape(note)}")
        for quote in card.advice:
            st.caption(f"Advice you noted: {ui.escape(quote)}")


def event_card(prep: EventPrep) -> None:
    """What to have in mind before an event."""
    st.markdown(f"**Your goal:** {ui.escape(prep.goal, isolate=False)}")
    if prep.nervous:
        st.caption("You wrote lately that you feel nervous; a smaller goal is still a real step.")
    st.markdown("**Say who you are (rehearse it once aloud)**")
    st.code(ui.plain(prep.intro), language=None, wrap_lines=True)
    st.markdown("**Two questions for people you meet there**")
    st.markdown(_numbered(prep.questions))
    if prep.people:
        st.markdown("**People you may see there**")
        for face in prep.people:
            owed = f" · open: {ui.escape(', '.join(loop.what or loop.text for loop in face.open_loops))}"
            st.markdown(
                f"- {ui.escape(face.name)} · {ui.escape(face.reason, isolate=False)}{owed if face.open_loops else ''}"
            )
