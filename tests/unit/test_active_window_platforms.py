"""The Windows (WinEvent hook) and macOS (NSWorkspace) active-window backends, run
against scripted stand-ins of their OS api objects."""

from __future__ import annotations

import os
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from jitl_desktop.core.apps import ActiveApp
from jitl_desktop.platform.active_window.macos import (
    ACCESSIBILITY_HELP,
    MacActiveWindow,
    MacAppInfo,
)
from jitl_desktop.platform.active_window.windows import STOP_TIMEOUT, WindowsActiveWindow

OWN_PID = os.getpid()
SIGNAL_MS = 2000
QUIET_MS = 150


# --- Windows ------------------------------------------------------------------------

EXCEL_EXE = r"C:\Program Files\Microsoft Office\root\Office16\EXCEL.EXE"
NOTEPAD_EXE = r"C:\Windows\System32\notepad.exe"
FRAME_HOST_EXE = r"C:\Windows\System32\ApplicationFrameHost.exe"
CALC_EXE = (r"C:\Program Files\WindowsApps\Microsoft.WindowsCalculator_11.2405.2.0_x64__"
            r"8wekyb3d8bbwe\CalculatorApp.exe")

EXCEL, NOTEPAD, OWN, ADMIN_CMD, FRAME, FRAME_INNER, CALC_CORE = 101, 102, 103, 104, 105, 106, 107


class FakeWin32:
    """Scripted windows and processes; the hook runs until its stop event is set and
    feeds the events put in a queue (see :meth:`send`)."""

    def __init__(self) -> None:
        self.windows: dict[int, tuple[int, str]] = {
            EXCEL: (4100, "Budget 2025.xlsx - Excel"),
            NOTEPAD: (4200, "notes.txt - Notepad"),
            OWN: (OWN_PID, "JITL Desktop"),
            ADMIN_CMD: (4300, "Administrator: Command Prompt"),
            FRAME: (4400, "Calculator"),
            FRAME_INNER: (4400, ""),
            CALC_CORE: (4500, "Calculator"),
        }
        self.children: dict[int, list[int]] = {FRAME: [FRAME_INNER, CALC_CORE]}
        self.images: dict[int, str | None] = {
            4100: EXCEL_EXE, 4200: NOTEPAD_EXE, OWN_PID: r"C:\jitl\jitl-desktop.exe",
            4300: None, 4400: FRAME_HOST_EXE, 4500: CALC_EXE}
        self.elevation: dict[int, bool | None] = {4300: True}
        self.foreground = 0
        self.read: list[tuple[str, int]] = []  # every window / process looked at
        self.events: queue.Queue[tuple[int, threading.Event]] = queue.Queue()
        self.hooked = threading.Event()
        self.hook_thread: threading.Thread | None = None
        self.hook_error: OSError | None = None
        self.stop_calls = 0

    # the WindowsApi methods
    def foreground_window(self) -> int:
        return self.foreground

    def window_pid(self, hwnd: int) -> int:
        self.read.append(("pid", hwnd))
        return self.windows.get(hwnd, (0, ""))[0]

    def window_title(self, hwnd: int) -> str:
        self.read.append(("title", hwnd))
        return self.windows.get(hwnd, (0, ""))[1]

    def child_windows(self, hwnd: int) -> list[int]:
        return list(self.children.get(hwnd, []))

    def process_image(self, pid: int) -> str | None:
        self.read.append(("image", pid))
        return self.images.get(pid)

    def is_elevated(self, pid: int) -> bool | None:
        return self.elevation.get(pid, False)

    def run_foreground_hook(self, callback: Callable[[int], None],
                            stop_event: threading.Event) -> None:
        self.hook_thread = threading.current_thread()
        if self.hook_error is not None:
            raise self.hook_error
        self.hooked.set()
        while not stop_event.is_set():
            try:
                hwnd, done = self.events.get(timeout=0.01)
            except queue.Empty:
                continue
            try:
                callback(hwnd)
            finally:
                done.set()

    def stop_foreground_hook(self) -> None:
        self.stop_calls += 1

    # test helpers
    def send(self, hwnd: int) -> None:
        """One foreground event, handled on the hook thread before this returns."""
        assert self.hooked.wait(2), "the hook is not running"
        done = threading.Event()
        self.events.put((hwnd, done))
        assert done.wait(2), "the hook thread did not take the event"


