"""The active application on X11, event-driven.

The backend listens for PropertyNotify on the root window's ``_NET_ACTIVE_WINDOW``
(set by every EWMH window manager) and on the active window's title, on its own X
connection, in a thread that sleeps in ``select`` until the X server or the
wake-up pipe says something: no polling, no idle CPU. For the active window it
reads WM_CLASS, ``_NET_WM_NAME`` (else WM_NAME) and the process id
(``_NET_WM_PID``, else the X-Resource extension), its place on the desktop, and
from the process id the process name and executable (``/proc``).

:meth:`X11ActiveWindow.give_focus_back` asks the window manager (an EWMH
``_NET_ACTIVE_WINDOW`` client message, on a connection of the GUI thread) to activate
again the window that was active before the search window.
"""

from __future__ import annotations

import contextlib
import logging
import os
from typing import Any

from PySide6.QtCore import QObject

from jitl_desktop.core.apps import ActiveApp
from jitl_desktop.platform.active_window.base import ActiveWindowMonitor
from jitl_desktop.platform.x11loop import X11Loop

log = logging.getLogger(__name__)

NO_WM = ("no window manager reports the active window here (the EWMH property "
         "_NET_ACTIVE_WINDOW is missing); start one, or the context stays unavailable")


def _property(dpy: Any, window: Any, name: str, kind: Any) -> Any:
    prop = window.get_full_property(dpy.intern_atom(name), kind)
    return None if prop is None else prop.value


def active_window_id(dpy: Any) -> int | None:
    """The id of the active window, None when none is (or no WM reports it)."""
    from Xlib import X

    value = _property(dpy, dpy.screen().root, "_NET_ACTIVE_WINDOW", X.AnyPropertyType)
    return int(value[0]) if value is not None and len(value) and value[0] else None


def _pid(dpy: Any, window: Any) -> int | None:
    from Xlib import X

    value = _property(dpy, window, "_NET_WM_PID", X.AnyPropertyType)
    if value is not None and len(value):
        return int(value[0])
    if dpy.has_extension("X-Resource"):  # clients that do not set _NET_WM_PID
        from Xlib.ext import res

        reply = dpy.res_query_client_ids([{"client": window.id,
                                           "mask": res.LocalClientPIDMask}])
        for client in reply.ids:
            if client.value:
                return int(client.value[0])
    return None


def _title(dpy: Any, window: Any) -> str:
    raw = _property(dpy, window, "_NET_WM_NAME", dpy.intern_atom("UTF8_STRING"))
    if raw:
        return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    name = window.get_wm_name()
    if isinstance(name, bytes):
        return name.decode("latin-1")
    return name or ""


def _process(pid: int | None) -> tuple[str, str]:
    """(process name, executable path) from /proc; empty where it cannot be read."""
    if pid is None:
        return "", ""
    name = exe = ""
    with contextlib.suppress(OSError), \
            open(f"/proc/{pid}/comm", encoding="utf-8", errors="replace") as comm:
        name = comm.read().strip()
    with contextlib.suppress(OSError):
        exe = os.readlink(f"/proc/{pid}/exe")
    if exe and (not name or (len(name) == 15 and os.path.basename(exe).startswith(name))):
        name = os.path.basename(exe)  # comm is cut at 15 characters
    return name, exe


def geometry(dpy: Any, window: Any) -> tuple[int, int, int, int]:
    """Where ``window`` is on the desktop: x, y (of its top-left corner on the root
    window), width, height."""
    size = window.get_geometry()
    origin = dpy.screen().root.translate_coords(window, 0, 0)
    return int(origin.x), int(origin.y), int(size.width), int(size.height)


def describe(dpy: Any, window_id: int) -> ActiveApp | None:
    """What the window ``window_id`` belongs to; None if it is gone."""
    from Xlib import error as xerror

    window = dpy.create_resource_object("window", window_id)
    try:
        wm_class = window.get_wm_class()
        title = _title(dpy, window)
        pid = _pid(dpy, window)
        place = geometry(dpy, window)
    except (xerror.BadWindow, xerror.BadDrawable, xerror.BadMatch):
        return None  # closed between the event and now
    process, exe = _process(pid)
    return ActiveApp(process=process, wm_class=wm_class[1] if wm_class else "", title=title,
                     os="linux", pid=pid, exe=exe, geometry=place)


def activate(dpy: Any, window_id: int) -> None:
    """Ask the window manager to activate ``window_id`` (EWMH ``_NET_ACTIVE_WINDOW``,
    sent as a pager does: the user asked for it)."""
    from Xlib import X
    from Xlib.protocol import event

    root = dpy.screen().root
    message = event.ClientMessage(
        window=dpy.create_resource_object("window", window_id),
        client_type=dpy.intern_atom("_NET_ACTIVE_WINDOW"),
        data=(32, [2, X.CurrentTime, 0, 0, 0]))
    root.send_event(message, event_mask=X.SubstructureRedirectMask
                    | X.SubstructureNotifyMask)
    dpy.flush()


