"""The application in front on Windows: a foreground-window event hook.

``SetWinEventHook(EVENT_SYSTEM_FOREGROUND)`` runs out of context on a daemon
thread that pumps its own messages; every event names the new foreground window,
which :class:`WindowsActiveWindow` turns into an :class:`ActiveApp` (process =
the executable's file name as Windows spells it, e.g. ``EXCEL.EXE``; the catalog
matches case-insensitively) and reports. Nothing polls: the hook thread sleeps until
Windows has a message for it, so an idle desktop costs no work.

Elevated applications. A program running as administrator has more rights than
we do (unless we run elevated too); our global hotkey does not reach it and its
window may not be readable. When the token of the process says it is elevated, or
the token cannot be opened at all (an elevated process, or another account's),
the app is reported with ``elevated=True`` so the UI can say so. When even the
image name cannot be read (access denied), it is still reported — with
``process=""`` and ``exe=""``, the window title and the pid — so the context
stays honest instead of silently keeping the previous application.

Windows Store (UWP) apps: the foreground window of such an app belongs to
``ApplicationFrameHost.exe``; the app itself owns a child window of that frame.
The backend looks for a child window of another process and reports that process
(with the frame's title). A suspended or minimized Store app has no such child;
then ``ApplicationFrameHost.exe`` is reported as it is.

All OS calls go through a small "api" object (:class:`Win32Api` on Windows; a
stand-in with the same methods in tests).
"""

from __future__ import annotations

import functools
import importlib
import logging
import ntpath
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject

from jitl_desktop.core.apps import ActiveApp
from jitl_desktop.core.system import current_os
from jitl_desktop.platform.active_window.base import ActiveWindowMonitor

log = logging.getLogger(__name__)

#: the process that hosts the frames of Windows Store apps
FRAME_HOST = "applicationframehost.exe"
#: how long ``stop()`` waits for the hook thread
STOP_TIMEOUT = 1.0

# Win32 constants (WinUser.h, WinNT.h)
EVENT_SYSTEM_FOREGROUND = 0x0003
WINEVENT_OUTOFCONTEXT = 0x0000
WINEVENT_SKIPOWNPROCESS = 0x0002
WM_QUIT = 0x0012
PM_NOREMOVE = 0x0000
PM_REMOVE = 0x0001
QS_ALLINPUT = 0x04FF
PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
TOKEN_QUERY = 0x0008
TOKEN_ELEVATION_CLASS = 20  # TOKEN_INFORMATION_CLASS.TokenElevation
#: the hook thread sleeps until a message comes: WM_QUIT from ``stop_foreground_hook``
#: cannot get lost (the thread has its queue before its id is published), so no
#: timer is needed and an idle desktop costs nothing
INFINITE = 0xFFFFFFFF
#: longest image path QueryFullProcessImageNameW can return (in characters)
MAX_IMAGE_PATH = 32768


class WindowsApi(Protocol):
    """What the backend needs from Windows (window handles and pids are ints)."""

    def foreground_window(self) -> int:
        """The window in front, or 0 (none, e.g. while the focus moves)."""

    def window_pid(self, hwnd: int) -> int:
        """The id of the process owning ``hwnd``; 0 when the window is gone."""

    def window_title(self, hwnd: int) -> str:
        """The title of ``hwnd`` ("" when it has none)."""

    def child_windows(self, hwnd: int) -> list[int]:
        """The child windows of ``hwnd`` (all levels)."""

    def process_image(self, pid: int) -> str | None:
        """The full path of the executable of ``pid``; None when access is denied
        (or the process is gone)."""

    def is_elevated(self, pid: int) -> bool | None:
        """Whether the token of ``pid`` is elevated; None when it cannot be opened."""

    def run_foreground_hook(self, callback: Callable[[int], None],
                            stop_event: threading.Event) -> None:
        """Install the foreground hook on the calling thread and call ``callback(hwnd)``
        for every foreground change (and once for the current window) until
        ``stop_event`` is set and :meth:`stop_foreground_hook` is called; then remove
        the hook and return. Raise OSError when the hook cannot be installed."""

    def stop_foreground_hook(self) -> None:
        """Wake the thread in :meth:`run_foreground_hook` so it sees its stop event."""


