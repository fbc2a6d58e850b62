"""Goals: this month's targets, how they are pacing, and how past months went."""

import streamlit as st

from netcoach.coach import PaceStatus, month_of, shift_month
from netcoach.insights import charts
from netcoach.models import GoalMetric, ValidationError
from netcoach.web import access, session, ui

session.guard()
svc = session.service()
today = svc.today

st.title("Goals")
ui.show_flash()

this_month = month_of(today)
months = [shift_month(this_month, d) for d in (1, 0, -1, -2, -3, -4, -5)]
month = st.selectbox("Month", months, index=1, format_func=lambda m: f"{m} (this month)" if m == this_month else m)
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
    for metric, pace in paces.items():
        share = min(pace.actual / pace.target, 1.0) if pace.target else 1.0
        if pace.status is PaceStatus.DONE:
            note = ":green[done]"
        elif pace.status is PaceStatus.MISSED:
            note = f":red[missed by {pace.remaining}]"
        elif pace.status is PaceStatus.ON_PACE:
            note = f":blue[on pace] · {pace.per_week_needed:g} a week finishes it"
        else:
            note = (
                f":orange[behind] · about {pace.expected:g} expected by today · "
                f"{pace.per_week_needed:g} a week needed to finish"
            )
        ends = " (your internship ends first)" if pace.ends_with_internship else ""
        if benchmarks:
            ends += f" · cohort median {benchmarks[metric]:g}"
        st.progress(share, text=f"**{metric.label}**: {pace.actual} of {pace.target} · {note}{ends}")

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
