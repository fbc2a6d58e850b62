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
from netcoach.storage import (
    DataDir,
    Storage,
    StoreError,
    data_dir,
    describe_fault,
    fsync_dir,
    make_folder,
    write_atomic,
)


def cmd_backup(args: argparse.Namespace) -> int:
    """Copy every member file that loads, each under its lock, into a new folder or zip.

    A file that does not load is left out and named: a backup is something to
    restore from, and the store would refuse to write that file anyway.
    """
    folder = data_dir(args.data_dir)
    member_ids = folder.member_ids() if folder.exists() else []
    if isinstance(folder, DataDir) and not folder.members_dir.is_dir():
        raise CommandError(f"no member files in {folder.root}")
    if not isinstance(folder, DataDir) and not member_ids:
        raise CommandError(f"no members in {folder.location}")
    parent = Path(args.output) if args.output else _default_parent(folder)
    make_folder(parent.resolve())
    copies: dict[str, bytes] = {}
    skipped: list[str] = []
    for member_id in member_ids:
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


def _default_parent(folder: Storage) -> Path:
    """Beside the members in their data folder; for a database, ./snapshots."""
    return folder.root / "snapshots" if isinstance(folder, DataDir) else Path("snapshots")


def _locked_copy(folder: Storage, member_id: str) -> bytes:
    """The member's document as one complete write left it, once it is known to load.

    The store's transaction holds the same locks as every writer (in this
    process and others, the file lock or the database row's), so no write
    lands while the bytes are read, and it refuses a document holding a
    record the app cannot load.
    """
    store = folder.store(member_id)
    with store.transaction():
        payload = store.stored_bytes()
    if payload is None:
        raise StoreError(f"{store.path}: it is gone")
    return payload


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