@pytest.fixture
def win() -> FakeWin32:
    return FakeWin32()


@pytest.fixture
def win_monitor(win: FakeWin32) -> Iterator[WindowsActiveWindow]:
    monitor = WindowsActiveWindow(api_factory=lambda: win)
    yield monitor
    monitor.stop()


def win_event(qtbot: Any, win: FakeWin32, monitor: WindowsActiveWindow,
              hwnd: int) -> ActiveApp:
    """Send one foreground event and return what ``changed`` delivered."""
    with qtbot.waitSignal(monitor.changed, timeout=SIGNAL_MS) as blocker:
        win.send(hwnd)
    app: ActiveApp = blocker.args[0]
    return app


def test_win_foreground_excel_is_reported_with_process_exe_pid_and_title(
        qtbot: Any, win: FakeWin32, win_monitor: WindowsActiveWindow) -> None:
    win_monitor.start()
    app = win_event(qtbot, win, win_monitor, EXCEL)
    assert app == ActiveApp(process="EXCEL.EXE", exe=EXCEL_EXE, pid=4100,
                            title="Budget 2025.xlsx - Excel", os="windows", elevated=False)
    assert win_monitor.current() == app
    status = win_monitor.status()
    assert (status["backend"], status["available"], status["process"], status["pid"]) == \
        ("win32", True, "EXCEL.EXE", 4100)


def test_win_the_window_in_front_at_start_is_reported(
        qtbot: Any, win: FakeWin32, win_monitor: WindowsActiveWindow) -> None:
    win.foreground = NOTEPAD
    with qtbot.waitSignal(win_monitor.changed, timeout=SIGNAL_MS) as blocker:
        win_monitor.start()
    assert blocker.args[0].process == "notepad.exe"
    assert win_monitor.current() is not None
    assert win_monitor.current().title == "notes.txt - Notepad"  # type: ignore[union-attr]


def test_win_no_window_between_switches_changes_nothing(
        qtbot: Any, win: FakeWin32, win_monitor: WindowsActiveWindow) -> None:
    win_monitor.start()
    excel = win_event(qtbot, win, win_monitor, EXCEL)
    with qtbot.assertNotEmitted(win_monitor.changed, wait=QUIET_MS):
        win.send(0)
    assert win_monitor.current() == excel


def test_win_our_own_window_keeps_the_previous_app(
        qtbot: Any, win: FakeWin32, win_monitor: WindowsActiveWindow) -> None:
    win_monitor.start()
    excel = win_event(qtbot, win, win_monitor, EXCEL)
    with qtbot.assertNotEmitted(win_monitor.changed, wait=QUIET_MS):
        win.send(OWN)
    assert win_monitor.current() == excel
    assert ("image", OWN_PID) not in win.read  # nothing read about our own process


def test_win_same_window_twice_is_one_change(
        qtbot: Any, win: FakeWin32, win_monitor: WindowsActiveWindow) -> None:
    seen: list[ActiveApp] = []
    win_monitor.changed.connect(seen.append)
    win.foreground = EXCEL
    win_monitor.start()
    win.send(EXCEL)
    win.send(EXCEL)
    win.send(NOTEPAD)
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=SIGNAL_MS)
    qtbot.wait(QUIET_MS)  # anything still queued arrives too
    assert [a.process for a in seen] == ["EXCEL.EXE", "notepad.exe"]


@pytest.mark.parametrize("token", [True, None], ids=["token-elevated", "token-unopenable"])
def test_win_elevated_process_whose_image_cannot_be_read(
        qtbot: Any, win: FakeWin32, win_monitor: WindowsActiveWindow,
        token: bool | None) -> None:
    win.elevation[4300] = token
    win_monitor.start()
    app = win_event(qtbot, win, win_monitor, ADMIN_CMD)
    assert app == ActiveApp(process="", exe="", pid=4300, elevated=True, os="windows",
                            title="Administrator: Command Prompt")
    assert win_monitor.status()["elevated"] is True


