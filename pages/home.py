"""Home: this month at a glance and what the coach suggests next."""

import streamlit as st

from netcoach.coach import month_of
from netcoach.coach.first_steps import StepKind, all_done, first_steps
from netcoach.coach.goals import next_goals_month
from netcoach.coach.months import month_label
from netcoach.insights import charts
from netcoach.models import GoalMetric, ValidationError
from netcoach.web import access, cards, pace, session, ui
from netcoach.web import followups as followup_web
from netcoach.web import pulse as pulse_web

FIRST_STEPS_OPEN = "home_first_steps_open"
STEP_LINKS = {
    StepKind.DATES: ("pages/settings.py", "Open settings", ":material/settings:"),
    StepKind.GOALS: ("pages/goals.py", "Set goals", ":material/flag:"),
    StepKind.CONVERSATION: ("pages/log.py", "Log a conversation", ":material/edit_note:"),
}

member = session.guard()
svc = session.service()
snap = svc.snapshot()
today = svc.today
month = month_of(today)

name = snap.profile.display_name
st.title(f"Hi {ui.escape(name)}" if name else "Your networking week", anchor=False)
ui.show_flash()
team_now = access.team_view()
if team_now is not None:
    pulse_web.home_block(team_now)  # the coordinator's open check-in, until answered

steps = first_steps(snap)
if not all_done(steps):
    # Remembered for the session, so the run that finds the last step done can say so once.
    st.session_state[FIRST_STEPS_OPEN] = True
    if snap.is_empty:
        st.markdown(
            "netcoach keeps track of the people you meet during your internship and turns your own notes "
            "into small, concrete next steps. Three things to start:"
        )
    done = sum(step.done for step in steps)
    st.caption(f"First steps: {done} of {len(steps)} done")
    for number, (step, column) in enumerate(zip(steps, st.columns(len(steps)), strict=True), start=1):
        with column.container(border=True):
            if step.done:
                st.markdown(f":green[:material/check_circle:] ~~**{number}. {step.title}**~~  \nDone.")
            else:
                st.markdown(f"**{number}. {step.title}**  \n{step.why}")
                page, label, icon = STEP_LINKS[step.kind]
                st.page_link(page, label=label, icon=icon)
elif st.session_state.pop(FIRST_STEPS_OPEN, False):
    st.success("All set: dates, goals and a first conversation are in. From here the coach suggests what is next.")

if snap.is_empty:
    team = access.team_view()
    if team is not None:
        ui.team_events(team, svc, limit=3)
    if member.local:
        st.divider()
        st.caption("Want to look around first? Fill this dashboard with an invented intern's data.")
        if st.button("Load sample data", icon=":material/science:"):
            try:
                svc.load_sample_data()
            except ValidationError as error:
                ui.show_problems(error)
            else:
                ui.flash("Sample data loaded: explore, then delete it from Import and export when you are ready.")
                st.rerun()
    st.stop()

internship_day = svc.internship_day()
if internship_day is not None:
    st.caption(f"{today:%A %d %B} · day {internship_day[0]} of {internship_day[1]} of your internship")
else:
    st.caption(f"{today:%A %d %B}")

progress = {g.metric: g.actual for g in svc.goal_progress(month)}
followups = svc.followups()
waiting = len(followups.overdue) + len(followups.due_today) + len(followups.upcoming)
c1, c2, c3, c4 = st.columns(4)


c1.metric("Conversations this month", progress[GoalMetric.CONVERSATIONS])
c2.metric("New people this month", progress[GoalMetric.NEW_PEOPLE])
c3.metric(
    "Follow-ups waiting",
    waiting,
    delta=f"{len(followups.overdue)} overdue" if followups.overdue else None,
    delta_color="inverse",
)
c4.metric("Weeks in a row with a conversation", svc.week_streak())

