"""`python -m netcoach digest` against a real SMTP server on localhost (aiosmtpd).

The stories are the operator's and the member's: the hourly run sends each
opted-in member their digest once, a second run sends nothing, a server that
refuses one member does not stop the others and the next run sends the one
that failed, a dry run sends nothing, and the one-click unsubscribe link in a
received mail stops the next digest.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
import streamlit as st
from aiosmtpd.controller import Controller
from starlette.applications import Starlette
from starlette.testclient import TestClient
from support import TODAY

from netcoach import storage
from netcoach.cli import main
from netcoach.config import DATA_DIR_ENV
from netcoach.service import MemberService, member_service
from netcoach.storage import data_dir
from netcoach.team import Identity, Team, TeamRole
from netcoach.web.routes import ROUTES

APP = "https://coach.example"
WEDNESDAY_9AM = f"{TODAY.isoformat()}T09:00"  # TODAY is a Wednesday
NEXT_WEDNESDAY_9AM = "2026-04-22T09:00"
ISSUER = "http://127.0.0.1:9400"


class Inbox:
    """What the SMTP server received; `refuse` and `fail` make it turn some recipients away."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], EmailMessage]] = []
        self.refuse: set[str] = set()  # 550 at RCPT TO
        self.fail: set[str] = set()  # 451 after DATA

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # aiosmtpd's hook names
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if set(envelope.rcpt_tos) & self.fail:
            return "451 4.3.0 Try again later"
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for _, rcpt, m in self.received if address in rcpt]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def write_secrets(path: Path, port: int, team: bool = False) -> Path:
    text = f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nfrom = "coach@netcoach.example"\n'
    if team:
        text += (
            '\n[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\ncookie_secret = "x"\n'
            'client_id = "netcoach"\nclient_secret = "x"\n'
            f'server_metadata_url = "{ISSUER}/.well-known/openid-configuration"\n'
            '\n[netcoach]\ncoordinators = ["coach@acme.test"]\nallowed_domains = ["acme.test"]\n'
        )
    path.write_text(text, encoding="utf-8")
    return path


def run_digest(root: Path, secrets: Path, *extra: str, now: str = WEDNESDAY_9AM) -> int:
    return main(["digest", "--data-dir", str(root), "--secrets", str(secrets), "--app-url", APP, "--now", now, *extra])


def opted_in(svc: MemberService, email: str = "", **choices: object) -> MemberService:
    svc.save_digest_settings({"weekly": True, "weekday": 2, "hour": 8, "email": email, **choices})
    return svc


def with_a_followup(svc: MemberService, who: str, note: str) -> MemberService:
    person = svc.add_person({"name": who, "role": "mentor"})
    svc.log_conversation({"date": TODAY, "person_ids": [person.id], "followup_due": TODAY, "followup_note": note})
    return svc


def parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


# ------------------------------------------------------------------ local mode


