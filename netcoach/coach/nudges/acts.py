"""What a coach card lets the member do in one click, and which advice the member put away for now.

The rules say what to do in words; this module turns a nudge into the
button that does it (mark the follow-up sent, draft the note, open the prep
card, set next month's goals...), from the rule's id and the person the
advice is about, so the rules themselves stay about what to say. It also
keeps advice the member set aside off Home until the day it comes back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable, Sequence

from netcoach.coach.goals import goal_month
from netcoach.coach.months import month_label
from netcoach.coach.nudges.ranking import TOP, diverse_leaders
from netcoach.coach.nudges.rule import Nudge
from netcoach.models import Conversation, SetAside, Snapshot

SNOOZE_DAYS = 3
"""How far "snooze" moves a follow-up: long enough to matter, short enough not to be forgotten."""

SET_ASIDE_DAYS = 7
"""How long "not now" keeps a piece of advice off Home."""


class ActKind(enum.StrEnum):
    MARK_DONE = "mark_done"  # the follow-up went out
    SNOOZE = "snooze"  # the follow-up moves a few days on
    DRAFT = "draft"  # a message to edit and send
    LOG = "log"  # log the conversation the advice asks for
    OPEN_PERSON = "open_person"  # their page: history, promises, notes
    OPEN_PREP = "open_prep"  # their prep card
    SET_GOALS = "set_goals"  # the Goals page, on the month the advice speaks of
    OPEN_EVENTS = "open_events"  # the events list


@dataclasses.dataclass(frozen=True)
class Act:
    """One thing a card's button does, with what it acts on."""

    kind: ActKind
    label: str
    person_id: int | None = None
    conversation: Conversation | None = None  # the follow-up marked, snoozed or drafted from, as the card saw it
    month: str | None = None  # for SET_GOALS
    draft_kind: str = ""  # for DRAFT: "thank_you" or "stay_in_touch"

    @property
    def writes(self) -> bool:
        """Whether the act changes the member's data (a button) rather than going somewhere (a link)."""
        return self.kind in (ActKind.MARK_DONE, ActKind.SNOOZE)


# The rule's primary act; rules not listed open the person the advice is about, or log a conversation.
PRIMARY: dict[str, ActKind] = {
    "followup-overdue": ActKind.MARK_DONE,
    "exit-thanks": ActKind.DRAFT,
    "prepare": ActKind.OPEN_PREP,
    "realistic-goals": ActKind.SET_GOALS,
    "no-events": ActKind.OPEN_EVENTS,
    # Advice to go and talk to someone: the next click is logging that talk.
    "no-new-people": ActKind.LOG,
    "one-role": ActKind.LOG,
    "few-conversations": ActKind.LOG,
    "quiet-stretch": ActKind.LOG,
    "settling-in": ActKind.LOG,
    "learned-empty": ActKind.LOG,
    "no-help": ActKind.LOG,
    "one-off-contacts": ActKind.LOG,
    "followup-slow": ActKind.LOG,
    "feeling-low": ActKind.LOG,
}


def open_followup(snapshot: Snapshot, person_id: int, today: dt.date) -> Conversation | None:
    """The follow-up owed to a person that the card acts on: the oldest overdue one, else the next due."""
    owed = [c for c in snapshot.conversations if person_id in c.person_ids and c.needs_followup]
    owed.sort(key=lambda c: (c.followup_due or today, c.date, c.id or 0))
    return owed[0] if owed else None


def last_talk(snapshot: Snapshot, person_id: int) -> Conversation | None:
    """The latest conversation with a person (conversations are newest first)."""
    return next((c for c in snapshot.conversations if person_id in c.person_ids), None)


def card_acts(nudge: Nudge, snapshot: Snapshot, today: dt.date) -> tuple[Act, ...]:
    """The card's acts, primary first: a follow-up card also drafts the note and snoozes.

    Empty when nothing in the app does what the advice asks (updating an
    online profile): the card then keeps its links and "not now".
    """
    known = snapshot.person_by_id()
    subject = nudge.subject if nudge.subject in known else None
    kind = PRIMARY.get(nudge.rule)
    if nudge.rule == "on-track" and subject is None:
        kind = ActKind.SET_GOALS  # the next level is a stretch goal
    if kind is None:
        kind = ActKind.OPEN_PERSON if subject is not None else None
    if kind in (ActKind.MARK_DONE, ActKind.DRAFT, ActKind.OPEN_PREP) and subject is None:
        kind = None
    if kind is None:
        return ()
    if kind is ActKind.MARK_DONE and subject is not None:
        owed = open_followup(snapshot, subject, today)
        if owed is None:
            return (Act(ActKind.OPEN_PERSON, "Open their page", subject),)
        return (
            Act(ActKind.MARK_DONE, "Mark follow-up done", subject, owed),
            Act(ActKind.DRAFT, "Draft the note", subject, owed, draft_kind="thank_you"),
            Act(ActKind.SNOOZE, f"Snooze {SNOOZE_DAYS} days", subject, owed),
        )
    if kind is ActKind.DRAFT:
        talk = last_talk(snapshot, subject or 0)
        return (Act(ActKind.DRAFT, "Draft the message", subject, talk, draft_kind="stay_in_touch"),)
    if kind is ActKind.SET_GOALS:
        month = goal_month(today)
        return (Act(ActKind.SET_GOALS, f"Set goals for {month_label(month)}", month=month),)
    labels = {
        ActKind.LOG: "Log a conversation",
        ActKind.OPEN_PERSON: "Open their page",
        ActKind.OPEN_PREP: "Open the prep card",
        ActKind.OPEN_EVENTS: "Open events",
    }
    return (Act(kind, labels[kind], subject),)


# ------------------------------------------------------------------ not now


def set_aside_key(nudge: Nudge) -> tuple[str, int | None]:
    """What "not now" puts away: this rule's advice about this person (or about no one in particular)."""
    return nudge.rule, nudge.subject


def still_aside(items: Iterable[SetAside], today: dt.date) -> list[SetAside]:
    """The advice set aside that has not come back yet, soonest back first."""
    return sorted(
        (item for item in items if item.until is not None and item.until > today),
        key=lambda item: (item.until or today, item.id or 0),
    )


def shown_nudges(
    ranked: Sequence[Nudge], set_aside: Iterable[SetAside], today: dt.date, limit: int | None = None
) -> list[Nudge]:
    """The ranked advice without what the member set aside, led again by diverse leaders.

    Taking a card away must not leave a hole: the next piece of advice about
    someone else moves up, as if the one set aside had never been there.
    """
    hidden = {(item.rule, item.person_id) for item in still_aside(set_aside, today)}
    kept = [n for n in ranked if set_aside_key(n) not in hidden]
    kept.sort(key=lambda n: (-n.score, n.rule, n.person_ids))
    leaders, others = diverse_leaders(kept, TOP)
    if limit is not None and limit <= TOP:
        return leaders[:limit]
    found = leaders + others
    return found if limit is None else found[:limit]
