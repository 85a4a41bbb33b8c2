"""The global hotkey, behind one small interface with a null backend.

``pick()`` chooses pynput where it can work (X11 with the RECORD extension,
Windows, macOS) and otherwise the null backend, which says why and tells the
user how to bind ``jitl-desktop toggle`` in the desktop's own keyboard settings
(the way in on Wayland).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

DEFAULT_COMBO = "<ctrl>+<alt>+<space>"
READY_TIMEOUT = 3.0

WAYLAND_HELP = (
    "Global hotkeys are not available here ({why}). Bind the command "
    "'jitl-desktop toggle' to a key in your desktop's keyboard settings "
    "(GNOME: Settings → Keyboard → View and Customize Shortcuts → Custom Shortcuts; "
    "KDE: System Settings → Shortcuts → Add New → Command or Script).")


def display_server() -> str:
    """``x11``, ``wayland``, ``windows``, ``macos`` or ``none``."""
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    if os.environ.get("WAYLAND_DISPLAY") or os.environ.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland"
    if os.environ.get("DISPLAY"):
        return "x11"
    return "none"


def display_combo(combo: str) -> str:
    """``<ctrl>+<alt>+<space>`` → ``Ctrl+Alt+Space``."""
    return "+".join(part.strip("<>").capitalize() for part in combo.split("+"))


class HotkeyBackend(QObject):
    """Reports presses of one key combination.

    Signals:
        pressed(): the combination was pressed (delivered on the GUI thread).
    """

    pressed = Signal()
    name = "none"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.combo = DEFAULT_COMBO
        self.active = False
        self.problem: str | None = None

    def start(self, combo: str) -> None:
        self.combo = combo

    def stop(self) -> None:
        self.active = False

    def release_keys(self) -> str:
        """End the catch of keys typed right after the hotkey; return their text."""
        return ""

    def status(self) -> dict[str, Any]:
        return {"combo": self.combo, "backend": self.name, "active": self.active,
                "problem": self.problem}


class NullHotkey(HotkeyBackend):
    """No global hotkey: the app stays usable through the tray, the CLI and a binding."""

    def __init__(self, why: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.problem = WAYLAND_HELP.format(why=why)


class PynputHotkey(HotkeyBackend):
    name = "pynput"

    def __init__(self, server: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = f"pynput-{server}"
        self._listener: Any = None
        self._catcher: X11KeyCatcher | None = X11KeyCatcher() if server == "x11" else None

    def _on_hotkey(self) -> None:
        # Runs on pynput's thread within a few ms of the press: catch the keys typed
        # next before the window manager has given the overlay the focus.
        if self._catcher is not None:
            self._catcher.grab()
        self.pressed.emit()

    def release_keys(self) -> str:
        return self._catcher.release() if self._catcher is not None else ""

    def start(self, combo: str) -> None:
        super().start(combo)
        from pynput import keyboard  # needs a display: imported only here

        try:
            self._listener = keyboard.GlobalHotKeys({combo: self._on_hotkey})
        except ValueError as exc:
            self.problem = f"'{combo}' is not a key combination pynput understands: {exc}"
            log.error("%s", self.problem)
            return
        self._listener.daemon = True
        self._listener.start()
        # Wait until the listener really listens, so a press right after start-up is
        # not lost (pynput's wait() has no timeout: wait for it on a helper thread).
        waiter = threading.Thread(target=self._listener.wait, daemon=True)
        waiter.start()
        waiter.join(READY_TIMEOUT)
        if waiter.is_alive():
            self.problem = f"the hotkey listener did not start within {READY_TIMEOUT:.0f} s"
            log.error("%s", self.problem)
            return
        self.active = True
        conflict = x11_grab_conflict(combo) if self.name.endswith("x11") else None
        if conflict:
            self.problem = conflict
            log.warning("%s", conflict)

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
        if self._catcher is not None:
            self._catcher.release()
        super().stop()


class X11KeyCatcher:
    """Grabs the keyboard for the moment between the hotkey and the overlay taking
    the focus, and keeps what was typed, so no first keystroke lands in the window
    the user was in. Gives up after GRAB_LIMIT seconds whatever happens."""

    GRAB_LIMIT = 1.0

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._text: list[str] = []
        self._display: Any = None
        self._thread: threading.Thread | None = None
        self._until = 0.0

    def grab(self) -> None:
        from Xlib import X
        from Xlib import display as xdisplay

        with self._lock:
            if self._display is not None:
                return
            try:
                dpy = xdisplay.Display()
                status = dpy.screen().root.grab_keyboard(
                    True, X.GrabModeAsync, X.GrabModeAsync, X.CurrentTime)
            except Exception as exc:  # no grab, no harm: keys go where they went
                log.debug("keyboard grab failed: %s", exc)
                return
            if status != X.GrabSuccess:
                dpy.close()
                return
            self._display = dpy
            self._text = []
            self._until = time.monotonic() + self.GRAB_LIMIT
            self._thread = threading.Thread(target=self._read, args=(dpy,), daemon=True)
            self._thread.start()

    def _read(self, dpy: Any) -> None:
        from Xlib import XK, X

        while time.monotonic() < self._until:
            if not dpy.pending_events():
                time.sleep(0.002)
                continue
            event = dpy.next_event()
            if event.type != X.KeyPress:
                continue
            if event.state & (X.ControlMask | X.Mod1Mask | X.Mod4Mask):
                continue
            index = 1 if event.state & X.ShiftMask else 0
            keysym = dpy.keycode_to_keysym(event.detail, index)
            name = XK.keysym_to_string(keysym)
            text = " " if name == "space" else name
            if text and len(text) == 1 and text.isprintable():
                with self._lock:
                    if self._display is dpy:
                        self._text.append(text)
        self.release()

    def release(self) -> str:
        from Xlib import X

        with self._lock:
            dpy, self._display = self._display, None
            text, self._text = "".join(self._text), []
        if dpy is not None:
            try:
                dpy.ungrab_keyboard(X.CurrentTime)
                dpy.flush()
                dpy.close()
            except Exception as exc:  # the connection may already be gone
                log.debug("keyboard ungrab: %s", exc)
        return text


def x11_has_record() -> tuple[bool, str]:
    """Whether the X server has the RECORD extension pynput needs (and why not)."""
    try:
        from Xlib import display as xdisplay
        from Xlib.error import DisplayError
    except ImportError as exc:
        return False, f"python-xlib is missing ({exc})"
    try:
        dpy = xdisplay.Display()
    except (DisplayError, OSError) as exc:
        return False, f"cannot open the X display: {exc}"
    try:
        return (True, "") if dpy.has_extension("RECORD") else (
            False, "the X server has no RECORD extension")
    finally:
        dpy.close()


_X_MODIFIERS = {"ctrl": "Control_L", "alt": "Alt_L", "shift": "Shift_L", "cmd": "Super_L",
                "super": "Super_L"}


def x11_grab_conflict(combo: str) -> str | None:
    """Another program's exclusive grab of the same combination, if any (X11)."""
    try:
        from Xlib import XK, X
        from Xlib import display as xdisplay
        from Xlib import error as xerror
    except ImportError:
        return None
    parts = [p.strip("<>").lower() for p in combo.split("+")]
    masks = {"ctrl": X.ControlMask, "alt": X.Mod1Mask, "shift": X.ShiftMask,
             "cmd": X.Mod4Mask, "super": X.Mod4Mask}
    modifiers = 0
    for part in parts[:-1]:
        modifiers |= masks.get(part, 0)
    try:
        dpy = xdisplay.Display()
    except Exception:  # no display to probe: nothing to report
        return None
    try:
        keysym = XK.string_to_keysym(parts[-1]) or XK.string_to_keysym(parts[-1].capitalize())
        keycode = dpy.keysym_to_keycode(keysym)
        if not keycode:
            return None
        root = dpy.screen().root
        caught = xerror.CatchError(xerror.BadAccess)
        root.grab_key(keycode, modifiers, False, X.GrabModeAsync, X.GrabModeAsync,
                      onerror=caught)
        dpy.sync()
        if caught.get_error():
            return (f"{display_combo(combo)} is already taken by another program; "
                    "it may open both. Choose another combination in Settings.")
        root.ungrab_key(keycode, modifiers)
        dpy.sync()
        return None
    finally:
        dpy.close()


def pick(parent: QObject | None = None) -> HotkeyBackend:
    server = display_server()
    if server == "wayland":
        return NullHotkey("a Wayland session does not let applications listen to keys",
                          parent)
    if server == "none":
        return NullHotkey("there is no display", parent)
    if server == "x11":
        ok, why = x11_has_record()
        if not ok:
            return NullHotkey(why, parent)
    return PynputHotkey(server, parent)
