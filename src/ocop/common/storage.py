"""Uploaded and generated files are written whole or not at all: a full disk leaves no half-written file behind."""

import errno
import os
import secrets
from pathlib import Path

from django.core.files.storage import FileSystemStorage
from django.db import OperationalError
from django.shortcuts import render

SQLITE_FULL = "database or disk is full"
POSTGRES_DISK_FULL = "53100"


class AtomicFileSystemStorage(FileSystemStorage):
    """Each file is written under a temporary name beside its place and moved into place only once complete; any
    failure while writing (ENOSPC on a full disk) removes the temporary file and is raised again."""

    def _save(self, name, content):
        temporary = os.path.join(os.path.dirname(name), f".{secrets.token_hex(8)}.part")
        try:
            super()._save(temporary, content)
            return self._move_into_place(temporary, name)
        finally:
            self._remove(temporary)

    def _move_into_place(self, temporary: str, name: str) -> str:
        while True:
            try:
                os.link(self.path(temporary), self.path(name))  # unlike a rename, never replaces a file of that name
            except FileExistsError:
                name = self.get_available_name(name)
            else:
                return name

    def _remove(self, name: str) -> None:
        Path(self.path(name)).unlink(missing_ok=True)


class DiskFullMiddleware:
    """A write refused for lack of space, on the disk or in the database, answers a Vietnamese 507 page instead of a
    bare server error; the write's transaction has already been rolled back and its file removed
    (AtomicFileSystemStorage)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_out_of_space(exception):
            return render(request, "errors/disk_full.html", status=507)
        return None


def is_out_of_space(exception: BaseException) -> bool:
    """A file write (ENOSPC) or a database write (SQLite's SQLITE_FULL, PostgreSQL's disk_full) refused for space."""
    if isinstance(exception, OSError) and exception.errno == errno.ENOSPC:
        return True
    if isinstance(exception, OperationalError):
        return SQLITE_FULL in str(exception) or getattr(exception.__cause__, "sqlstate", None) == POSTGRES_DISK_FULL
    return False
