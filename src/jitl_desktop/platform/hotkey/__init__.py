"""The global hotkey, behind one small interface with a null backend.

:func:`pick` chooses an exclusive X11 key grab on X11 (:mod:`.x11`), pynput on
Windows and macOS (:mod:`.pynput`), and otherwise the null backend, which says why
and tells the user how to bind ``jitl-desktop toggle`` in the desktop's own keyboard
settings (the way in on Wayland). The interface and the null backend are in
:mod:`.base`, which the backends import; only :func:`pick` imports the backends.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from jitl_desktop.core.system import display_server
from jitl_desktop.platform.hotkey.base import (
    DEFAULT_COMBO,
    WAYLAND_HELP,
    HotkeyBackend,
    NullHotkey,
)

__all__ = ["DEFAULT_COMBO", "WAYLAND_HELP", "HotkeyBackend", "NullHotkey", "pick"]


def pick(parent: QObject | None = None) -> HotkeyBackend:
    """The backend for this desktop (not started)."""
    server = display_server()
    if server == "wayland":
        return NullHotkey("a Wayland session does not let applications listen to keys",
                          parent)
    if server == "none":
        return NullHotkey("there is no display", parent)
    if server == "x11":
        from jitl_desktop.platform.hotkey.x11 import X11GrabHotkey

        return X11GrabHotkey(parent)
    from jitl_desktop.platform.hotkey.pynput import PynputHotkey

    return PynputHotkey(server, parent)
