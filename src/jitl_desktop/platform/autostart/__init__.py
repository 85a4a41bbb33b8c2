"""Start at login, behind one small interface with a null backend.

:func:`pick` chooses a Desktop Entry in the XDG autostart folder on Linux and the
other free Unix desktops (:mod:`.xdg`), a value of the ``Run`` registry key on Windows
(:mod:`.windows`), a launchd agent on macOS (:mod:`.macos`), and otherwise the null
backend, which says why. The interface, the null backend and :func:`launch_command`
are in :mod:`.base`, which the backends import.

This package imports no Qt: the command line uses it too.
"""

from __future__ import annotations

import sys

from jitl_desktop.platform.autostart.base import (
    DISPLAY_NAME,
    SCRIPT,
    Autostart,
    AutostartError,
    NullAutostart,
    launch_command,
)
from jitl_desktop.platform.autostart.macos import LaunchAgentAutostart
from jitl_desktop.platform.autostart.windows import WindowsAutostart
from jitl_desktop.platform.autostart.xdg import XdgAutostart

__all__ = ["DISPLAY_NAME", "SCRIPT", "Autostart", "AutostartError", "LaunchAgentAutostart",
           "NullAutostart", "WindowsAutostart", "XdgAutostart", "launch_command", "pick"]

#: platforms (``sys.platform`` prefixes) with no way to start at login that we know of
_UNSUPPORTED = ("cygwin", "msys", "emscripten", "wasi", "ios", "android")


def pick(command: list[str] | None = None, *, system: str | None = None) -> Autostart:
    """The backend for ``system`` (default ``sys.platform``), starting ``command``
    (default :func:`launch_command`)."""
    system = system or sys.platform
    cmd = command if command is not None else launch_command()
    if not cmd:
        return NullAutostart("there is no command to start at login")
    if system == "win32":
        return WindowsAutostart(cmd)
    if system == "darwin":
        return LaunchAgentAutostart(cmd)
    if system.startswith(_UNSUPPORTED):
        return NullAutostart(f"start at login is not supported on {system}", cmd)
    return XdgAutostart(cmd)
