"""How much one person matters right now, as named points a member can read.

Overdue follow-ups and check-ins used to be ordered by age alone, so a fellow
intern from three weeks ago came before a contact who mentioned an open role.
A coach weighs who the person is and what is at stake with them: an
opportunity or a promise first, then how senior and how close the
relationship is, and only then how late it is.
"""

from __future__ import annotations

from netcoach.coach.nudges.context import RuleContext
from netcoach.coach.nudges.rule import ScorePart, part
from netcoach.coach.relationships import is_mentor, stage_rank
from netcoach.coach.signals import SignalKind
from netcoach.models import MentorStage, Role

# Points for who the person is to the member: the people who can open doors or shape the work first.
_ROLE_POINTS: dict[Role, tuple[str, float]] = {
    Role.SUPERVISOR: ("your supervisor", 3.0),
    Role.MENTOR: ("your mentor", 3.0),
    Role.INDUSTRY_PROFESSIONAL: ("someone senior in your field", 2.5),
    Role.RECRUITER: ("a recruiter", 2.5),
    Role.COLLEAGUE: ("a colleague", 1.0),
}
STRONG_TIE = 40.0  # relationship strength (0-100) from which closeness earns points


def person_parts(ctx: RuleContext, person_id: int, days_late: int = 0) -> list[ScorePart]:
    """Why this person comes before another: stakes, standing, closeness, lateness."""
    parts: list[ScorePart] = []
    kinds = {s.kind for s in ctx.signals_about(person_id)}
    if SignalKind.OPPORTUNITY in kinds:
        parts.append(part("an opportunity in your notes", 6))
    if kinds & {SignalKind.I_PROMISED, SignalKind.THEY_ASKED}:
        parts.append(part("something you owe them", 5))
    if SignalKind.THEY_OFFERED in kinds:
        parts.append(part("an offer to take up", 3))
    person = ctx.people.get(person_id)
    if person is not None:
        if is_mentor(person):
            parts.append(part("your mentor", 3))
        elif person.role in _ROLE_POINTS:
            label, points = _ROLE_POINTS[person.role]
            parts.append(part(label, points))
        if person.mentor_stage not in (MentorStage.NONE, MentorStage.MENTOR):
            parts.append(part("in your mentor pipeline", 0.6 * stage_rank(person.mentor_stage)))
    strength = ctx.strength.get(person_id, 0.0)
    if strength >= STRONG_TIE:
        parts.append(part(f"a strong relationship ({strength:.0f}/100)", 3 * strength / 100))
    if days_late > 0:
        # Lateness orders people of equal standing; it never outweighs who they are or what is owed.
        parts.append(part(f"{days_late} {'day' if days_late == 1 else 'days'} late", min(2.0, days_late / 10)))
    return parts


def points(parts: list[ScorePart]) -> float:
    return sum(p.points for p in parts)
