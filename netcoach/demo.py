"""Believable sample data: one intern's months of networking, the same for a seed.

A new user wants to see what the coach does with a few months of notes before
typing their own, and tests and benchmarks want realistic, varied data without
a fixture file to maintain. `build` is pure: it draws everything from one
`random.Random(seed)`, so a seed always gives the same member. Every record is
passed through the same parsers the service uses, so the generator cannot
produce data the app would refuse. `generate` writes it into an empty member,
either in one transaction (fast, the default) or call by call through the
service, which gives the very same records.

Every name, organization and event here is invented.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Mapping, Sequence
from typing import Any

from netcoach import transfer
from netcoach.insights import analytics
from netcoach.models import (
    TABLE_PARSERS,
    Conversation,
    Event,
    EventKind,
    Goal,
    GoalMetric,
    MentorStage,
    Person,
    Profile,
    Role,
    Setting,
    TipProgress,
    ValidationError,
    parse_conversation,
    parse_event,
    parse_goal,
    parse_person,
    parse_profile,
    parse_tip_progress,
    to_record,
)
from netcoach.service import MemberService

DEFAULT_CONVERSATIONS = 120
MAX_CONVERSATIONS = 100_000
TABLE_NAMES = tuple(TABLE_PARSERS)

# fmt: off
FIRST_NAMES = (
    "Avery", "Bianca", "Caleb", "Dara", "Elif", "Farah", "Gideon", "Hana", "Ines", "Jonah", "Keiko", "Luca", "Maya",
    "Nikhil", "Omar", "Priya", "Quinn", "Rosa", "Soren", "Tariq", "Uma", "Vera", "Wes", "Ximena", "Yusuf", "Zoe",
    "Amara", "Bruno", "Chloe", "Diego", "Esme", "Felix", "Greta", "Hugo", "Imani", "Jasper", "Kofi", "Lena",
    "Mateo", "Nadia", "Oscar", "Paloma", "Rafael", "Saanvi", "Theo", "Valentina", "Wren", "Yara"
)
LAST_NAMES = (
    "Abernathy", "Bautista", "Castellano", "Delacroix", "Eriksen", "Fairbanks", "Galloway", "Hartwell", "Ibarra",
    "Jankowski", "Kowalczyk", "Lindqvist", "Nakamura", "Oyelaran", "Pemberton", "Quintero", "Rasmussen", "Sato",
    "Thornbury", "Underwood", "Varga", "Whitlock", "Yilmaz", "Zeller", "Brennan", "Chowdhury", "Duarte", "Esposito",
    "Fitzgerald", "Greaves", "Holloway", "Iwasaki", "Jovanovic", "Kaur", "Laurent", "Moreau", "Novak", "Okonkwo",
    "Pereira", "Quigley", "Romano", "Sorensen", "Takahashi", "Upadhyay", "Vasquez", "Winslow", "Xu", "Yamamoto"
)
# fmt: on
COMPANIES = ("Larkspur Analytics", "Bluefin Health", "Quarry Labs", "Tidewater Energy", "Copperleaf Software")
TEAMS = (
    "Data Platform",
    "Payments",
    "Design Systems",
    "Customer Insights",
    "Security",
    "Growth",
    "Mobile",
    "Infrastructure",
)
INDUSTRY_ORGS = (
    "Harborview Data",
    "Meridian Robotics",
    "Foxglove Studio",
    "Summit Grid",
    "Kestrel Bank",
    "Open Pantry Foundation",
    "Civic Maps Collective",
    "Juniper Cloud",
    "Atlas Freight",
)
RECRUITING_ORGS = ("Brightpath Recruiting", "Northstar Talent Partners")
OTHER_ORGS = ("Pinecrest University alumni network", "Pinecrest University career centre", "Community coding club", "")

HOW_MET: dict[Role, tuple[str, ...]] = {
    Role.FELLOW_INTERN: ("intern orientation", "same onboarding group", "lunch table on day one", "intern chat"),
    Role.COLLEAGUE: ("team stand-up", "pairing on a ticket", "introduced by my supervisor", "coffee machine"),
    Role.SUPERVISOR: ("my internship supervisor",),
    Role.MENTOR: ("assigned mentor in the intern program",),
    Role.INDUSTRY_PROFESSIONAL: ("meetup", "conference hallway", "reached out after a talk", "online panel"),
    Role.RECRUITER: ("career fair", "messaged me about open roles", "intern program kickoff"),
    Role.OTHER: ("alumni evening", "friend of a friend", "coding club", "career centre workshop"),
}
TAGS: dict[Role, tuple[str, ...]] = {
    Role.FELLOW_INTERN: ("intern", "python", "design", "data"),
    Role.COLLEAGUE: ("python", "data", "testing", "product", "ml"),
    Role.SUPERVISOR: ("my team",),
    Role.MENTOR: ("career advice",),
    Role.INDUSTRY_PROFESSIONAL: ("industry", "ml", "open source", "hiring"),
    Role.RECRUITER: ("hiring",),
    Role.OTHER: ("alumni", "practice"),
}
TOPICS: dict[Role, tuple[str, ...]] = {
    Role.FELLOW_INTERN: (
        "intern project",
        "onboarding",
        "study group",
        "interview prep",
        "return offers",
        "final presentation",
    ),
    Role.COLLEAGUE: ("code review", "team roadmap", "on-call", "testing", "data pipelines", "career paths", "tooling"),
    Role.SUPERVISOR: ("project scope", "weekly priorities", "feedback", "midpoint review", "return offer"),
    Role.MENTOR: ("career paths", "skills to build", "networking", "feedback", "graduate school", "job search"),
    Role.INDUSTRY_PROFESSIONAL: ("industry trends", "their company", "career paths", "open source", "hiring market"),
    Role.RECRUITER: ("open roles", "application timeline", "resume", "interview process", "new-grad programs"),
    Role.OTHER: ("alumni stories", "career fair", "side projects", "introductions", "public speaking"),
}
LEARNED: dict[Role, tuple[str, ...]] = {
    Role.FELLOW_INTERN: (
        "Other interns hit the same onboarding snags; comparing notes saves hours.",
        "{name} keeps a weekly list of wins, which makes the final review easy to write.",
        "Asking the intern group first is often quicker than waiting for a senior person.",
        "Their team writes design notes before meetings; worth suggesting to mine.",
    ),
    Role.COLLEAGUE: (
        "The team likes a short written plan before anyone starts coding.",
        "Asking why a reviewer prefers a change teaches more than just applying it.",
        "Most people on the floor found their current role through someone they knew.",
        "{name} keeps Friday afternoons for tidying notes and planning the week.",
        "Twenty minutes of pairing on a bug explained more of the system than a day of reading.",
    ),
    Role.SUPERVISOR: (
        "A two-line update before being asked builds trust quickly.",
        "Bring two options and a recommendation instead of an open question.",
        "The final presentation should tell the story of the problem, not list every task.",
        "Ask for help once blocked for half a day; nobody expects me to struggle alone.",
    ),
    Role.MENTOR: (
        "Pick one skill to deepen this quarter rather than five to skim.",
        "An internship is a cheap experiment in what kind of work suits me.",
        "Writing down what gave me energy each week shows which work to look for next.",
        "Everyone has an answer to 'what do you wish you had known as an intern?'.",
    ),
    Role.INDUSTRY_PROFESSIONAL: (
        "{org} fills most junior roles through referrals and meetups, not job boards.",
        "Tools change quickly; SQL and clear writing stay useful everywhere.",
        "Giving a short talk at a small meetup is a good way to be remembered.",
        "Their path went from support to engineering: side doors exist.",
    ),
    Role.RECRUITER: (
        "Applications for the graduate program open early in the autumn.",
        "A short, specific thank-you note after a chat makes a candidate memorable.",
        "Describe each project by its result first, then by how it was done.",
        "Referred candidates are read first, but the bar stays the same.",
    ),
    Role.OTHER: (
        "Saying a thirty-second introduction out loud makes events much less stressful.",
        "Alumni are happy to help when the request is small and specific.",
        "Opening with a question about the other person takes the pressure off.",
    ),
}
HELP = (
    "Shared my notes from the onboarding sessions.",
    "Reviewed their slides for the showcase.",
    "Sent them the article we talked about.",
    "Helped reproduce a flaky test on my machine.",
    "Introduced them to {other}.",
    "Answered their user-research survey and sent feedback.",
    "Passed on a job posting that matched what they are looking for.",
    "Showed them how I set up the local environment.",
    "Proofread the README of their side project.",
)
NOTES = (
    "Ask about {topic} next time.",
    "They prefer chat messages to email.",
    "Mentioned a reading group that meets on Thursdays.",
    "Good moment to reconnect before the end of the internship.",
    "",
)
# What a conversation with someone becoming a mentor is about, stage by stage.
MENTOR_ARC: dict[MentorStage, tuple[tuple[str, ...], str]] = {
    MentorStage.FIRST_CHAT: (("career paths", "their team"), "{name} moved to {org} after two years elsewhere."),
    MentorStage.FOLLOW_UP_CHAT: (
        ("book recommendation",),
        "Talked through the book they suggested; they pick projects by what they will learn.",
    ),
    MentorStage.ASKED_ADVICE: (
        ("choosing a specialty",),
        "Asked how to choose between data engineering and analytics: try a small task in each.",
    ),
    MentorStage.ACTED_AND_REPORTED: (
        ("follow-through",),
        "Reported back after shadowing the analytics team for a day; they offered regular chats.",
    ),
    MentorStage.MENTOR: (
        ("check-in", "learning plan"),
        "Regular check-in: reviewed my learning plan and agreed the next step.",
    ),
}
STAGE_ORDER = tuple(MentorStage)

# Which kinds of people one meets in each setting.
SETTING_ROLES: dict[Setting, tuple[Role, ...]] = {
    Setting.ONE_ON_ONE: (Role.SUPERVISOR, Role.MENTOR, Role.COLLEAGUE),
    Setting.TEAM_MEETING: (Role.COLLEAGUE, Role.SUPERVISOR, Role.FELLOW_INTERN),
    Setting.COFFEE_CHAT: (Role.FELLOW_INTERN, Role.COLLEAGUE, Role.INDUSTRY_PROFESSIONAL, Role.MENTOR, Role.OTHER),
    Setting.COMPANY_EVENT: (Role.COLLEAGUE, Role.FELLOW_INTERN, Role.SUPERVISOR, Role.RECRUITER),
    Setting.SOCIAL: (Role.FELLOW_INTERN, Role.COLLEAGUE, Role.OTHER),
    Setting.INDUSTRY_EVENT: (Role.INDUSTRY_PROFESSIONAL, Role.RECRUITER),
    Setting.ONLINE: (Role.INDUSTRY_PROFESSIONAL, Role.RECRUITER, Role.OTHER, Role.MENTOR),
    Setting.PRACTICE: (Role.FELLOW_INTERN, Role.OTHER),
}
SETTING_WEIGHTS: dict[Setting, float] = {
    Setting.ONE_ON_ONE: 18,
    Setting.TEAM_MEETING: 14,
    Setting.COFFEE_CHAT: 16,
    Setting.COMPANY_EVENT: 9,
    Setting.SOCIAL: 10,
    Setting.INDUSTRY_EVENT: 9,
    Setting.ONLINE: 12,
    Setting.PRACTICE: 4,
}
EVENT_SETTING_KIND = {Setting.COMPANY_EVENT: EventKind.COMPANY, Setting.INDUSTRY_EVENT: EventKind.INDUSTRY}
ROLE_WEIGHT: dict[Role, float] = {
    Role.SUPERVISOR: 6,
    Role.MENTOR: 4,
    Role.COLLEAGUE: 1.2,
    Role.FELLOW_INTERN: 1.8,
    Role.INDUSTRY_PROFESSIONAL: 0.4,
    Role.RECRUITER: 0.6,
    Role.OTHER: 0.5,
}
# (kind, chance per week, names, place)
EVENT_PLAN: tuple[tuple[EventKind, float, tuple[str, ...], str], ...] = (
    (
        EventKind.COMPANY,
        0.5,
        (
            "All-hands meeting",
            "Lunch and learn: data quality",
            "Intern hackathon",
            "Engineering demo day",
            "Town hall with leadership",
            "Lunch and learn: accessibility",
        ),
        "Head office, 4th floor",
    ),
    (
        EventKind.INDUSTRY,
        0.35,
        (
            "Data and AI meetup",
            "Regional tech conference",
            "Product people meetup",
            "Open source sprint night",
            "Spring career fair",
            "Cloud infrastructure summit",
        ),
        "Riverside convention centre",
    ),
    (
        EventKind.SOCIAL,
        0.25,
        ("Intern trivia night", "After-work board games", "Summer picnic", "Volunteering day"),
        "Harbour park",
    ),
    (
        EventKind.WORKSHOP,
        0.2,
        ("Resume workshop", "Profile clinic", "Public speaking workshop", "Negotiation basics"),
        "Training room B",
    ),
    (
        EventKind.ONLINE,
        0.25,
        ("Webinar: first jobs in data", "Online panel: life after the internship", "Virtual coffee roulette"),
        "Online",
    ),
)
ATTEND_CHANCE = {
    EventKind.COMPANY: 0.9,
    EventKind.INDUSTRY: 0.7,
    EventKind.SOCIAL: 0.75,
    EventKind.WORKSHOP: 0.8,
    EventKind.ONLINE: 0.6,
    EventKind.OTHER: 0.5,
}
TIPS: tuple[tuple[str, str], ...] = (
    ("be-proactive", "Introduced myself to two people on another team this week; easier than I feared."),
    ("genuine-interest", "Asked one follow-up question per answer instead of planning my next line."),
    ("offer-help", "Offered to test a colleague's script; they thanked me in stand-up."),
    ("online-presence", "Updated my profile with the intern project and two skills."),
    ("attend-events", "Went to a meetup alone and talked to three people."),
    ("follow-up", "Sent thank-you notes within two days after each coffee chat."),
    ("seek-mentorship", "Asked a senior colleague for a monthly check-in."),
    ("be-patient", ""),
    ("practice", "Rehearsed my introduction with another intern before the career fair."),
    ("realistic-goals", "Set three goals a month instead of six."),
    ("quality-over-quantity", ""),
)


@dataclasses.dataclass(frozen=True)
class DemoData:
    """One member's sample records, ids already assigned in insertion order."""

    profile: Profile
    people: tuple[Person, ...]
    events: tuple[Event, ...]
    conversations: tuple[Conversation, ...]
    goals: tuple[Goal, ...]
    tips: tuple[TipProgress, ...]

    def counts(self) -> dict[str, int]:
        return {
            "people": len(self.people),
            "conversations": len(self.conversations),
            "events": len(self.events),
            "goals": len(self.goals),
            "tips": len(self.tips),
        }


