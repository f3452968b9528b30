"""Vietnamese first: every string the code and templates show has a Vietnamese translation."""

import shutil

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

CATALOGUE = settings.PACKAGE_DIR / "locale" / "vi" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def extracted_catalogue(tmp_path, settings, monkeypatch):
    """Run makemessages on a copy of the source, writing into a scratch folder, and return the extracted catalogue."""
    source = tmp_path / "ocop"
    shutil.copytree(settings.PACKAGE_DIR, source, ignore=shutil.ignore_patterns("locale", "__pycache__"))
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    (tmp_path / "locale").mkdir()
    monkeypatch.chdir(source)
    call_command("makemessages", locale=["vi"], no_location=True, verbosity=0)
    return polib.pofile(str(tmp_path / "locale" / "vi" / "LC_MESSAGES" / "django.po"))


def test_every_string_in_the_source_is_translated_to_vietnamese(extracted_catalogue):
    translated = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(CATALOGUE)) if entry.translated()}
    wanted = {(entry.msgctxt, entry.msgid) for entry in extracted_catalogue}
    assert sorted(wanted - translated, key=str) == []  # a string said in a context needs its own translation


def test_the_catalogue_has_no_fuzzy_or_empty_entries():
    catalogue = polib.pofile(str(CATALOGUE))
    assert catalogue.fuzzy_entries() == []
    assert catalogue.untranslated_entries() == []
