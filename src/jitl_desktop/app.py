"""Composition root: builds every part in a fixed, logged order and wires them.

The only module that imports ``ui/``. Every way out (tray Quit, ``jitl-desktop
quit``, SIGTERM, the session ending) goes through :meth:`JitlApp.shutdown`.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from jitl_desktop import __version__, ipc
from jitl_desktop.core.apps import Catalog
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine
from jitl_desktop.paths import Paths, app_catalog_file, resource
from jitl_desktop.platform import hotkey as hotkey_mod
from jitl_desktop.platform.single_instance import InstanceServer
from jitl_desktop.services.indexer import IndexWorker
from jitl_desktop.services.menu import SEPARATOR, MenuEntry
from jitl_desktop.services.overlay import OverlayController, item_markdown
from jitl_desktop.services.search import SearchController
from jitl_desktop.ui.library import ItemView, LibraryWindow
from jitl_desktop.ui.overlay import OverlayWindow
from jitl_desktop.ui.tray import Tray

log = logging.getLogger(__name__)



class JitlApp(QObject):
    """The running desktop app."""

    def __init__(self, qapp: QApplication, paths: Paths, roots: Sequence[Path]) -> None:
        super().__init__()
        self.started = time.perf_counter()
        self.qapp = qapp
        self.paths = paths
        self.roots = list(roots)
        self.shutting_down = False
        catalog = Catalog.load(app_catalog_file())

        log.info("1/6 single-instance server")
        self.server = InstanceServer(ipc.address(paths.data_dir), self.handle_request, self)
        self.server.listen()

        log.info("2/6 index worker for %s", ", ".join(map(str, self.roots)))
        self.indexer = IndexWorker(paths.data_dir, self.roots, parent=self)

        log.info("3/6 search")

        def engine() -> SearchEngine:
            return SearchEngine(ContentIndex(paths.index_dir), roots=self.roots,
                                catalog=catalog)

        self.search = SearchController(engine, parent=self)
        self.indexer.index_updated.connect(self.search.on_index_updated)
        self.indexer.index_updated.connect(self.on_index_updated)

        log.info("4/6 overlay and library window")
        self.overlay = OverlayController(self.search, self)
        self.window = OverlayWindow()
        self.library = LibraryWindow()
        self._wire_overlay()
        self.library.item_requested.connect(self.open_item)
        self.library.play_requested.connect(self.play_video)

        log.info("5/6 tray")
        icon = QIcon(str(resource("icons/jitl-desktop.svg")))
        qapp.setWindowIcon(icon)
        self.tray: Tray | None = None
        if Tray.available():
            self.tray = Tray(icon, self.tray_entries, self)
            self.tray.clicked.connect(self.toggle)
            self.tray.show()
        else:
            log.warning("no system tray: use the hotkey, 'jitl-desktop show' or the CLI")

        log.info("6/6 global hotkey")
        self.hotkey = hotkey_mod.pick(self)
        self.hotkey.pressed.connect(self.toggle)
        self.hotkey.start(hotkey_mod.DEFAULT_COMBO)
        if self.hotkey.problem:
            log.warning("hotkey: %s", self.hotkey.problem)
            if self.tray is not None:
                self.tray.set_tooltip("JITL Desktop — " + self.hotkey.problem)

        qapp.aboutToQuit.connect(self.shutdown)
        self.indexer.request_update()
        self.ready_ms = (time.perf_counter() - self.started) * 1000
        self.ready_at = time.time()
        log.info("ready in %.0f ms", self.ready_ms)

    def _wire_overlay(self) -> None:
        w, c = self.window, self.overlay
        w.query_edited.connect(c.on_query_edited)
        w.current_changed.connect(c.on_current_changed)
        w.activated.connect(c.on_activated)
        w.copy_requested.connect(c.on_copy_requested)
        w.link_clicked.connect(c.on_link)
        w.hide_requested.connect(self.hide)
        w.focus_lost.connect(self.on_focus_lost)
        w.activated_window.connect(self.on_overlay_active)
        c.rows_ready.connect(w.show_rows)
        c.hint_changed.connect(w.show_hint)
        c.preview_ready.connect(w.show_preview)
        c.open_requested.connect(self.open_item)

    # --- overlay -------------------------------------------------------------------------

    @Slot()
    def toggle(self) -> None:
        log.info("toggle (shown: %s, active: %s)", self.window.isVisible(),
                 self.window.isActiveWindow())
        if self.window.isVisible() and self.window.isActiveWindow():
            self.hide()
        else:
            self.show()

    def show(self, query: str | None = None) -> None:
        if query is not None:
            self.window.set_query(query)
            self.overlay.on_query_edited(query)
        elif not self.overlay.query:
            self.overlay.on_query_edited("")
        self.overlay.visible = True
        self.window.present()

    @Slot()
    def hide(self) -> None:
        self.hotkey.release_keys()
        self.overlay.visible = False
        self.window.hide()

    @Slot()
    def on_overlay_active(self) -> None:
        """The overlay has the focus: hand it what was typed since the hotkey."""
        typed = self.hotkey.release_keys()
        if typed:
            self.window.insert_text(typed)
            self.overlay.on_query_edited(self.window.box.text())

    @Slot()
    def on_focus_lost(self) -> None:
        if not self.library.isActiveWindow():
            self.hide()

    # --- items ---------------------------------------------------------------------------

    @Slot(str, object)
    def open_item(self, item_id: str, at: float | None = None) -> None:
        result = self.overlay._by_id.get(item_id)
        if result is None:
            response = self.search.search_now(item_id)
            result = next((r for r in response.results if r.id == item_id), None)
        if result is None:
            log.warning("cannot open %s: not in the index", item_id)
            return
        self.hide()
        meta = result.meta
        video = meta.get("video")
        if video and "://" not in video:
            video = str(Path(result.path).parent / video)
        related = [(i, i.rsplit("/", 1)[-1].replace("-", " ")) for i in meta.get("related", [])]
        prereq = [(i, i.rsplit("/", 1)[-1].replace("-", " "))
                  for i in meta.get("prerequisites", [])]
        markdown = item_markdown(result.path)
        if result.kind == "link" and meta.get("url"):
            markdown = f"[Open {meta['url']}]({meta['url']})\n\n" + markdown
        self.library.show_item(ItemView(result.id, result.title, result.kind, markdown,
                                        related, prereq, video, at))

    @Slot(str, float)
    def play_video(self, url: str, at: float) -> None:
        target = QUrl(url) if "://" in url else QUrl.fromLocalFile(url)
        if not QDesktopServices.openUrl(target):
            QMessageBox.warning(self.library, "JITL Desktop",
                                f"No video player could open {url}.")
        elif at:
            log.info("video opened in the system player; it cannot start at %.0f s", at)

    # --- tray ------------------------------------------------------------------------------

    def tray_entries(self) -> list[MenuEntry]:
        recent = [MenuEntry(r.title, functools.partial(self.open_item, r.id))
                  for r in self.overlay.recent]
        return [
            MenuEntry("Search…", self.show),
            SEPARATOR,
            MenuEntry("Recent", children=recent),
            SEPARATOR,
            MenuEntry("Reindex content", self.indexer.request_rebuild),
            MenuEntry("About JITL Desktop", self.about),
            MenuEntry("Quit", self.quit),
        ]

    @Slot()
    def about(self) -> None:
        QMessageBox.about(None, "About JITL Desktop",
                          f"JITL Desktop {__version__}\nJust-in-time learning on the desktop.")

    @Slot(object)
    def on_index_updated(self, report: object) -> None:
        del report
        if self.overlay.query.strip():
            self.overlay.on_query_edited(self.overlay.query)

    # --- control ----------------------------------------------------------------------------

    def handle_request(self, message: dict[str, Any]) -> dict[str, Any]:
        command = message["command"]
        if command == "status":
            return {"status": self.status()}
        # Answer first, act right after: the caller (often a key binding) need not
        # wait for the window to be mapped and focused.
        actions: dict[str, Callable[[], object]] = {
            "toggle": self.toggle, "hide": self.hide, "quit": self.quit,
            "show": functools.partial(self.show, message.get("query"))}
        QTimer.singleShot(0, actions[command])
        return {}

    def status(self) -> dict[str, Any]:
        return {
            "pid": os.getpid(),
            "version": __version__,
            "overlay": self.overlay.status(),
            "context": {"app": None, "process": None, "wm_class": None, "title": None,
                        "backend": "none", "available": False,
                        "reason": "active-window detection is not built yet"},
            "hotkey": self.hotkey.status(),
            "tray": self._tray_status(),
            "library": {"visible": self.library.isVisible(),
                        "item": self.library.current.item_id if self.library.current else None,
                        "at": self.library.current.at if self.library.current else None},
            "index": {"items": self.indexer.items, "updated": self.indexer.updated,
                      "updating": self.indexer.busy},
            "timing": {"ready_at": self.ready_at, "ready_ms": round(self.ready_ms, 1),
                       "overlay_shown_at": self.window.shown_at,
                       "key_to_paint_ms": self.window.key_to_paint_ms()},
        }

    def _tray_status(self) -> dict[str, Any]:
        if self.tray is None:
            return {"available": False, "visible": False,
                    "note": "no system tray here: use the hotkey or 'jitl-desktop show'"}
        rect = self.tray.icon.geometry()
        return {"available": True, "visible": self.tray.icon.isVisible(),
                "geometry": [rect.x(), rect.y(), rect.width(), rect.height()]}

    @Slot()
    def quit(self) -> None:
        self.qapp.quit()

    @Slot()
    def shutdown(self) -> None:
        if self.shutting_down:
            return
        self.shutting_down = True
        log.info("shutting down")
        self.hotkey.stop()
        self.server.close()
        self.search.stop()
        self.indexer.stop()
        self.window.hide()


def _quit_on_signals(qapp: QApplication) -> object:
    """SIGTERM and Ctrl+C end the event loop cleanly. Python runs signal handlers only
    when it gets control, so the signal also wakes a socket the event loop watches
    (no polling timer)."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, qapp)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)
    signal.signal(signal.SIGTERM, lambda *_: qapp.quit())
    signal.signal(signal.SIGINT, lambda *_: qapp.quit())
    return (reader, writer, notifier)


def run(paths: Paths, roots: Sequence[Path]) -> int:
    """Start the desktop app (the caller made sure no instance runs)."""
    QApplication.setApplicationName("jitl-desktop")
    QApplication.setOrganizationName("JITL")
    QApplication.setApplicationDisplayName("JITL Desktop")
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    qapp.setQuitOnLastWindowClosed(False)
    app = JitlApp(qapp, paths, roots)
    wakeup = _quit_on_signals(qapp)
    code = qapp.exec()
    del wakeup
    app.shutdown()
    return int(code)
