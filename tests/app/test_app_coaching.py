"""Home, Follow-ups, Goals, Tips and Insights show what the coach reads from the log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app_helpers import click, open_app, texts

from netcoach.coach import month_of
from netcoach.models import GoalMetric
from netcoach.service import member_service


def service(root: Path):
    return member_service(root, "me")


def days_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=n)


def test_a_new_person_sees_what_to_do_first_and_can_load_sample_data(data_dir: Path) -> None:
    at = open_app()
    shown = texts(at)
    assert "Your internship dates" in shown and "Your first conversation" in shown
    click(at, "Load sample data")
    assert "Sample data loaded" in texts(at)
    assert len(service(data_dir).conversations()) == 120
    assert [m.label for m in at.metric][:2] == ["Conversations this month", "New people this month"]


def test_sample_data_still_loads_after_setting_internship_dates_and_reading_a_tip(data_dir: Path) -> None:
    svc = service(data_dir)
    svc.save_profile({"internship_start": days_ago(30), "internship_end": days_ago(-60)})
    svc.mark_tip_read(svc.tips_library()[0].id)
    at = open_app()
    click(at, "Load sample data")
    assert not at.exception
    assert "Sample data loaded" in texts(at)
    assert len(service(data_dir).conversations()) == 120


def test_home_shows_an_overdue_follow_up_as_the_top_nudge(data_dir: Path) -> None:
    svc = service(data_dir)
    ana = svc.add_person({"name": "Ana Costa", "role": "supervisor"})
    svc.log_conversation({"date": days_ago(9), "person_ids": [ana.id], "followup_due": days_ago(7)})
    at = open_app()
    shown = texts(at)
    assert "1 follow-up is overdue" in shown or "follow-up" in shown.lower()
    assert "Ana Costa" in shown
    waiting = next(m for m in at.metric if m.label == "Follow-ups waiting")
    assert waiting.value == "1"


def test_marks_a_follow_up_done_in_one_click(data_dir: Path) -> None:
    svc = service(data_dir)
    ben = svc.add_person({"name": "Ben Ode", "role": "colleague"})
    logged = svc.log_conversation(
        {"date": days_ago(3), "person_ids": [ben.id], "topics": ["testing"], "followup_due": days_ago(1)}
    )
    at = open_app("followups")
    assert "Overdue (1)" in texts(at)
    assert "Ben" in at.code[0].value  # the draft message names them
    at.button(key=f"followups_done_{ben.id}").click().run()
    assert service(data_dir).conversation(logged.id).followup_done == dt.date.today()
    assert "Overdue (1)" not in texts(at)
    assert "Marked the follow-up with Ben Ode as sent today." in texts(at)


def test_sets_this_months_goals_and_sees_progress(data_dir: Path) -> None:
    svc = service(data_dir)
    cleo = svc.add_person({"name": "Cleo Park", "role": "fellow_intern"})
    svc.log_conversation({"date": dt.date.today(), "person_ids": [cleo.id]})
    month = month_of(dt.date.today())
    at = open_app("goals")
    at.number_input(key=f"target_{month}_new_people").set_value(4)
    click(at, "Save goals")
    assert "saved" in texts(at)
    assert {g.metric: g.target for g in service(data_dir).goals(month)} == {GoalMetric.NEW_PEOPLE: 4}
    bars = [p.text for p in at.get("progress")]
    assert any("New people" in t and "1 of 4" in t for t in bars), bars

    at.number_input(key=f"target_{month}_new_people").set_value(0)
    click(at, "Save goals")
    assert service(data_dir).goals(month) == []


def test_goal_inputs_show_a_suggestion_from_past_months(data_dir: Path) -> None:
    svc = service(data_dir)
    people = [svc.add_person({"name": f"Person {i}"}) for i in range(3)]
    for months_back in (1, 2, 3):
        day = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=10)
        for _ in range(months_back - 1):
            day = (day.replace(day=1) - dt.timedelta(days=1)).replace(day=10)
        for person in people:
            svc.log_conversation({"date": day, "person_ids": [person.id]})
    month = month_of(dt.date.today())
    at = open_app("goals")
    help_text = at.number_input(key=f"target_{month}_conversations").help
    assert help_text == "Suggested: 4"  # three a month, nudged up a little


def test_writes_a_monthly_reflection(data_dir: Path) -> None:
    month = month_of(dt.date.today())
    at = open_app("goals")
    at.text_area[0].input("Coffee chats worked better than big events.")
    click(at, "Save reflection")
    assert service(data_dir).reflection(month) == "Coffee chats worked better than big events."


def test_tips_can_be_read_tried_and_come_back_for_review(data_dir: Path) -> None:
    at = open_app("tips")
    headings = [s.value for s in at.subheader]
    assert headings[:4] == ["Why it matters", "Ways to build connections", "When it feels hard", "Keep going"]
    at.button(key="read_follow-up").click().run()
    assert service(data_dir).tip_progress()["follow-up"].read_on == dt.date.today()
    form_input = next(t for t in at.text_input if t.label.startswith("Tried it?"))
    form_input.input("Sent two thank-you notes.")
    click(at, "Save the note")
    progress = service(data_dir).tip_progress()
    tried = [p for p in progress.values() if p.tried_on == dt.date.today()]
    assert tried and tried[0].reflection == "Sent two thank-you notes."
    assert tried[0].next_review > dt.date.today()


def test_insights_draw_every_chart_from_the_log(data_dir: Path) -> None:
    service(data_dir).load_sample_data()
    at = open_app("insights")
    assert len(at.get("plotly_chart")) == 7
    assert next(m for m in at.metric if m.label == "Conversations").value == "120"


def test_member_text_is_shown_as_text_not_markup(data_dir: Path) -> None:
    svc = service(data_dir)
    evil = svc.add_person({"name": "[x](javascript:alert(1)) <img src=x onerror=alert(1)>"})
    svc.log_conversation({"date": dt.date.today(), "person_ids": [evil.id], "learned": "**bold** $x$"})
    at = open_app("log")
    # The list of past conversations is a table: its cells are text, never markdown or HTML.
    who = at.dataframe[0].value["Who"].iloc[0]
    assert "[x](javascript:alert(1)) <img src=x onerror=alert(1)>" in who
    assert at.dataframe[0].value["What"].iloc[0] == "**bold** $x$"
    rendered = [m.value for m in at.markdown if "javascript" in m.value]
    assert all("\\[x\\]\\(javascript\\:" in m for m in rendered)


def test_people_shows_the_mentor_pipeline_with_a_next_step(data_dir: Path) -> None:
    svc = service(data_dir)
    rosa = svc.add_person({"name": "Rosa Vidal", "role": "supervisor", "mentor_stage": "asked_advice"})
    svc.log_conversation({"date": days_ago(2), "person_ids": [rosa.id], "quality": 5})
    at = open_app("people")
    bars = [p.text for p in at.get("progress")]
    assert any("Rosa Vidal" in t and "Asked advice" in t and "next:" in t for t in bars), bars


def test_home_lists_who_to_thank_in_the_last_weeks_of_the_internship(data_dir: Path) -> None:
    svc = service(data_dir)
    svc.save_profile({"internship_start": days_ago(80), "internship_end": days_ago(-10)})
    mentor = svc.add_person({"name": "Ines Moreau", "role": "mentor"})
    svc.log_conversation({"date": days_ago(5), "person_ids": [mentor.id], "quality": 5})
    at = open_app()
    shown = texts(at)
    assert "Your internship ends soon." in shown and "Ines Moreau" in shown


def test_home_says_which_day_of_the_internship_it_is(data_dir: Path) -> None:
    service(data_dir).save_profile({"internship_start": days_ago(9), "internship_end": days_ago(-20)})
    service(data_dir).add_person({"name": "Someone"})
    at = open_app()
    assert "day 10 of 30 of your internship" in texts(at)


def test_empty_goals_can_take_the_suggestions_in_one_click(data_dir: Path) -> None:
    month = month_of(dt.date.today())
    at = open_app("goals")
    at.number_input(key=f"target_{month}_events_attended").set_value(2)
    click(at, "Use the suggestions for empty ones")
    goals = {g.metric: g.target for g in service(data_dir).goals(month)}
    assert goals[GoalMetric.EVENTS_ATTENDED] == 2  # what was typed is kept
    assert len(goals) == len(GoalMetric) and all(t >= 1 for t in goals.values())


def test_a_nervous_note_about_a_talk_this_week_puts_a_prep_card_link_first_on_home(data_dir: Path) -> None:
    svc = service(data_dir)
    ana = svc.add_person({"name": "Ana Costa", "role": "supervisor"})
    victor = svc.add_person({"name": "Victor Hale", "role": "supervisor"})
    when = dt.date.today() + dt.timedelta(days=3)
    svc.log_conversation(
        {
            "date": days_ago(1),
            "person_ids": [ana.id],
            "notes": f"Ana set up a chat for me with Victor Hale on {when:%A %d %B}. Honestly really nervous.",
            "followup_due": None,
        }
    )
    at = open_app()
    shown = texts(at)
    assert "Prepare for Victor" in shown and "Honestly really nervous." in shown
    links = [el for el in at.get("page_link") if el.proto.label == "Open the prep card"]
    assert len(links) == 1
    assert links[0].proto.page == "people"
    assert links[0].proto.query_string == f"person={victor.id}&tab=prepare"
