"""The hosted team instance: who may sign in, membership, sharing, shared events, cohort totals.

Everything here works on identities the sign-in provider vouched for.

- `addresses`: email addresses and domains compared exactly, as sign-in needs.
- `identity`: the provider's `Identity`, `TeamRole` and the sign-in rules (`TeamSettings`).
- `roster`: the team file (`Team`): members, sharing opt-ins, shared events.
- `book`: the roster coordinators keep in the app (invitations, coordinators, domains, removals) and its audit list.
- `listing`: that roster as the coordinator reads it: who was invited, who signed up and when.
- `help`: a member's ask for the coordinator to contact them, and its handling.
- `pulse`: short check-ins members answer in a tap; the coordinator sees counts from five answers.
- `health`: cohort health buckets for a date range, never one under five members.
- `cohort`: totals and medians over the members who share; nobody is named.
- `views`: what a signed-in member (`TeamView`) or the coordinator (`CoordinatorView`) may do.
"""

from __future__ import annotations

from netcoach.team.addresses import canonical_domain, canonical_email
from netcoach.team.cohort import MIN_SHARING_FOR_BENCHMARKS, member_month_totals
from netcoach.team.identity import Identity, TeamRole, TeamSettings, member_id_for
from netcoach.team.roster import Membership, Team
from netcoach.team.views import CoordinatorView, TeamView

__all__ = [
    "MIN_SHARING_FOR_BENCHMARKS",
    "CoordinatorView",
    "Identity",
    "Membership",
    "Team",
    "TeamRole",
    "TeamSettings",
    "TeamView",
    "canonical_domain",
    "canonical_email",
    "member_id_for",
    "member_month_totals",
]
