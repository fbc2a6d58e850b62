"""Who is visiting: local mode, or a signed-in member or coordinator of a team instance.

Team mode is on when the secrets file has an `[auth]` section (Streamlit's
OpenID Connect sign-in). The member a run acts for is derived only from the
identity the provider vouched for (`st.user`), never from anything the
browser can set.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any

import streamlit as st

from netcoach.config import LOCAL_MEMBER_ID, store_location
from netcoach.models import ValidationError
from netcoach.team import CoordinatorView, Identity, Membership, Team, TeamRole, TeamSettings, TeamView, canonical_email
from netcoach.team.book import Entry
from netcoach.team.retention import Removed, retention_days_from
from netcoach.web.session import Member, guard, member_handle, member_services

SETTINGS_SECTION = "netcoach"


@dataclasses.dataclass(frozen=True)
class Visitor:
    """The outcome of the sign-in gate for one script run."""

    state: str  # local | member | coordinator | signed_out | refused | removed | deleted | misconfigured
    member: Member | None = None
    message: str = ""
    former_member_id: str = ""  # removed: whose kept file the person may still download


def _secret_section(name: str) -> Mapping[str, Any] | None:
    # Without a secrets file, touching st.secrets raises; local mode has none.
    try:
        section = st.secrets.get(name)
    except Exception:  # any failure to read secrets means "not configured"
        return None
    return section if isinstance(section, Mapping) else None


def app_url_setting() -> str:
    """The app's public address from the secrets file (`[netcoach] app_url`), or "" when not set.

    Links that leave the browser (a calendar item, an email) need an address a
    person can open; behind a proxy only the operator knows it for sure.
    """
    value = (_secret_section(SETTINGS_SECTION) or {}).get("app_url", "")
    return value.strip().rstrip("/") if isinstance(value, str) and value.strip().startswith("http") else ""


def retention_days_setting() -> int | None:
    """How long the file of someone taken off the cohort is kept (`[netcoach] retention_days`), or None.

    None means until they ask for it to be deleted. `python -m netcoach retention`, run daily,
    deletes it at the end of the period (netcoach.team.retention); a value that is not a number
    of days counts as none here, and the command names it.
    """
    try:
        return retention_days_from((_secret_section(SETTINGS_SECTION) or {}).get("retention_days"))
    except ValidationError:
        return None


def _secrets_settings() -> TeamSettings:
    return TeamSettings.from_mapping(_secret_section(SETTINGS_SECTION) or {})


def team_mode() -> bool:
    return _secret_section("auth") is not None


def _logged_in() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except Exception:  # st.user raises when auth is half configured
        return False


def _identity() -> Identity:
    user = st.user
    auth = _secret_section("auth") or {}
    verified = user.get("email_verified")
    return Identity(
        issuer=str(user.get("iss") or auth.get("server_metadata_url") or "oidc"),
        subject=str(user.get("sub") or user.get("email") or ""),
        email=str(user.get("email") or ""),
        name=str(user.get("name") or ""),
        email_verified=verified is True,
    )


@st.cache_resource(show_spinner=False)
def _cached_team(root: str) -> Team:
    from netcoach.storage import data_dir

    return Team(data_dir(root), services=member_services(root))


def team() -> Team:
    return _cached_team(store_location())


def team_view() -> TeamView | None:
    """The signed-in member's view of their team, or None on a local dashboard."""
    member = guard()
    return None if member.local else TeamView(team(), member.member_id)


def coordinator_view() -> CoordinatorView:
    """Only a coordinator's page run gets here; guard() stops anyone else."""
    coordinator = guard(TeamRole.COORDINATOR)
    return CoordinatorView(
        team(), by=coordinator.email, secrets=_secrets_settings(), retention_days=retention_days_setting()
    )


def removal_of(email: str) -> Entry | None:
    """When (and by whom) the address was taken off the cohort, if it was."""
    return team().book.entries().removed.get(canonical_email(email) or email)


def kept_export(member_id: str) -> str | None:
    """A removed person's own file as a JSON export, or None when there is no file to give them."""
    if team().membership(member_id) is None:
        return None
    return json.dumps(member_handle(store_location(), member_id).export_json(), indent=2)


def retention_of(visitor: Visitor) -> Removed | None:
    """When a removed person's notes are deleted, by the rules the daily command follows; None: never."""
    days = retention_days_setting()
    if days is None or visitor.state != "removed":
        return None
    mail = _secret_section("smtp") is not None
    due = team().removed_with_files(days, mail=mail, coordinators=_secrets_settings().coordinators)
    return next((r for r in due if r.member_id == visitor.former_member_id), None)


def delete_kept_notes(visitor: Visitor) -> bool:
    """A removed person deletes their own notes now: file, backups and membership. False when nothing was theirs."""
    if visitor.state != "removed" or not visitor.former_member_id:
        return False
    email = canonical_email(visitor.message) or visitor.message
    return team().delete_on_own_request(visitor.former_member_id, email)


def resolve_visitor() -> Visitor:
    """Decide, from configuration and the provider's identity alone, who this run acts for."""
    if not team_mode():
        return Visitor("local", Member(member_id=LOCAL_MEMBER_ID))
    try:
        settings = _secrets_settings()
    except ValidationError as error:
        return Visitor("misconfigured", message="; ".join(error.problems))
    if not _logged_in():
        return Visitor("signed_out")
    identity = _identity()
    settings = settings.with_roster(team().book.entries())  # the roster the coordinators keep in the app
    if settings.is_removed(identity) and identity.subject:
        return Visitor("removed", message=identity.email, former_member_id=identity.member_id)
    role = settings.role_for(identity)
    if role is None or not identity.subject:
        return Visitor("refused", message=identity.email or "this account")
    membership = _register(identity, role)
    if membership is None:
        return Visitor("deleted", message=identity.email)
    member = Member(
        member_id=membership.member_id, name=membership.name, email=membership.email, local=False, role=role
    )
    return Visitor(role, member)


def _register(identity: Identity, role: TeamRole) -> Membership | None:
    """Record the sign-in once per session; the first one also starts the member's store.

    None when this session's account was deleted since (from this tab or
    another): the session must not start it again by saving. Signing in
    anew, in a new session, starts a new account.
    """
    key = f"_netcoach_registered_{identity.member_id}_{role}"
    if key in st.session_state:
        known = team().membership(identity.member_id)
        return known if known is not None else None
    known = team().membership(identity.member_id)
    if known is None and role == TeamRole.MEMBER:
        # The profile first: a save that fails leaves no membership without its member file.
        member_handle(store_location(), identity.member_id).save_profile({"display_name": identity.name[:120]})
    membership = team().sign_in(identity, role)
    st.session_state[key] = membership
    return membership


def sign_in_provider() -> str | None:
    """The provider name to pass to st.login, when the secrets name more than one."""
    settings = _secret_section(SETTINGS_SECTION) or {}
    provider = settings.get("provider")
    return str(provider) if provider else None
