"""`netcoach digest`: send (or, with --dry-run, show) the email digests that are due, one member at a time.

Run it on a schedule (deploy/netcoach-digest.timer, or the cron line in
deploy/digest.cron); each run sends what is due and not yet sent. A digest is
noted in the member's file right after the mail server took it, so a run
that crashes midway, or a second run in the same hour, never sends a period
twice. A member whose mail the server refused, or whose file cannot be read,
is reported and skipped: the others still get theirs, the run ends with exit
code 1, and the next run tries that member again.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from netcoach.cli.mail_runs import RULE, app_url_from, one_line
from netcoach.cli.output import CommandError, say, warn
from netcoach.models import Event, ValidationError
from netcoach.outreach.links import unsubscribe_path
from netcoach.outreach.mail import Mailer, SendFailed, SmtpSettings, digest_message, read_secrets
from netcoach.service import MemberService, MemberServices
from netcoach.storage import StoreError, data_dir
from netcoach.team import Identity, Team, TeamRole, TeamSettings

DEFAULT_SECRETS = Path(".streamlit/secrets.toml")


def parse_now(text: str) -> dt.datetime:
    """--now as the server's local time; an offset given is converted to it."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date and time (use YYYY-MM-DDTHH:MM)") from None
    return value.astimezone().replace(tzinfo=None) if value.tzinfo else value


@dataclasses.dataclass(frozen=True)
class Recipient:
    """A member who may get digests: who they are in reports, and the one address their digests go to."""

    member_id: str
    label: str  # how the run names them: their name on a team, their id locally
    service: MemberService
    address: str | None  # None: read it from their own settings (a local dashboard)


def _team_recipients(root: Path | str, secrets: Mapping[str, Any], today: Callable[[], dt.date]) -> Iterator[Recipient]:
    """Members of the team, at the address the provider verified when they signed in.

    Only members (not coordinators) whose address the instance still lets in, by the same rules as
    the sign-in gate (the secrets file and the roster coordinators keep in the app): someone whose
    invitation was revoked, or who was removed from the cohort, gets no more mail.
    """
    section = secrets.get("netcoach")
    try:
        rules = TeamSettings.from_mapping(section if isinstance(section, Mapping) else {})
    except ValidationError as error:
        raise CommandError("the [netcoach] section of the secrets file: " + "; ".join(error.problems)) from None
    folder = data_dir(root)
    team = Team(folder, today=today, services=MemberServices(folder, today))
    rules = rules.with_roster(team.book.entries())
    for membership in sorted(team.members(), key=lambda m: m.member_id):
        if membership.role is not TeamRole.MEMBER:
            continue
        vouched = Identity(issuer="", subject=membership.member_id, email=membership.email, email_verified=True)
        if rules.is_removed(vouched) or rules.role_for(vouched) is not TeamRole.MEMBER:
            continue
        if not folder.has_member(membership.member_id):
            continue
        label = f"{membership.name} <{membership.email}>" if membership.name else membership.email
        yield Recipient(membership.member_id, label, team.member_service(membership.member_id), membership.email)


def _local_recipients(root: Path | str, today: Callable[[], dt.date]) -> Iterator[Recipient]:
    folder = data_dir(root)
    services = MemberServices(folder, today)
    for member_id in folder.member_ids():
        yield Recipient(member_id, f"member {member_id!r}", services.get(member_id), None)


def _team_events(root: Path | str, team_mode: bool, today: Callable[[], dt.date]) -> list[Event]:
    if not team_mode:
        return []
    return Team(data_dir(root), today=today).upcoming_shared_events()


@dataclasses.dataclass
class RunReport:
    sent: int = 0
    shown: int = 0
    failed: list[str] = dataclasses.field(default_factory=list)


def cmd_digest(args: argparse.Namespace) -> int:
    root: Path | str = args.data_dir
    if not data_dir(root).exists():
        raise CommandError(f"--data-dir: no folder {data_dir(root).location}")
    secrets = read_secrets(Path(args.secrets))
    app_url = app_url_from(args, secrets)
    smtp = SmtpSettings.from_secrets(secrets) if args.send or "smtp" in secrets else None
    now: dt.datetime = args.now or dt.datetime.now()

    def today() -> dt.date:
        return now.date()

    team_mode = isinstance(secrets.get("auth"), Mapping)
    recipients = _team_recipients(root, secrets, today) if team_mode else _local_recipients(root, today)
    team_events = _team_events(root, team_mode, today)
    report = RunReport()
    with Mailer(smtp) if smtp else _NoMailer() as mailer:
        for recipient in recipients:
            _one_member(recipient, args, app_url, now, team_events, mailer, smtp, report)
    if args.dry_run:
        say(f"Dry run: {report.shown} digest(s) would go out; nothing was sent or recorded.")
        if smtp is None:
            warn("netcoach: note: the secrets file has no [smtp] section; --send needs one.")
    else:
        say(f"Sent {report.sent} digest(s)." + (f" {len(report.failed)} not sent." if report.failed else ""))
    for problem in report.failed:
        warn(f"netcoach: not sent: {problem}")
    return 1 if report.failed else 0


class _NoMailer:
    """Stands in for the mailer on a dry run without SMTP settings: nothing is ever sent through it."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _one_member(
    recipient: Recipient,
    args: argparse.Namespace,
    app_url: str,
    now: dt.datetime,
    team_events: Sequence[Event],
    mailer: Mailer | None,
    smtp: SmtpSettings | None,
    report: RunReport,
) -> None:
    service = recipient.service
    try:
        due = service.due_digests(now)
        address = recipient.address if recipient.address is not None else service.reminders().email
        token = service.unsubscribe_token()
    except (StoreError, ValidationError, OSError) as error:
        report.failed.append(f"{recipient.label}: their file cannot be read ({one_line(error)})")
        return
    if not due:
        return
    if not address:
        report.failed.append(f"{recipient.label}: digests are on but there is no address to send them to")
        return
    if not token:
        report.failed.append(f"{recipient.label}: no unsubscribe link yet; saving the digest settings makes one")
        return
    unsubscribe_url = app_url + unsubscribe_path(token)
    for item in due:
        try:
            digest = service.digest(item.kind, app_url, unsubscribe_url, team_events)
        except (StoreError, ValidationError, OSError) as error:
            report.failed.append(f"{recipient.label}: their file cannot be read ({one_line(error)})")
            return
        if digest.empty:
            continue  # a daily digest with nothing due is not sent
        if args.dry_run:
            report.shown += 1
            say(RULE)
            say(f"To: {address}")
            say(f"Subject: {digest.subject}")
            say(f"({item.kind} digest for {item.period}, {recipient.label})")
            say("")
            say(digest.text.rstrip("\n"))
            continue
        if mailer is None or smtp is None:
            raise CommandError("smtp: no [smtp] section in the secrets file")
        message = digest_message(digest, address, smtp.sender, unsubscribe_url, now)
        try:
            mailer.send(message)
        except SendFailed as error:
            report.failed.append(f"{recipient.label}: the {item.kind} digest for {item.period}: {error}")
            return
        try:
            service.record_digest_sent(item.kind, item.period, address, now)
        except (StoreError, OSError) as error:
            # The mail went out but could not be noted: say so loudly, the next run would send it again.
            report.failed.append(
                f"{recipient.label}: the {item.kind} digest for {item.period} went out but could not be noted "
                f"({one_line(error)}); the next run may send it again"
            )
            return
        report.sent += 1
        say(f"Sent the {item.kind} digest for {item.period} to {recipient.label}.")
