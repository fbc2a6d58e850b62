"""The store as TinyDB's users see it: ids, copies, failed writes, and a model it must always agree with.

TinyDB's own test suite (inserts, updates with operations, removes, truncates,
query caches, document ids) was the checklist here: each story below is one
of its cases that failed on this storage, told as what a person would notice.
The state machine at the end drives two handles on one file and a second
process at random and compares everything with a plain in-memory model.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from store_backends import Backend
from support import TODAY
from tinydb import Query
from tinydb.operations import add
from tinydb.table import Document

from netcoach import transfer
from netcoach.models import META
from netcoach.service import MemberService, member_service
from netcoach.storage import (
    CorruptFileError,
    MemberStore,
    WriteFailedError,
    data_dir,
    load_json_file,
    marks_of,
)

REPO = Path(__file__).resolve().parents[2]


def member_file(root: Path) -> Path:
    return root / "members" / "me.json"


def second_handle(root: Path) -> MemberStore:
    """Another store on the same file: what a second server process holds."""
    return MemberStore(member_file(root), root / "backups" / "me")


def run_python(code: str, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def data_of(tables: dict[str, Any]) -> dict[str, Any]:
    return {name: table for name, table in tables.items() if name != META and table}


# ---------------------------------------------------------------- ids are never reused
def test_deleting_the_newest_person_does_not_give_their_id_to_the_next_one(any_svc: MemberService) -> None:
    svc = any_svc
    ann = svc.add_person({"name": "Ann"})
    bob = svc.add_person({"name": "Bob"})
    svc.delete_person(bob.id or 0)
    cleo = svc.add_person({"name": "Cleo"})
    assert (ann.id, bob.id, cleo.id) == (1, 2, 3), "a stale page pointing at Bob must not reach Cleo"


def test_starting_over_does_not_reuse_any_id(any_svc: MemberService) -> None:
    svc = any_svc
    for name in ("Ann", "Bob", "Cleo"):
        svc.add_person({"name": name})
    svc.erase_all()
    assert svc.add_person({"name": "Dan"}).id == 4


def test_two_handles_on_one_file_share_the_high_water_mark(store_backend: Backend, any_svc: MemberService) -> None:
    svc = any_svc
    svc.add_person({"name": "Ann"})
    newest = svc.add_person({"name": "Bob"})
    other = MemberService(store_backend.second_store(), today=lambda: TODAY)
    other.delete_person(newest.id or 0)
    assert svc.add_person({"name": "Cleo"}).id == 3
    assert other.add_person({"name": "Dan"}).id == 4


def test_another_process_never_gets_an_id_this_one_deleted(store_backend: Backend, any_svc: MemberService) -> None:
    svc = any_svc
    for name in ("Ann", "Bob", "Cleo"):
        svc.add_person({"name": name})
    svc.delete_person(3)
    new_id = run_python(
        "import sys; from netcoach.service import member_service; "
        "print(member_service(sys.argv[1], 'me').add_person({'name': 'Dan'}).id)",
        str(store_backend.root),
    )
    assert new_id == "4"
    svc.delete_person(4)
    assert svc.add_person({"name": "Eve"}).id == 5


def test_an_old_file_without_a_mark_starts_from_its_highest_id(store_backend: Backend) -> None:
    store_backend.put_tables({"people": {"1": {"name": "Ann"}, "7": {"name": "Gus"}}})
    svc = member_service(store_backend.root, "me", today=lambda: TODAY)
    svc.delete_person(7)
    assert svc.add_person({"name": "Hal"}).id == 8
    assert marks_of(store_backend.tables())["people"] == 8


def test_a_json_restore_brings_its_ids_and_the_mark_follows(tmp_path: Path) -> None:
    source = member_service(tmp_path / "a", "me", today=lambda: TODAY)
    for name in ("Ann", "Bob", "Cleo"):
        source.add_person({"name": name})
    target = member_service(tmp_path / "b", "me", today=lambda: TODAY)
    plan = target.preview_import("json", json.dumps(source.export_json()))
    target.apply_import(plan)
    target.delete_person(3)
    assert target.add_person({"name": "Dan"}).id == 4


def test_restoring_a_backup_keeps_the_ids_handed_out_after_it(store_root: Path | str, any_svc: MemberService) -> None:
    svc = any_svc
    svc.add_person({"name": "Ann"})
    member = data_dir(store_root).store("me")
    backup = member.backup_now("kept")
    assert backup is not None
    svc.add_person({"name": "Bob"})
    svc.add_person({"name": "Cleo"})
    member.restore(backup)
    assert [p.name for p in svc.people()] == ["Ann"]
    assert svc.add_person({"name": "Dan"}).id == 4, "Bob's and Cleo's ids were handed out; they stay used"


# ---------------------------------------------------------------- what TinyDB's tests caught
def test_a_value_json_cannot_hold_leaves_no_phantom_inside_a_transaction(data_root: Path, svc: MemberService) -> None:
    svc.add_person({"name": "Ann"})
    member = data_dir(data_root).store("me")
    before = member_file(data_root).read_bytes()
    with member.transaction() as db:
        with pytest.raises(WriteFailedError, match="could not be stored"):
            db.table("people").insert({"name": "Bob", "tags": {"a", "set"}})
        assert len(db.table("people")) == 1, "the failed insert must not linger in the change"
        db.table("people").insert({"name": "Cleo"})
    people = load_json_file(member_file(data_root))["people"]
    assert sorted(p["name"] for p in people.values()) == ["Ann", "Cleo"]
    assert before != member_file(data_root).read_bytes()


def test_a_value_json_cannot_hold_leaves_no_phantom_outside_a_transaction(data_root: Path) -> None:
    member = second_handle(data_root)
    people = member.db.table("people")
    people.insert({"name": "Ann"})
    with pytest.raises(WriteFailedError):
        people.insert({"name": "Bob", "met": dt.date(2026, 1, 1)})
    with pytest.raises(WriteFailedError):
        people.update({"name": float("nan")}, doc_ids=[1])
    assert [d["name"] for d in people.all()] == ["Ann"]
    people.insert({"name": "Cleo"})
    assert [d["name"] for d in people.all()] == ["Ann", "Cleo"]
    stored = load_json_file(member_file(data_root))["people"]
    assert [v["name"] for v in stored.values()] == ["Ann", "Cleo"]


def test_changing_a_list_in_a_document_handed_out_does_not_reach_the_file(data_root: Path) -> None:
    member = second_handle(data_root)
    people = member.db.table("people")
    people.insert({"name": "Ann", "tags": ["mentor"]})
    handed_out = people.get(doc_id=1)
    assert handed_out is not None
    handed_out["tags"].append("changed by a page")
    people.all()[0]["tags"].append("and by another")
    people.search(Query().name == "Ann")[0]["tags"].clear()
    member.db.table("notes").insert({"text": "unrelated"})  # an unrelated save
    assert load_json_file(member_file(data_root))["people"]["1"]["tags"] == ["mentor"]
    assert people.get(doc_id=1)["tags"] == ["mentor"]


def test_a_list_given_to_insert_and_changed_afterwards_is_not_saved_later(data_root: Path) -> None:
    member = second_handle(data_root)
    tags = ["mentor"]
    member.db.table("people").insert({"name": "Ann", "tags": tags})
    tags.append("changed after the save")
    member.db.table("notes").insert({"text": "unrelated"})
    assert load_json_file(member_file(data_root))["people"]["1"]["tags"] == ["mentor"]


def test_memory_holds_what_the_file_holds_so_queries_agree_with_a_fresh_process(data_root: Path) -> None:
    member = second_handle(data_root)
    people = member.db.table("people")
    people.insert({"name": "Ann", "tags": ("a", "b"), "scores": {1: "one"}})
    people.update(add("tags", ["c"]), doc_ids=[1])  # TinyDB's operations change lists in place
    here = people.search(Query().tags == ["a", "b", "c"])
    assert [d["scores"] for d in here] == [{"1": "one"}]
    with member.reading() as (_, tables):
        assert tables["people"] == load_json_file(member_file(data_root))["people"]
    there = run_python(
        "import sys, json; from pathlib import Path; from tinydb import Query; "
        "from netcoach.storage import MemberStore; "
        "s = MemberStore(Path(sys.argv[1]), Path(sys.argv[2])); "
        "print(json.dumps([dict(d) for d in s.db.table('people').search(Query().tags == ['a', 'b', 'c'])]))",
        str(member_file(data_root)),
        str(data_root / "b"),
    )
    assert json.loads(there) == [dict(d) for d in here]


def test_a_query_answered_before_another_process_changed_the_file_is_asked_again(store_backend: Backend) -> None:
    ours, theirs = store_backend.second_store(), store_backend.second_store()
    ours.db.table("people").insert({"name": "Ann", "team": "data"})
    assert len(ours.db.table("people").search(Query().team == "data")) == 1
    theirs.db.table("people").insert({"name": "Bob", "team": "data"})
    assert len(ours.db.table("people").search(Query().team == "data")) == 2


def test_another_thread_never_reads_a_change_that_is_still_being_made(store_backend: Backend) -> None:
    member = store_backend.second_store()
    member.db.table("notes").insert({"text": "saved"})
    seen: list[list[str]] = []
    reader = threading.Thread(target=lambda: seen.append([d["text"] for d in member.db.table("notes").all()]))
    with pytest.raises(RuntimeError), member.transaction() as db:
        db.table("notes").insert({"text": "half made"})
        reader.start()
        reader.join(timeout=0.3)  # the reader waits for the change to finish
        raise RuntimeError("the change fails")
    reader.join()
    assert seen == [["saved"]]


@pytest.mark.parametrize("bad_id", ["abc", "0", "01", "-3", " 2", "1.5", "٣"])
def test_a_record_id_that_is_not_a_whole_number_is_refused_by_name(data_root: Path, bad_id: str) -> None:
    path = member_file(data_root)
    path.parent.mkdir(parents=True)
    content = json.dumps({"people": {"1": {"name": "Ann"}, bad_id: {"name": "Odd"}}}).encode()
    path.write_bytes(content)
    svc = member_service(data_root, "me", today=lambda: TODAY)
    with pytest.raises(CorruptFileError, match="not a whole number") as error:
        svc.people()
    assert str(path) in str(error.value)
    with pytest.raises(CorruptFileError):
        svc.add_person({"name": "Bob"})
    assert path.read_bytes() == content


def test_dropping_a_table_keeps_its_ids_used(data_root: Path) -> None:
    member = second_handle(data_root)
    member.db.table("notes").insert_multiple([{"n": 1}, {"n": 2}])
    member.db.drop_table("notes")
    assert member.db.table("notes").insert({"n": 3}) == 3


def test_tinydbs_own_promises_still_hold_on_this_storage(data_root: Path) -> None:
    """The table API behaves as TinyDB documents it: returned ids, refusals, upsert by id, lookups."""
    member = second_handle(data_root)
    notes = member.db.table("notes")
    assert notes.insert_multiple([{"n": 1}, {"n": 2}, {"n": 3}]) == [1, 2, 3]
    with pytest.raises(ValueError, match="already exists"):
        notes.insert(Document({"n": 9}, doc_id=2))
    with pytest.raises(ValueError, match="not a Mapping"):
        notes.insert("not a document")  # type: ignore[arg-type]
    assert notes.update({"seen": True}, Query().n >= 2) == [2, 3]
    assert notes.update({"seen": False}, doc_ids=[1, 42]) == [1]
    assert notes.upsert(Document({"n": 20}, doc_id=2)) == [2]
    assert notes.upsert(Document({"n": 7}, doc_id=7)) == [7]
    assert notes.insert({"n": 8}) == 8
    assert [d.doc_id for d in notes.get(doc_ids=[1, 7, 99])] == [1, 7]
    assert notes.contains(doc_id=7) and not notes.contains(doc_id=99)
    assert notes.count(Query().seen == True) == 2  # noqa: E712 - a TinyDB query, not a comparison
    assert notes.remove(Query().n > 5) == [2, 7, 8]
    assert len(notes) == 2
    assert {d.doc_id: d["n"] for d in notes} == {1: 1, 3: 3}
    stored = load_json_file(member_file(data_root))["notes"]
    assert {k: v["n"] for k, v in stored.items()} == {"1": 1, "3": 3}
    assert marks_of(load_json_file(member_file(data_root)))["notes"] == 8


# ---------------------------------------------------------------- the model
WORKER = """
import json, sys
from pathlib import Path
from netcoach.storage import MemberStore

