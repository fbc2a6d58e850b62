"""`python -m netcoach`: sample data, health check, export, import and backup from a shell.

These are the jobs someone does around the app rather than in it: fill a
folder with sample data to try the dashboard, check a data folder after a
crash or a copy, move data in and out, take a backup while the server runs.
Every failure ends in one line on stderr and a non-zero exit code, never a
traceback, and nothing here writes a member's data without saying so first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from netcoach import sample as demo
from netcoach.config import DATA_DIR_ENV, LOCAL_MEMBER_ID, data_root
from netcoach.models import TABLE_PARSERS, ValidationError
from netcoach.service import MemberService, NotFoundError, member_service
from netcoach.storage.store import (
    DataDir,
    StoreError,
    Tables,
    data_dir,
    describe_fault,
    file_problems,
    fsync_dir,
    make_folder,
    validate_member_id,
    write_atomic,
)
from netcoach.transfer import ImportPlan

IMPORT_KINDS = {
    "json": "json",
    "linkedin": "linkedin",
    "people-csv": "people_csv",
    "conversations-csv": "conversations_csv",
}
EXPORT_FORMATS = ("json", "people-csv", "conversations-csv")
COUNTED_TABLES = ("people", "conversations", "events", "goals", "tips")
NAMES_SHOWN = 20
PROBLEMS_SHOWN = 5


class CommandError(Exception):
    """A problem the person must fix; shown as one line, exit code 1."""


def default_data_dir() -> Path:
    return data_root()


def _say(message: str = "") -> None:
    print(message, flush=True)


def _warn(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _counts(tables: Tables) -> str:
    return ", ".join(f"{len(tables.get(name, {}))} {name}" for name in COUNTED_TABLES)


def _existing_member(root: Path, member_id: str) -> MemberService:
    """The service of a member who has a file: reading must not create anyone."""
    folder = DataDir(root)
    if not folder.member_path(member_id).exists():
        raise CommandError(f"no member {member_id!r} in {folder.root} (members: {_member_list(folder)})")
    return member_service(root, member_id)


def _member_list(folder: DataDir) -> str:
    return ", ".join(folder.member_ids()) or "none yet"


# ---------------------------------------------------------------- demo
def cmd_demo(args: argparse.Namespace) -> int:
    """Fill an empty member with sample data; a member with data is never touched."""
    service = member_service(args.data_dir, args.member)
    today = args.today or dt.date.today()
    if today > dt.date.today():
        raise CommandError(f"--today: {today.isoformat()} is in the future")
    if demo.has_data(service):
        raise CommandError(
            f"member {args.member!r} in {Path(args.data_dir).resolve()} already holds data; nothing was changed. "
            "Pick another --member or an empty --data-dir."
        )
    data = demo.generate(service, conversations=args.conversations, seed=args.seed, today=today)
    counts = ", ".join(f"{n} {name}" for name, n in data.counts().items())
    _say(f"Sample data for member {args.member!r} (seed {args.seed}): {counts}.")
    _say(f"Data folder: {Path(args.data_dir).resolve()}")
    return 0


# ---------------------------------------------------------------- check
def cmd_check(args: argparse.Namespace) -> int:
    """Load every data file in full; name each one that does not load and why, never stopping early.

    A file is fine only when the app can load every record in it: the same
    test the store makes before it writes; the exit code is 1 when any file
    does not. Files that load but hold records breaking the rules a form or an
    import would enforce are named too, as notes to correct by hand.
    """
    folder = DataDir(args.data_dir)
    if not folder.root.is_dir():
        raise CommandError(f"no data folder at {folder.root}")
    paths = folder.data_files()
    broken = doubtful = 0
    for path in paths:
        is_member = path.parent == folder.members_dir
        tables, problems = file_problems(path, record_tables=TABLE_PARSERS if is_member else ())
        name = path.stem if is_member else path.name
        if problems:
            broken += 1
            _warn(f"BROKEN {path}: {_listed(problems)}")
            continue
        rules = _rule_breaks(tables) if is_member else []
        if rules:
            doubtful += 1
            _warn(f"RULES  {path}: loads, but some records break netcoach's rules: {_listed(rules)}")
        else:
            _say(f"ok     {name}: {_counts(tables)}" if is_member else f"ok     {name}")
    if not paths:
        _say(f"No member files in {folder.root} yet.")
    if broken:
        _warn(f"{broken} of {len(paths)} data files do not load; they were left untouched.")
    if doubtful:
        _warn(f"{doubtful} of {len(paths)} data files load but hold records to correct by hand.")
    return 1 if broken else 0


def _listed(problems: Sequence[str]) -> str:
    shown = "; ".join(problems[:PROBLEMS_SHOWN])
    more = f" (and {len(problems) - PROBLEMS_SHOWN} more)" if len(problems) > PROBLEMS_SHOWN else ""
    return shown + more


def _rule_breaks(tables: Tables) -> list[str]:
    """Records a form or an import would refuse (a note too long, a person id that is nobody), by table and id."""
    problems: list[str] = []
    for name, parse in TABLE_PARSERS.items():
        for key, record in tables.get(name, {}).items():
            try:
                parse({**record, "id": int(key)})
            except ValidationError as exc:
                problems.extend(f"{name} {key}: {p}" for p in exc.problems)
    people, events = set(tables.get("people", {})), set(tables.get("events", {}))
    for key, record in tables.get("conversations", {}).items():
        missing = [i for i in record.get("person_ids") or [] if str(i) not in people]
        if missing:
            problems.append(f"conversations {key}: person_ids: no person with id {missing[0]}")
        event_id = record.get("event_id")
        if event_id is not None and str(event_id) not in events:
            problems.append(f"conversations {key}: event_id: no event with id {event_id}")
    return problems


# ---------------------------------------------------------------- export
def cmd_export(args: argparse.Namespace) -> int:
    service = _existing_member(args.data_dir, args.member)
    if args.format == "json":
        text = json.dumps(service.export_json(), indent=2, ensure_ascii=False) + "\n"
    else:
        text = service.export_csv(args.format.removesuffix("-csv"))
    if args.output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
        _warn(f"Exported member {args.member!r} ({args.format}) to {args.output}")
    return 0


# ---------------------------------------------------------------- import
def cmd_import(args: argparse.Namespace) -> int:
    """Preview first; write only when confirmed."""
    service = member_service(args.data_dir, args.member)
    payload = Path(args.file).read_bytes()
    plan = service.preview_import(IMPORT_KINDS[args.format], payload)
    _print_preview(plan, args)
    if plan.nothing_to_do:
        _say("Nothing to import; nothing was written.")
        return 1 if plan.errors else 0
    if not _confirmed(args.yes):
        _warn("Nothing was written. Run the same command with --yes to import.")
        return 1
    written = service.apply_import(plan)
    _say("Imported: " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in written.items() if n) + ".")
    return 0


def _print_preview(plan: ImportPlan, args: argparse.Namespace) -> None:
    _say(f"Preview: {args.file} ({args.format}) into member {args.member!r}")
    _say(f"  {plan.summary()}")
    if plan.new_people:
        _say(f"  New people: {_names([p.name for p in plan.new_people])}")
    if plan.matched:
        _say(f"  Already known: {_names([f'{name} (row {line})' for line, _, name in plan.matched])}")
    if plan.person_updates:
        _say(f"  Known people who get missing details filled in: {len(plan.person_updates)}")
    if plan.errors:
        _say(f"  {plan.problems_heading()}:")
        for problem in plan.errors:
            _say(f"    {problem}")


def _names(names: Sequence[str]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    return shown + (f" and {len(names) - NAMES_SHOWN} more" if len(names) > NAMES_SHOWN else "")


def _confirmed(yes: bool) -> bool:
    """--yes, or a 'y' typed at a terminal; a script without --yes never writes."""
    if yes:
        return True
    if not sys.stdin.isatty():
        return False
    try:
        return input("Import this? [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


# ---------------------------------------------------------------- backup
def cmd_backup(args: argparse.Namespace) -> int:
    """Copy every member file that loads, each under its lock, into a new folder or zip.

    A file that does not load is left out and named: a backup is something to
    restore from, and the store would refuse to write that file anyway.
    """
    folder = data_dir(args.data_dir)
    if not folder.members_dir.is_dir():
        raise CommandError(f"no member files in {folder.root}")
    parent = Path(args.output) if args.output else folder.root / "snapshots"
    make_folder(parent)
    copies: dict[str, bytes] = {}
    skipped: list[str] = []
    for member_id in folder.member_ids():
        try:
            copies[member_id] = _locked_copy(folder, member_id)
        except StoreError as exc:
            skipped.append(member_id)
            _warn(f"not backed up: member {member_id!r}: {exc}")
    try:
        target = _write_zip(parent, copies) if args.zip else _write_folder(parent, copies)
    except OSError as exc:
        reason = describe_fault(exc, parent / "backup")
        raise CommandError(f"the backup could not be written: {reason} Nothing was saved.") from None
    _say(f"Backed up {len(copies)} member(s) to {target}")
    if skipped:
        _warn(f"{len(skipped)} member(s) left out because their files do not load: {', '.join(skipped)}")
        return 1
    return 0


def _locked_copy(folder: DataDir, member_id: str) -> bytes:
    """The member's file as one complete write left it, once it is known to load.

    The store's transaction holds the same thread and file locks as every
    writer (in this process and others), so no write lands while the bytes
    are read, and it refuses a file holding a record the app cannot load.
    """
    store = folder.store(member_id)
    with store.transaction():
        try:
            return store.path.read_bytes()
        except OSError as exc:
            raise StoreError(f"{store.path}: {exc.strerror or exc}") from None


def _backup_name(parent: Path, suffix: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = parent / f"netcoach-backup-{stamp}{suffix}"
    n = 1
    while target.exists():
        n += 1
        target = parent / f"netcoach-backup-{stamp}-{n}{suffix}"
    return target


def _write_folder(parent: Path, copies: dict[str, bytes]) -> Path:
    """A data folder of its own (`members/<id>.json`); it appears only once complete."""
    target = _backup_name(parent, "")
    partial = parent / f".{target.name}.partial"
    try:
        make_folder(partial / "members")
        for member_id, payload in copies.items():
            write_atomic(partial / "members" / f"{member_id}.json", payload)
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)  # half a backup is no backup
        raise
    fsync_dir(parent)
    return target


def _write_zip(parent: Path, copies: dict[str, bytes]) -> Path:
    target = _backup_name(parent, ".zip")
    partial = parent / f".{target.name}.partial"
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for member_id, payload in copies.items():
                archive.writestr(f"members/{member_id}.json", payload)
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        partial.rename(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    fsync_dir(parent)
    return target


# ---------------------------------------------------------------- parser
def _member_id(text: str) -> str:
    try:
        return validate_member_id(text)
    except StoreError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= demo.MAX_CONVERSATIONS:
        raise argparse.ArgumentTypeError(f"must be 0 to {demo.MAX_CONVERSATIONS}")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)") from None


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=default_data_dir(),
        metavar="D",
        help=f"the data folder (default: ${DATA_DIR_ENV}, or ./data)",
    )


def _add_member(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--member",
        type=_member_id,
        required=required,
        default=None if required else LOCAL_MEMBER_ID,
        metavar="ID",
        help="member id: 1-64 lowercase letters, digits, '-' or '_'"
        + ("" if required else f" (default: {LOCAL_MEMBER_ID})"),
    )


def _subcommand(
    subparsers: argparse._SubParsersAction, name: str, run: Callable[[argparse.Namespace], int], summary: str
) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=summary, description=summary)
    parser.set_defaults(run=run)
    _add_data_dir(parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m netcoach",
        description="netcoach on the command line: sample data, checks, export, import and backups.",
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = _subcommand(
        subparsers, "demo", cmd_demo, "Fill an empty member with realistic sample data (same seed, same data)."
    )
    _add_member(p, required=False)
    p.add_argument(
        "--conversations",
        type=_count,
        default=demo.DEFAULT_CONVERSATIONS,
        metavar="N",
        help=f"how many conversations to log (default: {demo.DEFAULT_CONVERSATIONS})",
    )
    p.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default: 1)")
    p.add_argument(
        "--today", type=_date, default=None, metavar="DATE", help="end the history on this date (default: today)"
    )

    _subcommand(
        subparsers,
        "check",
        cmd_check,
        "Check that every member file loads; exit 1 and name each file that does not.",
    )

    p = _subcommand(subparsers, "export", cmd_export, "Write one member's data as JSON or CSV.")
    _add_member(p, required=True)
    p.add_argument("--format", choices=EXPORT_FORMATS, default="json", help="what to write (default: json)")
    p.add_argument("--output", default="-", metavar="FILE", help="file to write, or - for standard output (default)")

    p = _subcommand(
        subparsers,
        "import",
        cmd_import,
        "Preview an import into one member, then write it with --yes (or after answering y).",
    )
    _add_member(p, required=True)
    p.add_argument(
        "--format",
        choices=list(IMPORT_KINDS),
        required=True,
        help="json: a netcoach export, into an empty member; linkedin: LinkedIn's Connections.csv; "
        "people-csv / conversations-csv: netcoach's CSV columns",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the file to import")
    p.add_argument("--yes", action="store_true", help="write without asking (otherwise nothing is written)")

    p = _subcommand(
        subparsers,
        "backup",
        cmd_backup,
        "Copy every member file into a new timestamped folder (or .zip), safe while the app is running.",
    )
    p.add_argument(
        "--output", type=Path, default=None, metavar="DIR", help="where to put the backup (default: D/snapshots)"
    )
    p.add_argument("--zip", action="store_true", help="write one .zip file instead of a folder")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except (CommandError, StoreError, NotFoundError) as exc:
        _warn(f"netcoach: error: {exc}")
    except ValidationError as exc:
        _warn(f"netcoach: error: {'; '.join(exc.problems)}")
    except OSError as exc:
        _warn(f"netcoach: error: {exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""))
    except KeyboardInterrupt:
        _warn("netcoach: interrupted")
        return 130
    return 1
