"""The first administrator of an installation."""

from django.db import transaction

from ocop.accounts.domain.grants import assign_role
from ocop.accounts.domain.users import create_user
from ocop.accounts.enums import Role
from ocop.accounts.models import RoleAssignment, User

ADMIN_USERNAME = "admin"


def administrator_exists() -> bool:
    return (
        User.objects.filter(is_superuser=True).exists()
        or RoleAssignment.objects.active().filter(role=Role.ADMIN).exists()
    )


@transaction.atomic
def ensure_administrator() -> tuple[User, str] | None:
    """Create the administrator with a one-time password on first run; do nothing if one exists."""
    if administrator_exists():
        return None
    user, password = create_user(actor=None, username=ADMIN_USERNAME, full_name="Quản trị hệ thống", is_superuser=True)
    assign_role(actor=None, user=user, role=Role.ADMIN)
    return user, password
