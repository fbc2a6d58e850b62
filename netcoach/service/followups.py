"""Follow-ups promised after conversations: what is due, one card per person, and acting on them with undo.

A follow-up is the `followup_due` of a conversation until it is sent
(`followup_done`) or dropped (no date any more). The screens show one card per
person, so several open follow-ups with one person are handled together: each
action changes all of them in one write and hands back what they were, so one
click on Undo puts back exactly that, unless another tab changed them since.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from netcoach.models import (
    Conversation,
    Person,
    ValidationError,
    conversation_date_problems,
    from_record,
    parse_conversation,
    saved_id,
)
from netcoach.service.conversations import ConversationService

# "This week" on the screens: due from tomorrow to this many days ahead.
WEEK_DAYS = 7


@dataclasses.dataclass(frozen=True)
class FollowUps:
    overdue: tuple[Conversation, ...]
    due_today: tuple[Conversation, ...]
    upcoming: tuple[Conversation, ...]


class Horizon(enum.Enum):
    """When a person's earliest open follow-up is due, as the screens group them."""

    OVERDUE = "overdue"
    TODAY = "today"
    THIS_WEEK = "this_week"
    LATER = "later"

    @property
    def label(self) -> str:
        return {"overdue": "Overdue", "today": "Due today", "this_week": "This week", "later": "Later"}[self.value]


def horizon_of(due: dt.date, today: dt.date) -> Horizon:
    if due < today:
        return Horizon.OVERDUE
    if due == today:
        return Horizon.TODAY
    if due <= today + dt.timedelta(days=WEEK_DAYS):
        return Horizon.THIS_WEEK
    return Horizon.LATER


@dataclasses.dataclass(frozen=True)
class FollowUpCard:
    """Everything open to follow up with one person: their conversations, earliest due first."""

    person: Person
    conversations: tuple[Conversation, ...]
    horizon: Horizon

    @property
    def due(self) -> dt.date:
        """The earliest due date among them."""
        return min(c.followup_due or dt.date.max for c in self.conversations)

    @property
    def person_id(self) -> int:
        return saved_id(self.person)

    def shared_with(self) -> tuple[int, ...]:
        """Other people in these conversations: their follow-up is the same record, so it changes for them too."""
        others = (i for c in self.conversations for i in c.person_ids if i != self.person.id)
        return tuple(dict.fromkeys(others))


def followup_cards(
    conversations: Iterable[Conversation], people: Iterable[Person], today: dt.date
) -> list[FollowUpCard]:
    """One card per person with an open follow-up, most urgent first (then by name).

    A conversation with several people sits on each of their cards: whoever the
    member thinks of first, they find it there.
    """
    by_id = {p.id: p for p in people if p.id is not None}
    open_by_person: dict[int, list[Conversation]] = {}
    for conversation in conversations:
        if not conversation.needs_followup:
            continue
        for person_id in conversation.person_ids:
            if person_id in by_id:
                open_by_person.setdefault(person_id, []).append(conversation)
    cards = []
    for person_id, theirs in open_by_person.items():
        theirs.sort(key=lambda c: (c.followup_due or dt.date.max, c.id or 0))
        due = theirs[0].followup_due or dt.date.max
        cards.append(FollowUpCard(by_id[person_id], tuple(theirs), horizon_of(due, today)))
    cards.sort(key=lambda card: (card.due, card.person.name.lower(), card.person_id))
    return cards


@dataclasses.dataclass(frozen=True)
class FollowUpChange:
    """What one action did to a card's follow-ups: the records before and after, in the same order."""

    before: tuple[Conversation, ...]
    after: tuple[Conversation, ...]


# The fields a follow-up action changes; an undo puts back exactly these (and nothing else differs).
FOLLOWUP_FIELDS = ("followup_due", "followup_done", "followup_note")


def _open_followups(conversations: Iterable[Conversation], today: dt.date) -> FollowUps:
    open_ = sorted(
        ((c.followup_due, c) for c in conversations if c.followup_due and not c.followup_done),
        key=lambda due_and_conversation: (due_and_conversation[0], due_and_conversation[1].id or 0),
    )
    return FollowUps(
        overdue=tuple(c for due, c in open_ if due < today),
        due_today=tuple(c for due, c in open_ if due == today),
        upcoming=tuple(c for due, c in open_ if due > today),
    )


