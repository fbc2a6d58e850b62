"""What cancels a match: a "not", a condition, the wrong speaker, a quotation, or a chance already gone.

A pattern finds the words ("hiring"); these checks ask whether the sentence
means them ("not hiring", "if they are hiring", "hiring freeze").
"""

from __future__ import annotations

import re

from netcoach.coach.signals.model import SignalKind

_NEGATION_WINDOW = 4  # words before a trigger that a "not" can reach
_NEGATORS = frozenset(
    {"not", "no", "never", "nobody", "none", "nothing", "neither", "nor", "without", "hardly", "barely", "cannot"}
)
# A comma, colon or dash ends a negation's reach: "No worries, she's hiring".
_WINDOW_BREAK = re.compile(r"[,:–—]|\s-\s")
# Words that make the rest of a clause a maybe: "if they're hiring", "might introduce me", "I hope to send".
_HEDGE = re.compile(
    r"\b(?:if|whether|unless|maybe|perhaps|hopefully|might|possibly|probably|wonder(?:ing|ed)?|not\s+sure|unsure"
    r"|hope|hoping|wish|in\s+case|rumou?r(?:ed|s)?|supposedly|could\s+be|would\s+be\s+nice)\b"
    r"|(?<!\d\s)(?<!of\s)(?-i:\bmay\b)(?!\s*\d)",
    re.IGNORECASE,
)
# The member as the speaker of a phrase that must be someone else's ("I said to reach out").
_MEMBER_SPEAKS = re.compile(
    r"(?:\bI|\bI'm|\bIm|\bI\s+(?:am|was|have|had|will|would)|\bI've|\bI'd|\bI'll|\bwe|\bwe're"
    r"|\bwe\s+(?:are|were|have|will|would)|\bwe've|\bwe'd|\bwe'll)"
    r"(?:\s+(?:also|still|really|just|then|already|even|actually|kindly|again))*\s*$",
    re.IGNORECASE,
)
_QUOTE_MARKS = frozenset('"“”')

# Clauses that take a kind back whatever else they say.
_GONE: dict[SignalKind, tuple[re.Pattern[str], ...]] = {
    SignalKind.OPPORTUNITY: tuple(
        re.compile(p, re.IGNORECASE)
        for p in (
            # a freeze or pause on hiring
            r"\bhiring\s+(?:freeze|pause|stop|halt)\b|\b(?:freeze|pause)\s+on\s+hiring\b"
            r"|\bhiring\s+(?:is\s+|has\s+been\s+|was\s+)?(?:frozen|paused|on\s+hold|stopped|halted)\b"
            r"|\b(?:stopped|paused|froze|frozen|halted)\s+hiring\b",
            # the role is gone
            r"\b(?:roles?|positions?|jobs?|spots?|openings?|internships?|vacanc(?:y|ies)|reqs?|headcount)\s+"
            r"(?:(?:was|were|is|are|has|have|had|been|already|just|got|now)\s+){1,3}(?:filled|taken|gone|closed"
            r"|cancel+ed|pulled|withdrawn|frozen|cut)\b",
            # the deadline has passed
            r"\bapplications?\s+(?:(?:have|has|had|are|were|already|just|now)\s+)*closed\b"
            r"|\b(?:missed|past|passed)\s+the\s+deadline\b|\bdeadline\s+(?:(?:has|had|already|just)\s+)*passed\b"
            r"|\btoo\s+late\s+to\s+apply\b",
            # cuts and offers taken back
            r"\blay-?offs?\b|\blaid\s+off\b|\bbudget\s+cuts?\b|\bno\s+budget\b"
            r"|\boffers?\s+(?:(?:was|were|has|have|been|got)\s+)+(?:cancel+ed|rescinded|withdrawn|pulled)\b",
            # the member was turned away or turned it down
            r"\b(?:rejected|turned\s+down)\b",
            # someone else's offer, or worry about offers in general: nothing for the member to act on
            r"\b(?:has|have|had|got|gets|received|accepted|signed)\s+(?:already\s+)?(?:(?:a|an|the|their|his|her)\s+)?"
            r"(?:return|full[\s-]?time)\s+offers?\b"
            r"|\b(?:worried|anxious|nervous|stressed|panicking)\s+about\s+(?:the\s+|their\s+|our\s+)?return\s+offers?\b"
            # a fellow intern chasing their own return offer: their opening, not the member's
            r"|\b(?:he|she|they|(?-i:[A-Z][a-z]+))\s+(?:is|was|'s|are|were)\s+(?:already\s+)?(?:asking|hoping|angling"
            r"|pushing|lobbying|chasing)\b[^.]*\breturn\s+offers?\b",
        )
    ),
    SignalKind.I_PROMISED: (
        # already done: "which I already sent", "sent them yesterday"
        re.compile(
            r"\b(?:already|just)\s+(?:sent|shared|forwarded|e-?mailed|did|done|delivered|followed\s+up|introduced)\b"
            r"|\b(?:sent|shared|forwarded|e-?mailed)\s+(?:it|them|those|these|that)\s+(?:over\s+)?(?:already"
            r"|yesterday|this\s+morning|last\s+night)\b",
            re.IGNORECASE,
        ),
    ),
}
_GONE[SignalKind.THEY_ASKED] = _GONE[SignalKind.I_PROMISED]

# Kinds spoken by someone other than the member.
OTHERS_SPEAK = frozenset({SignalKind.THEY_ASKED, SignalKind.THEY_OFFERED, SignalKind.ADVICE})
# Kinds in the member's own voice, which a quotation of someone else does not carry.
MEMBER_SPEAKS = frozenset({SignalKind.I_PROMISED, SignalKind.FEELING})


def negated(before: str) -> bool:
    """A "not", "no" or "-n't" among the few words just before a trigger, within its part of the clause."""
    reach = _WINDOW_BREAK.split(before)[-1].split()[-_NEGATION_WINDOW:]
    return any(word.lower() in _NEGATORS or word.lower().endswith("n't") for word in reach)


def hedged(before: str) -> bool:
    """A condition or a maybe earlier in the clause."""
    return bool(_HEDGE.search(before))


def member_speaks(before: str) -> bool:
    """The member (or "we") right before a phrase that only means something when someone else says it."""
    return bool(_MEMBER_SPEAKS.search(before))


def quoted(sentence: str, at: int) -> bool:
    """The position is inside quotation marks: someone else's words, reported."""
    return sum(1 for ch in sentence[:at] if ch in _QUOTE_MARKS) % 2 == 1


def gone(kind: SignalKind, clause: str) -> bool:
    """The clause says the chance or the debt is gone ("hiring freeze", "sent them yesterday")."""
    return any(p.search(clause) for p in _GONE.get(kind, ()))
