"""A member's reminders as a calendar: follow-ups, check-ins, events, the end of the internship, goal days.

An intern lives in their work calendar; a follow-up due on Thursday should
show up there. Every item has a UID that stays the same from one download to
the next (the record it comes from, not its date), so a calendar that
re-reads the file updates an item instead of adding a copy, and an item whose
reason is gone (a follow-up marked sent) simply drops out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

import icalendar

from netcoach.coach.months import month_days, month_of, shift_month
from netcoach.coach.relationships import TouchStatus, keep_in_touch
from netcoach.coach.wording import name_list
from netcoach.models import Conversation, Snapshot

PRODUCT_ID = "-//netcoach//networking reminders//EN"
UID_DOMAIN = "netcoach"
THANK_YOU_WEEK_DAYS = 7  # the week before the last day: time to thank people and swap contact details
GOAL_MONTHS_AHEAD = 3  # "set this month's goals" on the first of this month and the next few


@dataclasses.dataclass(frozen=True)
class CalendarItem:
    """One all-day reminder: what it is, on which day, why, and where in the app to act on it."""

    uid: str
    day: dt.date
    title: str
    description: str
    page: str  # the app page that acts on it, with its query ("followups", "people?person=3")
    days: int = 1  # how many days it covers, from `day` (the thank-you week spans its week)


def calendar_items(snapshot: Snapshot, today: dt.date) -> list[CalendarItem]:
    """Everything worth a day in the member's calendar, soonest first."""
    items = [
        *_followups(snapshot, today),
        *_check_ins(snapshot, today),
        *_events(snapshot, today),
        *_internship_end(snapshot, today),
        *_goal_days(today),
    ]
    return sorted(items, key=lambda item: (item.day, item.uid))


def member_calendar(snapshot: Snapshot, today: dt.date, app_url: str = "") -> bytes:
    """The items as an iCalendar file; `app_url` makes each item link back to its page."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "netcoach")
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    for item in calendar_items(snapshot, today):
        event = icalendar.Event()
        event.add("uid", f"{item.uid}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + dt.timedelta(days=item.days))
        event.add("summary", item.title)
        link = f"{app_url.rstrip('/')}/{item.page}" if app_url else ""
        event.add("description", f"{item.description}\n\n{link}".strip() if link else item.description)
        if link:
            event.add("url", link)
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the day stays free
        cal.add_component(event)
    return cal.to_ical()


def _followups(snapshot: Snapshot, today: dt.date) -> Iterable[CalendarItem]:
    """Open follow-ups on their due day; an overdue one on today, where it can still be seen."""
    names = snapshot.person_by_id()
    for conversation in snapshot.conversations:
        if not conversation.needs_followup or conversation.followup_due is None or conversation.id is None:
            continue
        who = name_list([names[pid].name for pid in conversation.person_ids if pid in names]) or "someone"
        yield CalendarItem(
            uid=f"followup-{conversation.id}",
            day=max(conversation.followup_due, today),
            title=f"Follow up with {who}",
            description=_followup_description(conversation),
            page="followups",
        )


def _followup_description(conversation: Conversation) -> str:
    lines = []
    if conversation.followup_note.strip():
        lines.append(f"What to send: {conversation.followup_note.strip()}")
    context = conversation.event.strip() or conversation.setting.label
    lines.append(f"You talked on {conversation.date:%d %b %Y} ({context}).")
    if conversation.topics:
        lines.append("Topics: " + ", ".join(conversation.topics))
    if conversation.learned.strip():
        lines.append(f"What you learned: {conversation.learned.strip()}")
    return "\n".join(lines)


def _check_ins(snapshot: Snapshot, today: dt.date) -> Iterable[CalendarItem]:
    """Keep-in-touch dates for people the member keeps a rhythm with, shown on the day they fall due."""
    people = snapshot.person_by_id()
    for row in keep_in_touch(snapshot, today):
        person = people.get(row.person_id)
        if person is None or person.cadence_days is None:
            continue  # only rhythms the member set: a default guess would flood the calendar
        day = today if row.status is TouchStatus.OVERDUE else row.due_date
        yield CalendarItem(
            uid=f"checkin-{row.person_id}",
            day=day,
            title=f"Check in with {person.name}",
            description=f"You keep in touch every {row.cadence_days} days; last talked {row.last_date:%d %b %Y}.",
            page=f"people?person={row.person_id}",
        )


def _events(snapshot: Snapshot, today: dt.date) -> Iterable[CalendarItem]:
    for event in snapshot.events:
        if event.id is None or event.date < today:
            continue
        where = f" at {event.place.strip()}" if event.place.strip() else ""
        yield CalendarItem(
            uid=f"event-{event.id}",
            day=event.date,
            title=f"{event.name}{where}",
            description=(event.description.strip() + "\n\n" if event.description.strip() else "")
            + "Aim to leave with two new names; the event's prep card has an intro and questions.",
            page="events",
        )


def _internship_end(snapshot: Snapshot, today: dt.date) -> Iterable[CalendarItem]:
    end = snapshot.profile.internship_end
    if end is None or end < today:
        return
    yield CalendarItem(
        uid="internship-last-day",
        day=end,
        title="Last day of the internship",
        description="Thank the people who helped, and make sure they know how to reach you.",
        page="followups",
    )
    # The whole week before the last day, or what is left of it once it has begun.
    week = max(end - dt.timedelta(days=THANK_YOU_WEEK_DAYS), today)
    if week < end:
        yield CalendarItem(
            uid="internship-thank-you-week",
            day=week,
            title="Thank-you week",
            description="The last week: thank your supervisor and mentors, ask for a reference and a return-offer "
            "conversation, and swap personal contact details.",
            page="followups",
            days=(end - week).days,
        )


def _goal_days(today: dt.date) -> Iterable[CalendarItem]:
    for ahead in range(GOAL_MONTHS_AHEAD):
        month = shift_month(month_of(today), ahead)
        first, _ = month_days(month)
        if first < today and ahead == 0:
            continue
        yield CalendarItem(
            uid=f"goals-{month}",
            day=first,
            title="Set this month's goals",
            description="A few reachable numbers for the month; the Goals page suggests them from your history.",
            page=f"goals?month={month}",
        )
