"""The tables of a member's file and of the team file, and what admits each one's records."""

from __future__ import annotations

from typing import Any

from netcoach.models.parsers import (
    parse_conversation,
    parse_digest_sent,
    parse_event,
    parse_goal,
    parse_loop,
    parse_person,
    parse_profile,
    parse_reflection,
    parse_reminders,
    parse_set_aside,
    parse_tip_progress,
)
from netcoach.models.trash import parse_trash_item

# Bumped when the stored layout changes in a way an older reader would misread.
SCHEMA_VERSION = 2  # 2: the trash

# The names of the tables in a member's file and in the team file: written once, here.
PEOPLE = "people"
CONVERSATIONS = "conversations"
EVENTS = "events"
GOALS = "goals"
TIPS = "tips"
REFLECTIONS = "reflections"
LOOPS = "loops"  # promises either way, confirmed, dismissed or closed by the member
SET_ASIDE = "set_aside"  # the coach's advice the member put away for a while
PROFILE = "profile"
TRASH = "trash"  # deleted records kept for a while, and imports that can be undone
REMINDERS = "reminders"  # the calendar link and the email digest: settings and secrets of this instance
DIGESTS_SENT = "digests_sent"  # one record per digest that went out, so none goes twice
META = "_meta"  # the schema stamp and the ids handed out so far; not member data
MEMBERS = "members"  # team file
SHARED_EVENTS = "shared_events"  # team file

# The member file's tables, each with the parser that admits its records.
TABLE_PARSERS: dict[str, Any] = {
    PEOPLE: parse_person,
    CONVERSATIONS: parse_conversation,
    EVENTS: parse_event,
    GOALS: parse_goal,
    TIPS: parse_tip_progress,
    REFLECTIONS: parse_reflection,
    LOOPS: parse_loop,
    SET_ASIDE: parse_set_aside,
    PROFILE: parse_profile,
    REMINDERS: parse_reminders,
    DIGESTS_SENT: parse_digest_sent,
}
# Every table of a member's file, checked on every read and write: the member's data and the trash.
# The trash is not member data: an export, a restore or a count of what someone has leaves it out.
FILE_PARSERS: dict[str, Any] = {**TABLE_PARSERS, TRASH: parse_trash_item}
# Kept out of exports, restores and "start over": links and sends of this instance, not the member's notes.
INSTANCE_TABLES = (REMINDERS, DIGESTS_SENT)
# Tables that make a member "not empty" (a profile or tip progress alone does not).
RECORD_TABLES = (PEOPLE, CONVERSATIONS, EVENTS, GOALS)
