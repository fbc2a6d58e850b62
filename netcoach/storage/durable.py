"""The TinyDB storage underneath every member file: atomic writes, unchanged files served from memory.

TinyDB's own JSONStorage rewrites its file in place (a kill mid-write leaves
half a file). This storage never does: TinyDB reads and writes a working
copy during a change, and the file is replaced once, by a fully written and
fsynced temporary file, when the change commits. Readers see the old or the
new file, never a mix.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO

from tinydb.storages import Storage

from netcoach.storage.files import Signature, Tables, file_signature, parse_tables, write_atomic
from netcoach.storage.schema import marks_of, top_id


class DurableStorage(Storage):
    """A TinyDB storage that writes atomically and serves unchanged files from memory.

    `current()` is the file as last read, shared and never changed in place.
    During a transaction TinyDB reads and writes a working copy (`read`,
    `write`) that reaches the file only on `commit`.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self._cache: Tables | None = None
        self._signature: Signature | None = None
        # The file the cache was read from stays open: while it is, the system
        # cannot hand its inode number to a newer file, so "same inode" really
        # means "same file", however close together two writes come.
        self._held: BinaryIO | None = None
        self._batching = False
        self._base: Tables | None = None
        self._working: Tables | None = None
        self.issued: dict[str, int] = {}
        # Documents changed in the working copy, by table; None: the whole table may have changed.
        self.changed: dict[str, set[str] | None] = {}
        self._tops: dict[str, tuple[dict[str, Any], int]] = {}
        # Bumped whenever what TinyDB sees may have changed, so query caches are dropped.
        self.generation = 0
        self.seen_file = False
        self.scope: Callable[[], contextlib.AbstractContextManager[Any]] = contextlib.nullcontext
        # Held around TinyDB's reads, so no thread reads while another one's change is half made.
        self.lock: contextlib.AbstractContextManager[Any] = threading.RLock()

    @property
    def signature(self) -> Signature | None:
        return self._signature

    @property
    def base(self) -> Tables | None:
        return self._base

    @property
    def working(self) -> Tables | None:
        return self._working

    def current(self) -> Tables | None:
        """The file's tables, parsed again only when the file changed; do not modify."""
        try:
            current = file_signature(os.stat(self.path))
        except FileNotFoundError:
            self.forget()
            return None
        if current == self._signature and self._cache is not None and self._held is not None:
            return self._cache
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 - kept open on purpose, see __init__
        except FileNotFoundError:
            self.forget()
            return None
        try:
            signature = file_signature(os.fstat(handle.fileno()))
            data = parse_tables(self.path, handle.read())
        except BaseException:
            handle.close()
            raise
        self._keep(handle, data, signature)
        return data

    def _keep(self, handle: BinaryIO, data: Tables, signature: Signature) -> None:
        if self._held is not None:
            self._held.close()
        self._held, self._cache, self._signature = handle, data, signature
        self.seen_file = True
        self.generation += 1

    def forget(self) -> None:
        """Drop what was read; the next read parses the file again."""
        if self._held is not None:
            self._held.close()
        if self._cache is not None:
            self.generation += 1
        self._held, self._cache, self._signature = None, None, None

    def close(self) -> None:
        self.forget()

    # TinyDB's side ------------------------------------------------------
    def read(self) -> Tables | None:
        if self._batching:
            if self._working is None:
                self._working = dict(self._base or {})
            return self._working
        data = self.current()
        return None if data is None else dict(data)

    def write(self, data: Tables) -> None:
        """Replace the working copy (a restore, a dropped table): any document may have changed."""
        self._write_working(data)
        self.changed = dict.fromkeys(data)

    def write_table(self, data: Tables, name: str, changed: Iterable[str]) -> None:
        """The working copy after one table changed, naming the documents that did."""
        self._write_working(data)
        if name not in self.changed:
            self.changed[name] = set()
        known = self.changed[name]
        if known is not None:
            known.update(changed)

    def _write_working(self, data: Tables) -> None:
        if not self._batching:
            raise RuntimeError("every change goes through MemberStore.transaction()")
        self._working = data

    def top(self, data: Tables | None, name: str) -> int:
        """The highest id in one table, remembered per table version (tables are never changed in place)."""
        table = (data or {}).get(name)
        if not table:
            return 0
        known = self._tops.get(name)
        if known is not None and known[0] is table:
            return known[1]
        highest = top_id(table)
        self._tops[name] = (table, highest)
        return highest

    def put_table(self, name: str, table: dict[str, Any]) -> None:
        working = self.read()
        assert working is not None
        working[name] = table
        self.changed[name] = None
        self.generation += 1

    def next_id(self, name: str) -> int:
        """An id above every id this table has ever had, in the file or in this change."""
        working = self.read() or {}
        highest = max(
            self.issued.get(name, 0),
            marks_of(self._base).get(name, 0),
            marks_of(working).get(name, 0),
            self.top(self._base, name),
            self.top(working, name),
        )
        self.issued[name] = highest + 1
        return highest + 1

    # transactions -------------------------------------------------------
    def begin(self, base: Tables | None) -> None:
        self._batching, self._base, self._working, self.issued, self.changed = True, base, None, {}, {}

    def commit(self) -> bool:
        """Write what the transaction changed; True when anything was written."""
        working = self._working
        self._end()
        if working is None:
            return False
        self.write_now(working)
        return True

    def rollback(self) -> None:
        # The cache was never changed in place, so only the working copy goes.
        self._end()
        self.generation += 1

    def _end(self) -> None:
        self._batching, self._base, self._working, self.issued, self.changed = False, None, None, {}, {}

    def write_now(self, data: Tables) -> None:
        """Replace the file with `data` at once; only a holder of the file lock may call this."""
        payload = json.dumps(data, separators=(",", ":"), allow_nan=False).encode("ascii")
        write_atomic(self.path, payload)
        # Only writers holding the file lock replace the file, so this is ours.
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 - kept open on purpose, see __init__
        except OSError:
            self.forget()  # written; the next read parses it again
            return
        self._keep(handle, data, file_signature(os.fstat(handle.fileno())))
