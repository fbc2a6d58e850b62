"""Nudges from the member's own words: openings, promises both ways, advice to report back on, how they feel.

These come first because they expire: an application date passes, a contact
who asked for a CV stops waiting, an offered introduction goes stale. Each
nudge quotes the sentence it came from, so the member sees why.
"""

from __future__ import annotations

import datetime as dt
import re

from netcoach.coach.months import month_days
from netcoach.coach.nudges.context import RuleContext
from netcoach.coach.nudges.rule import Advice, Priority, Rule, ScorePart, part
from netcoach.coach.nudges.value import person_parts, points
from netcoach.coach.signals import Feeling, Signal, SignalKind, SourceKind
from netcoach.coach.signals.dates import due_date
from netcoach.coach.signals.names import PeopleNames
from netcoach.coach.thresholds import (
    ADVICE_REPORT_AFTER_DAYS,
    ADVICE_REPORT_UNTIL_DAYS,
    EXIT_WINDOW_DAYS,
    FEELING_RECENT_DAYS,
    GIVING_MIN_SHARE,
    GIVING_MIN_TALKS,
    GIVING_WINDOW_DAYS,
    OPPORTUNITY_FRESH_DAYS,
    PREPARE_AHEAD_DAYS,
    PROMISE_FRESH_DAYS,
)
from netcoach.coach.wording import plural
from netcoach.models import Conversation


def _you_wrote(*said: Signal) -> str:
    """The member's own sentences, quoted with the day they were written: the evidence for the advice."""
    quote = _short(" ".join(dict.fromkeys(s.quote for s in said)), 200)
    stop = "" if quote.endswith((".", "!", "?", "\u2026")) else "."
    return f"On {said[0].source.written_on:%d %b} you wrote: \u201c{quote}\u201d{stop}"


def _when(due: dt.date, today: dt.date) -> str:
    days = (due - today).days
    if days < 0:
        return f"it was due {due:%d %b}"
    if days == 0:
        return "it is due today"
    if days == 1:
        return "it is due tomorrow"
    return f"it is due {due:%a %d %b}"


def _talked_since(ctx: RuleContext, signal: Signal) -> bool:
    """A later conversation with the person: the loop was most likely picked up there."""
    return any(c.date > signal.source.written_on for pid in signal.person_ids for c in ctx.by_person.get(pid, []))


def _source_conversation(ctx: RuleContext, signal: Signal) -> Conversation | None:
    if signal.source.kind != SourceKind.CONVERSATION:
        return None
    return next((c for c in ctx.past if c.id == signal.source.record_id), None)


def _still_open(ctx: RuleContext, signal: Signal, fresh_days: int) -> bool:
    """A promise or opening the log has not closed: recent, not talked about since, follow-up not sent.

    An offer made to the member stands until they take it up, whatever else
    they talked about since: a supervisor seen every week still waits to be
    asked for the portfolio review they offered.
    """
    if signal.key in ctx.confirmed:
        return True  # the member confirmed it: open until they close it
    age = (ctx.today - signal.source.written_on).days
    end = ctx.snapshot.profile.internship_end
    if ctx.after_end and end is not None and signal.source.written_on >= end - dt.timedelta(days=EXIT_WINDOW_DAYS):
        # Promised in the last weeks before leaving: nothing after the end will close it by itself.
        fresh_days = max(fresh_days, (ctx.today - end).days + fresh_days)
    if signal.due is not None and signal.due < ctx.today - dt.timedelta(days=7):
        return False  # long past its date: nothing left to catch
    if age > fresh_days and (signal.due is None or signal.due < ctx.today):
        return False
    if not signal.person_ids:
        return False
    # A thank-you marked sent does not close a promise in the same note: the slides may still be owed.
    return signal.kind == SignalKind.THEY_OFFERED or not _talked_since(ctx, signal)


def _due_points(signal: Signal, today: dt.date) -> list[ScorePart]:
    if signal.due is None:
        return []
    days = (signal.due - today).days
    if days < 0:
        return [part(f"past its date ({signal.due:%d %b})", 4)]
    return [part(f"due {signal.due:%d %b}", max(1.0, 6 - days / 2))]


