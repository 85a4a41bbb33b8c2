"""Signals from a worker thread that stop with their owner.

A worker thread that is still busy when its owner stops (a long index update, a slow
warm-up) must not touch the owner's Qt objects afterwards: they may be gone by the time
it finishes. Every signal the thread sends goes through :meth:`Outlet.emit`, which does
nothing once :meth:`Outlet.close` has returned.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import SignalInstance


class Outlet:
    """The one way a worker thread talks to the GUI thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.closed = False

    def emit(self, signal: SignalInstance, *args: Any) -> bool:
        """Send ``signal`` unless the owner has stopped; whether it was sent."""
        with self._lock:
            if self.closed:
                return False
            signal.emit(*args)
            return True

    def close(self) -> None:
        """From now on nothing is sent (waits for a signal being sent right now)."""
        with self._lock:
            self.closed = True
