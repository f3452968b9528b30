"""Throughput and p99 latency of the public pages, each beside its floor measured in the same run.

    .venv/bin/python bench/public_pages.py [--seconds 15] [--connections 64] [--data-dir DIR]

The pages: the certificate check (over every certificate number), the catalogue, and the stamp scan page (over every
stamp the demo issued, voided ones included). Then 20,000 scans from 32 connections, counted one by one, against
the scans ``ocop flush_scans`` stores: the two must be equal.

Loads the demo (as ./scripts/up does) into a data folder of its own unless --data-dir names one, starts the system
and a bare WSGI app on the same SQLite file (bench/floor.py) under the same gunicorn settings as `ocop up`
(2 workers x 4 threads), warms both with one pass over every certificate, then runs wrk (Debian package `wrk`) with
2 threads and 64 connections against each, rotating over all certificate numbers. The public rate limits are lifted
for the run (OCOP_PUBLIC_*): they bound one address, and wrk is one address. Set OCOP_CACHE_URL to measure on Redis.
"""

import concurrent.futures
import http.client
import sqlite3
from pathlib import Path

from common import Run, bench_run, compare, ocop, print_heading, serving, system_and_floor

LIMITS = {"OCOP_PUBLIC_PAGES_PER_MINUTE": "1000000000", "OCOP_PUBLIC_LOOKUPS_PER_10_MINUTES": "1000000000"}


def main() -> None:
    with bench_run(__doc__, LIMITS) as run:
        with sqlite3.connect(run.database) as connection:
            numbers = [row[0] for row in connection.execute("SELECT number FROM certificates_certificate ORDER BY id")]
            stamps = connection.execute(
                "SELECT s.serial, p.gtin, p.code FROM traceability_stamp s JOIN traceability_stampbatch b "
                "ON b.id = s.batch_id JOIN producers_product p ON p.id = b.product_id ORDER BY s.id"
            ).fetchall()
        pages = {
            "/c/<number>/ (certificate check)": [f"/c/{number}/" for number in numbers],
            "/products/ (catalogue, page 1)": ["/products/"],
            "/01/…/21/<serial> (stamp scan)": [
                f"/01/{gtin.zfill(14)}/21/{serial}" if gtin else f"/ocop/{code}/21/{serial}"
                for serial, gtin, code in stamps
            ],
        }
        print(f"{len(numbers)} certificates, {len(stamps)} stamps; {run.settings}\n")
        print_heading()
        with system_and_floor("floor:application", run) as bases:
            for page, paths in pages.items():
                compare(page, paths, bases, run)
        _reconcile_scans(run, pages["/01/…/21/<serial> (stamp scan)"])


def _stored_scans(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT count(*) FROM traceability_scan").fetchone()[0]


def _send_scans(base: str, paths: list[str], total: int, connections: int = 32) -> int:
    """Scan ``total`` times from ``connections`` keep-alive connections at once; returns the scans answered (a
    counted load: wrk stops with requests in flight, which the server answers and records but wrk does not count)."""
    host, port = base.removeprefix("http://").split(":")

    def client(share: int, offset: int) -> int:
        connection, answered = http.client.HTTPConnection(host, int(port)), 0
        for index in range(share):
            connection.request("GET", paths[(offset + index) % len(paths)])
            response = connection.getresponse()
            response.read()
            answered += response.status in (200, 404)
        connection.close()
        return answered

    shares = [total // connections + (index < total % connections) for index in range(connections)]
    with concurrent.futures.ThreadPoolExecutor(connections) as pool:
        return sum(pool.map(client, shares, [index * 997 for index in range(connections)]))


def _reconcile_scans(run: Run, paths: list[str]) -> None:
    """Every scan the system answered is stored once: the scans a counted load sent to a fresh server against what
    the flush of the spooled scans wrote. Each flush runs with the servers stopped (``flush_scans --all`` stores the
    running minute too, which a serving process may still be writing)."""
    ocop(run.environment, "flush_scans", "--all")
    before = _stored_scans(run.database)
    with serving("ocop.wsgi:application", run.environment) as base:
        sent = _send_scans(base, paths, 20_000)
    ocop(run.environment, "flush_scans", "--all")
    stored = _stored_scans(run.database) - before
    verdict = "reconciled" if stored == sent else "MISMATCH"
    print(f"\nstamp scans sent to the system: {sent:,}; stored by the flush: {stored:,} ({verdict})")


if __name__ == "__main__":
    main()
