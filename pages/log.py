"""Log a conversation in under half a minute; edit or delete past entries."""

from functools import partial

import streamlit as st

from netcoach.models import Conversation, ValidationError, saved_id
from netcoach.service import MemberService, NotFoundError
from netcoach.web import session, ui
from netcoach.web.forms import as_shown, conversation_form

session.guard()
svc = session.service()
snap = svc.snapshot()

st.title("Log a conversation")
ui.show_flash()

# A new form key after each save gives a fresh, empty form.
form_round = st.session_state.setdefault("log_form_round", 0)
entered = conversation_form(f"log_{form_round}", snap.people, snap.events, snap.profile, svc.today)
if entered is not None:
    try:
        saved = svc.log_conversation(entered.raw, new_people=entered.new_people)
    except (ValidationError, NotFoundError) as error:
        ui.show_problems(error)
    else:
        who = ui.people_names(svc.snapshot().people, saved.person_ids)
        ui.flash(f"Saved: your conversation with {ui.escape(who)} on {ui.format_date(saved.date)}.")
        st.session_state["log_form_round"] = form_round + 1
        st.rerun()


@st.dialog("Edit conversation", width="large", on_dismiss=partial(ui.close_dialog, "edit"))
def edit_dialog(service: MemberService, conversation: Conversation) -> None:
    shown = as_shown(f"edit_{conversation.id}", conversation)
    current = service.snapshot()
    entered = conversation_form(
        f"edit_{conversation.id}",
        current.people,
        current.events,
        current.profile,
        service.today,
        initial=conversation,
        submit_label="Save changes",
    )
    if entered is None:
        return
    try:
        service.update_conversation(saved_id(conversation), entered.raw, expected=shown)
    except (ValidationError, NotFoundError) as error:
        ui.show_problems(error)
    else:
        ui.close_dialog("edit")
        ui.flash("Saved your changes.")
        st.rerun()


@st.dialog("Delete conversation?", on_dismiss=partial(ui.close_dialog, "delete"))
def delete_dialog(service: MemberService, conversation: Conversation, label: str) -> None:
    shown = as_shown(f"delete_{conversation.id}", conversation)
    st.write(f"This removes **{ui.escape(label)}** for good.")
    c1, c2 = st.columns(2)
    if c1.button("Delete", type="primary", icon=":material/delete:", key="confirm_delete"):
        try:
            service.delete_conversation(saved_id(conversation), expected=shown)
        except (ValidationError, NotFoundError) as error:
            ui.show_problems(error)
            return
        ui.close_dialog("delete")
        ui.flash("Conversation deleted.")
        st.rerun()
    if c2.button("Keep it", key="cancel_delete"):
        ui.close_dialog("delete")
        st.rerun()


st.subheader("Past conversations")
needle = st.text_input("Search past conversations", placeholder="Name, topic, event, note…")
past = svc.conversations(text=needle)
if not past:
    st.info("Nothing logged yet." if not needle else "No conversation matches that search.")
shown = past[:25]
for conversation in shown:
    label = ui.conversation_label(conversation, snap.people)
    with st.container(border=True):
        c1, c2, c3 = ui.action_row(2)
        c1.markdown(f"**{ui.escape(label)}**  \n{ui.escape((conversation.learned or conversation.notes)[:160])}")
        if c2.button("Edit", key=f"edit_{conversation.id}", icon=":material/edit:"):
            ui.open_dialog("edit", conversation.id)
        if c3.button("Delete", key=f"delete_{conversation.id}", icon=":material/delete:"):
            ui.open_dialog("delete", conversation.id)
if len(past) > len(shown):
    st.caption(f"Showing the latest {len(shown)} of {len(past)}. Search to find older ones.")

by_id = {c.id: c for c in snap.conversations}
if (target := by_id.get(ui.dialog_target("edit"))) is not None:
    edit_dialog(svc, target)
elif (target := by_id.get(ui.dialog_target("delete"))) is not None:
    delete_dialog(svc, target, ui.conversation_label(target, snap.people))
