"""The pattern tables: which sentences say there is an opening, a promise, a request, an offer or advice.

Each table is a list of `Trigger`s, each with the reason it counts and a
sentence it was written for. A sentence is read clause by clause; what can
cancel a match (a negation, a condition, "hiring freeze") lives in
`blockers.py`, and which kind wins when two patterns claim the same words in
`reading.py`.

Precision comes first: a promise the member never made, shown back to them
as one, costs more trust than a promise the coach did not notice. So the
patterns want a clear speaker: "I" for the member's own promises, someone
else ("she", "Ana", "my manager") or an unmistakable "me" for what others
asked, offered or advised. A note with the subject left out ("Offered to
review his deck") is read as the member's own doing, which is how people
write about themselves.

Placeholders in angle brackets are word lists from `vocabulary.py`.
"""

from __future__ import annotations

from netcoach.coach.signals.model import SignalKind
from netcoach.coach.signals.trigger import Speaker, Trigger, trigger

OTHER = Speaker.OTHER
OTHER_NEARBY = Speaker.OTHER_NEARBY
# Where a clause starts, allowing a connecting word ("and need to send...", "so will forward...").
START = r"^(?:(?:and|so|also|then|still|plus|anyway|ok|okay|oh|note\s+to\s+self)\b[,:]?\s+)*"

