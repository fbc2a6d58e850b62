"""The coach's read side: nudges, relationships, mentors and follow-through, worked out from the member's data.

Each answer is remembered for the file version and day it was worked out for,
so a page asking several times costs one computation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
from tinydb import where

from netcoach import coach
from netcoach.coach.nudges import acts
from netcoach.models import SHORT_TEXT_MAX, Conversation, SetAside, parse_set_aside
from netcoach.service.conversations import ConversationService
from netcoach.service.people import PeopleService
from netcoach.service.profile import ProfileService


class CoachingService(PeopleService, ConversationService, ProfileService):
    def nudges(self, limit: int | None = None) -> list[coach.Nudge]:
        """The coach's advice, most urgent first; a small `limit` gives the diverse leaders Home shows.

        Advice the member set aside stays out until the day it comes back.
        """
        return self._derived(
            ("nudges", limit),
            lambda snap: acts.shown_nudges(coach.nudges(snap, self.today), snap.set_aside, self.today, limit),
        )

    def card_acts(self, nudge: coach.Nudge) -> tuple[acts.Act, ...]:
        """What the nudge's card lets the member do, primary first."""
        return acts.card_acts(nudge, self.snapshot(), self.today)

    def set_aside(self) -> list[SetAside]:
        """Advice put away that has not come back yet, soonest back first."""
        return acts.still_aside(self.snapshot().set_aside, self.today)

    def set_nudge_aside(self, nudge: coach.Nudge, days: int = acts.SET_ASIDE_DAYS) -> SetAside:
        """Keep this advice (its rule, about its person) off Home for `days`; setting it aside again moves the day."""
        rule, person_id = acts.set_aside_key(nudge)
        item = parse_set_aside(
            {
                "rule": rule,
                "person_id": person_id,
                "title": " ".join(nudge.title.split())[:SHORT_TEXT_MAX],
                "until": self.today + dt.timedelta(days=days),
                "set_on": self.today,
            }
        )
        same = (where("rule") == rule) & (where("person_id") == person_id)
        with self._work() as work:
            item_id = work.set_aside.upsert(item, same)
        return dataclasses.replace(item, id=item_id)

    def bring_back_nudge(self, set_aside_id: int) -> None:
        """Advice set aside comes back now (nothing happens if it already came back)."""
        with self._work() as work:
            if work.set_aside.contains(set_aside_id):
                work.set_aside.remove([set_aside_id])

    def postpone_followup(
        self, conversation_id: int, days: int = acts.SNOOZE_DAYS, *, expected: Conversation | None = None
    ) -> Conversation:
        """Move an open follow-up `days` on from today (or from its due day, if that is later)."""
        current = expected if expected is not None else self.conversation(conversation_id)
        start = max(self.today, current.followup_due or self.today)
        return self.update_conversation(
            conversation_id, {"followup_due": start + dt.timedelta(days=days)}, expected=expected
        )

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
