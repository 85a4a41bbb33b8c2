"""The Qt application and its event loop: the app's names, no quitting when the last
window closes (it lives in the tray), and SIGTERM / Ctrl+C ending the loop cleanly."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import linecache
import signal
import socket
import sys
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QSocketNotifier
from PySide6.QtWidgets import QApplication


class Running(Protocol):
    def shutdown(self) -> None: ...


def run(make: Callable[[QApplication], Running]) -> int:
    """Make the app with ``make`` and run the event loop until it quits; the app's
    ``shutdown`` runs on every way out."""
    QApplication.setApplicationName("jitl-desktop")
    QApplication.setOrganizationName("JITL")
    QApplication.setApplicationDisplayName("JITL Desktop")
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    qapp.setQuitOnLastWindowClosed(False)
    app, wakeup = make(qapp), quit_on_signals(qapp)
    code = qapp.exec()
    del wakeup
    app.shutdown()
    return int(code)


def release_source_lines() -> None:
    """Forget the source lines Python keeps for tracebacks. PySide's import hook reads
    the whole source of every module imported after it (``inspect.getsource``, to see
    whether the module uses ``__feature__``), and Python keeps those lines: about
    18 MB for the app's 560 modules. Called once start-up and the search warm-up are
    over; a traceback reads the lines it needs again."""
    linecache.clearcache()
    release_free_memory()


def release_free_memory() -> None:
    """Give the memory start-up used and freed back to the system. glibc's allocator
    keeps freed memory for reuse (the index read, the word lists parsed, the meaning
    model's tokenizer read from JSON): ``malloc_trim`` returns what is free. Elsewhere
    (Windows, macOS, musl) there is nothing to do."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc
        return
    gc.collect()
    trim(0)


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
