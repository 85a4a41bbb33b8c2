"""Start at login, behind one small interface with a null backend.

``pick()`` chooses a Desktop Entry in the XDG autostart folder on Linux and the
other free Unix desktops, a value of the ``Run`` registry key on Windows, a
launchd agent on macOS, and otherwise the null backend, which says why.

This module imports no Qt: the command line uses it too.
"""

from __future__ import annotations

import importlib
import logging
import os
import plistlib
import shutil
import subprocess
import sys
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jitl_desktop.core.files import write_atomic
from jitl_desktop.errors import JitlError

log = logging.getLogger(__name__)

#: the name of the installed console script
SCRIPT = "jitl-desktop"
#: the name shown in every autostart list
DISPLAY_NAME = "JITL Desktop"


class AutostartError(JitlError):
    """Start at login cannot be turned on or off (what failed and where)."""


def launch_command() -> list[str]:
    """How to start this program at login, as absolute program path and arguments.

    In order: the launcher a system package's wrapper names (``JITL_LAUNCHER``, an
    absolute path to an existing file: the Debian package's /usr/bin/jitl-desktop);
    a frozen (PyInstaller) bundle is its own executable; the installed
    ``jitl-desktop`` script when the running program was started through it
    (``sys.argv[0]``); the ``jitl-desktop`` found on ``PATH``; else this Python
    with ``-m jitl_desktop``.
    """
    launcher = os.environ.get("JITL_LAUNCHER", "")
    if os.path.isabs(launcher) and os.path.isfile(launcher):
        return [launcher]
    if getattr(sys, "frozen", False):
        return [os.path.abspath(sys.executable)]
    argv0 = sys.argv[0] if sys.argv else ""
    if argv0:
        started = Path(argv0)
        # the Windows launcher may report the script without its .exe
        for candidate in (started, started.with_name(started.name + ".exe")):
            if candidate.name.lower() in (SCRIPT, SCRIPT + ".exe") and candidate.is_file():
                return [os.path.abspath(candidate)]
    found = shutil.which(SCRIPT)
    if found:
        return [os.path.abspath(found)]
    return [os.path.abspath(sys.executable), "-m", "jitl_desktop"]


class Autostart(ABC):
    """Whether this program starts when the user logs in, and the switch for it.

    Attributes:
        backend: ``xdg``, ``windows-run-key``, ``launch-agent`` or ``none``.
        problem: why start at login cannot work here (the null backend), else None.
        command: the program and arguments an enabled entry runs.
    """

    backend = "none"

    def __init__(self, command: Sequence[str]) -> None:
        self.command = list(command)
        self.problem: str | None = None

    @abstractmethod
    def enabled(self) -> bool:
        """True when the program will start at the next login."""

    @abstractmethod
    def set_enabled(self, on: bool) -> None:
        """Turn start at login on or off; raise AutostartError when that fails."""

    @abstractmethod
    def location(self) -> str:
        """Where the entry lives (for the settings dialog and ``diagnose``)."""

    def machine_wide(self) -> str | None:
        """Where an entry for every user lives, when the organisation installed one (it
        starts the program whatever the user's own switch says), else None."""
        return None

    def status(self) -> dict[str, Any]:
        """The state in one dictionary (for ``diagnose`` and ``status --json``)."""
        return {"backend": self.backend, "enabled": self.enabled(),
                "location": self.location(), "problem": self.problem,
                "machine_wide": self.machine_wide()}


class NullAutostart(Autostart):
    """No start at login here: ``problem`` says why, and turning it on fails."""

    backend = "none"

    def __init__(self, why: str, command: Sequence[str] = ()) -> None:
        super().__init__(command)
        self.problem = why

    def enabled(self) -> bool:
        return False

    def set_enabled(self, on: bool) -> None:
        raise AutostartError(f"cannot turn {'on' if on else 'off'} start at login: "
                             f"{self.problem}")

    def location(self) -> str:
        return ""


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