def read_active(display_name: str | None = None) -> tuple[ActiveApp | None, str | None]:
    """One look at the active window (for the command line): (app, why not)."""
    from Xlib import display as xdisplay

    try:
        dpy = xdisplay.Display(display_name)
    except Exception as exc:
        return None, f"cannot open the X display: {exc}"
    try:
        if not _supports_active_window(dpy):
            return None, NO_WM
        window = active_window_id(dpy)
        return (describe(dpy, window) if window else None), None
    finally:
        dpy.close()


def _supports_active_window(dpy: Any) -> bool:
    from Xlib import X

    supported = _property(dpy, dpy.screen().root, "_NET_SUPPORTED", X.AnyPropertyType)
    return supported is not None and dpy.intern_atom("_NET_ACTIVE_WINDOW") in supported


#: how many of the windows last active are remembered
RECENT = 8


def before(recent: tuple[int, ...], leaving: int) -> int | None:
    """The window active before ``leaving`` last took the focus (``recent``: oldest
    first); the newest one when ``leaving`` was not seen active yet."""
    if leaving not in recent:
        return recent[-1] if recent else None
    at = len(recent) - 1 - recent[::-1].index(leaving)
    return recent[at - 1] if at > 0 else None


class X11ActiveWindow(ActiveWindowMonitor):
    backend = "x11"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loop = X11Loop()
        self._watched: int | None = None
        self._look_now = True
        #: the windows last active, oldest first (the app's own too; no repeats in a row)
        self._recent: tuple[int, ...] = ()
        #: a connection of the GUI thread, for give_focus_back (made when first needed)
        self._commands: Any = None

    def start(self) -> None:
        from Xlib import X
        from Xlib import display as xdisplay

        try:
            dpy = xdisplay.Display()
        except Exception as exc:  # no X server after all
            self.reason = f"cannot open the X display: {exc}"
            return
        if not _supports_active_window(dpy):
            self.reason = NO_WM
            dpy.close()
            return
        self._atoms = {dpy.intern_atom(n) for n in ("_NET_WM_NAME", "WM_NAME")}
        self._active_atom = dpy.intern_atom("_NET_ACTIVE_WINDOW")
        dpy.screen().root.change_attributes(event_mask=X.PropertyChangeMask)
        dpy.flush()
        self.available = True
        self.reason = None
        self._loop.start(dpy, self._run, "jitl-context")

    def _run(self) -> None:
        from Xlib import X

        dpy = self._loop.dpy
        while not self._loop.stopping:
            changed, self._look_now = self._look_now, False
            while dpy.pending_events():
                event = dpy.next_event()
                if getattr(event, "atom", None) == self._active_atom or (
                        getattr(event, "atom", None) in self._atoms
                        and event.window.id == self._watched) or (
                        event.type == X.ConfigureNotify  # moved or resized
                        and event.window.id == self._watched):
                    changed = True
            if changed:
                self._look()
                continue
            self._loop.wait()

    def _look(self) -> None:
        """Read the active window now and report it; follow its title from now on."""
        from Xlib import X
        from Xlib import error as xerror

        if self.paused:
            return
        dpy = self._loop.dpy
        try:
            window = active_window_id(dpy)
        except xerror.XError as exc:
            log.debug("reading the active window: %s", exc)
            return
        if window is None:
            return  # between two windows
        if window != self._watched:
            catch = xerror.CatchError(xerror.BadWindow)
            dpy.create_resource_object("window", window).change_attributes(
                event_mask=X.PropertyChangeMask | X.StructureNotifyMask, onerror=catch)
            self._watched = window
        if not self._recent or self._recent[-1] != window:
            self._recent = (*self._recent, window)[-RECENT:]
        self._report(describe(dpy, window))

    def give_focus_back(self, leaving: int) -> bool:
        window = before(self._recent, leaving)
        if window is None or not self.available or self.paused:
            return False  # (paused: no window was followed)
        from Xlib import display as xdisplay
        from Xlib import error as xerror

        try:
            if self._commands is None:
                self._commands = xdisplay.Display()
            activate(self._commands, window)
        except (xerror.XError, OSError) as exc:  # the window or the server went away
            log.info("giving the focus back to window %#x: %s", window, exc)
            return False
        return True

    def set_paused(self, paused: bool) -> None:
        super().set_paused(paused)
        if not paused:  # look at the window in front again
            self._look_now = True
            self._loop.wake()

    def stop(self) -> None:
        self._loop.stop()
        self.available = False
        if self._commands is not None:
            self._commands.close()
            self._commands = None
