"""Cohort: how the intern cohort is doing, in totals only: health buckets and sums for a date range, month by month."""

import datetime as dt

import streamlit as st

from netcoach.insights import charts
from netcoach.team.health import MIN_BUCKET, RANGES, RULES, buckets_frame, health_table
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
skipped = int(totals.iloc[-1]["members_skipped"])
if skipped:
    st.warning(
        f"The data of {skipped} sharing intern(s) could not be read just now, "
        "so their numbers are left out of these totals."
    )
counted = sharing - skipped
if counted < MIN_BUCKET:
    # A total over one to four people could be one person's numbers: shown from five, like the buckets.
    st.info(
        f"Totals show once at least {MIN_BUCKET} interns share ({counted} counted now): "
        "with fewer, a total could be one person's numbers."
    )
    st.stop()

choice = st.radio("Dates", RANGES, horizontal=True, key="cohort_range")
custom: tuple[dt.date, ...] = ()
if choice == "Custom":
    today = view.today()
    picked = st.date_input(
        "From and to", value=(today.replace(day=1), today), max_value=today, format="YYYY-MM-DD", key="cohort_custom"
    )
    custom = tuple(picked) if isinstance(picked, tuple) else (picked,) if isinstance(picked, dt.date) else ()
health = view.cohort_health(str(choice), custom)
suffix = {"This month": "this month", "Last month": "last month", "Whole internship": "in the internship"}.get(
    str(choice), "in the range"
)
st.caption(f"{health.span.label} · over the {health.members} intern(s) who share.")
c1, c2, c3, c4 = st.columns(4)
c1.metric(f"Conversations {suffix}", int(health.totals["conversations"]))
c2.metric(f"New people {suffix}", int(health.totals["new_people"]))
c3.metric(f"Events attended {suffix}", int(health.totals["events_attended"]))
rate = health.totals["followthrough_rate"]
c4.metric("Followed up within 2 days", "–" if rate != rate else f"{rate:.0%}")

st.subheader("Cohort health", anchor=False)
if health.buckets:
    merged = any(b.merged for b in health.buckets)
    ui.chart(
        charts.cohort_health(buckets_frame(health)),
        caption=(
            f"Buckets holding fewer than {MIN_BUCKET} members are merged with the one next to them, "
            "so no number here stands for fewer than five people."
            if merged
            else f"Every bucket shown holds at least {MIN_BUCKET} members, or none."
        ),
    )
else:
    st.info(
        f"Fewer than {MIN_BUCKET} interns share, so health buckets are not shown: "
        "a count that small could point at one person.",
        icon=":material/visibility_off:",
    )
with st.expander("How interns are put in a bucket", icon=":material/rule:"):
    st.markdown("\n".join(f"- {rule}" for rule in RULES))
    st.caption("Only interns who share their totals are counted; you never see who is in which bucket.")
st.download_button(
    "Download these totals (CSV)",
    data=health_table(health).to_csv(index=False),
    file_name=f"netcoach-cohort-{health.span.start}-{health.span.end}.csv",
    mime="text/csv",
    icon=":material/download:",
    on_click="ignore",
)

st.subheader("Month by month", anchor=False)
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
