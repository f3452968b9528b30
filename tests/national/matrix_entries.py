"""Permission matrix entries of the national level: the export page (its form and the last exports) is the
provincial office's and the administrator's; the download it posts is tested in tests/national/test_screen.py. The
national view (every province's certified products, counted) is the Ministry's coordination office's and the
administrator's."""

from ocop.accounts.enums import Role
from tests.matrix import OFFICE

ENTRIES = {
    "backoffice:national_export": ("get", None, OFFICE, 200),
    "backoffice:national_overview": ("get", None, {Role.ADMIN, Role.MINISTRY_OFFICE}, 200),
}
