"""The fixed choices a record offers, each with the label a page shows for it."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    FELLOW_INTERN = "fellow_intern"
    COLLEAGUE = "colleague"
    SUPERVISOR = "supervisor"
    MENTOR = "mentor"
    INDUSTRY_PROFESSIONAL = "industry_professional"
    RECRUITER = "recruiter"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _label(self.value)


class Setting(enum.StrEnum):
    ONE_ON_ONE = "one_on_one"
    TEAM_MEETING = "team_meeting"
    COMPANY_EVENT = "company_event"
    SOCIAL = "social"
    INDUSTRY_EVENT = "industry_event"
    ONLINE = "online"
    COFFEE_CHAT = "coffee_chat"
    PRACTICE = "practice"

    @property
    def label(self) -> str:
        return _label(self.value)


class EventKind(enum.StrEnum):
    COMPANY = "company"
    INDUSTRY = "industry"
    SOCIAL = "social"
    WORKSHOP = "workshop"
    ONLINE = "online"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _label(self.value)


class MentorStage(enum.StrEnum):
    """Steps from a first chat to a mentor, in order."""

    NONE = "none"
    FIRST_CHAT = "first_chat"
    FOLLOW_UP_CHAT = "follow_up_chat"
    ASKED_ADVICE = "asked_advice"
    ACTED_AND_REPORTED = "acted_and_reported"
    MENTOR = "mentor"

    @property
    def label(self) -> str:
        return _label(self.value)


class GoalMetric(enum.StrEnum):
    NEW_PEOPLE = "new_people"
    CONVERSATIONS = "conversations"
    EVENTS_ATTENDED = "events_attended"
    FOLLOW_UPS_SENT = "follow_ups_sent"
    HELP_OFFERED = "help_offered"
    MENTOR_CONVERSATIONS = "mentor_conversations"
    ONLINE_ACTIONS = "online_actions"

    @property
    def label(self) -> str:
        return _label(self.value)


class LoopKind(enum.StrEnum):
    """Which way a promise runs: the member owes it, or the other person offered it.

    The values are those of the coach's promise signals, so a loop confirmed from a
    sentence keeps the kind the coach read in it.
    """

    I_PROMISED = "i_promised"  # the member said they would send or do something
    THEY_ASKED = "they_asked"  # the contact asked the member for something
    THEY_OFFERED = "they_offered"  # the contact offered an introduction, a review, help

    @property
    def owed_by_member(self) -> bool:
        return self is not LoopKind.THEY_OFFERED

    @property
    def label(self) -> str:
        return _LOOP_LABELS[self]


class LoopStatus(enum.StrEnum):
    """What the member decided about a promise the coach found, or one they added."""

    CONFIRMED = "confirmed"  # an open loop: shown until it is closed
    DISMISSED = "dismissed"  # not a promise after all: never shown again
    CLOSED = "closed"  # done, sent or taken up

    @property
    def label(self) -> str:
        return _label(self.value)


_LOOP_LABELS = {
    LoopKind.I_PROMISED: "You promised",
    LoopKind.THEY_ASKED: "They asked you",
    LoopKind.THEY_OFFERED: "They offered",
}

# The few labels that a plain "underscores to spaces" would spell wrongly.
_LABELS = {"one_on_one": "One-on-one", "follow_ups_sent": "Follow-ups sent", "follow_up_chat": "Follow-up chat"}


def _label(value: str) -> str:
    return _LABELS.get(value) or value.replace("_", " ").capitalize()


class TrashKind(enum.StrEnum):
    """What a trash item holds: one deleted record with what went with it, or one import to undo."""

    PERSON = "person"
    CONVERSATION = "conversation"
    EVENT = "event"
    IMPORT = "import"  # what one import added and filled in, kept so it can be undone as a whole
    UNDONE_IMPORT = "undone_import"  # what undoing an import took away, kept so it can come back

    @property
    def label(self) -> str:
        return {"undone_import": "Undone import"}.get(self.value, _label(self.value))
