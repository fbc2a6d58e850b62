"""The command line as a person uses it: sample data, check, export/import, backup.

Most stories call `cli.main(argv)` in-process (fast); the ones about exit codes
and messages a shell sees run `python -m netcoach` for real.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from support import TODAY

from netcoach import cli, sample
from netcoach.coach.tips import load_tips
from netcoach.config import DATA_DIR_ENV
from netcoach.models import META, MentorStage, Role, Setting
from netcoach.service import member_service
from netcoach.storage import load_json_file

REPO = Path(__file__).resolve().parents[2]
DAY = TODAY.isoformat()


def run_cli(*argv: str, stdin: int | None = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop(DATA_DIR_ENV, None)
    return subprocess.run(
        [sys.executable, "-m", "netcoach", *argv],
        cwd=REPO,
        env=env,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def fill(root: Path, member: str = "me", *extra: str) -> int:
    return cli.main(["demo", "--data-dir", str(root), "--member", member, "--today", DAY, *extra])


def tables(root: Path, member: str) -> dict:
    return load_json_file(root / "members" / f"{member}.json") or {}


def data_tables(root: Path, member: str) -> dict:
    return {k: v for k, v in tables(root, member).items() if k != META}


# ---------------------------------------------------------------- demo
def test_demo_fills_a_member_with_varied_months_of_data(data_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert fill(data_root) == 0
    assert "120 conversations" in capsys.readouterr().out
    svc = member_service(data_root, "me", today=lambda: TODAY)
    snap = svc.snapshot()

    assert {p.role for p in snap.people} == set(Role)
    assert {c.setting for c in snap.conversations} == set(Setting)
    assert len(snap.conversations) == 120
    assert snap.profile.internship_start < min(c.date for c in snap.conversations) + dt.timedelta(days=7)
    assert max(c.date for c in snap.conversations) == TODAY
    assert snap.profile.internship_end > TODAY
    assert (TODAY - snap.profile.internship_start).days >= 100  # several months of history
    assert len({p.name for p in snap.people}) == len(snap.people)

    people = snap.person_by_id()
    repeat = [pid for pid in people if sum(pid in c.person_ids for c in snap.conversations) >= 4]
    assert repeat, "some people are met again and again"
    grown = [p for p in snap.people if p.mentor_stage is MentorStage.MENTOR and p.role is not Role.MENTOR]
    assert grown, "a colleague has become a mentor over the months"
    assert len({p.mentor_stage for p in snap.people}) >= 3

    events = {e.id: e for e in snap.events}
    linked = [c for c in snap.conversations if c.event_id is not None]
    assert {c.setting for c in linked} >= {Setting.COMPANY_EVENT, Setting.INDUSTRY_EVENT}
    assert all(events[c.event_id].attended and events[c.event_id].date == c.date for c in linked)
    assert any(not e.attended and e.date <= TODAY for e in snap.events)
    assert any(e.date > TODAY for e in snap.events)

    assert any(c.help_offered for c in snap.conversations)
    assert any(not c.help_offered for c in snap.conversations)
    assert {c.quality for c in snap.conversations} >= {2, 3, 4, 5}
    assert all(c.topics for c in snap.conversations)


def test_demo_follow_ups_goals_and_tips(data_root: Path) -> None:
    assert fill(data_root) == 0
    svc = member_service(data_root, "me", today=lambda: TODAY)
    conversations = svc.snapshot().conversations

    followups = svc.followups()
    assert len(followups.overdue) >= 2
    assert len(followups.due_today) >= 1
    assert len(followups.upcoming) >= 1
    done = [c for c in conversations if c.followup_done is not None]
    assert any(c.followup_done <= c.followup_due for c in done), "some done on time"
    assert any(c.followup_done > c.followup_due for c in done), "some done late"

    months = sorted({g.month for g in svc.goals()})
    assert months[0] == svc.profile().internship_start.strftime("%Y-%m")
    assert months[-1] == TODAY.strftime("%Y-%m")
    outcomes = [p.actual >= p.target for month in months[:-1] for p in svc.goal_progress(month) if p.target is not None]
    assert True in outcomes and False in outcomes, "some past goals met, some missed"

    progress = svc.tip_progress()
    assert any(t.read_on for t in progress.values())
    assert any(t.tried_on and t.reflection for t in progress.values())
    assert set(progress) <= {tip.id for tip in load_tips()}


def test_demo_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    roots = [tmp_path / name for name in ("a", "b", "c")]
    for root, seed in zip(roots, ("4", "4", "5"), strict=True):
        assert fill(root, "me", "--seed", seed, "--conversations", "80") == 0
    assert data_tables(roots[0], "me") == data_tables(roots[1], "me")
    assert data_tables(roots[0], "me") != data_tables(roots[2], "me")


def test_demo_one_transaction_writes_what_single_calls_write(data_root: Path) -> None:
    one = member_service(data_root, "one", today=lambda: TODAY)
    each = member_service(data_root, "each", today=lambda: TODAY)
    sample.generate(one, conversations=40, seed=9)
    sample.generate(each, conversations=40, seed=9, one_transaction=False)
    assert data_tables(data_root, "one") == data_tables(data_root, "each")


def test_demo_refuses_a_member_who_has_data(data_root: Path) -> None:
    assert fill(data_root) == 0
    before = (data_root / "members" / "me.json").read_bytes()
    result = run_cli("demo", "--data-dir", str(data_root), "--today", DAY)
    assert result.returncode != 0
    assert "already holds data" in result.stderr
    assert "Traceback" not in result.stderr
    assert (data_root / "members" / "me.json").read_bytes() == before


# ---------------------------------------------------------------- check
def test_check_passes_on_good_data(data_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(data_root, "me")
    fill(data_root, "sam", "--conversations", "30")
    capsys.readouterr()
    assert cli.main(["check", "--data-dir", str(data_root)]) == 0
    out = capsys.readouterr().out
    assert "me: " in out and "120 conversations" in out
    assert "sam:" in out


def test_check_names_a_broken_file_and_leaves_it_alone(data_root: Path) -> None:
    fill(data_root, "me", "--conversations", "20")
    broken = data_root / "members" / "sam.json"
    garbage = b'{"people": {"1": {"name": "Half a wri'
    broken.write_bytes(garbage)

    result = run_cli("check", "--data-dir", str(data_root))

    assert result.returncode != 0
    assert str(broken) in result.stderr
    assert "not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr
    assert "me:" in result.stdout  # the others are still checked and fine
    assert broken.read_bytes() == garbage


def test_check_names_records_the_app_could_not_read(data_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(data_root, "me", "--conversations", "20")
    path = data_root / "members" / "me.json"
    data = json.loads(path.read_text())
    data["conversations"]["3"]["date"] = "2026-13-01"
    path.write_text(json.dumps(data))

    assert cli.main(["check", "--data-dir", str(data_root)]) == 1
    assert "conversations 3: date: 2026-13-01 is not a date" in capsys.readouterr().err


def test_errors_are_one_line_without_traceback(data_root: Path) -> None:
    (data_root / "members").mkdir()
    (data_root / "members" / "sam.json").write_bytes(b"not json")
    for argv in (
        ("export", "--data-dir", str(data_root), "--member", "sam"),
        ("export", "--data-dir", str(data_root), "--member", "nobody"),
        ("export", "--data-dir", str(data_root), "--member", "../../etc"),
        ("check", "--data-dir", str(data_root / "missing")),
        ("import", "--data-dir", str(data_root), "--member", "me", "--format", "json", "no-such-file.json"),
    ):
        result = run_cli(*argv)
        assert result.returncode != 0, argv
        assert "Traceback" not in result.stderr, argv
        assert "error:" in result.stderr, argv


# ---------------------------------------------------------------- export / import
def test_json_export_import_round_trip(data_root: Path, tmp_path: Path) -> None:
    fill(data_root, "me", "--conversations", "60")
    exported = tmp_path / "me.json"
    assert cli.main(["export", "--data-dir", str(data_root), "--member", "me", "--output", str(exported)]) == 0
    assert json.loads(exported.read_text())["format"] == "netcoach"

    argv = ["import", "--data-dir", str(data_root), "--member", "copy", "--format", "json", str(exported), "--yes"]
    assert cli.main(argv) == 0

    assert data_tables(data_root, "copy") == data_tables(data_root, "me")


def test_csv_export_import_round_trip(data_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(data_root, "me", "--conversations", "40")
    files = {}
    for kind in ("people-csv", "conversations-csv"):
        files[kind] = tmp_path / f"{kind}.csv"
        argv = ["export", "--data-dir", str(data_root), "--member", "me", "--format", kind]
        assert cli.main([*argv, "--output", str(files[kind])]) == 0
    for kind in ("people-csv", "conversations-csv"):
        argv = ["import", "--data-dir", str(data_root), "--member", "copy", "--format", kind, str(files[kind])]
        assert cli.main([*argv, "--yes"]) == 0
    capsys.readouterr()
    for kind in ("people-csv", "conversations-csv"):
        assert cli.main(["export", "--data-dir", str(data_root), "--member", "copy", "--format", kind]) == 0
        assert capsys.readouterr().out == files[kind].read_text()


def test_import_without_yes_writes_nothing(data_root: Path, tmp_path: Path) -> None:
    linkedin = tmp_path / "Connections.csv"
    linkedin.write_text(
        "Notes:\n"
        '"When exporting your connection data, you may notice that some of the email addresses are missing."\n'
        "\n"
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Dana,Whitlock,https://social.example/in/dana,,Harborview Data,Data Engineer,12 Mar 2024\n"
        "Omar,Sato,,,Kestrel Bank,Talent Partner,31 Feb 2024\n"
        "Lena,Novak,,,Summit Grid,Intern,02 Jan 2025\n",
        encoding="utf-8",
    )
    argv = ["import", "--data-dir", str(data_root), "--member", "me", "--format", "linkedin", str(linkedin)]

    result = run_cli(*argv)  # no terminal, no --yes
    assert result.returncode != 0
    assert "--yes" in result.stderr
    assert "2 new people" in result.stdout
    assert "row 6:" in result.stdout  # the bad date, by its line in the file
    assert not (data_root / "members" / "me.json").exists()

    result = run_cli(*argv, "--yes")
    assert result.returncode == 0, result.stderr
    names = sorted(p["name"] for p in tables(data_root, "me")["people"].values())
    assert names == ["Dana Whitlock", "Lena Novak"]


def test_import_preview_counts_skipped_rows_not_problems(data_root: Path, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        "name,role,organization\nDana Whitlock,colleague,Harborview Data\n,boss,Kestrel Bank\n", encoding="utf-8"
    )
    argv = ["import", "--data-dir", str(data_root), "--member", "me", "--format", "people-csv", str(people)]

    result = run_cli(*argv)

    assert "2 problems in 1 row(s)" in result.stdout, result.stdout
    assert "1 new person" in result.stdout or "1 new people" in result.stdout, result.stdout


class _Terminal:
    """Standard input as a person at a terminal has it."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "written"), [("y", True), ("n", False), ("", False)])
