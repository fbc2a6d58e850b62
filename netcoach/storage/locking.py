"""The two locks around every change of a file: one for threads, one for processes.

TinyDB is neither thread- nor process-safe. A thread lock keeps two sessions
of one server apart; a file lock keeps two servers (or the command line)
apart. A save that has to wait says so once, and one that waits too long
gives up with a plain sentence instead of hanging the page.
"""

from __future__ import annotations

import contextlib
import contextvars
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

from filelock import FileLock, Timeout

from netcoach.storage.errors import NOT_SAVED, LockBusyError, write_failed
from netcoach.storage.files import make_folder

LOCK_TIMEOUT_S = 30.0
WAITING_MESSAGE = "Waiting for another save of your data to finish…"

# Set by the web layer to show a short note while a save waits for another one.
waiting_notice: contextvars.ContextVar[Callable[[str], None] | None] = contextvars.ContextVar(
    "waiting_notice", default=None
)


class WaitNotice:
    """Tells the person once per save that it has to wait."""

    def __init__(self) -> None:
        self.given = False

    def __call__(self) -> None:
        if self.given:
            return
        self.given = True
        show = waiting_notice.get()
        if show is not None:
            show(WAITING_MESSAGE)


def busy_error() -> LockBusyError:
    return LockBusyError(
        f"Another save of your data has been running for more than {LOCK_TIMEOUT_S:g} seconds, "
        f"so this one gave up. {NOT_SAVED}"
    )


class Locks(Protocol):
    """What a store holds around a change: a thread lock, and whatever keeps other processes out."""

    thread: Any  # a re-entrant lock

    def held(self) -> contextlib.AbstractContextManager[None]: ...


class SaveLocks:
    """The thread lock and the file lock of one data file."""

    def __init__(self, path: Path):
        self.path = path
        self.thread = threading.RLock()
        self.file = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S)

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Both locks; a wait is announced once, and gives up after LOCK_TIMEOUT_S."""
        notice = WaitNotice()
        if not self.thread.acquire(blocking=False):
            notice()
            if not self.thread.acquire(timeout=LOCK_TIMEOUT_S):
                raise busy_error()
        try:
            try:
                make_folder(self.path.parent)
                try:
                    self.file.acquire(blocking=False)
                except Timeout:
                    notice()
                    self.file.acquire(timeout=LOCK_TIMEOUT_S)
            except Timeout:
                raise busy_error() from None
            except OSError as exc:
                raise write_failed(exc, self.path) from exc
            try:
                yield
            finally:
                self.file.release()
        finally:
            self.thread.release()
