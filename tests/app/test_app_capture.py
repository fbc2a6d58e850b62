"""Quick capture through AppTest: the dialog every page opens, its questions, its confirmation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app_helpers import click, open_app, texts
from streamlit.testing.v1 import AppTest

from netcoach.models import Role
from netcoach.service import member_service


def service(root: Path):
    return member_service(root, "me")


def widget(at: AppTest, key: str):
    return next(w for w in at.main if getattr(w, "key", None) == key)


def test_captures_a_conversation_with_someone_new_from_the_people_page(data_dir: Path) -> None:
    at = open_app("people")
    click(at, "Quick capture")
    at.text_input(key="capture_name").input("Jordan Lee").run()
    assert "New person: Jordan Lee. What are they to you?" in [g.label for g in at.button_group]
    at.button_group(key="capture_role").set_value(Role.MENTOR).run()
    at.text_input(key="capture_about").input("How design reviews work on the data team")
    click(at, "Save")

    assert "Saved: your conversation with Jordan Lee today. Follow up by" in texts(at)
    [logged] = service(data_dir).conversations()
    jordan = service(data_dir).person(logged.person_ids[0])
    assert (jordan.name, jordan.role) == ("Jordan Lee", Role.MENTOR)
    assert logged.notes == "How design reviews work on the data team"
    assert logged.followup_due == dt.date.today() + dt.timedelta(days=2)

    click(at, "Add details")  # the full entry, on the Log page, ready to edit
    assert at.slider(key=f"edit_{logged.id}_quality").value == 3


def test_a_known_name_is_picked_and_a_part_of_one_is_only_offered(data_dir: Path) -> None:
    svc = service(data_dir)
    sam = svc.add_person({"name": "Sam Ortiz", "role": "colleague"})
    svc.add_person({"name": "Samira Haddad", "role": "mentor"})
    at = open_app()
    click(at, "Quick capture")
    at.text_input(key="capture_name").input("sam").run()
    offered = next(g for g in at.button_group if g.label == "Did you mean…")
    assert offered.value is None, "nobody is picked for a name typed in part"
    offered.set_value(sam.id).run()
    at.segmented_control(key="capture_follow").set_value(-1)
    click(at, "Save")
    [logged] = service(data_dir).conversations()
    assert logged.person_ids == (sam.id,) and logged.followup_due is None
    assert len(service(data_dir).people()) == 2, "nobody new was added"


def test_a_new_name_without_a_role_is_refused_in_the_dialog_and_keeps_the_answers(data_dir: Path) -> None:
    at = open_app("goals")
    click(at, "Quick capture")
    at.text_input(key="capture_name").input("Jordan Lee").run()
    at.text_input(key="capture_about").input("Design reviews")
    click(at, "Save")
    shown = texts(at)
    assert "What are they to you?: pick what they are to you" in shown
    assert "new person" not in shown.lower().replace("new person: jordan lee", "")
    assert at.text_input(key="capture_name").value == "Jordan Lee"
    assert at.text_input(key="capture_about").value == "Design reviews"
    assert service(data_dir).conversations() == []


def test_a_failed_save_on_the_log_form_changes_nothing_on_it(data_dir: Path) -> None:
    service(data_dir).add_person({"name": "Ana Ruiz", "role": "supervisor"})
    at = open_app("log")
    at.text_input(key="log_0_new_name").input("Maya Chen")
    at.text_input(key="log_0_topics").input("testing")
    at.text_area(key="log_0_learned").input("Small pull requests get read")
    at.slider(key="log_0_quality").set_value(5)
    at.checkbox(key="log_0_needs").uncheck()
    before = {w.key: w.value for w in at.main if getattr(w, "key", "") and str(w.key).startswith("log_0_")}
    click(at, "Save conversation")
    assert "New person's role: pick what they are to you" in texts(at)
    after = {w.key: w.value for w in at.main if getattr(w, "key", "") and str(w.key).startswith("log_0_")}
    assert after == before
    assert service(data_dir).conversations() == []