def test_win_elevated_process_with_a_readable_image_keeps_its_name(
        qtbot: Any, win: FakeWin32, win_monitor: WindowsActiveWindow) -> None:
    win.elevation[4100] = True
    win_monitor.start()
    app = win_event(qtbot, win, win_monitor, EXCEL)
    assert (app.process, app.exe, app.elevated) == ("EXCEL.EXE", EXCEL_EXE, True)


def test_win_unreadable_image_of_a_process_that_is_not_elevated(
        qtbot: Any, win: FakeWin32, win_monitor: WindowsActiveWindow) -> None:
    win.elevation[4300] = False
    win_monitor.start()
    app = win_event(qtbot, win, win_monitor, ADMIN_CMD)
    assert (app.process, app.elevated, app.title) == \
        ("", False, "Administrator: Command Prompt")


def test_win_elevated_app_is_not_more_rights_when_we_are_elevated_too(
        qtbot: Any, win: FakeWin32, win_monitor: WindowsActiveWindow) -> None:
    win.elevation[OWN_PID] = True
    win.elevation[4100] = True
    win_monitor.start()
    assert win_event(qtbot, win, win_monitor, EXCEL).elevated is False


def test_win_store_app_is_found_behind_application_frame_host(
        qtbot: Any, win: FakeWin32, win_monitor: WindowsActiveWindow) -> None:
    win_monitor.start()
    app = win_event(qtbot, win, win_monitor, FRAME)
    assert (app.process, app.exe, app.pid, app.title) == \
        ("CalculatorApp.exe", CALC_EXE, 4500, "Calculator")


def test_win_suspended_store_app_reports_the_frame_host(
        qtbot: Any, win: FakeWin32, win_monitor: WindowsActiveWindow) -> None:
    win.children[FRAME] = [FRAME_INNER]  # no window of the app itself
    win_monitor.start()
    app = win_event(qtbot, win, win_monitor, FRAME)
    assert (app.process, app.pid) == ("ApplicationFrameHost.exe", 4400)


def test_win_hook_runs_on_a_daemon_thread_and_stop_ends_it(
        qtbot: Any, win: FakeWin32, win_monitor: WindowsActiveWindow) -> None:
    win_monitor.start()
    assert win.hooked.wait(2)
    thread = win.hook_thread
    assert thread is not None and thread is not threading.main_thread()
    assert thread.daemon and thread.is_alive()
    win_event(qtbot, win, win_monitor, EXCEL)  # events are handled on that thread
    started = time.monotonic()
    win_monitor.stop()
    assert not thread.is_alive()
    assert time.monotonic() - started < STOP_TIMEOUT
    assert win.stop_calls == 1
    win_monitor.stop()  # twice is harmless
    assert win.stop_calls == 1


def test_win_can_start_again_after_stop(
        qtbot: Any, win: FakeWin32, win_monitor: WindowsActiveWindow) -> None:
    win_monitor.start()
    assert win.hooked.wait(2)
    first = win.hook_thread
    win_monitor.stop()
    win.hooked.clear()
    win_monitor.start()
    assert win.hooked.wait(2)
    assert win.hook_thread is not first and win.hook_thread is not None
    assert win_event(qtbot, win, win_monitor, NOTEPAD).process == "notepad.exe"


def test_win_paused_reads_nothing_from_the_windows(
        qtbot: Any, win: FakeWin32, win_monitor: WindowsActiveWindow) -> None:
    win_monitor.start()
    win_monitor.set_paused(True)
    with qtbot.assertNotEmitted(win_monitor.changed, wait=QUIET_MS):
        win.send(EXCEL)
    assert win.read == []
    assert win_monitor.status()["process"] is None
    win_monitor.set_paused(False)
    assert win_event(qtbot, win, win_monitor, EXCEL).process == "EXCEL.EXE"


