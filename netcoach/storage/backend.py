"""What the app asks of wherever members are kept: a data folder of files, or a PostgreSQL database.

`data_dir(location)` hands out one of these per location and process; the
service, the team instance and the command line use only what is named here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from netcoach.config import Clock
from netcoach.storage.backups import Timestamp

if TYPE_CHECKING:
    from netcoach.storage.member_store import MemberStore


@dataclasses.dataclass(frozen=True)
class StoredDocument:
    """One stored document: what messages call it, whose it is (None: the team's), and how to read it."""

    label: Path
    member_id: str | None
    read: Callable[[], bytes | None]


class Storage(Protocol):
    """Members' stores, the team's store, and the housekeeping over all of them."""

    today: Clock
    now: Timestamp

    @property
    def location(self) -> str:
        """Where the members are, as a person would write it (a folder, or a database without its password)."""
        ...

    def exists(self) -> bool: ...

    def store(self, member_id: str) -> MemberStore: ...

    def team_store(self) -> MemberStore: ...

    def member_ids(self) -> list[str]: ...

    def has_member(self, member_id: str) -> bool: ...

    def remove_member(self, member_id: str) -> None: ...

    def documents(self) -> list[StoredDocument]: ...

    def check(self) -> list[tuple[Path, str]]: ...
