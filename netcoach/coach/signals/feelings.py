"""The pattern tables for how the member feels: nervous, overwhelmed, behind or proud.

Only the member's own voice counts. "I'm nervous", "felt swamped" (a note
with the "I" left out) and "the panel made me nervous" are the member;
"he was nervous" and "she's proud of me" are somebody else, and no table
below has a pattern that would take them. A negated feeling ("I'm not nervous
anymore") matches nothing, because the patterns allow only intensifiers
("really", "a bit") between the "I" and the feeling, never "not".

Placeholders in angle brackets are word lists from `vocabulary.py`.
"""

from __future__ import annotations

from netcoach.coach.signals.model import Feeling
from netcoach.coach.signals.patterns import START
from netcoach.coach.signals.trigger import Trigger, trigger

_NERVOUS = r"(?:nervous|anxious|scared|intimidated|terrified|worried|apprehensive|jittery|uneasy|daunted|on\s+edge)"
_OVERWHELMED = (
    r"(?:overwhelmed|overloaded|swamped|snowed\s+under|stretched\s+(?:too\s+)?thin|burn(?:t|ed)\s+out"
    r"|burning\s+out|drowning|frazzled)"
)
# Words a note may open with before the feeling itself: "Feeling a bit nervous", "So proud".
_FILLER = (
    r"(?:(?:feeling|felt|feel|was|am|been|getting|still|so|really|very|quite|a\s+bit|a\s+little|super|pretty"
    r"|kind\s+of|kinda|bit|honestly|slightly|somewhat|incredibly|extremely|totally|completely|more|genuinely"
    r"|actually)\s+)*"
)
# A thing as the subject: "it was", "the panel looked", "today felt".
_THING_WAS = (
    r"\b(?:(?:it|this|that|today|everything)(?:'s|\s+(?:was|is|felt|feels|seems|seemed|looks|looked|has\s+been))"
    r"|the\s+(?:[\w-]+\s+){1,2}?(?:was|is|felt|feels|seems|seemed|looks|looked|has\s+been))"
)
# An event as the subject, never someone else's ("her talk went well" is hers).
_EVENT = (
    r"(?:^|\b(?:it|that|this|today|everything|the|my|our)\b\s+)(?:(?!(?:his|her|their|he|she|they)\b)[\w-]+\s+){0,3}?"
)
_NOT_OF_OTHERS = r"(?!\s+of\s+(?:him|her|them|you|<NAME>)\b)"

