"""Putting sample data into a member: all at once, or call by call as a person would.

The member is reached through `SampleTarget`, the few service methods used
here, so this package never imports the service (which offers "Load sample
data" and so imports us).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from netcoach import transfer
from netcoach.models import (
    CONVERSATIONS,
    EVENTS,
    GOALS,
    PEOPLE,
    PROFILE,
    TABLE_PARSERS,
    TIPS,
    Conversation,
    GoalMetric,
    Snapshot,
    ValidationError,
    to_record,
)
from netcoach.sample.generator import DEFAULT_CONVERSATIONS, SampleData, build

TABLE_NAMES = tuple(TABLE_PARSERS)


class SampleTarget(Protocol):
    """The member-bound service methods that sample data is written through."""

    @property
    def today(self) -> dt.date: ...

    def snapshot(self) -> Snapshot: ...

    def apply_import(self, plan: transfer.ImportPlan) -> dict[str, int]: ...

    def save_profile(self, raw: Mapping[str, Any]) -> Any: ...

    def add_person(self, raw: Mapping[str, Any]) -> Any: ...

    def add_event(self, raw: Mapping[str, Any]) -> Any: ...

    def log_conversation(self, raw: Mapping[str, Any]) -> Conversation: ...

    def mark_followup_done(self, conversation_id: int, on: dt.date | None = None) -> Any: ...

    def set_goal(self, month: str, metric: GoalMetric | str, target: int) -> Any: ...

    def save_tip_progress(self, raw: Mapping[str, Any]) -> Any: ...


def tables(data: SampleData) -> dict[str, dict[str, dict[str, Any]]]:
    """The data as TinyDB tables (document id -> record), as the store keeps them."""

    def keyed(items: Sequence[Any]) -> dict[str, dict[str, Any]]:
        return {str(item.id): to_record(item) for item in items}

    return {
        PEOPLE: keyed(data.people),
        CONVERSATIONS: keyed(data.conversations),
        EVENTS: keyed(data.events),
        GOALS: keyed(data.goals),
        TIPS: keyed(data.tips),
        PROFILE: {"1": to_record(data.profile)},
    }


def has_data(service: SampleTarget) -> bool:
    """True when the member holds records of their own (people, conversations, events, goals).

    The same test the dashboard uses to offer sample data; a profile or tip
    progress alone is replaced by the sample's.
    """
    return not service.snapshot().is_empty


def generate(
    service: SampleTarget,
    conversations: int = DEFAULT_CONVERSATIONS,
    seed: int = 1,
    today: dt.date | None = None,
    *,
    one_transaction: bool = True,
) -> SampleData:
    """Fill an empty member with sample data and return what was written.

    A member who already has data is refused: sample records mixed into real
    notes could not be told apart again. With one_transaction (the default)
    everything is written at once, which keeps thousands of conversations
    fast; otherwise each record goes through its own service call, as a
    person using the app would make them.
    """
    if has_data(service):
        raise ValidationError(["member: already holds data; sample data goes into an empty member only"])
    data = build(conversations, seed, today or service.today)
    if one_transaction:
        service.apply_import(transfer.ImportPlan(kind="demo", replace_tables=tables(data)))
    else:
        _write_each(service, data)
    return data


def _write_each(service: SampleTarget, data: SampleData) -> None:
    service.save_profile(to_record(data.profile))
    for person in data.people:
        service.add_person(to_record(person))
    for event in data.events:
        service.add_event(to_record(event))
    for conversation in data.conversations:
        record = to_record(conversation)
        done = conversation.followup_done
        record["followup_done"] = None
        logged = service.log_conversation(record)
        if done is not None and logged.id is not None:
            service.mark_followup_done(logged.id, on=done)
    for goal in data.goals:
        service.set_goal(goal.month, goal.metric, goal.target)
    for tip in data.tips:
        service.save_tip_progress(to_record(tip))