OPPORTUNITY: tuple[Trigger, ...] = (
    trigger(
        r"\b(?:is|are|'s|'re|was|were|be|been|am|currently|actively|now|still|also|start(?:s|ed|ing)?|will\s+be"
        r"|'ll\s+be)\s+hiring\b(?!\s+(?:manager|process|freeze|committee|panel|bar|lead|pipeline|plan|event"
        r"|season|practices?|decisions?)\b)",
        "someone is hiring",
        "Her team is hiring for the summer.",
        anchors="hiring",
    ),
    trigger(
        r"\bhiring\s+(?:for|an?|more|new|two|three|several|some|\d+|interns?|grads?|graduates?|juniors?|again"
        r"|soon|next|this)\b",
        "hiring for a role or a kind of person",
        "They're hiring two interns for the platform team.",
        anchors="hiring",
    ),
    trigger(
        r"\b(?:open|opening|vacant|unfilled|available)\s+(?:[\w-]+\s+){0,2}?(?:roles?|positions?|reqs?"
        r"|requisitions?|internships?|placements?|jobs?|headcount|vacanc(?:y|ies))\b",
        "an open role",
        "She mentioned an open data role on her team.",
        anchors="open opening vacant unfilled available",
    ),
    trigger(
        r"\b(?:roles?|positions?|jobs?|internships?|vacanc(?:y|ies)|openings?|reqs?)\s+(?:(?:is|are|has|have|was"
        r"|were|just|been|got|went|will\s+be|'s|already)\s+){0,3}(?:open(?:ed|s|ing\s+up)?|posted|advertised"
        r"|listed|live)\b",
        "a role that is open or was just posted",
        "The analyst position was just posted.",
        anchors="open opened opens opening posted advertised listed live",
    ),
    trigger(
        r"\b(?:an?|one|two|three|some|several|few|\d+|new|job)\s+(?:new\s+|job\s+)?(?:openings?|vacanc(?:y|ies))\b"
        r"(?!\s+(?:talk|keynote|speech|remarks|session|night|act|ceremony|line|question|statement|party|hours?)\b)",
        "an opening on a team",
        "There is an opening on the platform team.",
        anchors="opening openings vacancy vacancies",
    ),
    trigger(
        r"\b(?:new|open|extra|more|additional|approved|spare)\s+headcount\b"
        r"|\bheadcount\s+(?:for|opened|approved|available|open)\b"
        r"|\b(?:has|have|got|gets|getting)\s+(?:(?:the|a|some|more)\s+)?headcount\b",
        "headcount to hire someone",
        "They got headcount for a new grad in June.",
        anchors="headcount",
    ),
    trigger(
        r"(?<!\bI'm\s)(?<!\bIm\s)(?<!\bI\sam\s)(?<!\bwe're\s)(?<!\bwe\sare\s)"
        r"\blooking\s+(?:to\s+(?:hire|bring\s+on|take\s+on)|for)\s+(?:(?:an?|some|more|new|two|three|\d+|another"
        r"|summer|grad|graduate|junior|part-time|full-time|a\s+few)\s+){0,3}(?:interns?|grads?|graduates?"
        r"|juniors?|apprentices?|hires?|analysts?|engineers?|developers?|designers?|scientists?|associates?"
        r"|candidates?)\b",
        "a team looking for interns or graduates (not the member looking)",
        "Her manager is looking for a summer intern.",
        anchors="looking",
    ),
    trigger(
        r"\b(?:can|could|will|would|'ll|'d|able\s+to|happy\s+to|offered\s+to|willing\s+to)\s+refer\s+me\b"
        r"|\brefer(?:red)?\s+me\s+for\b"
        r"|\brefer(?:red)?\s+me\s+to\s+(?:the\s+|their\s+|her\s+|his\s+)?(?:hiring|recruit\w*|talent|hr)\b",
        "a referral for the member",
        "Ana can refer me for the graduate programme.",
        anchors="refer referred",
    ),
    trigger(
        r"\b(?:a|an|the|her|his|their|internal|employee)\s+referral\b(?!\s+(?:bonus|program(?:me)?|scheme|code"
        r"|link)\b)|\bget\s+(?:me\s+)?referred\b|\bput\s+(?:me|my\s+name)\s+forward\b"
        r"|\bput\s+in\s+a\s+(?:good\s+)?word\b",
        "a referral or a good word put in",
        "Chi will put in a good word with the hiring team.",
        anchors="referral referred forward word",
    ),
    trigger(
        r"\bapplications?\s+(?:(?:for|to)\s+(?:the\s+|their\s+|her\s+|his\s+)?(?:[\w-]+\s+){0,3}?)?"
        r"(?:(?:are|is|will|window|portal|process|deadline)\s+)?(?:close|closes|closing|due|open|opens|opening"
        r"|go\s+live)\b",
        "applications opening or closing",
        "Applications close 3 May.",
        anchors="application applications",
    ),
    trigger(
        r"\b(?:application|applications|submission)\s+(?:deadline|window|date)\b"
        r"|\bdeadline\s+(?:to|for)\s+(?:apply|applications?|applying)\b|\bapply\s+(?:by|before|until)\b",
        "an application deadline",
        "The application deadline is the end of the month.",
        anchors="deadline apply",
    ),
    trigger(
        r"\bapply\s+(?:for|to)\s+(?:the|their|her|his|this|that|an?|our)\s+(?:[\w-]+\s+){0,3}?(?:role|position"
        r"|job|internship|program(?:me)?|scheme|opening|grad\w*)\b",
        "a role to apply for",
        "I should apply for the analyst role on her team.",
        anchors="apply",
    ),
    trigger(
        r"\breturn(?:ing)?[\s-]+offers?\b|\bfull[\s-]?time\s+(?:offers?|conversion)\b"
        r"|\boffer\s+to\s+(?:return|come\s+back|stay\s+on|join\s+full[\s-]?time)\b"
        r"|\bconvert(?:ing)?\s+(?:my|the|this|her|his)\s+internship\b|\bconversion\s+to\s+full[\s-]?time\b"
        r"|\b(?:bring|keep|take)\s+me\s+on\s+(?:full[\s-]?time|permanently)\b",
        "a return offer or a full-time conversion",
        "Return offers are decided in June.",
        anchors="return returning full fulltime offer convert converting conversion permanently",
    ),
    trigger(
        r"\b(?:a|an|the|this|that|her|his|their)\s+job\s+(?:postings?|posts?|ads?|adverts?|listings?)\b"
        r"|\bposted\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:role|job|position|opening|internship|vacancy)\b",
        "a job posting",
        "She sent me a job posting for a data analyst.",
        anchors="job posted",
    ),
    trigger(
        r"\boffered\s+me\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?<JOB_NOUN>\b",
        "a job offered to the member",
        "Ben offered me a summer internship.",
        anchors="offered",
    ),
    trigger(
        r"\b(?:is|are|'s|'re|currently|actively|now|still)\s+recruiting\b(?!\s+(?:event|fair|day|process|team)\b)",
        "a team recruiting",
        "The data team is recruiting again.",
        anchors="recruiting",
    ),
)

