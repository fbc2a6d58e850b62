"""The member's profile: name, internship dates and the defaults their forms start from."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netcoach.models import Profile, parse_profile
from netcoach.service.unit_of_work import PROFILE_ID, UnitOfWork


class ProfileService(UnitOfWork):
    def profile(self) -> Profile:
        return self.snapshot().profile

    def save_profile(self, raw: Mapping[str, Any]) -> Profile:
        """Change the fields given; the others keep their saved value."""
        with self._work() as work:
            profile = parse_profile({**(work.profile.document(PROFILE_ID) or {}), **raw})
            work.profile.put(PROFILE_ID, profile)
        return profile

    def internship_day(self) -> tuple[int, int] | None:
        """(today's day of the internship, its length in days), once both dates are set."""
        profile = self.profile()
        if not (profile.internship_start and profile.internship_end):
            return None
        total = (profile.internship_end - profile.internship_start).days + 1
        return min(max((self.today - profile.internship_start).days + 1, 0), total), total
