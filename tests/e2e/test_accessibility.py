"""The app as a screen reader sees it: the real app on Xvfb + openbox, in its own D-Bus
session with the AT-SPI bus, walked with pyatspi (Debian's python3-pyatspi) from
Debian's /usr/bin/python3.

Skipped, with the packages to install, where the accessibility bus or pyatspi is
missing; failed instead under ``JITL_TEST_ATSPI=1`` (``.ci/run`` sets it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.desktop import App, Desktop, wait_for
from tests.e2e.conftest import start_desktop

PACKAGES = "at-spi2-core python3-pyatspi dbus dbus-x11"
LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
SYSTEM_PYTHON = "/usr/bin/python3"
WALKER = Path(__file__).with_name("atspi_walk.py")
LISTENER = Path(__file__).with_name("atspi_listen.py")
CONTENT = Path(__file__).resolve().parents[2] / "content"

Node = dict[str, Any]


def atspi_missing() -> str | None:
    if not LAUNCHER.exists() or shutil.which("dbus-daemon") is None:
        return f"no AT-SPI bus here (Debian packages: {PACKAGES})"
    found = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True,
                           check=False) if Path(SYSTEM_PYTHON).exists() else None
    if found is None or found.returncode != 0:
        return f"no pyatspi for {SYSTEM_PYTHON} (Debian packages: {PACKAGES})"
    return None


@pytest.fixture(scope="module")
def bus_desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    """Xvfb + openbox, a private D-Bus session and the AT-SPI bus on it."""
    missing = atspi_missing()
    if missing:
        if os.environ.get("JITL_TEST_ATSPI") == "1":
            pytest.fail(missing)
        pytest.skip(missing)
    tmp = tmp_path_factory.mktemp("atspi")
    desktop = start_desktop(tmp, tray=False)
    try:
        bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                               env=desktop.env, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
        desktop.procs.append(bus)  # type: ignore[arg-type]
        assert bus.stdout is not None
        desktop.env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().decode().strip()
        bus.stdout.close()  # (it prints nothing more)
        desktop.env.pop("AT_SPI_BUS_ADDRESS", None)
        desktop.spawn(str(LAUNCHER), "--launch-immediately", log=tmp / "atspi.log")
        wait_for(lambda: subprocess.run(
            [SYSTEM_PYTHON, "-c", "import pyatspi; pyatspi.Registry.getDesktop(0)"],
            env=desktop.env, capture_output=True, timeout=20, check=False).returncode == 0,
            20, "the accessibility registry")
        yield desktop
    finally:
        desktop.stop()


@pytest.fixture
def app(bus_desktop: Desktop, tmp_path: Path) -> Iterator[App]:
    running = App(bus_desktop, tmp_path / "home" / "data", CONTENT, start_timeout=60,
                  extra_env={"QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
                             "QT_ACCESSIBILITY": "1"})
    running.start()
    yield running
    running.stop()
    # (the accessible objects made for the screen reader, ours too, go away cleanly)
    assert running.proc is not None and running.proc.returncode == 0, running.log_tail()


def tree(desktop: Desktop) -> list[Node]:
    done = subprocess.run([SYSTEM_PYTHON, str(WALKER), "jitl-desktop"], env=desktop.env,
                          capture_output=True, text=True, timeout=60, check=True)
    nodes: list[Node] = json.loads(done.stdout)
    return nodes


def window(nodes: list[Node], name: str) -> list[Node]:
    """The nodes of the top-level window named ``name`` (and its descendants)."""
    tops = [n for n in nodes if n["depth"] == 1 and n["name"] == name]
    if not tops:
        return []
    top = tops[0]["path"]
    return [n for n in nodes if n["path"] == top or n["path"].startswith(top + "/")]


def shown(nodes: list[Node]) -> list[Node]:
    return [n for n in nodes if "showing" in n["states"]]


def problems(nodes: list[Node]) -> list[str]:
    """What a screen-reader user would trip on among the shown nodes."""
    out = []
    for n in shown(nodes):
        if n["role"] == "unknown":
            out.append(f"unknown role at {n['path']} ({n['name']!r})")
        if n["role"] in ("push button", "toggle button", "check box", "radio button",
                         "combo box", "text", "list", "slider") and not n["name"]:
            out.append(f"unnamed {n['role']} at {n['path']}")
    return out


def focused_or_selected(nodes: list[Node]) -> list[str]:
    return [n["name"] for n in nodes if n["role"] == "list item"
            and ("selected" in n["states"] or "focused" in n["states"])]


def test_the_search_window_reads_well_and_moving_through_results_is_reported(app):
    desktop = app.desktop
    app.cli("show", "--query", "share screen")
    nodes = wait_for(lambda: window(tree(desktop), "JITL Desktop search") or None, 20,
                     "the search window on the accessibility bus",
                     show=lambda: [(n["role"], n["name"]) for n in tree(desktop)
                                   if n["depth"] <= 1])
    assert nodes[0]["role"] == "frame", nodes[0]
    assert problems(nodes) == []
    # the window is on the bus as soon as it shows; its results come a moment later
    wait_for(lambda: app.status()["overlay"]["results"], 20, "the results of the search")

    def listed() -> list[Node] | None:
        found = window(tree(desktop), "JITL Desktop search")
        return found if any(n["role"] == "list item" for n in shown(found)) else None

    nodes = wait_for(listed, 20, "the results on the accessibility bus")
    items = [n for n in shown(nodes) if n["role"] == "list item"]
    assert items and all(n["name"] for n in items)
    first = focused_or_selected(nodes)
    assert first, "no result is reported as current"
    desktop.xdotool("search", "--name", "JITL Desktop search", "windowactivate", "--sync")
    desktop.xdotool("key", "Down")
    second = wait_for(lambda: (focused_or_selected(window(tree(desktop),
                                                          "JITL Desktop search"))
                               != first) or None, 10, "another result reported current")
    assert second


class Announcements:
    """What the app announces on the accessibility bus (``object:announcement``), heard
    by a listener of Debian's python3 in its own process."""

    def __init__(self, desktop: Desktop, seconds: float = 60) -> None:
        self.proc = subprocess.Popen([SYSTEM_PYTHON, str(LISTENER), "jitl-desktop",
                                      str(seconds)], env=desktop.env, text=True,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.heard: list[str] = []
        assert self.next() == "listening"

    def next(self) -> Any:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()  # (the listener stops after its seconds)
        return json.loads(line) if line else None

    def wait_for(self, wanted: Any, what: str) -> str:
        """The first announcement for which ``wanted(text)`` is true."""
        while (event := self.next()) is not None:
            self.heard.append(event["text"])
            if wanted(event["text"]):
                return str(event["text"])
        raise AssertionError(f"never announced: {what}; heard {self.heard}")

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def test_the_result_count_and_the_current_result_are_announced(app):
    desktop = app.desktop
    heard = Announcements(desktop)
    try:
        app.cli("show", "--query", "share screen")
        count = heard.wait_for(lambda t: t.endswith(" results"), "the number of results")
        n = len(app.status()["overlay"]["results"])
        assert count == f"{n} results" and n > 1
        desktop.xdotool("search", "--name", "JITL Desktop search", "windowactivate",
                        "--sync")
        desktop.xdotool("key", "Down")
        second = heard.wait_for(lambda t: t.startswith("2 of "), "the second result")
        assert second.startswith(f"2 of {n}: ")
        desktop.xdotool("key", "ctrl+a", "type", "qqzx vvkj")
        # (a state on the way, such as "qq", may be announced first: the last one counts)
        assert heard.wait_for(lambda t: t == "No results", "no results") == "No results"
    finally:
        heard.close()


def test_the_library_settings_and_quiz_read_well(app):
    desktop = app.desktop
    app.cli("library")
    library = wait_for(lambda: [n for n in tree(desktop) if n["depth"] == 1
                                and n["role"] == "frame" and "Library" in n["name"]]
                       or None, 20, "the library frame",
                       show=lambda: [(n["role"], n["name"]) for n in tree(desktop)
                                     if n["depth"] <= 1])
    nodes = window(tree(desktop), library[0]["name"])
    assert problems(nodes) == []
    # the panes are resizable: their handles are named separators
    handles = [(n["role"], n["name"]) for n in shown(nodes) if n["role"] == "separator"]
    assert handles == [("separator", "Resize the topics and the list"),
                       ("separator", "Resize the list and the item")], \
        [(n["role"], n["name"]) for n in shown(nodes)]
    app.cli("settings")
    settings = wait_for(lambda: [n for n in tree(desktop) if n["depth"] == 1
                                 and "Settings" in n["name"]] or None, 20, "settings")
    assert settings[0]["role"] in ("frame", "dialog")
    assert problems(window(tree(desktop), settings[0]["name"])) == []


def test_a_quiz_reads_well(app):
    desktop = app.desktop
    app.cli("show", "--query", "Check: Spot a phishing e-mail")
    wait_for(lambda: app.status()["overlay"]["results"][:1]
             == ["security/spot-phishing-email-check"] or None, 20, "the quiz found")
    desktop.xdotool("search", "--name", "JITL Desktop search", "windowactivate", "--sync")
    desktop.xdotool("key", "Return")
    quiz = wait_for(lambda: [n for n in tree(desktop) if n["depth"] == 1
                             and n["name"].startswith("Check: Spot a phishing e-mail")]
                    or None, 20, "the quiz in the library",
                    show=lambda: [(n["role"], n["name"]) for n in tree(desktop)
                                  if n["depth"] <= 1])
    nodes = window(tree(desktop), quiz[0]["name"])
    assert quiz[0]["role"] == "frame"
    assert problems(nodes) == []
    radios = [n for n in shown(nodes) if n["role"] == "radio button"]
    assert radios and all(n["name"] for n in radios)
    checks = [n["name"] for n in nodes if n["role"] == "push button"
              and n["name"].startswith("Check the answer to question")]
    assert len(checks) == 4
