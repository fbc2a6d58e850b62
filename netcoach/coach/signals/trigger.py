"""One entry of a pattern table: what it looks for, why that counts, and a sentence it catches.

Keeping the reason and an example beside each pattern lets a reader see why a
sentence matched, and lets the tests prove that every entry still catches the
sentence it was written for. Its anchors (the words it cannot match without)
let a sentence skip every pattern it has no word for, which is most of them.
"""

from __future__ import annotations

import dataclasses
import enum
import re

from netcoach.coach.signals.vocabulary import ADV, THIRD, compile_pattern


class Speaker(enum.Enum):
    """Who must be the subject just before a trigger for it to count.

    Patterns start at their verb ("offered to"), which keeps them fast; the
    subject before it is checked only once the verb is found.
    """

    ANYONE = "anyone"  # the pattern itself says enough ("asked me to")
    OTHER = "other"  # someone else right before it: "she offered", "Ana also suggested"
    OTHER_NEARBY = "other nearby"  # someone else a few words before, no "I" between: "Ben would be happy to"


_OTHER_BEFORE = re.compile(THIRD + ADV + r"[\s,]*$", re.IGNORECASE)
_OTHER_NEARBY = re.compile(THIRD + r"(?:(?!\bI\b)[^.;:!?]){0,30}?$", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")
_LOOK_BACK = 80  # characters before a trigger where its subject is looked for


@dataclasses.dataclass(frozen=True)
class Trigger:
    """A pattern that marks a sentence as one kind of signal.

    The match is the trigger itself ("asked me to"); the thing asked for is
    read from the words after it, or from where the optional `thing` group
    starts ("offered to (introduce me to Ana)"), or is the `what` group itself
    ("(the slides) I promised"). A trigger that is not `negatable` keeps its
    meaning after a "not" ("haven't sent the notes I promised" is still owed).
    """

    pattern: re.Pattern[str]
    why: str
    example: str
    anchors: frozenset[str]  # words of which the pattern needs at least one; cheap to test first
    negatable: bool = True
    speaker: Speaker = Speaker.ANYONE

    def said_by_right_speaker(self, before: str) -> bool:
        """The words before the match have the subject this trigger needs."""
        if self.speaker is Speaker.ANYONE:
            return True
        subject = _OTHER_BEFORE if self.speaker is Speaker.OTHER else _OTHER_NEARBY
        return bool(subject.search(before[-_LOOK_BACK:]))


def trigger(
    pattern: str,
    why: str,
    example: str,
    *,
    anchors: str,
    negatable: bool = True,
    speaker: Speaker = Speaker.ANYONE,
) -> Trigger:
    """A table entry; `anchors` are space-separated lowercase words, one of which every match contains."""
    return Trigger(compile_pattern(pattern), why, example, frozenset(anchors.split()), negatable, speaker)


def words_of(text: str) -> frozenset[str]:
    """The lowercase words of a text, split at anything not a letter ("I'll" gives "i" and "ll").

    Testing a table's anchors against this set is far cheaper than running
    its patterns, and most sentences of a log hold none of them.
    """
    return frozenset(_WORD.findall(text.lower()))