class Win32Api:
    """:class:`WindowsApi` through ctypes (user32, kernel32, advapi32).

    Raises OSError when created anywhere but on Windows.
    """

    def __init__(self) -> None:
        if current_os() != "windows":  # (a call, so type checkers check all of this)
            raise OSError("the Win32 API exists only on Windows")
        ct: Any = importlib.import_module("ctypes")
        wt: Any = importlib.import_module("ctypes.wintypes")
        self._ct, self._wt = ct, wt
        self._user32: Any = ct.WinDLL("user32", use_last_error=True)
        self._kernel32: Any = ct.WinDLL("kernel32", use_last_error=True)
        self._advapi32: Any = ct.WinDLL("advapi32", use_last_error=True)
        self._hook_thread_id: int | None = None
        self._hook_proc: Any = None  # the WINEVENTPROC, kept alive while hooked
        hwineventhook = wt.HANDLE
        lresult = ct.c_ssize_t
        #: void CALLBACK WinEventProc(HWINEVENTHOOK, DWORD event, HWND, LONG idObject,
        #:                            LONG idChild, DWORD idEventThread, DWORD dwmsEventTime)
        self._winevent_proc_type: Any = ct.WINFUNCTYPE(
            None, hwineventhook, wt.DWORD, wt.HWND, wt.LONG, wt.LONG, wt.DWORD, wt.DWORD)
        #: BOOL CALLBACK EnumChildProc(HWND, LPARAM)
        self._enum_proc_type: Any = ct.WINFUNCTYPE(wt.BOOL, wt.HWND, wt.LPARAM)
        msg_p = ct.POINTER(wt.MSG)

        def declare(dll: Any, name: str, restype: Any, *argtypes: Any) -> None:
            fn = getattr(dll, name)
            fn.restype = restype
            fn.argtypes = list(argtypes)

        u, k, a = self._user32, self._kernel32, self._advapi32
        declare(u, "GetForegroundWindow", wt.HWND)
        declare(u, "GetWindowThreadProcessId", wt.DWORD, wt.HWND, ct.POINTER(wt.DWORD))
        declare(u, "GetWindowTextLengthW", ct.c_int, wt.HWND)
        declare(u, "GetWindowTextW", ct.c_int, wt.HWND, wt.LPWSTR, ct.c_int)
        declare(u, "EnumChildWindows", wt.BOOL, wt.HWND, self._enum_proc_type, wt.LPARAM)
        declare(u, "SetWinEventHook", hwineventhook, wt.DWORD, wt.DWORD, wt.HMODULE,
                self._winevent_proc_type, wt.DWORD, wt.DWORD, wt.DWORD)
        declare(u, "UnhookWinEvent", wt.BOOL, hwineventhook)
        declare(u, "MsgWaitForMultipleObjects", wt.DWORD, wt.DWORD, ct.c_void_p, wt.BOOL,
                wt.DWORD, wt.DWORD)
        declare(u, "PeekMessageW", wt.BOOL, msg_p, wt.HWND, wt.UINT, wt.UINT, wt.UINT)
        declare(u, "TranslateMessage", wt.BOOL, msg_p)
        declare(u, "DispatchMessageW", lresult, msg_p)
        declare(u, "PostThreadMessageW", wt.BOOL, wt.DWORD, wt.UINT, wt.WPARAM, wt.LPARAM)
        declare(k, "GetCurrentThreadId", wt.DWORD)
        declare(k, "OpenProcess", wt.HANDLE, wt.DWORD, wt.BOOL, wt.DWORD)
        declare(k, "QueryFullProcessImageNameW", wt.BOOL, wt.HANDLE, wt.DWORD, wt.LPWSTR,
                ct.POINTER(wt.DWORD))
        declare(k, "CloseHandle", wt.BOOL, wt.HANDLE)
        declare(a, "OpenProcessToken", wt.BOOL, wt.HANDLE, wt.DWORD, ct.POINTER(wt.HANDLE))
        declare(a, "GetTokenInformation", wt.BOOL, wt.HANDLE, ct.c_int, ct.c_void_p,
                wt.DWORD, ct.POINTER(wt.DWORD))

    def foreground_window(self) -> int:
        return int(self._user32.GetForegroundWindow() or 0)

    def window_pid(self, hwnd: int) -> int:
        pid = self._wt.DWORD(0)
        if not self._user32.GetWindowThreadProcessId(hwnd, self._ct.byref(pid)):
            return 0
        return int(pid.value)

    def window_title(self, hwnd: int) -> str:
        length = self._user32.GetWindowTextLengthW(hwnd)
        if length <= 0:
            return ""
        buf = self._ct.create_unicode_buffer(length + 1)
        self._user32.GetWindowTextW(hwnd, buf, length + 1)
        return str(buf.value)

    def child_windows(self, hwnd: int) -> list[int]:
        found: list[int] = []

        def collect(child: int | None, _lparam: int) -> bool:
            if child:
                found.append(int(child))
            return True

        proc = self._enum_proc_type(collect)  # referenced until EnumChildWindows returns
        self._user32.EnumChildWindows(hwnd, proc, 0)
        return found

    def _open_process(self, pid: int) -> Any:
        return self._kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)

    def process_image(self, pid: int) -> str | None:
        handle = self._open_process(pid)
        if not handle:
            return None  # access denied (or gone)
        try:
            size = self._wt.DWORD(MAX_IMAGE_PATH)
            buf = self._ct.create_unicode_buffer(MAX_IMAGE_PATH)
            if not self._kernel32.QueryFullProcessImageNameW(handle, 0, buf,
                                                             self._ct.byref(size)):
                return None
            return str(buf.value)
        finally:
            self._kernel32.CloseHandle(handle)

    def is_elevated(self, pid: int) -> bool | None:
        ct, wt = self._ct, self._wt
        handle = self._open_process(pid)
        if not handle:
            return None
        try:
            token = wt.HANDLE()
            if not self._advapi32.OpenProcessToken(handle, TOKEN_QUERY, ct.byref(token)):
                return None
            try:
                elevation = wt.DWORD(0)  # TOKEN_ELEVATION { DWORD TokenIsElevated; }
                returned = wt.DWORD(0)
                if not self._advapi32.GetTokenInformation(
                        token, TOKEN_ELEVATION_CLASS, ct.byref(elevation),
                        ct.sizeof(elevation), ct.byref(returned)):
                    return None
                return bool(elevation.value)
            finally:
                self._kernel32.CloseHandle(token)
        finally:
            self._kernel32.CloseHandle(handle)

    def run_foreground_hook(self, callback: Callable[[int], None],
                            stop_event: threading.Event) -> None:
        ct, u = self._ct, self._user32
        msg = self._wt.MSG()
        # Give this thread its message queue first, so a WM_QUIT posted by
        # stop_foreground_hook from now on cannot fail; then publish the thread id.
        # (stop() sets the event before it reads the id, and the loop checks the
        # event after the id is published: one of the two always sees the other.)
        u.PeekMessageW(ct.byref(msg), None, 0, 0, PM_NOREMOVE)
        self._hook_thread_id = int(self._kernel32.GetCurrentThreadId())

        def on_event(_hook: Any, _event: int, hwnd: int | None, _object: int,
                     _child: int, _thread: int, _time: int) -> None:
            try:
                callback(int(hwnd or 0))
            except Exception:  # never let an exception unwind into user32
                log.exception("foreground event not handled")

        self._hook_proc = self._winevent_proc_type(on_event)
        hook = u.SetWinEventHook(EVENT_SYSTEM_FOREGROUND, EVENT_SYSTEM_FOREGROUND, None,
                                 self._hook_proc, 0, 0,
                                 WINEVENT_OUTOFCONTEXT | WINEVENT_SKIPOWNPROCESS)
        if not hook:
            self._hook_thread_id = None
            self._hook_proc = None
            raise OSError(ct.get_last_error(), "SetWinEventHook failed")
        try:
            callback(self.foreground_window())  # whatever came to the front before
            while not stop_event.is_set():
                # Sleep until a message (or a WinEvent) arrives.
                u.MsgWaitForMultipleObjects(0, None, False, INFINITE, QS_ALLINPUT)
                # PeekMessage also calls the out-of-context hook procedure.
                while u.PeekMessageW(ct.byref(msg), None, 0, 0, PM_REMOVE):
                    if msg.message == WM_QUIT:
                        return
                    u.TranslateMessage(ct.byref(msg))
                    u.DispatchMessageW(ct.byref(msg))
        finally:
            u.UnhookWinEvent(hook)
            self._hook_thread_id = None
            self._hook_proc = None

    def stop_foreground_hook(self) -> None:
        thread_id = self._hook_thread_id
        if thread_id is not None and \
                not self._user32.PostThreadMessageW(thread_id, WM_QUIT, 0, 0):
            log.debug("PostThreadMessageW(WM_QUIT) failed: %s", self._ct.get_last_error())


