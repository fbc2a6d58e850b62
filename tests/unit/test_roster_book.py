"""The roster kept in the app: invitations, removals, coordinators, domains, the audit list, asks for help."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from support import TODAY

from netcoach.models import ValidationError
from netcoach.service import StaleRecordError
from netcoach.storage import data_dir
from netcoach.team import Identity, Team, TeamRole, TeamSettings
from netcoach.team.book import preview_invites
from netcoach.team.listing import FROM_APP, FROM_DOMAIN, FROM_SECRETS
from netcoach.team.views import CoordinatorView, TeamView

SECRETS = TeamSettings.from_mapping(
    {"coordinators": ["coach@acme.test"], "allowed_domains": ["acme.test"], "invited": ["old@partner.test"]}
)
NOON = dt.datetime.combine(TODAY, dt.time(12, 0))


def who(email: str) -> Identity:
    return Identity("https://idp.test", email.split("@")[0], email, email_verified=True)


@pytest.fixture
def team(tmp_path: Path) -> Team:
    return Team(data_dir(tmp_path / "data"), today=lambda: TODAY, now=lambda: NOON)


def rules(team: Team) -> TeamSettings:
    """What the sign-in gate uses: the secrets file with the app's roster added."""
    return SECRETS.with_roster(team.book.entries())


def coach(team: Team, email: str = "coach@acme.test") -> CoordinatorView:
    return CoordinatorView(team, by=email, secrets=SECRETS, retention_days=90)


def test_an_address_invited_in_the_app_may_sign_in_and_the_secrets_lists_keep_working(team: Team) -> None:
    view = coach(team)
    assert rules(team).role_for(who("guest@elsewhere.test")) is None
    assert view.invite(" Guest@Elsewhere.test ") == "guest@elsewhere.test"
    assert rules(team).role_for(who("guest@elsewhere.test")) == TeamRole.MEMBER
    assert rules(team).role_for(who("old@partner.test")) == TeamRole.MEMBER  # invited in the secrets file
    assert rules(team).role_for(who("ana@acme.test")) == TeamRole.MEMBER  # allowed domain in the secrets file
    assert rules(team).role_for(who("coach@acme.test")) == TeamRole.COORDINATOR


def test_a_typed_address_that_is_not_one_is_refused_naming_the_field(team: Team) -> None:
    view = coach(team)
    for typed, problem in (("", "Email address: type an address"), ("ana at acme", "Email address: 'ana at acme'")):
        with pytest.raises(ValidationError) as error:
            view.invite(typed)
        assert error.value.problems[0].startswith(problem)
    with pytest.raises(ValidationError, match=re.escape("Email address: old@partner.test is invited already")):
        view.invite("old@partner.test")
    assert team.book.audit() == []  # nothing refused was recorded as a change


def test_an_invitation_list_is_previewed_row_by_row_and_nothing_is_written_until_confirmed(team: Team) -> None:
    view = coach(team)
    view.invite("ben@other.test")
    text = "email\nana@other.test\nnot an address\n\nana@OTHER.test\nben@other.test\n,second column only\ncy@other.test"
    rows = view.preview_invites(text)
    assert [(r.row, r.problem or r.note or "ok") for r in rows] == [
        (2, "ok"),
        (3, "is not an email address"),
        (5, "the same address as row 2"),
        (6, "already invited"),
        (7, "the first column is empty"),
        (8, "ok"),
    ]
    assert set(team.book.entries().invited) == {"ben@other.test"}  # the preview wrote nothing
    assert view.invite_rows(rows) == ["ana@other.test", "cy@other.test"]
    assert set(team.book.entries().invited) == {"ben@other.test", "ana@other.test", "cy@other.test"}


def test_a_list_too_long_to_check_at_once_is_refused_by_name() -> None:
    text = "\n".join(f"intern{i}@acme.test" for i in range(501))
    with pytest.raises(ValidationError, match="Addresses: at most 500"):
        preview_invites(text)


