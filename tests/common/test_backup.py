"""ocop backup / ocop restore, as an operator runs them: back up, change everything, restore, find the original.

The commands run in their own processes against an installation of their own in a temporary data folder: SQLite
always, and a PostgreSQL database made for the test when the suite runs on PostgreSQL (the suite's test database
lives in a transaction that a restore must not touch)."""

import json
import os
import stat
import subprocess
import sys
import tarfile
import uuid

import psycopg
import pytest

STATE = """
import json
from django.core.files.storage import default_storage
from django_otp.plugins.otp_totp.models import TOTPDevice
from ocop.accounts.models import User
user = User.objects.get(username="canbo.a")
print(json.dumps({
    "full_name": user.full_name,
    "totp_keys": list(TOTPDevice.objects.filter(user=user).values_list("key", flat=True)),
    "document": default_storage.open("producers/1/documents/giay-phep.pdf").read().decode(),
    "later_file": default_storage.exists("producers/1/documents/sau.pdf"),
}))
"""

BEFORE = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from ocop.accounts.domain import two_factor
from ocop.accounts.domain.users import create_user
from django_otp.oath import totp
user, _password = create_user(actor=None, username="canbo.a", full_name="Nguyễn Văn A")
device = two_factor.pending_device(user)
two_factor.enable_two_factor(user=user, token=str(totp(device.bin_key)).zfill(6))
default_storage.save("producers/1/documents/giay-phep.pdf", ContentFile(b"ban goc"))
"""

AFTER = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django_otp.plugins.otp_totp.models import TOTPDevice
from ocop.accounts.models import User
User.objects.filter(username="canbo.a").update(full_name="Đã đổi tên")
TOTPDevice.objects.all().delete()
default_storage.delete("producers/1/documents/giay-phep.pdf")
default_storage.save("producers/1/documents/giay-phep.pdf", ContentFile(b"da sua"))
default_storage.save("producers/1/documents/sau.pdf", ContentFile(b"moi"))
"""


@pytest.fixture
def database_url():
    """Empty for SQLite in the data folder; on the PostgreSQL run, a database of its own, dropped afterwards."""
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        yield ""
        return
    name = f"ocop_backup_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{server.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def ocop(tmp_path, database_url):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OCOP_") and k != "DATABASE_URL"}
    environment["OCOP_DATA_DIR"] = str(tmp_path / "data")
    if database_url:
        environment["DATABASE_URL"] = database_url

    def run(*arguments) -> str:
        result = subprocess.run(
            [sys.executable, "-c", "from ocop.cli import main; main()", *arguments],
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    run("migrate", "--verbosity", "0")
    return run


def test_a_backup_brings_back_the_database_totp_secrets_and_uploaded_files(ocop, tmp_path, database_url):
    ocop("shell", "--verbosity", "0", "-c", BEFORE)
    original = json.loads(ocop("shell", "--verbosity", "0", "-c", STATE))
    assert original["full_name"] == "Nguyễn Văn A" and len(original["totp_keys"]) == 1

    backups = tmp_path / "backups"
    backups.mkdir()
    said = ocop("backup", str(backups))
    (archive,) = backups.iterdir()
    assert said.strip() == f"Đã sao lưu / backed up: {archive}"
    assert archive.name.startswith("ocop-backup-") and archive.name.endswith(".tar.gz")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    database_file = "database.pgdump" if database_url else "database.sqlite3"
    with tarfile.open(archive) as contents:
        assert {"manifest.json", database_file, "media/producers/1/documents/giay-phep.pdf"} <= set(contents.getnames())

    ocop("shell", "--verbosity", "0", "-c", AFTER)
    assert json.loads(ocop("shell", "--verbosity", "0", "-c", STATE)) != original

    ocop("restore", str(archive), "--yes")
    assert json.loads(ocop("shell", "--verbosity", "0", "-c", STATE)) == original


def test_a_restore_asks_for_confirmation_and_refuses_what_is_not_a_backup(ocop, tmp_path):
    with pytest.raises(AssertionError, match="thêm --yes để xác nhận"):
        ocop("restore", str(tmp_path / "none.tar.gz"))
    not_a_backup = tmp_path / "hinh.tar.gz"
    not_a_backup.write_bytes(b"not a tar")
    with pytest.raises(AssertionError, match="Không đọc được bản sao lưu"):
        ocop("restore", str(not_a_backup), "--yes")
