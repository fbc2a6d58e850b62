"""How long the notes of someone taken off the cohort are kept, the notice they get, and when they go.

The instance sets a retention period (`[netcoach] retention_days`); without
one nothing is ever deleted or announced. With one, the notes of a removed
person are deleted on the removal day plus that many days. When the instance
can send mail, a first notice goes out at the first run after the removal and
a reminder a week before the date, and the notes are never deleted before a
first notice has gone out and had a week to be read: a notice sent late (a
period set after the removal, a mail server that was down) moves the date on.
Someone invited again is no longer removed, and nothing here touches them.

Everything here but `NoticeBook` is pure; the command `python -m netcoach
retention` and the removed person's sign-in page both decide from `plan`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from netcoach.models import ValidationError
from netcoach.storage import MemberStore
from netcoach.team.book import Entry

NOTICES = "retention_notices"  # {member_id, email, removed_on, kind, deletes_on, at, to}: one line per notice mailed
FIRST = "first"
REMINDER = "reminder"
REMINDER_DAYS = 7  # the reminder goes this many days before the date; a late first notice holds the date this long
MAX_RETENTION_DAYS = 3650

# Audit actions (the words are in netcoach.team.book.AUDIT_WORDS).
DELETED_AFTER_RETENTION = "delete_after_retention"
DELETED_ON_OWN_REQUEST = "delete_own_after_removal"
RETENTION_BY = "netcoach (retention period)"


def retention_days_from(value: object, field: str = "netcoach.retention_days") -> int | None:
    """The setting as the secrets file holds it: None when absent, a whole number of days, else a problem."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_RETENTION_DAYS:
        raise ValidationError([f"{field}: {str(value)[:20]!r} is not a number of days (1-{MAX_RETENTION_DAYS})"])
    return value


@dataclasses.dataclass(frozen=True)
class Notice:
    """A notice mail the server took: to whom, for which removal, and the date it announced."""

    member_id: str
    removed_on: dt.datetime
    kind: str  # first | reminder
    deletes_on: dt.date
    at: dt.datetime


