"""The global hotkey on X11: an exclusive passive key grab, served by its own thread."""

from __future__ import annotations

import threading
import time
from typing import Any

from PySide6.QtCore import QObject

from jitl_desktop.core.keys import display_combo
from jitl_desktop.platform.hotkey.base import WAYLAND_HELP, HotkeyBackend
from jitl_desktop.platform.x11loop import X11Loop

#: pynput's key names where the X keysym is spelled otherwise
X_KEYSYMS = {"esc": "Escape", "enter": "Return", "backspace": "BackSpace",
             "page_up": "Prior", "page_down": "Next", "print_screen": "Print",
             "scroll_lock": "Scroll_Lock", "space": "space"}


class X11GrabHotkey(HotkeyBackend):
    """The hotkey as an exclusive X11 passive grab, in synchronous mode.

    When the combination is pressed the server freezes the keyboard; this backend
    then grabs the whole keyboard and thaws it, so the keys typed next are queued for
    us (none reach the previous window) and kept until the overlay has the focus.
    The focused application never sees the combination, and a combination another
    program has grabbed is reported as a conflict (BadAccess).
    """

    name = "xgrab-x11"
    LOCK_MASKS = (0, 2, 16, 18)  # none, CapsLock, NumLock, both
    #: the keyboard is given back after this long whatever happens
    GRAB_LIMIT = 1.0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loop = X11Loop()
        self._lock = threading.Lock()
        self._catching = False
        self._text: list[str] = []
        self._until = 0.0

    def _listen(self, combo: str) -> str | None:
        from Xlib import XK, X
        from Xlib import display as xdisplay
        from Xlib import error as xerror

        parts = [p.strip("<>").lower() for p in combo.split("+")]
        masks = {"ctrl": X.ControlMask, "alt": X.Mod1Mask, "shift": X.ShiftMask,
                 "cmd": X.Mod4Mask, "super": X.Mod4Mask}
        self._modifiers = 0
        for part in parts[:-1]:
            if part not in masks:
                return f"unknown modifier '{part}' in {combo}"
            self._modifiers |= masks[part]
        try:
            dpy = xdisplay.Display()
        except Exception as exc:  # no X server after all: say so, stay usable
            return WAYLAND_HELP.format(why=f"cannot open the X display: {exc}")
        key = parts[-1]
        keysym = XK.string_to_keysym(X_KEYSYMS.get(key, key)) or \
            XK.string_to_keysym(key.upper() if key[:1] == "f" else key.title())
        self._keycode = dpy.keysym_to_keycode(keysym)
        if not self._keycode:
            dpy.close()
            return f"no key on this keyboard for '{parts[-1]}'"
        root = dpy.screen().root
        caught = xerror.CatchError(xerror.BadAccess)
        for lock in self.LOCK_MASKS:
            root.grab_key(self._keycode, self._modifiers | lock, True, X.GrabModeAsync,
                          X.GrabModeSync, onerror=caught)
        dpy.sync()
        if caught.get_error():
            dpy.close()
            return (f"{display_combo(combo)} is already taken by another program. "
                    "Choose another combination in Settings.")
        self._loop.start(dpy, self._run, "jitl-hotkey")
        return None

    @property
    def _dpy(self) -> Any:
        return self._loop.dpy

    def _run(self) -> None:
        dpy = self._dpy
        while not self._loop.stopping:
            with self._lock:  # events are read and handled under the lock only
                event = dpy.next_event() if dpy.pending_events() else None
                if event is not None:
                    self._handle(event)
                    continue
                expired = self._catching and time.monotonic() > self._until
                timeout = max(0.0, self._until - time.monotonic()) if self._catching else None
            if expired:
                self.release_keys()
                continue
            # Sleep until the X server sends something, the catch of keys runs out, or
            # the GUI thread pokes the wake-up pipe (it may have read events of ours
            # into Xlib's queue while releasing the keyboard, or we are stopping).
            # No timer otherwise: an idle app costs no CPU.
            self._loop.wait(timeout)

    def _handle(self, event: Any) -> None:
        """One X event (the lock is held)."""
        from Xlib import XK, X

        dpy = self._dpy
        if event.type != X.KeyPress:
            return
        if event.detail == self._keycode and \
                event.state & self._modifiers == self._modifiers and not self._catching:
            # the keyboard is frozen until we say: take all of it, then let it go on
            dpy.screen().root.grab_keyboard(True, X.GrabModeAsync, X.GrabModeAsync,
                                            X.CurrentTime)
            self._catching = True
            self._text = []
            self._until = time.monotonic() + self.GRAB_LIMIT
            dpy.allow_events(X.AsyncKeyboard, X.CurrentTime)
            dpy.flush()
            self.pressed.emit()
            return
        if not self._catching or event.state & (X.ControlMask | X.Mod1Mask | X.Mod4Mask):
            return
        keysym = dpy.keycode_to_keysym(event.detail, 1 if event.state & X.ShiftMask else 0)
        name = XK.keysym_to_string(keysym)
        text = " " if name == "space" else name
        if text and len(text) == 1 and text.isprintable():
            self._text.append(text)

    def release_keys(self) -> str:
        from Xlib import X

        with self._lock:
            if not self._catching or self._dpy is None:
                return ""
            self._dpy.ungrab_keyboard(X.CurrentTime)
            self._dpy.sync()  # every key sent to us before the ungrab is now queued
            while self._dpy.pending_events():
                self._handle(self._dpy.next_event())
            self._catching = False
            text, self._text = "".join(self._text), []
        self._loop.wake()
        return text

    def _release(self) -> None:
        self._loop.stop()  # closing the connection ends its grabs
        self._catching = False
        self._text = []
