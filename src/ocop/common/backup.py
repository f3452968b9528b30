"""One archive with everything an installation cannot rebuild: the database (users, TOTP secrets, every record and
its history) and the uploaded files. SQLite is copied with its online backup API, PostgreSQL with pg_dump; either is
safe while the system runs. The secret key (``data/secret_key`` or OCOP_SECRET_KEY) is kept apart, on purpose."""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"
MEDIA_FOLDER = "media"


class BackupError(Exception):
    """Said to the operator as it is: the command stops and nothing is left half-written."""


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Không hỗ trợ sao lưu cơ sở dữ liệu {vendor} / unsupported database")
    return vendor


def _postgres_url() -> str:
    parameters = connection.settings_dict
    return (
        f"postgresql://{parameters['USER']}@{parameters['HOST'] or 'localhost'}:{parameters['PORT'] or 5432}/"
        f"{parameters['NAME']}"
    )


def _postgres_environment() -> dict:
    return os.environ | {"PGPASSWORD": connection.settings_dict.get("PASSWORD") or ""}


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"Cần cài {command[0]} (gói postgresql-client) / {command[0]} is needed")
    result = subprocess.run(command, env=_postgres_environment(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]}: {result.stderr.strip()}")


def _dump_database(engine: str, folder: Path) -> str:
    if engine == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(folder / SQLITE_FILE) as target:
            connection.connection.backup(target)
        target.close()
        return SQLITE_FILE
    _run(["pg_dump", "--format=custom", "--no-owner", f"--file={folder / POSTGRES_FILE}", _postgres_url()])
    return POSTGRES_FILE


def create_backup(destination: Path) -> Path:
    """Write the archive to ``destination`` (a folder gets a dated file name); returns the archive written."""
    engine = _engine()
    if destination.is_dir():
        destination = destination / f"ocop-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
    partial = destination.with_name(destination.name + ".partial")
    try:
        with tempfile.TemporaryDirectory(dir=destination.parent) as work:
            database_file = _dump_database(engine, Path(work))
            manifest = {"engine": engine, "database": database_file, "created_at": timezone.now().isoformat()}
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(Path(work) / database_file, arcname=database_file)
                if Path(settings.MEDIA_ROOT).is_dir():
                    archive.add(settings.MEDIA_ROOT, arcname=MEDIA_FOLDER)
                manifest_path = Path(work) / MANIFEST
                manifest_path.write_text(json.dumps(manifest, ensure_ascii=False))
                archive.add(manifest_path, arcname=MANIFEST)
        partial.chmod(0o600)  # it holds password hashes and TOTP secrets
        partial.replace(destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return destination


def _read_archive(archive_path: Path, work: Path) -> dict:
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(work, filter="data")  # no absolute paths, no links out of the folder
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Không đọc được bản sao lưu / cannot read the backup: {error}") from error
    try:
        return json.loads((work / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError("Bản sao lưu thiếu manifest.json / not an OCOP backup") from error


def _restore_database(engine: str, manifest: dict, work: Path) -> None:
    if manifest.get("engine") != engine:
        raise BackupError(
            f"Bản sao lưu của {manifest.get('engine')}, hệ thống đang dùng {engine} / the backup is of another database"
        )
    if engine == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(work / SQLITE_FILE) as source:
            source.backup(connection.connection)
        source.close()
        return
    _run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={_postgres_url()}", str(work / POSTGRES_FILE)]
    )


def _restore_media(work: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    restored = work / MEDIA_FOLDER
    previous = media.with_name(media.name + ".before-restore")
    shutil.rmtree(previous, ignore_errors=True)
    if media.exists():
        media.rename(previous)
    if restored.is_dir():
        shutil.move(restored, media)
    else:
        media.mkdir(mode=0o700)
    shutil.rmtree(previous, ignore_errors=True)


def restore_backup(archive_path: Path) -> dict:
    """Put the database and the uploaded files back as they were in the archive; returns its manifest."""
    engine = _engine()
    with tempfile.TemporaryDirectory(dir=Path(settings.MEDIA_ROOT).parent) as work:
        manifest = _read_archive(archive_path, Path(work))
        _restore_database(engine, manifest, Path(work))
        _restore_media(Path(work))
    connection.close()
    return manifest
