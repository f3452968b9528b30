"""What the wrk benchmarks share (bench/public_pages.py, bench/api.py): the command line, the demo loaded into a data
folder of their own, the system and its floor run by the same gunicorn settings as `ocop up` (2 workers x 4 threads),
and wrk rotating over a list of paths, each page's figures printed beside its floor's."""

import argparse
import contextlib
import dataclasses
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
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
# wrk gives up on an answer after 2 s unless told, and leaves it out of the latencies: under 64 connections the API's
# slower endpoints answer later than that.
TIMEOUT = "60s"


@dataclasses.dataclass(frozen=True)
class Run:
    seconds: int
    connections: int
    work: Path
    environment: dict
    database: Path

    @property
    def settings(self) -> str:
        return f"wrk -t2 -c{self.connections} -d{self.seconds}s per line"


@contextlib.contextmanager
def bench_run(description: str, limits: dict[str, str]) -> Iterator[Run]:
    """The command line read, the demo loaded unless --data-dir holds one, ``limits`` (environment variables) set
    for every process; the work folder, which holds the demo unless --data-dir named one, is removed at the end."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--data-dir", type=Path)
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: sudo apt-get install wrk")
    work = Path(tempfile.mkdtemp(prefix="ocop-bench-"))
    data = arguments.data_dir or work / "data"
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"OCOP_DATA_DIR": str(data)} | limits
    try:
        if not (data / "ocop.sqlite3").exists():
            print(f"Loading the demo into {data} …", flush=True)
            ocop(environment, "up", "--no-serve")
        yield Run(arguments.seconds, arguments.connections, work, environment, data / "ocop.sqlite3")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def ocop(environment: dict, *command: str) -> str:
    """Runs ``ocop COMMAND …`` on the run's data folder; returns what it printed."""
    launcher = [sys.executable, "-c", "from ocop.cli import main; main()"]
    result = subprocess.run(
        [*launcher, *command], env=environment, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True
    )
    return result.stdout


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


@contextlib.contextmanager
def serving(app: str, environment: dict) -> Iterator[str]:
    """The WSGI ``app`` under gunicorn on a free port, as its base URL; stopped on leaving."""
    port = _free_port()
    server = _gunicorn(app, port, environment)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextlib.contextmanager
def system_and_floor(floor_app: str, run: Run) -> Iterator[dict[str, str]]:
    """The system and its floor (an app of bench/ reading the run's SQLite file), as base URLs by name."""
    floor_environment = run.environment | {"OCOP_BENCH_DATABASE": str(run.database), "PYTHONPATH": str(ROOT / "bench")}
    with serving("ocop.wsgi:application", run.environment) as system, serving(floor_app, floor_environment) as floor:
        yield {"floor": floor, "system": system}


def _wrk(base: str, paths: list[str], run: Run, headers: dict[str, str]) -> tuple[float, float, int, int]:
    """Requests/s, p99 in ms, answers other than 2xx or 3xx, and socket errors (timeouts included)."""
    listing = run.work / f"paths-{abs(hash(base))}.txt"
    listing.write_text("\n".join(paths) + "\n")
    script = run.work / "rotate.lua"
    script.write_text(LUA % listing)
    header_options = [option for name, value in headers.items() for option in ("-H", f"{name}: {value}")]
    load = ["-t2", f"-c{run.connections}", f"-d{run.seconds}s", "--timeout", TIMEOUT, "--latency", *header_options]
    output = subprocess.run(["wrk", *load, "-s", str(script), base], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = _milliseconds(re.search(r"99%\s+([\d.]+\w+)", output).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    socket_errors = sum(map(int, sockets.groups())) if sockets else 0
    return rate, p99, errors, socket_errors


def _milliseconds(text: str) -> float:
    value, unit = float(re.match(r"[\d.]+", text).group()), re.search(r"[a-z]+", text).group()
    return value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def _warm(base: str, paths: list[str], headers: dict[str, str]) -> None:
    for path in paths:
        with urllib.request.urlopen(urllib.request.Request(base + path, headers=headers)) as response:
            response.read()


def print_heading(width: int = 36) -> None:
    columns = f"{'requests/s':>11} {'p99 ms':>8} {'non-2xx':>8} {'socket errors':>13} {'share of floor':>15}"
    print(f"{'page':{width}} {'':6} {columns}")


def compare(
    page: str, paths: list[str], bases: dict[str, str], run: Run, headers: dict | None = None, width: int = 36
) -> None:
    """Warms each server over every path, runs wrk against it, and prints the two lines: the floor's, the system's
    with its share of the floor."""
    headers = headers or {}
    figures = {}
    for name, base in bases.items():
        _warm(base, paths, headers)
        figures[name] = _wrk(base, paths, run, headers)
    for name, (rate, p99, errors, socket_errors) in figures.items():
        share = f"{rate / figures['floor'][0]:.2f}x" if name == "system" else ""
        columns = f"{rate:11.0f} {p99:8.1f} {errors:8} {socket_errors:13} {share:>15}"
        print(f"{page if name == 'floor' else '':{width}} {name:6} {columns}")
