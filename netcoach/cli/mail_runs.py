"""What the commands that mail on a schedule (`digest`, `retention`) share: the app's address, one-line errors."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from netcoach.cli.output import CommandError

RULE = "-" * 72  # between the mails a dry run shows


def app_url_from(args: argparse.Namespace, secrets: Mapping[str, Any]) -> str:
    """--app-url, else `app_url` under [netcoach] in the secrets file: every link in a mail starts with it."""
    section = secrets.get("netcoach")
    configured = section.get("app_url", "") if isinstance(section, Mapping) else ""
    url = str(args.app_url or configured or "").strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise CommandError(
            "--app-url: the dashboard's address (https://...) is needed for the links in a mail; "
            "pass --app-url or set app_url under [netcoach] in the secrets file"
        )
    return url


def one_line(error: BaseException) -> str:
    """An error as one short line of a run's report."""
    return " ".join(str(error).split())[:300] or type(error).__name__
