"""The sample member's contacts: a plausible mix of roles, with three people on their way to mentor."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from typing import Any

from netcoach.models import MentorStage, Person, Role, parse_person
from netcoach.sample.material import material

# How often each kind of person tends to be met.
ROLE_WEIGHT: dict[Role, float] = {
    Role.SUPERVISOR: 6,
    Role.MENTOR: 4,
    Role.COLLEAGUE: 1.2,
    Role.FELLOW_INTERN: 1.8,
    Role.INDUSTRY_PROFESSIONAL: 0.4,
    Role.RECRUITER: 0.6,
    Role.OTHER: 0.5,
}


def full_name(rng: random.Random) -> str:
    return f"{rng.choice(material().first_names)} {rng.choice(material().last_names)}"


def _unique_names(rng: random.Random, count: int) -> list[str]:
    pairs = [f"{first} {last}" for first in material().first_names for last in material().last_names]
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


def draw_people(
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
    words = material()
    slug = name.lower().replace(" ", "-")
    if role in (Role.FELLOW_INTERN, Role.COLLEAGUE, Role.SUPERVISOR, Role.MENTOR):
        team = teams[0] if role is Role.SUPERVISOR or rng.random() < 0.4 else rng.choice(teams)
        organization = f"{company}, {team}"
        email = f"{slug.replace('-', '.')}@{company.split()[0].lower()}.example"
    elif role is Role.RECRUITER:
        organization = rng.choice((f"{company}, Talent", *words.recruiting_organizations))
        email = f"{slug.replace('-', '.')}@talent.example"
    elif role is Role.INDUSTRY_PROFESSIONAL:
        organization, email = rng.choice(words.industry_organizations), ""
    else:
        organization, email = rng.choice(words.other_organizations), ""
    cadence = {Role.SUPERVISOR: 7, Role.MENTOR: 14, Role.RECRUITER: 30}.get(role)
    if cadence is None and rng.random() < 0.15:
        cadence = rng.choice((14, 30, 60))
    tags = words.tags[role]
    return {
        "name": name,
        "role": role.value,
        "organization": organization,
        "how_met": rng.choice(words.how_met[role]),
        "links": [f"https://social.example/in/{slug}-{index}"] if rng.random() < 0.6 else [],
        "tags": rng.sample(tags, k=min(len(tags), rng.randint(0, 2))),
        "mentor_stage": MentorStage.MENTOR.value if role is Role.MENTOR else MentorStage.NONE.value,
        "cadence_days": cadence,
        "email": email if rng.random() < 0.7 else "",
        "notes": "Very generous with time for interns." if rng.random() < 0.08 else "",
    }
