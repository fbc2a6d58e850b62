"""A writer killed at any moment never costs a write it had confirmed.

A long-lived helper process imports netcoach once and forks a fresh writer
for every round, so each of the many kills costs milliseconds, not an
interpreter start. The writer prints a marker only after `log_conversation`
returned; the test kills it with SIGKILL at a random moment and then checks
that the file loads and holds every printed marker.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from store_backends import Backend
from support import TODAY

from netcoach.service import member_service
from netcoach.storage import data_dir

REPO = Path(__file__).resolve().parents[2]
KILLS = 110

SPAWNER = """
import datetime as dt, os, sys
from netcoach import storage
from netcoach.service import member_service

def say(text):
    # One os.write per line: the writer shares this pipe, and a line written in
    # pieces could be split by its acknowledgements.
    os.write(1, (text + "\\n").encode())

root = sys.argv[1]
storage.data_dir(root)  # imports what this location needs (a database driver, say) once, before any fork
storage.forget_data_dirs()
say("ready")
for line in sys.stdin:
    round_no = int(line)
    pid = os.fork()
    if pid == 0:
        storage.forget_data_dirs()
        svc = member_service(root, "me", today=lambda: dt.date(2026, 4, 15))
        i = 0
        while True:
            marker = f"r{round_no}-{i}"
            new = [{"name": marker}] if i % 3 == 0 else []
            svc.log_conversation({"date": "2026-04-01", "person_ids": [1], "notes": marker}, new_people=new)
            say(f"ack {marker}")  # one write: a kill cannot split the line
            i += 1
    say(f"child {pid}")
    os.waitpid(pid, 0)
    say("reaped")
"""
DEADLINE_S = 150


def stop_all(spawner: subprocess.Popen[str]) -> None:
    """Kill the helper and any writer it forked (they share its process group)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(spawner.pid, signal.SIGKILL)


def read_until(stream: object, prefix: str, acked: list[str]) -> str:
    """Collect acknowledgements until a line starting with `prefix` arrives."""
    while True:
        line = stream.readline()  # type: ignore[attr-defined]
        if not line:
            raise AssertionError(f"the writer process ended while waiting for {prefix!r}")
        if line.startswith("ack "):
            acked.append(line.split()[1])
        elif line.startswith(prefix):
            return line


def check_file(backend: Backend, acked: list[str], round_no: int) -> int:
    """The document loads, holds every acknowledged marker, and no conversation points at nobody."""
    stored = backend.tables()
    conversations = stored.get("conversations", {})  # none yet if the first write was cut short
    notes = {doc["notes"] for doc in conversations.values()}
    lost = [m for m in acked if m not in notes]
    assert lost == [], f"after kill {round_no}: acknowledged writes lost: {lost[:5]}"
    people = {int(i) for i in stored["people"]}
    dangling = [c for c in conversations.values() if not set(c["person_ids"]) <= people]
    assert dangling == [], f"after kill {round_no}: a conversation was saved without its new person"
    return len(conversations)


@pytest.mark.slow
def test_a_writer_killed_at_random_moments_never_loses_an_acknowledged_write(store_backend: Backend) -> None:
    data_root = store_backend.root
    svc = member_service(data_root, "me", today=lambda: TODAY)
    assert svc.add_person({"name": "Ann"}).id == 1
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)

    env = {**os.environ, "PYTHONPATH": str(REPO), "OPENBLAS_NUM_THREADS": "1"}
    spawner = subprocess.Popen(
        [sys.executable, "-c", SPAWNER, str(data_root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # the writers share its process group: one signal ends them all
    )
    assert spawner.stdin is not None and spawner.stdout is not None
    # Should anything wedge, end the writers: reading then stops with a clear failure, not a hang.
    watchdog = threading.Timer(DEADLINE_S, stop_all, args=(spawner,))
    watchdog.start()
    acked: list[str] = []
    rounds_with_writes = 0
    try:
        assert spawner.stdout.readline().strip() == "ready"
        for round_no in range(KILLS):
            before = len(acked)
            spawner.stdin.write(f"{round_no}\n")
            spawner.stdin.flush()
            child = int(read_until(spawner.stdout, "child ", acked).split()[1])
            time.sleep(rng.uniform(0.005, 0.06))
            os.kill(child, signal.SIGKILL)
            read_until(spawner.stdout, "reaped", acked)
            stored = check_file(store_backend, acked, round_no)
            assert stored >= len(acked), f"seed {seed}"
            rounds_with_writes += len(acked) > before
    finally:
        watchdog.cancel()
        spawner.stdin.close()
        try:
            spawner.wait(timeout=30)
        finally:
            stop_all(spawner)

    assert rounds_with_writes >= 10, "the writer should get writes done in many rounds"
    # Temp files a kill left behind do not stand in the way of the data.
    assert data_dir(data_root).check() == []
    fresh = member_service(data_root, "me", today=lambda: TODAY)
    assert {c.notes for c in fresh.conversations()} >= set(acked)
    fresh.log_conversation({"date": "2026-04-02", "person_ids": [1], "notes": "after the crashes"})
    assert fresh.conversations()[0].notes == "after the crashes"
