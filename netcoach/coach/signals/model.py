"""What the coach finds in the member's own words: opportunities, promises, advice and feelings.

A signal keeps the sentence it came from and where that sentence was
written, so every piece of advice built on it can quote the member back to
themselves ("you wrote: 'she asked me to send my CV by Friday'").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib


class SignalKind(enum.StrEnum):
    """What a sentence says, from the member's side of the relationship."""

    OPPORTUNITY = "opportunity"  # hiring, an open role, a referral, an application date
    I_PROMISED = "i_promised"  # the member said they would send or do something
    THEY_ASKED = "they_asked"  # the contact asked the member to send or do something
    THEY_OFFERED = "they_offered"  # the contact offered an introduction, a review, help
    ADVICE = "advice"  # advice the contact gave the member
    FEELING = "feeling"  # how the member feels (see `Feeling`)

    @property
    def owed_by_member(self) -> bool:
        """A promise the member has to keep: their own, or a request they accepted."""
        return self in (SignalKind.I_PROMISED, SignalKind.THEY_ASKED)

    @property
    def is_promise(self) -> bool:
        """Kinds the member can confirm as an open loop (a promise either way)."""
        return self in (SignalKind.I_PROMISED, SignalKind.THEY_ASKED, SignalKind.THEY_OFFERED)

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    SignalKind.OPPORTUNITY: "Opportunity",
    SignalKind.I_PROMISED: "You promised",
    SignalKind.THEY_ASKED: "They asked you",
    SignalKind.THEY_OFFERED: "They offered",
    SignalKind.ADVICE: "Advice",
    SignalKind.FEELING: "How you felt",
}


class Feeling(enum.StrEnum):
    NERVOUS = "nervous"  # before a conversation or event
    OVERWHELMED = "overwhelmed"  # too much at once
    BEHIND = "behind"  # failing, stuck, not enough done
    PROUD = "proud"  # a win worth naming

    @property
    def is_low(self) -> bool:
        return self is not Feeling.PROUD


class SourceKind(enum.StrEnum):
    """Which record and field a sentence was written in."""

    CONVERSATION = "conversation"
    PERSON = "person"
    REFLECTION = "reflection"
    TIP = "tip"
    LOOP = "loop"  # a promise the member typed in themselves


@dataclasses.dataclass(frozen=True)
class Source:
    kind: SourceKind
    record_id: int  # conversation, person, reflection, tip-progress or loop id
    field: str  # "learned", "notes", "help_offered", "topics", "text", "reflection"
    written_on: dt.date  # conversation date; last day of a reflection's month; today for person notes


@dataclasses.dataclass(frozen=True)
class Signal:
    """One finding in one sentence the member wrote."""

    kind: SignalKind
    quote: str  # the member's sentence, as written (whitespace collapsed), never reworded
    source: Source
    person_ids: tuple[int, ...]  # who it is about: the conversation's people, or the person
    due: dt.date | None = None  # a date the sentence names ("by Friday", "applications close 3 May")
    feeling: Feeling | None = None  # set for FEELING only
    what: str = ""  # the thing promised or offered, in the member's words ("the slides"), when found

    @property
    def key(self) -> str:
        """Stable across reads of an unchanged note, so a confirm or dismiss sticks to this sentence."""
        digest = _digest(self.quote)
        return f"{self.source.kind}:{self.source.record_id}:{self.source.field}:{self.kind}:{digest}"


def _digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.lower().split()).encode()).hexdigest()[:12]
