"""Which member ids a store accepts: both the data folder and the database name members by them."""

from __future__ import annotations

import re

from netcoach.storage.errors import InvalidMemberIdError

# \Z, not $: "$" also matches before a final newline, which would let "abc\n" through.
MEMBER_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}\Z")


def validate_member_id(member_id: str) -> str:
    """Member ids become file names, so only a narrow alphabet is allowed."""
    if not isinstance(member_id, str) or not MEMBER_ID_RE.match(member_id):
        raise InvalidMemberIdError(f"member id {str(member_id)[:70]!r}: use 1-64 lowercase letters, digits, '-' or '_'")
    return member_id
