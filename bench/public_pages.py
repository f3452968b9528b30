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

import argparse
import concurrent.futures
import http.client
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA = """
paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _gunicorn(app: str, port: int, environment: dict) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--threads",
        "4",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=environment, cwd=ROOT)
    for _attempt in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"{app} did not start on port {port}")


def _wrk(base: str, paths: list[str], seconds: int, connections: int, work: Path) -> tuple[float, float, int]:
    listing = work / f"paths-{abs(hash(base))}.txt"
    listing.write_text("\n".join(paths) + "\n")
    script = work / "rotate.lua"
    script.write_text(LUA % listing)
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), base],
        capture_output=True,
        text=True,
        check=True,
    )
    output = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = _milliseconds(re.search(r"99%\s+([\d.]+\w+)", output).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    sent = int(re.search(r"(\d+) requests in", output).group(1))
    return rate, p99, errors, sent


def _milliseconds(text: str) -> float:
    value, unit = float(re.match(r"[\d.]+", text).group()), re.search(r"[a-z]+", text).group()
    return value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def _warm(base: str, paths: list[str]) -> None:
    for path in paths:
        with urllib.request.urlopen(base + path) as response:
            response.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--data-dir", type=Path)
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: sudo apt-get install wrk")
    work = Path(tempfile.mkdtemp(prefix="ocop-bench-"))
    data = arguments.data_dir or work / "data"
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "OCOP_DATA_DIR": str(data),
        "OCOP_PUBLIC_PAGES_PER_MINUTE": "1000000000",
        "OCOP_PUBLIC_LOOKUPS_PER_10_MINUTES": "1000000000",
    }
    if not (data / "ocop.sqlite3").exists():
        print(f"Loading the demo into {data} …", flush=True)
        subprocess.run(
            [sys.executable, "-c", "from ocop.cli import main; main()", "up", "--no-serve"],
            env=environment,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    database = data / "ocop.sqlite3"
    with sqlite3.connect(database) as connection:
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
    app_port, floor_port = _free_port(), _free_port()
    servers = [
        _gunicorn("ocop.wsgi:application", app_port, environment),
        _gunicorn(
            "floor:application",
            floor_port,
            environment | {"OCOP_BENCH_DATABASE": str(database), "PYTHONPATH": str(ROOT / "bench")},
        ),
    ]
    try:
        settings = f"wrk -t2 -c{arguments.connections} -d{arguments.seconds}s per line"
        print(f"{len(numbers)} certificates, {len(stamps)} stamps; {settings}\n")
        print(f"{'page':36} {'':6} {'requests/s':>11} {'p99 ms':>8} {'non-2xx':>8} {'share of floor':>15}")
        for page, paths in pages.items():
            figures = {}
            for name, port in (("floor", floor_port), ("system", app_port)):
                base = f"http://127.0.0.1:{port}"
                _warm(base, paths)
                figures[name] = _wrk(base, paths, arguments.seconds, arguments.connections, work)
            for name in ("floor", "system"):
                rate, p99, errors, _sent = figures[name]
                share = f"{rate / figures['floor'][0]:.2f}x" if name == "system" else ""
                print(f"{page if name == 'floor' else '':36} {name:6} {rate:11.0f} {p99:8.1f} {errors:8} {share:>15}")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    try:
        _reconcile_scans(database, environment, pages["/01/…/21/<serial> (stamp scan)"])
    finally:  # the demo's database is in the work folder unless --data-dir named one
        shutil.rmtree(work, ignore_errors=True)


def _flush_scans(environment: dict) -> None:
    command = [sys.executable, "-c", "from ocop.cli import main; main()", "flush_scans", "--all"]
    subprocess.run(command, env=environment, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


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


def _reconcile_scans(database: Path, environment: dict, paths: list[str]) -> None:
    """Every scan the system answered is stored once: the scans a counted load sent to a fresh server against what
    the flush of the spooled scans wrote. Each flush runs with the servers stopped (``flush_scans --all`` stores the
    running minute too, which a serving process may still be writing)."""
    _flush_scans(environment)
    before = _stored_scans(database)
    port = _free_port()
    server = _gunicorn("ocop.wsgi:application", port, environment)
    try:
        sent = _send_scans(f"http://127.0.0.1:{port}", paths, 20_000)
    finally:
        server.terminate()
        server.wait(timeout=30)
    _flush_scans(environment)
    stored = _stored_scans(database) - before
    verdict = "reconciled" if stored == sent else "MISMATCH"
    print(f"\nstamp scans sent to the system: {sent:,}; stored by the flush: {stored:,} ({verdict})")


if __name__ == "__main__":
    main()
