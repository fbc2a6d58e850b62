"""The word lists the pattern tables are built from: who is speaking, to whom, and doing what.

Patterns are written with placeholders (`<THIRD>`, `<ADV>`, ...) that `expand`
fills from here, so each table reads like the sentence it looks for and a
word list is changed in one place.
"""

from __future__ import annotations

import re

# Capitalised words that start a note's sentence without being anybody's name.
_NOT_NAMES = (
    "The|Then|Also|Later|Afterwards|After|Before|Today|Yesterday|Tomorrow|And|But|So|Just|Still|Even|Plus"
    "|Apparently|Basically|Finally|Honestly|Actually|Eventually|Initially|Originally|Recently|Overall"
    "|We|You|It|This|That|Nobody|Everyone|Someone|Somebody|Everybody|Who|Which|When|While|If|Maybe|Perhaps"
)
# A person's name as typed: capitalised, maybe two words ("Ana", "Ana Ruiz", "Mary-Jo", "O'Neil", "Zoë").
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_NAME_WORD = rf"[{_UPPER}][{_LOWER}]+(?:[-'][{_UPPER}]?[{_LOWER}]+)?"
NAME = rf"(?-i:(?!(?:{_NOT_NAMES})\b){_NAME_WORD}(?:\s+{_NAME_WORD})?)"
# The roles a member calls people by ("my manager", "the recruiter", "Ana's lead").
_ROLE_NOUN = (
    r"(?:manager|mentor|supervisor|boss|(?:team\s+|tech\s+)?lead|recruiter|buddy|director|colleague|co-?worker"
    r"|teammate|interviewer|contact|engineer|founder|vp|cto|ceo|head\s+of\s+\w+|alumn(?:us|a|i)|friend|host"
    r"|speaker|panelist|professor|advis[eo]r|coordinator|hr|pm)"
)
# Someone other than the member, as the subject of a sentence.
THIRD = rf"(?:\b(?:she|he|they)\b|{NAME}|\b(?:(?:my|our|the|her|his|their)\s+|{NAME}'s\s+)(?:\w+\s+)?{_ROLE_NOUN}\b)"
# Words that may sit between a subject and its verb ("she also offered", "I'm really nervous").
ADV = (
    r"(?:\s+(?:so|really|very|quite|a\s+bit|a\s+little|bit|little|super|pretty|still|kind\s+of|kinda|sort\s+of"
    r"|incredibly|extremely|totally|completely|genuinely|honestly|truly|definitely|getting|feeling|rather"
    r"|somewhat|slightly|more|also|too|already|always|actually|seriously|especially|absolutely|increasingly"
    r"|fairly|just|then|even|kindly|immediately|generously|again|happily|gladly|quickly|now)){0,3}"
)
# How the member says "I am / I was / I feel" before a feeling.
I_FEEL = (
    r"\bI(?:'m|m|\s+am|\s+was|\s+feel|\s+felt|\s+get|\s+got|\s+have\s+been|'ve\s+been|\s+had\s+been"
    r"|\s+keep\s+feeling|\s+kept\s+feeling|\s+started\s+(?:feeling|to\s+feel)|\s+became)"
)
# Things the member hands over: the object of these is the thing owed ("send him the slides").
HANDOVER_VERB = (
    r"(?:send|share|forward|e-?mail|mail|pass\s+(?:on|along)|give|bring|show|return|drop\s+off"
    r"|get\s+back\s+to|follow\s+up)"
)
# What the member can promise to do for someone: a handover, or a favour.
PROMISE_VERB = (
    rf"(?:{HANDOVER_VERB}|introduce|intro|connect|loop|review|proofread|look\s+(?:at|over)|check\s+in"
    r"|reach\s+out|ping|message|text|call|circle\s+back|thank|help|write\s+up|put\s+together|set\s+up|book"
    r"|schedule|arrange|update)"
)
# The member's "must" promises are narrower than their "will" ones: "I need to read more" is a plan, not a debt.
OWED_VERB = r"(?:send|share|forward|e-?mail|mail|pass\s+(?:on|along)|get\s+back\s+to|follow\s+up|return)"
# What a contact offers to do for the member.
OFFER_VERB = (
    r"(?:introduce|intro|connect|refer|review|look\s+(?:over|at|through)|read|check|proofread|help|mentor|coach"
    r"|share|send|forward|pass|put|set\s+up|arrange|give|show|walk|take|recommend|vouch|write|meet|chat|pair"
    r"|host|sponsor|buy|grab|loop|add|invite|explain|teach|answer|do|run|practi[cs]e|be)"
)
# A job offered, which is an opening rather than a favour.
JOB_NOUN = r"(?:job|role|position|internship|place|spot|offer|contract|placement)"

_PLACEHOLDERS = {
    "<THIRD>": THIRD,
    "<NAME>": NAME,
    "<ADV>": ADV,
    "<I_FEEL>": I_FEEL,
    "<HANDOVER_VERB>": HANDOVER_VERB,
    "<PROMISE_VERB>": PROMISE_VERB,
    "<OWED_VERB>": OWED_VERB,
    "<OFFER_VERB>": OFFER_VERB,
    "<JOB_NOUN>": JOB_NOUN,
}
_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in _PLACEHOLDERS))


def expand(pattern: str) -> str:
    """The pattern with every placeholder replaced by its word list."""
    return _PLACEHOLDER.sub(lambda m: _PLACEHOLDERS[m.group()], pattern)


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Patterns match any case, except inside the name placeholder, where capitals matter."""
    return re.compile(expand(pattern), re.IGNORECASE)
