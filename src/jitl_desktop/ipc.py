"""Talking to the running instance: the socket's address and the client side.

This module imports no Qt: it is what ``jitl-desktop toggle`` runs, the command
Wayland users bind to a key, so its whole process must stay fast. The server
side (a ``QLocalServer`` listening on :func:`address`) is in
``platform/single_instance.py``.

Protocol: the client sends one JSON object on one line, ``{"command": "show",
"query": "tar"}``, and reads one JSON object on one line back, ``{"ok": true,
...}``. Requests are at most :data:`MAX_MESSAGE` bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

from jitl_desktop.errors import JitlError, NotRunningError

MAX_MESSAGE = 64 * 1024
#: what the running app does when asked (answered at once, carried out right after),
#: with the request's keys each passes on
ACTIONS: dict[str, tuple[str, ...]] = {"toggle": (), "show": ("query",), "hide": (),
                                       "quit": (), "library": ("topic",), "settings": ()}
#: what it answers
QUERIES = ("status", "context")
#: every control command, the one list the CLI and the app use
COMMANDS = (*ACTIONS, *QUERIES)
#: AF_UNIX paths are limited to about 100 bytes.
_MAX_UNIX_PATH = 100


def address(data_dir: Path) -> str:
    """Where the instance for this user and data dir listens.

    POSIX: a socket file in the user's runtime dir (``$XDG_RUNTIME_DIR``, mode
    700), else in a private folder under the temp dir. Windows: a named pipe
    whose name carries the user and the data dir.
    """
    tag = hashlib.sha1(str(data_dir).encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
    if sys.platform.startswith("win"):
        import getpass

        return f"jitl-desktop-{getpass.getuser()}-{tag}"
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        path = Path(runtime) / f"jitl-desktop-{tag}.sock"
        if len(str(path)) <= _MAX_UNIX_PATH:
            return str(path)
    import tempfile

    private = Path(tempfile.gettempdir()) / f"jitl-desktop-{os.getuid()}"
    return str(private / f"{tag}.sock")


def prepare_address(name: str) -> None:
    """Make the private folder a POSIX socket lives in (mode 700)."""
    if sys.platform.startswith("win"):
        return
    folder = Path(name).parent
    if folder.name.startswith("jitl-desktop-"):
        folder.mkdir(mode=0o700, exist_ok=True)
        st = folder.stat()
        if st.st_uid != os.getuid() or st.st_mode & 0o077:
            raise JitlError(f"{folder} belongs to another user or is open to others; "
                            "remove it and start again")


def request(name: str, message: dict[str, Any], *, timeout: float = 5.0) -> dict[str, Any]:
    """Send one request to the running instance and return its answer."""
    data = (json.dumps(message) + "\n").encode("utf-8")
    try:
        if sys.platform.startswith("win"):
            answer = _request_pipe(name, data, timeout)
        else:
            answer = _request_unix(name, data, timeout)
    except (FileNotFoundError, ConnectionRefusedError) as exc:
        raise NotRunningError("JITL Desktop is not running (start it with: jitl-desktop)"
                              ) from exc
    except TimeoutError as exc:
        raise JitlError("the running JITL Desktop did not answer in time") from exc
    except OSError as exc:
        raise NotRunningError(f"cannot reach JITL Desktop: {exc.strerror or exc}") from exc
    try:
        reply = json.loads(answer.decode("utf-8"))
    except ValueError as exc:
        raise JitlError("the running JITL Desktop sent an unreadable answer") from exc
    if not isinstance(reply, dict):
        raise JitlError("the running JITL Desktop sent an unreadable answer")
    if not reply.get("ok", False):
        raise JitlError(str(reply.get("error", "the running JITL Desktop refused")))
    return reply


def _read_line(read: Callable[[int], bytes]) -> bytes:
    """Read chunks until the end of the first line or of the stream."""
    chunks = []
    while True:
        chunk = read(65536)
        if not chunk:
            break
        chunks.append(chunk)
        if chunk.endswith(b"\n"):
            break
    return b"".join(chunks)


def _request_unix(name: str, data: bytes, timeout: float) -> bytes:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(name)
        sock.sendall(data)
        return _read_line(sock.recv)


def _request_pipe(name: str, data: bytes, timeout: float) -> bytes:  # pragma: no cover
    del timeout  # a named pipe opened as a file has no timeout of its own
    with open(rf"\\.\pipe\{name}", "r+b", buffering=0) as pipe:
        pipe.write(data)
        return _read_line(pipe.read)


def parse_request(raw: bytes) -> dict[str, Any]:
    """Validate one request line (server side); raises ValueError with the reason."""
    if len(raw) > MAX_MESSAGE:
        raise ValueError(f"message too large ({len(raw)} bytes)")
    try:
        message = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not JSON: {exc}") from None
    if not isinstance(message, dict) or message.get("command") not in COMMANDS:
        raise ValueError("expected {\"command\": one of " + ", ".join(COMMANDS) + "}")
    for key in ("query", "topic"):
        value = message.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"'{key}' must be a string")
    return message
