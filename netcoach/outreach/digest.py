"""The email digest: what the coach would say on Home, in the member's inbox, with a link to act on each item.

Pure: `digest_input` reads one member's snapshot (and, on a team instance,
the team's shared events) into the lines a digest may show; `build_digest`
turns them into a subject, a plain-text part and an HTML part. The HTML is
one column with inline styles and nothing to load (no images, no scripts),
so a phone's mail client shows it as it is; every piece of member text in
it goes through `html.escape`, so a note holding `<script>` or a link reads
as typed. The text part says the same things in the same order.

A digest is built from one member's snapshot only: nothing in it can come
from anyone else's file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from collections.abc import Iterable, Sequence

from netcoach.coach import goal_paces, month_of, nudges
from netcoach.coach.goals import pace_note
from netcoach.coach.months import month_label
from netcoach.coach.nudges import acts
from netcoach.coach.nudges.acts import Act, ActKind
from netcoach.coach.nudges.rule import Nudge
from netcoach.coach.wording import name_list
from netcoach.member_text import for_plain
from netcoach.models import Event, Snapshot
from netcoach.outreach.schedule import DAILY, WEEKLY

TOP_NUDGES = 3  # as many as Home shows first
WEEK_DAYS = 7  # "this week": today and the six days after
TEAM_EVENT_DAYS = 14  # team events are announced two weeks ahead
FOLLOWUPS_SHOWN = 6  # a longer list goes unread in a mail; the rest are one tap away

# The page an act of a coach card opens in the app, and what the digest's link to it says.
_ACT_LINKS = {
    ActKind.MARK_DONE: "Open your follow-ups",
    ActKind.SNOOZE: "Open your follow-ups",
    ActKind.DRAFT: "Draft it in netcoach",
    ActKind.LOG: "Log a conversation",
    ActKind.OPEN_PERSON: "Open their page",
    ActKind.OPEN_PREP: "Open the prep card",
    ActKind.SET_GOALS: "Set your goals",
    ActKind.OPEN_EVENTS: "Open events",
}


@dataclasses.dataclass(frozen=True)
class NudgeLine:
    title: str
    reason: str
    action: str
    page: str  # the app page, with its query ("people?person=3")
    link_label: str


@dataclasses.dataclass(frozen=True)
class FollowUpLine:
    who: str
    due: dt.date
    what: str  # what the member said they would send; "" when they did not say
    talked_on: dt.date
    context: str  # the event, or the setting


@dataclasses.dataclass(frozen=True)
class EventLine:
    name: str
    day: dt.date
    place: str
    team: bool  # posted by the program coordinator


@dataclasses.dataclass(frozen=True)
class PaceLine:
    label: str
    actual: int
    target: int
    note: str


@dataclasses.dataclass(frozen=True)
class DigestInput:
    """Everything one member's digest may show, read from their snapshot on one day."""

    today: dt.date
    name: str
    nudges: tuple[NudgeLine, ...]
    followups: tuple[FollowUpLine, ...]  # open, due within the week (overdue ones included)
    events: tuple[EventLine, ...]  # from today on: the member's own and the team's
    month: str
    paces: tuple[PaceLine, ...]


@dataclasses.dataclass(frozen=True)
class DigestItem:
    """One line of a digest and the address in the app that acts on it."""

    section: str
    text: str
    url: str


@dataclasses.dataclass(frozen=True)
class Digest:
    kind: str  # weekly | daily
    subject: str
    text: str
    html: str
    items: tuple[DigestItem, ...]

    @property
    def empty(self) -> bool:
        return not self.items


# ------------------------------------------------------------------ reading


def act_page(act: Act | None, nudge: Nudge) -> tuple[str, str]:
    """(page with its query, link label) for a nudge's primary act; its tip when no act applies."""
    if act is None:
        return f"tips?tip={nudge.tip_id}", "Why this matters"
    label = _ACT_LINKS[act.kind]
    if act.kind in (ActKind.MARK_DONE, ActKind.SNOOZE, ActKind.DRAFT):
        return "followups", label
    if act.kind is ActKind.LOG:
        return "log", label
    if act.kind is ActKind.OPEN_PERSON and act.person_id is not None:
        return f"people?person={act.person_id}", label
    if act.kind is ActKind.OPEN_PREP and act.person_id is not None:
        return f"people?person={act.person_id}&tab=prepare", label
    if act.kind is ActKind.SET_GOALS:
        return (f"goals?month={act.month}" if act.month else "goals"), label
    if act.kind is ActKind.OPEN_EVENTS:
        return "events", label
    return "", "Open netcoach"