def test_revoking_an_invitation_takes_the_sign_in_back_and_a_stale_revoke_changes_nothing(team: Team) -> None:
    view = coach(team)
    view.invite("guest@elsewhere.test")
    shown = next(r for r in view.roster() if r.email == "guest@elsewhere.test")
    assert shown.can_revoke and shown.source == FROM_APP
    view.revoke(shown)
    assert rules(team).role_for(who("guest@elsewhere.test")) is None
    with pytest.raises(StaleRecordError):
        view.revoke(shown)  # pressed again on a screen that still shows it
    later = Team(team.folder, today=lambda: TODAY, now=lambda: NOON + dt.timedelta(hours=1))
    coach(later).invite("guest@elsewhere.test")  # invited again, at another time
    with pytest.raises(StaleRecordError):
        view.revoke(shown)  # the old screen's revoke does not take back the new invitation
    assert "guest@elsewhere.test" in team.book.entries().invited


def test_removing_a_member_keeps_their_file_and_bars_them_even_on_an_allowed_domain(team: Team) -> None:
    view = coach(team)
    ana = team.sign_in(who("ana@acme.test"), TeamRole.MEMBER)
    team.member_service(ana.member_id).add_person({"name": "Kept Contact"})
    team.set_sharing(ana.member_id, True)
    row = next(r for r in view.roster() if r.email == "ana@acme.test")
    assert row.source == FROM_DOMAIN and row.signed_up == TODAY and row.can_remove and not row.can_revoke
    view.remove_from_cohort(row)
    settings = rules(team)
    assert settings.role_for(who("ana@acme.test")) is None and settings.is_removed(who("ana@acme.test"))
    assert team.folder.member_path(ana.member_id).exists()  # their notes stay theirs
    assert [p.name for p in team.member_service(ana.member_id).people()] == ["Kept Contact"]
    assert view.members_count() == (0, 0) and team.sharing_services() == []
    assert next(r for r in view.roster() if r.email == "ana@acme.test").status == "Removed from the cohort"
    view.invite("ana@acme.test")  # invited again: back in, to the same notes
    assert rules(team).role_for(who("ana@acme.test")) == TeamRole.MEMBER
    assert view.members_count() == (1, 1)


def test_a_coordinator_is_never_removed_from_the_cohort(team: Team) -> None:
    view = coach(team)
    team.sign_in(who("ana@acme.test"), TeamRole.MEMBER)
    row = next(r for r in view.roster() if r.email == "ana@acme.test")
    view.add_coordinator("ana@acme.test")
    with pytest.raises(ValidationError, match="is a coordinator"):
        view.remove_from_cohort(row)


def test_another_coordinator_can_be_added_and_taken_off_but_not_the_secrets_ones(team: Team) -> None:
    view = coach(team)
    view.add_coordinator("Lead@Acme.test")
    assert rules(team).role_for(who("lead@acme.test")) == TeamRole.COORDINATOR
    already = "Coordinator's email address: lead@acme.test is a coordinator already"
    with pytest.raises(ValidationError, match=re.escape(already)):
        view.add_coordinator("lead@acme.test")
    rows = {r.email: r for r in view.coordinators()}
    assert not rows["coach@acme.test"].can_remove and rows["lead@acme.test"].can_remove
    with pytest.raises(ValidationError, match="secrets file"):
        view.remove_coordinator(rows["coach@acme.test"])
    with pytest.raises(ValidationError, match="cannot take yourself off"):
        coach(team, "lead@acme.test").remove_coordinator(rows["lead@acme.test"])
    view.remove_coordinator(rows["lead@acme.test"])
    assert rules(team).role_for(who("lead@acme.test")) == TeamRole.MEMBER  # still at an allowed domain


def test_domains_added_in_the_app_let_everyone_there_in_until_stopped(team: Team) -> None:
    view = coach(team)
    with pytest.raises(ValidationError, match="Domain: 'not a domain' is not a domain name"):
        view.allow_domain("not a domain")
    assert view.allow_domain("@Partner.test") == "partner.test"
    assert rules(team).role_for(who("zoe@partner.test")) == TeamRole.MEMBER
    row = next(d for d in view.domains() if d.domain == "partner.test")
    view.disallow_domain(row)
    assert rules(team).role_for(who("zoe@partner.test")) is None
    assert not next(d for d in view.domains() if d.domain == "acme.test").can_remove