FEELINGS: dict[Feeling, tuple[Trigger, ...]] = {
    Feeling.NERVOUS: (
        trigger(
            rf"<I_FEEL><ADV>\s+{_NERVOUS}\b",
            "the member says they are nervous",
            "I'm really nervous about Friday.",
            anchors="nervous anxious scared intimidated terrified worried apprehensive jittery uneasy daunted edge",
        ),
        trigger(
            rf"{START}{_FILLER}{_NERVOUS}\b",
            "nervous, with the 'I' left out",
            "Nervous before the coffee chat.",
            anchors="nervous anxious scared intimidated terrified worried apprehensive jittery uneasy daunted edge",
        ),
        trigger(
            rf"\b(?:made|makes|making|make|got|gets|left)\s+me\s+(?:feel\s+)?{_FILLER}{_NERVOUS}\b",
            "something made the member nervous",
            "The panel made me nervous.",
            anchors="nervous anxious scared intimidated terrified worried apprehensive jittery uneasy daunted edge",
        ),
        trigger(
            r"\bI(?:'m|m|\s+am|\s+was|'ve\s+been|\s+have\s+been)?<ADV>\s+dread(?:ing|ed)?\b"
            rf"|{START}{_FILLER}dreading\b",
            "the member dreads something",
            "I'm dreading the midpoint review.",
            anchors="dread dreading dreaded",
        ),
        trigger(
            rf"{_THING_WAS}<ADV>\s+(?:intimidating|daunting|nerve-?(?:wracking|racking)|scary|terrifying)\b",
            "something felt daunting to the member",
            "The panel looked intimidating.",
            anchors="intimidating daunting nerve wracking racking scary terrifying",
        ),
    ),
    Feeling.OVERWHELMED: (
        trigger(
            rf"<I_FEEL><ADV>\s+{_OVERWHELMED}",
            "the member says they are overwhelmed",
            "I'm completely swamped this week.",
            anchors="overwhelmed overloaded swamped snowed stretched burnt burned burning drowning frazzled",
        ),
        trigger(
            rf"{START}{_FILLER}{_OVERWHELMED}",
            "overwhelmed, with the 'I' left out",
            "Overwhelmed by onboarding.",
            anchors="overwhelmed overloaded swamped snowed stretched burnt burned burning drowning frazzled",
        ),
        trigger(
            r"\b(?:it(?:'s|\s+is|\s+was)|this\s+is|everything(?:'s|\s+is|\s+was|\s+feels|\s+felt)|that(?:'s|\s+is"
            r"|\s+was)|(?:it|this)\s+(?:all\s+)?(?:feels|felt))\s+(?:all\s+)?(?:just\s+|a\s+bit\s+|way\s+|far\s+"
            r"|getting\s+)?too\s+much\b(?=\s*(?:$|[,.;!]|for\s+me|right\s+now|at\s+once|to\s+(?:handle|take|manage"
            r"|keep|juggle)|lately|at\s+the\s+moment|these\s+days))",
            "it is all too much",
            "It's all too much right now.",
            anchors="much",
        ),
        trigger(
            r"\btoo\s+much\s+(?:on\s+my\s+plate|going\s+on|at\s+once|to\s+(?:do|handle|juggle|keep\s+up\s+with"
            r"|take\s+in))\b",
            "too much on the member's plate",
            "Too much on my plate to plan coffee chats.",
            anchors="much",
        ),
        trigger(
            rf"{_THING_WAS}<ADV>\s+overwhelming\b",
            "something was overwhelming",
            "The first week was overwhelming.",
            anchors="overwhelming",
        ),
    ),
    Feeling.BEHIND: (
        trigger(
            r"<I_FEEL><ADV>\s+(?:behind|falling\s+behind|failing|stuck|disappointed\s+(?:in|with)\s+myself)\b"
            r"(?!\s+(?:in|on)\s+(?:traffic|a\s+train|the\s+(?:lift|elevator|train)))"
            r"(?!\s+(?:the|a|an|this|that|on\s+sleep|to\s+(?:see|understand|grasp))\b)",
            "the member says they are behind or stuck",
            "I'm behind on my goals this month.",
            anchors="behind falling failing stuck disappointed",
        ),
        trigger(
            r"\bI(?:'m|m|\s+am|'ve|\s+have)?\s+(?:been\s+)?(?:falling|fallen|fell|getting|got)\s+behind\b",
            "the member fell behind",
            "I've fallen behind on follow-ups.",
            anchors="behind",
        ),
        trigger(
            rf"{START}(?:feeling|felt|feel)<ADV>\s+(?:behind|stuck)\b|{START}(?:(?:still|way|a\s+bit|so|really)\s+)*"
            r"behind\s+(?:on|with)\b",
            "behind or stuck, with the 'I' left out",
            "Feeling stuck with my networking goals.",
            anchors="behind stuck",
        ),
        trigger(
            r"\bI(?:'m|m|\s+am)\s+not\s+(?:doing|getting|making|meeting|talking|reaching|networking|sending"
            r"|following)\b(?:\s+[\w'-]+){0,3}?\s+enough\b",
            "the member is not doing enough",
            "I'm not doing enough networking.",
            anchors="enough",
        ),
        trigger(
            r"\bI\s+(?:haven't|have\s+not|didn't|did\s+not|hadn't)\s+(?:done|do|had|have|met|meet|made|make|sent"
            r"|send|reached|reach|talked|talk|gone|go)\b(?:\s+[\w'-]+){0,3}?\s+enough\b",
            "the member has not done enough",
            "I haven't met enough people this month.",
            anchors="enough",
        ),
        trigger(
            rf"{START}not\s+(?:doing\s+)?enough\s+(?:[\w-]+\s+){{0,2}}?(?:this|last)\s+(?:week|month)\b",
            "not enough done this week or month",
            "Not enough coffee chats this month.",
            anchors="enough",
        ),
        trigger(
            rf"{_EVENT}went\s+(?:really\s+|so\s+|very\s+|pretty\s+|quite\s+)?(?:badly|poorly|terribly|awfully"
            r"|horribly)\b",
            "something of the member's went badly",
            "The mock interview went badly.",
            anchors="badly poorly terribly awfully horribly",
        ),
        trigger(
            rf"{_EVENT}(?:did\s+not|didn't)\s+go\s+(?:well|great|as\s+planned)\b",
            "something of the member's did not go well",
            "My pitch didn't go well.",
            anchors="go",
        ),
        trigger(
            r"\bI(?:\s+(?:totally|really|kind\s+of|completely))?\s+(?:bombed|blew\s+it|messed\s+up|screwed\s+up"
            r"|froze)\b",
            "the member says they messed up",
            "I froze when she asked about my project.",
            anchors="bombed blew messed screwed froze",
        ),
        trigger(
            r"\bdisappointed\s+(?:in|with)\s+myself\b",
            "disappointed in themselves",
            "Disappointed in myself.",
            anchors="disappointed",
        ),
    ),
    Feeling.PROUD: (
        trigger(
            rf"<I_FEEL><ADV>\s+proud\b{_NOT_OF_OTHERS}",
            "the member is proud (of their own work, not of someone else)",
            "I'm proud of how the demo went.",
            anchors="proud",
        ),
        trigger(
            r"\bproud\s+of\s+myself\b", "proud of themselves", "So proud of myself for speaking up.", anchors="proud"
        ),
        trigger(
            rf"{START}{_FILLER}proud\b{_NOT_OF_OTHERS}",
            "proud, with the 'I' left out",
            "Really proud today.",
            anchors="proud",
        ),
        trigger(
            rf"\bI(?:\s+(?:really|totally|absolutely|completely))?\s+(?:nailed|aced)\b|{START}(?:nailed|aced)\b",
            "the member nailed it",
            "Nailed the final presentation.",
            anchors="nailed aced",
        ),
        trigger(
            rf"{_EVENT}went\s+(?:(?:really|so|very|super|extremely|incredibly|amazingly|surprisingly|exceptionally)"
            r"\s+well|great|brilliantly|perfectly|better\s+than\s+(?:I\s+)?expected)\b",
            "something of the member's went really well",
            "The coffee chat with the director went really well.",
            anchors="well great brilliantly perfectly better",
        ),
        trigger(
            r"<I_FEEL><ADV>\s+(?:happy|pleased|chuffed|thrilled)\s+with\s+(?:how|my|the\s+way)\b"
            rf"|{START}(?:(?:really|so|very|quite|pretty)\s+)?(?:happy|pleased|chuffed)\s+with\s+(?:how|my|the\s+way)\b",
            "the member is happy with how something went",
            "Happy with how my first demo went.",
            anchors="happy pleased chuffed thrilled",
        ),
    ),
}
