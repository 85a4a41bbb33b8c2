"""The hotkey interface every backend implements, and the null backend.

A backend owns its state: ``combo``, ``active`` and ``problem`` are read-only from
outside and change only through :meth:`HotkeyBackend.start`, :meth:`~HotkeyBackend.stop`
and :meth:`~HotkeyBackend.rebind`. A backend implements :meth:`~HotkeyBackend._listen`
(returning why it cannot listen, or None) and :meth:`~HotkeyBackend._release`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

DEFAULT_COMBO = "<ctrl>+<alt>+<space>"

WAYLAND_HELP = (
    "Global hotkeys are not available here ({why}). Bind the command "
    "'jitl-desktop toggle' to a key in your desktop's keyboard settings "
    "(GNOME: Settings → Keyboard → View and Customize Shortcuts → Custom Shortcuts; "
    "KDE: System Settings → Shortcuts → Add New → Command or Script).")


class HotkeyBackend(QObject):
    """Reports presses of one key combination.

    Signals:
        pressed(): the combination was pressed (delivered on the GUI thread).
    """

    pressed = Signal()
    #: which backend this is (``status()["backend"]``); ``none`` for the null backend
    name = "none"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._combo = DEFAULT_COMBO
        self._active = False
        self._problem: str | None = None

    @property
    def combo(self) -> str:
        """The combination last asked for (listened for when :attr:`active`)."""
        return self._combo

    @property
    def active(self) -> bool:
        """Whether presses of :attr:`combo` are reported now."""
        return self._active

    @property
    def problem(self) -> str | None:
        """Why the hotkey does not work, for the user; None when it works (or was not
        started yet)."""
        return self._problem

    def start(self, combo: str) -> None:
        """Listen for ``combo`` (``<ctrl>+<alt>+<space>``), after ending any earlier
        listening. When that fails :attr:`problem` says why and :attr:`active` is False."""
        self.stop()
        self._combo = combo
        self._problem = self._listen(combo)
        self._active = self._problem is None

    def stop(self) -> None:
        """Stop listening and give back every OS resource (:meth:`start` may follow).
        :attr:`problem` stays as it was."""
        self._release()
        self._active = False

    def rebind(self, combo: str) -> str | None:
        """Listen for ``combo`` instead of the current combination.

        Returns None when ``combo`` works. When it does not, the previous combination
        is listened for again and the reason ``combo`` failed is returned; then
        :attr:`combo` is the previous one again, and :attr:`problem` is about it (None
        when it works again).
        """
        old = self._combo
        self.start(combo)
        failed = self._problem
        if failed is None:
            return None
        self.start(old)
        return failed

    def _listen(self, combo: str) -> str | None:
        """Begin reporting presses of ``combo``; return why that cannot be done, or
        None when it is done (backends implement this)."""
        return None

    def _release(self) -> None:
        """End what :meth:`_listen` began, if anything (backends implement this; it is
        also called when nothing was begun)."""

    def release_keys(self) -> str:
        """End the catch of keys typed right after the hotkey; return their text."""
        return ""

    def status(self) -> dict[str, Any]:
        return {"combo": self.combo, "backend": self.name, "active": self.active,
                "problem": self.problem}


class NullHotkey(HotkeyBackend):
    """No global hotkey: the app stays usable through the tray, the CLI and a binding.

    :attr:`problem` always says why (from creation on) and how to bind a key in the
    desktop's settings instead; :meth:`rebind` keeps the combination asked for (for
    the status and a later session where a hotkey can work) and returns None, as
    choosing a combination did not fail.
    """

    def __init__(self, why: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._problem = WAYLAND_HELP.format(why=why)

    def _listen(self, combo: str) -> str | None:
        return self._problem

    def rebind(self, combo: str) -> str | None:
        self.start(combo)
        return None
