"""How the member store's writes and reads compare with their floors, in one run.

Absolute times depend on the disk, so every figure that matters is a ratio of
two medians measured side by side in this run: our write against the bare
cost of durably writing the same JSON, a write beside 200 busy members against
a write alone, a plain single-file TinyDB against ours, and a cached read
against a first read. A fresh process's first write (which checks that every
record of the file loads) is shown beside its second (which checks only the
change). The same member kept as a PostgreSQL row is timed against the file
(`pg_write_vs_file_write`), on a server given with --postgresql or one started
here from Debian's package (durable settings: fsync on, as the file's writes
are); without one that figure is left out. Prints `name: value` lines; exits 0
whether or not the targets are met (this measures, it does not judge).

    python bench/store_bench.py            # full run, about a minute
    python bench/store_bench.py --quick    # small and fast, for the test suite
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import functools
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from tinydb import TinyDB

from netcoach import sample
from netcoach.models import META, SCHEMA_VERSION
from netcoach.service import MemberService
from netcoach.storage import DataDir, load_json_file

MEMBER = "me"
TARGETS: dict[str, tuple[str, float]] = {
    "write_vs_floor": ("<=", 1.5),
    "team_size_effect": ("<=", 1.2),
    "vs_naive_tinydb": (">=", 20.0),
    "cached_read_ratio": ("<=", 0.1),
    "pg_write_vs_file_write": ("<=", 1.5),
}


@dataclasses.dataclass(frozen=True)
class Config:
    member_conversations: int = 1000
    others: int = 200
    other_conversations: int = 500
    reps: int = 41
    naive_reps: int = 7
    read_reps: int = 31
    demo_conversations: int = 5000


QUICK = Config(
    member_conversations=150,
    others=8,
    other_conversations=40,
    reps=5,
    naive_reps=3,
    read_reps=5,
    demo_conversations=300,
)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def one_conversation(today: dt.date, n: int) -> dict[str, Any]:
    """A typical logged conversation, a little different each time."""
    return {
        "date": today.isoformat(),
        "person_ids": [1 + n % 5],
        "setting": "coffee_chat",
        "topics": ["career paths", "team roadmap"],
        "learned": f"Benchmark note {n}: asking about how they chose their team opened up the conversation.",
        "quality": 4,
        "followup_due": (today + dt.timedelta(days=2)).isoformat(),
    }


def tinydb_bytes(tables: dict[str, dict[str, Any]]) -> bytes:
    """A member file exactly as the store writes it, schema stamp included."""
    stamped = {**tables, META: {"1": {"schema": SCHEMA_VERSION}}}
    return json.dumps(stamped, separators=(",", ":")).encode("ascii")


def service_for(root: Path, today: dt.date) -> MemberService:
    """A fresh DataDir (not the process-wide cache), as a newly started process has."""
    return MemberService(DataDir(root).store(MEMBER), today=lambda: today)


# ---------------------------------------------------------------- set-up
def make_member(root: Path, conversations: int, today: dt.date) -> Path:
    service = service_for(root, today)
    sample.generate(service, conversations=conversations, seed=7, today=today)
    return root / "members" / f"{MEMBER}.json"


def make_team(root: Path, member_file: Path, cfg: Config, today: dt.date) -> DataDir:
    """The same member plus many others, their files written directly, all loaded as a server would."""
    members = root / "members"
    members.mkdir(parents=True)
    (members / f"{MEMBER}.json").write_bytes(member_file.read_bytes())
    payload = tinydb_bytes(sample.tables(sample.build(cfg.other_conversations, seed=11, today=today)))
    for i in range(cfg.others):
        (members / f"intern-{i:03d}.json").write_bytes(payload)
    folder = DataDir(root)
    for member_id in folder.member_ids():
        with folder.store(member_id).reading():
            pass
    return folder


def make_naive(path: Path, member_file: Path, cfg: Config, today: dt.date) -> TinyDB:
    """Everyone's records in one plain TinyDB file, one table per kind, a member field on each record."""
    mine = load_json_file(member_file) or {}
    other = sample.tables(sample.build(cfg.other_conversations, seed=11, today=today))
    merged: dict[str, dict[str, Any]] = {}
    owners = [(MEMBER, mine)] + [(f"intern-{i:03d}", other) for i in range(cfg.others)]
    for member_id, tables in owners:
        for name in sample.TABLE_NAMES:
            table = merged.setdefault(name, {})
            for record in tables.get(name, {}).values():
                table[str(len(table) + 1)] = {**record, "member": member_id}
    path.write_text(json.dumps(merged), encoding="utf-8")
    return TinyDB(path)


