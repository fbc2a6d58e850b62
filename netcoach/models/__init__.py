"""The member's data as plain, immutable values, and the rules that admit them.

The bottom layer: nothing here imports the rest of netcoach. Callers import
from `netcoach.models` itself; the rooms are `enums` (the fixed choices and
their labels), `records` (the frozen dataclasses), `limits` (the numbers input
is held to), `errors` (`ValidationError`), `fields` (reading raw input field
by field, and months), `parsers` (each record kind's rules), `tables` (table
names and which parser admits each) and `codec` (the stored JSON form).
"""

from netcoach.models.codec import from_record, to_record
from netcoach.models.enums import EventKind, GoalMetric, LoopKind, LoopStatus, MentorStage, Role, Setting
from netcoach.models.errors import ValidationError
from netcoach.models.fields import MONTH_RE, parse_month
from netcoach.models.limits import (
    EARLIEST_DATE,
    FOLLOWUP_HORIZON,
    FUTURE_SLACK,
    LIST_MAX_ITEMS,
    NAME_MAX,
    NOTE_MAX,
    SHORT_TEXT_MAX,
    SIGNAL_KEY_MAX,
)
from netcoach.models.parsers import (
    conversation_date_problems,
    parse_conversation,
    parse_event,
    parse_goal,
    parse_loop,
    parse_person,
    parse_profile,
    parse_reflection,
    parse_set_aside,
    parse_tip_progress,
)
from netcoach.models.records import (
    Conversation,
    Event,
    Goal,
    Loop,
    Person,
    Profile,
    Record,
    Reflection,
    Saved,
    SetAside,
    Snapshot,
    TipProgress,
    saved_id,
)
from netcoach.models.tables import (
    CONVERSATIONS,
    EVENTS,
    GOALS,
    LOOPS,
    MEMBERS,
    META,
    PEOPLE,
    PROFILE,
    RECORD_TABLES,
    REFLECTIONS,
    SCHEMA_VERSION,
    SET_ASIDE,
    SHARED_EVENTS,
    TABLE_PARSERS,
    TIPS,
)

__all__ = [
    "CONVERSATIONS",
    "EARLIEST_DATE",
    "EVENTS",
    "FOLLOWUP_HORIZON",
    "FUTURE_SLACK",
    "GOALS",
    "LIST_MAX_ITEMS",
    "LOOPS",
    "MEMBERS",
    "META",
    "MONTH_RE",
    "NAME_MAX",
    "NOTE_MAX",
    "PEOPLE",
    "PROFILE",
    "RECORD_TABLES",
    "REFLECTIONS",
    "SCHEMA_VERSION",
    "SET_ASIDE",
    "SHARED_EVENTS",
    "SHORT_TEXT_MAX",
    "SIGNAL_KEY_MAX",
    "TABLE_PARSERS",
    "TIPS",
    "Conversation",
    "Event",
    "EventKind",
    "Goal",
    "GoalMetric",
    "Loop",
    "LoopKind",
    "LoopStatus",
    "MentorStage",
    "Person",
    "Profile",
    "Record",
    "Reflection",
    "Role",
    "Saved",
    "SetAside",
    "Setting",
    "Snapshot",
    "TipProgress",
    "ValidationError",
    "conversation_date_problems",
    "from_record",
    "parse_conversation",
    "parse_event",
    "parse_goal",
    "parse_loop",
    "parse_month",
    "parse_person",
    "parse_profile",
    "parse_reflection",
    "parse_set_aside",
    "parse_tip_progress",
    "saved_id",
    "to_record",
]
