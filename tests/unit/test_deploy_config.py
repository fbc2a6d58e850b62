"""The production files in deploy/ are ones Streamlit and netcoach accept as they are."""

from __future__ import annotations

import tomllib
from pathlib import Path

from streamlit import config

from netcoach.team import TeamSettings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_every_production_option_is_a_real_streamlit_option() -> None:
    settings = tomllib.loads((DEPLOY / "config.toml").read_text())
    names = [f"{section}.{key}" for section, values in settings.items() for key in values]
    assert "client.showErrorDetails" in names and "server.fileWatcherType" in names
    unknown = [name for name in names if name not in config._config_options_template]
    assert unknown == []


def test_the_example_secrets_switch_on_team_mode_with_placeholders_only() -> None:
    secrets = tomllib.loads((DEPLOY / "secrets.example.toml").read_text())
    auth = secrets["auth"]
    for key in ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url"):
        assert auth[key], key
    assert all("REPLACE" in auth[key] for key in ("cookie_secret", "client_id", "client_secret"))
    settings = TeamSettings.from_mapping(secrets["netcoach"])
    assert settings.coordinators and settings.allowed_domains


def test_the_example_smtp_settings_and_the_digest_schedule_are_ones_netcoach_and_systemd_read() -> None:
    from netcoach.outreach.mail import SmtpSettings

    secrets = tomllib.loads((DEPLOY / "secrets.example.toml").read_text())
    smtp = SmtpSettings.from_secrets(secrets)
    assert (smtp.port, smtp.security) == (587, "starttls")
    assert secrets["netcoach"]["app_url"].startswith("https://")
    timer = (DEPLOY / "netcoach-digest.timer").read_text()
    assert "OnCalendar=hourly" in timer and "Persistent=true" in timer
    service = (DEPLOY / "netcoach-digest.service").read_text()
    assert "Type=oneshot" in service and "-m netcoach digest --send" in service
    cron = [line for line in (DEPLOY / "digest.cron").read_text().splitlines() if line.strip()]
    assert len(cron) == 1 and cron[0].split()[:5] == ["5", "*", "*", "*", "*"] and "digest --send" in cron[0]


def test_the_retention_schedule_runs_the_command_daily_and_catches_up_after_a_pause() -> None:
    secrets = tomllib.loads((DEPLOY / "secrets.example.toml").read_text())
    assert isinstance(secrets["netcoach"]["retention_days"], int)
    timer = (DEPLOY / "netcoach-retention.timer").read_text()
    assert "OnCalendar=*-*-* 06:15:00" in timer and "Persistent=true" in timer
    service = (DEPLOY / "netcoach-retention.service").read_text()
    assert "Type=oneshot" in service and "-m netcoach retention --apply" in service
    cron = [line for line in (DEPLOY / "retention.cron").read_text().splitlines() if line.strip()]
    assert len(cron) == 1 and cron[0].split()[:5] == ["15", "6", "*", "*", "*"] and "retention --apply" in cron[0]
    from netcoach.cli.main import build_parser

    command = service.split("ExecStart=", 1)[1].splitlines()[0].split("-m netcoach ", 1)[1].split()
    assert build_parser().parse_args(command).apply
