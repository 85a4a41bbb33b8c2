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

import contextlib
import hashlib
import json
import os
import socket
import stat
import struct
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

from jitl_desktop.core.system import process_alive
from jitl_desktop.errors import JitlError, NotRunningError

MAX_MESSAGE = 64 * 1024
#: what the running app does when asked (answered at once, carried out right after),
#: with the request's keys each passes on
ACTIONS: dict[str, tuple[str, ...]] = {"toggle": (), "show": ("query",), "hide": (),
                                       "quit": (), "library": ("topic",), "settings": ()}
#: what it carries out before it answers (the answer says how it went), with the keys
#: each passes on: ``add_content`` adds a content folder for this session
REQUESTS: dict[str, tuple[str, ...]] = {"add_content": ("folder",)}
#: what it answers
QUERIES = ("status", "context")
#: every control command, the one list the CLI and the app use
COMMANDS = (*ACTIONS, *REQUESTS, *QUERIES)
#: AF_UNIX paths are limited to about 100 bytes.
_MAX_UNIX_PATH = 100


def address(data_dir: Path) -> str:
    """Where the instance for this user and data dir listens.

    POSIX: a socket file in a folder that only this user can enter (owned by the
    user, mode 700, checked with ``lstat``): ``$XDG_RUNTIME_DIR``, else
    ``/run/user/<uid>``, else ``<temp dir>/jitl-desktop-<uid>``. When another user has
    taken that name (or left it open), a folder in the user's own cache folder is used
    instead. Windows: a named pipe whose name carries the user and the data dir.
    """
    tag = hashlib.sha1(str(data_dir).encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
    if sys.platform.startswith("win"):
        import getpass

        return f"jitl-desktop-{getpass.getuser()}-{tag}"
    candidates = [os.environ.get("XDG_RUNTIME_DIR") or "", f"/run/user/{os.getuid()}"]
    for runtime in filter(None, candidates):
        if _private_dir(runtime) is None:
            path = Path(runtime) / f"jitl-desktop-{tag}.sock"
            if len(str(path)) <= _MAX_UNIX_PATH:
                return str(path)
    import tempfile

    private = Path(tempfile.gettempdir()) / f"jitl-desktop-{os.getuid()}"
    problem = _private_dir(private)
    if problem is None or problem == "missing":
        return str(private / f"{tag}.sock")
    import platformdirs  # only when the temp name is taken by someone else

    own = Path(platformdirs.user_cache_dir("jitl-desktop", "JITL")) / "run"
    path = own / f"{tag}.sock"
    if len(str(path)) > _MAX_UNIX_PATH:
        path = own / f"{tag[:6]}.sock"
    return str(path)


def _private_dir(folder: str | os.PathLike[str]) -> str | None:
    """None if ``folder`` is a real folder (not a link) that this user owns and nobody
    else may enter; else why not ("missing" when it does not exist)."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        return exc.strerror or str(exc)
    if not stat.S_ISDIR(info.st_mode):
        return "not a folder"
    if info.st_uid != os.getuid():
        return f"it belongs to another user (uid {info.st_uid})"
    if info.st_mode & 0o077:
        return f"others may enter it (mode {stat.S_IMODE(info.st_mode):o})"
    return None


def prepare_address(name: str) -> None:
    """Make the private folder a POSIX socket lives in (mode 700) and check it: a folder
    that another user owns, that others may enter, or that is a link is never used."""
    if sys.platform.startswith("win"):
        return
    folder = Path(name).parent
    if _private_dir(folder) == "missing":
        with contextlib.suppress(FileExistsError):  # made at the same moment: checked below
            os.makedirs(folder, mode=0o700)
    problem = _private_dir(folder)
    if problem is not None:
        raise JitlError(f"{folder} cannot hold the control socket safely: {problem}; "
                        "remove it and start again")


def request(name: str, message: dict[str, Any], *, timeout: float = 5.0) -> dict[str, Any]:
    """Send one request to the running instance and return its answer.

    A busy instance (its queue of waiting connections full: EAGAIN) or one that is
    starting (it holds the lock but does not listen yet) is tried again until
    ``timeout``; only when no process holds the instance's lock is it reported at once
    as not running (NotRunningError)."""
    data = (json.dumps(message) + "\n").encode("utf-8")
    deadline = time.monotonic() + timeout
    pause = 0.005
    while True:
        try:
            if sys.platform.startswith("win"):
                answer = _request_pipe(name, data, timeout)
            else:
                answer = _request_unix(name, data, max(0.1, deadline - time.monotonic()))
            break
        except (FileNotFoundError, ConnectionRefusedError, BlockingIOError) as exc:
            busy = isinstance(exc, BlockingIOError) or _owner_alive(name)
            if not busy:
                raise NotRunningError("JITL Desktop is not running (start it with: "
                                      "jitl-desktop)") from exc
            if time.monotonic() + pause > deadline:
                raise JitlError(f"JITL Desktop is running but did not accept the request "
                                f"within {timeout:g} s ({exc.strerror or exc}); "
                                "try again") from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.1)
        except TimeoutError as exc:
            raise JitlError("the running JITL Desktop did not answer in time") from exc
        except OSError as exc:
            raise NotRunningError(f"cannot reach JITL Desktop: {exc.strerror or exc}"
                                  ) from exc
    try:
        reply = json.loads(answer.decode("utf-8"))
    except ValueError as exc:
        raise JitlError("the running JITL Desktop sent an unreadable answer") from exc
    if not isinstance(reply, dict):
        raise JitlError("the running JITL Desktop sent an unreadable answer")
    if not reply.get("ok", False):
        raise JitlError(str(reply.get("error", "the running JITL Desktop refused")))
    return reply


def _owner_alive(name: str) -> bool:
    """Whether a live process holds the instance's lock (``<socket>.lock``, written by
    QLockFile: its first line is the owner's pid)."""
    try:
        with open(name + ".lock", "rb") as stream:
            pid = int(stream.readline().strip() or b"0")
    except (OSError, ValueError):
        return False
    return pid > 0 and process_alive(pid)


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


class ImpostorError(JitlError):
    """The control socket is not this user's: nothing is sent to it."""


def _request_unix(name: str, data: bytes, timeout: float) -> bytes:
    problem = _private_dir(Path(name).parent)
    if problem is not None and problem != "missing":
        raise ImpostorError(f"{Path(name).parent} cannot hold the control socket safely "
                            f"({problem}); nothing was sent")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(name)
        _check_peer(sock, name)
        sock.sendall(data)
        return _read_line(sock.recv)


def _check_peer(sock: socket.socket, name: str) -> None:
    """Raise ImpostorError unless the process listening on ``sock`` runs as this user
    (``SO_PEERCRED`` on Linux; elsewhere the socket file's owner)."""
    if hasattr(socket, "SO_PEERCRED"):
        creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        _pid, uid, _gid = struct.unpack("3i", creds)
    else:  # pragma: no cover - macOS and the BSDs
        uid = os.lstat(name).st_uid
    if uid != os.getuid():
        raise ImpostorError(f"the control socket {name} is served by another user "
                            f"(uid {uid}); nothing was sent")


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
    for key in ("query", "topic", "folder"):
        value = message.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"'{key}' must be a string")
    return message
