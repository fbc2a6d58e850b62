"""Insights: how your networking has gone, in charts."""

import streamlit as st

from netcoach.insights import charts
from netcoach.web import session

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
left.plotly_chart(charts.per_week_by_role(insights.per_week_by_role), width="stretch")
right.plotly_chart(charts.new_vs_repeat(insights.new_vs_repeat), width="stretch")
left.plotly_chart(charts.settings_mix(insights.settings_mix), width="stretch")
right.plotly_chart(charts.followthrough(insights.followthrough), width="stretch")
left.plotly_chart(charts.quality_over_time(insights.quality_by_month), width="stretch")
right.plotly_chart(charts.organizations(insights.organizations_reached), width="stretch")
st.plotly_chart(charts.network_growth(insights.network_growth), width="stretch")