leaving = svc.exit_list()
if leaving:
    with st.container(border=True):
        st.markdown("**Your internship ends soon.** Thank these people and tell them how to stay in touch:")
        for contact in leaving:
            st.markdown(f"- **{ui.escape(contact.name)}**: {ui.escape(contact.reason, isolate=False)}")
        st.page_link("pages/followups.py", label="Draft the messages", icon=":material/forward_to_inbox:")

st.subheader("What the coach suggests", anchor=False)
cards.show_refusal()
nudges = svc.nudges(limit=3)
if not nudges:
    st.success("Nothing pressing: your log looks healthy. Keep going.", icon=":material/thumb_up:")
people = snap.person_by_id()
for nudge in nudges:
    cards.coach_card(svc, nudge, people)
cards.undo_and_set_aside(svc, today)

# Follow-ups first: on a phone the columns stack, and what is due beats how the month is going.
left, right = st.columns(2)
with right:
    st.subheader("This month's goals", anchor=False)
    paces = svc.goal_paces(month)
    if not paces:
        st.info("No goals for this month yet.")
        st.page_link("pages/goals.py", label="Set this month's goals", icon=":material/flag:")
    for metric, goal_pace in paces.items():
        st.progress(pace.share(goal_pace), text=pace.pace_line(metric.label, goal_pace))
    next_month = next_goals_month(today)
    if next_month is not None and not svc.goals(next_month):
        st.page_link(
            "pages/goals.py",
            label=f"Set goals for {month_label(next_month)}",
            icon=":material/event_upcoming:",
            query_params={"month": next_month},
        )
with left:
    st.subheader("Follow-ups", anchor=False)
    followup_web.home_panel(svc, snap.people, today)
    team = access.team_view()
    if team is not None:
        ui.team_events(team, svc, limit=3)
        benchmarks = team.benchmarks(month)
        if benchmarks:
            st.caption(
                f"Cohort median this month: {benchmarks[GoalMetric.NEW_PEOPLE]:g} new people, "
                f"{benchmarks[GoalMetric.CONVERSATIONS]:g} conversations."
            )
    upcoming = [e for e in snap.events if e.date >= today][:3]
    if upcoming:
        st.subheader("Coming up", anchor=False)
        for event in upcoming:
            st.markdown(f"- {event.date:%a %d %b} · {ui.escape(event.name)}")

st.subheader("Recent conversations", anchor=False)
recent = snap.conversations[:5]
recent_rows = ui.table(
    {
        "Date": c.date,
        "With": ui.people_names(snap.people, c.person_ids),
        "Setting": c.event or c.setting.label,
        "Quality": "★" * c.quality,
        "Learned": c.learned,
    }
    for c in recent
)
QUALITY_HELP = "Your own rating of how the conversation went, 1 to 5 stars, given when you logged it."
RECENT_WIDE = {
    "Date": st.column_config.DateColumn(format="D MMM YYYY", width=100),
    "With": st.column_config.TextColumn(width=180),
    "Setting": st.column_config.TextColumn(width=130),
    "Quality": st.column_config.TextColumn(width=90, help=QUALITY_HELP),
    "Learned": st.column_config.TextColumn("What I learned", width=200),
}
RECENT_NARROW = {
    "Date": st.column_config.DateColumn(format="D MMM", width=72),
    "With": st.column_config.TextColumn(width=130),
    "Learned": st.column_config.TextColumn("What I learned", width=150),
}
wide, narrow = ui.by_width("recent_tables", ui.table_width(RECENT_WIDE))
for place, columns in ((wide, RECENT_WIDE), (narrow, RECENT_NARROW)):
    place.dataframe(recent_rows, hide_index=True, width="stretch", column_order=list(columns), column_config=columns)

left, right = st.columns(2)
# Built once per version of the member's file, not on every rerun.
activity = svc.remembered("home_activity_chart", lambda: charts.activity_calendar(svc.activity()))
growth = svc.remembered("home_growth_chart", lambda: charts.network_growth(svc.network_growth()))
ui.chart(activity, where=left, caption=charts.EXPLAIN["activity"])
ui.chart(growth, where=right)
