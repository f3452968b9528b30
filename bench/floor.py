"""The floor the public pages are measured against: a bare WSGI app doing the same indexed lookups on the same
SQLite file and answering a small HTML page, run by the same gunicorn settings (bench/public_pages.py).

/c/<number>/: the certificate by its number (the unique index the public check page uses in the end).
/products/: one page of 24 products in force, ordered by name (what the catalogue lists).
/01/<gtin>/21/<serial>, /ocop/<code>/21/<serial>: the stamp by its serial (the unique index the scan page uses), with
its product and producer.
"""

import html
import os
import sqlite3
import threading
from urllib.parse import unquote

DATABASE = os.environ["OCOP_BENCH_DATABASE"]
_local = threading.local()


def connection() -> sqlite3.Connection:
    """This thread's read-only connection to the run's SQLite file (bench/api_floor.py reads through it too)."""
    if not hasattr(_local, "connection"):
        _local.connection = sqlite3.connect(f"file:{DATABASE}?mode=ro", uri=True, check_same_thread=False)
    return _local.connection


def _certificate(number: str) -> bytes | None:
    row = (
        connection()
        .execute(
            "SELECT number, product_name, producer_name, stars, valid_until FROM certificates_certificate "
            "WHERE number = ?",
            (number,),
        )
        .fetchone()
    )
    if row is None:
        return None
    cells = "".join(f"<td>{html.escape(str(value))}</td>" for value in row)
    return f"<!doctype html><title>{html.escape(row[0])}</title><table><tr>{cells}</tr></table>".encode()


def _catalogue() -> bytes:
    rows = (
        connection()
        .execute(
            "SELECT product_name, producer_name, stars FROM certificates_certificate WHERE valid_until >= date('now') "
            "ORDER BY product_name LIMIT 24"
        )
        .fetchall()
    )
    cells = "".join(f"<tr>{''.join(f'<td>{html.escape(str(v))}</td>' for v in row)}</tr>" for row in rows)
    return f"<!doctype html><title>OCOP</title><table>{cells}</table>".encode()


def _stamp(serial: str) -> bytes | None:
    row = (
        connection()
        .execute(
            "SELECT s.serial, s.voided_at, p.name, r.name FROM traceability_stamp s "
            "JOIN traceability_stampbatch b ON b.id = s.batch_id JOIN producers_product p ON p.id = b.product_id "
            "JOIN producers_producer r ON r.id = p.producer_id WHERE s.serial = ?",
            (serial,),
        )
        .fetchone()
    )
    if row is None:
        return None
    cells = "".join(f"<td>{html.escape(str(value))}</td>" for value in row)
    return f"<!doctype html><title>{html.escape(row[0])}</title><table><tr>{cells}</tr></table>".encode()


def application(environ, start_response):
    path = unquote(environ.get("PATH_INFO", ""))
    body = None
    if path.startswith("/c/") and path.endswith("/"):
        body = _certificate(path[3:-1])
    elif path == "/products/":
        body = _catalogue()
    elif path.startswith(("/01/", "/ocop/")) and "/21/" in path:
        body = _stamp(path.rsplit("/21/", 1)[1])
    if body is None:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]
