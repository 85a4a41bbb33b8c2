"""A real desktop for end-to-end tests: Xvfb + openbox (+ trayer), and the real app.

Skipped when Xvfb or openbox is not installed (``.ci/run`` installs them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

NEEDED = ("Xvfb", "openbox", "xdotool", "xprop")

CONTENT = {
    "terminal/extract-archive.md": """
        ---
        title: Extract a .tar.gz or .zip archive
        summary: Unpack archives on Linux, macOS and Windows.
        kind: guide
        tags: [unzip, untar, extract]
        apps: [terminal]
        related: [terminal/archives-video]
        ---
        # Extract a .tar.gz or .zip archive

        ```sh
        tar -xf backup.tar.gz
        ```
        """,
    "terminal/archives-video.md": """
        ---
        title: Archives in one minute
        kind: video
        video: archives.webm
        transcript: archives.vtt
        ---
        # Archives in one minute
        """,
    "terminal/archives.vtt": "WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nWelcome.\n\n"
                             "00:00:42.000 --> 00:00:48.000\nNow unpack the tarball with tar.\n",
    "mail/signature.md": "# Add an e-mail signature\n\n> Sign every message automatically.\n",
    "calculator/percent.md": "---\ntitle: Percentage change\napps: [calculator]\n---\n"
                             "New minus old, divided by old.\n",
    "calculator/xcalc-keys.md": "---\ntitle: XCalc from the keyboard\napps: [xcalc]\n---\n"
                                "Type the numbers; Return is equals.\n",
}


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
        out = log.open("ab") if log is not None else subprocess.DEVNULL
        try:
            proc = subprocess.Popen(args, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        finally:
            if log is not None:
                out.close()  # type: ignore[union-attr]
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
                raise AssertionError("Xvfb did not start: "
                                     + (tmp / "xvfb.log").read_text(errors="replace"))
            number += chunk
    finally:
        os.close(read)
        if write >= 0:
            os.close(write)
    return proc, int(number)


def start_desktop(tmp: Path, *, tray: bool, wm: bool = True) -> Desktop:
    if missing := [tool for tool in NEEDED if shutil.which(tool) is None]:
        pytest.skip(f"needs {', '.join(missing)} (installed by .ci/run)")
    if tray and shutil.which("trayer") is None:
        pytest.skip("needs trayer (installed by .ci/run)")
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
            wm_log = tmp / "openbox.log"
            for _attempt in range(2):  # a window manager that died at start gets one more go
                openbox = desktop.spawn("openbox", log=wm_log)
                if wait_for(lambda p=openbox: _net_supported(desktop) or p.poll() is not None,
                            20, "openbox", show=lambda: wm_log.read_text(errors="replace")) \
                        is True and openbox.poll() is None:
                    break
            else:
                raise AssertionError("openbox did not start: "
                                     + wm_log.read_text(errors="replace"))
        if tray:
            desktop.spawn("trayer", "--edge", "top", "--align", "right", "--widthtype",
                          "request", "--height", "24", "--SetDockType", "true")
            time.sleep(0.5)
    except BaseException:
        desktop.stop()  # nothing is left running when the desktop cannot be made
        raise
    return desktop


def _net_supported(desktop: Desktop) -> bool:
    """Whether a window manager announces the active window (EWMH)."""
    return "_NET_ACTIVE_WINDOW" in desktop.run("xprop", "-root", "_NET_SUPPORTED")


def wait_for(predicate: Callable[[], Any], timeout: float, what: str,
             show: Callable[[], Any] | None = None) -> Any:
    """Poll until ``predicate`` is true; on time-out say what ``show`` returns."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            seen = f"; last seen: {show()}" if show is not None else ""
            raise AssertionError(f"timed out after {timeout} s waiting for {what}{seen}")
        time.sleep(0.05)


@dataclass
class App:
    """The real app, running as its own process on the test desktop."""

    desktop: Desktop
    data_dir: Path
    content: Path
    proc: subprocess.Popen[bytes] | None = None
    log: Path | None = None
    start_timeout: float = 20
    #: more environment for the app process only
    extra_env: dict[str, str] = field(default_factory=dict)

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
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    def start(self) -> None:
        assert self.log is not None
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "jitl_desktop", "-v", *self.dirs],
                env={**self.desktop.env, "JITL_BUNDLED_CONTENT": str(self.content),
                     # the autostart entry, if a test turns it on, goes here
                     "XDG_CONFIG_HOME": str(self.data_dir.parent / "xdg-config"),
                     **self.extra_env},
                stdout=log, stderr=subprocess.STDOUT)
        wait_for(lambda: self.cli("status", "--json").returncode == 0, 20, "the app")
        wait_for(lambda: self.status()["index"]["items"] >= len(
            [k for k in CONTENT if k.endswith(".md")]), self.start_timeout, "the first index")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.cli("quit")
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


#: a real 63-second video of the starter content, played as "Archives in one minute"
VIDEO = Path(__file__).resolve().parents[2] / "content" / "terminal" / "media" / \
    "extract-archive-in-60-seconds.webm"


def make_content(root: Path) -> Path:
    for rel, text in CONTENT.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    shutil.copyfile(VIDEO, root / "terminal" / "archives.webm")
    return root


@pytest.fixture(scope="module")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    d = start_desktop(tmp_path_factory.mktemp("desktop"), tray=True)
    yield d
    d.stop()


@pytest.fixture
def app(desktop: Desktop, tmp_path: Path) -> Iterator[App]:
    running = App(desktop, tmp_path / "data", make_content(tmp_path / "content"),
                  log=tmp_path / "app.log")
    running.start()
    yield running
    running.stop()
    assert running.proc is not None and running.proc.returncode == 0, \
        (running.log.read_text() if running.log else "")