def digest_input(snapshot: Snapshot, today: dt.date, team_events: Iterable[Event] = ()) -> DigestInput:
    """What a digest may say about this member today; `team_events` are the team's shared ones (team mode)."""
    ranked = acts.shown_nudges(nudges(snapshot, today), snapshot.set_aside, today, TOP_NUDGES)
    nudge_lines = []
    for nudge in ranked:
        found = acts.card_acts(nudge, snapshot, today)
        page, label = act_page(found[0] if found else None, nudge)
        nudge_lines.append(NudgeLine(nudge.title, nudge.reason, nudge.action, page, label))

    names = snapshot.person_by_id()
    week_end = today + dt.timedelta(days=WEEK_DAYS - 1)
    followups = sorted(
        (
            FollowUpLine(
                who=name_list([names[i].name for i in c.person_ids if i in names]) or "someone",
                due=c.followup_due,
                what=c.followup_note.strip(),
                talked_on=c.date,
                context=c.event.strip() or c.setting.label,
            )
            for c in snapshot.conversations
            if c.needs_followup and c.followup_due is not None and c.followup_due <= week_end
        ),
        key=lambda line: (line.due, line.who.casefold()),
    )

    own = [e for e in snapshot.events if e.date >= today]
    joined = {e.shared_id for e in own if e.shared_id is not None}
    events = [EventLine(e.name, e.date, e.place.strip(), e.shared_id is not None) for e in own]
    events += [
        EventLine(e.name, e.date, e.place.strip(), True) for e in team_events if e.date >= today and e.id not in joined
    ]
    events.sort(key=lambda e: (e.day, e.name.casefold()))

    month = month_of(today)
    paces = [
        PaceLine(metric.label, p.actual, p.target, pace_note(p))
        for metric, p in goal_paces(snapshot, month, today).items()
    ]
    return DigestInput(
        today=today,
        name=snapshot.profile.display_name.strip(),
        nudges=tuple(nudge_lines),
        followups=tuple(followups),
        events=tuple(events),
        month=month,
        paces=tuple(paces),
    )


# ------------------------------------------------------------------ building


@dataclasses.dataclass(frozen=True)
class _Entry:
    """One item as both parts show it: a bold first line, plain lines under it, and its link."""

    head: str
    lines: tuple[str, ...]
    url: str
    link_label: str


@dataclasses.dataclass(frozen=True)
class _Section:
    title: str
    entries: tuple[_Entry, ...]
    empty: str = ""  # said when there are no entries (a weekly section that is worth saying is clear)


def _day(day: dt.date, today: dt.date) -> str:
    if day == today:
        return "today"
    if day == today + dt.timedelta(days=1):
        return "tomorrow"
    return f"{day:%a} {day.day} {day:%b}"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _due_words(due: dt.date, today: dt.date) -> str:
    if due < today:
        return f"overdue since {due:%a} {due.day} {due:%b}"
    return f"due {_day(due, today)}"


def _link(app_url: str, page: str) -> str:
    base = app_url.rstrip("/")
    return f"{base}/{page}" if page else f"{base}/"


def _followup_entries(lines: Sequence[FollowUpLine], today: dt.date, app_url: str) -> tuple[_Entry, ...]:
    return tuple(
        _Entry(
            head=f"{f.who} · {_due_words(f.due, today)}",
            lines=(
                *((f"What to send: {f.what}",) if f.what else ()),
                f"You talked on {f.talked_on:%a} {f.talked_on.day} {f.talked_on:%b} ({f.context}).",
            ),
            url=_link(app_url, "followups"),
            link_label="Open your follow-ups",
        )
        for f in lines
    )


def _more(followups: Sequence[FollowUpLine], app_url: str) -> tuple[_Entry, ...]:
    rest = len(followups) - FOLLOWUPS_SHOWN
    if rest <= 0:
        return ()
    return (_Entry(f"And {rest} more", (), _link(app_url, "followups"), "See them all"),)


