"""Team rules without Streamlit: who may sign in, ids, sharing, totals, account deletion."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import TODAY

from netcoach.models import ValidationError
from netcoach.storage import MEMBER_ID_RE, data_dir
from netcoach.team import MIN_SHARING_FOR_BENCHMARKS, Identity, Team, TeamRole, TeamSettings, member_id_for

SETTINGS = TeamSettings.from_mapping(
    {"coordinators": ["Coach@Acme.test"], "allowed_domains": ["acme.test"], "invited": ["guest@partner.test"]}
)


def who(email: str, verified: bool | None = True) -> Identity:
    return Identity("https://idp.test", email.split("@")[0], email, email_verified=verified)


def test_roles_come_from_the_email_the_provider_vouched_for() -> None:
    assert SETTINGS.role_for(who("coach@acme.test")) == TeamRole.COORDINATOR
    assert SETTINGS.role_for(who("ana@acme.test")) == TeamRole.MEMBER
    assert SETTINGS.role_for(who("guest@partner.test")) == TeamRole.MEMBER
    assert SETTINGS.role_for(who("mallory@evil.test")) is None
    assert SETTINGS.role_for(who("ana@acme.test.evil.test")) is None
    assert SETTINGS.role_for(who("ana@acme.test", verified=False)) is None
    assert SETTINGS.role_for(who("not-an-email")) is None


def test_a_lookalike_address_is_not_the_configured_one() -> None:
    kelvin = "\u212a"  # KELVIN SIGN: str.lower() turns it into a plain "k"
    assert SETTINGS.role_for(who("Coach@ACME.test")) == TeamRole.COORDINATOR  # ASCII case still does not matter
    settings = TeamSettings.from_mapping(
        {"coordinators": ["kim@acme.test"], "allowed_domains": ["kite.test"], "invited": ["kai@partner.test"]}
    )
    assert settings.role_for(who(f"{kelvin}im@acme.test")) is None
    assert settings.role_for(who(f"{kelvin}ai@partner.test")) is None
    assert settings.role_for(who(f"ana@{kelvin}ite.test")) is None
    assert settings.role_for(who("kim@acme.test")) == TeamRole.COORDINATOR
    assert settings.role_for(who("ana@KITE.test")) == TeamRole.MEMBER


def test_domains_are_compared_in_their_idna_form() -> None:
    settings = TeamSettings.from_mapping({"coordinators": ["coach@acme.test"], "allowed_domains": ["bücher.test"]})
    assert settings.allowed_domains == frozenset({"xn--bcher-kva.test"})
    assert settings.role_for(who("ana@bücher.test")) == TeamRole.MEMBER
    assert settings.role_for(who("ana@xn--bcher-kva.test")) == TeamRole.MEMBER
    assert settings.role_for(who("ana@bucher.test")) is None


def test_only_the_providers_explicit_true_vouches_for_an_address() -> None:
    for unproven in (None, False):
        assert SETTINGS.role_for(who("coach@acme.test", verified=unproven)) is None
        assert SETTINGS.role_for(who("ana@acme.test", verified=unproven)) is None


def test_a_domain_that_is_not_one_is_refused_by_name() -> None:
    with pytest.raises(ValidationError) as error:
        TeamSettings.from_mapping({"coordinators": ["coach@acme.test"], "allowed_domains": ["acme .test"]})
    assert "netcoach.allowed_domains: 'acme .test' is not a domain name" in error.value.problems


def test_settings_without_a_coordinator_are_refused_with_the_reason() -> None:
    with pytest.raises(ValidationError) as error:
        TeamSettings.from_mapping({"coordinators": ["nope"], "allowed_domains": []})
    problems = " ".join(error.value.problems)
    assert "netcoach.coordinators: 'nope' is not an email address" in problems
    assert "name at least one coordinator" in problems


def test_the_secrets_file_may_name_only_the_first_coordinators() -> None:
    settings = TeamSettings.from_mapping({"coordinators": ["coach@acme.test"]})
    assert settings.role_for(who("coach@acme.test")) == TeamRole.COORDINATOR
    assert settings.role_for(who("ana@acme.test")) is None  # until a coordinator invites them in the app


@given(st.text(), st.text())
def test_a_member_id_is_always_a_safe_file_name(issuer: str, subject: str) -> None:
    member_id = member_id_for(issuer, subject)
    assert MEMBER_ID_RE.match(member_id)
    assert member_id != member_id_for(issuer, subject + "x")


@pytest.fixture
def team(tmp_path: Path) -> Team:
    return Team(data_dir(tmp_path / "data"), today=lambda: TODAY)


def join(team: Team, name: str, conversations: int = 0, shares: bool = False) -> str:
    identity = who(f"{name}@acme.test")
    team.sign_in(identity, TeamRole.MEMBER)
    svc = team.member_service(identity.member_id)
    if conversations:
        person = svc.add_person({"name": f"Contact of {name}", "organization": "Secret Org"})
        for day in range(conversations):
            svc.log_conversation(
                {"date": TODAY - dt.timedelta(days=day), "person_ids": [person.id], "learned": "private"}
            )
    team.set_sharing(identity.member_id, shares)
    return identity.member_id


def test_cohort_totals_count_only_sharing_members_and_name_nobody(team: Team) -> None:
    join(team, "ana", conversations=3, shares=True)
    join(team, "ben", conversations=2, shares=False)
    totals = team.cohort_totals(months=2)
    this_month = totals.iloc[-1]
    assert this_month["members_sharing"] == 1
    assert this_month["conversations"] == 3 and this_month["new_people"] == 1
    text = totals.to_csv()
    assert "Contact of" not in text and "Secret Org" not in text and "private" not in text


def test_cohort_medians_need_five_sharing_members(team: Team) -> None:
    for index in range(MIN_SHARING_FOR_BENCHMARKS - 1):
        join(team, f"intern{index}", conversations=index + 1, shares=True)
    assert team.cohort_benchmarks("2026-04") is None
    join(team, "last", conversations=10, shares=True)
    medians = team.cohort_benchmarks("2026-04")
    assert medians is not None and medians["conversations"] == 3


def test_deleting_an_account_removes_the_file_the_backups_and_the_membership(team: Team) -> None:
    member_id = join(team, "ana", conversations=2)
    path = team.folder.member_path(member_id)
    assert path.exists()
    team.remove_member(member_id)
    assert not path.exists()
    assert not (team.folder.backups_dir / member_id).exists()
    assert team.membership(member_id) is None


def test_a_second_sign_in_keeps_sharing_and_join_date(team: Team) -> None:
    member_id = join(team, "ana", shares=True)
    later = team.sign_in(who("ana@acme.test"), TeamRole.MEMBER)
    assert later.shares_totals and later.joined_on == TODAY and later.member_id == member_id