# How a thing to hand over starts ("the slides", "my CV", "a copy of the deck"), as opposed to a favour.
_THING_START = re.compile(r"^(?:the|my|a|an|our|some|those|these|that|this|his|her|their)\b", re.IGNORECASE)
# "At some point": a promise with no date in the member's own words, less pressing than a dated one.
_SOMEDAY = re.compile(r"\b(?:at\s+some\s+point|some\s*time|one\s+day|eventually|whenever)\b", re.IGNORECASE)


def _is_a_thing(what: str) -> bool:
    return bool(what) and bool(_THING_START.match(what))


def _someday(signal: Signal) -> list[ScorePart]:
    return [part("no date ('at some point')", -3)] if _SOMEDAY.search(signal.quote) else []


def _confirmed(ctx: RuleContext, signal: Signal) -> list[ScorePart]:
    return [part("an open loop you confirmed", 2)] if signal.key in ctx.confirmed else []


def _per_person(ctx: RuleContext, kinds: set[SignalKind], fresh_days: int) -> dict[int, list[Signal]]:
    found: dict[int, list[Signal]] = {}
    for signal in ctx.signals:
        # A topic is a label the member picked ("return offers"), not something anyone said or promised.
        if signal.source.field == "topics":
            continue
        if signal.kind in kinds and _still_open(ctx, signal, fresh_days):
            found.setdefault(signal.person_ids[0], []).append(signal)
    return found


def _opportunity(ctx: RuleContext) -> list[Advice]:
    """An opening someone mentioned: ask about it before it closes."""
    found: list[Advice] = []
    for person_id, signals in _per_person(ctx, {SignalKind.OPPORTUNITY}, OPPORTUNITY_FRESH_DAYS).items():
        signal = min(signals, key=lambda s: (s.due or dt.date.max, -s.source.written_on.toordinal()))
        said = [s for s in signals if s.source == signal.source]  # the opening and its date are often two sentences
        name = ctx.name(person_id)
        reason = f"{_you_wrote(*said)} An opening through {ctx.people[person_id].name}"
        reason += f"; {_when(signal.due, ctx.today)}." if signal.due else "."
        action = (
            f"Write to {name} this week: say you are interested, ask what the team looks for "
            "and whether they would refer you or introduce you to the hiring manager."
        )
        parts = [*_due_points(signal, ctx.today), *person_parts(ctx, person_id)]
        found.append(Advice(f"An opening through {name}", reason, action, parts, [person_id], [s.quote for s in said]))
    found.sort(key=lambda a: -points(list(a.parts)))
    return found


def _promise_owed(ctx: RuleContext) -> list[Advice]:
    """Something the member promised to send, or was asked to send, and has not."""
    kinds = {SignalKind.I_PROMISED, SignalKind.THEY_ASKED}
    found: list[Advice] = []
    for person_id, signals in _per_person(ctx, kinds, PROMISE_FRESH_DAYS).items():
        signal = min(signals, key=lambda s: (s.due or dt.date.max, s.source.written_on))
        name = ctx.name(person_id)
        parts = [*_due_points(signal, ctx.today), *_confirmed(ctx, signal), *_someday(signal)]
        parts += person_parts(ctx, person_id)
        when = f"; {_when(signal.due, ctx.today)}." if signal.due else ", and nothing is logged since."
        if _is_a_thing(signal.what):
            # Something to hand over ("the slides", "my CV"): say what to send.
            who = "you promised" if signal.kind == SignalKind.I_PROMISED else f"{name} asked for"
            reason = f"{_you_wrote(signal)} So {who} {signal.what}{when}"
            action = f"Send {name} {signal.what} today, with two lines of context; done beats perfect."
            title = f"Send {name} {signal.what}"
        else:
            # A favour ("show him around the repo"): the member's own sentence says what it is.
            reason = f"{_you_wrote(signal)} That is a promise to {ctx.people[person_id].name}{when}"
            action = f"Do it this week, or tell {name} when you will; a date you keep beats a vague 'soon'."
            title = f"Keep your word to {name}"
        found.append(Advice(title, reason, action, parts, [person_id], [signal.quote]))
    found.sort(key=lambda a: -points(list(a.parts)))
    return found


