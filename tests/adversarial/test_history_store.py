"""The history store under a lock held by another process, on a full disk, and damaged:
a clear JitlError saying what and to try again, never a traceback, nothing lost."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jitl_desktop.core.history import History, HistoryUnavailableError
from jitl_desktop.errors import JitlError
from tests.helpers import small_tmpfs


def cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jitl_desktop", "--data-dir", str(data),
                           *args], capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    with History(data) as history:
        history.set_bookmark("common/tar", True)
        history.record_search("extract tar", 3)
    return data


@pytest.fixture
def locked(store: Path) -> Iterator[Path]:
    """Another process holds the store with BEGIN EXCLUSIVE."""
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time; db = sqlite3.connect(sys.argv[1], isolation_level=None); "
        "db.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(120)"),
        str(store / "history.sqlite")], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    yield store
    holder.kill()
    holder.wait()
    holder.stdout.close()


def test_history_clear_under_a_lock_says_locked_try_again(locked):
    done = cli(locked, "history", "clear")
    assert done.returncode == 2
    assert "locked by another process; try again" in done.stderr
    assert "Traceback" not in done.stderr
    assert [line for line in done.stderr.splitlines() if "jitl-desktop:" in line] == [
        line for line in done.stderr.splitlines() if "locked" in line]


def test_nothing_is_lost_when_clear_was_refused(locked):
    assert cli(locked, "history", "clear").returncode == 2
    with sqlite3.connect(locked / "history.sqlite") as db:
        assert db.execute("SELECT item_id FROM bookmarks").fetchall() == [("common/tar",)]


def test_a_write_under_a_lock_raises_a_catchable_error(locked, monkeypatch):
    monkeypatch.setattr(History, "busy_timeout", 0.2)
    with History(locked) as history:
        with pytest.raises(HistoryUnavailableError) as caught:
            history.set_done("common/tar", True)
        assert caught.value.reason == "locked" and isinstance(caught.value, JitlError)
        assert "try again" in str(caught.value)
        assert history.bookmarks() == ["common/tar"]  # reading still works (WAL)


def test_after_the_lock_is_gone_the_same_write_succeeds(store, monkeypatch):
    monkeypatch.setattr(History, "busy_timeout", 0.2)
    holder = sqlite3.connect(store / "history.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    with History(store) as history:
        with pytest.raises(HistoryUnavailableError):
            history.set_done("common/tar", True)
        holder.execute("ROLLBACK")
        holder.close()
        history.set_done("common/tar", True)  # the caller's retry
        assert history.is_done("common/tar")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with small_tmpfs(tmp_path / "small", "256k") as mounted:
        yield mounted


def test_a_full_disk_raises_full_and_the_store_keeps_working(small_disk):
    with History(small_disk) as history:
        history.set_bookmark("a", True)
        filler = small_disk / "filler"
        with filler.open("wb", buffering=0) as out, pytest.raises(OSError):
            while True:
                out.write(b"x" * 4096)
        with pytest.raises(HistoryUnavailableError) as caught:
            history.vote("a", True, comment="y" * 200_000)
        assert caught.value.reason == "full" and "disk" in str(caught.value)
        filler.unlink()
        history.vote("a", True, comment="fits now")
        assert history.helpful() == {"a": 1} and history.bookmarks() == ["a"]


def damage_page(path: Path, page: int) -> None:
    """Overwrite one 4 KB page with random bytes, as ``dd if=/dev/urandom of=…
    bs=1 seek=4096 count=4096 conv=notrunc`` does for the second page."""
    with path.open("r+b") as out:
        out.seek(4096 * page)
        out.write(os.urandom(4096))


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    with History(data) as history:
        for n in range(400):
            history.record_view(f"item/{n}")
        history.set_bookmark("common/tar", True)
        history.set_done("common/zip", True)
        for n in range(1500):
            history.record_search(f"query number {n}", n % 7)
    path = data / "history.sqlite"
    assert path.stat().st_size > 20 * 4096 and not Path(f"{path}-wal").exists()
    damage_page(path, 1)  # the second page: the root of the first table (views)
    return data


def test_a_damaged_page_is_detected_moved_aside_and_readable_rows_recovered(damaged):
    done = cli(damaged, "history", "--json")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "the history was damaged" in done.stderr and "moved to history.sqlite.damaged-" \
        in done.stderr
    import json

    data = json.loads(done.stdout)
    assert [b["item"] for b in data["bookmarks"]] == ["common/tar"]
    assert [d["item"] for d in data["done"]] == ["common/zip"]
    assert len(data["searches"]) == 1500
    assert list(damaged.glob("history.sqlite.damaged-*"))  # nothing deleted
    again = cli(damaged, "history")
    assert again.returncode == 0 and "damaged" not in again.stderr


def test_damage_found_in_use_is_repaired_and_the_store_keeps_working(tmp_path):
    data = tmp_path / "data"
    with History(data) as history:
        for n in range(1500):
            history.record_search(f"query number {n}", 1)
        history.set_bookmark("kept", True)
    path = data / "history.sqlite"
    history = History(data)  # opened sound
    try:
        history._db.execute("PRAGMA cache_size=0")
        # a page of the searches table (the last one created), while it is open
        damage_page(path, path.stat().st_size // 4096 - 5)
        exported = history.export()
        assert any("the history was damaged" in w for w in history.warnings)
        assert exported["bookmarks"][0]["item"] == "kept"
        assert 0 < len(exported["searches"]) < 1500
        history.set_done("kept", True)
        assert history.is_done("kept")
    finally:
        history.close()
