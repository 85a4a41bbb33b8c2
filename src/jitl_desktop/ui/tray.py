"""The tray icon and its menu. Render and emit: the entries come from a provider."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from jitl_desktop.services.menu import MenuEntry
from jitl_desktop.ui.icons import icon as drawn

#: the ``tray`` object of ``status --json`` where there is no tray
NO_TRAY = {"available": False, "visible": False,
           "note": "no system tray here: use the hotkey or 'jitl-desktop show'"}


class Tray(QObject):
    """Tray icon whose menu is rebuilt each time it opens.

    Signals:
        clicked(): left click on the icon.
    """

    clicked = Signal()

    def __init__(self, icon: QIcon, entries: Callable[[], list[MenuEntry]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries = entries
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip("JITL Desktop")
        self._tooltip, self._notice = "JITL Desktop", ""
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.menu.aboutToShow.connect(self.on_about_to_show)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._on_activated)
        self.on_about_to_show()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    def set_tooltip(self, text: str) -> None:
        self._tooltip = text
        self.icon.setToolTip("\n".join(filter(None, [text, self._notice])))

    def set_notice(self, text: str) -> None:
        """A line under the tooltip ("Content may be out of date"), or none."""
        self._notice = text
        self.set_tooltip(self._tooltip)

    def notify(self, title: str, text: str) -> None:
        self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 10000)

    def status(self) -> dict[str, Any]:
        rect = self.icon.geometry()
        return {"available": True, "visible": self.icon.isVisible(),
                "geometry": [rect.x(), rect.y(), rect.width(), rect.height()]}

    @Slot()
    def on_about_to_show(self) -> None:
        self.menu.clear()
        _fill(self.menu, self._entries())

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.clicked.emit()


def _fill(menu: QMenu, entries: list[MenuEntry]) -> None:
    for entry in entries:
        if entry.separator:
            menu.addSeparator()
        elif entry.children is not None:
            sub = menu.addMenu(entry.label)
            if entry.icon:
                sub.setIcon(drawn(entry.icon))
            if entry.children:
                _fill(sub, entry.children)
            else:
                sub.setEnabled(False)
        else:
            action = QAction(entry.label, menu)
            if entry.icon:
                action.setIcon(drawn(entry.icon))
            action.setEnabled(entry.action is not None)
            if entry.checked is not None:
                action.setCheckable(True)
                action.setChecked(entry.checked)
            if entry.action is not None:
                callback = entry.action
                action.triggered.connect(lambda _checked=False, run=callback: run())
            menu.addAction(action)