def _offer_open(ctx: RuleContext) -> list[Advice]:
    """An introduction or help someone offered, not yet taken up: offers go stale if left."""
    found: list[Advice] = []
    for person_id, signals in _per_person(ctx, {SignalKind.THEY_OFFERED}, PROMISE_FRESH_DAYS).items():
        signal = max(signals, key=lambda s: s.source.written_on)
        name = ctx.name(person_id)
        reason = f"{_you_wrote(signal)} Nothing is logged since about taking {name} up on it."
        action = (
            f"Take {name} up on it today: thank them, say in one line why it would help, "
            "and make it easy (a short blurb about you they can forward)."
        )
        parts = [*_due_points(signal, ctx.today), *_confirmed(ctx, signal), *person_parts(ctx, person_id)]
        found.append(Advice(f"Take {name} up on the offer", reason, action, parts, [person_id], [signal.quote]))
    found.sort(key=lambda a: -points(list(a.parts)))
    return found


# Acting on advice, in the member's words: "wrote the memo like Claire suggested", "tried Ana's idea".
_ACTED = re.compile(
    r"\b(tried|did|wrote|used|applied|followed|took|started|finished|built|rebuilt|made|sent|presented|"
    r"signed up|joined|set up|switched|changed|practi[cs]ed|read)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+|\s+-\s+")


def _acted_on(ctx: RuleContext, signal: Signal) -> tuple[dt.date, str] | None:
    """When and where the member wrote that they acted on this advice, if they did (the latest mention)."""
    person = ctx.people.get(signal.person_ids[0])
    if person is None or not person.name.split():
        return None
    name = re.compile(rf"\b{re.escape(person.name.split()[0])}\b")
    written: list[tuple[dt.date, str]] = [
        (c.date, text) for c in ctx.past if c.date >= signal.source.written_on for text in (c.learned, c.notes)
    ]
    written += [(min(ctx.today, month_days(r.month)[1]), r.text) for r in ctx.snapshot.reflections]
    found: tuple[dt.date, str] | None = None
    for when, text in written:
        if when < signal.source.written_on or when > ctx.today:
            continue
        for sentence in _SENTENCE_END.split(text):
            if sentence.strip() == signal.quote or not (name.search(sentence) and _ACTED.search(sentence)):
                continue
            if found is None or when >= found[0]:
                found = (when, " ".join(sentence.split()))
    return found


def _report_back(ctx: RuleContext) -> list[Advice]:
    """Advice the member acted on and never reported back: telling them how it went turns advice into mentoring."""
    found: list[Advice] = []
    seen: set[int] = set()
    for signal in sorted(ctx.signals, key=lambda s: s.source.written_on, reverse=True):
        if signal.kind != SignalKind.ADVICE or not signal.person_ids or signal.person_ids[0] in seen:
            continue
        person_id = signal.person_ids[0]
        acted = _acted_on(ctx, signal)
        if acted is None:
            continue
        acted_on, sentence = acted
        since = (ctx.today - acted_on).days
        talked_after = any(c.date > acted_on for c in ctx.by_person.get(person_id, []))
        advice_age = (ctx.today - signal.source.written_on).days
        if talked_after or since > ADVICE_REPORT_UNTIL_DAYS or advice_age < ADVICE_REPORT_AFTER_DAYS:
            continue
        seen.add(person_id)
        name = ctx.name(person_id)
        reason = (
            f"On {acted_on:%d %b} you wrote: \u201c{_short(sentence)}\u201d. "
            f"{ctx.people[person_id].name} gave you that advice and has not heard how it went."
        )
        action = (
            f"Send {name} three lines: what you did with their advice, how it went, and thanks. "
            "People remember the ones who report back."
        )
        parts = [part(f"acted on {plural(since, 'day')} ago", 3), *person_parts(ctx, person_id)]
        found.append(
            Advice(f"Tell {name} how their advice went", reason, action, parts, [person_id], [signal.quote, sentence])
        )
    found.sort(key=lambda a: -points(list(a.parts)))
    return found


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def low_feelings(ctx: RuleContext) -> list[Signal]:
    """What the member wrote lately about feeling overwhelmed, behind or nervous; newest first."""
    since = ctx.today - dt.timedelta(days=FEELING_RECENT_DAYS)
    found = [
        s
        for s in ctx.signals
        if s.kind == SignalKind.FEELING and s.feeling is not None and s.feeling.is_low and s.source.written_on >= since
    ]
    return sorted(found, key=lambda s: s.source.written_on, reverse=True)


