"""The application in front on macOS: NSWorkspace activation notifications.

``NSWorkspaceDidActivateApplicationNotification`` names the application that came
to the front; :class:`MacActiveWindow` turns it into an :class:`ActiveApp`
(process = the executable's file name, else the localized name; the bundle id;
the pid; the executable's path) and reports it. The notifications are delivered
on the main operation queue, i.e. the GUI thread (Qt's event loop on macOS runs
the Cocoa run loop), so this backend needs no thread of its own.

Window titles. macOS gives another application's window title only to a process
the user trusts in System Settings → Privacy & Security → Accessibility. Without
that permission ``title`` is "" (applications are still recognized by bundle id
and process), and ``status()`` says how to grant it. The title is read when an
application is activated; switching windows inside one application is not seen.

pyobjc (``pyobjc-framework-Cocoa``; ``pyobjc-framework-ApplicationServices`` for
the titles) is imported only when the backend is created; without it the monitor
is unavailable and ``reason`` says what to install. All OS calls go through a
small "api" object (:class:`AppKitApi` on macOS; a stand-in in tests).
"""

from __future__ import annotations

import importlib
import logging
import posixpath
from collections.abc import Callable
from typing import Any, Protocol, TypedDict

from PySide6.QtCore import QObject

from jitl_desktop.core.apps import ActiveApp
from jitl_desktop.platform.active_window.base import ActiveWindowMonitor

log = logging.getLogger(__name__)

PYOBJC_MISSING = ("pyobjc is not installed, and macOS can only be asked for the front "
                  "application through it: pip install pyobjc-framework-Cocoa "
                  "(and pyobjc-framework-ApplicationServices for window titles)")

ACCESSIBILITY_HELP = (
    "Window titles need the Accessibility permission: System Settings → Privacy & "
    "Security → Accessibility, then turn on JITL Desktop (or the terminal or Python "
    "that runs it). Applications are recognized without it. Reading titles also needs "
    "the pyobjc-framework-ApplicationServices package.")

#: AXError kAXErrorSuccess
AX_SUCCESS = 0


class MacAppInfo(TypedDict):
    """One NSRunningApplication, as plain values."""

    bundle_id: str  # bundleIdentifier ("" when it has none)
    name: str  # localizedName
    pid: int  # processIdentifier (-1 when it has no process)
    exe: str  # executableURL.path ("" when unknown)


class MacApi(Protocol):
    """What the backend needs from macOS."""

    def frontmost(self) -> MacAppInfo | None:
        """The frontmost application, or None."""

    def observe(self, callback: Callable[[MacAppInfo | None], None]) -> object:
        """Call ``callback`` (on the main thread) with every application that becomes
        active; return a token for :meth:`unobserve`."""

    def unobserve(self, token: object) -> None:
        """Stop the calls registered by :meth:`observe`."""

    def accessibility_trusted(self) -> bool:
        """Whether this process may read other applications' windows (False when
        that cannot be asked)."""

    def front_window_title(self, pid: int) -> str:
        """The title of the focused window of ``pid`` ("" when it cannot be read)."""


