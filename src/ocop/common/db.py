"""Database helpers that hide the SQLite/PostgreSQL differences: Vietnamese collation and accent folding."""

from django.db import connection as default_connection
from django.db.backends.signals import connection_created
from django.db.models import F
from django.db.models.functions import Collate

from ocop.common.text import fold, vi_compare

SQLITE_VI_COLLATION = "vi"
POSTGRES_VI_COLLATION = "vi-x-icu"


def _register_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_VI_COLLATION, vi_compare)
        connection.connection.create_function("ocop_fold", 1, fold, deterministic=True)


def install_connection_hooks() -> None:
    connection_created.connect(_register_sqlite_functions, dispatch_uid="ocop.common.db.sqlite")


def vi_collation_name(connection=default_connection) -> str:
    return POSTGRES_VI_COLLATION if connection.vendor == "postgresql" else SQLITE_VI_COLLATION


def vi_ordered(field: str, *, descending: bool = False):
    """An order_by() expression that sorts a text column in Vietnamese alphabetical order on either database."""
    expression = Collate(F(field), vi_collation_name())
    return expression.desc() if descending else expression.asc()
