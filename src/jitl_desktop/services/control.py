"""Requests from ``jitl-desktop toggle|show|…`` and the ``status`` report.

The single-instance server hands each request here. Queries (``status``,
``context``) are answered at once; commands are answered first and carried out
right after, so the caller (often a key binding) need not wait for a window to be
mapped and focused; requests (:data:`ipc.REQUESTS`, such as ``add_content``) are
carried out first, and the answer says how it went.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, QTimer

from jitl_desktop import __version__, ipc
from jitl_desktop.errors import JitlError

log = logging.getLogger(__name__)

#: carries out one command, with the keys of the request that :data:`ipc.ACTIONS` names
Action = Callable[..., object]
#: carries out one request and returns what to answer; raises JitlError when it cannot
Request = Callable[..., dict[str, Any]]


class ControlService(QObject):
    """Answers the running app's control requests."""

    def __init__(self, *, actions: Mapping[str, Action],
                 report: Mapping[str, Callable[[], Any]],
                 requests: Mapping[str, Request] | None = None,
                 parent: QObject | None = None) -> None:
        """``actions`` carry out the commands of :data:`ipc.ACTIONS`, ``requests`` those
        of :data:`ipc.REQUESTS` (one missing is answered as not available); ``report``
        gives each part of the status report (``overlay``, ``hotkey``…) when asked."""
        super().__init__(parent)
        missing = set(ipc.ACTIONS) - set(actions)
        if missing:
            raise ValueError(f"no action for {', '.join(sorted(missing))}")
        self._actions = dict(actions)
        self._requests = dict(requests or {})
        self._report = dict(report)

    def handle(self, message: dict[str, Any]) -> dict[str, Any]:
        command = message["command"]
        if command == "status":
            return {"status": self.status()}
        if command == "context":
            return {"context": self._report["context"]()}
        if command in ipc.REQUESTS:
            return self._carry_out(command, message)
        action = self._actions[command]
        given = {k: message[k] for k in ipc.ACTIONS[command] if message.get(k) is not None}
        QTimer.singleShot(0, lambda: action(**given))
        return {}

    def _carry_out(self, command: str, message: dict[str, Any]) -> dict[str, Any]:
        request = self._requests.get(command)
        if request is None:
            return {"ok": False, "error": f"this JITL Desktop cannot do {command}"}
        given = {k: message[k] for k in ipc.REQUESTS[command] if message.get(k) is not None}
        try:
            return request(**given)
        except JitlError as exc:
            log.warning("%s refused: %s", command, exc)
            return {"ok": False, "error": str(exc)}
        except TypeError as exc:  # a key it needs is missing
            return {"ok": False, "error": f"bad request: {exc}"}

    def status(self) -> dict[str, Any]:
        """What ``jitl-desktop status --json`` prints (ARCHITECTURE.md's contract)."""
        report: dict[str, Any] = {"pid": os.getpid(), "version": __version__}
        for name, part in self._report.items():
            report[name] = part()
        return report
