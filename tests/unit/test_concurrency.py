"""Several sessions and processes logging for one member at once lose nothing.

TinyDB alone would let two writers read the same file, each add a
conversation with the same next id, and the last one to save wins. Every
write here is acknowledged with the id it got; afterwards every acknowledged
conversation must be in the file, under that id, with its own note.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from store_backends import Backend
from support import TODAY

from netcoach.service import member_service
from netcoach.storage import data_dir

REPO = Path(__file__).resolve().parents[2]
THREADS = 8
PROCESSES = 4
WRITES_EACH = 25

# A separate interpreter: its own DataDir, locks and TinyDB caches, like a second server.
WRITER = """
import datetime as dt, sys
from netcoach.service import member_service

root, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
svc = member_service(root, "me", today=lambda: dt.date(2026, 4, 15))
print("ready", flush=True)
sys.stdin.readline()
for i in range(count):
    marker = f"{tag}-{i}"
    new = [{"name": marker}] if i % 4 == 0 else []
    logged = svc.log_conversation({"date": "2026-04-01", "person_ids": [1], "notes": marker}, new_people=new)
    print(logged.id, marker, flush=True)
"""


def log_many(root: Path | str, tag: str, acks: list[tuple[int, str]], start: threading.Event) -> None:
    """One session: its own service object, the process-wide store handle."""
    svc = member_service(root, "me", today=lambda: TODAY)
    start.wait()
    for i in range(WRITES_EACH):
        marker = f"{tag}-{i}"
        new = [{"name": marker}] if i % 4 == 0 else []
        logged = svc.log_conversation({"date": "2026-04-01", "person_ids": [1], "notes": marker}, new_people=new)
        assert logged.id is not None
        acks.append((logged.id, marker))


def test_eight_threads_and_four_processes_logging_at_once_lose_no_acknowledged_write(store_backend: Backend) -> None:
    data_root = store_backend.root
    svc = member_service(data_root, "me", today=lambda: TODAY)
    assert svc.add_person({"name": "Ann"}).id == 1

    env = {**os.environ, "PYTHONPATH": str(REPO), "OPENBLAS_NUM_THREADS": "1"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_root), f"proc{n}", str(WRITES_EACH)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(PROCESSES)
    ]
    try:
        for proc in processes:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"

        start = threading.Event()
        acks: list[tuple[int, str]] = []
        threads = [
            threading.Thread(target=log_many, args=(data_root, f"thread{n}", acks, start)) for n in range(THREADS)
        ]
        for thread in threads:
            thread.start()
        for proc in processes:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        start.set()
        for thread in threads:
            thread.join(timeout=120)
            assert not thread.is_alive()
        for proc in processes:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
            for line in out.splitlines():
                conversation_id, marker = line.split()
                acks.append((int(conversation_id), marker))
    finally:
        for proc in processes:
            if proc.poll() is None:
                proc.kill()
                proc.wait()

    total = (THREADS + PROCESSES) * WRITES_EACH
    assert len(acks) == total, "a thread failed: some writes were never acknowledged"
    ids = [conversation_id for conversation_id, _ in acks]
    assert len(set(ids)) == total, "two writers were handed the same conversation id"

    stored = store_backend.tables()
    conversations = stored["conversations"]
    missing = [(i, m) for i, m in acks if conversations.get(str(i), {}).get("notes") != m]
    assert missing == [], f"{len(missing)} acknowledged writes are not in the file, e.g. {missing[:3]}"
    assert len(conversations) == total

    # Every new person made alongside a conversation is there too, and each conversation points at them.
    people = {doc["name"]: int(doc_id) for doc_id, doc in stored["people"].items()}
    new_people = [m for _, m in acks if int(m.rsplit("-", 1)[1]) % 4 == 0]
    assert sorted(people) == sorted(["Ann", *new_people])
    for conversation_id, marker in acks:
        expected = [1, people[marker]] if marker in people else [1]
        assert conversations[str(conversation_id)]["person_ids"] == expected

    assert data_dir(data_root).check() == []
    fresh = member_service(data_root, "me", today=lambda: TODAY)
    assert len(fresh.conversations()) == total
