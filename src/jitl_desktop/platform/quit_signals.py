"""SIGTERM and Ctrl+C end the Qt event loop cleanly (POSIX; harmless elsewhere)."""

from __future__ import annotations

import contextlib
import signal
import socket
from typing import Any

from PySide6.QtCore import QCoreApplication, QSocketNotifier


def quit_on_signals(qapp: QCoreApplication) -> Any:
    """Python runs signal handlers only when it gets control, so the signal also wakes
    a socket the event loop watches (no polling timer). Keep what this returns alive
    while the loop runs."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, qapp)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)
    signal.signal(signal.SIGTERM, lambda *_: qapp.quit())
    signal.signal(signal.SIGINT, lambda *_: qapp.quit())
    return (reader, writer, notifier)
