"""One instance per user and data dir: the local socket server side.

The running app listens with a ``QLocalServer`` (readable by this user only)
on :func:`jitl_desktop.ipc.address`; other processes talk to it with
:mod:`jitl_desktop.ipc`, which needs no Qt. Malformed or oversized requests are
answered with an error and logged; they never reach the app.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLockFile, QObject, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from jitl_desktop import ipc
from jitl_desktop.errors import JitlError

log = logging.getLogger(__name__)

#: connections the kernel and Qt keep waiting while the app is busy
LISTEN_BACKLOG = 1024

Handler = Callable[[dict[str, Any]], dict[str, Any]]


class AlreadyRunning(JitlError):
    """Another instance answers on this address."""


class InstanceServer(QObject):
    """Accepts requests from :mod:`jitl_desktop.ipc` clients and answers them with
    ``handler`` (called on the GUI thread)."""

    def __init__(self, name: str, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._handler = handler
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # a burst of clients (a key held down, a script, many launches at login) waits
        # in the kernel's queue rather than being refused
        self._server.setListenBacklogSize(LISTEN_BACKLOG)
        self._server.setMaxPendingConnections(LISTEN_BACKLOG)
        self._server.newConnection.connect(self.on_new_connection)
        self._buffers: dict[QLocalSocket, bytearray] = {}
        self._lock: QLockFile | None = None

    def listen(self) -> None:
        """Start listening; raise AlreadyRunning if another instance owns the address.

        A lock file held for the app's lifetime decides who owns it (the system
        releases it when a process dies, and QLockFile also spots stale ones), so two
        instances started at the same moment cannot both listen.
        """
        ipc.prepare_address(self.name)
        self._lock = QLockFile(self.name + ".lock")
        self._lock.setStaleLockTime(0)
        if not self._lock.tryLock(200):
            raise AlreadyRunning(f"an instance already owns {self.name}")
        QLocalServer.removeServer(self.name)  # a socket file left by a killed run
        if not self._server.listen(self.name):
            self._lock.unlock()
            raise JitlError(f"cannot listen on {self.name}: {self._server.errorString()}")

    def close(self) -> None:
        self._server.close()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    @Slot()
    def on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            self._buffers[sock] = bytearray()
            sock.readyRead.connect(lambda s=sock: self._on_ready_read(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))

    def _forget(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _on_ready_read(self, sock: QLocalSocket) -> None:
        buffer = self._buffers.get(sock)
        if buffer is None:
            return
        buffer += bytes(sock.readAll().data())
        if len(buffer) > ipc.MAX_MESSAGE:
            log.warning("rejected an oversized request (%d bytes)", len(buffer))
            self._reply(sock, {"ok": False, "error": "message too large"})
            return
        if b"\n" not in buffer:
            return
        line = bytes(buffer.split(b"\n", 1)[0])
        try:
            message = ipc.parse_request(line)
        except ValueError as exc:
            log.warning("rejected a malformed request: %s", exc)
            self._reply(sock, {"ok": False, "error": f"bad request: {exc}"})
            return
        try:
            answer = {"ok": True, **self._handler(message)}
        except Exception:  # a barrier: one bad request must not take the app down
            log.exception("request %r failed", message.get("command"))
            answer = {"ok": False, "error": "internal error (see the log)"}
        self._reply(sock, answer)

    def _reply(self, sock: QLocalSocket, answer: dict[str, Any]) -> None:
        self._buffers.pop(sock, None)
        sock.write((json.dumps(answer) + "\n").encode("utf-8"))
        sock.flush()
        sock.disconnectFromServer()
