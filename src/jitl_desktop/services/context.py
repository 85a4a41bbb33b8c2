"""The context: which application the user works in, named through the app catalog.

The platform monitor reports raw windows; this controller names them (``xterm`` →
the catalog's XTerm, in the Terminal category), keeps detection on or off as the
settings say, and describes the context for ``status`` and ``context --json``.
Nothing here is stored or sent anywhere.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject

from jitl_desktop.core.apps import ActiveApp, Catalog
from jitl_desktop.platform.active_window import ActiveWindowMonitor

log = logging.getLogger(__name__)


def describe(app: ActiveApp | None, monitor: ActiveWindowMonitor) -> dict[str, Any]:
    """The ``context`` object of ``status --json`` and ``context --json``."""
    return {"app": (app.app_id or app.process or app.wm_class or None) if app else None,
            "name": (app.name or None) if app else None,
            "categories": list(app.categories) if app else [],
            "process": (app.process or None) if app else None,
            "wm_class": (app.wm_class or None) if app else None,
            "title": (app.title or None) if app else None,
            "bundle_id": (app.bundle_id or None) if app else None,
            "pid": app.pid if app else None,
            "exe": (app.exe or None) if app else None,
            "elevated": app.elevated if app else False,
            "geometry": list(app.geometry) if app and app.geometry else None,
            "backend": monitor.backend, "available": monitor.available,
            "reason": monitor.reason, "paused": monitor.paused,
            "changed_at": monitor.changed_at}


class ContextController(QObject):
    """The application in front, named through the catalog, with detection switched on
    and off by the settings."""

    def __init__(self, monitor: ActiveWindowMonitor, catalog: Catalog,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.monitor = monitor
        self.catalog = catalog
        self._named: ActiveApp | None = None

    def start(self, enabled: bool) -> None:
        self.monitor.set_paused(not enabled)
        self.monitor.start()
        if self.reason:
            log.info("context unavailable: %s", self.reason)

    def set_enabled(self, enabled: object) -> None:
        enabled = bool(enabled)
        self.monitor.set_paused(not enabled)
        if not enabled:
            self._named = None

    @property
    def enabled(self) -> bool:
        return not self.monitor.paused

    def current(self) -> ActiveApp | None:
        """The application in front (never this app's own windows), named."""
        raw = self.monitor.current()
        if raw is None:
            return None
        named = self._named
        if named is None or named.pid != raw.pid or named.process != raw.process \
                or named.title != raw.title or named.wm_class != raw.wm_class \
                or named.geometry != raw.geometry:
            named = self._named = self.catalog.identify(raw)
        return named

    @property
    def available(self) -> bool:
        return self.monitor.available

    @property
    def reason(self) -> str | None:
        """Why there can be no context here (None where it works)."""
        return None if self.monitor.available else self.monitor.reason

    def status(self) -> dict[str, Any]:
        return describe(self.current(), self.monitor)

    def stop(self) -> None:
        self.monitor.stop()
