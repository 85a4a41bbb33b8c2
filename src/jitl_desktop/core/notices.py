"""Messages the user is told once, not at every start (remembered in the data dir)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from jitl_desktop.core.files import write_atomic

log = logging.getLogger(__name__)

NOTICES_FILE = "notices.json"
#: the first-run welcome: which key opens the search, where the tray icon is (a tray
#: message; where there is no tray, the search window opens on its own with it, once)
WELCOME = "welcome"


class Notices:
    """Which one-time messages were shown, by key."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / NOTICES_FILE
        self._shown: set[str] = set()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self._shown = {str(k) for k in data.get("shown", [])}
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError) as exc:
            log.warning("%s: unreadable (%s); one-time messages may show again",
                        self.path, exc)

    def first_time(self, key: str) -> bool:
        """True (and remembered) the first time ``key`` is asked about."""
        if key in self._shown:
            return False
        self._shown.add(key)
        try:
            write_atomic(self.path, json.dumps({"shown": sorted(self._shown)}) + "\n")
        except OSError as exc:
            log.warning("cannot remember a one-time message in %s: %s", self.path, exc)
        return True
