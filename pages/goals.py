"""Goals: this month's targets, how they are pacing, and how past months went."""

import streamlit as st

from netcoach.coach import month_of, shift_month
from netcoach.coach.goals import next_goals_month
from netcoach.coach.months import month_label
from netcoach.insights import charts
from netcoach.models import GoalMetric, ValidationError
from netcoach.web import access, pace, session, ui

MONTH_KEY = "goals_month"

session.guard()
svc = session.service()
today = svc.today

st.title("Goals")
ui.show_flash()

this_month = month_of(today)
months = [shift_month(this_month, d) for d in (1, 0, -1, -2, -3, -4, -5)]
# A link can open the page on a month ("?month=2026-12" from Home late in a month); it applies once.
linked = st.query_params.pop("month", None)
if linked in months:
    st.session_state[MONTH_KEY] = linked
elif st.session_state.get(MONTH_KEY) not in months:
    st.session_state[MONTH_KEY] = this_month  # first visit, or the page stayed open into a new month


def month_name(m: str) -> str:
    return f"{month_label(m)} (this month)" if m == this_month else month_label(m)


def go_to(m: str) -> None:
    st.session_state[MONTH_KEY] = m


month = st.selectbox("Month", months, key=MONTH_KEY, format_func=month_name)
current = {g.metric: g.target for g in svc.goals(month)}
suggested = svc.suggested_targets(month)

with st.form(f"goals_{month}", enter_to_submit=False):
    st.caption(
        "Set a target for what you want to aim at this month; leave 0 for no goal. "
        "Suggestions come from your last three months, a little higher."
    )
    entered: dict[GoalMetric, int] = {}
    columns = st.columns(2)
    for index, metric in enumerate(GoalMetric):
        entered[metric] = columns[index % 2].number_input(
            metric.label,
            min_value=0,
            max_value=999,
            step=1,
            value=current.get(metric, 0),
            help=f"Suggested: {suggested[metric]}",
            key=f"target_{month}_{metric.value}",
        )
    c1, c2 = st.columns(2)
    save = c1.form_submit_button("Save goals", type="primary", icon=":material/save:")
    use_suggested = c2.form_submit_button("Use the suggestions for empty ones", icon=":material/auto_awesome:")
if save or use_suggested:
    try:
        svc.set_goals(month, entered, fill_with_suggestions=use_suggested)
    except ValidationError as error:
        ui.show_problems(error)
    else:
        ui.flash(f"Goals for {month} saved.")
        st.rerun()

paces = svc.goal_paces(month)
team = access.team_view()
benchmarks = team.benchmarks(month) if team is not None else None
if paces:
    st.subheader("Progress", anchor=False)
    for metric, goal_pace in paces.items():
        cohort = f" · cohort median {benchmarks[metric]:g}" if benchmarks else ""
        st.progress(pace.share(goal_pace), text=pace.pace_line(metric.label, goal_pace) + cohort)
next_month = next_goals_month(today)
if month == this_month and next_month is not None:
    st.caption(f"{month_label(this_month)} is nearly over: what you can still shape is next month.")
    st.button(
        f"Set goals for {month_label(next_month)}",
        icon=":material/event_upcoming:",
        on_click=go_to,
        args=(next_month,),
    )

streak = svc.goal_streak()
if streak:
    st.success(f"{streak} month(s) in a row with every goal met.", icon=":material/local_fire_department:")

if month <= this_month:
    review = svc.monthly_review(month)
    st.subheader(f"Review of {month}", anchor=False)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Conversations", review.conversations)
    c2.metric("People talked to", review.people_met)
    c3.metric("New people", review.new_people)
    c4.metric("Goals met", f"{review.goals_met} of {review.goals_set}")
    if review.best_conversation is not None:
        best = review.best_conversation
        st.markdown(
            f"**Best conversation:** {ui.escape(ui.conversation_label(best, svc.snapshot().people))} "
            f"({best.quality}/5)" + (f"  \n*{ui.escape(best.learned)}*" if best.learned else "")
        )
    with st.form(f"reflection_{month}", enter_to_submit=False):
        text = st.text_area(
            "Your reflection on the month",
            value=svc.reflection(month),
            placeholder="What worked, what you would do differently, what you aim at next.",
        )
        if st.form_submit_button("Save reflection", icon=":material/save:"):
            try:
                svc.save_reflection(month, text)
            except ValidationError as error:
                ui.show_problems(error)
            else:
                ui.flash("Reflection saved.")
                st.rerun()

ui.chart(charts.goal_history(svc.goal_history()), caption=charts.EXPLAIN["goals"])
