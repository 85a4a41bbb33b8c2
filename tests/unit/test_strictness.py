"""What tests/conftest.py promises every test: the host's folders and policy are out of
sight, and an error in any thread fails the test unless it says it expects one."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

TESTS = '''
import gc
import logging
import os
import threading
from pathlib import Path

import pytest

from jitl_desktop.core import policy

HOST = ("XDG_CONFIG_HOME", "XDG_CONFIG_DIRS", "XDG_DATA_HOME", "XDG_DATA_DIRS",
        "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR", "HOME")


def test_isolated(tmp_path):
    for var in HOST:
        assert os.environ[var].startswith((str(tmp_path), "/tmp/jitl-rt-")), var
    runtime = Path(os.environ["XDG_RUNTIME_DIR"])
    assert runtime.stat().st_mode & 0o777 == 0o700
    assert len(str(runtime / "jitl-desktop-0123456789ab.sock")) < 100
    assert not any(Path(os.environ["XDG_CONFIG_DIRS"]).iterdir())
    assert str(policy.SYSTEM_ROOT).startswith(str(tmp_path))


@pytest.mark.host
def test_host():
    assert os.environ["XDG_CONFIG_DIRS"] == "/host/xdg"
    assert "XDG_STATE_HOME" not in os.environ
    assert policy.SYSTEM_ROOT == Path("/")


def test_thread_exception():
    thread = threading.Thread(target=lambda: 1 / 0, name="worker")
    thread.start()
    thread.join()


def test_error_logged():
    logging.getLogger("some.module").error("it broke")


def test_error_logged_in_a_thread():
    thread = threading.Thread(target=lambda: logging.getLogger("x").exception("oops"))
    thread.start()
    thread.join()


class Dying:
    def __del__(self):
        raise ValueError("in __del__")


def test_unraisable():
    Dying()
    gc.collect()


@pytest.mark.allow_errors("it broke")
def test_error_expected():
    logging.getLogger("some.module").error("it broke, as it should")


@pytest.mark.allow_errors("something else")
def test_other_error_than_expected():
    logging.getLogger("some.module").error("it broke")
'''


def test_isolation_and_strictness(tmp_path: Path) -> None:
    (tmp_path / "test_cases.py").write_text(textwrap.dedent(TESTS), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "XDG_STATE_HOME"}
    env["XDG_CONFIG_DIRS"] = "/host/xdg"  # what the "host" test must see
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-c", "pyproject.toml",
         "--rootdir", str(ROOT), "-p", "no:cacheprovider", "-q", "-rA",
         str(tmp_path / "test_cases.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    lines = done.stdout.splitlines()
    outcome = {line.split("::")[-1].split()[0]: line.split()[0]
               for line in lines if "::" in line and line.split()[0] in (
                   "PASSED", "FAILED", "ERROR")}
    assert outcome == {
        "test_isolated": "PASSED", "test_host": "PASSED", "test_error_expected": "PASSED",
        "test_thread_exception": "ERROR", "test_error_logged": "ERROR",
        "test_error_logged_in_a_thread": "ERROR", "test_unraisable": "ERROR",
        "test_other_error_than_expected": "ERROR"}, done.stdout + done.stderr
    assert "exception in thread worker" in done.stdout
    assert "ZeroDivisionError" in done.stdout and "ValueError: in __del__" in done.stdout
