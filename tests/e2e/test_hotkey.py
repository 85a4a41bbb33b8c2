"""The X11 hotkey backend on a real X server: rebinding to a combination another
program holds fails and keeps the old grab; rebinding to a free one moves the grab."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jitl_desktop.platform.hotkey.x11 import X11GrabHotkey

from .conftest import Desktop, start_desktop

pytestmark = pytest.mark.e2e

#: grabs Ctrl+Alt+<key> (argv[1]) and holds it until killed; says whether it could
GRABBER = """
import sys, time
from Xlib import X, XK, display, error
d = display.Display()
code = d.keysym_to_keycode(XK.string_to_keysym(sys.argv[1]))
caught = error.CatchError(error.BadAccess)
d.screen().root.grab_key(code, X.ControlMask | X.Mod1Mask, True, X.GrabModeAsync,
                         X.GrabModeAsync, onerror=caught)
d.sync()
print("taken" if caught.get_error() else "grabbed", flush=True)
time.sleep(60)
"""

SPACE, K, J = "<ctrl>+<alt>+<space>", "<ctrl>+<alt>+k", "<ctrl>+<alt>+j"
SIGNAL_MS = 3000


@pytest.fixture
def bare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desktop]:
    """An X server without a window manager; this process talks to it."""
    desktop = start_desktop(tmp_path, tray=False, wm=False)
    monkeypatch.setenv("DISPLAY", desktop.env["DISPLAY"])
    yield desktop
    desktop.stop()


@pytest.fixture
def backend(bare: Desktop, qapp: object) -> Iterator[X11GrabHotkey]:
    hotkey = X11GrabHotkey()
    hotkey.start(SPACE)
    assert hotkey.active and hotkey.problem is None
    yield hotkey
    hotkey.stop()


def grab(desktop: Desktop, key: str) -> tuple[subprocess.Popen[str], bool]:
    """Another program that tries to grab Ctrl+Alt+``key``, and whether it could."""
    grabber = subprocess.Popen([sys.executable, "-c", GRABBER, key], env=desktop.env,
                               stdout=subprocess.PIPE, text=True)
    assert grabber.stdout is not None
    answer = grabber.stdout.readline()
    assert answer in ("grabbed\n", "taken\n"), answer
    return grabber, answer == "grabbed\n"


def hold(desktop: Desktop, key: str) -> subprocess.Popen[str]:
    """Another program that holds Ctrl+Alt+``key``."""
    grabber, grabbed = grab(desktop, key)
    assert grabbed, f"Ctrl+Alt+{key} is taken already"
    return grabber


def end(grabber: subprocess.Popen[str]) -> None:
    grabber.kill()
    grabber.wait()
    if grabber.stdout is not None:
        grabber.stdout.close()


def press(qtbot, desktop: Desktop, backend: X11GrabHotkey, keys: str) -> None:
    """Press ``keys`` (xdotool spelling) and wait until the backend reports it."""
    with qtbot.waitSignal(backend.pressed, timeout=SIGNAL_MS):
        desktop.xdotool("key", keys)
    backend.release_keys()  # give the keyboard back, as the overlay does


def free(desktop: Desktop, key: str) -> bool:
    """Whether another program can grab Ctrl+Alt+``key`` now."""
    grabber, grabbed = grab(desktop, key)
    end(grabber)
    return grabbed


def test_rebind_to_a_combination_another_program_holds_keeps_the_old_one(
        qtbot, bare: Desktop, backend: X11GrabHotkey):
    grabber = hold(bare, "k")
    try:
        problem = backend.rebind(K)
    finally:
        end(grabber)
    assert problem == ("Ctrl+Alt+K is already taken by another program. "
                       "Choose another combination in Settings.")
    assert backend.combo == SPACE and backend.active and backend.problem is None
    press(qtbot, bare, backend, "ctrl+alt+space")  # the old grab works again
    assert not free(bare, "space")


def test_rebind_to_a_free_combination_moves_the_grab(
        qtbot, bare: Desktop, backend: X11GrabHotkey):
    assert backend.rebind(J) is None
    assert backend.combo == J and backend.active and backend.problem is None
    press(qtbot, bare, backend, "ctrl+alt+j")
    assert free(bare, "space")  # the old combination is given back
    assert not free(bare, "j")
