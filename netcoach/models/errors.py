"""The one error that input which breaks the rules raises, and how its problems read on a screen."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# Each stored field as the forms label it, so a problem names what the person sees.
# A form whose label differs passes its own words to `as_seen`.
FIELD_LABELS: Mapping[str, str] = {
    # a conversation
    "person_ids": "Who did you talk to?",
    "date": "Date",
    "setting": "Setting",
    "event_id": "Event",
    "event": "Event",
    "topics": "Topics",
    "learned": "What I learned",
    "help_offered": "Help I offered",
    "quality": "How good was it?",
    "followup_due": "Follow up by",
    "followup_done": "Follow-up done on",
    "notes": "Notes",
    # a person met for the first time while logging
    "new person name": "New person's name",
    "new person role": "New person's role",
    "new person organization": "Organization or team",
    # a person
    "name": "Name",
    "role": "Role",
    "organization": "Organization or team",
    "how_met": "How we met",
    "email": "Email",
    "links": "Links",
    "tags": "Tags",
    "mentor_stage": "Mentor stage",
    "cadence_days": "Keep in touch every … days",
    "title": "Job title",
    "phones": "Phones",
    "other_emails": "Other emails",
    "birthday": "Birthday",
    # an event
    "kind": "Kind",
    "place": "Place",
    "description": "Description",
    "attended": "I went",
    # goals, reflections, tips
    "month": "Month",
    "metric": "Goal",
    "target": "Target",
    "text": "Your reflection on the month",
    "reflection": "Tried it? One line on how it went",
    # reminders
    "weekly": "Send me a weekly digest",
    "weekday": "On",
    "hour": "At",
    "daily": "Also a short note on days something is due",
    # the profile
    "display_name": "Your name",
    "internship_start": "Internship starts",
    "internship_end": "Internship ends",
    "default_followup_days": "Follow up after … days",
    "default_setting": "Usual setting",
}


def as_seen(problem: str, labels: Mapping[str, str] | None = None) -> str:
    """One 'field: what is wrong' problem with the field named as the form shows it.

    `labels` (a form's own words) come first, then the shared table; a problem
    about no known field is left as it is.
    """
    field, sep, rest = problem.partition(": ")
    if not sep or not rest:
        return problem
    label = (labels or {}).get(field) or FIELD_LABELS.get(field)
    return f"{label}: {rest}" if label else problem


class ValidationError(ValueError):
    """Every problem found in one piece of input, each as 'field: what is wrong'."""

    def __init__(self, problems: Iterable[str]):
        self.problems: list[str] = list(problems)
        super().__init__("; ".join(self.problems))

    def as_seen(self, labels: Mapping[str, str] | None = None) -> list[str]:
        """The problems as a person reads them on the form: each field by its label."""
        return [as_seen(p, labels) for p in self.problems]
