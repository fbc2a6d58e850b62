"""The conversations a member logs: finding them, logging (with people met for the first time), changing them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from netcoach.models import (
    CONVERSATIONS,
    LOOPS,
    Conversation,
    Person,
    Role,
    Setting,
    TrashKind,
    ValidationError,
    conversation_date_problems,
    from_record,
    parse_conversation,
    parse_person,
)
from netcoach.service.trash import Clearing, Trashed, conversation_label
from netcoach.service.unit_of_work import NotFoundError, UnitOfWork, Work

DATE_FIELDS = ("date", "followup_due", "followup_done")


ROLE_NEEDED = "pick what they are to you (mentor, colleague, recruiter…)"


def _new_people(raws: Sequence[Mapping[str, Any]], problems: list[str], *, require_roles: bool = False) -> list[Person]:
    """The people to create, each checked; what is wrong goes to `problems`, named by which one.

    With `require_roles` a new person without a role is refused rather than
    filed under a default the member never chose.
    """
    people: list[Person] = []
    for index, raw in enumerate(raws, start=1):
        label = f"new person {index}" if len(raws) > 1 else "new person"
        found: list[str] = []
        try:
            people.append(parse_person({**raw, "id": None}))
        except ValidationError as exc:
            found.extend(exc.problems)
        if require_roles and not raw.get("role") and not any(p.startswith("role: ") for p in found):
            found.insert(1 if found and found[0].startswith("name: ") else 0, f"role: {ROLE_NEEDED}")
        problems.extend(f"{label} {p}" for p in found)
    return people


def check_references(work: Work, conversation: Conversation) -> None:
    """Refuse a conversation naming a person or an event this member does not have."""
    problems = [f"person_ids: no person with id {i}" for i in conversation.person_ids if not work.people.contains(i)]
    if conversation.event_id is not None and not work.events.contains(conversation.event_id):
        problems.append(f"event_id: no event with id {conversation.event_id}")
    if problems:
        raise ValidationError(problems)


class ConversationService(UnitOfWork):
    def conversations(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        roles: Iterable[Role] = (),
        settings: Iterable[Setting] = (),
        person_id: int | None = None,
        text: str = "",
    ) -> list[Conversation]:
        """Conversations newest first, filtered by any of the given criteria."""
        snap = self.snapshot()
        people = snap.person_by_id()
        wanted_roles, wanted_settings = set(roles), set(settings)
        needle = text.strip().lower()

        def keep(c: Conversation) -> bool:
            if (start and c.date < start) or (end and c.date > end):
                return False
            if wanted_settings and c.setting not in wanted_settings:
                return False
            if person_id is not None and person_id not in c.person_ids:
                return False
            if wanted_roles and not any(people[p].role in wanted_roles for p in c.person_ids if p in people):
                return False
            if needle:
                names = " ".join(people[p].name for p in c.person_ids if p in people)
                haystack = " ".join((names, c.event, c.learned, c.help_offered, c.followup_note, c.notes, *c.topics))
                return needle in haystack.lower()
            return True

        return [c for c in snap.conversations if keep(c)]

    def conversation(self, conversation_id: int) -> Conversation:
        for c in self.snapshot().conversations:
            if c.id == conversation_id:
                return c
        raise NotFoundError(f"conversation: no conversation with id {conversation_id}")

    def log_conversation(
        self,
        raw: Mapping[str, Any],
        new_people: Sequence[Mapping[str, Any]] = (),
        *,
        require_roles: bool = False,
    ) -> Conversation:
        """Log a conversation; people not yet known are created in the same write, or nothing is.

        A form that asks a new person's role passes `require_roles`, so leaving it
        unanswered is a problem to fix, not a silent default.
        """
        problems: list[str] = []
        people = _new_people(new_people, problems, require_roles=require_roles)
        conversation: Conversation | None = None
        try:
            conversation = parse_conversation({**raw, "id": None}, new_people=len(new_people))
        except ValidationError as exc:
            problems.extend(exc.problems)
        if conversation is not None:
            problems.extend(conversation_date_problems(conversation, self.today))
        if problems or conversation is None:
            raise ValidationError(problems)
        with self._work() as work:
            check_references(work, conversation)
            new_ids = [work.people.insert(p) for p in people]
            everyone = tuple(dict.fromkeys([*conversation.person_ids, *new_ids]))
            conversation = dataclasses.replace(conversation, person_ids=everyone)
            conversation_id = work.conversations.insert(conversation)
        return dataclasses.replace(conversation, id=conversation_id)

    def update_conversation(
        self, conversation_id: int, changes: Mapping[str, Any], *, expected: Conversation | None = None
    ) -> Conversation:
        """Change a conversation; with `expected` (as shown), only if it still is that.

        The rules on dates apply to the dates this change alters, so an older record
        with a date the rules now refuse can still have its other fields fixed.
        """
        with self._work() as work:
            current = work.as_shown(work.conversations, conversation_id, "conversation", expected)
            conversation = parse_conversation({**current, **changes, "id": None})
            before = from_record(Conversation, current)
            changed = [f for f in DATE_FIELDS if getattr(conversation, f) != getattr(before, f)]
            problems = conversation_date_problems(conversation, self.today, changed)
            if problems:
                raise ValidationError(problems)
            check_references(work, conversation)
            work.conversations.update(conversation_id, conversation)
        return dataclasses.replace(conversation, id=conversation_id)

    def delete_conversation(self, conversation_id: int, *, expected: Conversation | None = None) -> Trashed:
        """Move a conversation to the trash; a loop found in it stays (it holds its own words) but loses the link."""
        with self._work() as work:
            stored = work.as_shown(work.conversations, conversation_id, "conversation", expected)
            clearing = Clearing()
            clearing.removed(CONVERSATIONS, conversation_id, stored)
            linked = [i for i, doc in work.loops.documents().items() if doc.get("conversation_id") == conversation_id]
            for loop_id in linked:
                clearing.cut(LOOPS, loop_id, "conversation_id", conversation_id)
            work.loops.patch(linked, {"conversation_id": None})
            work.conversations.remove([conversation_id])
            label = conversation_label(work, from_record(Conversation, stored, conversation_id))
            item_id = clearing.keep(work, TrashKind.CONVERSATION, label, self.today)
        return Trashed(item_id, TrashKind.CONVERSATION, label)
