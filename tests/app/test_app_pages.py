"""The dashboard's pages, driven as a person would through AppTest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app_helpers import click, open_app, texts

from netcoach.models import Role
from netcoach.service import member_service

LINKEDIN_CSV = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Priya,Raman,https://www.linkedin.com/in/priya-raman,,Northwind,Data Engineer,12 Mar 2024
Tom,Berg,https://www.linkedin.com/in/tom-berg,,Contoso,Talent Partner,31 Feb 2024
Lea,Novak,https://www.linkedin.com/in/lea-novak,lea@example.org,Fabrikam,Intern,02 Jan 2025
"""


def service(root: Path):
    return member_service(root, "me")


def test_logs_a_conversation_with_someone_new_and_sees_it_in_people(data_dir: Path) -> None:
    at = open_app("log")
    at.text_input(key="log_0_new_name").input("Maya Chen")
    at.button_group(key="log_0_new_role").set_value(Role.COLLEAGUE)
    at.text_input(key="log_0_new_org").input("Payments team")
    at.text_input(key="log_0_topics").input("career paths, testing")
    at.text_area(key="log_0_learned").input("How the payments team plans its quarter")
    click(at, "Save conversation")

    assert "Saved: your conversation with Maya Chen" in texts(at)
    saved = service(data_dir).conversations()
    assert len(saved) == 1 and saved[0].topics == ("career paths", "testing")
    # The form is fresh again for the next entry.
    assert at.text_input(key="log_1_new_name").value == ""

    at.switch_page("pages/people.py").run()
    names = at.dataframe[0].value["name"].tolist()
    assert names == ["Maya Chen"]


def test_a_form_with_problems_says_what_is_wrong_and_saves_nothing(data_dir: Path) -> None:
    at = open_app("log")
    click(at, "Save conversation")
    shown = texts(at)
    assert "Nothing was saved" in shown
    # Each problem names the field as the form labels it.
    assert "Who did you talk to?: pick at least one person" in shown
    assert "person_ids" not in shown
    assert service(data_dir).conversations() == []
    assert not (data_dir / "members" / "me.json").exists()


def test_edits_and_deletes_a_past_conversation(data_dir: Path) -> None:
    svc = service(data_dir)
    person = svc.add_person({"name": "Omar Haddad", "role": "supervisor"})
    logged = svc.log_conversation({"date": dt.date.today(), "person_ids": [person.id], "quality": 2})
    at = open_app("log")
    assert "Omar Haddad" in at.dataframe[0].value["Who"].iloc[0]

    click(at, "Edit")
    at.slider(key=f"edit_{logged.id}_quality").set_value(5)
    click(at, "Save changes")
    assert service(data_dir).conversation(logged.id).quality == 5

    click(at, "Delete")
    assert "moves" in texts(at) and "to the trash" in texts(at)
    at.button(key="confirm_delete").click().run()
    assert service(data_dir).conversations() == []
    assert f"Moved the conversation with Omar Haddad on {logged.date.day} {logged.date:%b %Y} to the trash." in texts(
        at
    )


def test_settings_refuse_an_internship_that_ends_before_it_starts(data_dir: Path) -> None:
    at = open_app("settings")
    at.date_input[0].set_value(dt.date(2026, 6, 1))
    at.date_input[1].set_value(dt.date(2026, 5, 1))
    click(at, "Save settings")
    assert "Internship ends: must be on or after the day the internship starts" in texts(at)
    assert service(data_dir).profile().internship_start is None

    at.date_input[1].set_value(dt.date(2026, 8, 31))
    click(at, "Save settings")
    assert "Settings saved." in texts(at)
    assert service(data_dir).profile().internship_end == dt.date(2026, 8, 31)


def test_adds_an_event_and_marks_it_attended(data_dir: Path) -> None:
    at = open_app("events")
    at.text_input[0].input("Product demo day")
    at.date_input[0].set_value(dt.date.today() - dt.timedelta(days=3))
    click(at, "Save event")
    assert "Saved event: Product demo day." in texts(at)
    event = service(data_dir).events()[0]
    assert not event.attended

    at.checkbox(key=f"attended_{event.id}").check().run()
    assert service(data_dir).event(event.id).attended
    assert "You went to 1 of 1 past events." in texts(at)


