"""Asks for help: the one way a member's own words reach a coordinator, sent by the member on purpose.

A member sends "please contact me" with an optional short message; the team
file keeps exactly what they were shown before sending (their name, their
sign-in address, the message). A coordinator marks it handled and the member
sees that. One ask is open per member at a time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from netcoach.models import ValidationError
from netcoach.models.fields import FieldReader
from netcoach.service import StaleRecordError
from netcoach.storage import MemberStore
from netcoach.team.book import Now

HELP = "help_requests"  # team file: {member_id, name, email, message, sent, handled, handled_by}
MAX_MESSAGE = 500


@dataclasses.dataclass(frozen=True)
class HelpRequest:
    id: int
    member_id: str
    name: str
    email: str
    message: str
    sent: dt.datetime
    handled: dt.datetime | None = None
    handled_by: str = ""

    @property
    def is_open(self) -> bool:
        return self.handled is None


def _when(value: object) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _request(doc_id: int, doc: dict[str, Any]) -> HelpRequest:
    return HelpRequest(
        id=doc_id,
        member_id=str(doc.get("member_id", "")),
        name=str(doc.get("name", "")),
        email=str(doc.get("email", "")),
        message=str(doc.get("message", "")),
        sent=_when(doc.get("sent")) or dt.datetime.min,
        handled=_when(doc.get("handled")),
        handled_by=str(doc.get("handled_by", "")),
    )


def help_message(text: str) -> str:
    """The message as it will be sent (trimmed), or a problem naming the field as the form labels it."""
    reader = FieldReader({"message": text})
    message = reader.text("message", max_len=MAX_MESSAGE)
    if reader.problems:
        raise ValidationError([p.replace("message: ", "Message for the coordinator: ", 1) for p in reader.problems])
    return message


class HelpDesk:
    """The asks for help in one team file."""

    def __init__(self, store: MemberStore, now: Now):
        self.store = store
        self._now = now

    def all(self) -> list[HelpRequest]:
        """Every ask, newest first."""
        with self.store.reading() as (_, tables):
            found = [_request(int(i), dict(d)) for i, d in tables.get(HELP, {}).items()]
        return sorted(found, key=lambda r: (r.sent, r.id), reverse=True)

    def open(self) -> list[HelpRequest]:
        """Open asks, oldest first: the one waiting longest comes first."""
        return sorted((r for r in self.all() if r.is_open), key=lambda r: (r.sent, r.id))

    def latest_of(self, member_id: str) -> HelpRequest | None:
        return next((r for r in self.all() if r.member_id == member_id), None)

    def send(self, member_id: str, name: str, email: str, message: str) -> HelpRequest:
        text = help_message(message)
        sent = self._now().replace(microsecond=0)
        doc = {"member_id": member_id, "name": name[:120], "email": email, "message": text, "sent": sent.isoformat()}
        with self.store.transaction() as db:
            table = db.table(HELP)
            if any(d.get("member_id") == member_id and not d.get("handled") for d in table.all()):
                raise StaleRecordError(["Your earlier ask is still open; the coordinator has it"])
            doc_id = table.insert(doc)
        return _request(doc_id, doc)

    def mark_handled(self, request_id: int, by: str, *, expected: HelpRequest | None = None) -> None:
        """Mark an ask handled; with `expected` (as shown), only if it is still that open ask."""
        with self.store.transaction() as db:
            table = db.table(HELP)
            doc = table.get(doc_id=request_id)
            current = _request(request_id, dict(doc)) if isinstance(doc, dict) else None
            if current is None or not current.is_open or (expected is not None and current != expected):
                raise StaleRecordError(["This ask changed since the page was shown (handled already?); look again"])
            table.update(
                {"handled": self._now().replace(microsecond=0).isoformat(), "handled_by": by}, doc_ids=[request_id]
            )