# ---------------------------------------------------------------- measuring
def floor_write(path: Path, data: dict[str, Any]) -> None:
    """The least a durable whole-file write can do: serialise, write, fsync, replace."""
    tmp = path.with_name(path.name + ".tmp")
    payload = json.dumps(data, separators=(",", ":")).encode("ascii")
    with open(tmp, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def measure_writes(alone: MemberService, team: MemberService, floor_dir: Path, cfg: Config, today: dt.date):
    """Our write alone, our write beside the team, and the floor, interleaved so drift hits all three."""
    for n in range(3):  # warm-up: the first write of a day also keeps a backup copy
        alone.log_conversation(one_conversation(today, n))
        team.log_conversation(one_conversation(today, n))
    member_file = alone.data_file
    floor_path = floor_dir / "floor.json"
    mine: list[float] = []
    beside: list[float] = []
    floor: list[float] = []
    for n in range(cfg.reps):
        raw = one_conversation(today, n)
        data = load_json_file(member_file) or {}
        steps = [
            (mine, lambda raw=raw: alone.log_conversation(raw)),
            (beside, lambda raw=raw: team.log_conversation(raw)),
            (floor, lambda data=data: floor_write(floor_path, data)),
        ]
        for samples, action in steps[n % 3 :] + steps[: n % 3]:  # no step always runs first
            samples.append(timed(action))
    return median_ms(mine), median_ms(beside), median_ms(floor)


def measure_naive(db: TinyDB, cfg: Config, today: dt.date) -> float:
    table = db.table("conversations")
    samples = []
    for n in range(cfg.naive_reps):
        record = {**one_conversation(today, n), "member": MEMBER}
        samples.append(timed(functools.partial(table.insert, record)))
    return median_ms(samples)


def measure_reads(root: Path, cfg: Config, today: dt.date) -> tuple[float, float]:
    """First read by a fresh service (parse and build), then the same read again."""
    first, second = [], []
    for _ in range(cfg.read_reps):
        service = service_for(root, today)
        first.append(timed(service.snapshot))
        second.append(timed(service.snapshot))
    return median_ms(first), median_ms(second)


def logging_one(service: MemberService, today: dt.date, n: int) -> Callable[[], Any]:
    """Log the `n`th sample conversation: building it is part of what a save costs, so it is timed too."""
    return lambda: service.log_conversation(one_conversation(today, n))


def measure_first_writes(root: Path, cfg: Config, today: dt.date) -> tuple[float, float]:
    """A fresh process's first write (every record is checked to load) against its second (only the change)."""
    first, second = [], []
    for n in range(cfg.read_reps):
        service = service_for(root, today)
        first.append(timed(logging_one(service, today, n)))
        second.append(timed(logging_one(service, today, n + 1)))
    return median_ms(first), median_ms(second)


def measure_pg_writes(files_root: Path, url: str, cfg: Config, today: dt.date) -> tuple[float, float, float, float]:
    """One conversation logged through the service, the member a file against the same member a row.

    The file's member is copied into the database as it is, so both hold the
    same 1,000 conversations; writes alternate so drift hits both alike.
    Also returns the cached read of each (the row's costs a version check).
    """
    import pg_cluster  # noqa: F401 - only to fail early when the helper is missing

    from netcoach.storage.pg_folder import Database

    database = Database(url)
    try:
        file_svc = service_for(files_root, today)
        database.store(MEMBER).put_document(load_json_file(files_root / "members" / f"{MEMBER}.json") or {})
        row_svc = MemberService(database.store(MEMBER), today=lambda: today)
        for n in range(3):  # warm-up: the first write of a day also keeps a backup copy
            file_svc.log_conversation(one_conversation(today, n))
            row_svc.log_conversation(one_conversation(today, n))
        on_file: list[float] = []
        on_row: list[float] = []
        for n in range(cfg.reps):
            steps = [
                (on_file, logging_one(file_svc, today, n)),
                (on_row, logging_one(row_svc, today, n)),
            ]
            for samples, action in steps[n % 2 :] + steps[: n % 2]:
                samples.append(timed(action))
        file_read = [timed(file_svc.snapshot) for _ in range(cfg.read_reps)]
        row_read = [timed(row_svc.snapshot) for _ in range(cfg.read_reps)]
        return median_ms(on_file), median_ms(on_row), median_ms(file_read), median_ms(row_read)
    finally:
        database.close()


@contextlib.contextmanager
def postgresql(given: str | None) -> Iterator[str | None]:
    """The server to time against: the one given, or one started here, or None when neither can be had."""
    if given:
        yield given
        return
    try:
        import pg_cluster
    except ImportError:
        yield None
        return
    if pg_cluster.missing_reason():
        yield None
        return
    with pg_cluster.running(durable=True) as cluster:
        yield cluster.create_database("bench")


def measure_demo(root: Path, cfg: Config, today: dt.date) -> float:
    service = service_for(root, today)
    return timed(lambda: sample.generate(service, conversations=cfg.demo_conversations, seed=3, today=today)) * 1000


# ---------------------------------------------------------------- report
def met(name: str, value: float) -> bool:
    op, target = TARGETS[name]
    return value <= target if op == "<=" else value >= target


def run(cfg: Config, base: Path | None, database: str | None = None) -> dict[str, float]:
    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="netcoach-bench-", dir=base) as tmp:
        work = Path(tmp)
        member_file = make_member(work / "alone", cfg.member_conversations, today)
        make_team(work / "team", member_file, cfg, today)
        (work / "naive").mkdir()
        naive = make_naive(work / "naive" / "db.json", member_file, cfg, today)
        first_ms, second_ms = measure_reads(work / "alone", cfg, today)
        alone, team = service_for(work / "alone", today), service_for(work / "team", today)
        write_ms, team_ms, floor_ms = measure_writes(alone, team, work / "alone", cfg, today)
        naive_ms = measure_naive(naive, cfg, today)
        first_write_ms, second_write_ms = measure_first_writes(work / "alone", cfg, today)
        naive.close()
        demo_ms = measure_demo(work / "demo", cfg, today)
        pg: dict[str, float] = {}
        with postgresql(database) as url:
            if url is not None:
                file_ms, row_ms, file_read_ms, row_read_ms = measure_pg_writes(work / "alone", url, cfg, today)
                pg = {
                    "pg_write_vs_file_write": row_ms / file_ms,
                    "pg_write_ms": row_ms,
                    "pg_file_write_ms": file_ms,
                    "pg_cached_read_ms": row_read_ms,
                    "pg_file_cached_read_ms": file_read_ms,
                }
    return {
        "write_vs_floor": write_ms / floor_ms,
        "team_size_effect": team_ms / write_ms,
        "vs_naive_tinydb": naive_ms / write_ms,
        "cached_read_ratio": second_ms / first_ms,
        "write_ms": write_ms,
        "floor_ms": floor_ms,
        "team_write_ms": team_ms,
        "naive_tinydb_write_ms": naive_ms,
        "first_read_ms": first_ms,
        "cached_read_ms": second_ms,
        "first_write_ms": first_write_ms,
        "second_write_ms": second_write_ms,
        "demo_conversations": cfg.demo_conversations,
        "demo_ms": demo_ms,
        **pg,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small, fast run (for tests); ratios are rougher")
    parser.add_argument(
        "--dir", type=Path, default=None, help="where to make the temporary data (default: the system temp folder)"
    )
    parser.add_argument(
        "--postgresql",
        default=None,
        metavar="URL",
        help="an empty database to time the row store on (default: start a throwaway server when installed)",
    )
    args = parser.parse_args(argv)
    cfg = QUICK if args.quick else Config()
    print(
        f"# member with {cfg.member_conversations} conversations, {cfg.others} others x "
        f"{cfg.other_conversations}, {cfg.reps} repetitions",
        flush=True,
    )
    results = run(cfg, args.dir, args.postgresql)
    for name, value in results.items():
        print(f"{name}: {value:.4g}" if isinstance(value, float) else f"{name}: {value}")
    if "pg_write_vs_file_write" not in results:
        print("# pg_write_vs_file_write: not measured (no PostgreSQL here; see scripts/ensure_postgresql.sh)")
    measured = [name for name in TARGETS if name in results]
    print(f"targets_met: {'yes' if all(met(name, results[name]) for name in measured) else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