def _file_name(path: str) -> str:
    """``C:\\Program Files\\...\\EXCEL.EXE`` → ``EXCEL.EXE`` (on any host OS)."""
    return ntpath.basename(path)


class WindowsActiveWindow(ActiveWindowMonitor):
    """The foreground window's application, from a WinEvent hook on a daemon thread.

    ``api_factory`` makes the :class:`WindowsApi` (default :class:`Win32Api`); when it
    fails (not Windows) the monitor is unavailable and ``reason`` says why.
    """

    backend = "win32"

    def __init__(self, parent: QObject | None = None, *,
                 api_factory: Callable[[], WindowsApi] = Win32Api) -> None:
        super().__init__(parent)
        self._api: WindowsApi | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._we_are_elevated: bool | None = None
        try:
            self._api = api_factory()
        except (OSError, ImportError, AttributeError) as exc:
            self.reason = f"the Windows API is not available: {exc}"
            return
        self.available = True

    def start(self) -> None:
        """Install the hook on a daemon thread and report the current window now."""
        api = self._api
        if api is None or self._thread is not None:
            return
        self._stop = threading.Event()
        on_foreground = functools.partial(self._on_foreground, self._stop)
        self._thread = threading.Thread(target=self._run,
                                        args=(api, on_foreground, self._stop),
                                        name="jitl-active-window", daemon=True)
        self._thread.start()
        on_foreground(api.foreground_window())

    def _run(self, api: WindowsApi, on_foreground: Callable[[int], None],
             stop: threading.Event) -> None:
        try:
            api.run_foreground_hook(on_foreground, stop)
        except OSError as exc:
            self.available = False
            self.reason = f"the foreground-window hook could not be installed: {exc}"
            log.error("%s", self.reason)

    def stop(self) -> None:
        """Remove the hook; the thread ends within :data:`STOP_TIMEOUT` seconds."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stop.set()
        if self._api is not None:
            self._api.stop_foreground_hook()
        thread.join(STOP_TIMEOUT)
        if thread.is_alive():
            log.warning("the foreground-window hook thread did not end in %.0f s",
                        STOP_TIMEOUT)

    def _on_foreground(self, stop: threading.Event, hwnd: int) -> None:
        """One foreground change (any thread)."""
        if stop.is_set() or self.paused:
            return  # stopped, or paused: nothing is read from the windows
        try:
            app = self._describe(hwnd)
        except OSError as exc:
            log.debug("foreground window %s not described: %s", hwnd, exc)
            return
        self._report(app)

    def _describe(self, hwnd: int) -> ActiveApp | None:
        """What ``hwnd`` shows; None for no window, a closed one, or our own."""
        api = self._api
        if api is None or not hwnd:
            return None  # no foreground window between two switches
        pid = api.window_pid(hwnd)
        if not pid or pid == self._own_pid:
            return None
        title = api.window_title(hwnd)
        exe = api.process_image(pid)
        if exe is not None and _file_name(exe).lower() == FRAME_HOST:
            pid, exe = self._hosted_app(api, hwnd, pid, exe)
        return ActiveApp(process=_file_name(exe) if exe else "", title=title, pid=pid,
                         exe=exe or "", elevated=self._more_rights(api, pid), os="windows")

    @staticmethod
    def _hosted_app(api: WindowsApi, frame: int, frame_pid: int,
                    frame_exe: str) -> tuple[int, str | None]:
        """The Store app inside an ApplicationFrameHost frame: the process owning a
        child window of the frame (the frame host itself when there is none)."""
        for child in api.child_windows(frame):
            child_pid = api.window_pid(child)
            if child_pid and child_pid != frame_pid:
                return child_pid, api.process_image(child_pid)
        return frame_pid, frame_exe

    def _more_rights(self, api: WindowsApi, pid: int) -> bool:
        """True when ``pid`` runs with more rights than we do: its token is elevated,
        or cannot even be opened, and ours is not elevated."""
        if api.is_elevated(pid) is False:
            return False
        if self._we_are_elevated is None:
            self._we_are_elevated = api.is_elevated(self._own_pid) is True
        return not self._we_are_elevated
