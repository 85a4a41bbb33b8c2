"""The settings as the running app uses them: change, apply, tell who needs to know.

A change goes through three steps: the value is checked, applied where it must
take effect outside the app before it counts (the hotkey is grabbed, the login
entry written), and only then saved. A change that cannot be applied is not
saved, and the message says why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from jitl_desktop.core.settings import BY_KEY, Setting, SettingError, Settings, coerce
from jitl_desktop.platform.autostart import Autostart, AutostartError
from jitl_desktop.services.words import fill

log = logging.getLogger(__name__)

#: applies a new value outside the app; returns None, or why it could not
Applier = Callable[[Any], "str | None"]


class SettingsController(QObject):
    """Signals:
        changed(str, object): a setting took a new value (key, value).
    """

    changed = Signal(str, object)

    def __init__(self, settings: Settings, autostart: Autostart,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.autostart = autostart
        self._appliers: dict[str, Applier] = {"autostart": self._apply_autostart}
        self._watchers: dict[str, list[Callable[[Any], object]]] = {}
        self._reconcile_autostart()

    @property
    def warnings(self) -> list[str]:
        return self.settings.warnings

    def declared(self, key: str) -> Setting:
        return BY_KEY[key]

    def get(self, key: str) -> Any:
        return self.settings.get(key)

    def locked(self, key: str) -> bool:
        return self.settings.locked(key)

    def source(self, key: str) -> str:
        return self.settings.source(key)

    def on_apply(self, key: str, applier: Applier) -> None:
        """Run ``applier`` with a new value of ``key`` before it is saved."""
        self._appliers[key] = applier

    def watch(self, key: str, follow: Callable[[Any], object]) -> None:
        """Call ``follow`` with each new value of ``key`` once it is saved."""
        self._watchers.setdefault(key, []).append(follow)

    def follow(self, *pairs: tuple[str, Callable[[Any], object]]) -> None:
        """For each ``(key, apply)``: apply the value now, then each new one."""
        for key, apply in pairs:
            apply(self.get(key))
            self.watch(key, apply)

    def set(self, key: str, value: Any) -> str | None:
        """Change a setting; return None when done, else a message for the user."""
        setting = BY_KEY.get(key)
        if setting is None:
            return fill(self.tr("there is no setting '%1'"), key)
        label = QCoreApplication.translate("settings", setting.label)
        if self.settings.locked(key):
            return fill(self.tr("%1 is managed by your organisation."), label)
        try:
            value = coerce(setting, value)
        except ValueError as exc:
            return f"{label}: {exc}"
        if value == self.settings.get(key) and key != "autostart":
            return None
        applier = self._appliers.get(key)
        if applier is not None:
            problem = applier(value)
            if problem:
                return problem
        try:
            stored = self.settings.set(key, value)
        except SettingError as exc:
            return str(exc)
        log.info("setting %s = %r", key, stored)
        for follow in self._watchers.get(key, []):
            follow(stored)
        self.changed.emit(key, stored)
        return None

    def _apply_autostart(self, on: bool) -> str | None:
        where = self.autostart.machine_wide()
        if where and not on:
            return fill(self.tr("Start at login is set for every user by your organisation "
                                "(%1); it cannot be turned off here."), where)
        try:
            self.autostart.set_enabled(on)
        except AutostartError as exc:
            return str(exc)
        return None

    def _reconcile_autostart(self) -> None:
        """The login entry lives in the OS, where the user may also change it. A policy
        value is enforced; otherwise the setting follows what the OS says."""
        if self.autostart.problem is not None or self.autostart.machine_wide():
            return
        wanted = self.settings.get("autostart")
        try:
            actual = self.autostart.enabled()
            if self.settings.locked("autostart"):
                if actual != wanted:
                    self.autostart.set_enabled(wanted)
            elif actual != wanted:
                self.settings.set("autostart", actual)
        except (AutostartError, SettingError) as exc:
            log.warning("start at login: %s", exc)