def _event_entries(lines: Sequence[EventLine], today: dt.date, app_url: str) -> tuple[_Entry, ...]:
    return tuple(
        _Entry(
            head=f"{_first_upper(_day(e.day, today))} · {e.name}",
            lines=tuple(
                part for part in (f"Where: {e.place}" if e.place else "", "A team event" if e.team else "") if part
            ),
            url=_link(app_url, "events"),
            link_label="Open events",
        )
        for e in lines
    )


def _weekly_sections(data: DigestInput, app_url: str) -> list[_Section]:
    today = data.today
    week_end = today + dt.timedelta(days=WEEK_DAYS - 1)
    sections = [
        _Section(
            "What the coach suggests",
            tuple(
                _Entry(n.title, (n.reason, f"Next: {n.action}"), _link(app_url, n.page), n.link_label)
                for n in data.nudges
            ),
            empty="Nothing pressing: your log looks healthy. Keep going.",
        ),
        _Section(
            "Follow-ups due this week",
            _followup_entries(data.followups[:FOLLOWUPS_SHOWN], today, app_url) + _more(data.followups, app_url),
            empty="No follow-ups due this week.",
        ),
    ]
    own = [e for e in data.events if e.day <= week_end and not e.team]
    team = [e for e in data.events if e.team and e.day <= today + dt.timedelta(days=TEAM_EVENT_DAYS - 1)]
    coming = sorted([*own, *team], key=lambda e: (e.day, e.name.casefold()))
    if coming:
        sections.append(_Section("Coming up", _event_entries(coming, today, app_url)))
    goals_url = _link(app_url, f"goals?month={data.month}")
    sections.append(
        _Section(
            f"Goals for {month_label(data.month)}",
            tuple(
                _Entry(f"{p.label}: {p.actual} of {p.target}", (p.note,), goals_url, "Open your goals")
                for p in data.paces
            )
            or (_Entry("No goals for this month yet.", (), goals_url, "Set this month's goals"),),
        )
    )
    return sections


def _daily_sections(data: DigestInput, app_url: str) -> list[_Section]:
    today = data.today
    due = [f for f in data.followups if f.due <= today]
    events = [e for e in data.events if e.day == today]
    sections = []
    if due:
        sections.append(_Section("Follow-ups due today", _followup_entries(due, today, app_url)))
    if events:
        sections.append(_Section("Events today", _event_entries(events, today, app_url)))
    return sections


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _subject(kind: str, sections: Sequence[_Section], today: dt.date, followups_due: int) -> str:
    """Counts only: a subject shows on a locked phone, so it names nobody."""
    by_title = {s.title: len(s.entries) for s in sections}
    by_title["Follow-ups due this week"] = followups_due
    if kind == DAILY:
        parts = []
        if by_title.get("Follow-ups due today"):
            parts.append(_count(by_title["Follow-ups due today"], "follow-up", "follow-ups"))
        if by_title.get("Events today"):
            parts.append(_count(by_title["Events today"], "event", "events"))
        return f"netcoach · due today: {' and '.join(parts)}" if parts else "netcoach · nothing due today"
    followups = by_title.get("Follow-ups due this week", 0)
    events = by_title.get("Coming up", 0)
    parts = []
    if followups:
        parts.append(_count(followups, "follow-up due", "follow-ups due"))
    if events:
        parts.append(_count(events, "event coming up", "events coming up"))
    week = f"your week from {today:%a} {today.day} {today:%b}"
    return f"netcoach · {week}: {', '.join(parts)}" if parts else f"netcoach · {week}"


