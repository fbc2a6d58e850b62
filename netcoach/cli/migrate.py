"""`netcoach migrate`: move every member and the team document between a data folder and PostgreSQL."""

from __future__ import annotations

import argparse

from netcoach.cli.output import CommandError, say
from netcoach.config import is_database_url
from netcoach.storage import data_dir
from netcoach.storage.moving import move_all


def cmd_migrate(args: argparse.Namespace) -> int:
    """Copy every document from --from to --to, each read back and compared; refuse a non-empty target."""
    if str(args.source).strip() == str(args.target).strip():
        raise CommandError("--from and --to name the same place")
    if not is_database_url(args.source) and not data_dir(args.source).exists():
        raise CommandError(f"--from: no data folder at {data_dir(args.source).location}")
    source, target = data_dir(args.source), data_dir(args.target)
    moved = move_all(source, target, replace=args.replace)
    what = f"{len(moved.members)} member(s)" + (" and the team document" if moved.team else "")
    say(f"Copied {what} from {source.location} to {target.location}; every copy was read back equal.")
    say(f"Nothing was removed from {source.location}.")
    return 0
