"""Two tabs on one member: a click on the stale tab never changes a record it did not show.

Each story opens a page, changes the member's data behind its back (as another tab
would), then acts on the page as it was shown.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app_helpers import click, open_app, texts

from netcoach.service import member_service
from netcoach.storage import data_dir as data_dir_of


def service(root: Path):
    return member_service(root, "me")


def test_mark_done_on_a_conversation_deleted_and_replaced_in_another_tab_is_refused(data_dir: Path) -> None:
    svc = service(data_dir)
    today = dt.date.today()
    ana = svc.add_person({"name": "Ana Ruiz"})
    ben = svc.add_person({"name": "Ben Okoro"})
    shown = svc.log_conversation({"date": today, "person_ids": [ana.id], "followup_due": today})
    at = open_app("followups")
    assert any("Ana Ruiz" in m.value for m in at.markdown)

    # The other tab deletes that conversation and logs a new one (which may reuse its id).
    svc.delete_conversation(shown.id)
    replacement = svc.log_conversation({"date": today, "person_ids": [ben.id], "followup_due": today})
    at.button(key=f"followups_done_{ana.id}").click().run()

    shown_text = texts(at)
    assert "Nothing was saved" in shown_text and "Ana Ruiz" in shown_text
    assert "Marked the follow-up" not in shown_text
    assert service(data_dir).conversation(replacement.id).followup_done is None
    assert not at.exception


def test_saving_a_person_edited_in_another_tab_is_refused(data_dir: Path) -> None:
    svc = service(data_dir)
    ana = svc.add_person({"name": "Ana Ruiz", "organization": "Design"})
    at = open_app()
    at.query_params["person"] = str(ana.id)
    at.switch_page("pages/people.py").run()
    assert "Ana Ruiz" in [h.value for h in at.header]

    svc.update_person(ana.id, {"organization": "Research"})  # the other tab
    at.text_input(key=f"edit_person_{ana.id}_email").input("ana@example.org")
    click(at, "Save changes")

    assert "The details of Ana Ruiz changed in another tab or window" in texts(at)
    saved = service(data_dir).person(ana.id)
    assert (saved.organization, saved.email) == ("Research", "")


def test_a_stored_conversation_dated_years_ahead_opens_for_editing_and_its_notes_save(data_dir: Path) -> None:
    svc = service(data_dir)
    ana = svc.add_person({"name": "Ana Ruiz"})
    record = {"date": "2052-03-01", "person_ids": [ana.id], "setting": "one_on_one", "quality": 3}
    with (
        data_dir_of(svc.data_root).store(svc.member_id).transaction() as db
    ):  # as an older version, or a hand edit, left it
        conversation_id = db.table("conversations").insert(record)
    at = open_app("log")

    click(at, "Edit")
    at.text_area(key=f"edit_{conversation_id}_learned").input("Pricing")
    click(at, "Save changes")

    assert "Saved your changes." in texts(at)
    assert service(data_dir).conversation(conversation_id).learned == "Pricing"


LINKEDIN = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,ana@example.org,Globex,Designer,12 Mar 2024
"""


def test_an_import_previewed_before_its_person_was_replaced_is_refused(data_dir: Path) -> None:
    svc = service(data_dir)
    ana = svc.add_person({"name": "Ana Ruiz"})
    at = open_app("data")
    at.file_uploader[0].set_value(("Connections.csv", LINKEDIN.encode(), "text/csv")).run()
    assert "1 question for you" in texts(at)
    at.radio(key="same_0_5").set_value("same").run()  # yes, the Ana Ruiz I know

    svc.delete_person(ana.id)
    ben = svc.add_person({"name": "Ben Okoro"})
    click(at, "Import now")

    assert "your people changed since this preview" in texts(at)
    assert service(data_dir).person(ben.id).email == ""


def test_ticking_went_on_an_event_changed_in_another_tab_is_refused(data_dir: Path) -> None:
    svc = service(data_dir)
    event = svc.add_event({"name": "Design meetup", "date": dt.date.today() - dt.timedelta(days=2)})
    at = open_app("events")

    svc.update_event(event.id, {"name": "Design meetup (Room 4)"})  # the other tab
    at.checkbox(key=f"attended_{event.id}").check().run()

    assert "The event Design meetup on" in texts(at) and "changed in another tab" in texts(at)
    assert not service(data_dir).event(event.id).attended
    assert not at.checkbox(key=f"attended_{event.id}").value, "the box shows what is stored"
    assert not at.exception


def test_an_edit_dialog_left_open_while_the_conversation_changed_elsewhere_saves_nothing(data_dir: Path) -> None:
    svc = service(data_dir)
    ana = svc.add_person({"name": "Ana Ruiz"})
    logged = svc.log_conversation({"date": dt.date.today(), "person_ids": [ana.id], "learned": "Roadmaps"})
    at = open_app("log")
    click(at, "Edit")

    svc.update_conversation(logged.id, {"learned": "Roadmaps and hiring"})  # the other tab
    at.slider(key=f"edit_{logged.id}_quality").set_value(5)
    click(at, "Save changes")

    assert "The conversation with Ana Ruiz on" in texts(at) and "changed in another tab" in texts(at)
    saved = service(data_dir).conversation(logged.id)
    assert (saved.learned, saved.quality) == ("Roadmaps and hiring", 3)


def test_merging_a_duplicate_noted_as_someone_else_in_another_tab_is_refused(data_dir: Path) -> None:
    svc = service(data_dir)
    ana = svc.add_person({"name": "Ana Ruiz"})
    duplicate = svc.add_person({"name": "Ana R."})
    at = open_app()
    at.query_params["person"] = str(ana.id)
    at.switch_page("pages/people.py").run()
    at.multiselect[1].select(duplicate.id).run()

    svc.update_person(duplicate.id, {"notes": "Not Ana: Anabel from Sales"})  # the other tab
    click(at, "Merge")

    assert "The details of Ana R. changed in another tab" in texts(at)
    assert {p.name for p in service(data_dir).people()} == {"Ana Ruiz", "Ana R."}