I_PROMISED: tuple[Trigger, ...] = (
    trigger(
        r"\bI(?:'ll|'d|\s+will|\s+would)<ADV>\s+get\s+(?P<what>(?:the|my|a|an|some|our|those|these|that)\s+"
        r"(?:[\w-]+\s+){0,4}?[\w-]+)\s+(?:over\s+)?to\s+(?:him|her|them|<NAME>)\b",
        "the member said they would get something to someone",
        "Said I'd get the funnel breakdown to Jonah by Wednesday.",
        anchors="ll will would get",
    ),
    trigger(
        r"\bI(?:\s+(?:also|already|just|have|had))?(?:'ve|'d)?\s+promised\b(?!\s+myself)"
        r"(?:\s+(?:him|her|them|you|<NAME>)(?=\s))?(?:\s+(?:that\s+)?I(?:'d|\s+would|'ll|\s+will))?(?:\s+to)?",
        "the member promised",
        "I promised to send the slides.",
        anchors="promised",
    ),
    trigger(
        START + r"promised\b(?!\s+myself)(?:\s+(?:him|her|them|you|<NAME>)(?=\s))?"
        r"(?:\s+(?:that\s+)?I(?:'d|\s+would|'ll|\s+will))?(?:\s+to)?",
        "a promise noted without the 'I'",
        "Promised Ben I'd forward the recording.",
        anchors="promised",
    ),
    trigger(
        r"\b(?P<what>(?:the|my|those|these|that|some|a|an)\s+(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:that\s+|which\s+)?"
        r"I(?:'d|\s+had|'ve|\s+have)?\s+promised\b(?!\s+myself)",
        "a thing the member promised, named before the promise (still owed even when not yet sent)",
        "Still haven't sent the notes I promised.",
        anchors="promised",
        negatable=False,
    ),
    trigger(
        r"\bI(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to|'m\s+gonna|m\s+gonna|\s+shall)<ADV>\s+(?=<PROMISE_VERB>\b)",
        "the member said they will do something for someone",
        "I'll send him my notes tomorrow.",
        anchors="ll will going gonna shall",
    ),
    trigger(
        r"\bI(?:\s+still)?\s+(?:need\s+to|have\s+to|'ve\s+got\s+to|have\s+got\s+to|got\s+to|gotta|must)<ADV>\s+"
        r"(?=<OWED_VERB>\b)",
        "the member must still send or follow up",
        "I need to send Ana my CV.",
        anchors="need have got gotta must",
    ),
    trigger(
        START + r"(?:will|going\s+to|gonna|to-?do:?|todo:?|action:?|next\s+step:?)<ADV>\s+(?=<PROMISE_VERB>\b)",
        "a promise noted without the 'I'",
        "Will forward the recording to Chi.",
        anchors="will going gonna todo do action step",
    ),
    trigger(
        START + r"(?:still\s+)?(?:need\s+to|have\s+to|must|gotta)<ADV>\s+(?=<OWED_VERB>\b)",
        "something the member must still send, noted without the 'I'",
        "Need to send Ana my CV.",
        anchors="need have must gotta",
    ),
    trigger(
        r"\b(?:said|told\s+(?:him|her|them|you|<NAME>)|promised\s+(?:him|her|them|<NAME>))\s+(?:that\s+)?"
        r"I(?:'d|\s+would|'ll|\s+will)<ADV>\s+(?=<PROMISE_VERB>\b)",
        "the member said they would",
        "Told her I'd follow up with the report.",
        anchors="said told promised",
    ),
    trigger(
        r"\bI(?:\s+still|\s+really)?\s+owe\s+(?:(?:him|her|them|you|<NAME>)\s+)?(?=(?:an?|the|my|some)\s)"
        r"|" + START + r"owe\s+(?:(?:him|her|them|<NAME>)\s+)?(?=(?:an?|the|my|some)\s)",
        "the member owes someone a thing",
        "I owe him the summary.",
        anchors="owe",
    ),
    trigger(
        r"\bI(?:\s+also)?\s+agreed\s+to<ADV>\s+(?=<PROMISE_VERB>\b)|" + START + r"agreed\s+to\s+(?=<PROMISE_VERB>\b)",
        "the member agreed to do something",
        "I agreed to review her cover letter.",
        anchors="agreed",
    ),
)