class AppKitApi:
    """:class:`MacApi` through pyobjc (AppKit, Foundation, ApplicationServices).

    Raises ImportError when pyobjc-framework-Cocoa is not installed (or not macOS).
    """

    def __init__(self) -> None:
        self._appkit: Any = importlib.import_module("AppKit")
        self._foundation: Any = importlib.import_module("Foundation")
        self._workspace: Any = self._appkit.NSWorkspace.sharedWorkspace()
        self._ax: Any = None
        try:
            self._ax = importlib.import_module("ApplicationServices")
        except ImportError:
            log.warning("pyobjc-framework-ApplicationServices is not installed: "
                        "no window titles on macOS")

    @staticmethod
    def _info(app: Any) -> MacAppInfo | None:
        """An NSRunningApplication as a :class:`MacAppInfo`."""
        if app is None:
            return None
        url = app.executableURL()
        path = url.path() if url is not None else None
        return MacAppInfo(bundle_id=str(app.bundleIdentifier() or ""),
                          name=str(app.localizedName() or ""),
                          pid=int(app.processIdentifier()), exe=str(path or ""))

    def frontmost(self) -> MacAppInfo | None:
        return self._info(self._workspace.frontmostApplication())

    def observe(self, callback: Callable[[MacAppInfo | None], None]) -> object:
        key = self._appkit.NSWorkspaceApplicationKey

        def on_activate(note: Any) -> None:
            try:
                info = note.userInfo()
                callback(self._info(info.objectForKey_(key) if info is not None else None))
            except Exception:  # never let an exception unwind into Foundation
                log.exception("activation notification not handled")

        center = self._workspace.notificationCenter()
        return center.addObserverForName_object_queue_usingBlock_(
            self._appkit.NSWorkspaceDidActivateApplicationNotification, None,
            self._foundation.NSOperationQueue.mainQueue(), on_activate)

    def unobserve(self, token: object) -> None:
        self._workspace.notificationCenter().removeObserver_(token)

    def accessibility_trusted(self) -> bool:
        return self._ax is not None and bool(self._ax.AXIsProcessTrusted())

    def front_window_title(self, pid: int) -> str:
        ax = self._ax
        if ax is None:
            return ""
        app = ax.AXUIElementCreateApplication(pid)
        err, window = ax.AXUIElementCopyAttributeValue(app, ax.kAXFocusedWindowAttribute,
                                                       None)
        if err != AX_SUCCESS or window is None:
            return ""
        err, title = ax.AXUIElementCopyAttributeValue(window, ax.kAXTitleAttribute, None)
        return str(title) if err == AX_SUCCESS and title else ""


class MacActiveWindow(ActiveWindowMonitor):
    """The active application from NSWorkspace notifications (GUI thread).

    ``api_factory`` makes the :class:`MacApi` (default :class:`AppKitApi`); when it
    raises ImportError (no pyobjc) the monitor is unavailable and ``reason`` says
    what to install.
    """

    backend = "nsworkspace"

    def __init__(self, parent: QObject | None = None, *,
                 api_factory: Callable[[], MacApi] = AppKitApi) -> None:
        super().__init__(parent)
        self._api: MacApi | None = None
        self._token: object | None = None
        self._running = False
        try:
            self._api = api_factory()
        except ImportError as exc:
            log.info("no active-window context on macOS: %s", exc)
            self.reason = PYOBJC_MISSING
            return
        self.available = True

    def start(self) -> None:
        """Observe activations and report the frontmost application now."""
        api = self._api
        if api is None or self._running:
            return
        self._running = True
        self._token = api.observe(self._on_activate)
        self._on_activate(api.frontmost())

    def stop(self) -> None:
        self._running = False
        token, self._token = self._token, None
        if token is not None and self._api is not None:
            self._api.unobserve(token)

    def _on_activate(self, info: MacAppInfo | None) -> None:
        if info is None or self.paused or not self._running:
            return  # nothing, paused (nothing is read), or stopped
        self._report(self._describe(info))

    def _describe(self, info: MacAppInfo) -> ActiveApp | None:
        api = self._api
        pid = info["pid"] if info["pid"] > 0 else None
        if api is None or (pid is not None and pid == self._own_pid):
            return None  # our own window: nothing is read from it
        exe = info["exe"]
        title = api.front_window_title(pid) if pid is not None and \
            api.accessibility_trusted() else ""
        return ActiveApp(process=posixpath.basename(exe) if exe else info["name"],
                         bundle_id=info["bundle_id"], pid=pid, exe=exe, title=title,
                         os="macos")

    def status(self) -> dict[str, Any]:
        """The base status plus ``accessibility`` (may window titles be read) and, when
        they may not, a ``note`` saying how to allow it."""
        data = super().status()
        trusted = self._api is not None and self._api.accessibility_trusted()
        data["accessibility"] = trusted
        if self._api is not None and not trusted:
            data["note"] = ACCESSIBILITY_HELP
        return data
