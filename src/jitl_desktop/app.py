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

from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from jitl_desktop import __version__, ipc
from jitl_desktop.core.apps import Catalog
from jitl_desktop.core.history import History
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.keys import display_combo
from jitl_desktop.core.notices import Notices
from jitl_desktop.core.policy import load_settings
from jitl_desktop.core.quiz import Question
from jitl_desktop.core.search import Entry, Result, SearchEngine
from jitl_desktop.core.settings import content_roots
from jitl_desktop.errors import DataDirError
from jitl_desktop.paths import Paths, app_catalog_files, bundled_content_dir, resource
from jitl_desktop.platform import active_window
from jitl_desktop.platform import autostart as autostart_mod
from jitl_desktop.platform import hotkey as hotkey_mod
from jitl_desktop.platform.single_instance import InstanceServer
from jitl_desktop.services.context import ContextController
from jitl_desktop.services.indexer import IndexWorker
from jitl_desktop.services.library import LEARNING, LibraryController
from jitl_desktop.services.menu import MenuEntry, TrayActions, tray_menu
from jitl_desktop.services.overlay import OverlayController, item_markdown
from jitl_desktop.services.search import SearchController
from jitl_desktop.services.settings import SettingsController
from jitl_desktop.ui.library import ItemView, LibraryWindow
from jitl_desktop.ui.overlay import OverlayWindow
from jitl_desktop.ui.settings import SettingsDialog
from jitl_desktop.ui.theme import Themes
from jitl_desktop.ui.tray import Tray

log = logging.getLogger(__name__)

#: up to this many items, the list of items is read at start (the tray's topics are
#: ready at once); above it, when the tray menu or the library first needs it
EAGER_LIST_ITEMS = 20_000



