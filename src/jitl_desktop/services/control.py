"""Requests from ``jitl-desktop toggle|show|…`` and the ``status`` report.

The single-instance server hands each request here. Queries (``status``,
``context``) are answered at once; commands are answered first and carried out
right after, so the caller (often a key binding) need not wait for a window to be
mapped and focused.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, QTimer

from jitl_desktop import __version__, ipc

log = logging.getLogger(__name__)

#: carries out one command, with the keys of the request that :data:`ipc.ACTIONS` names
Action = Callable[..., object]


class ControlService(QObject):
    """Answers the running app's control requests."""

    def __init__(self, *, actions: Mapping[str, Action],
                 report: Mapping[str, Callable[[], Any]],
                 parent: QObject | None = None) -> None:
        """``actions`` carry out the commands of :data:`ipc.ACTIONS`; ``report`` gives
        each part of the status report (``overlay``, ``hotkey``…) when asked."""
        super().__init__(parent)
        missing = set(ipc.ACTIONS) - set(actions)
        if missing:
            raise ValueError(f"no action for {', '.join(sorted(missing))}")
        self._actions = dict(actions)
        self._report = dict(report)

    def handle(self, message: dict[str, Any]) -> dict[str, Any]:
        command = message["command"]
        if command == "status":
            return {"status": self.status()}
        if command == "context":
            return {"context": self._report["context"]()}
        action = self._actions[command]
        given = {k: message[k] for k in ipc.ACTIONS[command] if message.get(k) is not None}
        QTimer.singleShot(0, lambda: action(**given))
        return {}

    def status(self) -> dict[str, Any]:
        """What ``jitl-desktop status --json`` prints (ARCHITECTURE.md's contract)."""
        report: dict[str, Any] = {"pid": os.getpid(), "version": __version__}
        for name, part in self._report.items():
            report[name] = part()
        return report
