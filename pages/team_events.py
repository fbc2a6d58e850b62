"""Team events: the coordinator posts company events every member can see and join."""

import streamlit as st

from netcoach.models import EventKind, ValidationError, saved_id
from netcoach.web import access, ui

view = access.coordinator_view()

st.title("Team events", anchor=False)
ui.show_flash()

with st.form("post_event", enter_to_submit=False):
    c1, c2, c3 = st.columns([3, 1, 1])
    name = c1.text_input("Name", max_chars=120)
    when = c2.date_input("Date", format="YYYY-MM-DD")
    kind = c3.selectbox("Kind", list(EventKind), format_func=lambda k: k.label)
    place = st.text_input("Place")
    description = st.text_area("Description", height=68)
    posted = st.form_submit_button("Post event", type="primary", icon=":material/campaign:")
if posted:
    try:
        event = view.post_event({"name": name, "date": when, "kind": kind, "place": place, "description": description})
    except ValidationError as error:
        ui.show_problems(error)
    else:
        ui.flash(f"Posted {ui.escape(event.name)}; members see it on their Home and Events pages.")
        st.rerun()

events = view.shared_events()
if not events:
    st.info("No team events yet.")
for event in reversed(events):
    with st.container(border=True):
        c1, c2 = ui.action_row(1)
        where = f" · {ui.escape(event.place)}" if event.place else ""
        c1.markdown(f"**{ui.escape(event.name)}**  \n{event.date:%a %d %b %Y} · {event.kind.label}{where}")
        if c2.button("Remove", key=f"remove_{event.id}", icon=":material/delete:"):
            view.delete_event(saved_id(event))
            ui.flash(f"Removed {ui.escape(event.name)}.")
            st.rerun()