@pytest.mark.allow_errors("SetWinEventHook failed")  # the failure is logged, as it should
def test_win_hook_that_cannot_be_installed_makes_it_unavailable(
        qtbot: Any, win: FakeWin32, win_monitor: WindowsActiveWindow) -> None:
    win.hook_error = OSError(5, "SetWinEventHook failed")
    win_monitor.start()
    qtbot.waitUntil(lambda: not win_monitor.available, timeout=SIGNAL_MS)
    assert "SetWinEventHook failed" in (win_monitor.status()["reason"] or "")


def test_win_without_the_windows_api_is_unavailable_and_says_why() -> None:
    def no_windows() -> FakeWin32:
        raise OSError("the Win32 API exists only on Windows")

    monitor = WindowsActiveWindow(api_factory=no_windows)
    monitor.start()
    monitor.stop()
    status = monitor.status()
    assert (status["backend"], status["available"]) == ("win32", False)
    assert "only on Windows" in status["reason"]
    assert monitor.current() is None


@pytest.mark.skipif(sys.platform.startswith("win"), reason="the real API exists here")
def test_win_real_api_elsewhere_than_windows_is_unavailable() -> None:
    monitor = WindowsActiveWindow()
    assert monitor.available is False
    assert "Windows" in (monitor.reason or "")


# --- macOS --------------------------------------------------------------------------

SAFARI = MacAppInfo(bundle_id="com.apple.Safari", name="Safari", pid=5100,
                    exe="/Applications/Safari.app/Contents/MacOS/Safari")
CODE = MacAppInfo(bundle_id="com.microsoft.VSCode", name="Visual Studio Code", pid=5200,
                  exe="/Applications/Visual Studio Code.app/Contents/MacOS/Electron")
OURS = MacAppInfo(bundle_id="org.jitl.desktop", name="JITL Desktop", pid=OWN_PID,
                  exe="/Applications/JITL Desktop.app/Contents/MacOS/jitl-desktop")


class FakeAppKit:
    """Scripted NSWorkspace: ``activate`` posts an activation notification."""

    def __init__(self) -> None:
        self.front: MacAppInfo | None = None
        self.trusted = True
        self.titles: dict[int, str] = {5100: "Apple", 5200: "main.py — project"}
        self.observers: dict[object, Callable[[MacAppInfo | None], None]] = {}
        self.unobserved: list[object] = []
        self.title_reads: list[int] = []

    def frontmost(self) -> MacAppInfo | None:
        return self.front

    def observe(self, callback: Callable[[MacAppInfo | None], None]) -> object:
        token = object()
        self.observers[token] = callback
        return token

    def unobserve(self, token: object) -> None:
        self.unobserved.append(token)
        del self.observers[token]

    def accessibility_trusted(self) -> bool:
        return self.trusted

    def front_window_title(self, pid: int) -> str:
        self.title_reads.append(pid)
        return self.titles.get(pid, "")

    def activate(self, info: MacAppInfo | None) -> None:
        if info is not None:
            self.front = info
        for callback in list(self.observers.values()):
            callback(info)


@pytest.fixture
def mac() -> FakeAppKit:
    return FakeAppKit()


@pytest.fixture
def mac_monitor(mac: FakeAppKit) -> Iterator[MacActiveWindow]:
    monitor = MacActiveWindow(api_factory=lambda: mac)
    yield monitor
    monitor.stop()


def test_mac_activation_of_safari_is_reported(
        qtbot: Any, mac: FakeAppKit, mac_monitor: MacActiveWindow) -> None:
    mac_monitor.start()
    with qtbot.waitSignal(mac_monitor.changed, timeout=SIGNAL_MS) as blocker:
        mac.activate(SAFARI)
    assert blocker.args[0] == ActiveApp(
        process="Safari", bundle_id="com.apple.Safari", pid=5100, title="Apple",
        exe="/Applications/Safari.app/Contents/MacOS/Safari", os="macos")
    status = mac_monitor.status()
    assert (status["backend"], status["available"], status["bundle_id"]) == \
        ("nsworkspace", True, "com.apple.Safari")
    assert status["accessibility"] is True
    assert "note" not in status


