"""The whole app in this process (null platform backends, like tests/unit/ui/test_app.py)
over content folders of the test's own, and real clicks on what it shows."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# (these tests run the app's widgets in-process, as tests/unit/ui do)
from PySide6.QtCore import QObject, Qt, QUrl, Slot  # noqa: TID251
from PySide6.QtGui import QDesktopServices, QTextCursor  # noqa: TID251
from PySide6.QtWidgets import QTextBrowser  # noqa: TID251

from jitl_desktop.app import JitlApp
from jitl_desktop.paths import Paths
from jitl_desktop.platform.active_window import NullActiveWindow
from jitl_desktop.platform.autostart import NullAutostart
from jitl_desktop.platform.backends import Backends
from jitl_desktop.platform.hotkey import NullHotkey


def null_backends() -> Backends:
    """The null platform backends: no hotkey, no active-window detection, no autostart."""
    return Backends(hotkey=lambda parent: NullHotkey("tests have no hotkey", parent),
                    active_window=lambda parent: NullActiveWindow("tests", parent),
                    autostart=lambda _parent: NullAutostart("tests"))


def start_app(qtbot: Any, qapp: Any, base: Path, roots: Sequence[Path], *,
              items: int | None = None, at_least: int | None = None,
              settings: dict[str, Any] | None = None) -> JitlApp:
    """The app over ``roots`` (no starter content), once it has indexed ``items`` items
    (or ``at_least`` that many); the caller shuts it down."""
    paths = Paths(base / "data", base / "config")
    paths.config_dir.mkdir(parents=True)
    (paths.config_dir / "settings.json").write_text(
        json.dumps({"bundled_content": False, **(settings or {})}))
    app = JitlApp(qapp, paths, list(roots), backends=null_backends())

    def indexed() -> bool:
        count = app.indexer.status()["items"]
        return count == items if at_least is None else count >= at_least

    qtbot.waitUntil(indexed, timeout=30000)
    return app


class UrlRecorder(QObject):
    """Stands in for the system's URL handlers (browser, mail, file manager, scheme
    handlers): records what the app hands to ``QDesktopServices.openUrl``."""

    def __init__(self, schemes: Sequence[str]) -> None:
        super().__init__()
        self.schemes = list(schemes)
        self.opened: list[str] = []
        for scheme in self.schemes:
            QDesktopServices.setUrlHandler(scheme, self, "handle")

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.opened.append(url.toString())

    def close(self) -> None:
        for scheme in self.schemes:
            QDesktopServices.unsetUrlHandler(scheme)


def click_link(qtbot: Any, browser: QTextBrowser, href: str) -> None:
    """Click, with the mouse, the link to ``href`` shown in ``browser``."""
    doc = browser.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isAnchor() and fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(doc)
                cursor.setPosition(fragment.position() + max(1, fragment.length() // 2))
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                point = browser.cursorRect(cursor).center()
                qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href!r} in: {browser.toPlainText()!r}")
