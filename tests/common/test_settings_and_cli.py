"""The operator's view: production settings are strict, and ``ocop`` alone lists the platform's own commands."""

import os
import subprocess
import sys

from ocop import cli

SETTINGS_PROBE = (
    "import ocop.settings as s; "
    "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.DEBUG, s.ALLOWED_HOSTS)"
)


def _settings_in(env: dict) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter: they are read from the environment once, at start."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OCOP_") and k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-c", SETTINGS_PROBE], env=clean | env, capture_output=True, text=True, timeout=60
    )


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
        "load_ruleset",
        "score",
        "load_plan",
        "report",
        "calendar",
        "reset_password",
        "compile_catalogues",
    ):
        assert f"  ocop {command} " in listed, command
    assert "migrate" not in listed  # Django's own commands stay behind "ocop help --commands"