def test_imports_linkedin_connections_after_a_preview(data_dir: Path) -> None:
    at = open_app("data")  # a contacts file is what the page expects first; the layout is read from the file
    at.file_uploader[0].set_value(("Connections.csv", LINKEDIN_CSV.encode(), "text/csv")).run()
    shown = texts(at)
    assert "**Recognised:** LinkedIn connections (Connections.csv)" in shown
    assert "3 rows read: 2 new people" in shown
    problems = at.dataframe[0].value["problem"].tolist()
    assert problems == ["row 6: Connected On: '31 Feb 2024' is not a date like 12 Mar 2024"]
    assert service(data_dir).people() == []  # nothing saved before confirming

    click(at, "Import now")
    assert "Imported 2 people" in texts(at)
    assert [p.name for p in service(data_dir).people()] == ["Lea Novak", "Priya Raman"]


def test_people_page_opens_a_person_with_their_history_and_merges_a_duplicate(data_dir: Path) -> None:
    svc = service(data_dir)
    ana = svc.add_person({"name": "Ana Silva", "role": "mentor", "organization": "Design"})
    dup = svc.add_person({"name": "Ana S.", "links": ["https://example.org/ana"]})
    svc.log_conversation({"date": dt.date.today(), "person_ids": [dup.id], "learned": "Portfolio tips"})
    at = open_app()
    at.query_params["person"] = str(ana.id)
    at.switch_page("pages/people.py").run()
    assert "Ana Silva" in [h.value for h in at.header]
    assert "No conversations with this person yet." in texts(at)

    at.multiselect[1].select(dup.id).run()
    click(at, "Merge")
    merged = service(data_dir).person(ana.id)
    assert merged.links == ("https://example.org/ana",)
    assert [c.person_ids for c in service(data_dir).conversations()] == [(ana.id,)]
    assert "Portfolio tips" in texts(at)


def test_a_broken_data_file_is_reported_by_name_and_left_alone(data_dir: Path) -> None:
    members = data_dir / "members"
    members.mkdir(parents=True)
    broken = members / "me.json"
    broken.write_text('{"people": {"1": ')
    at = open_app("people")
    shown = texts(at)
    assert str(broken) in shown and "cannot be read" in shown
    assert broken.read_text() == '{"people": {"1": '


def test_starts_over_and_can_restore_the_backup_kept_first(data_dir: Path) -> None:
    service(data_dir).load_sample_data(conversations=30)
    at = open_app("data")
    next(c for c in at.checkbox if c.label == "Yes, remove all my data").check().run()
    click(at, "Remove all my data")
    assert service(data_dir).snapshot().is_empty
    assert "All your data was removed" in texts(at)

    backup = next(name for name in at.selectbox[1].options if name.startswith("before-erase"))
    at.selectbox[1].select(backup).run()
    next(c for c in at.checkbox if c.label.startswith("Yes, replace my current data")).check().run()
    click(at, "Restore")
    assert len(service(data_dir).conversations()) == 30


def test_an_event_lists_who_was_met_there(data_dir: Path) -> None:
    svc = service(data_dir)
    event = svc.add_event({"name": "Design meetup", "date": dt.date.today() - dt.timedelta(days=2), "attended": True})
    nia = svc.add_person({"name": "Nia Okafor"})
    svc.log_conversation({"date": event.date, "person_ids": [nia.id], "event_id": event.id, "setting": "social"})
    at = open_app("events")
    assert "1 conversation(s) here, with Nia Okafor." in texts(at)


def test_a_sent_follow_up_can_be_undone(data_dir: Path) -> None:
    svc = service(data_dir)
    omar = svc.add_person({"name": "Omar Said"})
    logged = svc.log_conversation({"date": dt.date.today(), "person_ids": [omar.id], "followup_due": dt.date.today()})
    svc.mark_followup_done(logged.id)
    at = open_app("followups")
    assert any("Omar Said" in m.value and "sent" in m.value for m in at.markdown)
    at.button(key=f"undo_{logged.id}").click().run()
    assert service(data_dir).conversation(logged.id).followup_done is None
    assert "Due today (1)" in texts(at)
