#!/usr/bin/env python3
"""Screenshots of JITL Desktop for docs/ and the README, on a real (virtual) desktop.

    python tools/screenshots.py [OUT_DIR]      # default: docs/

Starts Xvfb + openbox + trayer (harness/desktop.py), the app on the bundled starter
content, and takes, in the light and the dark theme:

    screenshot.png / screenshot-dark.png       the search window over an xterm
    library-video.png                          the library playing a video from its cue
    library-quiz.png                           a quick check with its questions

The screen is read with Qt's own grab of the X root window in a separate process.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
        try:
            desktop.spawn("xterm", "-geometry", "100x30+40+60", "-title", "work")
            set_theme(app, "light")
            search_window(app, "share my screen", out / "screenshot.png")
            library_item(app, "extract an archive video", "video", out / "library-video.png")
            library_item(app, "Check: Spot a phishing e-mail", "quiz", out / "library-quiz.png")
            set_theme(app, "dark")
            search_window(app, "share my screen", out / "screenshot-dark.png")
        finally:
            app.stop()
            desktop.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
