"""Events: what is coming up (and how to prepare), what you went to, and who you met there."""

from functools import partial

import streamlit as st

from netcoach.models import Event, EventKind, ValidationError, saved_id
from netcoach.service import MemberService, NotFoundError
from netcoach.web import access, prep, session, trash, ui
from netcoach.web.forms import as_shown

session.guard()
svc = session.service()
snap = svc.snapshot()
today = svc.today

st.title("Events")
ui.show_flash()
trash.show_undo(svc, "events")
if (refused := st.session_state.pop("events_refused", None)) is not None:
    ui.show_problems(refused)
team = access.team_view()
if team is not None:
    ui.team_events(team, svc, limit=10)

with st.expander("Add an event", icon=":material/add:", expanded=not snap.events):
    with st.form("add_event", clear_on_submit=False, enter_to_submit=False):
        c1, c2, c3 = st.columns([3, 1, 1])
        name = c1.text_input("Name", max_chars=120)
        when = c2.date_input("Date", value=today, format="YYYY-MM-DD")
        kind = c3.selectbox("Kind", list(EventKind), format_func=lambda k: k.label)
        c1, c2 = st.columns([3, 1])
        place = c1.text_input("Place")
        attended = c2.checkbox("I went", value=False)
        description = st.text_area("Description", height=68)
        submitted = st.form_submit_button("Save event", type="primary", icon=":material/save:")
    if submitted:
        try:
            event = svc.add_event(
                {
                    "name": name,
                    "date": when,
                    "kind": kind,
                    "place": place,
                    "attended": attended,
                    "description": description,
                }
            )
        except ValidationError as error:
            ui.show_problems(error)
        else:
            ui.flash(f"Saved event: {ui.escape(event.name)}.")
            st.rerun()


def set_attended(service: MemberService, event: Event, key: str) -> None:
    try:
        service.update_event(saved_id(event), {"attended": st.session_state[key]}, expected=event)
    except (ValidationError, NotFoundError) as error:
        st.session_state["events_refused"] = error
    finally:
        # The box is drawn again from what is stored: the new value once saved, the old one
        # after a refusal or a fault (which the service handle reports on its own).
        st.session_state.pop(key, None)


@st.dialog("Delete event?", on_dismiss=partial(ui.close_dialog, "delete_event"))
def delete_dialog(service: MemberService, event: Event) -> None:
    shown = as_shown(f"delete_event_{event.id}", event)
    st.write(
        f"This moves **{ui.escape(event.name)}** to the trash for 30 days. "
        "Conversations logged there keep the event's name."
    )
    if st.button("Delete", type="primary", icon=":material/delete:"):
        try:
            trashed = service.delete_event(saved_id(event), expected=shown)
        except (ValidationError, NotFoundError) as error:
            ui.show_problems(error)
            return
        ui.close_dialog("delete_event")
        trash.offer_undo("events", trashed)
        st.rerun()


linked = svc.conversations_by_event()


def show(events: list[Event]) -> None:
    for event in events:
        talks = linked.get(saved_id(event), [])
        with st.container(border=True):
            c1, c2, c3 = ui.action_row(2)
            where = f" · {ui.escape(event.place)}" if event.place else ""
            c1.markdown(f"**{ui.escape(event.name)}**  \n{event.date:%a %d %b %Y} · {event.kind.label}{where}")
            key = f"attended_{event.id}"
            c2.checkbox("I went", value=event.attended, key=key, on_change=set_attended, args=(svc, event, key))
            if c3.button("Delete", key=f"del_{event.id}", icon=":material/delete:"):
                ui.open_dialog("delete_event", event.id)
            if event.description:
                st.caption(ui.escape(event.description))
            if talks:
                names = sorted({n for c in talks for n in ui.people_names(snap.people, c.person_ids).split(", ")})
                st.markdown(f"{len(talks)} conversation(s) here, with {ui.escape(', '.join(names))}.")
            if event.date >= today and not event.attended:
                with st.expander("Prepare", icon=":material/checklist:"):
                    prep.event_card(svc.event_prep(saved_id(event)))


upcoming = [e for e in snap.events if e.date >= today]
past = sorted((e for e in snap.events if e.date < today), key=lambda e: e.date, reverse=True)
tab_up, tab_past = st.tabs([f"Upcoming ({len(upcoming)})", f"Past ({len(past)})"])
with tab_up:
    if upcoming:
        show(upcoming)
    else:
        st.info("No upcoming events. Add one you plan to go to.")
with tab_past:
    if past:
        went = sum(e.attended for e in past)
        st.caption(f"You went to {went} of {len(past)} past events.")
        show(past)
    else:
        st.info("No past events yet.")

if (target := next((e for e in snap.events if e.id == ui.dialog_target("delete_event")), None)) is not None:
    delete_dialog(svc, target)
