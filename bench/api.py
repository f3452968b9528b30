"""Throughput and p99 latency of the REST API (/api/v1/), each endpoint beside its floor measured in the same run.

    .venv/bin/python bench/api.py [--seconds 15] [--connections 64] [--data-dir DIR]

The endpoints: the certificate check (public, no token, over every certificate number), page 1 of the products and
of the certificates, and a product by its id (over every product), these three with a token of the demo's province
office (tinh.ocop) issued for the run by ``ocop issue_api_token`` with the scopes registry:read and public:read.

Loads the demo (as ./scripts/up does) into a data folder of its own unless --data-dir names one, starts the system
and a bare WSGI app doing the same lookups on the same SQLite file and answering the same JSON (bench/api_floor.py)
under the same gunicorn settings as `ocop up` (2 workers x 4 threads), warms both with one pass over each endpoint's
paths, then runs wrk (Debian package `wrk`) with 2 threads and 64 connections against each. The API's rates are
lifted for the run (OCOP_API_RATE_*): wrk is one address and one account. Set OCOP_CACHE_URL to measure on Redis.
"""

import re
import sqlite3
from urllib.parse import urlencode

from common import Run, bench_run, compare, ocop, print_heading, system_and_floor

LIMITS = {"OCOP_API_RATE_ACCOUNT": "1000000000/s", "OCOP_API_RATE_ADDRESS": "1000000000/s"}
WIDTH = 40


def _token(run: Run) -> str:
    """A key of the province office's, from what ``ocop issue_api_token`` prints."""
    scopes = ["--scope", "registry:read", "--scope", "public:read"]
    printed = ocop(run.environment, "issue_api_token", "tinh.ocop", "--name", "bench/api.py", *scopes)
    return re.search(r"ocop_\S+", printed).group()


def main() -> None:
    with bench_run(__doc__, LIMITS) as run:
        with sqlite3.connect(run.database) as connection:
            numbers = [row[0] for row in connection.execute("SELECT number FROM certificates_certificate ORDER BY id")]
            products = [row[0] for row in connection.execute("SELECT id FROM producers_product ORDER BY id")]
        token = {"Authorization": f"Bearer {_token(run)}"}
        endpoints = {
            "certificate-check/?number= (public)": (
                [f"/api/v1/certificate-check/?{urlencode({'number': number})}" for number in numbers],
                {},
            ),
            "products/ (page 1, token)": (["/api/v1/products/"], token),
            "products/<id>/ (token)": ([f"/api/v1/products/{pk}/" for pk in products], token),
            "certificates/ (page 1, token)": (["/api/v1/certificates/"], token),
        }
        print(f"{len(numbers)} certificates, {len(products)} products; {run.settings}\n")
        print_heading(WIDTH)
        with system_and_floor("api_floor:application", run) as bases:
            for endpoint, (paths, headers) in endpoints.items():
                compare(endpoint, paths, bases, run, headers, WIDTH)


if __name__ == "__main__":
    main()
