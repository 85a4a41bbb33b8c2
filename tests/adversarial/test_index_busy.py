"""``search`` while the index cannot be updated: another process's long rebuild, or a
read-only data folder. A good current generation answers, with a note on stderr."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

PAGES = {"common/tar.md": "# tar\n\n> Archiving utility.\n"}


def cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jitl_desktop", "--data-dir", str(data),
                           *args], capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def indexed(tmp_path: Path, make_content) -> tuple[Path, Path]:
    root = make_content(PAGES)
    data = tmp_path / "data"
    assert cli(data, "index", "--content", str(root)).returncode == 0
    (root / "common" / "zip.md").write_text("# zip\n\n> Package and compress files.\n")
    return data, root


@pytest.fixture
def rebuilding(indexed: tuple[Path, Path]) -> Iterator[None]:
    """Another process holds the index's update lock, as during a long rebuild."""
    data, _ = indexed
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from whoosh.util.filelock import FileLock; "
        "lock = FileLock(sys.argv[1]); assert lock.acquire(blocking=False); "
        "print('locked', flush=True); time.sleep(120)"), str(data / "index" / "UPDATE.lock")],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    yield
    holder.kill()
    holder.wait()
    holder.stdout.close()


def test_search_answers_from_the_current_generation_during_a_rebuild(indexed, rebuilding):
    data, root = indexed
    started = time.monotonic()
    done = cli(data, "search", "--content", str(root), "--json", "tar")
    assert time.monotonic() - started < 10
    assert done.returncode == 0, done.stderr
    assert '"id": "common/tar"' in done.stdout
    assert "results may be stale (another process is updating it)" in done.stderr


@pytest.fixture
def read_only_data(indexed: tuple[Path, Path]) -> Iterator[tuple[Path, Path]]:
    data, root = indexed
    if os.geteuid() != 0:
        data.chmod(0o500)
        (data / "index").chmod(0o500)
        yield data, root
        (data / "index").chmod(0o700)
        data.chmod(0o700)
        return
    for step in (["mount", "--bind", str(data), str(data)],
                 ["mount", "-o", "remount,bind,ro", str(data)]):
        done = subprocess.run(step, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            subprocess.run(["umount", str(data)], check=False)
            pytest.skip(f"cannot make a read-only bind mount: {done.stderr.strip()}")
    try:
        yield data, root
    finally:
        subprocess.run(["umount", str(data)], check=False)


def test_search_answers_from_a_good_index_in_a_read_only_data_dir(read_only_data):
    data, root = read_only_data
    done = cli(data, "search", "--content", str(root), "--json", "tar")
    assert done.returncode == 0, done.stderr
    assert '"id": "common/tar"' in done.stdout
    assert "results may be stale" in done.stderr and "read-only" in done.stderr


def test_without_a_usable_index_a_busy_lock_is_still_an_error(tmp_path, make_content):
    root = make_content(PAGES)
    data = tmp_path / "data"
    (data / "index").mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from whoosh.util.filelock import FileLock; "
        "lock = FileLock(sys.argv[1]); assert lock.acquire(blocking=False); "
        "print('locked', flush=True); time.sleep(120)"), str(data / "index" / "UPDATE.lock")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        done = cli(data, "search", "--content", str(root), "tar")
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout:
            holder.stdout.close()
    assert done.returncode == 2 and "try again later" in done.stderr
