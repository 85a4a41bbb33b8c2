"""A real LRS on loopback: Ralph 5.1.0 in its own virtual environment, filesystem backend.

The environment is made once (``JITL_TEST_LRS_VENV``, default
``~/.cache/jitl-desktop-tests/ralph-5.1.0`` of the real home) with
``ralph-malph[lrs]==5.1.0``, ``requests`` and ``bcrypt``. Two bugs of its filesystem
backend are patched at start-up by the launcher this module writes (nothing installed
is edited): ``write()`` defaults its operation to APPEND (else every write after the
first fails with 500), and the verb/activity filters compare strings, not URL objects.

When the environment cannot be made, tests skip with the reason, unless
``JITL_TEST_LRS=1`` (``.ci/run`` sets it): then they fail.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import socket
import subprocess
import time
import urllib.request
from base64 import b64encode
from pathlib import Path
from typing import Any

RALPH = "ralph-malph[lrs]==5.1.0"
USER, PASSWORD = "jitl", "a test password"

LAUNCHER = '''
"""Ralph with the two fixes its filesystem backend needs (applied in this process)."""
import sys

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs import fs

_write = fs.FSLRSBackend.write


def write(self, data, target=None, chunk_size=None, ignore_errors=False,
          operation_type=None):
    return _write(self, data, target, chunk_size, ignore_errors,
                  operation_type or BaseOperationType.APPEND)


_verb = fs.FSLRSBackend._add_filter_by_verb
_activity = fs.FSLRSBackend._add_filter_by_activity
fs.FSLRSBackend.write = write
fs.FSLRSBackend._add_filter_by_verb = staticmethod(
    lambda filters, verb_id: _verb(filters, str(verb_id) if verb_id else verb_id))
fs.FSLRSBackend._add_filter_by_activity = staticmethod(
    lambda filters, object_id, related: _activity(
        filters, str(object_id) if object_id else object_id, related))

import uvicorn

uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
'''

VALIDATE = '''
"""Validate statements (JSON lines on stdin) with Ralph's pydantic model."""
import json
import sys

from ralph.models.xapi.base.statements import BaseXapiStatement

problems = []
for n, line in enumerate(sys.stdin, 1):
    try:
        BaseXapiStatement.model_validate(json.loads(line))
    except Exception as exc:
        problems.append(f"statement {n}: {exc}")
print(json.dumps(problems))
'''


class LrsUnavailable(Exception):
    """The LRS's environment cannot be made here (the message says why)."""


def venv_dir() -> Path:
    given = os.environ.get("JITL_TEST_LRS_VENV")
    if given:
        return Path(given)
    # the account's own home, whatever HOME says (the tests point HOME elsewhere)
    home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    return home / ".cache" / "jitl-desktop-tests" / "ralph-5.1.0"


def ensure_venv() -> Path:
    """The Ralph environment's python, made if needed (LrsUnavailable if it cannot be)."""
    folder = venv_dir()
    python = folder / "bin" / "python"
    ready = folder / ".jitl-ready"
    if ready.exists() and python.exists():
        return python
    base = shutil.which("python3.11") or shutil.which("python3")
    if base is None:
        raise LrsUnavailable("no python3.11 to make Ralph's environment with")
    try:
        if not python.exists():
            subprocess.run([base, "-m", "venv", str(folder)], check=True,
                           capture_output=True, timeout=300)
        subprocess.run([str(python), "-m", "pip", "install", "-q", RALPH, "requests",
                        "bcrypt"], check=True, capture_output=True, timeout=1200)
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        raise LrsUnavailable(f"cannot make Ralph's environment in {folder}: {exc} "
                             f"{detail.decode(errors='replace')[-500:]}") from exc
    ready.write_text(RALPH + "\n")
    return python


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def validate(python: Path, statements: list[dict[str, Any]]) -> list[str]:
    """What Ralph's BaseXapiStatement model says of each statement (empty: all valid)."""
    done = subprocess.run([str(python), "-c", VALIDATE], capture_output=True, text=True,
                          input="".join(json.dumps(s) + "\n" for s in statements),
                          timeout=120, check=True)
    return list(json.loads(done.stdout))


class Ralph:
    """One Ralph LRS process on 127.0.0.1 with its statements in ``folder``."""

    def __init__(self, python: Path, folder: Path) -> None:
        self.python, self.folder = python, folder
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "launch.py").write_text(LAUNCHER)
        self._auth_file()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def _auth_file(self) -> None:
        import_bcrypt = [str(self.python), "-c", "import bcrypt, sys; print(bcrypt.hashpw("
                         "sys.argv[1].encode(), bcrypt.gensalt(4)).decode())", PASSWORD]
        hashed = subprocess.run(import_bcrypt, capture_output=True, text=True, check=True,
                                timeout=60).stdout.strip()
        (self.folder / "auth.json").write_text(json.dumps([{
            "username": USER, "hash": hashed,
            "scopes": ["statements/write", "statements/read", "all"],
            "agent": {"mbox": "mailto:jitl-desktop@example.com"}}]))

    def start(self) -> None:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.folder),
               "RALPH_RUNSERVER_BACKEND": "fs",
               "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.folder / "data"),
               "RALPH_AUTH_FILE": str(self.folder / "auth.json"),
               "RALPH_APP_DIR": str(self.folder / "app")}
        (self.folder / "data").mkdir(exist_ok=True)
        with (self.folder / "ralph.log").open("ab") as log:
            self.proc = subprocess.Popen([str(self.python), str(self.folder / "launch.py"),
                                          str(self.port)], env=env, stdout=log,
                                         stderr=subprocess.STDOUT, cwd=self.folder)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Ralph ended: {self.log()[-2000:]}")
            try:
                with urllib.request.urlopen(
                        f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"Ralph did not answer in 60 s: {self.log()[-2000:]}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def log(self) -> str:
        path = self.folder / "ralph.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def statements(self) -> list[dict[str, Any]]:
        """Every statement the LRS has stored (read from its files)."""
        found = []
        for path in sorted((self.folder / "data").glob("*.jsonl")):
            found += [json.loads(line) for line in path.read_text().splitlines() if line]
        return found

    def ids(self) -> list[str]:
        return [s["id"] for s in self.statements()]

    def get(self, query: str = "") -> Any:
        request = urllib.request.Request(
            f"{self.endpoint}statements?{query}",
            headers={"Authorization": "Basic " + b64encode(
                f"{USER}:{PASSWORD}".encode()).decode(), "X-Experience-API-Version": "1.0.3"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.loads(answer.read())
