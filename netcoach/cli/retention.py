"""`netcoach retention`: give notice to people taken off the cohort, and delete their notes when the date comes.

Run it once a day (deploy/netcoach-retention.timer, or deploy/retention.cron).
With `[netcoach] retention_days` set, the notes of someone removed are
deleted on the removal day plus that many days (see netcoach.team.retention).
When the secrets file has an `[smtp]` section, each of them is mailed a notice
at the first run after the removal and a reminder a week before the date; a
notice is noted in the team document right after the mail server took it, so
a second run sends nothing. A deletion takes their file, its backups and
their membership, and writes a line in the roster's audit list. A file that
does not load is named and left untouched; one failure never stops the
others, and the run then ends with exit code 1.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from collections.abc import Mapping
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from netcoach.cli.mail_runs import RULE, app_url_from, one_line
from netcoach.cli.output import CommandError, listed_problems, say, warn
from netcoach.models import ValidationError
from netcoach.outreach.mail import Mailer, SendFailed, SmtpSettings, read_secrets
from netcoach.service import MemberServices
from netcoach.storage import StoreError, data_dir
from netcoach.storage.checks import stored_problems
from netcoach.team import Team, TeamSettings
from netcoach.team.retention import (
    FIRST,
    REMINDER,
    Removed,
    kept_until,
    notice_subject,
    notice_text,
    retention_days_from,
)


@dataclasses.dataclass
class RunReport:
    sent: int = 0
    deleted: int = 0
    failed: list[str] = dataclasses.field(default_factory=list)


def notice_message(removed: Removed, kind: str, sender: str, app_url: str, now: dt.datetime) -> EmailMessage:
    """The notice as a plain-text mail: their name, their address and the date, nothing of their notes."""
    message = EmailMessage()
    message["From"] = Address("netcoach", addr_spec=sender)
    message["To"] = removed.email
    message["Subject"] = notice_subject(kind)
    message["Date"] = format_datetime(now.astimezone())
    message["Message-ID"] = make_msgid("retention", domain=sender.rpartition("@")[2])
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(notice_text(kind, removed.name, removed.deletes_on, app_url))
    return message


def _settings(secrets: Mapping[str, Any]) -> tuple[int | None, TeamSettings]:
    section = secrets.get("netcoach")
    section = section if isinstance(section, Mapping) else {}
    try:
        return retention_days_from(section.get("retention_days")), TeamSettings.from_mapping(section)
    except ValidationError as error:
        raise CommandError("the [netcoach] section of the secrets file: " + "; ".join(error.problems)) from None


def cmd_retention(args: argparse.Namespace) -> int:
    root: Path | str = args.data_dir
    folder = data_dir(root)
    if not folder.exists():
        raise CommandError(f"--data-dir: no folder {folder.location}")
    secrets = read_secrets(Path(args.secrets))
    days, rules = _settings(secrets)
    if days is None:
        say("No retention period is set (retention_days under [netcoach]): nothing is deleted or announced.")
        return 0
    smtp = SmtpSettings.from_secrets(secrets) if "smtp" in secrets else None
    app_url = app_url_from(args, secrets) if smtp else ""
    now: dt.datetime = args.now or dt.datetime.now()
    today = now.date()
    team = Team(folder, today=lambda: today, services=MemberServices(folder, lambda: today), now=lambda: now)
    due = team.removed_with_files(days, mail=smtp is not None, coordinators=rules.coordinators)
    documents = {d.member_id: d for d in folder.documents() if d.member_id is not None} if due else {}
    report = RunReport()
    mailer = Mailer(smtp) if smtp else None
    try:
        for removed in due:
            document = documents.get(removed.member_id)
            problems = stored_problems(document)[1] if document is not None else []
            if problems:
                report.failed.append(
                    f"{removed.label}: their file does not load ({listed_problems(problems)}); "
                    "it was left untouched and nothing was sent"
                )
                continue
            _one_person(team, removed, args.dry_run, app_url, now, mailer, smtp, report)
    finally:
        if mailer is not None:
            mailer.close()
    verb = "would be" if args.dry_run else "were"
    say(
        f"Retention period {days} days: {report.sent} notice mail(s) {verb} sent, "
        f"the notes of {report.deleted} removed person(s) {verb} deleted."
        + (" Dry run: nothing was sent, deleted or recorded." if args.dry_run else "")
    )
    if smtp is None:
        say(
            "No notice mail was sent: the secrets file has no [smtp] section, so the notice on the page a "
            "removed person sees when they sign in is the only one."
        )
    for problem in report.failed:
        warn(f"netcoach: not done: {problem}")
    return 1 if report.failed else 0


def _one_person(
    team: Team,
    removed: Removed,
    dry_run: bool,
    app_url: str,
    now: dt.datetime,
    mailer: Mailer | None,
    smtp: SmtpSettings | None,
    report: RunReport,
) -> None:
    if removed.delete_due:
        days = removed.days_after_removal(now.date())
        if dry_run:
            say(
                f"Would delete the notes of {removed.label}: removed {days} days ago, "
                f"kept until {kept_until(removed.deletes_on)}."
            )
            report.deleted += 1
            return
        try:
            team.delete_after_retention(removed)
        except (StoreError, OSError) as error:
            report.failed.append(f"{removed.label}: their notes could not be deleted ({one_line(error)})")
            return
        report.deleted += 1
        say(f"Deleted the notes of {removed.label}, {days} days after their removal.")
        return
    kind = FIRST if removed.first_notice_due else REMINDER if removed.reminder_due else None
    if kind is None or smtp is None:
        return
    words = "first notice" if kind == FIRST else "reminder"
    message = notice_message(removed, kind, smtp.sender, app_url, now)
    if dry_run:
        report.sent += 1
        say(RULE)
        say(f"To: {removed.email}")
        say(f"Subject: {message['Subject']}")
        say(f"({words}; kept until {kept_until(removed.deletes_on)})")
        say("")
        say(notice_text(kind, removed.name, removed.deletes_on, app_url).rstrip("\n"))
        return
    assert mailer is not None
    try:
        mailer.send(message)
    except SendFailed as error:
        report.failed.append(f"{removed.label}: the {words}: {error}")
        return
    try:
        team.notices.record(removed, kind, removed.email, now)
    except (StoreError, OSError) as error:
        report.failed.append(
            f"{removed.label}: the {words} went out but could not be noted ({one_line(error)}); "
            "the next run may send it again"
        )
        return
    report.sent += 1
    say(f"Sent the {words} to {removed.label}: kept until {kept_until(removed.deletes_on)}.")
