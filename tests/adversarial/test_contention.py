"""Many clients at once against a real running instance: a busy app is never reported
as not running, and a launch that cannot reach it never reports success."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from jitl_desktop import ipc
from jitl_desktop.errors import JitlError, NotRunningError


@dataclass
class Running:
    proc: subprocess.Popen[bytes]
    env: dict[str, str]
    data: Path

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "jitl_desktop", *args], env=self.env,
                              capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    """The real app (offscreen) with a private runtime folder and a tiny content root."""
    runtime = tmp_path / "rt"
    runtime.mkdir(mode=0o700)
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("# alpha\n\nAlpha text.\n")
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(json.dumps({"bundled_content": False}))
    data = tmp_path / "data"
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "JITL_DATA_DIR": str(data),
           "JITL_CONFIG_DIR": str(config), "QT_QPA_PLATFORM": "offscreen"}
    log = (tmp_path / "app.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "jitl_desktop", "--content", str(content)],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    app = Running(proc, env, data)
    deadline = time.monotonic() + 30
    while app.cli("status").returncode != 0:
        assert proc.poll() is None and time.monotonic() < deadline, \
            (tmp_path / "app.log").read_text()
        time.sleep(0.2)
    yield app
    if proc.poll() is None:
        app.cli("quit")
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    log.close()


def test_200_parallel_toggles_all_reach_the_running_app(running, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", running.env["XDG_RUNTIME_DIR"])
    name = ipc.address(running.data)
    clients = 200
    barrier = threading.Barrier(clients)
    failures: list[str] = []

    def toggle() -> None:
        barrier.wait()
        try:
            ipc.request(name, {"command": "toggle"}, timeout=20)
        except JitlError as exc:
            failures.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=toggle) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []


def test_100_parallel_launches_all_show_the_running_app(running):
    procs = [subprocess.Popen([sys.executable, "-m", "jitl_desktop"], env=running.env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(100)]
    results = []
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        results.append((proc.returncode, err.decode()))
    assert [r for r in results if r[0] != 0] == []
    assert running.proc.poll() is None
    status = json.loads(running.cli("status", "--json").stdout)
    assert status["pid"] == running.proc.pid  # still the one app


def test_nothing_running_is_still_reported_at_once(tmp_path, monkeypatch):
    runtime = tmp_path / "rt"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    started = time.monotonic()
    with pytest.raises(NotRunningError):
        ipc.request(ipc.address(tmp_path / "nothing"), {"command": "toggle"})
    assert time.monotonic() - started < 0.5


def test_a_launch_that_cannot_reach_the_owner_does_not_report_success(tmp_path):
    """An instance that holds the lock but does not answer (hung while starting): the
    launch fails with a message saying so; it neither reports success nor 'not running'."""
    runtime = tmp_path / "rt"
    runtime.mkdir(mode=0o700)
    data = tmp_path / "data"
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "JITL_DATA_DIR": str(data),
           "JITL_CONFIG_DIR": str(tmp_path / "config"), "QT_QPA_PLATFORM": "offscreen"}
    name = subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                           "from jitl_desktop import ipc; print(ipc.address(Path(sys.argv[1])))",
                           str(data)], env=env, capture_output=True, text=True,
                          check=True).stdout.strip()
    locker = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from PySide6.QtCore import QLockFile; "
        "lock = QLockFile(sys.argv[1]); assert lock.tryLock(0); print('locked', flush=True); "
        "time.sleep(60)"), name + ".lock"], stdout=subprocess.PIPE, text=True)
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        for args in ([], ["toggle"]):
            done = subprocess.run([sys.executable, "-m", "jitl_desktop", *args], env=env,
                                  capture_output=True, text=True, timeout=60, check=False)
            assert done.returncode == 2, (args, done.stderr)
            assert "running but did not accept the request" in done.stderr
    finally:
        locker.kill()
        locker.wait()
        if locker.stdout:
            locker.stdout.close()