THEY_ASKED: tuple[Trigger, ...] = (
    trigger(
        r"\b(?:asked|asks|requested|wants|wanted|would\s+like|'d\s+like|needs|needed|expects|expected)\s+me\s+to\b"
        r"(?=<ADV>\s+<PROMISE_VERB>\b)",
        "someone asked the member to send, share, introduce or help (not the week's work: 'wants me to run the test')",
        "She asked me to send my CV by Friday.",
        anchors="asked asks requested wants wanted like needs needed expects expected",
    ),
    trigger(
        r"\btold\s+me\s+to<ADV>\s+(?=<HANDOVER_VERB>\b)",
        "someone told the member to send something (a request, not advice)",
        "He told me to send him the draft by Monday.",
        anchors="told",
    ),
    trigger(
        r"\basked\s+(?:me\s+)?(?:if|whether)\s+I\s+(?:could|can|would|'d|might|was\s+able\s+to)\b",
        "someone asked whether the member could do something",
        "He asked if I could share the deck.",
        anchors="asked",
    ),
    trigger(
        r"\b(?:asked|requested)\s+me\s+for\b",
        "someone asked the member for something",
        "Ana asked me for my portfolio.",
        anchors="asked requested",
    ),
    trigger(
        r"\b(?:asked|requested)(?:\s+for)?\s+(?=(?:my|the|a|an|some|copies|a\s+copy)\b)",
        "someone asked for a thing",
        "She asked for my portfolio.",
        anchors="asked requested",
        speaker=OTHER,
    ),
    trigger(
        r"\basked\s+for\s+(?=my\b)",
        "someone asked for something of the member's (nobody asks for their own CV)",
        "Asked for my portfolio after the demo.",
        anchors="asked",
    ),
    trigger(
        r"(?:\bwants|\bwanted|\bwould\s+like|'d\s+like|\bneeds|\bneeded)\s+(?:to\s+(?:see|read|have|get)\s+"
        r"|a\s+copy\s+of\s+)?(?=my\b)",
        "someone wants something of the member's",
        "He wants to see my portfolio.",
        anchors="wants wanted like needs needed",
        speaker=OTHER,
    ),
    trigger(
        r"(?:'s\s+|'re\s+|\b(?:is|was|are|were)\s+)?\bwaiting\s+(?:for|on)\s+(?=(?:my|the)\b)",
        "someone is waiting for something from the member",
        "Ben is waiting for my draft.",
        anchors="waiting",
        speaker=OTHER,
    ),
    trigger(
        r"\b(?:said|says)\s+(?:to|I\s+should)\s+(?=<HANDOVER_VERB>\b)",
        "someone said to send them something",
        "She said to send my CV to the recruiter.",
        anchors="said says",
        speaker=OTHER,
    ),
)

