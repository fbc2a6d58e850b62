"""Members kept in PostgreSQL: what only a database store can meet, and the way in and out of one.

The promises both stores share are proven in test_store.py, test_concurrency.py
and test_crash.py on both; here are the database's own troubles (the server
away, a lock held too long, a connection cut), two app hosts on one database
with one killed mid-write, the command line against a database, and moving a
data folder into PostgreSQL and back without losing a record.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pg_cluster as pg_cluster_kit
import psycopg
import pytest
from store_backends import DatabaseBackend, FileBackend
from support import TODAY

from netcoach import cli
from netcoach.config import STORE_ENV
from netcoach.service import member_service
from netcoach.storage import (
    LockBusyError,
    ReadFailedError,
    WriteFailedError,
    data_dir,
    pg_connection,
    pg_store,
    waiting_notice,
)
from netcoach.storage.pg_connection import lock_id
from netcoach.storage.pg_folder import Database
from netcoach.team import Identity, Team, TeamRole

REPO = Path(__file__).resolve().parents[2]
DAY = TODAY.isoformat()


# ------------------------------------------------------------ faults
def test_a_database_that_cannot_be_reached_gives_a_plain_sentence_and_keeps_the_password_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pg_connection, "CONNECT_WAIT_S", 1.0)
    url = f"postgresql://coach:s3cret@127.0.0.1:{pg_cluster_kit.free_port()}/netcoach"
    svc = member_service(url, "me", today=lambda: TODAY)
    try:
        with pytest.raises(WriteFailedError) as on_write:
            svc.add_person({"name": "Ann"})
        assert str(on_write.value).endswith("Nothing was saved.")
        assert "cannot be reached" in str(on_write.value)
        with pytest.raises(ReadFailedError, match="cannot be reached"):
            svc.people()
        for error in (on_write.value,):
            assert "s3cret" not in str(error) and "***" in str(error)
    finally:
        data_dir(url).close()  # type: ignore[attr-defined]


def test_a_save_that_waits_too_long_for_the_row_gives_up_and_says_so_once(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc = member_service(postgres_url, "me", today=lambda: TODAY)
    svc.add_person({"name": "Ann"})
    monkeypatch.setattr(pg_store, "LOCK_TIMEOUT_S", 0.5)
    notes: list[str] = []
    token = waiting_notice.set(notes.append)
    try:
        with psycopg.connect(postgres_url, autocommit=True) as other_host:
            other_host.execute("SELECT pg_advisory_lock(%s)", (lock_id("members/me"),))
            started = time.monotonic()
            with pytest.raises(LockBusyError) as busy:
                svc.add_person({"name": "Bob"})
            assert time.monotonic() - started < 10
    finally:
        waiting_notice.reset(token)
    assert str(busy.value).endswith("Nothing was saved.")
    assert len(notes) == 1, "the wait is announced once"
    assert [p.name for p in svc.people()] == ["Ann"]
    svc.add_person({"name": "Bob"})  # the other host let go: saving works again
    assert [p.name for p in svc.people()] == ["Ann", "Bob"]


def test_a_row_locked_by_hand_at_psql_holds_a_save_up_only_for_the_stores_wait(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pg_connection, "LOCK_TIMEOUT_S", 0.5)  # before this process opens its pool
    svc = member_service(postgres_url, "me", today=lambda: TODAY)
    svc.add_person({"name": "Ann"})
    with psycopg.connect(postgres_url) as at_psql:
        at_psql.execute("SELECT doc FROM netcoach_documents WHERE key = 'members/me' FOR UPDATE")
        with pytest.raises(LockBusyError, match="Nothing was saved"):
            svc.add_person({"name": "Bob"})
        at_psql.rollback()
    assert [p.name for p in svc.people()] == ["Ann"]


def test_connections_cut_by_the_server_are_replaced_without_a_lost_save(postgres_url: str) -> None:
    svc = member_service(postgres_url, "me", today=lambda: TODAY)
    svc.add_person({"name": "Ann"})
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'netcoach' AND pid <> pg_backend_pid()"
        )
    svc.add_person({"name": "Bob"})
    assert [p.name for p in member_service(postgres_url, "me").people()] == ["Ann", "Bob"]


def test_an_unchanged_row_is_asked_only_for_its_version(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    svc = member_service(postgres_url, "me", today=lambda: TODAY)
    svc.add_person({"name": "Ann"})
    fetched: list[int] = []
    real_remember = pg_store.RowStorage.remember

    def counting(self: pg_store.RowStorage, data: object, version: int) -> None:
        fetched.append(version)
        real_remember(self, data, version)  # type: ignore[arg-type]

    monkeypatch.setattr(pg_store.RowStorage, "remember", counting)
    other = DatabaseBackend(postgres_url).second_store()
    for _ in range(5):
        with other.reading():
            pass
    assert len(fetched) == 1, "the document text crosses the wire once; later reads compare versions"
    svc.add_person({"name": "Bob"})
    with other.reading() as (_, tables):
        assert len(tables["people"]) == 2
    assert len(fetched) == 3  # the save's own, and the other host's one fetch of the new version


# ------------------------------------------------------------ two hosts, one killed
HOST = """
import datetime as dt, os, sys
from netcoach.service import member_service

