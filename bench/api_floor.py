"""The floor the REST API is measured against: a bare WSGI app doing the same indexed lookups on the same SQLite file
and answering the same JSON, run by the same gunicorn settings (bench/api.py).

A request that needs a token is answered only when its ``Authorization: Bearer ocop_…`` key's sha256 digest names an
active token of an active account (the unique index the system authenticates with). The floor is the lookups and the
JSON: it checks no scope or right and adds no area condition (the province office the run's token belongs to sees
every producer of the demo), and a certificate's status comes from its validity alone.

/api/v1/certificate-check/?number=: the certificate by its number (no token).
/api/v1/products/: the first 50 products by id with their producer's name, and the count.
/api/v1/products/<id>/: the product by its id with its producer's name.
/api/v1/certificates/: the first 50 certificates, newest first, with their product's code and decision, and the count.
"""

import datetime
import hashlib
import json
import re
from urllib.parse import parse_qs

from floor import connection

PAGE_SIZE = 50
PRODUCTS = (
    "SELECT p.id, p.code, p.name, p.product_set, p.producer_id, r.name AS producer_name, p.gtin, p.description, "
    "p.packaging, p.shelf_life, p.standard, p.withdrawn_on, p.created_at, p.updated_at "
    "FROM producers_product p JOIN producers_producer r ON r.id = p.producer_id"
)
CERTIFICATES = (
    "SELECT c.id, c.number, p.code AS product_code, c.product_name, c.producer_id, c.producer_name, c.stars, c.score, "
    "c.issued_on, c.valid_until, CASE WHEN c.valid_until < :today THEN 'expired' ELSE 'valid' END AS status, "
    "d.number AS decision_number, d.level AS decision_level FROM certificates_certificate c "
    "JOIN producers_product p ON p.id = c.product_id JOIN certificates_recognitiondecision d ON d.id = c.decision_id"
)
CHECK = (
    "SELECT number, product_name, producer_name, stars, issued_on, valid_until, "
    "CASE WHEN valid_until < :today THEN 'expired' ELSE 'valid' END AS status, valid_until >= :today AS in_force "
    "FROM certificates_certificate WHERE number = :number"
)
ACTIVE_TOKEN = (
    "SELECT 1 FROM accounts_apitoken t JOIN accounts_user u ON u.id = t.user_id WHERE t.digest = :digest "
    "AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > :now) AND u.is_active"
)
PRODUCT = re.compile(r"/api/v1/products/(\d+)/")
NOT_FOUND = "404 Not Found", {"detail": "Not found."}


def _rows(sql: str, **parameters) -> list[dict]:
    cursor = connection().execute(sql, parameters)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def _one(sql: str, **parameters) -> tuple[str, dict]:
    rows = _rows(sql, **parameters)
    return ("200 OK", rows[0]) if rows else NOT_FOUND


def _page(sql: str, table: str, environ: dict, **parameters) -> tuple[str, dict]:
    """Page 1 as DRF's paginator answers it: the count, the link to page 2, the rows."""
    count = connection().execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    url = f"http://{environ['HTTP_HOST']}{environ['PATH_INFO']}?page=2"
    results = _rows(f"{sql} LIMIT {PAGE_SIZE}", **parameters)
    return "200 OK", {"count": count, "next": url if count > PAGE_SIZE else None, "previous": None, "results": results}


def _certificate_check(number: str, today: str) -> tuple[str, dict]:
    status, card = _one(CHECK, number=number, today=today)
    return (status, card | {"in_force": bool(card["in_force"])}) if "in_force" in card else (status, card)


def _token_is_active(authorization: str) -> bool:
    key = authorization.removeprefix("Bearer ")
    now = datetime.datetime.now(datetime.UTC).isoformat(sep=" ")
    return bool(_rows(ACTIVE_TOKEN, digest=hashlib.sha256(key.encode()).hexdigest(), now=now))


def _answer(environ: dict) -> tuple[str, dict]:
    path, today = environ["PATH_INFO"], datetime.date.today().isoformat()
    if path == "/api/v1/certificate-check/":
        return _certificate_check(parse_qs(environ.get("QUERY_STRING", "")).get("number", [""])[0], today)
    if not _token_is_active(environ.get("HTTP_AUTHORIZATION", "")):
        return "401 Unauthorized", {"detail": "This token is unknown, expired or revoked."}
    if path == "/api/v1/products/":
        return _page(f"{PRODUCTS} ORDER BY p.id", "producers_product", environ)
    if match := PRODUCT.fullmatch(path):
        return _one(f"{PRODUCTS} WHERE p.id = :id", id=int(match[1]))
    if path == "/api/v1/certificates/":
        return _page(
            f"{CERTIFICATES} ORDER BY c.issued_on DESC, c.id DESC", "certificates_certificate", environ, today=today
        )
    return NOT_FOUND


def application(environ, start_response):
    status, answer = _answer(environ)
    body = json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
