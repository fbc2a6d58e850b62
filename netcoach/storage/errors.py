"""What can go wrong with the data folder, said so that a person understands it.

Every fault a save meets ends in the same sentence, "Nothing was saved.",
because the store guarantees it: the file is left exactly as it was.
"""

from __future__ import annotations

import errno
from pathlib import Path

NOT_SAVED = "Nothing was saved."


class StoreError(Exception):
    """A problem with the data folder that the person must hear about."""


class CorruptFileError(StoreError):
    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: cannot be read ({reason}). It was left untouched.")


class InvalidMemberIdError(StoreError):
    pass


class WriteFailedError(StoreError):
    """A save the system refused (disk full, no permission...); the file is as it was."""


class LockBusyError(WriteFailedError):
    """Another save of the same data held the file lock for too long."""


class MemberGoneError(StoreError):
    """The account was deleted while this page still had it open."""


class ReadFailedError(StoreError):
    """The system refused to read the data file."""


def describe_fault(exc: OSError, path: Path, *, writing: bool = True) -> str:
    """What went wrong, in words a person understands."""
    code = exc.errno
    if isinstance(exc, IsADirectoryError) or code == errno.EISDIR:
        return f"{path} is a folder, not a data file."
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "The disk that holds your data is full."
    if code == errno.EROFS:
        return "The disk that holds your data is read-only."
    if code in (errno.EACCES, errno.EPERM):
        verb = "change" if writing else "read"
        return f"netcoach is not allowed to {verb} the files in {path.parent}."
    return f"The system refused ({exc.strerror or exc})."


def write_failed(exc: OSError, path: Path) -> WriteFailedError:
    return WriteFailedError(f"{describe_fault(exc, path, writing=True)} {NOT_SAVED}")


def read_failed(exc: OSError, path: Path) -> ReadFailedError:
    return ReadFailedError(f"Your data could not be read: {describe_fault(exc, path, writing=False)}")
