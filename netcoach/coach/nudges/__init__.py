"""Nudges: the advice on Home, each rule reading the log and saying what to do next and why.

Rules are grouped by theme (`followups`, `people`, `mentoring`, `events`,
`goals`, `habits`, `stages` for where the member is in the placement, and
`encouragement` for a member doing well); each theme ends with its table of
rules, where a rule's id and its tip are written once. `ranking` gathers the
tables and orders what fires.
"""

from __future__ import annotations

from netcoach.coach.nudges.ranking import RULE_TIPS, RULES, nudges
from netcoach.coach.nudges.rule import Nudge

__all__ = ["RULES", "RULE_TIPS", "Nudge", "nudges"]
