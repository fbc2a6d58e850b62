"""Insights: how your networking has gone, in charts."""

import streamlit as st

from netcoach.insights import charts
from netcoach.web import session, ui

session.guard()
svc = session.service()

st.title("Insights")
insights = svc.insights()
if insights.conversations == 0:
    st.info("Charts appear once you have logged a few conversations.")
    st.stop()

c1, c2, c3, c4 = st.columns(4)
c1.metric("Conversations", insights.conversations)
c2.metric("People met", insights.people_met)
c3.metric("Organizations", insights.organizations)
c4.metric("Followed up within 2 days", f"{insights.on_time_rate:.0%}" if insights.on_time_rate is not None else "–")

left, right = st.columns(2)
ui.chart(charts.per_week_by_role(insights.per_week_by_role), where=left)
ui.chart(charts.new_vs_repeat(insights.new_vs_repeat), where=right)
ui.chart(charts.settings_mix(insights.settings_mix), where=left)
ui.chart(charts.followthrough(insights.followthrough), where=right, caption=charts.EXPLAIN["followthrough"])
ui.chart(charts.quality_over_time(insights.quality_by_month), where=left, caption=charts.EXPLAIN["quality"])
ui.chart(charts.organizations(insights.organizations_reached), where=right)
ui.chart(charts.network_growth(insights.network_growth), caption=charts.EXPLAIN["network"])
