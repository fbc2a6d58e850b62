"""Sending digests: the `[smtp]` settings of the secrets file, the message, and one SMTP connection per run.

The settings are checked before anything is sent, each problem naming its
key as the secrets file spells it (`smtp.port`), so a typo is found by the
first dry run rather than by a member who never gets mail. The message
carries both parts, a Date and a Message-ID, and the RFC 8058 one-click
unsubscribe headers; the connection is opened when the first message goes
and reused for the rest of the run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import smtplib
import ssl
import tomllib
from collections.abc import Mapping
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from types import TracebackType
from typing import Any

from netcoach.models import ValidationError
from netcoach.outreach.digest import Digest
from netcoach.team.addresses import canonical_email

SECTION = "smtp"
SECURITY = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
TIMEOUT_S = 30


def read_secrets(path: Path) -> dict[str, Any]:
    """The secrets file as a mapping; {} when there is none. A file that is not TOML is a ValidationError."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as error:
        raise ValidationError([f"{path}: not a TOML file ({error})"]) from None


@dataclasses.dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # starttls | tls | none
    sender: str  # the From address
    user: str = ""
    password: str = dataclasses.field(default="", repr=False)

    @classmethod
    def from_secrets(cls, secrets: Mapping[str, Any]) -> SmtpSettings:
        section = secrets.get(SECTION)
        if not isinstance(section, Mapping):
            raise ValidationError([f"{SECTION}: no [{SECTION}] section in the secrets file; digests need one to send"])
        return cls.from_mapping(section)

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> SmtpSettings:
        """Every problem at once, each naming its key (`smtp.host: ...`)."""
        problems: list[str] = []

        def text(key: str, required: bool = False) -> str:
            value = raw.get(key, "")
            if not isinstance(value, str):
                problems.append(f"{SECTION}.{key}: must be text in quotes")
                return ""
            if required and not value.strip():
                problems.append(f"{SECTION}.{key}: required")
            if any(ch in value for ch in "\r\n"):
                problems.append(f"{SECTION}.{key}: must be on one line")
            return value.strip()

        host = text("host", required=True)
        security = text("security") or "starttls"
        if security not in SECURITY:
            problems.append(f"{SECTION}.security: {security[:20]!r} is not one of: {', '.join(SECURITY)}")
            security = "starttls"
        port_value = raw.get("port", DEFAULT_PORTS[security])
        port = 0
        if isinstance(port_value, bool) or not isinstance(port_value, int) or not 1 <= port_value <= 65535:
            problems.append(f"{SECTION}.port: {str(port_value)[:20]!r} is not a port number (1-65535)")
        else:
            port = port_value
        sender = text("from", required=True)
        if sender and canonical_email(sender) is None:
            problems.append(f"{SECTION}.from: {sender[:60]!r} is not an email address")
        user = text("user")
        password = raw.get("password", "")
        if not isinstance(password, str):
            problems.append(f"{SECTION}.password: must be text in quotes")
            password = ""
        if user and not password:
            problems.append(f"{SECTION}.password: required when smtp.user is set")
        if password and not user:
            problems.append(f"{SECTION}.user: required when smtp.password is set")
        if problems:
            raise ValidationError(problems)
        return cls(host=host, port=port, security=security, sender=sender, user=user, password=password)


def digest_message(digest: Digest, to: str, sender: str, unsubscribe_url: str, now: dt.datetime) -> EmailMessage:
    """The digest as a mail: text part first, HTML as the alternative, one-click unsubscribe headers."""
    message = EmailMessage()
    message["From"] = Address("netcoach", addr_spec=sender)
    message["To"] = to
    message["Subject"] = " ".join(digest.subject.split())
    message["Date"] = format_datetime(now.astimezone())
    message["Message-ID"] = make_msgid("digest", domain=sender.rpartition("@")[2])
    # RFC 2369 and RFC 8058: a mail client offers "unsubscribe" and POSTs to the link, no sign-in needed.
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(digest.text)
    message.add_alternative(digest.html, subtype="html")
    return message


class SendFailed(Exception):
    """The server did not take one message; the run goes on with the others."""


class Mailer:
    """One SMTP connection for a run, opened by the first message; a dropped connection is opened again once."""

    def __init__(self, settings: SmtpSettings, timeout: float = TIMEOUT_S):
        self.settings = settings
        self.timeout = timeout
        self._smtp: smtplib.SMTP | None = None
        self.connections = 0  # how many times a connection was opened (one, unless the server dropped it)

    def __enter__(self) -> Mailer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        context = ssl.create_default_context()
        smtp: smtplib.SMTP
        if s.security == "tls":
            smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=self.timeout, context=context)
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
        try:
            smtp.ehlo()
            if s.security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
            if s.user:
                smtp.login(s.user, s.password)
        except BaseException:
            smtp.close()
            raise
        self.connections += 1
        return smtp

    def send(self, message: EmailMessage) -> None:
        """Hand one message to the server; SendFailed (saying why) when it is not taken."""
        try:
            self._send(message)
        except smtplib.SMTPServerDisconnected:
            self.close()
            try:
                self._send(message)
            except (smtplib.SMTPException, OSError) as error:
                self.close()
                raise SendFailed(_why(error)) from error
        except smtplib.SMTPRecipientsRefused as error:
            raise SendFailed(_why(error)) from error
        except (smtplib.SMTPException, OSError) as error:
            if not isinstance(error, smtplib.SMTPResponseException):
                self.close()  # the connection is in an unknown state: the next message opens a new one
            raise SendFailed(_why(error)) from error

    def _send(self, message: EmailMessage) -> None:
        if self._smtp is None:
            self._smtp = self._connect()
        self._smtp.send_message(message)

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


def _why(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        reasons = [f"{code} {_text(msg)}" for code, msg in error.recipients.values()]
        return "the server refused the address: " + "; ".join(reasons)
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return "the server refused smtp.user / smtp.password"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"the server answered {error.smtp_code} {_text(error.smtp_error)}"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return "the server closed the connection"
    return str(error) or type(error).__name__


def _text(raw: bytes | str) -> str:
    return (raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw).strip()
