"""A signal as read from text alone, before it is tied to a record and to people."""

from __future__ import annotations

import dataclasses
import datetime as dt

from netcoach.coach.signals.model import Feeling, SignalKind


@dataclasses.dataclass(frozen=True)
class Found:
    """One finding in one sentence: what `signals_in` returns for any text.

    `why` is the reason of the pattern that matched ("someone is hiring"), so
    a reader or a test can see what in the sentence counted.
    """

    kind: SignalKind
    quote: str
    due: dt.date | None = None
    feeling: Feeling | None = None
    what: str = ""
    why: str = ""