url, tag = sys.argv[1], sys.argv[2]
svc = member_service(url, "me", today=lambda: dt.date(2026, 4, 15))
svc.people()
os.write(1, b"ready\\n")
i = 0
while True:
    marker = f"{tag}-{i}"
    new = [{"name": marker}] if i % 3 == 0 else []
    svc.log_conversation({"date": "2026-04-01", "person_ids": [1], "notes": marker}, new_people=new)
    os.write(1, f"ack {marker}\\n".encode())
    i += 1
"""


def _collect(proc: subprocess.Popen[str], acked: list[str], stop: threading.Event) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("ack "):
            acked.append(line.split()[1])
        if stop.is_set():
            break


@pytest.mark.slow
def test_two_hosts_on_one_database_lose_nothing_when_one_is_killed_mid_write(postgres_url: str) -> None:
    svc = member_service(postgres_url, "me", today=lambda: TODAY)
    svc.add_person({"name": "Ann"})
    env = {**os.environ, "PYTHONPATH": str(REPO), "OPENBLAS_NUM_THREADS": "1"}
    hosts = {
        tag: subprocess.Popen(
            [sys.executable, "-c", HOST, postgres_url, tag], stdout=subprocess.PIPE, text=True, env=env
        )
        for tag in ("a", "b")
    }
    acked: dict[str, list[str]] = {"a": [], "b": []}
    stop = threading.Event()
    try:
        for proc in hosts.values():
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        readers = [threading.Thread(target=_collect, args=(hosts[t], acked[t], stop), daemon=True) for t in hosts]
        for reader in readers:
            reader.start()
        deadline = time.monotonic() + 60
        while min(len(acked["a"]), len(acked["b"])) < 20 and time.monotonic() < deadline:
            time.sleep(0.02)
        hosts["a"].send_signal(signal.SIGKILL)  # it writes without pause: the kill lands mid-write
        hosts["a"].wait(timeout=30)
        killed_at = len(acked["b"])
        while len(acked["b"]) < killed_at + 20 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(acked["b"]) >= killed_at + 20, "the surviving host was held up by the killed one's lock"
    finally:
        stop.set()
        for proc in hosts.values():
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=30)

    stored = DatabaseBackend(postgres_url).tables()
    notes = {doc["notes"] for doc in stored["conversations"].values()}
    for tag in ("a", "b"):
        lost = [m for m in acked[tag] if m not in notes]
        assert lost == [], f"host {tag}: confirmed writes lost: {lost[:5]}"
    people = {int(i) for i in stored["people"]}
    assert all(set(c["person_ids"]) <= people for c in stored["conversations"].values())
    assert data_dir(postgres_url).check() == []
    member_service(postgres_url, "me", today=lambda: TODAY).log_conversation(
        {"date": "2026-04-02", "person_ids": [1], "notes": "after the kill"}
    )


# ------------------------------------------------------------ the team document
def test_the_team_document_lives_in_the_database_too(postgres_url: str) -> None:
    team = Team(data_dir(postgres_url), today=lambda: TODAY)
    ann = Identity(issuer="https://id.example", subject="1", email="ann@example.com", name="Ann")
    membership = team.sign_in(ann, TeamRole.MEMBER)
    other_host = Database(postgres_url)
    try:
        assert [m.email for m in Team(other_host, today=lambda: TODAY).members()] == ["ann@example.com"]
    finally:
        other_host.close()
    assert data_dir(postgres_url).check() == []
    assert membership.member_id


# ------------------------------------------------------------ the command line
def test_the_command_line_works_on_a_database(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["demo", "--data-dir", postgres_url, "--member", "me", "--today", DAY]) == 0
    assert "Database:" in capsys.readouterr().out
    assert cli.main(["check", "--data-dir", postgres_url]) == 0
    assert "ok     me:" in capsys.readouterr().out

    exported = tmp_path / "me.json"
    assert cli.main(["export", "--data-dir", postgres_url, "--member", "me", "--output", str(exported)]) == 0
    assert (
        cli.main(["import", "--data-dir", postgres_url, "--member", "copy", "--format", "json", "--yes", str(exported)])
        == 0
    )
    original = member_service(postgres_url, "me").export_json()
    assert member_service(postgres_url, "copy").export_json() == original

    assert cli.main(["backup", "--data-dir", postgres_url, "--output", str(tmp_path / "snap")]) == 0
    (snapshot,) = (tmp_path / "snap").iterdir()
    assert sorted(p.name for p in (snapshot / "members").iterdir()) == ["copy.json", "me.json"]
    assert member_service(snapshot, "me").export_json() == original

    DatabaseBackend(postgres_url).put_raw(b'{"people": ', "broken")
    capsys.readouterr()
    assert cli.main(["check", "--data-dir", postgres_url]) == 1
    err = capsys.readouterr().err
    assert "BROKEN database/members/broken" in err and "not valid JSON" in err
    assert DatabaseBackend(postgres_url).raw("broken") == b'{"people": '


def test_netcoach_store_picks_the_database_for_the_command_line(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(STORE_ENV, postgres_url)
    assert cli.main(["demo", "--member", "me", "--today", DAY, "--conversations", "5"]) == 0
    assert DatabaseBackend(postgres_url).raw("me") is not None


def test_migrate_moves_a_data_folder_into_postgresql_and_back_losslessly(
    data_root: Path, postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for member in ("ann", "bob"):
        assert cli.main(["demo", "--data-dir", str(data_root), "--member", member, "--today", DAY]) == 0
    Team(data_dir(data_root), today=lambda: TODAY).sign_in(
        Identity(issuer="https://id.example", subject="1", email="ann@example.com", name="Ann"), TeamRole.MEMBER
    )
    files = FileBackend(data_root)
    before = {m: files.raw(m) for m in ("ann", "bob")}
    team_before = json.loads((data_root / "team.json").read_bytes())
    capsys.readouterr()

    assert cli.main(["migrate", "--from", str(data_root), "--to", postgres_url]) == 0
    said = capsys.readouterr().out
    assert "Copied 2 member(s) and the team document" in said and "read back equal" in said
    rows = DatabaseBackend(postgres_url)
    for member, raw in before.items():
        assert raw is not None and json.loads(rows.raw(member) or b"") == json.loads(raw)
    assert [p.name for p in member_service(postgres_url, "ann").people()] == [
        p.name for p in member_service(data_root, "ann").people()
    ]

    # A target that holds members is left alone unless told.
    assert cli.main(["migrate", "--from", str(data_root), "--to", postgres_url]) == 1
    assert "already holds 3 document(s); nothing was copied" in capsys.readouterr().err
    member_service(postgres_url, "ann").add_person({"name": "Added on the database"})
    assert cli.main(["migrate", "--from", str(data_root), "--to", postgres_url, "--replace"]) == 0
    assert "Added on the database" not in {p.name for p in member_service(postgres_url, "ann").people()}
    member_service(postgres_url, "ann").add_person({"name": "Added on the database"})

    back = tmp_path / "back"
    assert cli.main(["migrate", "--from", postgres_url, "--to", str(back)]) == 0
    assert sorted(p.name for p in (back / "members").glob("*.json")) == ["ann.json", "bob.json"]
    assert json.loads((back / "members" / "bob.json").read_bytes()) == json.loads(before["bob"] or b"")
    assert json.loads((back / "team.json").read_bytes()) == team_before
    assert "Added on the database" in {p.name for p in member_service(back, "ann").people()}
    assert cli.main(["check", "--data-dir", str(back)]) == 0


def test_migrate_refuses_a_source_holding_a_broken_document(
    data_root: Path, postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    member_service(data_root, "good").add_person({"name": "Ann"})
    FileBackend(data_root).put_raw(b"{", "bad")
    assert cli.main(["migrate", "--from", str(data_root), "--to", postgres_url]) == 1
    assert "do not load" in capsys.readouterr().err
    assert DatabaseBackend(postgres_url).raw("good") is None


def test_a_store_error_names_no_traceback_on_the_shell(postgres_url: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "netcoach", "export", "--data-dir", postgres_url, "--member", "nobody"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "no member 'nobody'" in done.stderr
