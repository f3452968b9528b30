"""A full disk answers a Vietnamese page and leaves neither a half-written file nor a record pointing at none."""

import errno
import sqlite3

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.files import File
from django.db import OperationalError
from django.urls import reverse

from ocop.accounts.enums import Role
from ocop.common.storage import AtomicFileSystemStorage, is_out_of_space
from ocop.producers.models import ProductPhoto
from tests.factories import PASSWORD, make_product, make_user, png_upload

pytestmark = pytest.mark.django_db


class _FillsTheDisk(File):
    """The content of an upload whose writing runs out of space after its first chunk."""

    def chunks(self, chunk_size=None):
        self.file.seek(0)
        yield self.file.read(16)
        raise OSError(errno.ENOSPC, "No space left on device")


class FullDiskStorage(AtomicFileSystemStorage):
    def _save(self, name, content):
        return super()._save(name, _FillsTheDisk(content.file, content.name))


@pytest.fixture
def full_disk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.FullDiskStorage"}}
    return tmp_path


def test_a_photo_sent_to_a_full_disk_gets_a_vietnamese_page_and_leaves_nothing_behind(client, full_disk):
    product = make_product()
    client.force_login(make_user(Role.PROVINCE_OFFICE))

    response = client.post(reverse("backoffice:product_photo_add", args=[product.pk]), {"image": png_upload()})

    assert response.status_code == 507
    page = response.content.decode()
    assert "Máy chủ đã hết dung lượng lưu trữ" in page
    assert "Tổng quan" in page  # the menu stays
    assert ProductPhoto.objects.filter(product=product).count() == 0
    assert [path for path in full_disk.rglob("*") if path.is_file()] == []


def test_a_complete_file_is_moved_into_place_without_replacing_one_of_the_same_name(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    storage = AtomicFileSystemStorage(location=tmp_path)
    first = storage.save("docs/a.pdf", png_upload())
    second = storage.save("docs/a.pdf", png_upload())
    assert first == "docs/a.pdf" and second != first and second.startswith("docs/a_")
    assert sorted(path.name for path in (tmp_path / "docs").iterdir()) == sorted(["a.pdf", second.split("/")[1]])


def test_sqlite_says_it_is_full_in_the_words_the_page_listens_for():
    database = sqlite3.connect(":memory:")
    database.execute("CREATE TABLE filler (content BLOB)")
    database.execute("PRAGMA max_page_count = 4")
    with pytest.raises(sqlite3.OperationalError) as refused:
        for _row in range(100):
            database.execute("INSERT INTO filler VALUES (zeroblob(4096))")
    assert is_out_of_space(OperationalError(str(refused.value)))


def test_a_login_when_the_database_is_full_gets_the_vietnamese_page(client, monkeypatch):
    make_user(Role.COMMUNE_OFFICER, username="xa.phuocthuan")

    def database_full(*args, **kwargs):
        raise OperationalError("database or disk is full")

    monkeypatch.setattr(SessionStore, "create", database_full)
    response = client.post("/backoffice/login/", {"username": "xa.phuocthuan", "password": PASSWORD})
    assert response.status_code == 507
    assert "Máy chủ đã hết dung lượng lưu trữ" in response.content.decode()


def test_postgresql_out_of_space_is_recognised_by_its_sqlstate():
    class DiskFull(Exception):
        sqlstate = "53100"

    refused = OperationalError("could not extend file: No space left on device")
    refused.__cause__ = DiskFull()
    assert is_out_of_space(refused)
    assert not is_out_of_space(OperationalError("server closed the connection unexpectedly"))
