"""Start at login on Windows: a value of the current user's ``Run`` registry key."""

from __future__ import annotations

import importlib
import logging
import subprocess
from collections.abc import Sequence
from typing import Any

from jitl_desktop.platform.autostart.base import (
    DISPLAY_NAME,
    Autostart,
    AutostartError,
    os_reason,
)

log = logging.getLogger(__name__)


class WindowsAutostart(Autostart):
    """A value of the current user's ``Run`` registry key.

    Task Manager's Startup tab does not touch that value when the user disables the
    program there: it writes a binary value of the same name under
    ``Explorer\\StartupApproved\\Run`` whose first byte is 0x02 or 0x06 (enabled)
    or 0x03 or 0x07 (disabled). ``enabled()`` honours it; turning start at login on
    deletes it (absent means enabled), and so does turning it off (tidying up).

    ``registry`` is the ``winreg`` module (imported when first needed) or a stand-in
    with the same functions and constants.
    """

    backend = "windows-run-key"
    RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
    APPROVED_KEY = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
    VALUE = DISPLAY_NAME
    DISABLED_FLAGS = frozenset({0x03, 0x07})

    def __init__(self, command: Sequence[str], registry: Any = None) -> None:
        super().__init__(command)
        self._registry = registry

    @property
    def registry(self) -> Any:
        if self._registry is None:
            self._registry = importlib.import_module("winreg")
        return self._registry

    def command_line(self) -> str:
        """The data of the ``Run`` value: the command quoted as Windows parses it."""
        return subprocess.list2cmdline(self.command)

    def _query(self, sub_key: str) -> Any:
        """The data of our value under ``HKCU\\sub_key``, or None when there is none."""
        reg = self.registry
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, sub_key, 0, reg.KEY_QUERY_VALUE) as key:
                return reg.QueryValueEx(key, self.VALUE)[0]
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cannot read HKCU\\%s: %s", sub_key, exc)
            return None

    def machine_wide(self) -> str | None:
        reg = self.registry
        try:
            with reg.OpenKey(reg.HKEY_LOCAL_MACHINE, self.RUN_KEY, 0,
                             reg.KEY_QUERY_VALUE) as key:
                reg.QueryValueEx(key, self.VALUE)
        except OSError:  # (FileNotFoundError too) no machine-wide entry, or unreadable
            return None
        return f'HKEY_LOCAL_MACHINE\\{self.RUN_KEY} value "{self.VALUE}"'

    def enabled(self) -> bool:
        if self.machine_wide():
            return True
        if not self._query(self.RUN_KEY):
            return False
        approved = self._query(self.APPROVED_KEY)
        if isinstance(approved, bytes | bytearray) and approved:
            return approved[0] not in self.DISABLED_FLAGS
        return True

    def _delete(self, sub_key: str) -> None:
        reg = self.registry
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, sub_key, 0, reg.KEY_SET_VALUE) as key:
                reg.DeleteValue(key, self.VALUE)
        except FileNotFoundError:
            pass  # no key or no value: nothing to delete

    def set_enabled(self, on: bool) -> None:
        reg = self.registry
        where = self.location()
        try:
            if on:
                with reg.CreateKeyEx(reg.HKEY_CURRENT_USER, self.RUN_KEY, 0,
                                     reg.KEY_SET_VALUE) as key:
                    reg.SetValueEx(key, self.VALUE, 0, reg.REG_SZ, self.command_line())
            else:
                self._delete(self.RUN_KEY)
        except OSError as exc:
            raise AutostartError(
                f"cannot turn {'on' if on else 'off'} start at login: cannot "
                f"{'write' if on else 'delete'} {where} ({os_reason(exc)})") from exc
        try:
            self._delete(self.APPROVED_KEY)
        except OSError as exc:
            if on:  # a flag left from Task Manager would keep it off
                raise AutostartError(
                    "cannot turn on start at login: cannot clear the Task Manager flag "
                    f'HKEY_CURRENT_USER\\{self.APPROVED_KEY} value "{self.VALUE}" '
                    f"({os_reason(exc)})") from exc
            log.warning("cannot delete the StartupApproved value: %s", exc)

    def location(self) -> str:
        return f'HKEY_CURRENT_USER\\{self.RUN_KEY} value "{self.VALUE}"'