class FollowUpService(ConversationService):
    def followups(self) -> FollowUps:
        return self._derived("followups", lambda snap: _open_followups(snap.conversations, self.today))

    def followup_cards(self) -> list[FollowUpCard]:
        """Every open follow-up, one card per person, most urgent first."""
        return self._derived("followup_cards", lambda snap: followup_cards(snap.conversations, snap.people, self.today))

    def followup_card(self, person_id: int) -> FollowUpCard | None:
        """The open follow-ups with one person, or None when nothing is waiting."""
        return next((card for card in self.followup_cards() if card.person.id == person_id), None)

    def followups_sent(self, limit: int = 10) -> list[Conversation]:
        """The most recently sent follow-ups, newest first."""
        done = [c for c in self.snapshot().conversations if c.followup_done]
        done.sort(key=lambda c: (c.followup_done or dt.date.min, c.id or 0), reverse=True)
        return done[:limit]

    def mark_followup_done(
        self, conversation_id: int, on: dt.date | None = None, *, expected: Conversation | None = None
    ) -> Conversation:
        return self.update_conversation(conversation_id, {"followup_done": on or self.today}, expected=expected)

    def reopen_followup(self, conversation_id: int, *, expected: Conversation | None = None) -> Conversation:
        return self.update_conversation(conversation_id, {"followup_done": None}, expected=expected)

    # ------------------------------------------------- a card's actions, each undoable
    def mark_followups_done(self, shown: Sequence[Conversation]) -> FollowUpChange:
        """Mark each follow-up shown as sent today."""
        return self._change_followups(shown, {"followup_done": self.today})

    def snooze_followups(self, shown: Sequence[Conversation], until: dt.date) -> FollowUpChange:
        """Move each follow-up shown to `until` (tomorrow, next week): later than today, never into the past."""
        if until <= self.today:
            raise ValidationError([f"followup_due: snooze to a day after today, not {until.isoformat()}"])
        return self._change_followups(shown, {"followup_due": until})

    def reschedule_followups(self, shown: Sequence[Conversation], on: dt.date) -> FollowUpChange:
        """Move each follow-up shown to the day the member picked: today or later."""
        if on < self.today:
            raise ValidationError([f"followup_due: {on.isoformat()} has passed; pick today or a later day"])
        return self._change_followups(shown, {"followup_due": on})

    def drop_followups(self, shown: Sequence[Conversation]) -> FollowUpChange:
        """No follow-up needed after all: the conversations stay, their follow-up goes."""
        return self._change_followups(shown, {"followup_due": None, "followup_done": None})

    def undo_followup_change(self, change: FollowUpChange) -> tuple[Conversation, ...]:
        """Put back what `change` replaced, only where each record is still as the change left it."""
        restored = []
        with self._work() as work:
            for before, after in zip(change.before, change.after, strict=True):
                conversation_id = saved_id(before)
                work.as_shown(work.conversations, conversation_id, "conversation", after)
                work.conversations.update(conversation_id, before)
                restored.append(before)
        return tuple(restored)

    # ------------------------------------------------- one follow-up at a time
    def snooze_followup(self, conversation_id: int, until: dt.date, *, expected: Conversation) -> FollowUpChange:
        return self.snooze_followups([_with_id(expected, conversation_id)], until)

    def reschedule_followup(self, conversation_id: int, on: dt.date, *, expected: Conversation) -> FollowUpChange:
        return self.reschedule_followups([_with_id(expected, conversation_id)], on)

    def drop_followup(self, conversation_id: int, *, expected: Conversation) -> FollowUpChange:
        return self.drop_followups([_with_id(expected, conversation_id)])

    def restore_followup(self, previous: Conversation, *, expected: Conversation) -> Conversation:
        """Undo one follow-up action: `previous` back, if the record is still `expected`."""
        (restored,) = self.undo_followup_change(FollowUpChange(before=(previous,), after=(expected,)))
        return restored

    def _change_followups(self, shown: Sequence[Conversation], changes: Mapping[str, Any]) -> FollowUpChange:
        """Apply `changes` to every conversation shown, all in one write or none.

        Each must still be as the screen showed it; the rules on dates apply to the
        dates the change alters.
        """
        if not shown:
            raise ValidationError(["followup_due: no follow-up was picked"])
        today = self.today
        before: list[Conversation] = []
        after: list[Conversation] = []
        with self._work() as work:
            for conversation in shown:
                conversation_id = saved_id(conversation)
                current = work.as_shown(work.conversations, conversation_id, "conversation", conversation)
                was = from_record(Conversation, current, conversation_id)
                updated = dataclasses.replace(
                    parse_conversation({**current, **changes, "id": None}), id=conversation_id
                )
                moved = [f for f in FOLLOWUP_FIELDS[:2] if getattr(updated, f) != getattr(was, f)]
                problems = conversation_date_problems(updated, today, moved)
                if problems:
                    raise ValidationError(problems)
                work.conversations.update(conversation_id, updated)
                before.append(was)
                after.append(updated)
        return FollowUpChange(before=tuple(before), after=tuple(after))


def _with_id(expected: Conversation, conversation_id: int) -> Conversation:
    if expected.id is not None and expected.id != conversation_id:
        raise ValueError(f"conversation: the record shown has id {expected.id}, not {conversation_id}")
    return dataclasses.replace(expected, id=conversation_id)
