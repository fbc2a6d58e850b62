"""A removed intern's own request: "Delete my notes now" on the page they see when they sign in.

They see the date their notes go, in the words of the notice mail; they can
delete everything at once behind a confirmation, and then see that nothing
of theirs is kept. The coordinator's audit list shows that deletion and one
made at the end of the retention period.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app_helpers import APP, TIMEOUT_S, assert_clean, click, texts
from streamlit.testing.v1 import AppTest
from test_app_team import AUTH, ISSUER, TEAM, member_file, team, visit

from netcoach.storage import data_dir as open_data_dir
from netcoach.team import Identity, Team

pytest_plugins = ["test_app_team"]  # its `root` fixture: a fresh data folder per test


def member_id(email: str) -> str:
    return Identity(ISSUER, email.split("@")[0], email).member_id


def removed_visit(email: str, **netcoach: object) -> AppTest:
    """A removed person signs in on an instance whose [netcoach] section has these extra settings."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.secrets["auth"] = AUTH
    at.secrets["netcoach"] = {**TEAM, **netcoach}
    at.user = {
        "is_logged_in": True,
        "email": email,
        "sub": email.split("@")[0],
        "iss": ISSUER,
        "name": email,
        "email_verified": True,
    }
    at.run()
    assert_clean(at)
    return at


def remove(email: str) -> None:
    """The coordinator removes this address from the cohort on the Team page."""
    coach = visit("coach@acme.test", "team")
    coach.button(key=f"remove_{email}").click().run()
    assert f"Removed {email} from the cohort" in texts(coach)


def test_a_removed_intern_deletes_their_own_notes_after_confirming_and_nothing_of_theirs_is_kept(root: Path) -> None:
    visit("ana@acme.test")
    team(root).member_service(member_id("ana@acme.test")).add_person({"name": "Kept Contact"})
    remove("ana@acme.test")

    at = removed_visit("ana@acme.test", retention_days=90, app_url="https://coach.example")
    until = dt.date.today() + dt.timedelta(days=90)
    assert (
        f"Your notes on netcoach https://coach.example are kept until {until:%d %b %Y}; "
        "sign in to download them; after that they are deleted." in texts(at)
    )
    delete = next(b for b in at.button if b.label == "Delete my notes now")
    assert delete.disabled, "nothing is deleted without the confirmation"
    at.checkbox[0].check().run()
    click(at, "Delete my notes now")

    assert "Your notes, their backups and your membership were deleted." in texts(at)
    assert "nothing of yours is kept here" in texts(at)
    assert not at.get("download_button") and "Delete my notes now" not in [b.label for b in at.button]
    assert not member_file(root, "ana@acme.test").exists()
    assert team(root).membership(member_id("ana@acme.test")) is None

    again = removed_visit("ana@acme.test")
    assert "nothing of yours is kept here" in texts(again) and "Kept Contact" not in texts(again)


def test_the_audit_list_shows_an_own_request_and_a_deletion_at_the_end_of_the_period(root: Path) -> None:
    for email in ("ana@acme.test", "ben@acme.test"):
        visit(email)
    remove("ana@acme.test")
    remove("ben@acme.test")
    at = removed_visit("ana@acme.test")
    at.checkbox[0].check().run()
    click(at, "Delete my notes now")

    tomorrow = dt.date.today() + dt.timedelta(days=1)  # a one-day period ends for Ben
    kept = Team(open_data_dir(root), today=lambda: tomorrow)
    (ben,) = kept.removed_with_files(1, mail=False)
    assert ben.email == "ben@acme.test" and ben.delete_due
    kept.delete_after_retention(ben)

    whats = list(visit("coach@acme.test", "team").dataframe[-1].value["What"])
    assert whats[:2] == [
        "deleted the notes of ben@acme.test, 1 day after removal (the retention period)",
        "ana@acme.test deleted their own notes after being removed",
    ]
