"""Tips: the coaching library, what is due for review, and what you found useful."""

import streamlit as st

from netcoach.coach.tips import Tip, TipKind
from netcoach.models import ValidationError
from netcoach.web import session, ui

session.guard()
svc = session.service()
progress = svc.tip_progress()

st.title("Tips")
ui.show_flash()

KIND_HEADINGS = {
    TipKind.WHY: "Why it matters",
    TipKind.WAY: "Ways to build connections",
    TipKind.OBSTACLE: "When it feels hard",
    TipKind.CLOSING: "Keep going",
}
focus = st.query_params.get("tip")


def show(tip: Tip) -> None:
    state = progress.get(tip.id)
    status = []
    if state and state.read_on:
        status.append(f"read {ui.format_date(state.read_on)}")
    if state and state.tried_on:
        status.append(f"tried {ui.format_date(state.tried_on)}")
    if state and state.useful:
        status.append("useful")
    label = tip.title + (f" · {', '.join(status)}" if status else "")
    with st.expander(label, expanded=tip.id == focus):
        st.markdown(tip.why)
        if tip.actions:
            st.markdown("**This week:**\n" + "\n".join(f"- {a}" for a in tip.actions))
        if tip.metrics:
            st.caption("Moves: " + ", ".join(m.label for m in tip.metrics))
        if state and state.reflection:
            st.markdown(f"*Your note:* {ui.escape(state.reflection)}")
        c1, c2 = st.columns(2)
        if c1.button("Mark as read", key=f"read_{tip.id}", icon=":material/done:"):
            svc.mark_tip_read(tip.id)
            ui.flash(f"Marked '{tip.title}' as read.")
            st.rerun()
        useful = c2.toggle("Useful to me", value=bool(state and state.useful), key=f"useful_{tip.id}")
        if useful != bool(state and state.useful):
            svc.set_tip_useful(tip.id, useful)
            st.rerun()
        if tip.kind.needs_actions:
            with st.form(f"tried_{tip.id}", enter_to_submit=False):
                note = st.text_input("Tried it? One line on how it went", max_chars=200)
                if st.form_submit_button("I tried it today", icon=":material/check_circle:"):
                    try:
                        svc.mark_tip_tried(tip.id, reflection=note)
                    except ValidationError as error:
                        ui.show_problems(error)
                    else:
                        ui.flash(f"Noted: you tried '{tip.title}'. It comes back for review later.")
                        st.rerun()


due = svc.tips_due_for_review()
if due:
    st.subheader(f"Due for review ({len(due)})", anchor=False)
    for tip in due:
        show(tip)

useful_ids = [tip_id for tip_id, state in progress.items() if state.useful]
if useful_ids:
    st.caption("Found useful: " + ", ".join(t.title for t in svc.tips_library() if t.id in useful_ids))

for kind, heading in KIND_HEADINGS.items():
    st.subheader(heading, anchor=False)
    for tip in svc.tips_library():
        if tip.kind is kind and tip not in due:
            show(tip)