THEY_OFFERED: tuple[Trigger, ...] = (
    trigger(
        r"\b(?:happy|glad|keen|willing|open)\s+to\s+(?P<thing>(?:hop|jump|get)\s+on\s+a\s+(?:[\w-]+\s+){0,3}?call"
        r"|(?:grab|have|do)\s+(?:a\s+)?(?:[\w-]+\s+){0,2}?(?:coffee|call|chat))\b",
        "someone is happy to have a call or a coffee with the member",
        "She said she's happy to hop on a 20 min call sometime.",
        anchors="happy glad keen willing open",
        speaker=OTHER_NEARBY,
    ),
    trigger(
        r"\bowes?\s+me\s+(?:one|a\s+favou?r)\b"
        r"|\b(?:ping|message|e-?mail|call|text|reach\s+out\s+to)\s+(?:her|him|them)\s+any\s*time\b",
        "a favour to return, or an open door any time",
        "Diego said he owes me one.",
        anchors="owes owe anytime any",
    ),
    trigger(
        r"\boffered\s+to<ADV>\s+(?P<thing><OFFER_VERB>)\b",
        "someone offered to do something",
        "He offered to introduce me to Ana.",
        anchors="offered",
        speaker=OTHER,
    ),
    trigger(
        r"\boffered\s+to<ADV>\s+(?P<thing><OFFER_VERB>)\s+(?:me|my)\b",
        "an offer made to the member",
        "Offered to review my CV before I apply.",
        anchors="offered",
    ),
    trigger(
        r"\boffered\s+(?:me\s+)?(?=(?:an?|some|regular|monthly|weekly|more|any|further)\s)"
        r"(?!(?:an?|the)\s+(?:[\w-]+\s+){0,2}?<JOB_NOUN>\b)",
        "someone offered the member something (a job offered is an opportunity instead)",
        "They offered regular chats.",
        anchors="offered",
        speaker=OTHER,
    ),
    trigger(
        r"\b(?:said|says|mentioned|told\s+me)\s+(?:that\s+)?(?:she|he|they|<NAME>)(?:'d|'ll|\s+could|\s+can"
        r"|\s+would|\s+will)<ADV>\s+(?:be\s+(?:happy|glad|keen|willing|able)\s+to\s+)?(?P<thing><OFFER_VERB>)\b",
        "someone said they could or would do something",
        "She said she could review my CV.",
        anchors="said says mentioned told",
    ),
    trigger(
        r"\b(?:happy|glad|keen|willing|delighted|open)\s+to<ADV>\s+(?P<thing><OFFER_VERB>)\b"
        r"(?=(?:\s+[\w'-]+){0,3}?\s+(?:me|my|us)\b)",
        "someone is happy to help the member (not people in general: 'alumni are happy to help')",
        "Ben would be happy to look over my slides.",
        anchors="happy glad keen willing delighted open",
        speaker=OTHER_NEARBY,
    ),
    trigger(
        r"\b(?:happy|glad|keen|willing|delighted)\s+to<ADV>\s+(?P<thing><OFFER_VERB>)\s+(?:me|my)\b",
        "happy to help the member",
        "Happy to connect me with her team lead.",
        anchors="happy glad keen willing delighted",
    ),
    trigger(
        r"\b(?:said|says|told\s+me|mentioned)\s+(?:that\s+)?(?:I\s+(?:can|could|should)|to)(?:\s+(?:always|just))?\s+"
        r"(?P<thing>reach\s+out|get\s+in\s+touch|ping|message|e-?mail|contact|come\s+back|drop\s+(?:her|him|them)"
        r"\s+a\s+line|book\s+time)\b(?!\s+to\s+(?!(?:her|him|them)\b))",
        "an open door: reach out any time",
        "She said to reach out if I need anything.",
        anchors="said says told mentioned",
    ),
    trigger(
        r"\b(?:her|his|their|<NAME>'s)\s+door\s+is\s+(?:always\s+)?open\b"
        r"|\bfeel\s+free\s+to\s+(?P<thing>reach\s+out|ping|message|e-?mail|ask|contact|get\s+in\s+touch|book)\b",
        "an open door",
        "Her door is always open.",
        anchors="door free",
    ),
    trigger(
        r"\bpromised\s+(?:me\s+(?:to\s+)?|to\s+)",
        "someone promised the member something",
        "Chi promised to send me the recording.",
        anchors="promised",
        speaker=OTHER,
    ),
    trigger(
        r"(?:'ll|\bwill|'s\s+going\s+to|\bis\s+going\s+to)<ADV>\s+"
        r"(?P<thing>introduce|intro|connect|send|forward|share|loop)\s+me\b",
        "someone will do something for the member",
        "She'll introduce me to her manager.",
        anchors="ll will going",
        speaker=OTHER,
    ),
)