@dataclasses.dataclass(frozen=True)
class _Timeline:
    internship_start: dt.date
    internship_end: dt.date
    today: dt.date


@dataclasses.dataclass
class _Draft:
    """A conversation before its words are written and its follow-up decided."""

    date: dt.date
    setting: Setting
    person_ids: list[int]
    event_id: int | None = None
    event: str = ""
    pinned: bool = False


# ---------------------------------------------------------------- building
def build(conversations: int = DEFAULT_CONVERSATIONS, seed: int = 1, today: dt.date | None = None) -> DemoData:
    """All of one member's sample data; the same arguments always give the same data."""
    if not 0 <= conversations <= MAX_CONVERSATIONS:
        raise ValidationError([f"conversations: must be 0 to {MAX_CONVERSATIONS}, got {conversations}"])
    rng = random.Random(seed)
    today = today or dt.date.today()
    timeline = _timeline(rng, today)
    company = rng.choice(COMPANIES)
    teams = rng.sample(TEAMS, len(TEAMS))
    people, weights, candidates = _people(rng, conversations, company, teams)
    events = _events(rng, timeline)
    drafts = _drafts(rng, conversations, timeline, people, weights, events)
    _ensure_mentor_arc(rng, drafts, candidates)
    profile = parse_profile(
        {
            "display_name": _full_name(rng),
            "internship_start": timeline.internship_start,
            "internship_end": timeline.internship_end,
            "default_followup_days": rng.choice((2, 3)),
            "default_setting": rng.choice((Setting.ONE_ON_ONE, Setting.COFFEE_CHAT)).value,
        }
    )
    convs = _conversations(rng, drafts, people, candidates, today, profile.default_followup_days)
    people = _with_mentor_stages(people, convs, candidates)
    goals = _goals(rng, timeline, people, convs, events)
    tips = _tips(rng, timeline)
    return DemoData(profile, tuple(people), tuple(events), tuple(convs), tuple(goals), tuple(tips))