def test_import_at_a_terminal_asks_first(
    data_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str, written: bool
) -> None:
    people = tmp_path / "people.csv"
    people.write_text("name,role,organization\nDana Whitlock,colleague,Harborview Data\n", encoding="utf-8")
    prompts: list[str] = []
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr("builtins.input", lambda prompt: prompts.append(prompt) or answer)

    code = cli.main(["import", "--data-dir", str(data_root), "--member", "me", "--format", "people-csv", str(people)])

    assert prompts, "the person was asked"
    assert (code == 0) is written
    assert (data_root / "members" / "me.json").exists() is written


def test_import_into_a_member_with_data_is_refused(data_root: Path, tmp_path: Path) -> None:
    fill(data_root, "me", "--conversations", "20")
    exported = tmp_path / "me.json"
    cli.main(["export", "--data-dir", str(data_root), "--member", "me", "--output", str(exported)])
    before = (data_root / "members" / "me.json").read_bytes()
    argv = ["import", "--data-dir", str(data_root), "--member", "me", "--format", "json", str(exported), "--yes"]
    assert cli.main(argv) != 0
    assert (data_root / "members" / "me.json").read_bytes() == before


# ---------------------------------------------------------------- backup
def test_backup_folder_is_a_loadable_data_folder(data_root: Path, tmp_path: Path) -> None:
    fill(data_root, "me", "--conversations", "30")
    fill(data_root, "sam", "--conversations", "10")
    out = tmp_path / "backups"
    assert cli.main(["backup", "--data-dir", str(data_root), "--output", str(out)]) == 0
    (copy,) = out.iterdir()
    assert copy.name.startswith("netcoach-backup-")
    assert cli.main(["check", "--data-dir", str(copy)]) == 0
    for member in ("me", "sam"):
        assert data_tables(copy, member) == data_tables(data_root, member)


