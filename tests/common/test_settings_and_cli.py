"""The operator's view: production settings are strict, and ``ocop`` alone lists the platform's own commands."""

import os
import secrets
import stat
import subprocess
import sys

from ocop import cli

SETTINGS_PROBE = (
    "import ocop.settings as s; "
    "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.DEBUG, s.ALLOWED_HOSTS)"
)


# The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in the test process (playwright runs an event loop); a deployment
# never has it, and the deployment check refuses it.
NOT_INHERITED = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _clean_environment() -> dict:
    return {k: v for k, v in os.environ.items() if not k.startswith("OCOP_") and k not in NOT_INHERITED}


def _settings_in(env: dict) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter: they are read from the environment once, at start."""
    return subprocess.run(
        [sys.executable, "-c", SETTINGS_PROBE],
        env=_clean_environment() | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _ocop_in_production(data_dir, *arguments) -> subprocess.CompletedProcess:
    production = {
        "OCOP_ENV": "production",
        "OCOP_SECRET_KEY": secrets.token_urlsafe(50),
        "OCOP_ALLOWED_HOSTS": "ocop.ninhthuan.gov.vn",
        "OCOP_DATA_DIR": str(data_dir),
        "OCOP_EMAIL_HOST": "mail.ninhthuan.gov.vn",
    }
    return subprocess.run(
        [sys.executable, "-c", "from ocop.cli import main; main()", *arguments],
        env=_clean_environment() | production,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deployment_check_is_clean_in_production_settings(tmp_path):
    result = _ocop_in_production(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_the_data_folder_and_the_database_file_are_private(tmp_path):
    data_dir = tmp_path / "data"
    assert _ocop_in_production(data_dir, "check").returncode == 0
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "ocop.sqlite3").stat().st_mode) == 0o600
    data_dir.chmod(0o755)  # an installation made before: fixed at the next start
    (data_dir / "ocop.sqlite3").chmod(0o644)
    assert _ocop_in_production(data_dir, "check").returncode == 0
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "ocop.sqlite3").stat().st_mode) == 0o600


def test_production_refuses_the_demo_data(tmp_path):
    for command in (["load_demo"], ["up", "--no-serve"]):
        result = _ocop_in_production(tmp_path, *command)
        assert result.returncode == 1, command
        assert "Đây là hệ thống chính thức (OCOP_ENV=production): không nạp dữ liệu mẫu" in result.stderr
        assert result.stdout == ""  # refused before any step


def test_production_refuses_to_start_without_its_secret_key():
    result = _settings_in({"OCOP_ENV": "production"})
    assert result.returncode != 0
    assert "OCOP_SECRET_KEY must be set" in result.stderr


def test_production_cookies_are_secure_and_hosts_explicit(tmp_path):
    result = _settings_in(
        {
            "OCOP_ENV": "production",
            "OCOP_SECRET_KEY": "x" * 50,
            "OCOP_ALLOWED_HOSTS": "ocop.ninhthuan.gov.vn",
            "OCOP_DATA_DIR": str(tmp_path),
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "31536000", "False", "['ocop.ninhthuan.gov.vn']"]


def test_ocop_alone_lists_the_platforms_commands(capsys, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["ocop"])
    cli.main()
    listed = capsys.readouterr().out
    for command in (
        "up",
        "load_units",
        "load_demo",
        "certificates_daily",
        "flush_scans",
        "load_ruleset",
        "score",
        "load_plan",
        "report",
        "calendar",
        "reset_password",
        "backup",
        "restore",
        "compile_catalogues",
    ):
        assert f"  ocop {command} " in listed, command
    assert "migrate" not in listed  # Django's own commands stay behind "ocop help --commands"