def _feeling_low(ctx: RuleContext) -> Advice | None:
    """The member wrote that they are overwhelmed or behind: recognition first, then one small step."""
    feelings = [s for s in low_feelings(ctx) if s.feeling in (Feeling.OVERWHELMED, Feeling.BEHIND)]
    if not feelings:
        return None
    signal = feelings[0]
    start = ctx.snapshot.profile.internship_start or (ctx.past[0].date if ctx.past else ctx.today)
    so_far = [c for c in ctx.past if c.date >= start]
    people = {pid for c in so_far for pid in c.person_ids}
    reason = (
        f"{_you_wrote(signal)} Look at what you have built since {start:%d %b}: "
        f"{plural(len(so_far), 'conversation')} and {plural(len(people), 'person', 'people')} who know your work."
    )
    recent = [c for c in ctx.past if c.date >= ctx.today - dt.timedelta(days=30)] or list(ctx.past[-3:])
    easiest = max(recent, key=lambda c: (c.quality, c.date), default=None)
    if easiest is not None and easiest.person_ids:
        who = easiest.person_ids[0]
        action = (
            f"This week, just one small step: a 15-minute chat with {ctx.name(who)}, whom you enjoyed "
            f"talking to on {easiest.date:%d %b}. No new targets until it feels lighter."
        )
        ids = [who]
    else:
        action = "This week, just one small step: one 15-minute chat with someone you already know. No new targets."
        ids = []
    age = (ctx.today - signal.source.written_on).days
    parts = [part("you wrote how you feel", 10 - min(8, age / 4))]
    return Advice("One small step at a time", reason, action, parts, ids, [signal.quote])


def _note_of(ctx: RuleContext, signal: Signal) -> str:
    """The whole note a sentence came from: the sentences around a feeling say what it is about."""
    if signal.source.kind == SourceKind.CONVERSATION:
        conversation = _source_conversation(ctx, signal)
        return " ".join([conversation.learned, conversation.notes]) if conversation else signal.quote
    if signal.source.kind == SourceKind.REFLECTION:
        return next((r.text for r in ctx.snapshot.reflections if r.id == signal.source.record_id), signal.quote)
    return signal.quote


def _daunting_talk(ctx: RuleContext, signal: Signal) -> tuple[int, dt.date] | None:
    """Who and when the member is nervous about, from the note around the feeling ("with Victor on Thursday 7 May")."""
    note = _note_of(ctx, signal)
    when = signal.due or due_date(note, signal.source.written_on)
    if when is None or not ctx.today <= when <= ctx.today + dt.timedelta(days=PREPARE_AHEAD_DAYS):
        return None
    named = PeopleNames(ctx.people.values()).named_in(note)
    # Someone named in the note beyond the people of the talk it was written after is who the meeting is with.
    others = [pid for pid in named if pid not in signal.person_ids]
    candidates = others or list(named) or list(signal.person_ids)
    return (candidates[0], when) if candidates else None


