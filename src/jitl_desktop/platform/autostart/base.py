"""The start-at-login interface every backend implements, the null backend, and the
command an entry runs (:func:`launch_command`). No Qt: the command line uses it too."""

from __future__ import annotations

import os
import shutil
import sys
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jitl_desktop.errors import JitlError

#: the name of the installed console script
SCRIPT = "jitl-desktop"
#: the name shown in every autostart list
DISPLAY_NAME = "JITL Desktop"


class AutostartError(JitlError):
    """Start at login cannot be turned on or off (what failed and where)."""


def launch_command() -> list[str]:
    """How to start this program at login, as absolute program path and arguments.

    In order: the launcher a system package's wrapper names (``JITL_LAUNCHER``, an
    absolute path to an existing file: the Debian package's /usr/bin/jitl-desktop);
    a frozen (PyInstaller) bundle is its own executable; the installed
    ``jitl-desktop`` script when the running program was started through it
    (``sys.argv[0]``); the ``jitl-desktop`` found on ``PATH``; else this Python
    with ``-m jitl_desktop``.
    """
    launcher = os.environ.get("JITL_LAUNCHER", "")
    if os.path.isabs(launcher) and os.path.isfile(launcher):
        return [launcher]
    if getattr(sys, "frozen", False):
        return [os.path.abspath(sys.executable)]
    argv0 = sys.argv[0] if sys.argv else ""
    if argv0:
        started = Path(argv0)
        # the Windows launcher may report the script without its .exe
        for candidate in (started, started.with_name(started.name + ".exe")):
            if candidate.name.lower() in (SCRIPT, SCRIPT + ".exe") and candidate.is_file():
                return [os.path.abspath(candidate)]
    found = shutil.which(SCRIPT)
    if found:
        return [os.path.abspath(found)]
    return [os.path.abspath(sys.executable), "-m", "jitl_desktop"]


class Autostart(ABC):
    """Whether this program starts when the user logs in, and the switch for it.

    Attributes:
        backend: ``xdg``, ``windows-run-key``, ``launch-agent`` or ``none``.
        problem: why start at login cannot work here (the null backend), else None.
        command: the program and arguments an enabled entry runs.
    """

    backend = "none"

    def __init__(self, command: Sequence[str]) -> None:
        self.command = list(command)
        self.problem: str | None = None

    @abstractmethod
    def enabled(self) -> bool:
        """True when the program will start at the next login."""

    @abstractmethod
    def set_enabled(self, on: bool) -> None:
        """Turn start at login on or off; raise AutostartError when that fails."""

    @abstractmethod
    def location(self) -> str:
        """Where the entry lives (for the settings dialog and ``diagnose``)."""

    def machine_wide(self) -> str | None:
        """Where an entry for every user lives, when the organisation installed one (it
        starts the program whatever the user's own switch says), else None."""
        return None

    def status(self) -> dict[str, Any]:
        """The state in one dictionary (for ``diagnose`` and ``status --json``)."""
        return {"backend": self.backend, "enabled": self.enabled(),
                "location": self.location(), "problem": self.problem,
                "machine_wide": self.machine_wide()}


class NullAutostart(Autostart):
    """No start at login here: ``problem`` says why, and turning it on fails."""

    backend = "none"

    def __init__(self, why: str, command: Sequence[str] = ()) -> None:
        super().__init__(command)
        self.problem = why

    def enabled(self) -> bool:
        return False

    def set_enabled(self, on: bool) -> None:
        raise AutostartError(f"cannot turn {'on' if on else 'off'} start at login: "
                             f"{self.problem}")

    def location(self) -> str:
        return ""


def os_reason(exc: OSError) -> str:
    """The reason an OS call failed, for a message (``Permission denied``)."""
    return exc.strerror or str(exc)
