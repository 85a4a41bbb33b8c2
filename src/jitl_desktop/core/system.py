"""Which operating system and display server this process runs on, and whether another
process still runs (no Qt: the command line, core/ and every platform backend ask the
same functions)."""

from __future__ import annotations

import functools
import os
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

_T = TypeVar("_T")


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


class loaded_once(Generic[_T]):
    """A function of no argument whose result is kept, computed once even when two
    threads ask at the same time (the search thread and the index worker both load the
    models; a second load would cost its time and memory again). ``cache_clear()``
    forgets the result, as for ``functools.cache``."""

    def __init__(self, load: Callable[[], _T]) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._done = False
        self._value: _T | None = None
        functools.update_wrapper(self, load)

    def __call__(self) -> _T:
        with self._lock:
            if not self._done:
                self._value, self._done = self._load(), True
            return self._value  # type: ignore[return-value]

    def cache_clear(self) -> None:
        with self._lock:
            self._done, self._value = False, None
