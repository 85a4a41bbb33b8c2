"""Start at login on macOS: a launchd agent in ``~/Library/LaunchAgents``."""

from __future__ import annotations

import logging
import plistlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jitl_desktop.core.files import write_atomic
from jitl_desktop.platform.autostart.base import Autostart, AutostartError, os_reason

log = logging.getLogger(__name__)


class LaunchAgentAutostart(Autostart):
    """A launchd agent in ``~/Library/LaunchAgents`` (loaded at the next login).

    ``folder`` replaces ``~/Library/LaunchAgents`` (tests).
    """

    backend = "launch-agent"
    LABEL = "org.jitl.desktop"

    def __init__(self, command: Sequence[str], *, folder: Path | None = None,
                 system_folder: Path | None = None) -> None:
        super().__init__(command)
        folder = folder if folder is not None else Path.home() / "Library" / "LaunchAgents"
        self.plist_file = folder / f"{self.LABEL}.plist"
        system = system_folder if system_folder is not None else \
            Path("/Library/LaunchAgents")
        self.system_file = system / f"{self.LABEL}.plist"

    def machine_wide(self) -> str | None:
        return str(self.system_file) if self.system_file.is_file() else None

    def agent(self) -> dict[str, Any]:
        """The launchd property list of the agent."""
        return {
            "Label": self.LABEL,
            "ProgramArguments": list(self.command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
            "LimitLoadToSessionType": "Aqua",
        }

    def enabled(self) -> bool:
        if self.machine_wide():
            return True
        try:
            with self.plist_file.open("rb") as f:
                agent = plistlib.load(f)
        except FileNotFoundError:
            return False
        except (OSError, plistlib.InvalidFileException, ValueError) as exc:
            log.warning("cannot read the launch agent %s: %s", self.plist_file, exc)
            return False
        return (isinstance(agent, dict) and agent.get("RunAtLoad") is True
                and agent.get("Disabled") is not True)

    def set_enabled(self, on: bool) -> None:
        try:
            if on:
                write_atomic(self.plist_file, plistlib.dumps(self.agent()), mode=0o644)
            else:
                self.plist_file.unlink(missing_ok=True)
        except OSError as exc:
            raise AutostartError(
                f"cannot turn {'on' if on else 'off'} start at login: cannot "
                f"{'write' if on else 'remove'} {self.plist_file} ({os_reason(exc)})") from exc

    def location(self) -> str:
        return str(self.plist_file)
