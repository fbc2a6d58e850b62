"""The thing a promise, request or offer is about, cut from the member's own words.

"I'll send him my notes by Friday" owes "my notes"; "she offered to introduce
me to Ana" offers "introduce me to Ana". The advice built on a signal names
that thing, so it is always a piece of the sentence, never a paraphrase, and
it is left empty rather than guessed when the words after the trigger do not
hold a clear thing ("I'll follow up with Ben" owes nobody a named thing).
"""

from __future__ import annotations

import re

from netcoach.coach.signals.vocabulary import HANDOVER_VERB, NAME

_MAX_WORDS = 8
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_DETERMINER = r"(?:my|the|a|an|our|some|his|her|their|this|that|these|those|its|your|any|over|back|along)"
# Whoever receives the thing, before it: "send (him) my notes", "send (Ana) my CV".
_RECIPIENT = re.compile(
    rf"^(?:him|them|us|me|you|her(?=\s+{_DETERMINER}\b)|{NAME}(?=\s+{_DETERMINER}\b))\s+", re.IGNORECASE
)
_HANDOVER = re.compile(rf"^{HANDOVER_VERB}\b\s*(?:(?:over|along|across|back|on)\b\s*)?", re.IGNORECASE)
# "get back to her with the numbers", "follow up with the report": the thing comes after "with".
_FOLLOW_UP_WITH = re.compile(
    rf"(?:(?:to|with)\s+)?(?:(?:him|her|them|you|{NAME})\s+)?(?:with|on|about)\s+", re.IGNORECASE
)
_FOLLOW_UP = re.compile(r"^(?:get\s+back\s+to|follow\s+up)\b", re.IGNORECASE)
# Where the thing stops: punctuation, a new clause, or a date.
_END = re.compile(
    r"[,;:.!?()\[\]\"“”]"
    r"|\s(?:and|or|but|so|because|since|once|when|whenever|after|before|if|unless|while|which|who|though|although"
    r"|then|until|till|by|due|asap|soon|later|tomorrow|today|tonight|as\s+soon|first\s+thing|end\s+of|within"
    rf"|ahead\s+of|I|(?:next|this|on)\s+(?:week|weekend|month|morning|afternoon|evening|{_WEEKDAY})|{_WEEKDAY}"
    r"|in\s+(?:a|an|one|two|three|four|five|a\s+few|a\s+couple\s+of|\d+)\s+(?:days?|weeks?|months?)"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*"
    r"|\d{4}-\d{1,2}-\d{1,2})\b",
    re.IGNORECASE,
)
# A handed-over thing also stops where its receiver or purpose starts: "the slides (to Ana)".
_END_OF_OBJECT = re.compile(r"\s(?:to|for|with|from|via|over|back|at|on|in|into|as)\b", re.IGNORECASE)
_TRAILING = re.compile(
    r"(?:\s+(?:the|a|an|my|to|for|with|from|of|and|or|over|back|along|up|on|in|at))+$", re.IGNORECASE
)
_EMPTY_THINGS = re.compile(rf"^(?:it|them|that|this|one|those|these|him|her|me|you|us|{NAME})$", re.IGNORECASE)


def thing_after(text: str) -> str:
    """The thing named at the start of `text`, the words just after a trigger; "" when none is clear."""
    rest = text.lstrip(" :-–—")
    handed = _HANDOVER.match(rest)
    if handed:
        if _FOLLOW_UP.match(rest):
            with_thing = _FOLLOW_UP_WITH.match(rest, handed.end())
            if not with_thing:
                return ""
            return _object(rest[with_thing.end() :])
        return _object(rest[handed.end() :])
    if re.match(rf"{_DETERMINER}\b|him\b|them\b|me\b", rest, re.IGNORECASE) or _RECIPIENT.match(rest):
        return _object(rest)
    return _phrase(rest)


def _object(text: str) -> str:
    """A handed-over thing: the receiver before it and everything after it left off."""
    recipient = _RECIPIENT.match(text)
    if recipient:
        text = text[recipient.end() :]
    text = re.sub(r"^(?:over|along|across|back)\s+", "", text, flags=re.IGNORECASE)
    thing = _phrase(text)
    cut = _END_OF_OBJECT.search(thing)
    if cut:
        thing = thing[: cut.start()]
    thing = _TRAILING.sub("", thing).strip()
    return "" if _EMPTY_THINGS.match(thing) else thing


def _phrase(text: str) -> str:
    """The words up to the end of the clause or a date, at most a few of them."""
    end = _END.search(text)
    phrase = text[: end.start()] if end else text
    words = phrase.split(" ")[:_MAX_WORDS]
    return _TRAILING.sub("", " ".join(words).strip())
