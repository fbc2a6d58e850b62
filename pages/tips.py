"""Tips: the coaching library as short cards, with read, tried and useful one click away."""

import streamlit as st

from netcoach.coach.tips import Tip, TipKind, tip_line
from netcoach.models import ValidationError
from netcoach.service import MemberService
from netcoach.web import session, ui

session.guard()
svc = session.service()
progress = svc.tip_progress()
today = svc.today

st.title("Tips")
ui.show_flash()

KIND_HEADINGS = {
    TipKind.WHY: "Why it matters",
    TipKind.WAY: "Ways to build connections",
    TipKind.OBSTACLE: "When it feels hard",
    TipKind.CLOSING: "Keep going",
}
focus = st.query_params.get("tip")
library = svc.tips_library()
due_ids = {tip.id for tip in svc.tips_due_for_review()}


# The buttons act in callbacks and every card keeps its place and its size: a click never
# closes the card's full text or moves the card away from under the person's finger.
def mark_read(service: MemberService, tip: Tip) -> None:
    service.mark_tip_read(tip.id)


def mark_tried(service: MemberService, tip: Tip) -> None:
    service.mark_tip_tried(tip.id)


def toggle_useful(service: MemberService, tip: Tip, useful: bool) -> None:
    service.set_tip_useful(tip.id, not useful)


def status_words(tip: Tip) -> str:
    state = progress.get(tip.id)
    words = []
    if state and state.read_on:
        words.append(f"read {ui.format_date(state.read_on)}")
    if state and state.tried_on:
        words.append(f"tried {ui.format_date(state.tried_on)}")
    if tip.id in due_ids:
        words.append(":orange[due for review]")
    return " · ".join(words) or "not read yet"


def show(tip: Tip) -> None:
    state = progress.get(tip.id)
    read = bool(state and state.read_on)
    tried = bool(state and state.tried_on)
    useful = bool(state and state.useful)
    with st.container(border=True, key=f"tip_card_{tip.id}"):
        st.markdown(f"**{tip.title}**  \n{tip_line(tip)}")
        st.caption(status_words(tip))
        with st.container(horizontal=True, gap="small"):
            st.button(
                "Read",
                key=f"read_{tip.id}",
                icon=":material/task_alt:" if read else ":material/radio_button_unchecked:",
                type="primary" if read else "secondary",
                help="Mark this tip as read; it comes back for a short review in a few days.",
                on_click=mark_read,
                args=(svc, tip),
            )
            st.button(
                "Tried",
                key=f"tried_{tip.id}",
                icon=":material/task_alt:" if tried else ":material/radio_button_unchecked:",
                type="primary" if tried else "secondary",
                help="You tried it today; it comes back for review later, later again each time.",
                on_click=mark_tried,
                args=(svc, tip),
            )
            st.button(
                "Useful",
                key=f"useful_{tip.id}",
                icon=":material/thumb_up:" if useful else ":material/thumb_up_off_alt:",
                type="primary" if useful else "secondary",
                help="Useful to you? A second click takes it back.",
                on_click=toggle_useful,
                args=(svc, tip, useful),
            )
        with st.expander("Full text", expanded=tip.id == focus):
            st.markdown(" ".join(tip.why.split()))
            if tip.actions:
                st.markdown("**This week:**\n" + "\n".join(f"- {a}" for a in tip.actions))
            if tip.metrics:
                st.caption("Moves: " + ", ".join(m.label for m in tip.metrics))
            if state and state.reflection:
                st.markdown(f"*Your note:* {ui.escape(state.reflection)}")
            if tip.kind.needs_actions:
                with st.form(f"note_{tip.id}", enter_to_submit=False, border=False):
                    note = st.text_input("Tried it? One line on how it went", max_chars=200)
                    if st.form_submit_button("Save the note", icon=":material/check_circle:"):
                        try:
                            svc.mark_tip_tried(tip.id, reflection=note)
                        except ValidationError as error:
                            ui.show_problems(error)
                        else:
                            ui.flash(f"Noted: you tried '{tip.title}'. It comes back for review later.")
                            st.rerun()


read_count = sum(1 for state in progress.values() if state.read_on)
useful_count = sum(1 for state in progress.values() if state.useful)
st.caption(
    f"{len(library)} tips · {read_count} read · {useful_count} useful to you · "
    f"{len(due_ids)} due for review. A tip you read or tried comes back for review, spaced further each time."
)

for kind, heading in KIND_HEADINGS.items():
    st.subheader(heading, anchor=False)
    for tip in library:
        if tip.kind is kind:
            show(tip)
