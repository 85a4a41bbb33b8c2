"""A real desktop (Xvfb + openbox, and trayer for a tray), the real app on it, and keys
sent through XTEST.

Used by the end-to-end tests (``tests/e2e/conftest.py`` wraps it in fixtures) and by
``benchmarks/desktop.py``. It needs the system packages that ``.ci/run`` installs;
:func:`start_desktop` raises :class:`DesktopUnavailable` when they are missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from jitl_desktop.core.notices import WELCOME, Notices

T = TypeVar("T")

NEEDED = ("Xvfb", "openbox", "xdotool", "xprop")


class DesktopUnavailable(Exception):
    """A program the desktop needs is not installed."""


class WaitTimeout(AssertionError):
    """:func:`wait_for` ran out of time (an AssertionError, so tests report it as a
    failed expectation)."""


def wait_for(predicate: Callable[[], T | None], timeout: float, what: str,
             show: Callable[[], object] | None = None) -> T:
    """Poll until ``predicate`` returns something true (not None, False, 0 or empty) and
    return it; on time-out say what ``show`` returns."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value is not None and value:
            return value
        if time.monotonic() > deadline:
            seen = f"; last seen: {show()}" if show is not None else ""
            raise WaitTimeout(f"timed out after {timeout} s waiting for {what}{seen}")
        time.sleep(0.05)


@dataclass
class Desktop:
    """An X server with a window manager (and maybe a tray)."""

    env: dict[str, str]
    tray: bool
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def run(self, *args: str, timeout: float = 10) -> str:
        return subprocess.run(args, env=self.env, capture_output=True, text=True,
                              timeout=timeout, check=False).stdout.strip()

    def xdotool(self, *args: str) -> str:
        return self.run("xdotool", *args)

    def active_window_name(self) -> str:
        return self.xdotool("getactivewindow", "getwindowname")

    def spawn(self, *args: str, log: Path | None = None) -> subprocess.Popen[bytes]:
        if log is None:
            proc = subprocess.Popen(args, env=self.env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.STDOUT)
        else:
            with log.open("ab") as out:
                proc = subprocess.Popen(args, env=self.env, stdout=out,
                                        stderr=subprocess.STDOUT)
        self.procs.append(proc)
        return proc

    def stop(self) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def net_supported(self) -> bool:
        """Whether a window manager announces the active window (EWMH)."""
        return "_NET_ACTIVE_WINDOW" in self.run("xprop", "-root", "_NET_SUPPORTED")


