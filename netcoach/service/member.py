"""The one door views use to read and change a member's data, put together from its parts.

A `MemberService` is bound to one member when it is made; no method takes a
member id, so a caller holding one member's service cannot reach another's.
Each part covers one concern over the shared `UnitOfWork`; this class only
joins them, so pages keep one handle.
"""

from __future__ import annotations

from pathlib import Path

from netcoach import sample
from netcoach.config import Clock, system_today
from netcoach.service.events import EventService
from netcoach.service.followups import FollowUpService
from netcoach.service.goals import GoalService
from netcoach.service.insights import InsightsService
from netcoach.service.tips import TipService
from netcoach.service.transfer import TransferService
from netcoach.storage import data_dir


class MemberService(InsightsService, FollowUpService, EventService, GoalService, TipService, TransferService):
    """Reads and writes for exactly one member."""

    def load_sample_data(self, conversations: int = 120, seed: int = 1) -> None:
        """Fill an empty member with an invented intern's data, to look around."""
        sample.generate(self, conversations=conversations, seed=seed)


def member_service(root: Path | str, member_id: str, today: Clock = system_today) -> MemberService:
    """The service for one member of a data folder (the folder's locks are shared)."""
    return MemberService(data_dir(root).store(member_id), today=today)
