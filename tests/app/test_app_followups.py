"""Follow-ups that never get lost: seen on Home before they are due, one card per person, each act undoable.

Each story is what a member does with a follow-up they promised: see it
coming, send it, put it off, move it, decide it is not needed, and change
their mind right away.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app_helpers import click, open_app, raw_texts, texts
from streamlit.testing.v1 import AppTest

from netcoach.member_text import for_markdown
from netcoach.models import Conversation
from netcoach.service import MemberService, member_service


def service(root: Path) -> MemberService:
    return member_service(root, "me")


def day(offset: int) -> dt.date:
    return dt.date.today() + dt.timedelta(days=offset)


def met(root: Path, name: str, *, due: int, note: str = "", ago: int = 2) -> tuple[int, Conversation]:
    svc = service(root)
    found = next((p for p in svc.snapshot().people if p.name == name), None) or svc.add_person({"name": name})
    assert found.id is not None
    logged = svc.log_conversation(
        {"date": day(-ago), "person_ids": [found.id], "followup_due": day(due), "followup_note": note}
    )
    return found.id, logged


def press(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_follow_up_due_the_day_after_tomorrow_is_on_home_already(data_dir: Path) -> None:
    ana, _ = met(data_dir, "Ana Ruiz", due=2, note="the slides from my demo")
    at = open_app()
    shown = texts(at)
    assert "**This week** (1)" in shown
    assert "**Ana Ruiz** · :blue[due in 2 days]" in shown
    assert "To send: the slides from my demo" in shown
    assert next(m for m in at.metric if m.label == "Follow-ups waiting").value == "1"
    assert at.button(key=f"home_followups_done_{ana}").label == "Mark done"


def test_home_counts_what_is_due_later_and_links_to_it(data_dir: Path) -> None:
    met(data_dir, "Ana Ruiz", due=30)
    at = open_app()
    shown = texts(at)
    assert "Nothing due this week." in shown
    (link,) = [p for p in at.get("page_link") if "Open follow-ups" in p.proto.label]
    assert link.proto.label == "Open follow-ups (1 more: 1 due later)"


def test_snoozes_a_follow_up_to_next_week_and_undoes_it(data_dir: Path) -> None:
    ana, logged = met(data_dir, "Ana Ruiz", due=-1)
    at = open_app("followups")
    assert "Overdue (1)" in texts(at)

    press(at, f"followups_snooze_week_{ana}")
    shown = texts(at)
    assert f"Snoozed the follow-up with Ana Ruiz to {day(7):%a %d %b}." in shown
    assert "Overdue (1)" not in shown and "This week (1)" in shown
    assert service(data_dir).conversation(logged.id).followup_due == day(7)

    press(at, "followups_undo")
    assert "Undone: it is back as it was." in texts(at)
    assert "Overdue (1)" in texts(at)
    assert service(data_dir).conversation(logged.id) == logged


def test_several_follow_ups_with_one_person_are_one_card_done_in_one_click(data_dir: Path) -> None:
    ana, first = met(data_dir, "Ana Ruiz", due=-2)
    _, second = met(data_dir, "Ana Ruiz", due=3, note="the article on pricing")
    ben, _ = met(data_dir, "Ben Okoro", due=0)
    at = open_app("followups")
    cards = [b for b in at.button if b.label == "Mark done"]
    assert [b.key for b in cards] == [f"followups_done_{ana}", f"followups_done_{ben}"]

    press(at, f"followups_done_{ana}")
    assert "Marked the 2 follow-ups with Ana Ruiz as sent today." in texts(at)
    svc = service(data_dir)
    assert svc.conversation(first.id).followup_done == svc.conversation(second.id).followup_done == day(0)
    assert [b.key for b in at.button if b.label == "Mark done"] == [f"followups_done_{ben}"]


def test_marks_done_from_home_and_undoes_it_there(data_dir: Path) -> None:
    ana, logged = met(data_dir, "Ana Ruiz", due=0)
    at = open_app()
    press(at, f"home_followups_done_{ana}")
    assert "Marked the follow-up with Ana Ruiz as sent today." in texts(at)
    assert "No follow-up is waiting" in texts(at)
    press(at, "home_followups_undo")
    assert service(data_dir).conversation(logged.id) == logged
    assert "**Due today** (1)" in texts(at)


def test_reschedules_to_a_picked_day_and_drops_another(data_dir: Path) -> None:
    ana, logged = met(data_dir, "Ana Ruiz", due=-3, ago=5)
    ben, other = met(data_dir, "Ben Okoro", due=1)
    at = open_app("followups")
    at.date_input(key=f"followups_move_on_{ana}").set_value(day(12)).run()
    press(at, f"followups_move_go_{ana}")
    assert f"Moved the follow-up with Ana Ruiz to {day(12):%a %d %b}." in texts(at)
    assert "Later (1)" in texts(at)
    assert service(data_dir).conversation(logged.id).followup_due == day(12)

    press(at, f"followups_drop_{ben}")
    assert "Dropped the follow-up with Ben Okoro: no follow-up needed." in texts(at)
    kept = service(data_dir).conversation(other.id)
    assert kept.followup_due is None and kept.date == other.date, "the conversation stays, its follow-up goes"
    press(at, "followups_undo")
    assert service(data_dir).conversation(other.id) == other


def test_undo_on_a_record_changed_in_another_tab_is_refused(data_dir: Path) -> None:
    ana, logged = met(data_dir, "Ana Ruiz", due=-1)
    at = open_app("followups")
    press(at, f"followups_snooze_tomorrow_{ana}")
    service(data_dir).mark_followup_done(logged.id)  # the other tab sent it meanwhile
    press(at, "followups_undo")
    shown = texts(at)
    assert "Nothing was saved" in shown and "changed in another tab or window" in shown
    assert "Undone" not in shown
    assert service(data_dir).conversation(logged.id).followup_done == day(0)


def test_a_snooze_on_a_card_another_tab_already_handled_is_refused(data_dir: Path) -> None:
    ana, logged = met(data_dir, "Ana Ruiz", due=-1)
    at = open_app()
    service(data_dir).mark_followup_done(logged.id)
    press(at, f"home_followups_snooze_week_{ana}")
    assert "changed in another tab or window" in texts(at) and "Snoozed" not in texts(at)
    assert service(data_dir).conversation(logged.id).followup_due == day(-1)


def test_the_people_page_says_a_follow_up_is_waiting(data_dir: Path) -> None:
    ana, _ = met(data_dir, "Ana Ruiz", due=2)
    ben = service(data_dir).add_person({"name": "Ben Okoro"}).id
    at = open_app()
    at.query_params["person"] = str(ana)
    at.switch_page("pages/people.py").run()
    assert [p.proto.label for p in at.get("page_link")] == ["Follow-up waiting, due in 2 days"]
    at.query_params["person"] = str(ben)
    at.switch_page("pages/people.py").run()
    assert not [p for p in at.get("page_link") if "Follow-up waiting" in p.proto.label]


def test_logs_what_i_will_send_and_finds_it_on_the_card(data_dir: Path) -> None:
    service(data_dir).add_person({"name": "Ana Ruiz"})
    at = open_app("log")
    at.multiselect(key="log_0_people").select(service(data_dir).snapshot().people[0].id)
    at.text_input(key="log_0_followup_note").input("the slides from my demo")
    click(at, "Save conversation")
    (saved,) = service(data_dir).conversations()
    assert saved.followup_note == "the slides from my demo"
    at.switch_page("pages/followups.py").run()
    assert "To send: the slides from my demo" in texts(at)

    at.switch_page("pages/log.py").run()
    click(at, "Edit")
    at.text_input(key=f"edit_{saved.id}_followup_note").input("a thank-you note")
    click(at, "Save changes")
    assert service(data_dir).conversation(saved.id).followup_note == "a thank-you note"


def test_what_i_will_send_is_shown_inert(data_dir: Path) -> None:
    note = "**the deck** [click](https://evil.example) :material/warning:"
    met(data_dir, "Ana Ruiz", due=0, note=note)
    for page in (None, "followups"):
        at = open_app(page)
        assert f"To send: {for_markdown(note)}" in raw_texts(at)


def test_the_undo_offer_is_drawn_where_the_card_was(data_dir: Path) -> None:
    met(data_dir, "Ana Ruiz", due=-1)
    ben, _ = met(data_dir, "Ben Okoro", due=0)
    met(data_dir, "Cy Lam", due=3)
    at = open_app("followups")
    press(at, f"followups_drop_{ben}")
    order = [
        str(e.value)
        for e in at.main
        if e.type in ("markdown", "success") and ("**" in str(e.value) or "Dropped" in str(e.value))
    ]
    names = [text.split("**")[1] if text.startswith("**") else "Dropped" for text in order]
    assert names[names.index("Dropped") - 1 : names.index("Dropped") + 2] == ["Ana Ruiz", "Dropped", "Cy Lam"]


def test_a_long_backlog_shows_the_most_urgent_first_and_the_rest_on_request(data_dir: Path) -> None:
    for n in range(20):
        met(data_dir, f"Person {n:02d}", due=-20 + n, ago=30)  # Person 00 is the most overdue
    at = open_app("followups")
    shown = texts(at)
    assert "Overdue (20)" in shown, "the heading counts every overdue follow-up, drawn or not"
    assert "**Person 00**" in shown and "**Person 14**" in shown
    assert "**Person 15**" not in shown
    assert "Showing the 15 most urgent of 20 people with a follow-up waiting." in shown
    click(at, "Show 5 more")
    shown = texts(at)
    assert "**Person 19**" in shown
    assert "Showing the" not in shown
    assert not [b for b in at.button if b.label.startswith("Show ")]
