"""``ocop up --bind`` serves on that address and, with no public address configured, certificates' QR codes and
public links carry it too."""

import io
import os
import subprocess
import sys

import pytest
import segno
from django.core.management import call_command
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.certificates.interfaces.pdf import check_url
from ocop.common.addresses import site_url
from tests.certificates.helpers import days_ago, issued
from tests.factories import make_product, make_user

pytestmark = pytest.mark.django_db
ADDRESS = "192.0.2.10:8230"


@pytest.fixture
def started(settings, tmp_path, monkeypatch):
    """Run ``ocop up --bind`` (no demo) and catch the server it starts: its arguments and environment."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.SITE_URL = settings.SITE_URL  # the command sets it; the fixture puts it back afterwards
    monkeypatch.delenv("OCOP_SITE_URL", raising=False)
    monkeypatch.setenv("OCOP_BIND", "127.0.0.1:8000")
    server = {}
    monkeypatch.setattr(os, "execvp", lambda file, args: server.update(args=args, env=dict(os.environ)))
    output = io.StringIO()
    call_command("up", "--bind", ADDRESS, "--no-demo", stdout=output)
    server["output"] = output.getvalue()
    return server


def test_the_server_is_started_on_the_address_and_told_it(started):
    args = started["args"]
    assert args[args.index("--bind") + 1] == ADDRESS
    assert started["env"]["OCOP_BIND"] == ADDRESS
    assert f"QR codes and public links carry:  http://{ADDRESS}\n" in started["output"]
    assert f"is running at:  http://{ADDRESS}/backoffice/" in started["output"]


def test_the_server_processes_settings_follow_the_address(started):
    environment = {k: v for k, v in started["env"].items() if not k.startswith("OCOP_") or k == "OCOP_BIND"}
    probe = subprocess.run(
        [sys.executable, "-c", "import ocop.settings as s; print(s.SITE_URL, '192.0.2.10' in s.ALLOWED_HOSTS)"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.stdout.split() == [f"http://{ADDRESS}", "True"], probe.stderr


def test_certificates_issued_then_carry_the_address(started, client):
    certificate = issued(make_product(), days_ago(10))
    public_link = f"http://{ADDRESS}/c/{certificate.number}/"
    assert check_url(certificate) == public_link
    client.force_login(make_user(Role.PROVINCE_OFFICE))
    page = client.get(reverse("backoffice:certificate_detail", args=[certificate.pk])).content.decode()
    assert f'<a href="{public_link}">' in page
    assert segno.make(public_link, error="m").svg_inline(scale=4, border=2) in page


def test_a_configured_public_address_wins_and_every_interface_means_this_machine():
    assert site_url("https://ocop.khanhhoa.gov.vn/", ADDRESS) == "https://ocop.khanhhoa.gov.vn"
    assert site_url("", ADDRESS) == f"http://{ADDRESS}"
    everywhere = site_url("", "0.0.0.0:8230")
    assert everywhere.startswith("http://") and everywhere.endswith(":8230")
    assert "0.0.0.0" not in everywhere