def _timeline(rng: random.Random, today: dt.date) -> _Timeline:
    """An internship of five to six months that started four to five months ago."""
    start = today - dt.timedelta(days=rng.randint(110, 150))
    end = max(start + dt.timedelta(days=rng.randint(150, 182)), today + dt.timedelta(days=14))
    return _Timeline(start, end, today)


def _full_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _unique_names(rng: random.Random, count: int) -> list[str]:
    pairs = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    return rng.sample(pairs, count)


def _role_mix(rng: random.Random, count: int) -> list[Role]:
    """Every role at least once, then a plausible intern's mix."""
    core = [
        Role.SUPERVISOR,
        Role.MENTOR,
        Role.COLLEAGUE,  # becomes a mentor over the months
        Role.INDUSTRY_PROFESSIONAL,  # a second, slower mentor candidate
        Role.OTHER,  # a third, still at the first chat
        Role.FELLOW_INTERN,
        Role.FELLOW_INTERN,
        Role.COLLEAGUE,
        Role.RECRUITER,
        Role.RECRUITER,
    ]
    rest_roles = [Role.COLLEAGUE, Role.FELLOW_INTERN, Role.INDUSTRY_PROFESSIONAL, Role.RECRUITER, Role.OTHER]
    rest = rng.choices(rest_roles, weights=[35, 25, 25, 5, 10], k=max(0, count - len(core)))
    return core[:count] + rest


