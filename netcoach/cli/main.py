"""`python -m netcoach`: sample data, health check, export, import and backup from a shell.

These are the jobs someone does around the app rather than in it: fill a
folder with sample data to try the dashboard, check a data folder after a
crash or a copy, move data in and out, take a backup while the server runs.
This module reads the command line and hands each command to its module;
every failure ends in one line on stderr and a non-zero exit code, never a
traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from netcoach import sample
from netcoach.cli.backup import cmd_backup
from netcoach.cli.check import cmd_check
from netcoach.cli.digest import DEFAULT_SECRETS, cmd_digest, parse_now
from netcoach.cli.member_commands import (
    EXPORT_FORMATS,
    IMPORT_KINDS,
    cmd_calendar,
    cmd_demo,
    cmd_export,
    cmd_import,
)
from netcoach.cli.migrate import cmd_migrate
from netcoach.cli.output import CommandError, warn
from netcoach.cli.retention import cmd_retention
from netcoach.config import DATA_DIR_ENV, LOCAL_MEMBER_ID, STORE_ENV, data_root, is_database_url
from netcoach.models import ValidationError
from netcoach.service import NotFoundError
from netcoach.storage import StoreError, validate_member_id


def default_data_dir() -> Path | str:
    """$NETCOACH_STORE when set (a database, say), else the data folder."""
    configured = (os.environ.get(STORE_ENV) or "").strip()
    return _location(configured) if configured else data_root()


def _location(text: str) -> Path | str:
    """A data folder, or a postgresql:// address kept as text (a path would fold its '//')."""
    return text.strip() if is_database_url(text) else Path(text)


def _add_now(p: argparse.ArgumentParser) -> None:
    """--now, for the commands run on a schedule: what they would do at another moment."""
    p.add_argument(
        "--now",
        type=parse_now,
        default=None,
        metavar="ISO",
        help="act as if it were this moment, server local time (default: now)",
    )


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
    if not 0 <= value <= sample.MAX_CONVERSATIONS:
        raise argparse.ArgumentTypeError(f"must be 0 to {sample.MAX_CONVERSATIONS}")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)") from None


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=_location,
        default=default_data_dir(),
        metavar="D",
        help=f"the data folder, or a postgresql:// database (default: ${STORE_ENV}, else ${DATA_DIR_ENV}, else ./data)",
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
        description="netcoach on the command line: sample data, checks, digests, export, import and backups.",
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = _subcommand(
        subparsers, "demo", cmd_demo, "Fill an empty member with realistic sample data (same seed, same data)."
    )
    _add_member(p, required=False)
    p.add_argument(
        "--conversations",
        type=_count,
        default=sample.DEFAULT_CONVERSATIONS,
        metavar="N",
        help=f"how many conversations to log (default: {sample.DEFAULT_CONVERSATIONS})",
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

    p = _subcommand(
        subparsers, "calendar", cmd_calendar, "Write one member's reminders as an .ics file for any calendar app."
    )
    _add_member(p, required=True)
    p.add_argument("--output", default="-", metavar="FILE", help="file to write, or - for standard output (default)")
    p.add_argument(
        "--app-url", default="", metavar="URL", help="the dashboard's address, so each item links back to its page"
    )

    p = _subcommand(
        subparsers,
        "digest",
        cmd_digest,
        "Send the email digests that are due (weekly, daily); run it every hour from a timer or cron.",
    )
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--send", action="store_true", help="send them through the [smtp] server and note each one")
    mode.add_argument(
        "--dry-run", action="store_true", help="print what would go out (to, subject, text); send and note nothing"
    )
    p.add_argument(
        "--secrets",
        type=Path,
        default=DEFAULT_SECRETS,
        metavar="FILE",
        help=f"the secrets file: [smtp], and [auth] and [netcoach] on a team instance (default: {DEFAULT_SECRETS})",
    )
    p.add_argument(
        "--app-url", default="", metavar="URL", help="the dashboard's address for links (default: [netcoach] app_url)"
    )
    _add_now(p)

    p = _subcommand(
        subparsers,
        "retention",
        cmd_retention,
        "Give notice to people taken off the cohort and delete their notes once the retention period ends; "
        "run it once a day.",
    )
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--apply", action="store_true", help="send the notices that are due and delete what is due")
    mode.add_argument("--dry-run", action="store_true", help="print what would be sent and deleted; change nothing")
    p.add_argument(
        "--secrets",
        type=Path,
        default=DEFAULT_SECRETS,
        metavar="FILE",
        help=f"the secrets file: [netcoach] retention_days, and [smtp] for the notices (default: {DEFAULT_SECRETS})",
    )
    p.add_argument(
        "--app-url",
        default="",
        metavar="URL",
        help="the dashboard's address in the notices (default: [netcoach] app_url)",
    )
    _add_now(p)

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
        help="json: a netcoach export, into an empty member; contacts (or linkedin): a LinkedIn, Google, "
        "Outlook or vCard contacts file, its layout recognised from the file; "
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

    summary = "Move every member and the team document between a data folder and PostgreSQL, checking each copy."
    p = subparsers.add_parser("migrate", help=summary, description=summary)
    p.set_defaults(run=cmd_migrate)
    p.add_argument("--from", dest="source", type=_location, required=True, metavar="FROM", help="a folder or address")
    p.add_argument("--to", dest="target", type=_location, required=True, metavar="TO", help="a folder or address")
    p.add_argument("--replace", action="store_true", help="write over the members a non-empty target already holds")
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
        warn(f"netcoach: error: {exc}")
    except ValidationError as exc:
        warn(f"netcoach: error: {'; '.join(exc.problems)}")
    except OSError as exc:
        warn(f"netcoach: error: {exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""))
    except KeyboardInterrupt:
        warn("netcoach: interrupted")
        return 130
    return 1
