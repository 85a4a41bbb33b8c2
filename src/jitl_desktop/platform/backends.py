"""The OS backends the app uses, chosen for this desktop by each package's ``pick()``.

The app takes them as one argument, so a test can run the whole app in-process
with the null backends (or any others) instead of the ones this machine offers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject

from jitl_desktop.platform import active_window, autostart, hotkey
from jitl_desktop.platform.active_window import ActiveWindowMonitor
from jitl_desktop.platform.autostart import Autostart
from jitl_desktop.platform.hotkey import HotkeyBackend


def _autostart(_parent: QObject | None) -> Autostart:
    return autostart.pick()


@dataclass(frozen=True)
class Backends:
    """Factories of the backends (each given the app as the Qt parent)."""

    hotkey: Callable[[QObject | None], HotkeyBackend] = hotkey.pick
    active_window: Callable[[QObject | None], ActiveWindowMonitor] = active_window.pick
    autostart: Callable[[QObject | None], Autostart] = _autostart
