"""Quick capture: who it was, one line, follow up or not — saved in one write.

A name typed in a hurry is matched exactly (case and spacing aside), never by
the nearest guess: someone whose name only resembles it is offered, not
picked, and a name nobody has becomes a new person once their role is said.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from netcoach.models import Conversation, Person, ValidationError
from netcoach.service.conversations import ConversationService
from netcoach.transfer.matching import name_key

SIMILAR_MAX = 5


@dataclasses.dataclass(frozen=True)
class NameMatch:
    """What a typed name means among the member's people.

    `person` is set only when exactly one person has that name; `similar` are
    the people whose name holds what was typed (or a word starting with it),
    offered for a tap; `is_new` says nobody has the name, so it can be added.
    """

    typed: str
    person: Person | None = None
    similar: tuple[Person, ...] = ()
    same_name: tuple[Person, ...] = ()

    @property
    def is_new(self) -> bool:
        return bool(self.typed) and self.person is None and not self.same_name


def match_name(people: Sequence[Person], typed: str) -> NameMatch:
    """The person a typed name picks, if exactly one has it, and the ones it resembles."""
    wanted = name_key(typed)
    if not wanted:
        return NameMatch(typed="")
    same = tuple(p for p in people if name_key(p.name) == wanted)
    words = wanted.split()

    def resembles(person: Person) -> bool:
        key = name_key(person.name)
        if key == wanted:
            return False
        return wanted in key or all(any(w.startswith(part) for w in key.split()) for part in words)

    similar = tuple(p for p in people if resembles(p))[:SIMILAR_MAX]
    return NameMatch(
        typed=" ".join(typed.split()),
        person=same[0] if len(same) == 1 else None,
        similar=similar,
        same_name=same if len(same) > 1 else (),
    )


class CaptureService(ConversationService):
    def quick_log(
        self,
        *,
        person_id: int | None = None,
        new_person: Mapping[str, Any] | None = None,
        about: str = "",
        followup_in_days: int | None = None,
    ) -> Conversation:
        """Log today's conversation with one person, known (`person_id`) or new (`new_person`, role required).

        The new person and the conversation are written together, so a refusal
        or a fault saves neither. `followup_in_days` None means no follow-up.
        """
        if (person_id is None) == (new_person is None):
            raise ValidationError(["person_ids: pick the person you talked to, or add them as new"])
        if followup_in_days is not None and (isinstance(followup_in_days, bool) or followup_in_days < 0):
            raise ValidationError(["followup_due: must be today or later"])
        profile = self.snapshot().profile
        today = self.today
        raw: dict[str, Any] = {
            "date": today,
            "person_ids": [person_id] if person_id is not None else [],
            "setting": profile.default_setting,
            "notes": about,
            "followup_due": today + dt.timedelta(days=followup_in_days) if followup_in_days is not None else None,
        }
        return self.log_conversation(raw, [new_person] if new_person is not None else [], require_roles=True)
