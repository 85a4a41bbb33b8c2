"""The control socket against another local user: a folder taken at the predictable
name is not used, and a socket served by another user gets nothing."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.adversarial import users

pytestmark = users.SKIP

ATTACKER = r"""
import os, socket, sys
path, log = sys.argv[1], sys.argv[2]
os.makedirs(os.path.dirname(path), mode=0o755, exist_ok=True)
os.chmod(os.path.dirname(path), 0o755)
server = socket.socket(socket.AF_UNIX)
server.bind(path)
os.chmod(path, 0o777)
server.listen(64)
print("ready", flush=True)
forged = (b'{"ok": true, "status": {"pid": 1, "version": "forged", "overlay": '
          b'{"visible": true}, "hotkey": {"combo": "x", "backend": "x"}, '
          b'"index": {"items": 0}}}\n')
while True:
    conn, _ = server.accept()
    conn.settimeout(2)
    try:
        data = conn.recv(65536)
    except OSError:
        data = b""
    with open(log, "ab") as out:
        out.write(data + b"|")
    conn.sendall(forged)
    conn.close()
"""


@pytest.fixture
def shared() -> Iterator[Path]:
    yield from users.shared_tmp()


def socket_tag(data_dir: Path) -> str:
    return hashlib.sha1(str(data_dir).encode(), usedforsecurity=False).hexdigest()[:12]


def wait_for_line(proc: subprocess.Popen[str], expected: str) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    assert line == expected, line


def test_a_folder_taken_by_another_user_is_not_used(shared):
    nobody_uid = users.uid("nobody")
    home = users.owned_dir(shared / "home", "nobody", 0o700)
    content = users.owned_dir(home / "content", "nobody", 0o700)
    (content / "a.md").write_text("# alpha\n\nAlpha text.\n")
    os.chown(content / "a.md", nobody_uid, -1)
    data = home / "data"
    loot = users.owned_dir(shared / "loot", "daemon", 0o700)
    trap = shared / f"jitl-desktop-{nobody_uid}" / f"{socket_tag(data)}.sock"
    attacker = subprocess.Popen(users.command("daemon", {}, "-c", ATTACKER, str(trap),
                                              str(loot / "log")),
                                stdout=subprocess.PIPE, text=True)
    app = None
    env = {"HOME": str(home), "TMPDIR": str(shared), "JITL_DATA_DIR": str(data),
           "JITL_CONFIG_DIR": str(home / "config")}
    try:
        wait_for_line(attacker, "ready")
        status = users.run("nobody", env, "-m", "jitl_desktop", "status")
        assert status.returncode == 3, status.stdout + status.stderr
        assert "forged" not in status.stdout
        show = users.run("nobody", env, "-m", "jitl_desktop", "show", "--query", "secret")
        assert show.returncode == 3
        # the real app starts beside the trap, in the user's own folder
        app = subprocess.Popen(users.command("nobody", env, "-m", "jitl_desktop",
                                             "--content", str(content)),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while True:
            status = users.run("nobody", env, "-m", "jitl_desktop", "status", "--json")
            if status.returncode == 0 or time.monotonic() > deadline or app.poll() is not None:
                break
            time.sleep(0.2)
        assert status.returncode == 0, status.stderr
        assert json.loads(status.stdout)["version"] != "forged"
        show = users.run("nobody", env, "-m", "jitl_desktop", "show", "--query", "secret")
        assert show.returncode == 0, show.stderr
        assert users.run("nobody", env, "-m", "jitl_desktop", "quit").returncode == 0
        app.wait(timeout=20)
        assert not (loot / "log").exists()  # the attacker got nothing at all
    finally:
        for proc in (attacker, app):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
        if attacker.stdout:
            attacker.stdout.close()
        if app is not None and app.stderr:
            app.stderr.close()


def test_a_socket_served_by_another_user_gets_nothing(shared):
    """As after ``sudo -E jitl-desktop``: a root-owned socket in the user's own runtime
    folder. The client checks the peer's uid before sending."""
    runtime = users.owned_dir(shared / "runtime", "nobody", 0o700)
    data = shared / "data"
    path = runtime / f"jitl-desktop-{socket_tag(data)}.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    os.chmod(path, 0o777)
    server.listen(4)
    received: list[bytes] = []

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            conn.settimeout(2)
            try:
                received.append(conn.recv(65536))
            except OSError:
                received.append(b"")
            with contextlib.suppress(OSError):  # the client has gone
                conn.sendall(b'{"ok": true, "status": {"version": "forged"}}\n')

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        done = users.run("nobody", {"XDG_RUNTIME_DIR": str(runtime),
                                    "JITL_DATA_DIR": str(data), "HOME": str(runtime)},
                         "-m", "jitl_desktop", "show", "--query", "secret")
        thread.join(timeout=10)
    finally:
        server.close()
    assert done.returncode == 2, done.stdout + done.stderr
    assert "served by another user (uid 0); nothing was sent" in done.stderr
    assert received == [b""]
