"""A disk that fills up while the index is rebuilt: the half-built generation is removed
(it would hold the disk at 100 %), the previous one stays in use."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import small_tmpfs


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 512 KB file system, mounted for the test."""
    with small_tmpfs(tmp_path / "small", "512k") as mounted:
        yield mounted


def cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jitl_desktop", "--data-dir", str(data),
                           *args], capture_output=True, text=True, timeout=120, check=False)


def test_a_rebuild_that_fills_the_disk_leaves_no_partial_generation(small_disk, make_content):
    small = make_content({"tar.md": "# tar\n\n> Archiving utility.\n"})
    big = make_content({f"p{n}.md": f"# Page {n}\n\n> " + " ".join(
        f"word{n}x{k}" for k in range(400)) + "\n" for n in range(300)})
    assert cli(small_disk, "index", "--content", str(small)).returncode == 0
    index_dir = small_disk / "index"
    (current,) = index_dir.glob("gen-*")
    free_before = shutil.disk_usage(small_disk).free

    done = cli(small_disk, "index", "--rebuild", "--content", str(small), "--content",
               str(big))
    assert done.returncode == 2
    assert "the disk is full" in done.stderr and "Traceback" not in done.stderr
    assert list(index_dir.glob("gen-*")) == [current]
    assert list(index_dir.glob(".*.tmp")) == []
    assert shutil.disk_usage(small_disk).free >= free_before - 16 * 1024
    found = cli(small_disk, "search", "--content", str(small), "tar")
    assert found.returncode == 0 and "tar" in found.stdout