# --- XDG (Linux, the BSDs and other free desktops) ------------------------------------

#: Characters that make the Desktop Entry spec require quoting an Exec argument.
_EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
#: Characters escaped with a backslash inside a quoted Exec argument.
_EXEC_ESCAPED = frozenset("\"`$\\")
_TRUE = ("true", "1")
_FALSE = ("false", "0")


def desktop_string(value: str) -> str:
    r"""Escape ``value`` as a Desktop Entry string value (``\\``, ``\n``, ``\t``, ``\r``)."""
    return (value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
            .replace("\r", "\\r"))


def exec_quote(arg: str) -> str:
    """One argument of an ``Exec`` command line, quoted per the Desktop Entry spec.

    An argument with a reserved character (or an empty one) goes in double quotes,
    with ``"``, `````, ``$`` and ``\\`` escaped by a backslash; ``%`` is doubled so
    it is not read as a field code. The string escapes of :func:`desktop_string`
    still apply on top (they are undone first by readers): see :func:`exec_line`.
    """
    text = arg.replace("%", "%%")
    if arg and not any(c in _EXEC_RESERVED for c in arg):
        return text
    return '"' + "".join("\\" + c if c in _EXEC_ESCAPED else c for c in text) + '"'


def exec_line(command: Sequence[str]) -> str:
    """The value of an ``Exec`` key running ``command``, ready to write into the file."""
    return desktop_string(" ".join(exec_quote(arg) for arg in command))


