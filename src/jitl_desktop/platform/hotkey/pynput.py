"""The global hotkey through pynput (Windows and macOS)."""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject

from jitl_desktop.platform.hotkey.base import HotkeyBackend

log = logging.getLogger(__name__)

#: how long ``start`` waits for pynput's listener to listen (seconds)
READY_TIMEOUT = 3.0


class PynputHotkey(HotkeyBackend):
    name = "pynput"

    def __init__(self, server: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = f"pynput-{server}"
        self._listener: Any = None

    def _listen(self, combo: str) -> str | None:
        from pynput import keyboard  # needs a display: imported only here

        try:
            self._listener = keyboard.GlobalHotKeys({combo: self.pressed.emit})
        except ValueError as exc:
            problem = f"'{combo}' is not a key combination pynput understands: {exc}"
            log.error("%s", problem)
            return problem
        self._listener.daemon = True
        self._listener.start()
        # Wait until the listener really listens, so a press right after start-up is
        # not lost (pynput's wait() has no timeout: wait for it on a helper thread).
        waiter = threading.Thread(target=self._listener.wait, daemon=True)
        waiter.start()
        waiter.join(READY_TIMEOUT)
        if waiter.is_alive():
            problem = f"the hotkey listener did not start within {READY_TIMEOUT:.0f} s"
            log.error("%s", problem)
            return problem
        return None

    def _release(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
