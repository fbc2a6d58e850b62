"""The coordinator's Team page through AppTest: invite, revoke, remove, coordinators, domains, the audit list.

Each role visits: the coordinator manages the roster; a member, a refused
address and a signed-out visitor never see it; a removed member sees only
that they were removed and a download of their own notes.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from app_helpers import APP, TIMEOUT_S, click, texts
from streamlit.testing.v1 import AppTest
from test_app_team import AUTH, ISSUER, TEAM, member_file, team, visit

from netcoach.team import Identity

pytest_plugins = ["test_app_team"]  # its `root` fixture: a fresh data folder per test


def invite(at: AppTest, address: str) -> AppTest:
    next(t for t in at.text_input if t.label == "Email address").input(address)
    return click(at, "Invite")


def member_id(email: str) -> str:
    return Identity(ISSUER, email.split("@")[0], email).member_id


def test_a_member_a_refused_address_and_a_signed_out_visitor_never_see_the_team_page(root: Path) -> None:
    coach = visit("coach@acme.test", "team")
    invite(coach, "guest@elsewhere.test")
    for email in ("ana@acme.test", "mallory@evil.test", None):
        at = visit(email, "team")
        shown = texts(at)
        assert "Team" not in [t.value for t in at.title], email
        assert "guest@elsewhere.test" not in shown and "Changes to the roster" not in shown, email
        assert "Invite" not in [b.label for b in at.form_submit_button], email
        assert not at.dataframe


def test_the_coordinator_invites_one_address_and_it_may_sign_in(root: Path) -> None:
    refused = visit("guest@elsewhere.test")
    assert "is not on this netcoach's list" in texts(refused)
    coach = visit("coach@acme.test", "team")
    invite(coach, "not an address")
    assert "Email address: 'not an address' is not an email address" in texts(coach)
    invite(coach, "Guest@Elsewhere.test")
    assert "Invited guest@elsewhere.test" in texts(coach)
    assert "invited on the Team page" in texts(coach) and "not signed up yet" in texts(coach)
    audit = coach.dataframe[-1].value
    assert list(audit["What"]) == ["invited guest@elsewhere.test"] and list(audit["Who"]) == ["coach@acme.test"]

    guest = visit("guest@elsewhere.test")
    assert "Sign in" not in [b.label for b in guest.button] and "not on this netcoach's list" not in texts(guest)
    coach = visit("coach@acme.test", "team")
    assert f"signed up on {dt.date.today():%d %b %Y}" in texts(coach)


def test_an_invitation_list_shows_row_errors_and_writes_nothing_until_confirmed(root: Path) -> None:
    coach = visit("coach@acme.test", "team")
    coach.text_area[0].input("email\nana@x.test\nnope\nana@x.test\nben@x.test")
    click(coach, "Check the list")
    shown = texts(coach)
    assert "Row 3: nope is not an email address" in shown
    assert "Row 4: ana@x.test the same address as row 2" in shown
    assert not (root / "team.json").exists() or "ana@x.test" not in (root / "team.json").read_text()
    preview = coach.dataframe[0].value
    assert list(preview["Row"]) == [2, 3, 4, 5]
    click(coach, "Invite 2 addresses")
    assert "Invited 2 addresses." in texts(coach)
    assert set(team(root).book.entries().invited) == {"ana@x.test", "ben@x.test"}


def test_revoking_an_invitation_refuses_the_address_again_and_is_audited(root: Path) -> None:
    coach = visit("coach@acme.test", "team")
    invite(coach, "guest@elsewhere.test")
    click(coach, "Revoke")
    assert "Revoked the invitation of guest@elsewhere.test" in texts(coach)
    assert "is not on this netcoach's list" in texts(visit("guest@elsewhere.test"))
    whats = list(coach.dataframe[-1].value["What"])
    assert whats == ["revoked the invitation of guest@elsewhere.test", "invited guest@elsewhere.test"]


def test_a_removed_member_cannot_use_the_app_but_can_download_their_kept_notes(root: Path) -> None:
    visit("ana@acme.test")
    team(root).member_service(member_id("ana@acme.test")).add_person({"name": "Kept Contact"})
    coach = visit("coach@acme.test", "team")
    assert "What happens when you remove someone" in [e.label for e in coach.expander]
    click(coach, "Remove from the cohort")
    assert "Removed ana@acme.test from the cohort" in texts(coach)
    assert member_file(root, "ana@acme.test").exists()

    for page in (None, "people", "settings"):
        removed = visit("ana@acme.test", page)
        shown = texts(removed)
        assert "took ana@acme.test off this cohort" in shown
        assert "Kept Contact" not in shown and not removed.dataframe
        assert "Sign out" in [b.label for b in removed.button]
    download = removed.get("download_button")[0]
    assert download.proto.label == "Download my data (JSON)"
    assert "kept until you delete them here or ask the coordinator to delete them" in texts(removed)

    coach = visit("coach@acme.test", "team")
    assert "removed ana@acme.test from the cohort" in list(coach.dataframe[-1].value["What"])
    invite(coach, "ana@acme.test")  # invited again: back to the same notes
    back = visit("ana@acme.test", "people")
    assert "Kept Contact" in str(back.dataframe[0].value.to_dict())


def test_the_removed_notice_names_the_retention_period_the_instance_sets(root: Path) -> None:
    visit("ana@acme.test")
    coach = visit("coach@acme.test", "team")
    click(coach, "Remove from the cohort")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.secrets["auth"] = AUTH
    at.secrets["netcoach"] = {**TEAM, "retention_days": 90}
    at.user = {
        "is_logged_in": True,
        "email": "ana@acme.test",
        "sub": "ana",
        "iss": ISSUER,
        "name": "ana",
        "email_verified": True,
    }
    at.run()
    until = dt.date.today() + dt.timedelta(days=90)
    assert f"Your notes on this netcoach are kept until {until:%d %b %Y}; sign in to download them" in texts(at)


def test_a_coordinator_adds_another_who_then_sees_the_team_page(root: Path) -> None:
    coach = visit("coach@acme.test", "team")
    next(t for t in coach.text_input if t.label == "Coordinator's email address").input("lead@acme.test")
    click(coach, "Add coordinator")
    assert "lead@acme.test is a coordinator now" in texts(coach)
    lead = visit("lead@acme.test", "team")
    assert "Team" in [t.value for t in lead.title]
    assert "made lead@acme.test a coordinator" in list(lead.dataframe[-1].value["What"])
    assert "Take off" not in [b.label for b in lead.button]  # not themselves; the secrets one is fixed


def test_a_domain_allowed_on_the_team_page_lets_its_addresses_in(root: Path) -> None:
    assert "not on this netcoach's list" in texts(visit("zoe@partner.test"))
    coach = visit("coach@acme.test", "team")
    next(t for t in coach.text_input if t.label == "Domain").input("partner .test")
    click(coach, "Allow domain")
    assert "Domain: 'partner .test' is not a domain name" in texts(coach)
    next(t for t in coach.text_input if t.label == "Domain").input("partner.test")
    click(coach, "Allow domain")
    assert "not on this netcoach's list" not in texts(visit("zoe@partner.test"))


def test_the_team_page_shows_member_names_as_text_and_nothing_from_their_files(root: Path) -> None:
    visit("ana@acme.test")
    svc = team(root).member_service(member_id("ana@acme.test"))
    person = svc.add_person({"name": "Zed Confidential", "organization": "Hidden Org"})
    svc.log_conversation({"date": dt.date.today(), "person_ids": [person.id], "learned": "private note"})
    coach = visit("coach@acme.test", "team")
    shown = texts(coach) + json.dumps([d.value.to_dict() for d in coach.dataframe], default=str)
    for secret in ("Zed Confidential", "Hidden Org", "private note"):
        assert secret not in shown