def build_digest(kind: str, data: DigestInput, app_url: str, unsubscribe_url: str, settings_url: str = "") -> Digest:
    """The member's weekly or daily digest: subject, text and HTML parts, each item linking to the app.

    A daily digest with nothing due comes back `empty`; it is not meant to be sent.
    """
    if kind not in (WEEKLY, DAILY):
        raise ValueError(f"kind must be {WEEKLY!r} or {DAILY!r}, not {kind!r}")
    settings_url = settings_url or _link(app_url, "settings")
    sections = _weekly_sections(data, app_url) if kind == WEEKLY else _daily_sections(data, app_url)
    items = tuple(DigestItem(s.title, e.head, e.url) for s in sections for e in s.entries)
    if kind == DAILY and not items:
        return Digest(kind, _subject(kind, sections, data.today, len(data.followups)), "", "", ())
    today = data.today
    greeting = f"Hi {data.name}," if data.name else "Hi,"
    intro = (
        f"Your networking week ahead, from {today:%A} {today.day} {today:%B}."
        if kind == WEEKLY
        else f"Due today, {today:%A} {today.day} {today:%B}."
    )
    why = "a weekly digest" if kind == WEEKLY else "a daily reminder of what is due"
    footer = (
        f"You get this because you asked netcoach for {why}.",
        f"Change it in Settings: {settings_url}",
        f"Unsubscribe with one click: {unsubscribe_url}",
    )
    return Digest(
        kind=kind,
        subject=_subject(kind, sections, today, len(data.followups)),
        text=_text(greeting, intro, sections, footer, app_url),
        html=_html(greeting, intro, sections, why, settings_url, unsubscribe_url, app_url),
        items=items,
    )


def _text(greeting: str, intro: str, sections: Sequence[_Section], footer: Sequence[str], app_url: str) -> str:
    out = [for_plain(greeting), "", intro]
    for section in sections:
        out += ["", section.title.upper()]
        if not section.entries:
            out.append(section.empty)
        for entry in section.entries:
            out.append(f"- {for_plain(entry.head)}")
            out += [f"  {for_plain(line)}" for line in entry.lines]
            out.append(f"  {entry.link_label}: {entry.url}")
    out += ["", f"Open netcoach: {_link(app_url, '')}", "", "-- ", *footer]
    return "\n".join(out) + "\n"


# Inline styles only: many mail clients drop <style> blocks, and none may load anything.
_FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"
_BODY = f"margin:0;padding:0;background:#f4f6f5;{_FONT};color:#1d2521;line-height:1.5"
_WRAP = "max-width:600px;margin:0 auto;padding:16px;background:#ffffff"
_H1 = "font-size:20px;margin:0 0 4px 0"
_H2 = "font-size:17px;margin:24px 0 8px 0;padding-bottom:4px;border-bottom:1px solid #d7e0dc"
_ITEM = "margin:0 0 14px 0"
_LINK = "color:#1f6f5c;font-weight:600;text-decoration:underline"
_SMALL = "font-size:13px;color:#56635d;margin:24px 0 0 0"


def _e(text: str) -> str:
    """Member text (and ours) as HTML text: markup typed in a note stays text, direction stays put."""
    return html.escape(for_plain(text), quote=True)


def _a(url: str, label: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}" style="{_LINK}">{html.escape(label)}</a>'


def _html(
    greeting: str,
    intro: str,
    sections: Sequence[_Section],
    why: str,
    settings_url: str,
    unsubscribe_url: str,
    app_url: str,
) -> str:
    body = [f'<h1 style="{_H1}">{_e(greeting)}</h1>', f'<p style="margin:0 0 8px 0">{_e(intro)}</p>']
    for section in sections:
        body.append(f'<h2 style="{_H2}">{_e(section.title)}</h2>')
        if not section.entries:
            body.append(f'<p style="{_ITEM}">{_e(section.empty)}</p>')
        for entry in section.entries:
            lines = "".join(f"<br>{_e(line)}" for line in entry.lines)
            body.append(
                f'<p style="{_ITEM}"><strong>{_e(entry.head)}</strong>{lines}<br>{_a(entry.url, entry.link_label)}</p>'
            )
    body.append(f'<p style="margin:20px 0 0 0">{_a(_link(app_url, ""), "Open netcoach")}</p>')
    body.append(
        f'<p style="{_SMALL}">You get this because you asked netcoach for {html.escape(why)}. '
        f"{_a(settings_url, 'Change it in Settings')} · {_a(unsubscribe_url, 'Unsubscribe')}</p>"
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>netcoach</title></head>"
        f'<body style="{_BODY}"><div style="{_WRAP}">' + "\n".join(body) + "</div></body></html>\n"
    )
