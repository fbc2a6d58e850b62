"""How long a LinkedIn import takes to preview and to write, and how that grows with the file.

A member importing a large Connections.csv should not wait long, and the
member's lock must be held only for the final write (`lock_held_s`), so a
browser save made meanwhile is not held up. The file is built like LinkedIn's export (notes
lines, then the header), half of its people already known by name, email or
profile link, so both matching and adding are measured. The larger member's
own export is then restored into an empty member. A phone's vCard file
(`--cards`, 5,000 by default) is previewed and imported the same way, half of
its people already known by email, so the vCard reader is measured too. Growth is the ratio
of the large file's time to the small file's, measured in the same run: about
2 means linear, about 4 quadratic; the CPU-time ratio is steadier than the wall
clock when other work shares the machine. Prints `name: value` lines; exits 0 either
way (this measures, it does not judge).

    python bench/import_bench.py                 # 10,000 and 20,000 rows
    python bench/import_bench.py --rows 200 400 --cards 100  # small and fast, for the test suite
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from netcoach.service import MemberService, member_service
from netcoach.storage import data_dir, forget_data_dirs

TARGET_S = 5.0
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
POSITIONS = ("Data Engineer", "Talent Partner", "Software Intern", "Product Manager", "Designer")


def linkedin_csv(rows: int) -> str:
    """A Connections.csv with `rows` distinct people, shaped like LinkedIn's export."""
    out = io.StringIO()
    out.write("Notes:\n")
    out.write('"When exporting your connection data, you may notice that some of the email addresses are missing."\n')
    out.write("\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
    for i in range(rows):
        email = f"person{i}@example.org" if i % 3 == 0 else ""
        connected = f"{1 + i % 28:02d} {MONTHS[i % 12]} {2015 + i % 10}"
        writer.writerow(
            [
                f"First{i}",
                f"Last{i}",
                f"https://www.linkedin.com/in/person-{i}",
                email,
                f"Company {i % 400}",
                POSITIONS[i % len(POSITIONS)],
                connected,
            ]
        )
    return out.getvalue()


def vcard_file(cards: int) -> str:
    """A phone's export: vCard 3.0, every card with a name, most with an email, phone and company."""
    out = io.StringIO()
    for i in range(cards):
        out.write("BEGIN:VCARD\r\nVERSION:3.0\r\n")
        out.write(f"N:Last{i};First{i};;;\r\nFN:First{i} Last{i}\r\n")
        if i % 4:
            out.write(f"EMAIL;TYPE=INTERNET:card{i}@example.org\r\n")
            out.write(f"TEL;TYPE=CELL:+1 555 {i:07d}\r\n")
            out.write(f"ORG:Company {i % 300};Team\r\nTITLE:{POSITIONS[i % len(POSITIONS)]}\r\n")
        out.write(f"NOTE:Card {i}\\, from the phone\r\nEND:VCARD\r\n")
    return out.getvalue()


def measure_vcard(root: Path, cards: int) -> dict[str, float | int]:
    """Preview and import a vCard file into a member who knows every other card's person by email."""
    forget_data_dirs()
    svc = member_service(root, f"cards{cards}")
    known = vcard_file(cards).split("END:VCARD\r\n")
    svc.apply_import(svc.preview_import("contacts", "END:VCARD\r\n".join(known[::2]) + "END:VCARD\r\n"))
    payload = vcard_file(cards).encode()
    start, start_cpu = time.perf_counter(), time.process_time()
    plan = svc.preview_import("contacts", payload)
    preview_s, preview_cpu_s = time.perf_counter() - start, time.process_time() - start_cpu
    held: list[float] = []
    with timing_transactions(svc, held):
        start = time.perf_counter()
        counts = svc.apply_import(plan)
        apply_s = time.perf_counter() - start
    return {
        "mb": round(len(payload) / (1024 * 1024), 1),
        "preview_s": preview_s,
        "preview_cpu_s": preview_cpu_s,
        "apply_s": apply_s,
        "lock_held_s": sum(held),
        "new_people": counts["people"],
        "updated_people": counts["updated_people"],
        "questions": len(plan.questions),
    }


def seeded(root: Path, rows: int) -> MemberService:
    """A member who already knows every other person of the file, some with fewer details."""
    forget_data_dirs()
    svc = member_service(root, f"bench{rows}")
    known = linkedin_csv(rows)
    header_at = known.index("First Name")
    lines = known[header_at:].splitlines()
    kept = [lines[0], *(line for i, line in enumerate(lines[1:]) if i % 2 == 0)]
    # Known people have no company yet, so the import fills it in for them.
    trimmed = []
    for line in kept[1:]:
        cells = next(csv.reader([line]))
        cells[4] = ""
        trimmed.append(",".join(cells))
    plan = svc.preview_import("linkedin", "\n".join([kept[0], *trimmed]) + "\n")
    svc.apply_import(plan)
    return svc


@contextlib.contextmanager
def timing_transactions(svc: MemberService, held: list[float]) -> Iterator[None]:
    """Record how long each write transaction holds the member's lock."""
    store = data_dir(svc.data_root).store(svc.member_id)  # the lock other sessions of this member wait for
    original = store.transaction

    @contextlib.contextmanager
    def timed() -> Iterator[Any]:
        entered: list[float] = []
        try:
            with original() as db:
                entered.append(time.perf_counter())  # the lock is ours from here to the end of the write
                yield db
        finally:
            if entered:
                held.append(time.perf_counter() - entered[0])

    store.transaction = timed  # type: ignore[method-assign]
    try:
        yield
    finally:
        store.transaction = original  # type: ignore[method-assign]


def measure(root: Path, rows: int) -> dict[str, float | int]:
    svc = seeded(root, rows)
    payload = linkedin_csv(rows).encode()
    start, start_cpu = time.perf_counter(), time.process_time()
    plan = svc.preview_import("linkedin", payload)
    preview_s, preview_cpu_s = time.perf_counter() - start, time.process_time() - start_cpu
    held: list[float] = []
    with timing_transactions(svc, held):
        start, start_cpu = time.perf_counter(), time.process_time()
        counts = svc.apply_import(plan)
        apply_s, apply_cpu_s = time.perf_counter() - start, time.process_time() - start_cpu
    return {
        "preview_s": preview_s,
        "apply_s": apply_s,
        # CPU time is what this process spent, whatever else the shared machine is doing.
        "preview_cpu_s": preview_cpu_s,
        "apply_cpu_s": apply_cpu_s,
        "lock_held_s": sum(held),
        "new_people": counts["people"],
        "updated_people": counts["updated_people"],
    }


def measure_restore(root: Path, rows: int) -> dict[str, float | int]:
    """The member's own export (as the Data page writes it) restored into an empty member."""
    exported = json.dumps(member_service(root, f"bench{rows}").export_json(), indent=2).encode()
    fresh = member_service(root, f"restore{rows}")
    start = time.perf_counter()
    plan = fresh.preview_import("json", exported)
    preview_s = time.perf_counter() - start
    start = time.perf_counter()
    fresh.apply_import(plan)
    return {
        "mb": round(len(exported) / (1024 * 1024), 1),
        "preview_s": preview_s,
        "apply_s": time.perf_counter() - start,
        "problems": len(plan.errors),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs=2, default=(10_000, 20_000), metavar=("SMALL", "LARGE"))
    parser.add_argument("--cards", type=int, default=5_000, help="cards in the vCard file")
    parser.add_argument("--dir", type=Path, default=None, help="where to put temporary data")
    args = parser.parse_args(argv)
    small, large = args.rows
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        results = {rows: measure(Path(tmp), rows) for rows in (small, large)}
        restore = measure_restore(Path(tmp), large)
        cards = measure_vcard(Path(tmp), args.cards)
    for rows, figures in results.items():
        for name, value in figures.items():
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            print(f"linkedin_{rows}_{name}: {shown}")
    for name, value in restore.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"json_restore_{large}_{name}: {shown}")
    for name, value in cards.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"vcard_{args.cards}_{name}: {shown}")
    total = {rows: f["preview_s"] + f["apply_s"] for rows, f in results.items()}
    cpu = {rows: f["preview_cpu_s"] + f["apply_cpu_s"] for rows, f in results.items()}
    print(f"growth_ratio_{large}_vs_{small}: {total[large] / max(total[small], 1e-9):.2f}")
    print(f"cpu_growth_ratio_{large}_vs_{small}: {cpu[large] / max(cpu[small], 1e-9):.2f}")
    print(f"rows_ratio_{large}_vs_{small}: {large / small:.2f}")
    print(f"target_s: {TARGET_S}")
    met = all(f["preview_s"] < TARGET_S and f["apply_s"] < TARGET_S for f in (results[large], cards))
    print(f"targets_met: {'yes' if met else 'no'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
