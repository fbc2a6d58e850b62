"""The events a member goes to, their own or taken from the team's shared list."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from tinydb import where

from netcoach.models import CONVERSATIONS, EVENTS, Conversation, Event, TrashKind, from_record, parse_event, to_record
from netcoach.service.trash import Clearing, Trashed, event_label
from netcoach.service.unit_of_work import NotFoundError, UnitOfWork


class EventService(UnitOfWork):
    def events(self) -> list[Event]:
        return list(self.snapshot().events)

    def event(self, event_id: int) -> Event:
        for e in self.snapshot().events:
            if e.id == event_id:
                return e
        raise NotFoundError(f"event: no event with id {event_id}")

    def conversations_by_event(self) -> dict[int, list[Conversation]]:
        """Conversations logged at each event, by event id."""
        linked: dict[int, list[Conversation]] = {}
        for conversation in self.snapshot().conversations:
            if conversation.event_id is not None:
                linked.setdefault(conversation.event_id, []).append(conversation)
        return linked

    def add_event(self, raw: Mapping[str, Any]) -> Event:
        event = parse_event({**raw, "id": None})
        with self._work() as work:
            event_id = work.events.insert(event)
        return dataclasses.replace(event, id=event_id)

    def update_event(self, event_id: int, changes: Mapping[str, Any], *, expected: Event | None = None) -> Event:
        with self._work() as work:
            current = work.as_shown(work.events, event_id, "event", expected)
            event = parse_event({**current, **changes, "id": None})
            work.events.update(event_id, event)
        return dataclasses.replace(event, id=event_id)

    def track_shared_event(self, shared: Event, attended: bool) -> Event:
        """Going to (or went to) a team event: keep it as this member's own event."""
        event = parse_event({**to_record(shared), "shared_id": shared.id, "attended": attended, "id": None})
        with self._work() as work:
            event_id = work.events.upsert(event, where("shared_id") == shared.id)
        return dataclasses.replace(event, id=event_id)

    def delete_event(self, event_id: int, *, expected: Event | None = None) -> Trashed:
        """Move an event to the trash; conversations keep their event name but lose the link."""
        with self._work() as work:
            stored = work.as_shown(work.events, event_id, "event", expected)
            clearing = Clearing()
            clearing.removed(EVENTS, event_id, stored)
            linked = [i for i, doc in work.conversations.documents().items() if doc.get("event_id") == event_id]
            for conversation_id in linked:
                clearing.cut(CONVERSATIONS, conversation_id, "event_id", event_id)
            work.conversations.patch(linked, {"event_id": None})
            work.events.remove([event_id])
            label = event_label(from_record(Event, stored, event_id))
            item_id = clearing.keep(work, TrashKind.EVENT, label, self.today)
        return Trashed(item_id, TrashKind.EVENT, label)