def _start_xvfb(tmp: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Xvfb on a display number it chooses itself (-displayfd: no race with other
    servers or stale lock files); returns once it accepts clients."""
    read, write = os.pipe()
    try:
        with (tmp / "xvfb.log").open("ab") as log:
            proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0",
                                     "1280x800x24", "-nolisten", "tcp", "-noreset"],
                                    pass_fds=(write,), stdout=log, stderr=subprocess.STDOUT)
        os.close(write)
        write = -1
        number = b""
        while not number.endswith(b"\n"):
            chunk = os.read(read, 16)  # written when the server is ready
            if not chunk:
                proc.wait(5)
                raise RuntimeError("Xvfb did not start: "
                                   + (tmp / "xvfb.log").read_text(errors="replace"))
            number += chunk
    finally:
        os.close(read)
        if write >= 0:
            os.close(write)
    return proc, int(number)


def start_desktop(tmp: Path, *, tray: bool, wm: bool = True) -> Desktop:
    """Xvfb, then openbox (``wm``) and trayer (``tray``), with their logs in ``tmp``."""
    if missing := [tool for tool in NEEDED if shutil.which(tool) is None]:
        raise DesktopUnavailable(f"needs {', '.join(missing)} (installed by .ci/run)")
    if tray and shutil.which("trayer") is None:
        raise DesktopUnavailable("needs trayer (installed by .ci/run)")
    runtime = tmp / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    xvfb, display = _start_xvfb(tmp)
    env = {**os.environ, "DISPLAY": f":{display}", "XDG_RUNTIME_DIR": str(runtime)}
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("WAYLAND_DISPLAY", None)
    env["XDG_SESSION_TYPE"] = "x11"
    desktop = Desktop(env, tray, [xvfb])
    try:
        if wm:
            _start_openbox(desktop, tmp / "openbox.log")
        if tray:
            desktop.spawn("trayer", "--edge", "top", "--align", "right", "--widthtype",
                          "request", "--height", "24", "--SetDockType", "true")
            time.sleep(0.5)
    except BaseException:
        desktop.stop()  # nothing is left running when the desktop cannot be made
        raise
    return desktop


def _start_openbox(desktop: Desktop, log: Path) -> None:
    for _attempt in range(2):  # a window manager that died at start gets one more go
        openbox = desktop.spawn("openbox", log=log)

        def up_or_dead(proc: subprocess.Popen[bytes] = openbox) -> bool:
            return desktop.net_supported() or proc.poll() is not None

        wait_for(up_or_dead, 20, "openbox", show=lambda: log.read_text(errors="replace"))
        if openbox.poll() is None:
            return
    raise RuntimeError("openbox did not start: " + log.read_text(errors="replace"))


@dataclass
class App:
    """The real app, running as its own process on a :class:`Desktop`, with
    ``content`` as its only content (in place of the starter content)."""

    desktop: Desktop
    data_dir: Path
    content: Path
    proc: subprocess.Popen[bytes] | None = None
    log: Path | None = None
    #: how long the first index may take
    start_timeout: float = 20
    #: more environment for the app process only
    extra_env: dict[str, str] = field(default_factory=dict)
    #: start as on the first run, with the welcome (a tray message; with no tray the
    #: search window opens on its own); when False the welcome counts as shown before
    first_run: bool = False

    @property
    def config_dir(self) -> Path:
        return self.data_dir.parent / "config"

    @property
    def dirs(self) -> list[str]:
        return ["--data-dir", str(self.data_dir), "--config-dir", str(self.config_dir)]

    def cli(self, *args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "jitl_desktop", *self.dirs, *args],
                              env=self.desktop.env, capture_output=True, text=True,
                              timeout=timeout, check=False)

    def status(self) -> dict[str, Any]:
        done = self.cli("status", "--json")
        if done.returncode != 0:
            raise RuntimeError(f"status failed: {done.stderr}")
        status: dict[str, Any] = json.loads(done.stdout)
        return status

    def log_tail(self, lines: int = 20) -> str:
        if self.log is None or not self.log.exists():
            return "(no log)"
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def start(self) -> None:
        """Start the app and return once it answers and its first index update is
        over (whatever the number of items)."""
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        if not self.first_run:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            Notices(self.data_dir).first_time(WELCOME)
        log = self.log or self.data_dir.parent / "app.log"
        self.log = log
        with log.open("ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "jitl_desktop", "-v", *self.dirs],
                env={**self.desktop.env, "JITL_BUNDLED_CONTENT": str(self.content),
                     # the autostart entry, if a test turns it on, goes here
                     "XDG_CONFIG_HOME": str(self.data_dir.parent / "xdg-config"),
                     **self.extra_env},
                stdout=out, stderr=subprocess.STDOUT)
        wait_for(self._answers, 20, "the app", show=self.log_tail)
        wait_for(lambda: self.status()["index"]["updated"] is not None, self.start_timeout,
                 "the first index", show=self.log_tail)

    def _answers(self) -> bool:
        if self.proc is not None and self.proc.poll() is not None:
            raise RuntimeError(f"the app exited with {self.proc.returncode}: "
                               f"{self.log_tail()}")
        return self.cli("status", "--json").returncode == 0

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.cli("quit")
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Keys:
    """Key presses sent through the XTEST extension on its own X connection, as fast
    as the server takes them (the way a person's keyboard reaches the server)."""

    def __init__(self, desktop: Desktop) -> None:
        from Xlib import display

        self.dpy = display.Display(desktop.env["DISPLAY"])

    def press(self, *names: str) -> float:
        """Press the keys named by X keysyms in order, release them in reverse; return
        the time (epoch) the presses were sent."""
        from Xlib import XK, X
        from Xlib.ext import xtest

        codes = [self.dpy.keysym_to_keycode(XK.string_to_keysym(n)) for n in names]
        for code in codes:
            xtest.fake_input(self.dpy, X.KeyPress, code)
        for code in reversed(codes):
            xtest.fake_input(self.dpy, X.KeyRelease, code)
        sent = time.time()
        self.dpy.sync()
        return sent

    def close(self) -> None:
        self.dpy.close()
