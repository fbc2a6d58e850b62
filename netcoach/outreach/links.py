"""The addresses of a member's private links, as the server answers them and as mails and Settings show them.

Kept apart from the web layer so the command line that sends digests can
build an unsubscribe link without importing Streamlit.
"""

from __future__ import annotations

CALENDAR_ROUTE = "/calendar/{token}.ics"
UNSUBSCRIBE_ROUTE = "/unsubscribe/{token}"


def calendar_path(token: str) -> str:
    return CALENDAR_ROUTE.format(token=token)


def unsubscribe_path(token: str) -> str:
    return UNSUBSCRIBE_ROUTE.format(token=token)