def _people_count(conversations: int) -> int:
    return min(400, max(14, 8 + conversations // 3))


def _people(
    rng: random.Random, conversations: int, company: str, teams: Sequence[str]
) -> tuple[list[Person], dict[int, float], dict[int, MentorStage]]:
    """People with ids, how often each tends to be met, and the mentor candidates' furthest stage."""
    count = _people_count(conversations)
    roles = _role_mix(rng, count)
    names = _unique_names(rng, count)
    people: list[Person] = []
    weights: dict[int, float] = {}
    for index, (role, name) in enumerate(zip(roles, names, strict=True), start=1):
        raw = _person_fields(rng, role, name, company, teams, index)
        people.append(dataclasses.replace(parse_person(raw), id=index))
        weights[index] = ROLE_WEIGHT[role] * rng.uniform(0.5, 1.5)
    # Ids 3, 4 and 5 are the mentor candidates of _role_mix.
    candidates = {3: MentorStage.MENTOR, 4: MentorStage.ASKED_ADVICE, 5: MentorStage.FIRST_CHAT}
    candidates = {k: v for k, v in candidates.items() if k <= count}
    if 3 in weights:
        weights[3] = 9.0
    return people, weights, candidates


def _person_fields(
    rng: random.Random, role: Role, name: str, company: str, teams: Sequence[str], index: int
) -> dict[str, Any]:
    slug = name.lower().replace(" ", "-")
    if role in (Role.FELLOW_INTERN, Role.COLLEAGUE, Role.SUPERVISOR, Role.MENTOR):
        team = teams[0] if role is Role.SUPERVISOR or rng.random() < 0.4 else rng.choice(teams)
        organization = f"{company}, {team}"
        email = f"{slug.replace('-', '.')}@{company.split()[0].lower()}.example"
    elif role is Role.RECRUITER:
        organization = rng.choice((f"{company}, Talent", *RECRUITING_ORGS))
        email = f"{slug.replace('-', '.')}@talent.example"
    elif role is Role.INDUSTRY_PROFESSIONAL:
        organization, email = rng.choice(INDUSTRY_ORGS), ""
    else:
        organization, email = rng.choice(OTHER_ORGS), ""
    cadence = {Role.SUPERVISOR: 7, Role.MENTOR: 14, Role.RECRUITER: 30}.get(role)
    if cadence is None and rng.random() < 0.15:
        cadence = rng.choice((14, 30, 60))
    return {
        "name": name,
        "role": role.value,
        "organization": organization,
        "how_met": rng.choice(HOW_MET[role]),
        "links": [f"https://social.example/in/{slug}-{index}"] if rng.random() < 0.6 else [],
        "tags": rng.sample(TAGS[role], k=min(len(TAGS[role]), rng.randint(0, 2))),
        "mentor_stage": MentorStage.MENTOR.value if role is Role.MENTOR else MentorStage.NONE.value,
        "cadence_days": cadence,
        "email": email if rng.random() < 0.7 else "",
        "notes": "Very generous with time for interns." if rng.random() < 0.08 else "",
    }


def _events(rng: random.Random, timeline: _Timeline) -> list[Event]:
    """Weekly chances of company, industry, social, workshop and online events, a few still ahead."""
    raws: list[dict[str, Any]] = []
    week = timeline.internship_start - dt.timedelta(days=timeline.internship_start.weekday())
    last = timeline.today + dt.timedelta(days=28)
    counters = [0] * len(EVENT_PLAN)
    while week <= last:
        for plan_index, (kind, chance, names, place) in enumerate(EVENT_PLAN):
            if rng.random() >= chance:
                continue
            day = week + dt.timedelta(days=rng.randint(0, 4))
            if day < timeline.internship_start:
                continue
            name = names[counters[plan_index] % len(names)]
            counters[plan_index] += 1
            attended = day <= timeline.today and rng.random() < ATTEND_CHANCE[kind]
            raws.append({"name": name, "date": day, "kind": kind.value, "attended": attended, "place": place})
        week += dt.timedelta(days=7)
    _ensure_attended(rng, raws, timeline)
    raws.sort(key=lambda r: (r["date"], r["name"]))
    return [dataclasses.replace(parse_event(raw), id=i) for i, raw in enumerate(raws, start=1)]


def _ensure_attended(rng: random.Random, raws: list[dict[str, Any]], timeline: _Timeline) -> None:
    """At least one company and one industry event attended, and one skipped, whatever the draw."""
    for kind, name in ((EventKind.COMPANY, "Intern welcome breakfast"), (EventKind.INDUSTRY, "Tech careers evening")):
        if not any(r["kind"] == kind.value and r["attended"] for r in raws):
            day = timeline.internship_start + dt.timedelta(days=rng.randint(3, 20))
            raws.append({"name": name, "date": min(day, timeline.today), "kind": kind.value, "attended": True})
    if not any(not r["attended"] and r["date"] <= timeline.today for r in raws):
        day = timeline.today - dt.timedelta(days=rng.randint(10, 30))
        raws.append({"name": "Evening panel on remote work", "date": day, "kind": "industry", "attended": False})
    if not any(r["date"] > timeline.today for r in raws):
        day = timeline.today + dt.timedelta(days=rng.randint(5, 20))
        raws.append({"name": "Intern project showcase", "date": day, "kind": "company", "attended": False})


def _day_weights(timeline: _Timeline) -> tuple[list[dt.date], list[float]]:
    """Weekdays more than weekends, and a slow first few weeks."""
    days = (timeline.today - timeline.internship_start).days + 1
    dates = [timeline.internship_start + dt.timedelta(days=i) for i in range(days)]
    ramp = max(1.0, days * 0.3)
    weights = [(1.0 if d.weekday() < 5 else 0.25) * (0.4 + 0.6 * min(1.0, i / ramp)) for i, d in enumerate(dates)]
    return dates, weights


def _settings(rng: random.Random, count: int) -> list[Setting]:
    """Settings drawn by weight, each one placed at least once when there is room."""
    kinds = list(SETTING_WEIGHTS)
    settings = rng.choices(kinds, weights=list(SETTING_WEIGHTS.values()), k=count)
    if count >= len(kinds):
        for index, setting in zip(rng.sample(range(count), len(kinds)), kinds, strict=True):
            settings[index] = setting
    return settings


def _drafts(
    rng: random.Random,
    count: int,
    timeline: _Timeline,
    people: Sequence[Person],
    weights: Mapping[int, float],
    events: Sequence[Event],
) -> list[_Draft]:
    """When, where and with whom: everyone is met at least once when there are enough conversations."""
    days, day_weights = _day_weights(timeline)
    dates = rng.choices(days, weights=day_weights, k=count)
    attended = {
        kind: [e for e in events if e.kind is kind and e.attended and e.date <= timeline.today]
        for kind in EVENT_SETTING_KIND.values()
    }
    social = [e for e in events if e.kind is EventKind.SOCIAL and e.attended]
    by_role: dict[Role, list[int]] = {}
    for p in people:
        assert p.id is not None
        by_role.setdefault(p.role, []).append(p.id)
    unmet = {p.id for p in people if p.id is not None}
    drafts: list[_Draft] = []
    for index, (setting, day) in enumerate(zip(_settings(rng, count), dates, strict=True)):
        event: Event | None = None
        if setting in EVENT_SETTING_KIND:
            event = _nearest(attended[EVENT_SETTING_KIND[setting]], day)
        elif setting is Setting.SOCIAL and social and rng.random() < 0.4:
            event = _nearest(social, day)
        pool = [pid for role in SETTING_ROLES[setting] for pid in by_role.get(role, [])]
        remaining = count - index
        primary = _pick(rng, pool, weights, unmet, new_chance=1.5 * len(unmet) / remaining)
        unmet.discard(primary)
        ids = [primary, *_companions(rng, setting, pool, weights, primary)]
        unmet.difference_update(ids)
        drafts.append(
            _Draft(
                date=event.date if event else day,
                setting=setting,
                person_ids=ids,
                event_id=event.id if event else None,
                event=event.name if event else "",
            )
        )
    return drafts


def _ensure_mentor_arc(rng: random.Random, drafts: Sequence[_Draft], candidates: Mapping[int, MentorStage]) -> None:
    """Enough one-on-one time with the first candidate for every step up to mentor.

    Only conversations whose person is met elsewhere too are handed over, so
    nobody drops out of the log.
    """
    mentor = [pid for pid, stage in candidates.items() if stage is MentorStage.MENTOR]
    if not mentor or len(drafts) < 20:
        return
    needed = STAGE_ORDER.index(MentorStage.MENTOR) - sum(1 for d in drafts if d.person_ids[0] == mentor[0])
    appearances: dict[int, int] = {}
    for draft in drafts:
        for pid in draft.person_ids:
            appearances[pid] = appearances.get(pid, 0) + 1
    for _ in range(max(0, needed)):
        spare = [
            d
            for d in drafts
            if d.setting in (Setting.ONE_ON_ONE, Setting.COFFEE_CHAT)
            and len(d.person_ids) == 1
            and d.person_ids[0] != mentor[0]
            and appearances[d.person_ids[0]] > 1
        ]
        if not spare:
            return
        draft = rng.choice(spare)
        appearances[draft.person_ids[0]] -= 1
        draft.person_ids = [mentor[0]]


def _nearest(events: Sequence[Event], day: dt.date) -> Event | None:
    if not events:
        return None
    return min(events, key=lambda e: (abs((e.date - day).days), e.id or 0))


def _pick(
    rng: random.Random, pool: Sequence[int], weights: Mapping[int, float], unmet: set[int], new_chance: float
) -> int:
    """Someone new now and then (so everybody is met by the end), else a familiar face."""
    new = [pid for pid in pool if pid in unmet]
    known = [pid for pid in pool if pid not in unmet]
    if new and (not known or rng.random() < new_chance):
        return rng.choice(new)
    return rng.choices(known, weights=[weights[pid] for pid in known])[0]


def _companions(
    rng: random.Random, setting: Setting, pool: Sequence[int], weights: Mapping[int, float], primary: int
) -> list[int]:
    extra = {Setting.TEAM_MEETING: (1, 3), Setting.SOCIAL: (0, 2), Setting.COMPANY_EVENT: (0, 1)}.get(setting)
    others = [pid for pid in pool if pid != primary]
    if extra is None or not others:
        return []
    wanted = min(len(others), rng.randint(*extra))
    chosen: list[int] = []
    while len(chosen) < wanted:
        pid = rng.choices(others, weights=[weights[p] for p in others])[0]
        if pid not in chosen:
            chosen.append(pid)
    return chosen


def _conversations(
    rng: random.Random,
    drafts: list[_Draft],
    people: Sequence[Person],
    candidates: Mapping[int, MentorStage],
    today: dt.date,
    followup_days: int,
) -> list[Conversation]:
    """Words, quality and follow-ups for each draft, in date order, ids from 1."""
    _pin_recent(drafts, today)
    drafts.sort(key=lambda d: d.date)
    by_id = {p.id: p for p in people}
    talks_with: dict[int, int] = {}
    raws = []
    for draft in drafts:
        main = by_id[draft.person_ids[0]]
        assert main.id is not None
        talks_with[main.id] = talks_with.get(main.id, 0) + 1
        stage = _arc_stage(candidates.get(main.id), talks_with[main.id])
        raws.append(_conversation_fields(rng, draft, main, people, stage))
    _followups(rng, raws, drafts, today, followup_days)
    return [dataclasses.replace(parse_conversation(raw), id=i) for i, raw in enumerate(raws, start=1)]


def _pin_recent(drafts: list[_Draft], today: dt.date) -> None:
    """Three conversations in the last days: a follow-up due today and two coming up."""
    loose = [d for d in drafts if d.event_id is None]
    loose.sort(key=lambda d: d.date, reverse=True)
    for draft, days_ago in zip(loose[:3], (2, 1, 0), strict=False):
        draft.date = today - dt.timedelta(days=days_ago)
        draft.pinned = True


def _stage_for(furthest: MentorStage | None, talks: int) -> MentorStage | None:
    """The stage a mentor candidate reaches at their n-th conversation."""
    if furthest is None:
        return None
    return STAGE_ORDER[min(talks, STAGE_ORDER.index(furthest))]


def _arc_stage(furthest: MentorStage | None, talks: int) -> MentorStage | None:
    """The mentor-arc step a conversation is about, or None for an ordinary chat.

    A candidate who stopped short of becoming a mentor gets ordinary chats
    after their last step; a mentor gets regular check-ins.
    """
    if furthest is None:
        return None
    if talks > STAGE_ORDER.index(furthest) and furthest is not MentorStage.MENTOR:
        return None
    return _stage_for(furthest, talks)


def _conversation_fields(
    rng: random.Random, draft: _Draft, main: Person, people: Sequence[Person], stage: MentorStage | None
) -> dict[str, Any]:
    organization = main.organization.split(",")[0] or "their company"
    if stage is not None and stage is not MentorStage.NONE:
        topics, learned = MENTOR_ARC[stage]
        topics = list(topics)
    else:
        topics = rng.sample(TOPICS[main.role], k=rng.randint(1, 3))
        learned = rng.choice(LEARNED[main.role]) if rng.random() < 0.8 else ""
    help_offered = ""
    if rng.random() < 0.22:
        other = rng.choice([p.name for p in people if p.id != main.id] or ["a friend"])
        help_offered = rng.choice(HELP).format(other=other)
    quality_weights = (1, 2, 5, 6, 3) if draft.setting in (Setting.ONE_ON_ONE, Setting.COFFEE_CHAT) else (1, 3, 6, 4, 2)
    if stage is not None:
        quality_weights = (0, 1, 2, 5, 6)
    note = rng.choice(NOTES) if rng.random() < 0.15 else ""
    return {
        "date": draft.date,
        "person_ids": draft.person_ids,
        "setting": draft.setting.value,
        "event_id": draft.event_id,
        "event": draft.event,
        "topics": topics,
        "learned": learned.format(name=main.name.split()[0], org=organization),
        "help_offered": help_offered,
        "quality": rng.choices(range(1, 6), weights=quality_weights)[0],
        "notes": note.format(topic=topics[0] if topics else "the project"),
    }


FOLLOWUP_CHANCE = {Role.RECRUITER: 0.8, Role.INDUSTRY_PROFESSIONAL: 0.75, Role.MENTOR: 0.6, Role.OTHER: 0.5}


def _followups(
    rng: random.Random, raws: list[dict[str, Any]], drafts: Sequence[_Draft], today: dt.date, days: int
) -> None:
    """Most follow-ups done on time, some late, some forgotten; a few still ahead."""
    for raw, draft in zip(raws, drafts, strict=True):
        if draft.pinned:
            continue
        if rng.random() >= 0.4 + 0.2 * (draft.setting in (Setting.INDUSTRY_EVENT, Setting.ONLINE)):
            continue
        due = raw["date"] + dt.timedelta(days=rng.choice((days, days, 1, 3, 5, 7)))
        raw["followup_due"] = due
        raw["followup_done"] = _done_date(rng, raw["date"], due, today)
    _force_followup_mix(raws, drafts, today)


def _done_date(rng: random.Random, start: dt.date, due: dt.date, today: dt.date) -> dt.date | None:
    roll = rng.random()
    if due >= today:
        return _between(rng, start, today) if roll < 0.3 else None
    if roll < 0.65:
        return _between(rng, start, due)
    if roll < 0.9:
        return _between(rng, due + dt.timedelta(days=1), min(today, due + dt.timedelta(days=12)))
    return None


def _between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _force_followup_mix(raws: list[dict[str, Any]], drafts: Sequence[_Draft], today: dt.date) -> None:
    """Whatever the draw: one due today, two upcoming, three overdue, one late and one on time."""
    pinned = [raw for raw, draft in zip(raws, drafts, strict=True) if draft.pinned]
    for raw, due in zip(pinned, (today, today + dt.timedelta(days=2), today + dt.timedelta(days=5)), strict=False):
        raw["followup_due"], raw["followup_done"] = due, None
    older = [r for r, d in zip(raws, drafts, strict=True) if not d.pinned and r["date"] <= today - dt.timedelta(days=6)]
    older.reverse()  # newest first: forgotten follow-ups are recent ones
    wanted = (("overdue", 3), ("late", 1), ("on_time", 1))
    for state, n in wanted:
        present = sum(1 for r in raws if _followup_state(r, today) == state)
        candidates = [r for r in older if _followup_state(r, today) in ("none", "on_time") and r.get("_forced") is None]
        for raw in candidates[: max(0, n - present)]:
            _set_state(raw, state)
    for raw in raws:
        raw.pop("_forced", None)


def _followup_state(raw: Mapping[str, Any], today: dt.date) -> str:
    due, done = raw.get("followup_due"), raw.get("followup_done")
    if due is None:
        return "none"
    if done is None:
        return "overdue" if due < today else "open"
    return "late" if done > due else "on_time"


def _set_state(raw: dict[str, Any], state: str) -> None:
    start = raw["date"]
    raw["followup_due"] = start + dt.timedelta(days=2)
    raw["followup_done"] = {
        "overdue": None,
        "late": start + dt.timedelta(days=5),
        "on_time": start + dt.timedelta(days=1),
    }[state]
    raw["_forced"] = True


def _with_mentor_stages(
    people: Sequence[Person], convs: Sequence[Conversation], candidates: Mapping[int, MentorStage]
) -> list[Person]:
    """Each mentor candidate's stage is where their conversations got to."""
    talks: dict[int, int] = {}
    for c in convs:
        talks[c.person_ids[0]] = talks.get(c.person_ids[0], 0) + 1
    out = []
    for p in people:
        if p.id in candidates:
            stage = _stage_for(candidates[p.id], talks.get(p.id, 0)) or MentorStage.NONE
            p = dataclasses.replace(p, mentor_stage=stage)
        out.append(p)
    return out


def _months(first: dt.date, last: dt.date) -> list[str]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _goals(
    rng: random.Random,
    timeline: _Timeline,
    people: Sequence[Person],
    convs: Sequence[Conversation],
    events: Sequence[Event],
) -> list[Goal]:
    """Three or four goals a month, set so that some past months are met and some missed."""
    frames = analytics.build_frames(people, convs, events)
    this_month = timeline.today.strftime("%Y-%m")
    raws: list[dict[str, Any]] = []
    past: list[tuple[dict[str, Any], int]] = []
    optional = [m for m in GoalMetric if m not in (GoalMetric.CONVERSATIONS, GoalMetric.NEW_PEOPLE)]
    for month in _months(timeline.internship_start, timeline.today):
        actual = analytics.month_progress(frames, month)
        metrics = [GoalMetric.CONVERSATIONS, GoalMetric.NEW_PEOPLE, *rng.sample(optional, rng.randint(1, 2))]
        for metric in metrics:
            raw = {"month": month, "metric": metric.value}
            if month == this_month:
                raw["target"] = round(actual[metric] * 1.5) + 2  # a month in progress: a stretch
            else:
                raw["target"] = _target(rng, actual[metric], met=rng.random() < 0.6)
                past.append((raw, actual[metric]))
            raws.append(raw)
    _mix_outcomes(rng, past)
    for raw in raws:
        raw["target"] = min(999, max(1, raw["target"]))
    return [dataclasses.replace(parse_goal(raw), id=i) for i, raw in enumerate(raws, start=1)]


def _target(rng: random.Random, actual: int, *, met: bool) -> int:
    return actual - rng.randint(0, 2) if met else actual + rng.randint(1, 3)


def _mix_outcomes(rng: random.Random, past: Sequence[tuple[dict[str, Any], int]]) -> None:
    """However the dice fell, at least one past goal met and one missed."""
    if len(past) < 2:
        return
    met = [raw["target"] <= actual for raw, actual in past]
    if all(met):
        raw, actual = rng.choice(past)
        raw["target"] = _target(rng, actual, met=False)
    elif not any(met):
        reachable = [(raw, actual) for raw, actual in past if actual >= 1]
        if reachable:
            raw, actual = rng.choice(reachable)
            raw["target"] = actual


def _tips(rng: random.Random, timeline: _Timeline) -> list[TipProgress]:
    """Some tips read, a few tried with a reflection, one or two due for another look."""
    chosen = rng.sample(TIPS, k=min(len(TIPS), rng.randint(5, 7)))
    progress = []
    for index, (tip_id, reflection) in enumerate(chosen, start=1):
        read_on = _between(rng, timeline.internship_start, timeline.today)
        tried = index <= 3 and bool(reflection)
        tried_on = _between(rng, read_on, timeline.today) if tried else None
        raw = {
            "tip_id": tip_id,
            "read_on": read_on,
            "tried_on": tried_on,
            "reflection": reflection if tried else "",
            "next_review": timeline.today + dt.timedelta(days=rng.randint(3, 21)) if index in (2, 4) else None,
            "useful": rng.random() < 0.8 if tried else None,
        }
        progress.append(dataclasses.replace(parse_tip_progress(raw), id=index))
    return progress


# ---------------------------------------------------------------- writing
def tables(data: DemoData) -> dict[str, dict[str, dict[str, Any]]]:
    """The data as TinyDB tables (document id -> record), as the store keeps them."""

    def keyed(items: Sequence[Any]) -> dict[str, dict[str, Any]]:
        return {str(item.id): to_record(item) for item in items}

    return {
        "people": keyed(data.people),
        "conversations": keyed(data.conversations),
        "events": keyed(data.events),
        "goals": keyed(data.goals),
        "tips": keyed(data.tips),
        "profile": {"1": to_record(data.profile)},
    }


def has_data(service: MemberService) -> bool:
    """True when the member holds anything at all, profile and tips included."""
    document = service.export_json()
    return any(document["tables"].get(name) for name in TABLE_NAMES)


def generate(
    service: MemberService,
    conversations: int = DEFAULT_CONVERSATIONS,
    seed: int = 1,
    today: dt.date | None = None,
    *,
    one_transaction: bool = True,
) -> DemoData:
    """Fill an empty member with sample data and return what was written.

    A member who already has data is refused: sample records mixed into real
    notes could not be told apart again. With one_transaction (the default)
    everything is written at once, which keeps thousands of conversations
    fast; otherwise each record goes through its own service call, as a
    person using the app would make them.
    """
    if has_data(service):
        raise ValidationError(["member: already holds data; sample data goes into an empty member only"])
    data = build(conversations, seed, today or service.today)
    if one_transaction:
        service.apply_import(transfer.ImportPlan(kind="demo", replace_tables=tables(data)))
    else:
        _write_each(service, data)
    return data


def _write_each(service: MemberService, data: DemoData) -> None:
    service.save_profile(to_record(data.profile))
    for person in data.people:
        service.add_person(to_record(person))
    for event in data.events:
        service.add_event(to_record(event))
    for conversation in data.conversations:
        record = to_record(conversation)
        done = conversation.followup_done
        record["followup_done"] = None
        logged = service.log_conversation(record)
        if done is not None:
            service.mark_followup_done(logged.id, on=done)
    for goal in data.goals:
        service.set_goal(goal.month, goal.metric, goal.target)
    for tip in data.tips:
        service.save_tip_progress(to_record(tip))