def read_desktop_entry(path: Path) -> dict[str, str] | None:
    """The keys of the ``[Desktop Entry]`` group of ``path``, or None when the file is
    missing, unreadable or has no such group.

    Comments, blank lines and other groups are skipped; values keep their string
    escapes (the keys read here need none).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("cannot read the autostart entry %s: %s", path, exc)
        return None
    group: str | None = None
    keys: dict[str, str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1]
            if group == "Desktop Entry" and keys is None:
                keys = {}
            continue
        if group == "Desktop Entry" and keys is not None and "=" in line:
            key, _, value = line.partition("=")
            keys[key.strip()] = value.strip()
    return keys


def _entry_active(keys: dict[str, str]) -> bool:
    """An entry that starts the program (not Hidden, not switched off for GNOME)."""
    hidden = keys.get("Hidden", "false").lower() in _TRUE
    gnome_off = keys.get("X-GNOME-Autostart-enabled", "true").lower() in _FALSE
    return not hidden and not gnome_off


class XdgAutostart(Autostart):
    """A Desktop Entry in the user's autostart folder (Desktop Application Autostart spec).

    Folders come from the environment as the XDG Base Directory spec defines them,
    not from platformdirs: the user's is ``$XDG_CONFIG_HOME/autostart`` (default
    ``~/.config``), the system's are ``$XDG_CONFIG_DIRS/*/autostart`` (default
    ``/etc/xdg``); relative values are ignored, as the spec says. Both can be given
    instead (tests).

    The user file overrides every system file of the same name. A system entry (an
    administrator's package may install one) therefore counts as enabled until the
    user file hides it with ``Hidden=true``; turning start at login back on then
    removes that user file, so the administrator's entry applies again.
    """

    backend = "xdg"
    FILE_NAME = "jitl-desktop.desktop"

    def __init__(self, command: Sequence[str], *, config_home: Path | None = None,
                 config_dirs: Sequence[Path] | None = None) -> None:
        super().__init__(command)
        if config_home is None:
            env = os.environ.get("XDG_CONFIG_HOME", "")
            config_home = Path(env) if os.path.isabs(env) else Path.home() / ".config"
        if config_dirs is None:
            parts = os.environ.get("XDG_CONFIG_DIRS", "") or "/etc/xdg"
            config_dirs = [Path(p) for p in parts.split(os.pathsep) if os.path.isabs(p)]
        self.user_file = config_home / "autostart" / self.FILE_NAME
        self.system_files = [d / "autostart" / self.FILE_NAME for d in config_dirs]

    def system_entry(self) -> tuple[Path, dict[str, str]] | None:
        """The most important system-wide entry and its keys, if there is one."""
        for path in self.system_files:
            keys = read_desktop_entry(path)
            if keys is not None:
                return path, keys
        return None

    def enabled(self) -> bool:
        keys = read_desktop_entry(self.user_file)
        if keys is None:
            system = self.system_entry()
            if system is None:
                return False
            keys = system[1]
        return _entry_active(keys)

    def location(self) -> str:
        return str(self.user_file)

    def entry(self, *, hidden: bool = False) -> str:
        """The text of the user's Desktop Entry (``hidden``: one that turns it off)."""
        lines = [
            "[Desktop Entry]",
            "Type=Application",
            f"Name={DISPLAY_NAME}",
            "Comment=Press a hotkey, type two words, get the right bite-sized answer",
            f"Exec={exec_line(self.command)}",
            f"TryExec={desktop_string(self.command[0])}",
            "Icon=jitl-desktop",
            "Terminal=false",
            "NoDisplay=false",
            f"X-GNOME-Autostart-enabled={'false' if hidden else 'true'}",
        ]
        if hidden:
            lines.append("Hidden=true")
        return "\n".join(lines) + "\n"

    def set_enabled(self, on: bool) -> None:
        system = self.system_entry()
        text: str | None  # what the user file must hold; None: no user file
        if on:
            # an active system entry applies once no user file hides it
            text = None if system is not None and _entry_active(system[1]) else self.entry()
        else:
            # a user file can only turn a system entry off by hiding it
            text = self.entry(hidden=True) if system is not None else None
        try:
            if text is None:
                self.user_file.unlink(missing_ok=True)
            else:
                write_atomic(self.user_file, text, mode=0o644)
        except OSError as exc:
            raise AutostartError(
                f"cannot turn {'on' if on else 'off'} start at login: cannot "
                f"{'remove' if text is None else 'write'} {self.user_file} "
                f"({_reason(exc)})") from exc


# --- Windows ----------------------------------------------------------------------

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
                f"{'write' if on else 'delete'} {where} ({_reason(exc)})") from exc
        try:
            self._delete(self.APPROVED_KEY)
        except OSError as exc:
            if on:  # a flag left from Task Manager would keep it off
                raise AutostartError(
                    "cannot turn on start at login: cannot clear the Task Manager flag "
                    f'HKEY_CURRENT_USER\\{self.APPROVED_KEY} value "{self.VALUE}" '
                    f"({_reason(exc)})") from exc
            log.warning("cannot delete the StartupApproved value: %s", exc)

    def location(self) -> str:
        return f'HKEY_CURRENT_USER\\{self.RUN_KEY} value "{self.VALUE}"'


# --- macOS ------------------------------------------------------------------------

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
                f"{'write' if on else 'remove'} {self.plist_file} ({_reason(exc)})") from exc

    def location(self) -> str:
        return str(self.plist_file)


#: platforms (``sys.platform`` prefixes) with no way to start at login that we know of
_UNSUPPORTED = ("cygwin", "msys", "emscripten", "wasi", "ios", "android")


def pick(command: list[str] | None = None, *, system: str | None = None) -> Autostart:
    """The backend for ``system`` (default ``sys.platform``), starting ``command``
    (default :func:`launch_command`)."""
    system = system or sys.platform
    cmd = command if command is not None else launch_command()
    if not cmd:
        return NullAutostart("there is no command to start at login")
    if system == "win32":
        return WindowsAutostart(cmd)
    if system == "darwin":
        return LaunchAgentAutostart(cmd)
    if system.startswith(_UNSUPPORTED):
        return NullAutostart(f"start at login is not supported on {system}", cmd)
    return XdgAutostart(cmd)
