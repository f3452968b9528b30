"""The file cache: entries as plain pickles (earlier versions' compressed files forgotten at the cull), and rate
counters of one byte appended per count, so that processes racing on one address lose no count, and a window's
counter starts again at one and is forgotten once it has ended."""

import multiprocessing
import time

from ocop.common.cache import FileCache

LONG_WINDOW = 10**9  # no window boundary falls within a test run (the next is in 2033)


def _count_many(directory: str, times: int) -> None:
    backend = FileCache(directory, {})
    for _ in range(times):
        backend.count("rate:lookup:203.0.113.7:1", 600)


def test_processes_racing_on_one_counter_lose_no_count(tmp_path):
    spawn = multiprocessing.get_context("spawn")
    workers = [spawn.Process(target=_count_many, args=(str(tmp_path), 250)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert FileCache(str(tmp_path), {}).count("rate:lookup:203.0.113.7:1", 600) == 1001


def test_counters_are_apart_per_key_and_start_at_one(tmp_path):
    backend = FileCache(str(tmp_path), {})
    assert [backend.count("a", LONG_WINDOW) for _ in range(3)] == [1, 2, 3]
    assert backend.count("b", LONG_WINDOW) == 1


def test_ended_windows_are_forgotten_at_the_cull_and_clear_forgets_all(tmp_path, monkeypatch):
    backend = FileCache(str(tmp_path), {})
    backend.count("a", 60)
    backend.count("b", LONG_WINDOW)
    ends = sorted(int(path.suffix[1:]) for path in (tmp_path / "counters").iterdir())
    monkeypatch.setattr(time, "time", lambda: ends[0] + 1)  # a's minute has ended, b's window has not
    backend._cull()
    assert [int(path.suffix[1:]) for path in (tmp_path / "counters").iterdir()] == [ends[1]]
    backend.clear()
    assert list((tmp_path / "counters").iterdir()) == []


def test_entries_round_trip_expire_and_can_be_touched(tmp_path):
    backend = FileCache(str(tmp_path), {})
    page = (200, [("Content-Type", "text/html; charset=utf-8")], "Nho sấy dẻo".encode())
    backend.set("page", page, 60)
    assert backend.get("page") == page and backend.get("absent", "none") == "none"
    assert backend.touch("page", 120) and not backend.touch("absent")
    assert backend.add("n", 1) and backend.incr("n") == 2
    backend.set("gone", 1, -1)
    assert backend.get("gone") is None


def test_files_of_earlier_versions_are_forgotten_at_the_cull(tmp_path):
    (tmp_path / "0123.djcache").write_bytes(b"x\x9c")
    FileCache(str(tmp_path), {})._cull()
    assert not (tmp_path / "0123.djcache").exists()
