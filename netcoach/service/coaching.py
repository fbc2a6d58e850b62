"""The coach's read side: nudges, relationships, mentors and follow-through, worked out from the member's data.

Each answer is remembered for the file version and day it was worked out for,
so a page asking several times costs one computation.
"""

from __future__ import annotations

import pandas as pd

from netcoach import coach
from netcoach.service.conversations import ConversationService
from netcoach.service.people import PeopleService
from netcoach.service.profile import ProfileService


class CoachingService(PeopleService, ConversationService, ProfileService):
    def nudges(self, limit: int | None = None) -> list[coach.Nudge]:
        """The coach's advice, most urgent first; a small `limit` gives the diverse leaders Home shows."""
        return self._derived(("nudges", limit), lambda snap: coach.nudges(snap, self.today, limit))

    def keep_in_touch(self) -> list[coach.KeepInTouch]:
        return self._derived("touch", lambda snap: coach.keep_in_touch(snap, self.today))

    def relationship_strength(self) -> dict[int, float]:
        return self._derived("strength", lambda snap: coach.relationship_strength(snap, self.today))

    def mentor_pipeline(self) -> list[coach.MentorCandidate]:
        return self._derived("mentors", coach.mentor_pipeline)

    def followthrough(self) -> pd.DataFrame:
        return self._derived("followthrough", lambda snap: coach.followthrough(snap, self.today))

    def exit_list(self) -> list[coach.ExitContact]:
        return self._derived("exit", lambda snap: coach.exit_list(snap, self.today))

    def draft_message(self, person_id: int, conversation_id: int | None = None, kind: str = "thank_you") -> str:
        conversation = self.conversation(conversation_id) if conversation_id is not None else None
        return coach.draft_followup_message(
            self.person(person_id), conversation, kind=kind, sender=self.profile().display_name
        )
