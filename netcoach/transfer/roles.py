"""A first guess at a person's role from their job title, on whole words only.

"Internal Audit", "International Sales" and "Interna" hold the letters of
"intern" but are not interns, so every rule is a whole-word pattern. The
guess is shown in the preview, where the person can change it.
"""

from __future__ import annotations

import re

from netcoach.models import Role

RECRUITER_TITLES = re.compile(
    r"\b("
    r"recruit(er|ers|ing|ment)?"
    r"|talent\s+(acquisition|partner|sourcer|sourcing|scout|advisor|specialist|attraction)"
    r"|sourcer|headhunter|head\s+hunter"
    r"|(university|campus|graduate|early[\s-]+careers?)\s+(relations|hiring|programs?)"
    r"|personalreferent(in)?|charg[ée]e?\s+de\s+recrutement|recruteur|recruteuse"
    r")\b",
    re.IGNORECASE,
)
INTERN_TITLES = re.compile(
    r"\b("
    r"interns?|internship|summer\s+(analyst|associate)|co-?op(\s+student)?|trainee"
    r"|werkstudent(in)?|praktikant(in)?|stagiaire|becari[oa]|tirocinante"
    r")\b",
    re.IGNORECASE,
)


def guess_role(title: str, default: Role = Role.INDUSTRY_PROFESSIONAL) -> Role:
    """Recruiter or fellow intern when the title says so in whole words; otherwise `default`."""
    if RECRUITER_TITLES.search(title):
        return Role.RECRUITER
    if INTERN_TITLES.search(title):
        return Role.FELLOW_INTERN
    return default
