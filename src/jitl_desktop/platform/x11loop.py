"""One X connection served by one thread that sleeps until there is something to do.

The thread waits in ``select`` on the X connection and on a wake-up pipe, with no
timeout unless it asks for one: an idle app costs no CPU. Another thread wakes it
(to stop it, or because it read X events into Xlib's queue itself) by writing to
the pipe. Used by the X11 hotkey and the X11 active-window backends.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
from collections.abc import Callable
from typing import Any


class X11Loop:
    def __init__(self) -> None:
        self.dpy: Any = None
        self.stopping = False
        self._thread: threading.Thread | None = None
        self._wake_r = self._wake_w = -1

    def start(self, dpy: Any, run: Callable[[], None], name: str) -> None:
        """Serve ``dpy`` with ``run`` on a new thread (``run`` loops until
        :attr:`stopping`, calling :meth:`wait` when it has nothing to do)."""
        self.dpy = dpy
        self.stopping = False
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_w, False)
        self._thread = threading.Thread(target=run, name=name, daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """Sleep until the X server sends something, :meth:`wake` is called, or
        ``timeout`` seconds pass."""
        ready, _, _ = select.select([self.dpy.fileno(), self._wake_r], [], [], timeout)
        if self._wake_r in ready:
            os.read(self._wake_r, 512)

    def wake(self) -> None:
        if self._wake_w >= 0:
            with contextlib.suppress(BlockingIOError, OSError):
                os.write(self._wake_w, b"x")

    def stop(self) -> None:
        """End the thread, close the connection and the pipe (it may start again)."""
        self.stopping = True
        self.wake()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
        if self.dpy is not None:
            self.dpy.close()
            self.dpy = None
        for fd in (self._wake_r, self._wake_w):
            if fd >= 0:
                os.close(fd)
        self._wake_r = self._wake_w = -1
