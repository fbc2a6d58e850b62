"""netcoach: the entry point. Decides who the run acts for, then runs the chosen page."""

from __future__ import annotations

import streamlit as st

from netcoach import ui
from netcoach.store import StoreError

st.set_page_config(page_title="netcoach", page_icon=":material/diversity_3:", layout="wide")

PAGES = {
    "Your week": [
        st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
        st.Page("pages/log.py", title="Log a conversation", icon=":material/edit_note:"),
        st.Page("pages/followups.py", title="Follow-ups", icon=":material/forward_to_inbox:"),
        st.Page("pages/goals.py", title="Goals", icon=":material/flag:"),
    ],
    "Your network": [
        st.Page("pages/people.py", title="People", icon=":material/groups:"),
        st.Page("pages/events.py", title="Events", icon=":material/event:"),
        st.Page("pages/insights.py", title="Insights", icon=":material/insights:"),
        st.Page("pages/tips.py", title="Tips", icon=":material/lightbulb:"),
    ],
    "Your data": [
        st.Page("pages/data.py", title="Import and export", icon=":material/swap_vert:"),
        st.Page("pages/settings.py", title="Settings", icon=":material/settings:"),
    ],
}

member = ui.Member(member_id=ui.LOCAL_MEMBER_ID)
page = st.navigation(PAGES)
with st.sidebar:
    st.caption(f"Data folder: `{ui.data_root().resolve()}`")
with ui.acting_for(member):
    try:
        page.run()
    except StoreError as error:
        ui.show_store_error(error)
