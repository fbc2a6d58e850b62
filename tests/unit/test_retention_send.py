"""`python -m netcoach retention` against a real SMTP server on localhost (aiosmtpd).

The stories are the removed intern's and the operator's: the daily run tells
someone taken off the cohort once when their notes will be deleted, reminds
them once a week before, and deletes their file, its backups and their
membership on the date, with a line in the audit list; someone invited again
keeps everything; a dry run and an instance without a retention period
change nothing; a file that does not load is named and left alone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_digest_send import ISSUER, Inbox, write_secrets

from netcoach import storage
from netcoach.cli import main
from netcoach.service import member_service
from netcoach.storage import data_dir
from netcoach.team import Identity, Team, TeamRole

pytest_plugins = ["test_digest_send"]  # its `smtp` fixture: a real SMTP server on a free port

APP = "https://coach.example"
REMOVAL_DAY = dt.date(2026, 4, 1)
DAYS = 30
DELETION_DAY = REMOVAL_DAY + dt.timedelta(days=DAYS)  # 01 May 2026


def at(days_after_removal: int, hour: int = 6) -> str:
    return dt.datetime.combine(REMOVAL_DAY + dt.timedelta(days=days_after_removal), dt.time(hour)).isoformat()


def secrets_file(tmp_path: Path, port: int | None, retention_days: int | None = DAYS) -> Path:
    path = write_secrets(tmp_path / "secrets.toml", port or 1, team=True)
    text = path.read_text()
    if port is None:  # no [smtp] section at all
        text = text.split("[auth]", 1)[1]
        text = "[auth]" + text
    if retention_days is not None:
        text = text.replace("[netcoach]\n", f"[netcoach]\nretention_days = {retention_days}\n")
    path.write_text(text, encoding="utf-8")
    return path


def run(root: Path | str, secrets: Path, mode: str, when: str) -> int:
    args = ["--data-dir", str(root), "--secrets", str(secrets), "--app-url", APP, "--now", when]
    return main(["retention", mode, *args])


def join(root: Path | str, email: str, name: str) -> str:
    """Someone signs in, writes a note, and gets a backup copy of their file; their member id."""
    identity = Identity(ISSUER, email.split("@")[0], email, name, email_verified=True)
    svc = member_service(root, identity.member_id, today=lambda: REMOVAL_DAY)
    svc.save_profile({"display_name": name})
    svc.add_person({"name": "Priya Shah", "role": "mentor"})
    Team(data_dir(root), today=lambda: REMOVAL_DAY).sign_in(identity, TeamRole.MEMBER)
    assert data_dir(root).store(identity.member_id).backup_now("before-import") is not None
    return identity.member_id


def remove(root: Path | str, email: str) -> None:
    Team(data_dir(root), today=lambda: REMOVAL_DAY).book.remove(email, by="coach@acme.test")


def team(root: Path | str) -> Team:
    storage.forget_data_dirs()
    return Team(data_dir(root), today=lambda: REMOVAL_DAY)


def still_kept(root: Path | str, member_id: str) -> bool:
    kept = team(root)
    return kept.folder.has_member(member_id) and kept.membership(member_id) is not None


def test_a_removed_intern_is_told_once_reminded_once_and_their_notes_go_on_the_date(
    data_root: Path, smtp: tuple[Inbox, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, port = smtp
    secrets = secrets_file(tmp_path, port)
    ana = join(data_root, "ana@acme.test", "Ana Ruiz")
    stays = join(data_root, "ben@acme.test", "Ben")
    remove(data_root, "ana@acme.test")

    assert run(data_root, secrets, "--apply", at(0, hour=23)) == 0
    (first,) = inbox.to("ana@acme.test")
    text = first.get_content()
    assert first["Subject"] == "netcoach: your notes are kept until a date"
    assert "Hello Ana Ruiz," in text
    assert f"Your notes on netcoach {APP} are kept until 01 May 2026; sign in to download them; " in text
    assert "Priya" not in text and "ben@acme.test" not in text  # nothing of their notes, nobody else
    assert "Sent the first notice to Ana Ruiz <ana@acme.test>: kept until 01 May 2026" in capsys.readouterr().out

    for days_after in (1, 20, 22):  # the daily timer, and a second run the same day sends nothing
        assert run(data_root, secrets, "--apply", at(days_after)) == 0
    assert len(inbox.received) == 1

    assert run(data_root, secrets, "--apply", at(24)) == 0  # a week before the date
    assert run(data_root, secrets, "--apply", at(24, hour=18)) == 0
    assert [m["Subject"] for m in inbox.to("ana@acme.test")][1:] == ["netcoach: your notes will be deleted soon"]
    assert "kept until 01 May 2026" in inbox.to("ana@acme.test")[1].get_content()

    assert run(data_root, secrets, "--apply", at(29)) == 0
    assert still_kept(data_root, ana)

    capsys.readouterr()
    assert run(data_root, secrets, "--apply", at(30)) == 0
    assert "Deleted the notes of Ana Ruiz <ana@acme.test>, 30 days after their removal." in capsys.readouterr().out
    after = team(data_root)
    assert not after.folder.has_member(ana) and after.membership(ana) is None
    assert data_dir(data_root).store(ana).backups() == [], "their backups went with the file"
    line = after.book.audit()[0]
    assert (line.by, line.what) == (
        "netcoach (retention period)",
        "deleted the notes of ana@acme.test, 30 days after removal (the retention period)",
    )
    assert still_kept(data_root, stays) and len(inbox.received) == 2

    assert run(data_root, secrets, "--apply", at(31)) == 0  # nothing left to do
    assert len(inbox.received) == 2


def test_someone_invited_again_keeps_their_notes_and_gets_no_more_notices(
    data_root: Path, smtp: tuple[Inbox, int], tmp_path: Path
) -> None:
    inbox, port = smtp
    secrets = secrets_file(tmp_path, port)
    ana = join(data_root, "ana@acme.test", "Ana")
    remove(data_root, "ana@acme.test")
    assert run(data_root, secrets, "--apply", at(0, hour=23)) == 0
    team(data_root).book.invite(["ana@acme.test"], by="coach@acme.test")

    for days_after in (24, 30, 400):
        assert run(data_root, secrets, "--apply", at(days_after)) == 0
    assert len(inbox.received) == 1 and still_kept(data_root, ana)


def test_a_dry_run_shows_the_notice_and_the_deletion_and_changes_nothing(
    data_root: Path, smtp: tuple[Inbox, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, port = smtp
    secrets = secrets_file(tmp_path, port)
    ana = join(data_root, "ana@acme.test", "Ana")
    remove(data_root, "ana@acme.test")
    before = data_dir(data_root).team_store().path.read_bytes()

    assert run(data_root, secrets, "--dry-run", at(1)) == 0
    out = capsys.readouterr().out
    assert "To: ana@acme.test" in out and "kept until 01 May 2026" in out and "Dry run" in out
    assert inbox.received == [] and data_dir(data_root).team_store().path.read_bytes() == before

    assert run(data_root, secrets, "--apply", at(1)) == 0  # told; then, on the date, a dry run
    after_notice = data_dir(data_root).team_store().path.read_bytes()
    assert run(data_root, secrets, "--dry-run", at(30)) == 0
    assert "Would delete the notes of Ana <ana@acme.test>: removed 30 days ago" in capsys.readouterr().out
    assert still_kept(data_root, ana) and data_dir(data_root).team_store().path.read_bytes() == after_notice


def test_without_a_retention_period_nothing_is_deleted_or_announced(
    data_root: Path, smtp: tuple[Inbox, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, port = smtp
    secrets = secrets_file(tmp_path, port, retention_days=None)
    ana = join(data_root, "ana@acme.test", "Ana")
    remove(data_root, "ana@acme.test")
    assert run(data_root, secrets, "--apply", at(3650)) == 0
    assert "No retention period is set" in capsys.readouterr().out
    assert inbox.received == [] and still_kept(data_root, ana)


def test_without_a_mail_server_the_page_is_the_only_notice_and_the_notes_go_on_the_date(
    data_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secrets = secrets_file(tmp_path, None)
    ana = join(data_root, "ana@acme.test", "Ana")
    remove(data_root, "ana@acme.test")
    assert run(data_root, secrets, "--apply", at(29)) == 0
    assert "No notice mail was sent" in capsys.readouterr().out and still_kept(data_root, ana)
    assert run(data_root, secrets, "--apply", at(30)) == 0
    assert not still_kept(data_root, ana)


def test_a_file_that_does_not_load_is_named_left_untouched_and_the_others_are_still_done(
    data_root: Path, smtp: tuple[Inbox, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, port = smtp
    secrets = secrets_file(tmp_path, port)
    ana = join(data_root, "ana@acme.test", "Ana")
    join(data_root, "ben@acme.test", "Ben")
    remove(data_root, "ana@acme.test")
    remove(data_root, "ben@acme.test")
    broken = data_root / "members" / f"{ana}.json"
    broken.write_text('{"people": {', encoding="utf-8")

    assert run(data_root, secrets, "--apply", at(1)) == 1
    err = capsys.readouterr().err
    assert "Ana <ana@acme.test>: their file does not load" in err and "left untouched" in err
    assert [rcpt for _, rcpt, _ in inbox.received] == [["ben@acme.test"]]
    assert run(data_root, secrets, "--apply", at(30)) == 1
    assert broken.read_text(encoding="utf-8") == '{"people": {'
    assert team(data_root).membership(ana) is not None


def test_a_mail_the_server_refuses_is_tried_again_and_nothing_is_deleted_before_a_notice_went_out(
    data_root: Path, smtp: tuple[Inbox, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, port = smtp
    secrets = secrets_file(tmp_path, port)
    ana = join(data_root, "ana@acme.test", "Ana")
    remove(data_root, "ana@acme.test")
    inbox.refuse = {"ana@acme.test"}
    assert run(data_root, secrets, "--apply", at(40)) == 1
    assert "550" in capsys.readouterr().err and still_kept(data_root, ana)
    inbox.refuse = set()
    assert run(data_root, secrets, "--apply", at(41)) == 0
    assert "kept until 19 May 2026" in inbox.to("ana@acme.test")[0].get_content()  # a week from the notice
    assert run(data_root, secrets, "--apply", at(47)) == 0 and still_kept(data_root, ana)
    assert run(data_root, secrets, "--apply", at(48)) == 0 and not still_kept(data_root, ana)


@pytest.mark.db
def test_on_postgresql_the_notice_goes_once_and_the_notes_go_on_the_date(
    postgres_url: str, smtp: tuple[Inbox, int], tmp_path: Path
) -> None:
    inbox, port = smtp
    secrets = secrets_file(tmp_path, port)
    ana = join(postgres_url, "ana@acme.test", "Ana")
    remove(postgres_url, "ana@acme.test")
    assert run(postgres_url, secrets, "--apply", at(0, hour=23)) == 0
    assert run(postgres_url, secrets, "--apply", at(1)) == 0
    assert len(inbox.received) == 1
    assert run(postgres_url, secrets, "--apply", at(30)) == 0
    after = Team(data_dir(postgres_url), today=lambda: REMOVAL_DAY)
    assert not after.folder.has_member(ana) and after.membership(ana) is None
    assert data_dir(postgres_url).store(ana).backups() == []
    assert after.book.audit()[0].action == "delete_after_retention"


def test_deleting_on_their_own_request_works_only_while_they_are_removed(data_root: Path) -> None:
    ana = join(data_root, "ana@acme.test", "Ana")
    assert not team(data_root).delete_on_own_request(ana, "ana@acme.test"), "a current member is not removed"
    remove(data_root, "ana@acme.test")
    assert not team(data_root).delete_on_own_request(ana, "ben@acme.test"), "only their own address"
    team(data_root).book.invite(["ana@acme.test"], by="coach@acme.test")  # invited back from another tab
    assert not team(data_root).delete_on_own_request(ana, "ana@acme.test") and still_kept(data_root, ana)
    remove(data_root, "ana@acme.test")
    assert team(data_root).delete_on_own_request(ana, "ana@acme.test") and not still_kept(data_root, ana)
    assert team(data_root).book.audit()[0].what == "ana@acme.test deleted their own notes after being removed"
