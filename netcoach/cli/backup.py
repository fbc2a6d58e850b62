"""`netcoach backup`: a copy of every member file that loads, safe while the app is running.

Each file is copied under the same locks every writer takes, so no save
lands halfway through the copy; the backup folder or zip appears under its
final name only once it is complete, because half a backup is no backup.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import zipfile
from pathlib import Path

from netcoach.cli.output import CommandError, say, warn
from netcoach.storage import DataDir, StoreError, data_dir, describe_fault, fsync_dir, make_folder, write_atomic


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
            warn(f"not backed up: member {member_id!r}: {exc}")
    try:
        target = _write_zip(parent, copies) if args.zip else _write_folder(parent, copies)
    except OSError as exc:
        reason = describe_fault(exc, parent / "backup")
        raise CommandError(f"the backup could not be written: {reason} Nothing was saved.") from None
    say(f"Backed up {len(copies)} member(s) to {target}")
    if skipped:
        warn(f"{len(skipped)} member(s) left out because their files do not load: {', '.join(skipped)}")
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
