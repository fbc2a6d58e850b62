"""Reaching the member when the app is closed: their private calendar link and their email digest settings.

A private link is `<member id>.<secret>`: the member id finds the one file to
look in without opening anyone else's, and the secret (32 random bytes) is
what proves the link was handed out. Making a new secret, or clearing it,
changes the member's file, so an old link stops working with the very next
request.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hmac
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from netcoach import outreach
from netcoach.models import DigestSent, Event, Reminders, ValidationError, parse_reminders
from netcoach.service.unit_of_work import PROFILE_ID, UnitOfWork, Work

SECRET_BYTES = 32
# How long the log of digests sent is kept: long enough to answer "was this week's sent?".
SENT_LOG_DAYS = 60


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def split_link_token(token: str) -> tuple[str, str] | None:
    """(member id, secret) from a link's token, or None for anything that is not one."""
    member_id, dot, secret = token.partition(".")
    return (member_id, secret) if dot and member_id and secret else None


def secret_matches(stored: str, given: str) -> bool:
    """In constant time, so a wrong guess says nothing about how close it was."""
    return bool(stored) and hmac.compare_digest(stored.encode(), given.encode())


class ReminderService(UnitOfWork):
    def reminders(self) -> Reminders:
        return self.snapshot().reminders

    def _save_reminders(self, work: Work, **changes: Any) -> Reminders:
        stored: Mapping[str, Any] = work.reminders.document(PROFILE_ID) or {}
        reminders = parse_reminders({**stored, **changes})
        work.reminders.put(PROFILE_ID, reminders)
        return reminders

    # ---------------------------------------------------------- calendar link
    def calendar_link_token(self) -> str | None:
        """The token of the member's private calendar link, or None while they have none."""
        secret = self.reminders().calendar_secret
        return f"{self.member_id}.{secret}" if secret else None

    def new_calendar_link(self) -> str:
        """Make the private calendar link (a new one replaces the old, which stops working at once)."""
        with self._work() as work:
            reminders = self._save_reminders(work, calendar_secret=new_secret())
        return f"{self.member_id}.{reminders.calendar_secret}"

    def stop_calendar_link(self) -> None:
        """Switch the private calendar link off: anyone holding it gets nothing from now on."""
        with self._work() as work:
            self._save_reminders(work, calendar_secret="")

    def calendar_feed(self, secret: str, app_url: str = "") -> bytes | None:
        """The member's calendar for a subscription, or None when `secret` is not their current one."""
        snapshot = self.snapshot()
        if not secret_matches(snapshot.reminders.calendar_secret, secret):
            return None
        return outreach.member_calendar(snapshot, self.today, app_url)

    # ---------------------------------------------------------------- digests
    def save_digest_settings(self, raw: Mapping[str, Any], *, needs_address: bool = False) -> Reminders:
        """Which digests go out, when and (on a local dashboard) where; the other settings keep their value.

        `needs_address`: the digests go to the address typed here (a local
        dashboard), so switching one on without an address is refused.
        """
        allowed = {k: v for k, v in raw.items() if k in ("email", "weekly", "weekday", "hour", "daily")}
        if "email" in allowed and isinstance(allowed["email"], str):
            allowed["email"] = allowed["email"].strip()
        wants = bool(allowed.get("weekly")) or bool(allowed.get("daily"))
        if needs_address and wants and not allowed.get("email"):
            raise ValidationError(["email: needed to send you a digest"])
        with self._work() as work:
            current = parse_reminders(work.reminders.document(PROFILE_ID) or {})
            # Every digest carries an unsubscribe link, so the secret exists before the first one goes out.
            secret = current.unsubscribe_secret or new_secret()
            return self._save_reminders(work, **allowed, unsubscribe_secret=secret)

    def unsubscribe_token(self) -> str | None:
        secret = self.reminders().unsubscribe_secret
        return f"{self.member_id}.{secret}" if secret else None

    def holds_unsubscribe_secret(self, secret: str) -> bool:
        return secret_matches(self.reminders().unsubscribe_secret, secret)

    def unsubscribe(self, secret: str) -> bool:
        """Stop every digest, for the holder of the member's unsubscribe link; False for any other secret."""
        with self._work() as work:
            current = parse_reminders(work.reminders.document(PROFILE_ID) or {})
            if not secret_matches(current.unsubscribe_secret, secret):
                return False
            self._save_reminders(work, weekly=False, daily=False)
        return True

    def last_digest_sent(self) -> DigestSent | None:
        """The latest digest that went out, or None before the first."""
        return max(self.snapshot().digests_sent, key=lambda s: s.sent_at, default=None)

    def due_digests(self, now: dt.datetime) -> list[outreach.Due]:
        """The digests to send at `now` (server local time): chosen, their hour come, not yet sent."""
        snapshot = self.snapshot()
        return outreach.due_digests(snapshot.reminders, now, snapshot.digests_sent)

    def digest(
        self, kind: str, app_url: str, unsubscribe_url: str, team_events: Iterable[Event] = ()
    ) -> outreach.Digest:
        """This member's digest of `kind` for today, built from their own file (and the team's shared events)."""
        data = outreach.digest_input(self.snapshot(), self.today, team_events)
        return outreach.build_digest(kind, data, app_url, unsubscribe_url)

    def digest_was_sent(self, kind: str, period: str) -> bool:
        return any(s.kind == kind and s.period == period for s in self.snapshot().digests_sent)

    def record_digest_sent(self, kind: str, period: str, address: str, at: dt.datetime) -> None:
        """Note durably that this period's digest went out; old notes are dropped as new ones come."""
        sent = DigestSent(kind=kind, period=period, sent_at=at.isoformat(timespec="seconds"), address=address)
        oldest = (at - dt.timedelta(days=SENT_LOG_DAYS)).isoformat(timespec="seconds")
        with self._work() as work:
            log = work.digests_sent
            log.remove(i for i, doc in log.documents().items() if str(doc.get("sent_at", "")) < oldest)
            log.insert(dataclasses.replace(sent, id=None))