def _prepare(ctx: RuleContext) -> Advice | None:
    """A daunting conversation or event ahead: two questions and a short intro take the fear out."""
    nervous = [s for s in low_feelings(ctx) if s.feeling == Feeling.NERVOUS]
    for signal in nervous:
        talk = _daunting_talk(ctx, signal)
        if talk is None:
            continue
        person_id, when = talk
        name = ctx.name(person_id)
        days = (when - ctx.today).days
        reason = f"{_you_wrote(signal)} Your talk with {ctx.people[person_id].name} is on {when:%a %d %b}."
        action = (
            f"Open {name}'s prep card: rehearse a two-sentence intro and pick two questions "
            f"about {name}'s work and path; ten minutes today is enough."
        )
        # Days away and written nerves outrank an undated promise: the talk will not wait.
        parts = [part(f"in {plural(days, 'day')}", 10 - days), part("you wrote you are nervous", 4)]
        parts += person_parts(ctx, person_id)
        return Advice(f"Prepare for {name}", reason, action, parts, [person_id], [signal.quote])
    ahead = ctx.today + dt.timedelta(days=PREPARE_AHEAD_DAYS)
    upcoming = sorted(
        (e for e in ctx.snapshot.events if not e.attended and ctx.today <= e.date <= ahead), key=lambda e: e.date
    )
    if upcoming and nervous:
        event = upcoming[0]
        reason = f"You wrote you feel nervous, and {event.name} is on {event.date:%a %d %b}."
        action = (
            f"Before {event.name}, open its prep card: rehearse a two-sentence intro, "
            "pick two questions for people you have not met, and aim for two names."
        )
        days = (event.date - ctx.today).days
        return Advice(
            "Prepare for the event", reason, action, [part(f"in {plural(days, 'day')}", 6)], [], [nervous[0].quote]
        )
    return None


# The member asking for something: advice, an introduction, feedback, a referral.
_ASKED = re.compile(
    r"\b(i asked|asked (him|her|them|for)|ask(ed)? for (advice|feedback|an intro)|got (advice|feedback)|"
    r"my question was|requested)\b",
    re.IGNORECASE,
)


def _only_giving(ctx: RuleContext) -> Advice | None:
    """Help offered again and again, nothing asked: asking is part of networking too."""
    since = ctx.today - dt.timedelta(days=GIVING_WINDOW_DAYS)
    recent = [c for c in ctx.past if c.date >= since]
    giving = [c for c in recent if c.help_offered.strip()]
    if len(giving) < GIVING_MIN_TALKS or len(giving) < GIVING_MIN_SHARE * len(recent):
        return None
    if any(_ASKED.search(" ".join([c.learned, c.notes])) for c in recent):
        return None
    asked_kinds = {SignalKind.ADVICE, SignalKind.THEY_ASKED}
    if any(s.kind in asked_kinds and s.source.written_on >= since for s in ctx.signals):
        return None
    offered = [s for s in ctx.signals if s.kind == SignalKind.THEY_OFFERED and s.person_ids]
    helped = {pid for c in giving for pid in c.person_ids}
    if offered:
        who = offered[-1].person_ids[0]
        why = f"{ctx.name(who)} offered to help you back"
    else:
        who = max(helped, key=lambda pid: points(person_parts(ctx, pid)))
        why = f"you have helped {ctx.name(who)}, so asking back is natural"
    reason = (
        f"You offered help in {len(giving)} of your {len(recent)} conversations in the last {GIVING_WINDOW_DAYS} days "
        "and logged no ask of your own."
    )
    action = (
        f"Ask {ctx.name(who)} for one thing this week (advice on a decision, feedback on your work or an "
        f"introduction): {why}."
    )
    return Advice("Ask for something back", reason, action, [part(f"{len(giving)} times giving", len(giving))], [who])


RULES = (
    Rule("opportunity", "hidden-opportunities", Priority.EXPIRING, _opportunity),
    Rule("promise-owed", "follow-up", Priority.EXPIRING, _promise_owed),
    Rule("offer-open", "learn-from-others", Priority.EXPIRING, _offer_open),
    Rule("prepare", "practice", Priority.EXPIRING, _prepare),
    Rule("report-back", "seek-mentorship", Priority.SLIPPING, _report_back),
    Rule("feeling-low", "be-patient", Priority.SLIPPING, _feeling_low),
    Rule("only-giving", "offer-help", Priority.HABIT, _only_giving),
)
