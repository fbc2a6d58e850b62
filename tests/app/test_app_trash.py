"""The trash through the pages: Undo right after a delete, Restore from the Trash page, 30 days kept, import undone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_helpers import click, open_app, raw_texts, texts

from netcoach.member_text import for_markdown
from netcoach.models import TRASH
from netcoach.service import MemberService, member_service
from netcoach.storage import load_json_file
from netcoach.web import session

START = dt.date(2026, 11, 2)
CLOCK = {"today": START}


@pytest.fixture
def app_day(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The app and the test's own service live on a day the test moves on."""
    CLOCK["today"] = START
    monkeypatch.setattr(session, "system_today", lambda: CLOCK["today"])
    yield data_dir


def service(root: Path) -> MemberService:
    return member_service(root, "me", today=lambda: CLOCK["today"])


def person_page(root: Path, person_id: int):
    at = open_app()
    at.query_params["person"] = str(person_id)
    at.switch_page("pages/people.py").run()
    return at


def test_a_person_deleted_by_mistake_comes_back_with_undo(app_day: Path) -> None:
    svc = service(app_day)
    ana = svc.add_person({"name": "Ana Ruiz", "role": "mentor"})
    ben = svc.add_person({"name": "Ben Okoro"})
    svc.log_conversation({"date": START, "person_ids": [ana.id], "learned": "pricing"})
    group = svc.log_conversation({"date": START, "person_ids": [ana.id, ben.id]})
    at = person_page(app_day, ana.id or 0)

    click(at, "Delete this person")
    assert "30 days" in texts(at)
    click(at, "Move to trash")

    assert "Moved Ana Ruiz and 1 conversation only with them to the trash." in texts(at)
    assert [p.name for p in service(app_day).people()] == ["Ben Okoro"]
    click(at, "Undo")

    assert "Ana Ruiz is back." in texts(at)
    again = service(app_day)
    assert sorted(p.name for p in again.people()) == ["Ana Ruiz", "Ben Okoro"]
    assert len(again.conversations(person_id=ana.id)) == 2
    assert again.conversation(group.id or 0).person_ids == (ana.id, ben.id)
    assert again.trash() == []


def test_a_deleted_conversation_is_restored_from_the_trash_page(app_day: Path) -> None:
    svc = service(app_day)
    omar = svc.add_person({"name": "Omar Haddad", "role": "supervisor"})
    logged = svc.log_conversation({"date": START, "person_ids": [omar.id], "learned": "how reviews work"})
    at = open_app("log")
    click(at, "Delete")
    at.button(key="confirm_delete").click().run()
    assert service(app_day).conversations() == []

    at.switch_page("pages/trash.py").run()
    shown = texts(at)
    assert "Conversation with Omar Haddad on 2 Nov 2026" in shown
    assert "Deleted 2 Nov 2026 · 30 days left" in shown
    click(at, "Restore")

    assert "Conversation with Omar Haddad on 2 Nov 2026 is back." in texts(at)
    assert "The trash is empty." in texts(at)
    assert service(app_day).conversation(logged.id or 0).learned == "how reviews work"


def test_a_restore_clicked_twice_from_two_tabs_gives_back_once(app_day: Path) -> None:
    svc = service(app_day)
    svc.delete_person(svc.add_person({"name": "Ana Ruiz"}).id or 0)
    first, second = open_app("trash"), open_app("trash")

    click(first, "Restore")
    click(second, "Restore")

    assert "no longer in the trash" in texts(second)
    assert [p.name for p in service(app_day).people()] == ["Ana Ruiz"]


def test_the_trash_keeps_things_30_days_and_lets_them_go_at_the_next_save(app_day: Path) -> None:
    svc = service(app_day)
    svc.delete_event(svc.add_event({"name": "Career fair", "date": START}).id or 0)
    at = open_app("trash")
    assert "30 days left" in texts(at)

    CLOCK["today"] = START + dt.timedelta(days=30)
    at = open_app("trash")
    assert "last day" in texts(at)

    CLOCK["today"] = START + dt.timedelta(days=31)
    at = open_app("trash")
    assert "The trash is empty." in texts(at)
    assert load_json_file(service(app_day).data_file)[TRASH], "nothing runs on a timer"

    at.switch_page("pages/people.py").run()
    at.text_input(key="add_person_0_name").input("Ben Okoro")
    click(at, "Add person")
    assert load_json_file(service(app_day).data_file)[TRASH] == {}


def test_emptying_the_trash_asks_first(app_day: Path) -> None:
    svc = service(app_day)
    svc.delete_person(svc.add_person({"name": "Ana Ruiz"}).id or 0)
    at = open_app("trash")
    empty = next(b for b in at.button if b.label == "Empty trash")
    assert empty.disabled

    at.checkbox(key="trash_empty_confirm").check().run()
    click(at, "Empty trash")

    assert "1 item(s) deleted for good" in texts(at)
    assert service(app_day).trash() == []


CONNECTIONS = (
    'Notes:\n"Some email addresses are missing."\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Dana,Wu,https://x.test/in/dana,,Acme,Recruiter,12 Mar 2024\n"
    "Sam,Lee,https://x.test/in/sam,,Initech,Engineer,12 Mar 2024\n"
)


def test_an_import_is_undone_from_import_and_export_and_listed_in_the_trash(app_day: Path) -> None:
    at = open_app("data")
    at.selectbox[0].select("contacts").run()
    at.file_uploader[0].set_value(("Connections.csv", CONNECTIONS.encode(), "text/csv")).run()
    click(at, "Import now")
    assert sorted(p.name for p in service(app_day).people()) == ["Dana Wu", "Sam Lee"]
    label = "Import of Connections.csv on 2 Nov 2026: 2 people, 0 conversations"
    assert label in texts(at)

    trash_page = open_app("trash")
    assert label in texts(trash_page)

    click(at, "Undo this import")

    assert "Undid the import: took away 2 people and 0 conversations." in texts(at)
    assert service(app_day).people() == []
    assert service(app_day).imports() == []


HOSTILE = "**Gala** :red[loud] $x^2$ [site](https://e.x) :material/warning:"


def test_a_name_with_markup_shows_as_typed_in_the_undo_and_in_the_trash(app_day: Path) -> None:
    svc = service(app_day)
    odd = svc.add_person({"name": HOSTILE})
    at = person_page(app_day, odd.id or 0)
    click(at, "Delete this person")
    click(at, "Move to trash")
    assert f"Moved {HOSTILE} to the trash." in texts(at)

    trash_page = open_app("trash")
    assert HOSTILE in texts(trash_page)
    for page in (at, trash_page):
        sources = raw_texts(page)
        assert "**Gala**" not in sources and "[site](https" not in sources and ":material/warning:" not in sources
        assert for_markdown(HOSTILE) in sources
