"""Start at login on Linux and the other free desktops: a Desktop Entry in the XDG
autostart folder (Desktop Application Autostart spec)."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from jitl_desktop.core.files import write_atomic
from jitl_desktop.platform.autostart.base import (
    DISPLAY_NAME,
    Autostart,
    AutostartError,
    os_reason,
)

log = logging.getLogger(__name__)

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
                f"({os_reason(exc)})") from exc