@dataclasses.dataclass(frozen=True)
class Removed:
    """One removed person with a file, and what is due for them today."""

    member_id: str
    email: str
    name: str
    removed_on: dt.datetime
    deletes_on: dt.date
    first_notice_due: bool
    reminder_due: bool
    delete_due: bool

    @property
    def label(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email

    def days_after_removal(self, today: dt.date) -> int:
        return (today - self.removed_on.date()).days


@dataclasses.dataclass(frozen=True)
class Membership:
    """What the rules need of a membership (netcoach.team.roster.Membership has these)."""

    member_id: str
    email: str
    name: str


def deletion_date(removed_on: dt.date, days: int, first_notice: dt.date | None) -> dt.date:
    """The removal day plus the period, but never less than a week after a first notice mailed."""
    date = removed_on + dt.timedelta(days=days)
    if first_notice is not None:
        date = max(date, first_notice + dt.timedelta(days=REMINDER_DAYS))
    return date


def plan_one(
    membership: Membership,
    removal: Entry,
    days: int,
    today: dt.date,
    notices: Iterable[Notice],
    mail: bool,
) -> Removed:
    """What is due today for one removed person whose file exists; `mail`: whether the instance sends notices."""
    mine = [n for n in notices if n.member_id == membership.member_id and n.removed_on == removal.on]
    first = min((n.at.date() for n in mine if n.kind == FIRST), default=None)
    reminded = any(n.kind == REMINDER for n in mine)
    # A first notice still to go out goes today, and the date it announces counts from today.
    date = deletion_date(removal.on.date(), days, first if first is not None or not mail else today)
    reminder_from = date - dt.timedelta(days=REMINDER_DAYS)
    if not mail:
        first_due = reminder_due = False
        delete_due = today >= date
    else:
        first_due = first is None
        # A first notice that went out within the last week before the date is the reminder too.
        reminder_due = first is not None and not reminded and first < reminder_from <= today < date
        delete_due = first is not None and today >= date
    return Removed(
        member_id=membership.member_id,
        email=membership.email,
        name=membership.name,
        removed_on=removal.on,
        deletes_on=date,
        first_notice_due=first_due,
        reminder_due=reminder_due,
        delete_due=delete_due,
    )


def plan(
    removed: Mapping[str, Entry],
    memberships: Iterable[Membership],
    days: int | None,
    today: dt.date,
    notices: Iterable[Notice] = (),
    mail: bool = False,
    has_file: Callable[[str], bool] = lambda member_id: True,
) -> list[Removed]:
    """Per removed person whose file still exists, the deletion date and what is due; [] without a period.

    `removed` holds only people the instance still keeps off the cohort (someone invited again is not in
    it; a coordinator never is); `memberships` every membership of the team file.
    """
    if days is None:
        return []
    notices = list(notices)
    out: list[Removed] = []
    for membership in sorted(memberships, key=lambda m: (m.email, m.member_id)):
        removal = removed.get(membership.email)
        if removal is None or not has_file(membership.member_id):
            continue
        out.append(plan_one(membership, removal, days, today, notices, mail))
    return out


# ------------------------------------------------------------------ the words, the same in the mail and the app
def kept_until(deletes_on: dt.date) -> str:
    return f"{deletes_on:%d %b %Y}"


def notice_subject(kind: str) -> str:
    return (
        "netcoach: your notes will be deleted soon"
        if kind == REMINDER
        else "netcoach: your notes are kept until a date"
    )


def notice_sentence(deletes_on: dt.date, app_url: str = "") -> str:
    """The notice itself: the page a removed person sees says it in these words, the mail with the address."""
    where = f"netcoach {app_url}" if app_url else "this netcoach"
    return (
        f"Your notes on {where} are kept until {kept_until(deletes_on)}; sign in to download them; "
        "after that they are deleted."
    )


def notice_text(kind: str, name: str, deletes_on: dt.date, app_url: str) -> str:
    """The whole mail: their own name and the date, nothing from their notes."""
    greeting = f"Hello {' '.join(name.split())[:120]}," if name.strip() else "Hello,"
    opening = (
        "A reminder: you were taken off the cohort on netcoach, and the date below is a week away."
        if kind == REMINDER
        else "You were taken off the cohort on netcoach, so you can no longer use it as a member."
    )
    return (
        f"{greeting}\n\n{opening}\n\n{notice_sentence(deletes_on, app_url)}\n\n"
        'You can also delete them yourself at once: sign in and choose "Delete my notes now".\n\n'
        "This mail was sent by netcoach because your notes are kept there; it is the only kind of mail "
        "you will get about it.\n"
    )


# ------------------------------------------------------------------ the notices table
def _stamp(value: object) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return dt.datetime.min


def _date(value: object) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return dt.date.min


def notices_from_tables(tables: Mapping[str, Mapping[str, Any]]) -> list[Notice]:
    return [
        Notice(
            member_id=str(doc.get("member_id", "")),
            removed_on=_stamp(doc.get("removed_on")),
            kind=str(doc.get("kind", "")),
            deletes_on=_date(doc.get("deletes_on")),
            at=_stamp(doc.get("at")),
        )
        for doc in tables.get(NOTICES, {}).values()
    ]


class NoticeBook:
    """The notices mailed to removed people, in the team file; a line is written right after the server took it."""

    def __init__(self, store: MemberStore):
        self.store = store

    def all(self) -> list[Notice]:
        with self.store.reading() as (_, tables):
            return notices_from_tables(tables)

    def record(self, removed: Removed, kind: str, to: str, at: dt.datetime) -> None:
        with self.store.transaction() as db:
            db.table(NOTICES).insert(
                {
                    "member_id": removed.member_id,
                    "email": removed.email,
                    "removed_on": removed.removed_on.isoformat(),
                    "kind": kind,
                    "deletes_on": removed.deletes_on.isoformat(),
                    "at": at.replace(microsecond=0).isoformat(),
                    "to": to,
                }
            )
