"""The rules that admit each kind of record from raw input (a form, an import, a stored file)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from netcoach.models.enums import EventKind, GoalMetric, LoopKind, LoopStatus, MentorStage, Role, Setting
from netcoach.models.fields import FieldReader
from netcoach.models.limits import (
    FOLLOWUP_HORIZON,
    FUTURE_SLACK,
    LIST_MAX_ITEMS,
    NAME_MAX,
    NOTE_MAX,
    SHORT_TEXT_MAX,
    SIGNAL_KEY_MAX,
)
from netcoach.models.records import (
    Conversation,
    DigestSent,
    Event,
    Goal,
    Loop,
    Person,
    Profile,
    Reflection,
    Reminders,
    SetAside,
    TipProgress,
)

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+\Z")
# The secret of a private link: URL-safe base64 as `secrets.token_urlsafe` writes it.
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{32,86}\Z")
DIGEST_KINDS = ("weekly", "daily")


def parse_person(raw: Mapping[str, Any]) -> Person:
    f = FieldReader(raw)
    person = Person(
        name=f.text("name", required=True, max_len=NAME_MAX),
        role=f.choice("role", Role, Role.OTHER),
        organization=f.text("organization"),
        how_met=f.text("how_met"),
        links=f.text_list("links", max_len=500),
        tags=f.text_list("tags", max_len=40),
        mentor_stage=f.choice("mentor_stage", MentorStage, MentorStage.NONE),
        cadence_days=f.optional_integer("cadence_days", 1, 365),
        email=f.text("email"),
        notes=f.text("notes", max_len=NOTE_MAX),
        title=f.text("title"),
        phones=f.text_list("phones", max_len=40),
        other_emails=f.text_list("other_emails"),
        birthday=f.text("birthday", max_len=10),
        id=f.record_id(),
    )
    for link in person.links:
        if not re.match(r"^(https?://|mailto:)", link, re.IGNORECASE):
            f.fail("links", f"{link[:40]!r} must start with http://, https:// or mailto:")
            break
    if person.email and not EMAIL_RE.match(person.email):
        f.fail("email", f"{person.email[:40]!r} is not an email address")
    for other in person.other_emails:
        if not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", other):
            f.fail("other_emails", f"{other[:40]!r} is not an email address")
            break
    if person.birthday and not birthday_is_valid(person.birthday):
        f.fail("birthday", f"{person.birthday!r} is not a day like 1999-03-12 (or --03-12 without the year)")
    f.finish()
    return person


def birthday_is_valid(text: str) -> bool:
    """A birthday as contact files give it: a whole date, or month and day when the year is private."""
    match = re.fullmatch(r"(\d{4}|-)-(\d{2})-(\d{2})", text)
    if not match:
        return False
    year = 2000 if match.group(1) == "-" else int(match.group(1))  # 2000 is a leap year: --02-29 is a day
    try:
        dt.date(year, int(match.group(2)), int(match.group(3)))
    except ValueError:
        return False
    return True


def _person_ids(f: FieldReader, new_people: int) -> tuple[int, ...]:
    value = f.raw.get("person_ids")
    if new_people and not value:
        value = []  # everyone in it is new: nobody known needs picking
    if value is None or value == [] or value == ():
        if not new_people:
            f.fail("person_ids", "pick at least one person")
        return ()
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value
    ):
        f.fail("person_ids", "must be a list of person ids")
        return ()
    if len(value) + new_people > LIST_MAX_ITEMS:
        f.fail("person_ids", f"too many people ({len(value) + new_people}, at most {LIST_MAX_ITEMS})")
        return ()
    return tuple(dict.fromkeys(value))


def parse_conversation(raw: Mapping[str, Any], *, new_people: int = 0) -> Conversation:
    """A conversation from raw fields; `new_people` counts people not yet stored who will join it.

    Those people have no ids yet, so the result holds only the known ones; the caller adds
    the new ids once they exist. They still count towards the limit on people.
    """
    f = FieldReader(raw)
    conversation = Conversation(
        date=f.date("date", required=True) or dt.date.min,
        person_ids=_person_ids(f, new_people),
        setting=f.choice("setting", Setting, Setting.ONE_ON_ONE),
        event_id=f.optional_integer("event_id", 1, 10**9),
        event=f.text("event"),
        topics=f.text_list("topics", max_len=60),
        learned=f.text("learned", max_len=NOTE_MAX),
        help_offered=f.text("help_offered", max_len=NOTE_MAX),
        quality=f.integer("quality", 1, 5, default=3) or 3,
        followup_due=f.date("followup_due"),
        followup_done=f.date("followup_done"),
        followup_note=f.text("followup_note", max_len=SHORT_TEXT_MAX),
        notes=f.text("notes", max_len=NOTE_MAX),
        id=f.record_id(),
    )
    if conversation.date != dt.date.min:
        if conversation.followup_due and conversation.followup_due < conversation.date:
            f.fail("followup_due", "must be on or after the conversation date")
        if conversation.followup_done and conversation.followup_done < conversation.date:
            f.fail("followup_done", "must be on or after the conversation date")
    f.finish()
    return conversation


def conversation_date_problems(
    conversation: Conversation, today: dt.date, fields: Iterable[str] = ("date", "followup_due", "followup_done")
) -> list[str]:
    """The rules on a conversation's dates that depend on today, for the given fields.

    Kept apart from `parse_conversation` because they change as days pass: a record that
    passed yesterday still loads today. Every way in (the form, an import) applies them
    to what it writes; an edit applies them only to the dates it changes.
    """
    problems: list[str] = []
    wanted = set(fields)
    latest = today + FUTURE_SLACK
    if "date" in wanted and conversation.date > latest:
        problems.append(f"date: {conversation.date.isoformat()} is in the future (latest {latest.isoformat()})")
    due = conversation.followup_due
    if "followup_due" in wanted and due and due > today + FOLLOWUP_HORIZON:
        horizon = (today + FOLLOWUP_HORIZON).isoformat()
        problems.append(f"followup_due: {due.isoformat()} is too far ahead (latest {horizon})")
    done = conversation.followup_done
    if "followup_done" in wanted and done and done > latest:
        problems.append(f"followup_done: {done.isoformat()} is in the future (latest {latest.isoformat()})")
    return problems


def parse_event(raw: Mapping[str, Any]) -> Event:
    f = FieldReader(raw)
    event = Event(
        name=f.text("name", required=True, max_len=NAME_MAX),
        date=f.date("date", required=True) or dt.date.min,
        kind=f.choice("kind", EventKind, EventKind.COMPANY),
        attended=bool(f.boolean("attended", default=False)),
        place=f.text("place"),
        description=f.text("description", max_len=NOTE_MAX),
        shared_id=f.optional_integer("shared_id", 1, 10**9),
        id=f.record_id(),
    )
    f.finish()
    return event


def parse_goal(raw: Mapping[str, Any]) -> Goal:
    f = FieldReader(raw)
    month = f.month("month")
    goal = Goal(
        month=month,
        metric=f.choice("metric", GoalMetric, None),
        target=f.integer("target", 1, 999) or 0,
        id=f.record_id(),
    )
    f.finish()
    return goal


def parse_tip_progress(raw: Mapping[str, Any]) -> TipProgress:
    f = FieldReader(raw)
    progress = TipProgress(
        tip_id=f.text("tip_id", required=True, max_len=60),
        read_on=f.date("read_on"),
        tried_on=f.date("tried_on"),
        reflection=f.text("reflection", max_len=NOTE_MAX),
        next_review=f.date("next_review"),
        useful=f.boolean("useful", default=None),
        id=f.record_id(),
    )
    f.finish()
    return progress


def parse_reflection(raw: Mapping[str, Any]) -> Reflection:
    f = FieldReader(raw)
    month = f.month("month")
    reflection = Reflection(month=month, text=f.text("text", max_len=NOTE_MAX), id=f.record_id())
    f.finish()
    return reflection


def parse_set_aside(raw: Mapping[str, Any]) -> SetAside:
    """Advice put away: the rule that gave it, the person it is about (if any), and the day it comes back."""
    f = FieldReader(raw)
    item = SetAside(
        rule=f.text("rule", required=True, max_len=SIGNAL_KEY_MAX),
        person_id=f.optional_integer("person_id", 0, 10**9),
        title=f.text("title"),
        until=f.date("until", required=True),
        set_on=f.date("set_on"),
        id=f.record_id(),
    )
    if item.until and item.set_on and item.until < item.set_on:
        f.fail("until", "must be on or after the day it was set aside")
    f.finish()
    return item


def parse_loop(raw: Mapping[str, Any]) -> Loop:
    """A loop from raw fields: a promise the member confirmed, dismissed or closed, or added by hand.

    One added by hand (no signal key) is about someone and says what was promised;
    one found in a note keeps whatever the note held. Only a closed loop has a
    closing day.
    """
    f = FieldReader(raw)
    loop = Loop(
        kind=f.choice("kind", LoopKind, None),
        person_ids=_loop_person_ids(f),
        status=f.choice("status", LoopStatus, LoopStatus.CONFIRMED),
        signal_key=f.text("signal_key", max_len=SIGNAL_KEY_MAX),
        text=f.text("text", max_len=NOTE_MAX),
        what=f.text("what", max_len=SHORT_TEXT_MAX),
        due=f.date("due"),
        decided_on=f.date("decided_on"),
        closed_on=f.date("closed_on"),
        conversation_id=f.optional_integer("conversation_id", 1, 10**9),
        id=f.record_id(),
    )
    if not loop.signal_key:
        if not loop.person_ids and not f.has_problem("person_ids"):
            f.fail("person_ids", "pick the person it is with")
        if not loop.what:
            f.fail("what", "required")
    if loop.status is LoopStatus.CLOSED and loop.closed_on is None:
        f.fail("closed_on", "a closed loop needs the day it was closed")
    if loop.status is not LoopStatus.CLOSED and loop.closed_on is not None:
        f.fail("closed_on", "only a closed loop has a closing day")
    if loop.closed_on and loop.decided_on and loop.closed_on < loop.decided_on:
        f.fail("closed_on", "must be on or after the day it was confirmed")
    f.finish()
    return loop


def _loop_person_ids(f: FieldReader) -> tuple[int, ...]:
    value = f.raw.get("person_ids")
    if value is None or value == [] or value == ():
        return ()
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value
    ):
        f.fail("person_ids", "must be a list of person ids")
        return ()
    if len(value) > LIST_MAX_ITEMS:
        f.fail("person_ids", f"too many people ({len(value)}, at most {LIST_MAX_ITEMS})")
        return ()
    return tuple(dict.fromkeys(value))


def parse_profile(raw: Mapping[str, Any]) -> Profile:
    f = FieldReader(raw)
    profile = Profile(
        display_name=f.text("display_name", max_len=NAME_MAX),
        internship_start=f.date("internship_start"),
        internship_end=f.date("internship_end"),
        default_followup_days=f.integer("default_followup_days", 0, 60, default=2) or 0,
        default_setting=f.choice("default_setting", Setting, Setting.ONE_ON_ONE),
    )
    start, end = profile.internship_start, profile.internship_end
    if start and end and end < start:
        f.fail("internship_end", "must be on or after the day the internship starts")
    f.finish()
    return profile


def parse_reminders(raw: Mapping[str, Any]) -> Reminders:
    """Reminder settings: which digests, when, where to; and the secrets of the member's private links."""
    f = FieldReader(raw)
    reminders = Reminders(
        calendar_secret=f.text("calendar_secret"),
        unsubscribe_secret=f.text("unsubscribe_secret"),
        email=f.text("email"),
        weekly=bool(f.boolean("weekly", default=False)),
        weekday=f.integer("weekday", 0, 6, default=0) or 0,
        hour=f.integer("hour", 0, 23, default=8) or 0,
        daily=bool(f.boolean("daily", default=False)),
    )
    for name in ("calendar_secret", "unsubscribe_secret"):
        value = getattr(reminders, name)
        if value and not SECRET_RE.match(value):
            f.fail(name, "is not a link secret netcoach made")
    if reminders.email and not EMAIL_RE.match(reminders.email):
        f.fail("email", f"{reminders.email[:40]!r} is not an email address")
    f.finish()
    return reminders


def parse_digest_sent(raw: Mapping[str, Any]) -> DigestSent:
    """A digest that went out, by kind and the period it covers."""
    f = FieldReader(raw)
    sent = DigestSent(
        kind=f.text("kind", required=True),
        period=f.text("period", required=True),
        sent_at=f.text("sent_at"),
        address=f.text("address"),
        id=f.record_id(),
    )
    if sent.kind and sent.kind not in DIGEST_KINDS:
        f.fail("kind", f"{sent.kind[:20]!r} is not one of: {', '.join(DIGEST_KINDS)}")
    f.finish()
    return sent
