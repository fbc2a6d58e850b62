"""The member-bound service: the one door pages and the command line use to read and change data.

`member_service(root, member_id)` gives the handle for one member; no method
takes a member id, so a caller holding one member's handle cannot reach another's.
"""

from netcoach.service.followups import FollowUpCard, FollowUpChange, FollowUps, Horizon
from netcoach.service.goals import GoalProgress
from netcoach.service.insights import Insights
from netcoach.service.member import MemberService, MemberServices, member_service
from netcoach.service.trash import ImportUndone, Restored, Trashed, TrashEntry
from netcoach.service.unit_of_work import NotFoundError, StaleRecordError

__all__ = [
    "FollowUpCard",
    "FollowUpChange",
    "FollowUps",
    "GoalProgress",
    "Horizon",
    "ImportUndone",
    "Insights",
    "MemberService",
    "MemberServices",
    "NotFoundError",
    "Restored",
    "StaleRecordError",
    "TrashEntry",
    "Trashed",
    "member_service",
]
