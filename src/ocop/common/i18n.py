"""Languages: the catalogues compiled with polib (no machine needs GNU gettext) and which language a request gets."""

from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.reloader import translation_file_changed


def compile_catalogues() -> list[Path]:
    """Write every stale ``.mo`` next to its ``.po``; returns the files written."""
    written = []
    for locale_dir in settings.LOCALE_PATHS:
        for po_path in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
            mo_path = po_path.with_suffix(".mo")
            if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                written.append(mo_path)
    if written:
        # This process may have read the catalogues already (at its first translated string): read them anew.
        translation_file_changed(sender=None, file_path=written[0])
    return written


def chosen_language(cookies: dict) -> str:
    """The language the switch's cookie names, if the system has it; Vietnamese otherwise."""
    chosen = cookies.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class VietnameseFirstLocaleMiddleware:
    """Vietnamese unless the person chose English with the language switch (its cookie). The browser's
    Accept-Language is ignored on purpose: officers' computers are often set up in English."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        translation.activate(chosen_language(request.COOKIES))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        patch_vary_headers(response, ("Cookie",))
        return response