def test_backup_zip_holds_every_member(data_root: Path, tmp_path: Path) -> None:
    fill(data_root, "me", "--conversations", "10")
    out = tmp_path / "backups"
    assert cli.main(["backup", "--data-dir", str(data_root), "--output", str(out), "--zip"]) == 0
    (archive,) = out.glob("*.zip")
    with zipfile.ZipFile(archive) as opened:
        assert opened.namelist() == ["members/me.json"]
        assert json.loads(opened.read("members/me.json")) == tables(data_root, "me")


def test_backup_while_the_member_is_being_written(data_root: Path, tmp_path: Path) -> None:
    fill(data_root, "me", "--conversations", "30")
    svc = member_service(data_root, "me", today=lambda: TODAY)
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        while not stop.is_set():
            logged = svc.log_conversation({"date": DAY, "person_ids": [1], "learned": "x" * 500})
            written.append(logged.id or 0)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        for n in range(5):
            assert cli.main(["backup", "--data-dir", str(data_root), "--output", str(tmp_path / str(n))]) == 0
    finally:
        stop.set()
        thread.join()
    assert written
    for n in range(5):
        (copy,) = (tmp_path / str(n)).iterdir()
        assert len(data_tables(copy, "me")["conversations"]) >= 30  # a whole file, parsed


