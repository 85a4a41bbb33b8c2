"""Other local users: the data and config folders and every file the program writes are
private to the user, and folders left open by an older version are made private."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("runuser"),
                                reason="needs root to act as another local user")


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder other users may enter (tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="jitl-perm-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def run_cli(data: Path, config: Path, *args: str, umask: int = 0o022
            ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", "-c", f'umask {umask:03o}; exec "$0" "$@"', sys.executable, "-m",
         "jitl_desktop", "--data-dir", str(data), "--config-dir", str(config), *args],
        capture_output=True, text=True, timeout=120, check=False)


def other_user_can_read(path: Path) -> bool:
    done = subprocess.run(["runuser", "-u", "nobody", "--", "cat", str(path)],
                          capture_output=True, check=False)
    return done.returncode == 0


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_data_is_private_whatever_the_umask(shared_tmp, make_content):
    data, config = shared_tmp / "data", shared_tmp / "config"
    root = make_content({"a.md": "# alpha\n\nAlpha text.\n"})
    assert run_cli(data, config, "index", "--content", str(root)).returncode == 0
    with sqlite3.connect(data / "history.sqlite"):
        pass
    assert run_cli(data, config, "history").returncode == 0
    assert mode(data) == 0o700 and mode(data / "index") == 0o700
    assert mode(data / "history.sqlite") == 0o600
    for path in (data / "index").rglob("*"):
        assert mode(path) & 0o077 == 0, path
    history = data / "history.sqlite"
    # even if the folder were opened again, the file itself stays private
    data.chmod(0o755)
    assert not other_user_can_read(history)
    done = subprocess.run(["runuser", "-u", "nobody", "--", "sqlite3", str(history),
                           "SELECT * FROM searches"], capture_output=True, text=True,
                          check=False)
    assert done.returncode != 0


def test_loose_modes_left_by_an_older_version_are_tightened_with_a_note(shared_tmp):
    data, config = shared_tmp / "data", shared_tmp / "config"
    data.mkdir(mode=0o755)
    config.mkdir(mode=0o755)
    data.chmod(0o755)
    config.chmod(0o755)
    history = data / "history.sqlite"
    with sqlite3.connect(history) as db:
        db.execute("CREATE TABLE t (x)")
    history.chmod(0o644)
    settings = config / "settings.json"
    settings.write_text("{}")
    settings.chmod(0o644)
    assert other_user_can_read(history)
    done = run_cli(data, config, "policy")
    assert done.returncode == 0, done.stderr
    assert mode(data) == 0o700 and mode(config) == 0o700
    assert mode(history) == 0o600 and mode(settings) == 0o600
    assert f"{history} was open to other users (mode 644); it is now 600" in done.stderr
    assert not other_user_can_read(history)
    assert run_cli(data, config, "policy").stderr == ""  # said once, not every time


def test_a_symlink_in_the_data_dir_is_not_followed(shared_tmp):
    data, config = shared_tmp / "data", shared_tmp / "config"
    data.mkdir(mode=0o700)
    target = shared_tmp / "elsewhere.txt"
    target.write_text("not ours to change")
    target.chmod(0o644)
    (data / "link").symlink_to(target)
    assert run_cli(data, config, "policy").returncode == 0
    assert mode(target) == 0o644
