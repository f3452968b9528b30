"""Compile the translation catalogues with polib, so that no machine needs GNU gettext to run the system."""

from pathlib import Path

import polib
from django.conf import settings


def compile_catalogues() -> list[Path]:
    """Write every stale ``.mo`` next to its ``.po``; returns the files written."""
    written = []
    for locale_dir in settings.LOCALE_PATHS:
        for po_path in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
            mo_path = po_path.with_suffix(".mo")
            if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                written.append(mo_path)
    return written
