"""Log a conversation with every detail; find, edit or delete past entries.

Quick capture (the button on every page) is the short way in; this is the
full form. Its confirmation and its problems show right under Save, where the
person just pressed it, not at the top of a long page.
"""

from functools import partial

import streamlit as st

from netcoach.models import Conversation, ValidationError, saved_id
from netcoach.service import MemberService, NotFoundError
from netcoach.web import session, trash, ui
from netcoach.web.forms import as_shown, conversation_form

session.guard()
svc = session.service()
snap = svc.snapshot()

st.title("Log a conversation")

# A new form key after each save gives a fresh, empty form. It is drawn in the same run, in the
# submitted form's place, rather than by a second run of the whole page: a save costs one run.
form_round = st.session_state.setdefault("log_form_round", 0)
form_slot = st.empty()
with form_slot.container():
    entered = conversation_form(f"log_{form_round}", snap.people, snap.events, snap.profile, svc.today)
if entered is not None:
    try:
        saved = svc.log_conversation(entered.raw, new_people=entered.new_people, require_roles=True)
    except (ValidationError, NotFoundError) as error:
        ui.show_problems(error)
    else:
        snap = svc.snapshot()
        who = ui.people_names(snap.people, saved.person_ids)
        ui.flash(f"Saved: your conversation with {ui.escape(who)} on {ui.format_date(saved.date)}.")
        form_round += 1
        st.session_state["log_form_round"] = form_round
        with form_slot.container():
            conversation_form(f"log_{form_round}", snap.people, snap.events, snap.profile, svc.today)
ui.show_flash()  # under Save, where the person is looking


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
    st.write(f"This moves **{ui.escape(label)}** to the trash, where it stays 30 days.")
    c1, c2 = st.columns(2)
    if c1.button("Delete", type="primary", icon=":material/delete:", key="confirm_delete"):
        try:
            trashed = service.delete_conversation(saved_id(conversation), expected=shown)
        except (ValidationError, NotFoundError) as error:
            ui.show_problems(error)
            return
        ui.close_dialog("delete")
        trash.offer_undo("log", trashed)
        st.rerun()
    if c2.button("Keep it", key="cancel_delete"):
        ui.close_dialog("delete")
        st.rerun()


st.subheader("Past conversations")
trash.show_undo(svc, "log")  # where the person pressed Delete
needle = st.text_input("Search past conversations", placeholder="Name, topic, event, note…")
past = svc.conversations(text=needle)
if not past:
    st.info("Nothing logged yet." if not needle else "No conversation matches that search.")
shown = past[:25]
if shown:
    # One list and one pair of buttons, rather than Edit and Delete under every entry.
    st.dataframe(
        ui.table(
            {
                "Date": c.date,
                "Who": ui.people_names(snap.people, c.person_ids),
                "Where": c.event or c.setting.label,
                "What": (c.learned or c.notes)[:160],
            }
            for c in shown
        ),
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(shown), 320),
        column_config={
            "Date": st.column_config.DateColumn("Date", format="D MMM YYYY", width="small"),
            "What": st.column_config.TextColumn("What", width="large"),
        },
    )
    labels = {c.id: ui.conversation_label(c, snap.people) for c in shown}
    chosen = st.selectbox("Change or delete", list(labels), format_func=lambda i: labels.get(i, ""), key="log_chosen")
    c1, c2 = st.columns(2)
    if c1.button("Edit", key="log_edit", icon=":material/edit:", width="stretch"):
        ui.open_dialog("edit", chosen)
    if c2.button("Delete", key="log_delete", icon=":material/delete:", width="stretch"):
        ui.open_dialog("delete", chosen)
if len(past) > len(shown):
    st.caption(f"Showing the latest {len(shown)} of {len(past)}. Search to find older ones.")

by_id = {c.id: c for c in snap.conversations}
if (target := by_id.get(ui.dialog_target("edit"))) is not None:
    edit_dialog(svc, target)
elif (target := by_id.get(ui.dialog_target("delete"))) is not None:
    delete_dialog(svc, target, ui.conversation_label(target, snap.people))
