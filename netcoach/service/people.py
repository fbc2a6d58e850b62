"""The people a member knows: finding, adding, changing, removing and folding duplicates together."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from netcoach.models import (
    CONVERSATIONS,
    LOOPS,
    PEOPLE,
    MentorStage,
    Person,
    Role,
    TrashKind,
    ValidationError,
    parse_person,
    to_record,
)
from netcoach.service.trash import Clearing, Trashed, person_label
from netcoach.service.unit_of_work import NotFoundError, StaleRecordError, UnitOfWork, Work

# Values that say "not filled in yet", so a duplicate's real value may take their place.
_UNSET_CHOICES = (Role.OTHER, MentorStage.NONE)


def merged_person(keep: Person, other: Person) -> Person:
    """`keep` with what `other` knows added: lists joined, notes appended, blanks filled."""
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(Person):
        name = field.name
        if name == "id":
            continue
        mine, theirs = getattr(keep, name), getattr(other, name)
        if name in ("links", "tags", "phones", "other_emails"):
            changes[name] = tuple(dict.fromkeys([*mine, *theirs]))
        elif name == "notes":
            if theirs and theirs not in mine:
                changes[name] = "\n".join(filter(None, [mine, theirs]))
        elif not mine or mine in _UNSET_CHOICES:
            changes[name] = theirs
    if keep.email and other.email and other.email != keep.email:  # both addresses are kept, the other as a second
        changes["other_emails"] = tuple(dict.fromkeys([*changes["other_emails"], other.email]))
    return dataclasses.replace(keep, **changes)


def drop_person_from_loops(
    work: Work, person_id: int, *, removed_conversations: Iterable[int] = (), clearing: Clearing | None = None
) -> None:
    """Loops only with this person go; shared ones lose their name; links to removed conversations are cut.

    Like a group conversation, a loop with several people still means something
    to the others; one with nobody left would point at no one. With `clearing`,
    what goes and what is cut is gathered for the trash.
    """
    removed = set(removed_conversations)
    loops = work.loops
    alone: list[int] = []
    for loop_id, doc in loops.documents().items():
        ids = list(doc.get("person_ids") or [])
        if person_id in ids:
            rest = [i for i in ids if i != person_id]
            if not rest:
                alone.append(loop_id)
                if clearing is not None:
                    clearing.removed(LOOPS, loop_id, doc)
                continue
            loops.patch([loop_id], {"person_ids": rest})
            if clearing is not None:
                clearing.cut(LOOPS, loop_id, "person_ids", person_id, ids.index(person_id))
        conversation_id = doc.get("conversation_id")
        if conversation_id in removed:
            loops.patch([loop_id], {"conversation_id": None})
            if clearing is not None:
                clearing.cut(LOOPS, loop_id, "conversation_id", conversation_id)
    loops.remove(alone)


class PeopleService(UnitOfWork):
    def people(self, text: str = "", roles: Iterable[Role] = ()) -> list[Person]:
        wanted = set(roles)
        needle = text.strip().lower()
        return [
            p
            for p in self.snapshot().people
            if (not wanted or p.role in wanted)
            and (not needle or needle in " ".join((p.name, p.organization, p.how_met, *p.tags)).lower())
        ]

    def person(self, person_id: int) -> Person:
        found = self.snapshot().person_by_id().get(person_id)
        if found is None:
            raise NotFoundError(f"person: no person with id {person_id}")
        return found

    def add_person(self, raw: Mapping[str, Any]) -> Person:
        person = parse_person({**raw, "id": None})
        with self._work() as work:
            person_id = work.people.insert(person)
        return dataclasses.replace(person, id=person_id)

    def update_person(self, person_id: int, changes: Mapping[str, Any], *, expected: Person | None = None) -> Person:
        """Change a person; with `expected` (the person as shown), only if they still are that."""
        with self._work() as work:
            current = work.as_shown(work.people, person_id, "person", expected)
            person = parse_person({**current, **changes, "id": None})
            work.people.update(person_id, person)
        return dataclasses.replace(person, id=person_id)

    def delete_impact(self, person_id: int) -> tuple[int, int]:
        """(conversations that would be deleted, conversations that would only lose this person)."""
        solo = shared = 0
        for c in self.snapshot().conversations:
            if person_id in c.person_ids:
                if len(c.person_ids) == 1:
                    solo += 1
                else:
                    shared += 1
        return solo, shared

    def delete_person(self, person_id: int, *, expected: Person | None = None) -> Trashed:
        """Move a person to the trash with their one-on-one log and their loops; their name leaves group ones.

        Everything the delete removes or cuts is kept in one trash item, so giving it
        back puts the person back exactly where they were.
        """
        with self._work() as work:
            stored = work.as_shown(work.people, person_id, "person", expected)
            clearing = Clearing()
            clearing.removed(PEOPLE, person_id, stored)
            conversations = work.conversations
            alone: list[int] = []
            for conversation_id, doc in conversations.documents().items():
                ids = list(doc.get("person_ids") or [])
                if person_id not in ids:
                    continue
                if len(ids) == 1:
                    alone.append(conversation_id)
                    clearing.removed(CONVERSATIONS, conversation_id, doc)
                else:
                    conversations.patch([conversation_id], {"person_ids": [i for i in ids if i != person_id]})
                    clearing.cut(CONVERSATIONS, conversation_id, "person_ids", person_id, ids.index(person_id))
            conversations.remove(alone)
            drop_person_from_loops(work, person_id, removed_conversations=alone, clearing=clearing)
            work.people.remove([person_id])
            label = person_label(stored)
            item_id = clearing.keep(work, TrashKind.PERSON, label, self.today)
        return Trashed(item_id, TrashKind.PERSON, label, len(alone))

    def merge_people(
        self,
        keep_id: int,
        other_ids: Sequence[int],
        *,
        expected: Person | None = None,
        expected_others: Sequence[Person] = (),
    ) -> Person:
        """Fold duplicates into one person: their conversations, loops and details move over.

        `expected` is the person kept and `expected_others` the duplicates, as the screen
        showed them; any that changed since refuses the whole merge.
        """
        others = [i for i in dict.fromkeys(other_ids) if i != keep_id]
        if not others:
            raise ValidationError(["merge: pick at least one other person to merge"])
        shown = {p.id: p for p in expected_others}
        # A screen that says what it showed must have shown every duplicate it merges.
        unseen = [i for i in others if i not in shown] if expected is not None or shown else []
        if unseen:
            raise StaleRecordError(
                [
                    f"merge: {len(unseen)} of the chosen people changed or appeared since this page was shown; "
                    "nothing was merged. Look again and retry."
                ]
            )
        with self._work() as work:
            people = work.people
            work.as_shown(people, keep_id, "person", expected)
            merged = people.require(keep_id, "person")
            for other_id in others:
                work.as_shown(people, other_id, "person", shown.get(other_id))
                merged = merged_person(merged, people.require(other_id, "person"))
            person = parse_person({**to_record(merged), "id": None})
            conversations = work.conversations
            for c in conversations.all():
                if c.id is not None and any(i in others for i in c.person_ids):
                    new_ids = list(dict.fromkeys(keep_id if i in others else i for i in c.person_ids))
                    conversations.patch([c.id], {"person_ids": new_ids})
            loops = work.loops
            for loop in loops.all():
                if loop.id is not None and any(i in others for i in loop.person_ids):
                    new_ids = list(dict.fromkeys(keep_id if i in others else i for i in loop.person_ids))
                    loops.patch([loop.id], {"person_ids": new_ids})
            people.update(keep_id, person)
            people.remove(others)
        return dataclasses.replace(person, id=keep_id)
