"""A real desktop for end-to-end tests: Xvfb + openbox (+ trayer), and the real app.

The desktop and the app come from ``harness/desktop.py`` (shared with the benchmarks);
this file holds the fixtures and the test content. Skipped when Xvfb or openbox is not
installed (``.ci/run`` installs them).
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness import desktop as desktop_mod
from harness.desktop import App, Desktop, DesktopUnavailable, Keys, wait_for

__all__ = ["App", "Desktop", "Keys", "make_content", "start_desktop", "wait_for"]

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


def start_desktop(tmp: Path, *, tray: bool, wm: bool = True) -> Desktop:
    """:func:`harness.desktop.start_desktop`, skipping the test when a program is missing."""
    try:
        return desktop_mod.start_desktop(tmp, tray=tray, wm=wm)
    except DesktopUnavailable as exc:
        pytest.skip(str(exc))


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
