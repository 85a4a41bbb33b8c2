"""Which operating system and display server this process runs on, and whether another
process still runs (no Qt: the command line, core/ and every platform backend ask the
same functions)."""

from __future__ import annotations

import os
import sys


def current_os() -> str:
    """``linux``, ``windows`` or ``macos`` (the names content ``apps:`` rules use; every
    other Unix counts as ``linux``)."""
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


def display_server() -> str:
    """``x11``, ``wayland``, ``windows``, ``macos`` or ``none`` (no display at all)."""
    system = current_os()
    if system != "linux":
        return system
    if os.environ.get("WAYLAND_DISPLAY") or os.environ.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland"
    if os.environ.get("DISPLAY"):
        return "x11"
    return "none"


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` exists (one of another user counts: it may not be
    signalled, but it is there)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
