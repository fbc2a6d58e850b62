"""Drafted messages: a thank-you after a chat, or a note to stay in touch when leaving.

A blank message box is where many follow-ups stall; a draft built from the
member's own notes on the conversation gives them something personal to edit
rather than write from scratch.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from netcoach.coach.wording import first_name, name_list
from netcoach.models import Conversation, Person


def _snippet(text: str, limit: int = 140) -> str:
    """The first sentence of a note, trimmed to fit a short message."""
    text = " ".join(text.split())
    for stop in (". ", "! ", "? "):
        if stop in text:
            text = text.split(stop, 1)[0]
    text = text.rstrip(".!? ")
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]  # it continues a sentence of the draft
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


# A note that speaks of someone in the third person was written about them, for the member;
# pasted into a message to that person it reads wrong ("...stayed with me: he prefers email").
_THIRD_PERSON = re.compile(r"\b(he|she|him|his|her|hers|himself|herself|they|them|their|theirs)\b", re.IGNORECASE)


# A note reads as a takeaway said back to the person only in two shapes: a lesson ("how the team plans
# its sprints") or a piece of advice in the imperative ("ship small changes"). Anything else is the
# member's shorthand ("Insurance, climate risk models", "Sprint planning, I take the settings page next")
# and would read as a pasted note.
_LESSON_START = frozenset({"how", "why", "what", "when", "where", "who", "that", "to"})
_ADVICE_START = frozenset(
    {"ask", "always", "be", "build", "check", "document", "don't", "focus", "get", "keep", "learn", "make", "measure"}
    | {"never", "pick", "put", "read", "send", "ship", "speak", "spend", "start", "take", "talk", "test", "try"}
    | {"use", "write", "write-up", "find", "follow", "look", "say", "share", "show", "stop", "think"}
)


def speaks_of_them(text: str, person: Person) -> bool:
    """Whether a note speaks of the person (a third-person pronoun, or their own name): written for the member."""
    names = {part.lower() for part in person.name.split() if len(part) > 1}
    words = {word.lower() for word in re.findall(r"\w+", text)}
    return bool(_THIRD_PERSON.search(text) or names & words)


def quotable_note(text: str, person: Person) -> str:
    """The first sentence of the member's note, if it reads as a takeaway said to the person; else "".

    Notes about the person (a third-person pronoun, or their own name) are the
    member's private reminders, not words to send them; and only a lesson or a
    piece of advice reads naturally after "One thing I am taking away:".
    """
    snippet = _snippet(text)
    words = [word.lower() for word in re.findall(r"[\w'-]+", snippet)]
    if not words or speaks_of_them(snippet, person) or "i" in words:
        return ""
    if words[0] not in _LESSON_START | _ADVICE_START:
        return ""
    return snippet


def _topic_phrase(topics: Sequence[str]) -> str:
    topics = [t for t in topics if t.strip()][:3]
    return name_list(topics) if topics else ""


def draft_followup_message(
    person: Person,
    conversation: Conversation | None = None,
    kind: str = "thank_you",
    sender: str = "",
) -> str:
    """A short message to edit and send: a thank-you after a chat, or a stay-in-touch note when leaving.

    It uses the topics and what was learned when they were logged, so the note
    reads as written for this person rather than a template.
    """
    if kind not in ("thank_you", "stay_in_touch"):
        raise ValueError(f"kind must be 'thank_you' or 'stay_in_touch', got {kind!r}")
    first = first_name(person) if person.name.strip() else "there"
    topics = _topic_phrase(conversation.topics) if conversation else ""
    learned = quotable_note(conversation.learned, person) if conversation and conversation.learned.strip() else ""
    lines = [f"Hi {first},", ""]
    if kind == "thank_you":
        when = ""
        if conversation is not None and conversation.event.strip():
            when = f" at {conversation.event.strip()}"
        body = f"Thanks a lot for taking the time to talk with me{when}."
        if topics:
            body += f" I enjoyed our talk about {topics}."
        if learned:
            body += f" One thing I am taking away: {learned}."
        body += " If it suits you, I would like to keep in touch and let you know how things go."
    else:
        body = "My internship is coming to an end, and I wanted to thank you for your time and help along the way."
        if learned:
            body += f" Something you shared has stayed with me: {learned}."
        elif topics:
            body += f" I still think about our talk about {topics}."
        body += " I would be glad to stay in touch; may I send you a short update now and then?"
    lines.append(body)
    lines += ["", "Best regards,", sender.strip() or "[your name]"]
    return "\n".join(lines)