store = None
for line in sys.stdin:
    op = json.loads(line)
    if op["op"] == "open":
        store = MemberStore(Path(op["path"]), Path(op["path"] + ".backups"))
        print(json.dumps({"ok": None}), flush=True)
        continue
    with store.transaction() as db:
        table = db.table(op.get("table", "notes"))
        if op["op"] == "insert":
            result = table.insert(op["doc"])
        elif op["op"] == "update":
            result = table.update(op["doc"], doc_ids=[op["id"]])
        elif op["op"] == "remove":
            result = table.remove(doc_ids=[op["id"]])
        elif op["op"] == "truncate":
            result = table.truncate()
        else:
            result = {name: {str(d.doc_id): dict(d) for d in db.table(name).all()} for name in op["tables"]}
    print(json.dumps({"ok": result}), flush=True)
"""


class Worker:
    """A second interpreter applying the same operations through its own store."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def ask(self, **op: Any) -> Any:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(op) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        assert answer, "the second process ended"
        return json.loads(answer)["ok"]

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def worker() -> Iterator[Worker]:
    running = Worker()
    yield running
    running.close()


TABLES = ("notes", "people")
HANDLES = ("first", "second", "process")
docs = st.fixed_dictionaries(
    {"name": st.text(alphabet="abcé", max_size=3)},
    optional={
        "n": st.integers(-3, 3),
        "tags": st.lists(st.text(alphabet="xy", max_size=2), max_size=2).map(tuple),
        "more": st.dictionaries(st.sampled_from([1, "k"]), st.booleans(), max_size=1),
    },
)