class JitlApp(QObject):
    """The running desktop app."""

    def __init__(self, qapp: QApplication, paths: Paths, extra_roots: Sequence[Path]) -> None:
        super().__init__()
        self.started = time.perf_counter()
        self.qapp = qapp
        self.paths = paths
        self.extra_roots = list(extra_roots)
        self.shutting_down = False

        log.info("1/8 single-instance server")
        self.server = InstanceServer(ipc.address(paths.data_dir), self.handle_request, self)
        self.server.listen()

        log.info("2/8 settings")
        self.settings = SettingsController(load_settings(paths.config_dir),
                                           autostart_mod.pick(), self)
        self.settings.changed.connect(self.on_setting_changed)
        self.themes = Themes(qapp)
        self.themes.apply(self.settings.get("theme"))
        self.roots = self._roots()
        self.apps = Catalog.load(*app_catalog_files(self.roots, paths.config_dir))

        log.info("3/8 index worker for %s", ", ".join(map(str, self.roots)))
        self.indexer = IndexWorker(paths.data_dir, self.roots, parent=self)

        log.info("4/8 search")

        def engine() -> SearchEngine:
            return SearchEngine(ContentIndex(paths.index_dir), roots=self.roots,
                                catalog=self.apps)

        self._engine = engine
        self.lookup = engine()  # items by id, on the GUI thread (a click, not typing)
        self.search = SearchController(engine, parent=self)
        self.indexer.index_updated.connect(self.search.on_index_updated)
        self.indexer.index_updated.connect(self.on_index_updated)

        log.info("5/8 history, overlay, library and settings windows")
        self.history = open_history(paths.data_dir, bool(self.settings.get("history")))
        self.overlay = OverlayController(self.search, self, history=self.history,
                                         lookup=self.lookup.get)
        self.window = OverlayWindow()
        self._wire_overlay()
        self.listing = LibraryController(self.search, self.apps, self, history=self.history,
                                         context=lambda: self.overlay.context)
        self.library = LibraryWindow()
        self._wire_library()
        self.settings_dialog: SettingsDialog | None = None

        log.info("6/8 active window")
        self.context = ContextController(active_window.pick(self), self.apps, self)
        self.context.start(self.settings.get("context_detection"))
        if self.context.monitor.reason:
            log.info("context unavailable: %s", self.context.monitor.reason)

        log.info("7/8 tray")
        icon = QIcon(str(resource("icons/jitl-desktop.svg")))
        qapp.setWindowIcon(icon)
        self.tray: Tray | None = None
        if Tray.available():
            self.tray = Tray(icon, self.tray_entries, self)
            self.tray.clicked.connect(self.toggle)
            self.tray.show()
        else:
            log.warning("no system tray: use the hotkey, 'jitl-desktop show' or the CLI")

        log.info("8/8 global hotkey")
        self.hotkey = hotkey_mod.pick(self)
        self.hotkey.pressed.connect(self.toggle)
        self.hotkey.start(self.settings.get("hotkey"))
        self.settings.on_apply("hotkey", self.rebind_hotkey)
        self._report_hotkey()
        self.notices: list[str] = []  # one-time messages shown in this run
        self._tell_once_about_hotkey()

        qapp.aboutToQuit.connect(self.shutdown)
        self.indexer.request_update()
        self.ready_ms = (time.perf_counter() - self.started) * 1000
        self.ready_at = time.time()
        log.info("ready in %.0f ms", self.ready_ms)

    def _roots(self) -> list[Path]:
        roots = content_roots(self.settings.settings, bundled_content_dir(),
                              self.paths.user_content_dir)
        return list(dict.fromkeys(roots + self.extra_roots))

    def _wire_library(self) -> None:
        w, c = self.library, self.listing
        w.filters_edited.connect(lambda changes: c.set_filters(**changes))
        w.reload_requested.connect(self._ensure_listed)
        w.item_requested.connect(self.open_from_library)
        w.play_requested.connect(self.play_video)
        w.mark_requested.connect(self.on_mark)
        w.comment_given.connect(self.history.comment)
        w.answer_given.connect(self.history.record_answer)
        w.filters_edited.connect(self._on_library_filters)
        c.entries_changed.connect(self._fill_library)
        c.list_changed.connect(self._show_list)
        self.overlay.marked.connect(lambda *_: self._after_marks())

    @Slot(list)
    def _show_list(self, entries: list[Entry]) -> None:
        bookmarked, done = set(self.history.bookmarks()), self.history.done()
        marks = {e.id: ("★" if e.id in bookmarked else "") + ("✓" if e.id in done else "")
                 for e in entries}
        self.library.show_entries(entries, self.listing.why, marks)

    @Slot(dict)
    def _on_library_filters(self, changes: dict[str, Any]) -> None:
        if changes.get("topic") == LEARNING:
            self.library.show_page(self.listing.learning_markdown())

    @Slot(str, str)
    def on_mark(self, item_id: str, action: str) -> None:
        """Bookmark, done or a vote, from the library window."""
        if action in ("bookmark", "unbookmark"):
            self.history.set_bookmark(item_id, action == "bookmark")
        elif action in ("done", "undone"):
            self.history.set_done(item_id, action == "done")
        elif action in ("helpful", "unhelpful"):
            self.history.vote(item_id, helpful=action == "helpful")
        self._after_marks()

    def _after_marks(self) -> None:
        """Progress, bookmarks and recommendations follow a mark at once."""
        if self.listing.loaded:
            self._fill_library()
            self.listing.refresh()

    @Slot()
    def _fill_library(self) -> None:
        self.library.set_topics(self.listing.topics(), len(self.listing.entries),
                                self.listing.filters.topic, self.listing.special())
        for name in ("kind", "app", "tag", "level"):
            self.library.set_choices(name, self.listing.choices(name))

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
        c.context_changed.connect(w.show_context)
        c.open_requested.connect(self.open_item)
        w.mark_requested.connect(c.on_mark)

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
        if not self.window.isVisible():  # the app in front before the overlay takes focus
            monitor = self.context.monitor
            self.overlay.set_context(self.context.current(),
                                     None if monitor.available else monitor.reason)
        if query is not None:
            self.window.set_query(query)
            self.overlay.on_query_edited(query)
        elif not self.overlay.query:
            self.overlay.on_query_edited("")
        self.overlay.visible = True
        self.window.present()

    @Slot()
    def hide(self) -> None:
        if self.overlay.visible:
            self.overlay.log_unchosen_search()
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
        if self.settings.get("hide_on_focus_loss") and not self.library.isActiveWindow():
            self.hide()

    # --- items ---------------------------------------------------------------------------

    @Slot(str, object)
    def open_item(self, item_id: str, at: float | None = None) -> None:
        """Show an item in the library window (a video from ``at``), and bring it up."""
        result = self.lookup.get(item_id)
        if result is None:
            log.warning("cannot open %s: not in the index", item_id)
            return
        self.hide()
        self.overlay.remember(result)
        self.history.record_view(item_id, app=self._context_name(), source="overlay")
        self.search.frecency = self.history.frecency()
        self.library.show_item(self._item_view(result, at))

    @Slot(str)
    def open_from_library(self, item_id: str) -> None:
        """An item chosen in the library's own list or links: shown in place, no
        focus taken from the list, a video waits for Play."""
        result = self.lookup.get(item_id)
        if result is not None:
            self.overlay.remember(result)
            self.history.record_view(item_id, source="library")
            self.search.frecency = self.history.frecency()
            self.library.show_item(self._item_view(result, None, autoplay=False),
                                   focus=False)

    def _context_name(self) -> str | None:
        app = self.overlay.context
        return (app.app_id or app.process or None) if app is not None else None

    def open_library(self, topic: str | None = None) -> None:
        """Show the library window listing ``topic`` (None: every item)."""
        self.hide()
        self.listing.set_filters(topic=topic)
        self.library.select_topic(topic)
        self._ensure_listed()
        self.library.show()
        self.library.raise_()
        self.library.activateWindow()

    @Slot()
    def _ensure_listed(self) -> None:
        if not self.listing.loaded:
            self.listing.load()

    def _item_view(self, result: Result, at: float | None, *, autoplay: bool = True
                   ) -> ItemView:
        meta = result.meta
        video = meta.get("video")
        if video and "://" not in video:
            video = str(Path(result.path).parent / video)

        def titled(ids: list[str]) -> list[tuple[str, str]]:
            out = []
            for other in ids:
                found = self.lookup.get(other)
                out.append((other, found.title if found else
                            other.rsplit("/", 1)[-1].replace("-", " ")))
            return out

        markdown = item_markdown(result.path)
        if result.kind == "link" and meta.get("url"):
            markdown = f"[Open {meta['url']}]({meta['url']})\n\n" + markdown
        quiz = next(((e.id, e.title) for e in self.listing.entries
                     if e.kind == "quiz" and e.checks == result.id), None)
        questions = [Question.from_json(q) for q in meta.get("questions", [])]
        return ItemView(result.id, result.title, result.kind, markdown,
                        titled(meta.get("related", [])), titled(meta.get("prerequisites", [])),
                        video, at, [(float(t), str(x)) for t, x in meta.get("cues", [])],
                        autoplay=autoplay, bookmarked=self.history.is_bookmarked(result.id),
                        done=self.history.is_done(result.id), questions=questions,
                        score=self.history.quiz_score(result.id), quiz=quiz)

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
        actions = TrayActions(search=self.show, open_item=self.open_item,
                              open_library=self.open_library, settings=self.open_settings,
                              reindex=self.indexer.request_rebuild, about=self.about,
                              quit=self.quit)
        topics = None
        if self.listing.loaded:
            topics = [(t, self.listing.in_topic(t.value)) for t in self.listing.topics()]
        else:
            self.listing.load()
        bookmarks = [(i, r.title) for i in self.history.bookmarks()[:15]
                     if (r := self.lookup.get(i)) is not None]
        suggested = None
        app = self.context.current()
        if app is not None:
            found = self.lookup.suggest(app, limit=10).results
            suggested = (app.name or app.process or "this application",
                         [(r.id, r.title) for r in found])
        return tray_menu(actions, recent=[(r.id, r.title) for r in self.overlay.recent],
                         bookmarks=bookmarks, suggested=suggested, topics=topics,
                         indexing=self.indexer.busy,
                         context=self._context_entry())

    def _context_entry(self) -> MenuEntry | None:
        """The tray's switch for app detection (None where it cannot work)."""
        if not self.context.monitor.available:
            return None
        on = bool(self.settings.get("context_detection"))
        return MenuEntry("Suggest for the application in use",
                         None if self.settings.locked("context_detection") else
                         functools.partial(self.settings.set, "context_detection", not on),
                         checked=on)

    # --- settings --------------------------------------------------------------------------

    @Slot()
    def open_settings(self) -> None:
        self.hide()
        if self.settings_dialog is None:
            self.settings_dialog = SettingsDialog(self.settings)
            self.settings_dialog.reindex_requested.connect(self.indexer.request_rebuild)
            self.settings_dialog.export_requested.connect(self.export_history)
            self.settings_dialog.clear_requested.connect(self.clear_history)
            self.indexer.update_started.connect(self.settings_dialog.on_index_started)
            self.indexer.progress.connect(self.settings_dialog.on_index_progress)
            self.indexer.index_updated.connect(self.settings_dialog.on_index_updated)
            self.indexer.update_failed.connect(self.settings_dialog.on_index_failed)
        self.settings_dialog.refresh(self._hotkey_note())
        self.settings_dialog.show()
        self.settings_dialog.raise_()
        self.settings_dialog.activateWindow()

    @Slot(str)
    def export_history(self, path: str) -> None:
        assert self.settings_dialog is not None
        try:
            self.history.export_to(Path(path))
        except OSError as exc:
            self.settings_dialog.say_history(f"Could not write {path}: {exc.strerror or exc}")
        else:
            self.settings_dialog.say_history(f"History written to {path}.")

    @Slot()
    def clear_history(self) -> None:
        self.history.clear()
        self.overlay.recent = []
        self.search.frecency = {}
        self._after_marks()
        if self.settings_dialog is not None:
            self.settings_dialog.say_history("History cleared.")

    def rebind_hotkey(self, combo: str) -> str | None:
        """Grab ``combo`` instead of the current hotkey; on failure keep the old one."""
        old = self.hotkey.combo
        self.hotkey.stop()
        self.hotkey.problem = None
        self.hotkey.start(combo)
        if self.hotkey.problem and self.hotkey.name != "none":
            problem = self.hotkey.problem
            self.hotkey.stop()
            self.hotkey.problem = None
            self.hotkey.start(old)
            return problem
        self._report_hotkey()
        return None

    def _tell_once_about_hotkey(self) -> None:
        """Where no global hotkey can work, say once how to get one (the tooltip and
        ``diagnose`` keep saying it)."""
        problem = self.hotkey.problem
        if not problem or not Notices(self.paths.data_dir).first_time(
                f"hotkey:{self.hotkey.name}:{problem}"):
            return
        self.notices.append(problem)
        if self.tray is not None:
            self.tray.notify("JITL Desktop has no global hotkey", problem)
        else:
            box = QMessageBox(QMessageBox.Icon.Information, "No global hotkey", problem,
                              QMessageBox.StandardButton.Ok)
            box.setObjectName("hotkeyNotice")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.setModal(False)
            box.show()

    def _hotkey_note(self) -> str:
        return self.hotkey.problem or ""

    def _report_hotkey(self) -> None:
        if self.hotkey.problem:
            log.warning("hotkey: %s", self.hotkey.problem)
        if self.tray is not None:
            self.tray.set_tooltip("JITL Desktop — " + (
                self.hotkey.problem or f"press {display_combo(self.hotkey.combo)} to search"))

    @Slot(str, object)
    def on_setting_changed(self, key: str, value: object) -> None:
        if key == "theme":
            self.themes.apply(str(value))
        elif key == "history":
            self.history.record = bool(value)
        elif key == "context_detection":
            self.context.set_enabled(bool(value))
        elif key in ("content_folders", "bundled_content"):
            self.roots = self._roots()
            self.apps.merge_files(app_catalog_files(self.roots, self.paths.config_dir))
            self.indexer.set_roots(self.roots)

    @Slot()
    def about(self) -> None:
        QMessageBox.about(None, "About JITL Desktop",
                          f"JITL Desktop {__version__}\nJust-in-time learning on the desktop.")

    @Slot(object)
    def on_index_updated(self, report: object) -> None:
        del report
        self.lookup.close()
        self.lookup = self._engine()
        self.search.frecency = self.history.frecency()
        if not self.overlay.recent:  # what was opened in earlier runs
            self.overlay.recent = [r for i in self.history.recent(8)
                                   if (r := self.lookup.get(i)) is not None]
        if self.overlay.query.strip():
            self.overlay.on_query_edited(self.overlay.query)
        if self.listing.loaded or self.indexer.items <= EAGER_LIST_ITEMS:
            self.listing.load()  # the tray's topics and the library follow the content

    # --- control ----------------------------------------------------------------------------

    def handle_request(self, message: dict[str, Any]) -> dict[str, Any]:
        command = message["command"]
        if command == "status":
            return {"status": self.status()}
        if command == "context":
            return {"context": self.context.status()}
        # Answer first, act right after: the caller (often a key binding) need not
        # wait for the window to be mapped and focused.
        actions: dict[str, Callable[[], object]] = {
            "toggle": self.toggle, "hide": self.hide, "quit": self.quit,
            "show": functools.partial(self.show, message.get("query")),
            "library": functools.partial(self.open_library, message.get("topic")),
            "settings": self.open_settings}
        QTimer.singleShot(0, actions[command])
        return {}

    def status(self) -> dict[str, Any]:
        return {
            "pid": os.getpid(),
            "version": __version__,
            "overlay": self.overlay.status(),
            "context": self.context.status(),
            "hotkey": self.hotkey.status(),
            "notices": self.notices,
            "tray": self._tray_status(),
            "library": {"visible": self.library.isVisible(),
                        "item": self.library.current.item_id if self.library.current else None,
                        "at": self.library.current.at if self.library.current else None,
                        "listed": len(self.library.listed_ids()),
                        "player": self.library.player_status()},
            "settings": {"visible": self.settings_dialog is not None
                         and self.settings_dialog.isVisible(),
                         "warnings": self.settings.warnings},
            "index": {"items": self.indexer.items, "updated": self.indexer.updated,
                      "updating": self.indexer.busy,
                      "roots": [str(r) for r in self.roots]},
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
        self.context.stop()
        self.server.close()
        self.search.stop()
        self.indexer.stop()
        self.lookup.close()
        self.window.hide()
        self.library.hide()
        self.history.close()


def open_history(data_dir: Path, record: bool) -> History:
    """The learning record; where the data folder cannot hold it, one in memory for this
    run (said in the log and by ``diagnose``), so the app still works."""
    try:
        return History(data_dir, record=record)
    except DataDirError as exc:
        log.error("%s; history is kept in memory for this run", exc)
        history = History(None, record=record)
        history.warnings.append(str(exc))
        return history


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


def run(paths: Paths, extra_roots: Sequence[Path]) -> int:
    """Start the desktop app (the caller made sure no instance runs)."""
    QApplication.setApplicationName("jitl-desktop")
    QApplication.setOrganizationName("JITL")
    QApplication.setApplicationDisplayName("JITL Desktop")
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    qapp.setQuitOnLastWindowClosed(False)
    app = JitlApp(qapp, paths, extra_roots)
    wakeup = _quit_on_signals(qapp)
    code = qapp.exec()
    del wakeup
    app.shutdown()
    return int(code)
