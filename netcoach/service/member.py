"""The one door views use to read and change a member's data, put together from its parts.

A `MemberService` is bound to one member when it is made; no method takes a
member id, so a caller holding one member's service cannot reach another's.
Each part covers one concern over the shared `UnitOfWork`; this class only
joins them, so pages keep one handle.
"""

from __future__ import annotations

import threading
from pathlib import Path

from netcoach import sample
from netcoach.config import Clock, system_today
from netcoach.service.capture import CaptureService
from netcoach.service.events import EventService
from netcoach.service.followups import FollowUpService
from netcoach.service.goals import GoalService
from netcoach.service.insights import InsightsService
from netcoach.service.loops import LoopService
from netcoach.service.reminders import ReminderService, split_link_token
from netcoach.service.tips import TipService
from netcoach.service.transfer import TransferService
from netcoach.service.trash import TrashService
from netcoach.storage import MemberStore, Storage, data_dir
from netcoach.storage.errors import InvalidMemberIdError


class MemberService(
    InsightsService,
    FollowUpService,
    CaptureService,
    LoopService,
    EventService,
    GoalService,
    TipService,
    TransferService,
    TrashService,
    ReminderService,
):
    """Reads and writes for exactly one member."""

    def load_sample_data(self, conversations: int = 120, seed: int = 1) -> None:
        """Fill an empty member with an invented intern's data, to look around."""
        sample.generate(self, conversations=conversations, seed=seed)


def member_service(root: Path | str, member_id: str, today: Clock = system_today) -> MemberService:
    """The service for one member of a data folder or database (its locks are shared)."""
    return MemberService(data_dir(root).store(member_id), today=today)


class MemberServices:
    """One service per member of a data folder, kept so its caches (the parsed file, the frames) last.

    Each is kept with the store it was made over: once an account is deleted
    the folder hands out a new store for the id, and the next request gets a
    new service over it, while a page still holding the old one is refused.
    """

    def __init__(self, folder: Storage, today: Clock = system_today):
        self.folder = folder
        self._today = today
        self._made: dict[str, tuple[MemberStore, MemberService]] = {}
        self._lock = threading.Lock()

    def get(self, member_id: str) -> MemberService:
        store = self.folder.store(member_id)
        with self._lock:
            found = self._made.get(member_id)
            if found is not None and found[0] is store:
                return found[1]
            service = MemberService(store, today=self._today)
            self._made[member_id] = (store, service)
            return service

    def holder_of(self, token: str) -> tuple[MemberService, str] | None:
        """The member a private link's token names, with the secret to check; None for a token naming nobody.

        Only an existing member file is opened: a made-up token never creates one.
        """
        found = split_link_token(token)
        if found is None:
            return None
        member_id, secret = found
        try:
            if not self.folder.has_member(member_id):
                return None
        except InvalidMemberIdError:
            return None
        return self.get(member_id), secret

    def forget(self, member_id: str) -> None:
        with self._lock:
            self._made.pop(member_id, None)