ADVICE: tuple[Trigger, ...] = (
    trigger(
        r"\b(?:suggested|suggests|recommended|recommends|proposed|advised|advises)\b"
        r"(?:\s+(?:that\s+)?(?:I|me|we)\b(?:\s+to\b)?)?",
        "someone suggested or recommended something",
        "Ana suggested I apply early.",
        anchors="suggested suggests recommended recommends proposed advised advises",
        speaker=OTHER,
    ),
    trigger(
        r"\b(?:suggested|recommended|recommends|suggests|proposed)\s+(?:that\s+)?I\b",
        "a suggestion for the member",
        "Suggested I shadow the analytics team.",
        anchors="suggested recommended recommends suggests proposed",
    ),
    trigger(
        r"\badvised\s+(?:me\s+(?:to|on|against)|that\s+I|I)\b",
        "advice to the member",
        "She advised me to keep a list of wins.",
        anchors="advised",
    ),
    trigger(
        r"\b(?:told|encouraged|urged|pushed|nudged|reminded|challenged)\s+me\s+to\b",
        "someone told the member to do something",
        "He told me to ask more questions in stand-up.",
        anchors="told encouraged urged pushed nudged reminded challenged",
    ),
    trigger(
        r"\b(?:her|his|their|<NAME>'s)\s+(?:(?:best|main|top|key|biggest|one|great|practical|honest)\s+)?"
        r"(?:tip|advice|suggestion|recommendation)s?(?:\s*:|\s+(?:was|is)\s*:|\s+(?:was|is)\s+(?:to|that)\b)",
        "someone's tip or advice, and what it was",
        "Her tip was to write my questions down before a chat.",
        anchors="tip tips advice suggestion suggestions recommendation recommendations",
    ),
    trigger(
        r"\bgave\s+me\s+(?:(?:some|a|great|good|useful|solid|practical|a\s+few|one|two|three|honest)\s+)*"
        r"(?:advice|tips?|pointers?|suggestions?|recommendations?)\b(?:\s+(?:on|about|for))?",
        "someone gave the member advice",
        "She gave me some advice on negotiating.",
        anchors="gave",
    ),
    trigger(
        r"\b(?:said|says|thinks|believes|reckons|feels|felt)\s+(?:that\s+)?I\s+(?:should|ought\s+to|need\s+to"
        r"|must)\b",
        "someone thinks the member should do something",
        "Ben thinks I should talk to the data team.",
        anchors="said says thinks believes reckons feels felt",
        speaker=OTHER,
    ),
    trigger(
        r"\b(?:pointed|steered|directed)\s+me\s+(?:to|towards?|at)\b",
        "someone pointed the member somewhere",
        "He pointed me to the internal wiki on career levels.",
        anchors="pointed steered directed",
    ),
)

TABLES: dict[SignalKind, tuple[Trigger, ...]] = {
    SignalKind.OPPORTUNITY: OPPORTUNITY,
    SignalKind.I_PROMISED: I_PROMISED,
    SignalKind.THEY_ASKED: THEY_ASKED,
    SignalKind.THEY_OFFERED: THEY_OFFERED,
    SignalKind.ADVICE: ADVICE,
}