def test_the_roster_lists_who_was_invited_who_signed_up_and_when(team: Team) -> None:
    view = coach(team)
    view.invite("guest@elsewhere.test")
    team.sign_in(who("ben@acme.test"), TeamRole.MEMBER)
    rows = {r.email: r for r in view.roster()}
    assert set(rows) == {"guest@elsewhere.test", "old@partner.test", "ben@acme.test"}  # coordinators aside
    assert rows["ben@acme.test"].status == "Signed up" and rows["ben@acme.test"].signed_up == TODAY
    assert rows["old@partner.test"].source == FROM_SECRETS and not rows["old@partner.test"].can_revoke
    guest = rows["guest@elsewhere.test"]
    assert guest.status == "Invited, not signed up yet" and guest.invitation is not None
    assert (guest.invitation.on, guest.invitation.by) == (NOON, "coach@acme.test")


def test_every_roster_change_is_in_the_audit_list_with_who_and_when(team: Team) -> None:
    view = coach(team)
    view.invite("guest@elsewhere.test")
    view.preview_invites("a@x.test\nb@x.test")
    view.invite_rows(view.preview_invites("a@x.test\nb@x.test"))
    view.revoke(next(r for r in view.roster() if r.email == "a@x.test"))
    team.sign_in(who("ana@acme.test"), TeamRole.MEMBER)
    view.remove_from_cohort(next(r for r in view.roster() if r.email == "ana@acme.test"))
    view.invite("ana@acme.test")
    view.add_coordinator("lead@acme.test")
    coach(team, "lead@acme.test").allow_domain("partner.test")
    coach(team, "lead@acme.test").disallow_domain(next(d for d in view.domains() if d.domain == "partner.test"))
    view.remove_coordinator(next(c for c in view.coordinators() if c.email == "lead@acme.test"))
    lines = team.book.audit()
    assert {line.at for line in lines} == {NOON}
    assert sorted((line.by, line.what) for line in lines) == sorted(
        [
            ("coach@acme.test", "invited guest@elsewhere.test"),
            ("coach@acme.test", "invited a@x.test"),
            ("coach@acme.test", "invited b@x.test"),
            ("coach@acme.test", "revoked the invitation of a@x.test"),
            ("coach@acme.test", "removed ana@acme.test from the cohort"),
            ("coach@acme.test", "let ana@acme.test back in (invited again after being removed)"),
            ("coach@acme.test", "invited ana@acme.test"),
            ("coach@acme.test", "made lead@acme.test a coordinator"),
            ("lead@acme.test", "let everyone at partner.test sign in"),
            ("lead@acme.test", "stopped letting everyone at partner.test sign in"),
            ("coach@acme.test", "took lead@acme.test off the coordinators"),
        ]
    )


def test_an_ask_for_help_sends_exactly_what_the_member_was_shown_and_comes_back_handled(team: Team) -> None:
    ana = team.sign_in(Identity("https://idp.test", "ana", "ana@acme.test", "Ana A", True), TeamRole.MEMBER)
    member = TeamView(team, ana.member_id)
    with pytest.raises(ValidationError, match="Message for the coordinator: too long"):
        member.help_preview("x" * 501)
    shown = member.help_preview("  Could we talk about my project?  ")
    assert shown == {"name": "Ana A", "email": "ana@acme.test", "message": "Could we talk about my project?"}
    sent = member.send_help("  Could we talk about my project?  ")
    assert (sent.name, sent.email, sent.message) == (shown["name"], shown["email"], shown["message"])
    with pytest.raises(StaleRecordError, match="still open"):
        member.send_help("again")
    view = coach(team)
    [ask] = view.open_help()
    assert ask == sent
    view.mark_handled(ask)
    with pytest.raises(StaleRecordError):
        view.mark_handled(ask)  # a second coordinator's screen, pressed after the first
    assert view.open_help() == []
    mine = member.my_help()
    assert mine is not None and not mine.is_open and mine.handled_by == "coach@acme.test"
