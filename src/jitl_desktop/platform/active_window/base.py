"""The active-window interface every backend implements, and the null backend.

Backends report what they see with :meth:`ActiveWindowMonitor._report` from any
thread; the ``changed`` signal reaches the GUI thread. The app's own windows and
"no window" moments between switches are never reported, so the context stays the
application the user was working in when the overlay took the focus.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any

from PySide6.QtCore import QObject, Signal

from jitl_desktop.core.apps import ActiveApp

log = logging.getLogger(__name__)


class ActiveWindowMonitor(QObject):
    """Follows the active application.

    Signals:
        changed(object): a new :class:`ActiveApp` is in front (delivered on the GUI
            thread; never the app itself).
    """

    changed = Signal(object)
    backend = "none"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.available = False
        #: why the context is unavailable (None when it works)
        self.reason: str | None = None
        self.paused = False
        self._lock = threading.Lock()
        self._current: ActiveApp | None = None
        self._own_pid = os.getpid()
        #: when the backend saw the last change (epoch seconds; for the benchmark)
        self.changed_at: float | None = None

    def start(self) -> None:
        """Begin following the active window (reports the current one soon after)."""

    def stop(self) -> None:
        """Stop following; release every OS resource."""

    def give_focus_back(self, leaving: int) -> bool:
        """Activate the window that was active before the window ``leaving`` (a native
        window id: the search window, closed with Escape) took the focus; False where
        that cannot be done."""
        return False

    def current(self) -> ActiveApp | None:
        with self._lock:
            return None if self.paused else self._current

    def set_paused(self, paused: bool) -> None:
        """While paused nothing is read from the windows (privacy), and no context is
        given."""
        self.paused = paused
        if paused:
            with self._lock:
                self._current = None

    def _report(self, app: ActiveApp | None) -> None:
        """Called by a backend, on any thread, with what is in front now."""
        if app is None or self.paused:
            return  # no window (between two), or paused: keep what was there
        if app.pid is not None and app.pid == self._own_pid:
            return  # our own overlay or window: the context stays the previous app
        with self._lock:
            if app == self._current:
                return
            self._current = app
            self.changed_at = time.time()
        self.changed.emit(app)

    def status(self) -> dict[str, Any]:
        app = self.current()
        return {"backend": self.backend, "available": self.available,
                "reason": self.reason, "paused": self.paused,
                "process": app.process if app else None,
                "wm_class": app.wm_class if app else None,
                "title": app.title if app else None,
                "bundle_id": app.bundle_id if app else None,
                "pid": app.pid if app else None,
                "exe": app.exe if app else None,
                "elevated": app.elevated if app else False,
                "geometry": list(app.geometry) if app and app.geometry else None,
                "changed_at": self.changed_at}


class NullActiveWindow(ActiveWindowMonitor):
    """No context here; ``reason`` says why."""

    def __init__(self, reason: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reason = reason
