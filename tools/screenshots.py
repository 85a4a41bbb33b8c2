#!/usr/bin/env python3
"""Screenshots of JITL Desktop for docs/ and the README, on a real (virtual) desktop.

    python tools/screenshots.py [OUT_DIR]      # default: docs/

Starts Xvfb + openbox + trayer (harness/desktop.py), the app on the bundled starter
content, and takes, in the light and the dark theme:

    screenshot.png / screenshot-dark.png       the search window over an xterm
    library-video.png                          the library playing a video from its cue
    library-quiz.png                           a quick check with its questions

The desktop gets a quiet wallpaper (a gradient drawn with Qt, set as the root window's
background pixmap with python-xlib) and a terminal with a plain prompt. The screen is
read with Qt's own grab of the X root window in a separate process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.desktop import App, Desktop, start_desktop, wait_for  # noqa: E402

GRAB = ("import sys\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "app = QGuiApplication(sys.argv[:1])\n"
        "ok = app.primaryScreen().grabWindow(0).save(sys.argv[1])\n"
        "sys.exit(0 if ok else 1)\n")


def grab(desktop: Desktop, path: Path) -> None:
    """The whole screen into ``path`` (PNG)."""
    subprocess.run([sys.executable, "-c", GRAB, str(path)],
                   env={**desktop.env, "QT_QPA_PLATFORM": "xcb"}, check=True, timeout=30)
    print(path)


#: a calm blue-grey gradient with a soft light from the top right, drawn by Qt (in its own
#: process, as GRAB) into a file of 32-bit pixels: B, G, R, x, what a 24-bit X visual
#: takes on a little-endian machine
WALLPAPER = ("import sys\n"
             "from PySide6.QtCore import QPointF\n"
             "from PySide6.QtGui import (QColor, QGuiApplication, QImage, QLinearGradient,\n"
             "                           QPainter, QRadialGradient)\n"
             "app = QGuiApplication(sys.argv[:1])\n"
             "w, h = int(sys.argv[2]), int(sys.argv[3])\n"
             "image = QImage(w, h, QImage.Format.Format_RGB32)\n"
             "p = QPainter(image)\n"
             "base = QLinearGradient(QPointF(0, 0), QPointF(w * 0.4, h))\n"
             "base.setColorAt(0.0, QColor('#55687a'))\n"
             "base.setColorAt(1.0, QColor('#2c3946'))\n"
             "p.fillRect(image.rect(), base)\n"
             "glow = QRadialGradient(QPointF(w * 0.8, h * 0.1), max(w, h) * 0.7)\n"
             "glow.setColorAt(0.0, QColor(214, 226, 236, 110))\n"
             "glow.setColorAt(1.0, QColor(214, 226, 236, 0))\n"
             "p.fillRect(image.rect(), glow)\n"
             "p.end()\n"
             "open(sys.argv[1], 'wb').write(bytes(image.constBits())[:w * h * 4])\n")


def wallpaper(width: int, height: int, work: Path) -> bytes:
    """The wallpaper's pixels for a ``width`` × ``height`` screen."""
    path = work / "wallpaper.raw"
    subprocess.run([sys.executable, "-c", WALLPAPER, str(path), str(width), str(height)],
                   env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=True,
                   timeout=60)
    return path.read_bytes()


def set_background(desktop: Desktop, work: Path) -> Any:
    """Give the root window the wallpaper; returns the X connection that keeps it (close
    it when done)."""
    from Xlib import X, display

    dpy = display.Display(desktop.env["DISPLAY"])
    screen = dpy.screen()
    width, height = screen.width_in_pixels, screen.height_in_pixels
    pixels = wallpaper(width, height, work)
    pixmap = screen.root.create_pixmap(width, height, screen.root_depth)
    gc = pixmap.create_gc()
    rows = max(1, 128 * 1024 // (width * 4))  # within the X server's request size
    for top in range(0, height, rows):
        count = min(rows, height - top)
        pixmap.put_image(gc, 0, top, width, count, X.ZPixmap, screen.root_depth, 0,
                         pixels[top * width * 4:(top + count) * width * 4])
    screen.root.change_attributes(background_pixmap=pixmap)
    screen.root.clear_area(0, 0, width, height)
    dpy.sync()
    return dpy


def terminal(desktop: Desktop, home: Path) -> None:
    """A terminal with a plain prompt in an empty home folder."""
    home.mkdir(parents=True, exist_ok=True)
    with open(os.devnull, "wb") as nothing:
        desktop.procs.append(subprocess.Popen(
            ["xterm", "-geometry", "100x30+40+60", "-title", "Terminal",
             "-e", "bash", "--norc", "--noprofile"],
            env={**desktop.env, "HOME": str(home), "PS1": "alex@laptop:~$ "}, cwd=home,
            stdout=nothing, stderr=nothing))


def settle() -> None:
    time.sleep(1.0)  # let the window manager draw and the results paint


def search_window(app: App, query: str, path: Path) -> None:
    app.cli("show", "--query", query)
    wait_for(lambda: app.status()["overlay"]["results"], 10, "results")
    settle()
    grab(app.desktop, path)
    app.cli("hide")


def library_item(app: App, query: str, kind: str, path: Path) -> None:
    """Open the first hit of ``kind`` for ``query`` in the library, as Enter does."""
    app.cli("show", "--query", query)
    status = wait_for(lambda: (s := app.status())["overlay"]["results"] and s, 10, "results")
    first = status["overlay"]["results"][0]
    app.desktop.xdotool("key", "Return")
    wait_for(lambda: app.status()["library"]["item"], 10, f"{kind} in the library")
    del first
    time.sleep(2.5 if kind == "video" else 1.0)  # a few frames of the video
    grab(app.desktop, path)
    app.cli("hide")


def set_theme(app: App, theme: str) -> None:
    app.stop()
    app.config_dir.mkdir(parents=True, exist_ok=True)
    (app.config_dir / "settings.json").write_text(json.dumps({"theme": theme}))
    app.start()


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="jitl-shots-") as work:
        base = Path(work)
        desktop = start_desktop(base, tray=True)
        app = App(desktop, base / "data", ROOT / "content", start_timeout=60)
        background = None
        try:
            background = set_background(desktop, base)
            terminal(desktop, base / "home")
            set_theme(app, "light")
            search_window(app, "share my screen", out / "screenshot.png")
            library_item(app, "extract an archive video", "video", out / "library-video.png")
            library_item(app, "Check: Spot a phishing e-mail", "quiz", out / "library-quiz.png")
            set_theme(app, "dark")
            search_window(app, "share my screen", out / "screenshot-dark.png")
        finally:
            app.stop()
            if background is not None:
                background.close()
            desktop.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
