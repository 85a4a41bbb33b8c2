"""The hotkey interface every backend implements, and the null backend."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

DEFAULT_COMBO = "<ctrl>+<alt>+<space>"

WAYLAND_HELP = (
    "Global hotkeys are not available here ({why}). Bind the command "
    "'jitl-desktop toggle' to a key in your desktop's keyboard settings "
    "(GNOME: Settings → Keyboard → View and Customize Shortcuts → Custom Shortcuts; "
    "KDE: System Settings → Shortcuts → Add New → Command or Script).")


class HotkeyBackend(QObject):
    """Reports presses of one key combination.

    Signals:
        pressed(): the combination was pressed (delivered on the GUI thread).
    """

    pressed = Signal()
    name = "none"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.combo = DEFAULT_COMBO
        self.active = False
        self.problem: str | None = None

    def start(self, combo: str) -> None:
        self.combo = combo

    def stop(self) -> None:
        self.active = False

    def release_keys(self) -> str:
        """End the catch of keys typed right after the hotkey; return their text."""
        return ""

    def status(self) -> dict[str, Any]:
        return {"combo": self.combo, "backend": self.name, "active": self.active,
                "problem": self.problem}


class NullHotkey(HotkeyBackend):
    """No global hotkey: the app stays usable through the tray, the CLI and a binding."""

    def __init__(self, why: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.problem = WAYLAND_HELP.format(why=why)