def test_check_names_every_broken_member_and_keeps_going(data_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(data_root, "good", "--conversations", "10")
    members = data_root / "members"
    (members / "garbled.json").write_bytes(b'{"people": ')
    (members / "stamped.json").write_text(json.dumps({META: {"1": {"schema": 0}}}))
    (members / "texted.json").write_text(json.dumps({META: {"1": {"schema": "x"}}}))
    (members / "boss.json").write_text(json.dumps({"people": {"1": {"name": "Ann", "role": "boss"}}}))
    (members / "folder.json").mkdir()
    before = {p.name: p.read_bytes() for p in members.glob("*.json") if p.is_file()}
    capsys.readouterr()

    assert cli.main(["check", "--data-dir", str(data_root)]) == 1

    captured = capsys.readouterr()
    broken = {line.split()[1].rstrip(":") for line in captured.err.splitlines() if line.startswith("BROKEN")}
    assert broken == {
        str(members / name) for name in ("garbled.json", "stamped.json", "texted.json", "boss.json", "folder.json")
    }
    assert "unknown schema stamp 0" in captured.err and "unknown schema stamp 'x'" in captured.err
    assert "people 1: role: 'boss' is not one of" in captured.err
    assert "folder.json is a folder" in captured.err
    assert "ok     good:" in captured.out
    assert "5 of 6 data files do not load" in captured.err
    assert {p.name: p.read_bytes() for p in members.glob("*.json") if p.is_file()} == before


def test_check_reads_a_member_file_of_any_size(data_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A long-kept member file is the member's own data, not an upload: no size limit applies."""
    members = data_root / "members"
    members.mkdir()
    big = {"people": {"1": {"name": "Ann", "scrapbook": "x" * (21 * 1024 * 1024)}}}
    (members / "me.json").write_text(json.dumps(big))
    assert cli.main(["check", "--data-dir", str(data_root)]) == 0
    captured = capsys.readouterr()
    assert "ok     me: 1 people" in captured.out
    assert captured.err == ""
    assert [p.name for p in member_service(data_root, "me").people()] == ["Ann"]


def test_check_names_records_that_load_but_break_the_rules(data_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(data_root, "me", "--conversations", "10")
    path = data_root / "members" / "me.json"
    data = json.loads(path.read_text())
    data["conversations"]["2"]["person_ids"] = [999]
    path.write_text(json.dumps(data))
    capsys.readouterr()
    assert cli.main(["check", "--data-dir", str(data_root)]) == 0, "every file loads"
    err = capsys.readouterr().err
    assert f"RULES  {path}: loads, but" in err and "conversations 2: person_ids: no person with id 999" in err


def test_backup_keeps_every_readable_member_and_names_each_one_left_out(
    data_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(data_root, "me", "--conversations", "10")
    fill(data_root, "sam", "--conversations", "5")
    members = data_root / "members"
    (members / "garbled.json").write_bytes(b"{")
    (members / "boss.json").write_text(json.dumps({"people": {"1": {"name": "Ann", "role": "boss"}}}))
    out = tmp_path / "backups"
    capsys.readouterr()

    assert cli.main(["backup", "--data-dir", str(data_root), "--output", str(out)]) == 1

    captured = capsys.readouterr()
    assert "Backed up 2 member(s)" in captured.out
    assert "not backed up: member 'boss'" in captured.err and "not backed up: member 'garbled'" in captured.err
    assert "2 member(s) left out because their files do not load: boss, garbled" in captured.err
    (copy,) = out.iterdir()
    assert sorted(p.name for p in (copy / "members").iterdir()) == ["me.json", "sam.json"]
    assert cli.main(["check", "--data-dir", str(copy)]) == 0


def test_a_backup_that_cannot_be_written_leaves_no_half_backup_and_says_why(
    data_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    fill(data_root, "me", "--conversations", "5")
    fill(data_root, "sam", "--conversations", "5")
    out = tmp_path / "backups"
    out.mkdir()
    real_replace = os.replace
    calls: list[int] = []

    def full_after_one(*args: object) -> None:
        calls.append(1)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", full_after_one)
    capsys.readouterr()
    assert cli.main(["backup", "--data-dir", str(data_root), "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert "the backup could not be written: The disk that holds your data is full. Nothing was saved." in err
    assert "Traceback" not in err
    assert list(out.iterdir()) == [], "half a backup must not be left behind"
