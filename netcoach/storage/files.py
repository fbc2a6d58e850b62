"""Files that survive a crash: whole-file replacement, fsync, and strict JSON reading.

A kill or power cut at any moment must leave either the old file or the new
one, never half of each, and a name added to or removed from a folder must
be recorded in the folder itself, or it can vanish after a power cut.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import threading
from pathlib import Path
from typing import Any

from netcoach.storage.errors import CorruptFileError

Tables = dict[str, dict[str, dict[str, Any]]]
# What tells one version of a document from another: for a file its device, inode, change time
# and size; for a database row its version number.
Signature = tuple[int, ...]

# Document ids as the file spells them: a positive whole number, no sign, no leading zero.
DOC_ID_RE = re.compile(r"[1-9][0-9]{0,17}")


def file_signature(st: os.stat_result) -> Signature:
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


def fsync_dir(folder: Path) -> None:
    """Make a name added to or removed from `folder` survive a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_folder(folder: Path) -> None:
    """Create a folder (and missing parents), each one recorded durably in its parent."""
    missing: list[Path] = []
    current = Path(folder)
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for made in reversed(missing):
        try:
            made.mkdir()
        except FileExistsError:
            continue
        fsync_dir(made.parent)


def remove_file(path: Path) -> None:
    """Delete a file for good: its name is gone from the folder even after a power cut."""
    path.unlink(missing_ok=True)
    fsync_dir(path.parent)


def remove_folder(folder: Path) -> None:
    """Delete a folder and everything in it, as far as the system lets us."""
    if not folder.exists():
        return
    shutil.rmtree(folder, ignore_errors=True)
    with contextlib.suppress(OSError):
        fsync_dir(folder.parent)


def write_atomic(path: Path, payload: bytes, *, new_mode: int | None = None) -> os.stat_result:
    """Write a whole file so that a crash leaves either the old or the new one.

    The new file keeps the old one's permission bits (a member file made
    private stays private); a file written for the first time gets `new_mode`,
    or follows the umask.
    """
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = new_mode
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(tmp, flags, 0o666)
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)
    return os.stat(path)


def copy_file(source: Path, target: Path) -> Path:
    """An atomic copy that is as private as the file it copies."""
    write_atomic(target, source.read_bytes(), new_mode=stat.S_IMODE(os.stat(source).st_mode))
    return target


def load_json_file(path: Path) -> Tables | None:
    """Parse a data file whatever its size, or None when there is none yet."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    return parse_tables(path, raw)


def parse_tables(path: Path, raw: bytes | str) -> Tables:
    """The tables a data file holds; anything else is refused, naming what is wrong."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # deep nesting exhausts the stack
        raise CorruptFileError(path, f"not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise CorruptFileError(path, "not a netcoach data file (unexpected structure)")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            raise CorruptFileError(path, f"not a netcoach data file (unexpected structure in {name!r})")
        for key in table:
            if not DOC_ID_RE.fullmatch(key):
                raise CorruptFileError(path, f"table {name!r} has a record id {key[:40]!r} that is not a whole number")
    return data


def copy_json(value: Any) -> Any:
    """A deep copy of JSON data (dicts, lists, scalars), much faster than copy.deepcopy."""
    cls = type(value)
    if cls is dict or isinstance(value, dict):
        return {k: copy_json(v) for k, v in value.items()}
    if cls is list:
        return [copy_json(v) for v in value]
    return value
