"""The application in front of the user, behind one small interface with a null backend.

:func:`pick` chooses the X11 backend (:mod:`.x11`, event-driven: PropertyNotify on the
root window's ``_NET_ACTIVE_WINDOW``), the Windows backend (:mod:`.windows`, a
foreground-window event hook), the macOS backend (:mod:`.macos`, NSWorkspace
activation notifications), or the null backend, which says why the context is
unavailable (Wayland, no window manager, no display) instead of guessing.

The interface and the null backend are in :mod:`.base`; the backends import only
that module, and only :func:`pick` imports the backends (on demand), so no module
of this package imports another in a circle.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from jitl_desktop.core.system import display_server
from jitl_desktop.platform.active_window.base import ActiveWindowMonitor, NullActiveWindow

__all__ = ["ActiveWindowMonitor", "NullActiveWindow", "pick"]


def pick(parent: QObject | None = None) -> ActiveWindowMonitor:
    """The backend for this desktop (not started)."""
    server = display_server()
    if server == "wayland":
        return NullActiveWindow("a Wayland session does not tell applications which window "
                                "is active", parent)
    if server == "none":
        return NullActiveWindow("there is no display", parent)
    if server == "x11":
        from jitl_desktop.platform.active_window.x11 import X11ActiveWindow

        return X11ActiveWindow(parent)
    if server == "windows":
        from jitl_desktop.platform.active_window.windows import WindowsActiveWindow

        return WindowsActiveWindow(parent)
    from jitl_desktop.platform.active_window.macos import MacActiveWindow

    return MacActiveWindow(parent)
