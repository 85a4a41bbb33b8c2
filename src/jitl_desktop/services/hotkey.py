"""The global hotkey as the app uses it: grab it, change it, say what is wrong once.

The platform backend grabs the keys and knows its own problem; this controller
turns that into what the user sees (the tray tooltip, one notice) and serves the
settings (a new combination is grabbed before it is saved).
"""

from __future__ import annotations

import logging
import sys
from typing import Any, TextIO

from PySide6.QtCore import QObject, Signal, Slot

from jitl_desktop.core.notices import WELCOME, Notices
from jitl_desktop.platform.hotkey import HotkeyBackend
from jitl_desktop.services.words import fill, shown_combo

log = logging.getLogger(__name__)


class HotkeyController(QObject):
    """Signals:
        pressed(): the hotkey was pressed.
        tooltip_changed(str): what the tray icon's tooltip should say.
        notice_needed(str, str): a title and text to show the user once (where no
            global hotkey can work).
        welcomed(str, str): a title and text to show once, on the first run: which key
            opens the search and where the tray icon is (shown by the tray, or where
            there is no tray, in the search window itself).
    """

    pressed = Signal()
    tooltip_changed = Signal(str)
    notice_needed = Signal(str, str)
    welcomed = Signal(str, str)

    def __init__(self, backend: HotkeyBackend, *, notices: Notices,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self._notices = notices
        #: one-time messages shown in this run (for ``status``)
        self.told: list[str] = []
        backend.pressed.connect(self.pressed)

    @property
    def problem(self) -> str | None:
        return self.backend.problem

    def start(self, combo: str, *, tray: bool = True, stderr: TextIO | None = None) -> None:
        """Grab ``combo``; say what is wrong once; on the first run, welcome the user
        (``tray``: whether there is a tray icon). Started from a terminal (``stderr``, by
        default ``sys.stderr``, is one), a line there says how to search."""
        self.backend.start(combo)
        self._report()
        self._tell_once()
        text = self.welcome_text(tray)
        stream = sys.stderr if stderr is None else stderr
        if stream is not None and stream.isatty():
            print(self.tr("JITL Desktop is running.") + " " + text, file=stream, flush=True)
        # where the hotkey does not work its notice (just told) is the first message
        if self._notices.first_time(WELCOME) and not self.told:
            self.told.append(text)
            self.welcomed.emit(self.tr("JITL Desktop is running"), text)

    def welcome_text(self, tray: bool) -> str:
        """Which key opens the search, and where the app lives."""
        how = (self.tr("Press {combo} in any application to search.").format(
                   combo=shown_combo(self.backend.combo)) if self.problem is None
               else self.tr("There is no global hotkey here: 'jitl-desktop toggle' opens "
                            "the search."))
        where = (self.tr("The JITL Desktop icon in the system tray opens the library, "
                         "settings and more.") if tray else
                 self.tr("There is no system tray here; the library and settings are "
                         "'jitl-desktop library' and 'jitl-desktop settings'."))
        return f"{how} {where}"

    def rebind(self, combo: str) -> str | None:
        """Grab ``combo`` instead of the current hotkey (a settings applier): None when
        it works, else why not, with the old combination still grabbed."""
        problem = self.backend.rebind(combo)
        if problem is None:
            self._report()
        return problem

    def release_keys(self) -> str:
        """Stop catching what is typed after the hotkey; the text caught."""
        return self.backend.release_keys()

    def tooltip(self) -> str:
        return "JITL Desktop — " + (self.problem or fill(
            self.tr("press %1 to search"), shown_combo(self.backend.combo)))

    @Slot()
    def retranslate(self) -> None:
        """Another language: the tooltip again."""
        self.tooltip_changed.emit(self.tooltip())

    def _report(self) -> None:
        if self.problem:
            log.warning("hotkey: %s", self.problem)
        self.tooltip_changed.emit(self.tooltip())

    def _tell_once(self) -> None:
        """Where no global hotkey can work, say once how to get one (the tooltip and
        ``diagnose`` keep saying it)."""
        problem = self.problem
        if problem and self._notices.first_time(f"hotkey:{self.backend.name}:{problem}"):
            self.told.append(problem)
            self.notice_needed.emit(self.tr("JITL Desktop has no global hotkey"), problem)

    def status(self) -> dict[str, Any]:
        return self.backend.status()

    def stop(self) -> None:
        self.backend.stop()
