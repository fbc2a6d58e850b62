"""The hosted team instance through AppTest, with st.user set for each kind of visitor."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import streamlit as st
from app_helpers import APP, TIMEOUT_S, assert_clean, click, texts
from streamlit.testing.v1 import AppTest

from netcoach import storage
from netcoach.member_text import seen_in_markdown
from netcoach.storage import data_dir as open_data_dir
from netcoach.team import Identity, Team

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-real-secret",
    "client_id": "netcoach",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "http://127.0.0.1:9400/.well-known/openid-configuration",
}
TEAM = {"coordinators": ["coach@acme.test"], "allowed_domains": ["acme.test"], "invited": ["guest@partner.test"]}
ISSUER = "http://127.0.0.1:9400"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("NETCOACH_DATA_DIR", str(folder))
    st.cache_resource.clear()
    storage.forget_data_dirs()
    yield folder
    st.cache_resource.clear()
    storage.forget_data_dirs()


def visit(email: str | None, page: str | None = None, verified: object = True) -> AppTest:
    """A fresh session on a team instance; `page` is opened as a direct URL would be.

    `verified` is the provider's `email_verified` claim; `...` leaves it out.
    """
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.secrets["auth"] = AUTH
    at.secrets["netcoach"] = TEAM
    if email is None:
        at.user = {"is_logged_in": False}
    else:
        at.user = {
            "is_logged_in": True,
            "email": email,
            "sub": email.split("@")[0],
            "iss": ISSUER,
            "name": email,
            **({} if verified is ... else {"email_verified": verified}),
        }
    if page:
        at.switch_page(f"pages/{page}.py")
    at.run()
    assert_clean(at)
    return at


def member_file(root: Path, email: str) -> Path:
    member_id = Identity(ISSUER, email.split("@")[0], email).member_id
    return root / "members" / f"{member_id}.json"


def team(root: Path) -> Team:
    return Team(open_data_dir(root))


def test_a_signed_out_visitor_only_ever_sees_the_sign_in(root: Path) -> None:
    for page in (None, "people", "log", "data", "cohort", "team_events", "settings"):
        at = visit(None, page)
        assert [b.label for b in at.button] == ["Sign in"], page
        assert not at.dataframe and not at.metric
    assert not (root / "members").exists()


def test_an_email_that_is_not_allowed_is_refused_and_gets_no_file(root: Path) -> None:
    at = visit("mallory@elsewhere.test", "people")
    assert "mallory@elsewhere.test is not on this netcoach's list" in texts(at)
    assert not (root / "members").exists() or not any((root / "members").iterdir())


def test_an_address_the_provider_did_not_explicitly_verify_is_refused_even_as_coordinator(root: Path) -> None:
    for verified in (..., "false", "true", 0, 1, None, False):
        for email in ("coach@acme.test", "ana@acme.test"):
            at = visit(email, "people", verified=verified)
            assert "is not on this netcoach's list" in texts(at), (email, verified)
            assert not at.dataframe and not at.metric
    assert not (root / "members").exists() or not any((root / "members").iterdir())


def test_first_sign_in_creates_a_private_store_and_members_never_see_each_other(root: Path) -> None:
    ana = visit("ana@acme.test", "log")
    ana.text_input(key="log_0_new_name").input("Secret Contact Ana")
    click(ana, "Save conversation")
    assert member_file(root, "ana@acme.test").exists()

    ben = visit("ben@acme.test", "people")
    assert "Secret Contact Ana" not in texts(ben)
    assert "Nobody here yet" in texts(ben)
    ben = visit("ben@acme.test", "log")
    assert all("Secret Contact Ana" not in str(m.value) for m in ben.markdown)
    # An invited guest from another domain is a member too.
    guest = visit("guest@partner.test")
    assert "Sign in" not in [b.label for b in guest.button]


def test_a_member_opening_the_coordinator_pages_is_refused(root: Path) -> None:
    for page in ("cohort", "team_events"):
        at = visit("ana@acme.test", page)
        titles = [t.value for t in at.title]
        assert "Cohort" not in titles and "Team events" not in titles, page
        assert "Post event" not in [b.label for b in at.form_submit_button]


def test_the_coordinator_sees_totals_only_never_names(root: Path) -> None:
    for email in ("ana@acme.test", "ben@acme.test"):
        visit(email)  # first sign-in
    t = team(root)
    ana_id = Identity(ISSUER, "ana", "ana@acme.test").member_id
    svc = t.member_service(ana_id)
    person = svc.add_person({"name": "Zed Confidential", "organization": "Hidden Org"})
    svc.log_conversation({"date": dt.date.today(), "person_ids": [person.id], "learned": "private note"})

    at = visit("coach@acme.test")
    assert "Nobody shares totals yet" in texts(at)
    t.set_sharing(ana_id, True)
    at = visit("coach@acme.test")
    assert "Totals show once at least 5 interns share (1 counted now)" in texts(at)
    assert not at.metric and not at.dataframe  # the sums over one intern would be her own numbers
    for email in ("cy@acme.test", "di@acme.test", "ed@acme.test", "fay@acme.test"):
        visit(email)
        t.set_sharing(Identity(ISSUER, email.split("@")[0], email).member_id, True)
    at = visit("coach@acme.test")
    shown = texts(at) + str(at.dataframe[0].value.to_dict())
    assert next(m for m in at.metric if m.label == "Conversations this month").value == "1"
    for secret in ("Zed Confidential", "Hidden Org", "private note", "ana@acme.test"):
        assert secret not in shown

    people = visit("coach@acme.test", "people")
    assert "Zed Confidential" not in texts(people)
    assert "Cohort" in [t.value for t in people.title]


def test_cohort_medians_appear_only_once_five_members_share(root: Path) -> None:
    t = team(root)
    emails = [f"intern{i}@acme.test" for i in range(5)]
    for email in emails:
        visit(email)
    ids = [Identity(ISSUER, e.split("@")[0], e).member_id for e in emails]
    for member_id in ids[:4]:
        t.set_sharing(member_id, True)
    reader = t.member_service(ids[0])
    someone = reader.add_person({"name": "Someone"})
    reader.log_conversation({"date": dt.date.today(), "person_ids": [someone.id]})
    assert "Cohort median" not in texts(visit(emails[0]))
    t.set_sharing(ids[4], True)
    assert "Cohort median this month: 0 new people" in texts(visit(emails[0]))


def test_one_sharing_members_broken_file_breaks_nobody_elses_home_or_the_cohort(root: Path) -> None:
    t = team(root)
    emails = [f"intern{i}@acme.test" for i in range(6)]
    for email in emails:
        visit(email)
    ids = [Identity(ISSUER, e.split("@")[0], e).member_id for e in emails]
    for member_id in ids:
        t.set_sharing(member_id, True)
    reader = t.member_service(ids[0])  # a member past the first-visit steps, so Home shows the cohort line
    someone = reader.add_person({"name": "Someone"})
    reader.log_conversation({"date": dt.date.today(), "person_ids": [someone.id]})
    broken = t.member_service(ids[5])
    broken.add_person({"name": "Someone"})
    data = json.loads(broken.data_file.read_text(encoding="utf-8"))
    data["people"]["1"]["role"] = "boss"  # valid JSON, a record no netcoach ever wrote
    broken.data_file.write_text(json.dumps(data), encoding="utf-8")

    assert "Cohort median this month: 0 new people" in texts(visit(emails[0]))
    cohort = visit("coach@acme.test")
    assert "The data of 1 sharing intern(s) could not be read" in texts(cohort)
    assert next(m for m in cohort.metric if m.label == "Conversations this month").value == "1"  # the reader's own


def test_a_team_event_posted_by_the_coordinator_can_be_joined_by_a_member(root: Path) -> None:
    at = visit("coach@acme.test", "team_events")
    at.text_input[0].input("Intern mixer")
    at.date_input[0].set_value(dt.date.today() + dt.timedelta(days=5))
    click(at, "Post event")
    assert "Posted Intern mixer" in texts(at)

    home = visit("ana@acme.test")
    assert any("Intern mixer" in m.value for m in home.markdown)
    going = next(b for b in home.button if b.label == "Going")
    going.click().run()
    ana_id = Identity(ISSUER, "ana", "ana@acme.test").member_id
    events = team(root).member_service(ana_id).events()
    assert [(e.name, e.attended, e.shared_id is not None) for e in events] == [("Intern mixer", False, True)]


def test_sharing_is_off_by_default_and_a_member_can_delete_their_account(root: Path) -> None:
    at = visit("ana@acme.test", "settings")
    toggle = next(t for t in at.toggle if t.label == "Share my monthly totals")
    assert toggle.value is False
    toggle.set_value(True).run()
    ana_id = Identity(ISSUER, "ana", "ana@acme.test").member_id
    assert team(root).membership(ana_id).shares_totals

    next(c for c in at.checkbox if c.label.startswith("Yes, delete my account")).check().run()
    click(at, "Delete my account")
    assert not member_file(root, "ana@acme.test").exists()
    assert team(root).membership(ana_id) is None


def test_a_deleted_account_stays_deleted_in_a_tab_left_open_and_a_new_sign_in_starts_afresh(root: Path) -> None:
    at = visit("ana@acme.test", "settings")
    other_tab = visit("ana@acme.test", "settings")
    ana_id = Identity(ISSUER, "ana", "ana@acme.test").member_id

    next(c for c in at.checkbox if c.label.startswith("Yes, delete my account")).check().run()
    click(at, "Delete my account")
    assert not member_file(root, "ana@acme.test").exists()

    other_tab.text_input[0].input("Ana again")
    other_tab.form_submit_button[0].click().run()  # the settings it was about to save
    assert "was deleted, so nothing from this tab is saved" in texts(other_tab)
    assert not member_file(root, "ana@acme.test").exists()
    assert team(root).membership(ana_id) is None

    fresh = visit("ana@acme.test", "people")  # signing in again, in a new session
    assert member_file(root, "ana@acme.test").exists()
    assert team(root).membership(ana_id) is not None
    assert not fresh.dataframe or fresh.dataframe[0].value.empty


def test_the_signed_in_email_is_shown_as_text_not_a_mail_link(root: Path) -> None:
    at = visit("ann@acme.test")
    signed_in = next(str(c.value) for c in at.sidebar.caption if "Signed in as" in str(c.value))
    # The markdown renderer links any "name@host" in its text, but never inside a code span.
    assert signed_in == "Signed in as `ann@acme.test`"
    assert seen_in_markdown(signed_in) == "Signed in as ann@acme.test"
