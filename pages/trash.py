"""Trash: what was deleted in the last 30 days and the imports that can be undone, each given back in one tap."""

import streamlit as st

from netcoach.models import KEEP_DAYS
from netcoach.web import session, trash

session.guard()
svc = session.service()

st.title("Trash")
trash.show_done()
st.caption(
    f"Deleted people, conversations and events stay here for {KEEP_DAYS} days, then go for good. "
    "Restore gives one back as it was, with what was deleted along with it. "
    "An import can be undone here as a whole."
)

entries = svc.trash()
if not entries:
    st.info("The trash is empty.")
    st.stop()

for entry in entries:
    trash.entry_card(svc, entry, "trash")

st.subheader("Empty the trash", anchor=False)
CONFIRM = "trash_empty_confirm"
sure = st.checkbox(f"Yes, delete these {len(entries)} item(s) for good", key=CONFIRM)
st.button(
    "Empty trash",
    disabled=not sure,
    icon=":material/delete_forever:",
    on_click=trash.empty,
    args=(svc, [entry.id for entry in entries], CONFIRM),
)