def test_mac_process_is_the_executable_name_else_the_localized_name(
        qtbot: Any, mac: FakeAppKit, mac_monitor: MacActiveWindow) -> None:
    mac_monitor.start()
    with qtbot.waitSignal(mac_monitor.changed, timeout=SIGNAL_MS) as blocker:
        mac.activate(CODE)
    assert blocker.args[0].process == "Electron"
    nameless = MacAppInfo(bundle_id="", name="Some Tool", pid=5300, exe="")
    with qtbot.waitSignal(mac_monitor.changed, timeout=SIGNAL_MS) as blocker:
        mac.activate(nameless)
    assert (blocker.args[0].process, blocker.args[0].exe) == ("Some Tool", "")


def test_mac_frontmost_app_is_reported_at_start(
        qtbot: Any, mac: FakeAppKit, mac_monitor: MacActiveWindow) -> None:
    mac.front = CODE
    with qtbot.waitSignal(mac_monitor.changed, timeout=SIGNAL_MS) as blocker:
        mac_monitor.start()
    assert blocker.args[0].bundle_id == "com.microsoft.VSCode"


def test_mac_our_own_app_keeps_the_previous_one(
        qtbot: Any, mac: FakeAppKit, mac_monitor: MacActiveWindow) -> None:
    mac_monitor.start()
    mac.activate(SAFARI)
    safari = mac_monitor.current()
    assert safari is not None and safari.process == "Safari"
    with qtbot.assertNotEmitted(mac_monitor.changed, wait=QUIET_MS):
        mac.activate(OURS)
        mac.activate(None)
    assert mac_monitor.current() == safari
    assert OWN_PID not in mac.title_reads


def test_mac_without_accessibility_there_is_no_title_and_status_says_how(
        qtbot: Any, mac: FakeAppKit, mac_monitor: MacActiveWindow) -> None:
    mac.trusted = False
    mac_monitor.start()
    with qtbot.waitSignal(mac_monitor.changed, timeout=SIGNAL_MS) as blocker:
        mac.activate(SAFARI)
    assert (blocker.args[0].title, blocker.args[0].bundle_id) == ("", "com.apple.Safari")
    assert mac.title_reads == []
    status = mac_monitor.status()
    assert status["accessibility"] is False
    assert status["available"] is True and status["reason"] is None
    assert status["note"] == ACCESSIBILITY_HELP
    assert "Privacy & Security → Accessibility" in status["note"]


def test_mac_stop_removes_the_observer(
        qtbot: Any, mac: FakeAppKit, mac_monitor: MacActiveWindow) -> None:
    mac_monitor.start()
    assert len(mac.observers) == 1
    token = next(iter(mac.observers))
    mac_monitor.stop()
    assert mac.unobserved == [token] and mac.observers == {}
    with qtbot.assertNotEmitted(mac_monitor.changed, wait=QUIET_MS):
        mac.activate(SAFARI)


def test_mac_paused_reads_nothing(
        qtbot: Any, mac: FakeAppKit, mac_monitor: MacActiveWindow) -> None:
    mac_monitor.start()
    mac_monitor.set_paused(True)
    with qtbot.assertNotEmitted(mac_monitor.changed, wait=QUIET_MS):
        mac.activate(SAFARI)
    assert mac.title_reads == []


def test_mac_without_pyobjc_is_unavailable_and_says_what_to_install() -> None:
    def no_pyobjc() -> FakeAppKit:
        raise ModuleNotFoundError("No module named 'AppKit'")

    monitor = MacActiveWindow(api_factory=no_pyobjc)
    monitor.start()
    monitor.stop()
    status = monitor.status()
    assert (status["backend"], status["available"]) == ("nsworkspace", False)
    assert "pip install pyobjc-framework-Cocoa" in status["reason"]
    assert status["accessibility"] is False
    assert monitor.current() is None


@pytest.mark.skipif(sys.platform == "darwin", reason="pyobjc may be installed here")
def test_mac_real_api_without_pyobjc_is_unavailable() -> None:
    monitor = MacActiveWindow()
    assert monitor.available is False
    assert "pyobjc-framework-Cocoa" in (monitor.reason or "")