def test_the_hourly_run_sends_the_weekly_digest_once_with_both_parts_links_and_one_click_unsubscribe(
    data_root: Path, svc: MemberService, smtp: tuple[Inbox, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, port = smtp
    secrets = write_secrets(tmp_path / "secrets.toml", port)
    opted_in(with_a_followup(svc, "Ana Ruiz", "the slides from Tuesday"), "maya@example.com")

    assert run_digest(data_root, secrets, "--send") == 0

    assert [(sender, rcpt) for sender, rcpt, _ in inbox.received] == [("coach@netcoach.example", ["maya@example.com"])]
    message = inbox.received[0][2]
    text, html = parts(message)
    assert "Ana Ruiz" in text and "What to send: the slides from Tuesday" in text
    assert "Ana Ruiz" in html and f'href="{APP}/followups"' in html
    token = svc.unsubscribe_token()
    assert message["List-Unsubscribe"] == f"<{APP}/unsubscribe/{token}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"] and message["Date"] and message["To"] == "maya@example.com"
    assert f"{APP}/settings" in text
    assert "Sent the weekly digest for 2026-W16" in capsys.readouterr().out
    assert svc.last_digest_sent() is not None

    assert run_digest(data_root, secrets, "--send") == 0  # the timer fires again within the hour
    assert len(inbox.received) == 1


def test_a_member_who_has_not_opted_in_gets_nothing(
    data_root: Path, svc: MemberService, smtp: tuple[Inbox, int], tmp_path: Path
) -> None:
    inbox, port = smtp
    with_a_followup(svc, "Ana Ruiz", "the slides")
    svc.save_digest_settings({"weekly": False, "daily": False, "email": "maya@example.com"})
    other = opted_in(member_service(data_root, "ben", today=lambda: TODAY), "ben@example.com")
    assert run_digest(data_root, write_secrets(tmp_path / "s.toml", port), "--send") == 0
    assert [rcpt for _, rcpt, _ in inbox.received] == [["ben@example.com"]]
    assert other.last_digest_sent() is not None and svc.last_digest_sent() is None


def test_a_dry_run_prints_what_would_go_out_and_sends_and_records_nothing(
    data_root: Path, svc: MemberService, smtp: tuple[Inbox, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, port = smtp
    opted_in(with_a_followup(svc, "Ana Ruiz", "the slides"), "maya@example.com")
    assert run_digest(data_root, write_secrets(tmp_path / "s.toml", port), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "To: maya@example.com" in out and "Subject: netcoach · your week" in out and "Ana Ruiz" in out
    assert "nothing was sent or recorded" in out
    assert inbox.received == [] and svc.last_digest_sent() is None


def test_the_unsubscribe_link_of_a_received_mail_posted_one_click_stops_the_next_digest(
    data_root: Path, svc: MemberService, smtp: tuple[Inbox, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, port = smtp
    secrets = write_secrets(tmp_path / "s.toml", port)
    opted_in(with_a_followup(svc, "Ana Ruiz", "the slides"), "maya@example.com", daily=True)
    assert run_digest(data_root, secrets, "--send") == 0
    link = str(inbox.received[0][2]["List-Unsubscribe"]).strip("<>")
    assert link.startswith(APP + "/unsubscribe/")

    # The dashboard's own routes, as serve.py mounts them beside the pages.
    monkeypatch.setenv(DATA_DIR_ENV, str(data_root))
    st.cache_resource.clear()
    client = TestClient(Starlette(routes=ROUTES))
    path = link.removeprefix(APP)
    assert client.post(path.replace(".", ".wrong", 1)).status_code == 404
    answer = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200 and "no more digests" in answer.text
    st.cache_resource.clear()

    assert run_digest(data_root, secrets, "--send", now=NEXT_WEDNESDAY_9AM) == 0
    assert run_digest(data_root, secrets, "--send", now="2026-04-23T09:00") == 0
    assert len(inbox.received) == 1
    assert not (svc.reminders().weekly or svc.reminders().daily)


def test_a_broken_member_file_is_named_and_the_others_still_get_theirs(
    data_root: Path, svc: MemberService, smtp: tuple[Inbox, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, port = smtp
    opted_in(svc, "maya@example.com")
    broken = data_root / "members" / "ben.json"
    broken.write_text('{"people": {', encoding="utf-8")
    assert run_digest(data_root, write_secrets(tmp_path / "s.toml", port), "--send") == 1
    assert [rcpt for _, rcpt, _ in inbox.received] == [["maya@example.com"]]
    assert "member 'ben': their file cannot be read" in capsys.readouterr().err


# ------------------------------------------------------------------ team mode


def member(root: Path, email: str, name: str, role: TeamRole = TeamRole.MEMBER) -> MemberService:
    identity = Identity(ISSUER, email.split("@")[0], email, name, email_verified=True)
    svc = member_service(root, identity.member_id, today=lambda: TODAY)
    svc.save_profile({"display_name": name})
    Team(data_dir(root)).sign_in(identity, role)
    return svc


@pytest.fixture
def team_secrets(tmp_path: Path, smtp: tuple[Inbox, int]) -> Path:
    storage.forget_data_dirs()
    return write_secrets(tmp_path / "team.toml", smtp[1], team=True)


def test_team_mode_sends_to_each_members_signed_in_address_only_their_own_data_and_never_to_a_coordinator(
    data_root: Path, smtp: tuple[Inbox, int], team_secrets: Path
) -> None:
    inbox, _ = smtp
    ana = opted_in(with_a_followup(member(data_root, "ana@acme.test", "Ana"), "Priya Shah", "Priya's deck"))
    ben = opted_in(with_a_followup(member(data_root, "ben@acme.test", "Ben"), "Omar Reyes", "Omar's intro"))
    member(data_root, "cleo@acme.test", "Cleo")  # never opted in
    opted_in(member(data_root, "coach@acme.test", "Coach", TeamRole.COORDINATOR), "coach@acme.test")
    # A member cannot point their digest elsewhere: the address typed is not used on a team.
    ben.save_digest_settings({"email": "someone.else@example.com"})
    Team(data_dir(data_root)).post_event({"name": "Cohort mixer", "date": TODAY, "kind": "social"})

    assert run_digest(data_root, team_secrets, "--send") == 0

    assert sorted(rcpt[0] for _, rcpt, _ in inbox.received) == ["ana@acme.test", "ben@acme.test"]
    ana_text, _ = parts(inbox.to("ana@acme.test")[0])
    ben_text, _ = parts(inbox.to("ben@acme.test")[0])
    assert "Priya Shah" in ana_text and "Omar" not in ana_text
    assert "Omar Reyes" in ben_text and "Priya" not in ben_text
    assert "Cohort mixer" in ana_text and "A team event" in ana_text
    assert ana.unsubscribe_token() in str(inbox.to("ana@acme.test")[0]["List-Unsubscribe"])


def test_a_server_that_refuses_one_member_leaves_the_others_sent_and_the_next_run_sends_the_one_that_failed(
    data_root: Path, smtp: tuple[Inbox, int], team_secrets: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, _ = smtp
    for email, name in (("ana@acme.test", "Ana"), ("ben@acme.test", "Ben"), ("cleo@acme.test", "Cleo")):
        opted_in(member(data_root, email, name))
    inbox.refuse = {"ben@acme.test"}
    inbox.fail = {"cleo@acme.test"}

    assert run_digest(data_root, team_secrets, "--send") == 1
    assert [rcpt for _, rcpt, _ in inbox.received] == [["ana@acme.test"]]
    err = capsys.readouterr().err
    assert "Ben <ben@acme.test>" in err and "550" in err
    assert "Cleo <cleo@acme.test>" in err and "451" in err

    inbox.refuse, inbox.fail = set(), set()
    assert run_digest(data_root, team_secrets, "--send", now=f"{TODAY.isoformat()}T10:00") == 0
    assert sorted(rcpt[0] for _, rcpt, _ in inbox.received) == ["ana@acme.test", "ben@acme.test", "cleo@acme.test"]


def test_a_server_that_is_down_fails_the_run_and_records_nothing(
    data_root: Path, svc: MemberService, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opted_in(svc, "maya@example.com")
    assert run_digest(data_root, write_secrets(tmp_path / "s.toml", free_port()), "--send") == 1
    assert "member 'me'" in capsys.readouterr().err
    assert svc.last_digest_sent() is None


def test_send_without_smtp_settings_or_app_url_stops_with_one_line_naming_what_is_missing(
    data_root: Path, svc: MemberService, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opted_in(svc, "maya@example.com")
    empty = tmp_path / "none.toml"
    assert run_digest(data_root, empty, "--send") == 1
    assert "no [smtp] section" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text('[smtp]\nhost = "mail"\nport = "x"\n', encoding="utf-8")
    assert run_digest(data_root, bad, "--send") == 1
    err = capsys.readouterr().err
    assert "smtp.port" in err and "smtp.from: required" in err
    assert main(["digest", "--data-dir", str(data_root), "--secrets", str(empty), "--dry-run"]) == 1
    assert "--app-url" in capsys.readouterr().err


def test_a_member_the_coordinator_removed_from_the_cohort_gets_no_more_digests(
    data_root: Path, smtp: tuple[Inbox, int], team_secrets: Path
) -> None:
    inbox, _ = smtp
    opted_in(member(data_root, "ana@acme.test", "Ana"))
    opted_in(member(data_root, "ben@acme.test", "Ben"))
    Team(data_dir(data_root)).book.remove("ben@acme.test", by="coach@acme.test")

    assert run_digest(data_root, team_secrets, "--send") == 0

    assert [rcpt for _, rcpt, _ in inbox.received] == [["ana@acme.test"]]