def as_json(value: Any) -> Any:
    return json.loads(json.dumps(value))


def make_machine(worker: Worker, base: Path) -> type[RuleBasedStateMachine]:
    class StoreAgainstModel(RuleBasedStateMachine):
        """Two handles in this process and one in another, against a dict of dicts."""

        @initialize()
        def open_file(self) -> None:
            folder = Path(tempfile.mkdtemp(dir=base))
            self.path = folder / "me.json"
            self.stores = {name: MemberStore(self.path, folder / name) for name in ("first", "second")}
            worker.ask(op="open", path=str(self.path))
            self.model: dict[str, dict[int, dict[str, Any]]] = {name: {} for name in TABLES}
            self.issued: dict[str, list[int]] = {name: [] for name in TABLES}

        def apply(self, handle: str, **op: Any) -> Any:
            if handle == "process":
                return worker.ask(**op)
            with self.stores[handle].transaction() as db:
                table = db.table(op["table"])
                if op["op"] == "insert":
                    return table.insert(op["doc"])
                if op["op"] == "update":
                    return table.update(op["doc"], doc_ids=[op["id"]])
                if op["op"] == "remove":
                    return table.remove(doc_ids=[op["id"]])
                return table.truncate()

        @rule(handle=st.sampled_from(HANDLES), table=st.sampled_from(TABLES), doc=docs)
        def insert(self, handle: str, table: str, doc: dict[str, Any]) -> None:
            new_id = self.apply(handle, op="insert", table=table, doc=doc)
            assert all(new_id > old for old in self.issued[table]), f"id {new_id} after {self.issued[table]}"
            self.issued[table].append(new_id)
            self.model[table][new_id] = as_json(doc)

        @rule(handle=st.sampled_from(HANDLES), table=st.sampled_from(TABLES), doc=docs, pick=st.integers(0, 9))
        def update(self, handle: str, table: str, doc: dict[str, Any], pick: int) -> None:
            ids = sorted(self.model[table]) or [99]
            doc_id = ids[pick % len(ids)]
            self.apply(handle, op="update", table=table, doc=doc, id=doc_id)
            if doc_id in self.model[table]:
                self.model[table][doc_id].update(as_json(doc))

        @rule(handle=st.sampled_from(HANDLES), table=st.sampled_from(TABLES), pick=st.integers(0, 9))
        def remove(self, handle: str, table: str, pick: int) -> None:
            ids = sorted(self.model[table]) or [99]
            doc_id = ids[pick % len(ids)]
            self.apply(handle, op="remove", table=table, id=doc_id)
            self.model[table].pop(doc_id, None)

        @rule(handle=st.sampled_from(HANDLES), table=st.sampled_from(TABLES))
        def truncate(self, handle: str, table: str) -> None:
            self.apply(handle, op="truncate", table=table)
            self.model[table].clear()

        @rule(handle=st.sampled_from(("first", "second")), table=st.sampled_from(TABLES))
        def meddle_with_what_was_handed_out(self, handle: str, table: str) -> None:
            for doc in self.stores[handle].db.table(table).all():
                doc["name"] = "meddled"
                doc.setdefault("tags", []).append("meddled")

        @rule(handle=st.sampled_from(("first", "second")), table=st.sampled_from(TABLES))
        def fail_to_insert(self, handle: str, table: str) -> None:
            try:
                self.stores[handle].db.table(table).insert({"name": "x", "bad": {1, 2}})
            except WriteFailedError:
                return
            raise AssertionError("a set was saved")

        def expected(self) -> dict[str, dict[str, Any]]:
            return {name: {str(k): v for k, v in docs.items()} for name, docs in self.model.items() if docs}

        @invariant()
        def everyone_agrees_with_the_model(self) -> None:
            if not hasattr(self, "model"):
                return
            expected = self.expected()
            for name, member in self.stores.items():
                with member.reading() as (_, tables):
                    assert data_of(tables) == expected, f"{name} handle (reading)"
                seen = {t: {str(d.doc_id): dict(d) for d in member.db.table(t).all()} for t in TABLES}
                assert data_of(seen) == expected, f"{name} handle (TinyDB)"
            assert data_of(load_json_file(self.path) or {}) == expected, "a fresh read of the file"
            assert data_of(worker.ask(op="read", tables=list(TABLES))) == expected, "the other process"

    return StoreAgainstModel


def test_the_store_agrees_with_a_plain_model_through_two_handles_and_a_second_process(
    worker: Worker, tmp_path: Path
) -> None:
    machine = make_machine(worker, tmp_path)
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=12,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
            database=None,
        ),
    )


def test_the_json_export_never_shows_the_id_counters(svc: MemberService) -> None:
    svc.add_person({"name": "Ann"})
    assert META not in svc.export_json()["tables"]
    assert set(svc.export_json()["tables"]) == set(transfer.PARSERS)
