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
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from . import demo, transfer
from .models import SCHEMA_VERSION, ValidationError
from .service import MemberService, NotFoundError, member_service
from .store import META_TABLE, DataDir, StoreError, Tables, data_dir, load_json_file, validate_member_id, write_atomic
from .transfer import ImportPlan

DATA_DIR_ENV = "NETCOACH_DATA_DIR"
DEFAULT_MEMBER = "me"
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
    return Path(os.environ.get(DATA_DIR_ENV) or "data")


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
    """Load every member file; name each one that does not load and why."""
    folder = DataDir(args.data_dir)
    if not folder.root.is_dir():
        raise CommandError(f"no data folder at {folder.root}")
    problems = dict(folder.check())
    paths = sorted(folder.members_dir.glob("*.json")) if folder.members_dir.is_dir() else []
    for path in paths:
        tables: Tables = {}
        reason = problems.get(path)
        if not reason:
            tables = load_json_file(path) or {}
            reason = _newer_schema(tables) or _bad_records(tables)
        if reason:
            problems[path] = reason
            _warn(f"BROKEN {path}: {reason}")
        else:
            _say(f"ok     {path.stem}: {_counts(tables)}")
    if not paths:
        _say(f"No member files in {folder.root} yet.")
    if problems:
        _warn(f"{len(problems)} of {len(paths)} member files do not load; they were left untouched.")
        return 1
    return 0


def _newer_schema(tables: Tables) -> str:
    """A file from a newer version parses, but this version must not use it."""
    schema = tables.get(META_TABLE, {}).get("1", {}).get("schema", SCHEMA_VERSION)
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        return f"written by a newer netcoach (schema {schema!r}, this one reads {SCHEMA_VERSION})"
    return ""


def _bad_records(tables: Tables) -> str:
    """Records the app could not show (a date that is no date, a missing person...), by table and id.

    The same checks as a JSON import, so 'check passes' means the app can read every record.
    """
    document = json.dumps(transfer.export_document(tables))
    errors = transfer.plan_json(document, member_is_empty=True).errors
    if not errors:
        return ""
    shown = "; ".join(errors[:PROBLEMS_SHOWN])
    more = f" (and {len(errors) - PROBLEMS_SHOWN} more)" if len(errors) > PROBLEMS_SHOWN else ""
    return f"records that do not load: {shown}{more}"


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
        _say(f"  Problems ({len(plan.errors)}; these rows are left out):")
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
    """Copy every member file, each under its lock, into a new folder or zip."""
    folder = data_dir(args.data_dir)
    if not folder.members_dir.is_dir():
        raise CommandError(f"no member files in {folder.root}")
    parent = Path(args.output) if args.output else folder.root / "snapshots"
    parent.mkdir(parents=True, exist_ok=True)
    copies: dict[str, bytes] = {}
    for member_id in folder.member_ids():
        copies[member_id], problem = _locked_copy(folder, member_id)
        if problem:
            _warn(f"warning: copied as it is: {problem}")
    target = _write_zip(parent, copies) if args.zip else _write_folder(parent, copies)
    _say(f"Backed up {len(copies)} member(s) to {target}")
    return 0


def _locked_copy(folder: DataDir, member_id: str) -> tuple[bytes, str]:
    """The member's file as one complete write left it, and any reason it does not load.

    The store's transaction holds the same thread and file locks as every
    writer (in this process and others), so no write lands while the bytes
    are read. A file that does not load is refused by every writer, so it can
    be copied without the locks.
    """
    store = folder.store(member_id)
    try:
        with store.transaction():
            return store.path.read_bytes(), ""
    except StoreError as exc:
        return store.path.read_bytes(), str(exc)


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
    (partial / "members").mkdir(parents=True)
    for member_id, payload in copies.items():
        write_atomic(partial / "members" / f"{member_id}.json", payload)
    partial.rename(target)
    return target


def _write_zip(parent: Path, copies: dict[str, bytes]) -> Path:
    target = _backup_name(parent, ".zip")
    partial = parent / f".{target.name}.partial"
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member_id, payload in copies.items():
            archive.writestr(f"members/{member_id}.json", payload)
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    partial.rename(target)
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
        default=None if required else DEFAULT_MEMBER,
        metavar="ID",
        help="member id: 1-64 lowercase letters, digits, '-' or '_'"
        + ("" if required else f" (default: {DEFAULT_MEMBER})"),
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
