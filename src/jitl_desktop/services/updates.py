"""Keeps the signed content packs up to date while the app runs.

At start (after a short random delay) and then every ``content_update_hours`` (give or
take a tenth, so thousands of desktops do not arrive at once), a background thread runs
the same update as ``jitl-desktop update``. When a pack was installed, changed or
removed, the content roots are resolved again, which asks the index worker for an
update: the index's own commit makes the new items searchable, and search answers from
the previous content until then. A failure keeps the last good packs and is logged.
"""

from __future__ import annotations

import logging
import random
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from jitl_desktop.core.packs import UpdateError
from jitl_desktop.core.packs.state import status
from jitl_desktop.paths import Paths
from jitl_desktop.services.content import ContentRoots
from jitl_desktop.services.settings import SettingsController
from jitl_desktop.services.worker import Outlet

if TYPE_CHECKING:  # python-tuf is loaded only where a content repository is configured
    from jitl_desktop.core.packs.update import PackUpdater

log = logging.getLogger(__name__)

#: the first check comes within this many seconds of the start
START_JITTER_S = 20.0
#: each later one after ``content_update_hours``, give or take this fraction
JITTER = 0.1
#: what the tray's tooltip and the search window say when the packs may be out of date
STALE_NOTICE = "Content may be out of date"


class ContentUpdates(QObject):
    """Signals:
        notice_changed(str): STALE_NOTICE when the packs may be out of date, else "".
        checked(object): after each check: the UpdateResult, or the UpdateError.
    """

    notice_changed = Signal(str)
    checked = Signal(object)
    _done = Signal(object)

    def __init__(self, paths: Paths, settings: SettingsController, roots: ContentRoots, *,
                 start_delay_s: float | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._roots = roots
        self._repository = str(settings.get("content_repository") or "")
        self._hours = float(settings.get("content_update_hours"))
        self._updater: PackUpdater | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._out = Outlet()
        self._notice = ""
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.check_now)
        self._done.connect(self._on_done)
        if not self._repository:
            return
        from jitl_desktop.core.packs.update import from_settings

        try:
            self._updater = from_settings(paths.packs_dir, settings.settings)
        except UpdateError as exc:
            log.warning("content packs: %s", exc)
            return
        delay = random.uniform(0, START_JITTER_S) if start_delay_s is None else start_delay_s
        self._timer.start(round(delay * 1000))

    def status(self) -> dict[str, Any]:
        """The ``content_updates`` object of ``status --json``."""
        report = status(self._paths.packs_dir, self._repository)
        report["checking"] = self._thread is not None and self._thread.is_alive()
        return report

    @Slot()
    def check_now(self) -> None:
        if self._updater is None or self._stopping or (
                self._thread is not None and self._thread.is_alive()):
            return
        self._thread = threading.Thread(target=self._run, args=(self._updater,),
                                        name="jitl-packs", daemon=True)
        self._thread.start()

    def _run(self, updater: PackUpdater) -> None:
        outcome: object
        try:
            outcome = updater.update()
        except UpdateError as exc:
            log.warning("content packs not updated: %s", exc)
            outcome = exc
        except Exception as exc:  # a barrier: the thread must say it ended
            log.exception("content packs: the update failed")
            outcome = UpdateError(f"the update failed: {exc}")
        self._out.emit(self._done, outcome)

    @Slot(object)
    def _on_done(self, outcome: object) -> None:
        if self._stopping:
            return
        from jitl_desktop.core.packs.update import UpdateResult

        if isinstance(outcome, UpdateResult) and (outcome.installed or outcome.removed):
            log.info("content packs: %s", outcome.packs)
            self._roots.reload()
        notice = STALE_NOTICE if self.status()["stale"] else ""
        if notice != self._notice:
            self._notice = notice
            self.notice_changed.emit(notice)
        self.checked.emit(outcome)
        hours = self._hours * random.uniform(1 - JITTER, 1 + JITTER)
        self._timer.start(round(hours * 3_600_000))

    def stop(self) -> None:
        self._out.close()
        self._stopping = True
        self._timer.stop()
        if self._thread is not None:
            self._thread.join(timeout=5)
