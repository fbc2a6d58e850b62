"""Follow-ups promised after conversations: what is due, what was sent, and marking them."""

from __future__ import annotations

import dataclasses
import datetime as dt

from netcoach.models import Conversation
from netcoach.service.conversations import ConversationService


@dataclasses.dataclass(frozen=True)
class FollowUps:
    overdue: tuple[Conversation, ...]
    due_today: tuple[Conversation, ...]
    upcoming: tuple[Conversation, ...]


class FollowUpService(ConversationService):
    def followups(self) -> FollowUps:
        today = self.today
        open_ = sorted(
            ((c.followup_due, c) for c in self.snapshot().conversations if c.followup_due and not c.followup_done),
            key=lambda due_and_conversation: (due_and_conversation[0], due_and_conversation[1].id or 0),
        )
        return FollowUps(
            overdue=tuple(c for due, c in open_ if due < today),
            due_today=tuple(c for due, c in open_ if due == today),
            upcoming=tuple(c for due, c in open_ if due > today),
        )

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
