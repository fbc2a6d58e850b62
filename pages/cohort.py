"""Cohort: how the intern cohort is doing, in totals only."""

import streamlit as st

from netcoach.insights import charts
from netcoach.web import access, ui

view = access.coordinator_view()

st.title("Cohort", anchor=False)
members, sharing = view.members_count()
st.caption(
    f"{members} intern(s) signed up, {sharing} share their monthly totals. "
    "You see sums over those who share; never a person, an organization or a note."
)
if not sharing:
    st.info("Nobody shares totals yet. Interns can switch sharing on in their Settings.")
    st.stop()

totals = view.cohort_totals(months=6)
latest = totals.iloc[-1]
skipped = int(latest["members_skipped"])
if skipped:
    st.warning(
        f"The data of {skipped} sharing intern(s) could not be read just now, "
        "so their numbers are left out of these totals."
    )
c1, c2, c3, c4 = st.columns(4)
c1.metric("Conversations this month", int(latest["conversations"]))
c2.metric("New people this month", int(latest["new_people"]))
c3.metric("Events attended this month", int(latest["events_attended"]))
rate = latest["followthrough_rate"]
c4.metric("Followed up within 2 days", "–" if rate != rate else f"{rate:.0%}")

table = totals.assign(month=totals["month"].dt.strftime("%Y-%m"))
st.dataframe(
    ui.table(table),
    hide_index=True,
    width="stretch",
    column_config={
        "month": "Month",
        "members_sharing": "Sharing",
        "members_skipped": None,
        "conversations": "Conversations",
        "new_people": "New people",
        "events_attended": "Events attended",
        "followups_needed": "Follow-ups needed",
        "followups_on_time": "Within 2 days",
        "followthrough_rate": st.column_config.NumberColumn("Follow-through", format="percent"),
        "goals_set": "Goals set",
        "goals_met": "Goals met",
    },
)
ui.chart(charts.cohort_totals(totals))
