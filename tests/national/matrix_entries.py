"""Permission matrix entry of the national database export: the page (its form and the last exports) is the
provincial office's and the administrator's; the download it posts is tested in tests/national/test_screen.py."""

from tests.matrix import OFFICE

ENTRIES = {
    "backoffice:national_export": ("get", None, OFFICE, 200),
}
