"""The local socket: requests in, answers out, bad input rejected, one per data dir."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from jitl_desktop import ipc
from jitl_desktop.errors import JitlError, NotRunningError
from jitl_desktop.platform.single_instance import AlreadyRunning, InstanceServer


@pytest.fixture
def runtime(tmp_path, monkeypatch):
    folder = tmp_path / "rt"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


def in_thread(qtbot, fn):
    """Run a blocking client call while the Qt event loop serves it."""
    out: dict[str, object] = {}

    def target() -> None:
        try:
            out["value"] = fn()
        except Exception as exc:  # handed to the test
            out["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=5000)
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out["value"]


def raw_exchange(name: str, data: bytes) -> bytes:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.settimeout(5)
        sock.connect(name)
        sock.sendall(data)
        return sock.recv(65536)


def test_requests_reach_the_handler_and_answers_come_back(qtbot, runtime, tmp_path):
    seen = []
    server = InstanceServer(ipc.address(tmp_path / "data"),
                            lambda m: seen.append(m) or {"status": {"pid": 42}})
    server.listen()
    reply = in_thread(qtbot, lambda: ipc.request(server.name, {"command": "status"}))
    assert reply == {"ok": True, "status": {"pid": 42}}
    assert seen == [{"command": "status"}]
    server.close()


def test_socket_is_for_this_user_only(qtbot, runtime, tmp_path):
    server = InstanceServer(ipc.address(tmp_path / "data"), lambda m: {})
    server.listen()
    mode = stat.S_IMODE(os.stat(server.name).st_mode)
    assert mode & 0o077 == 0
    server.close()


@pytest.mark.parametrize("payload, reason", [
    (b"not json\n", "bad request: not JSON"),
    (b'{"command": "format-disk"}\n', "bad request: expected"),
    (b'{"command": "show", "query": 5}\n', "'query' must be a string"),
    (b"x" * (ipc.MAX_MESSAGE + 10), "message too large"),
])
def test_malformed_or_oversized_requests_are_rejected_and_logged(  # noqa: PLR0917
        qtbot, runtime, tmp_path, caplog, payload, reason):
    calls = []
    server = InstanceServer(ipc.address(tmp_path / "data"), lambda m: calls.append(m) or {})
    server.listen()
    answer = in_thread(qtbot, lambda: raw_exchange(server.name, payload))
    assert reason in answer.decode()
    assert calls == []
    assert any("rejected" in r.message for r in caplog.records)
    # and the server still serves the next request
    assert in_thread(qtbot, lambda: ipc.request(server.name, {"command": "hide"}))["ok"]
    server.close()


def test_a_stale_socket_and_lock_are_replaced(qtbot, runtime, tmp_path):
    name = ipc.address(tmp_path / "data")
    with socket.socket(socket.AF_UNIX) as dead:
        dead.bind(name)  # a socket file nobody listens on, as after kill -9
    locker = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from PySide6.QtCore import QLockFile; "
        "lock = QLockFile(sys.argv[1]); assert lock.tryLock(0); print('locked', flush=True); "
        "time.sleep(60)"), name + ".lock"], stdout=subprocess.PIPE, text=True)
    assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
    locker.kill()  # like kill -9: the lock file stays behind
    locker.wait()
    locker.stdout.close()
    assert Path(name).exists() and Path(name + ".lock").exists()
    server = InstanceServer(name, lambda m: {})
    server.listen()
    assert in_thread(qtbot, lambda: ipc.request(name, {"command": "status"}))["ok"]
    server.close()


def test_second_server_on_the_same_data_dir_is_refused(qtbot, runtime, tmp_path):
    first = InstanceServer(ipc.address(tmp_path / "data"), lambda m: {})
    first.listen()
    second = InstanceServer(ipc.address(tmp_path / "data"), lambda m: {})
    with pytest.raises(AlreadyRunning):
        second.listen()
    assert in_thread(qtbot, lambda: ipc.request(first.name, {"command": "status"}))["ok"]
    first.close()


def test_other_data_dir_gets_its_own_instance(runtime, tmp_path):
    assert ipc.address(tmp_path / "a") != ipc.address(tmp_path / "b")


def test_client_says_clearly_when_nothing_runs(runtime, tmp_path):
    with pytest.raises(NotRunningError, match="not running"):
        ipc.request(ipc.address(tmp_path / "nobody"), {"command": "toggle"})
    assert issubclass(NotRunningError, JitlError) and NotRunningError.exit_code == 3
