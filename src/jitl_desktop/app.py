"""Composition root: builds every part in a fixed, logged order, wires their signals and shuts
them down; the parts are in ``services/``. The only module that imports ``ui/``. Every way
out (tray Quit, ``jitl-desktop quit``, SIGTERM, logout) goes through :meth:`JitlApp.shutdown`."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from jitl_desktop import ipc
from jitl_desktop.core.notices import Notices
from jitl_desktop.core.policy import load_settings
from jitl_desktop.paths import Paths, resource
from jitl_desktop.platform import event_loop
from jitl_desktop.platform.backends import Backends
from jitl_desktop.platform.single_instance import InstanceServer
from jitl_desktop.services.content import ContentRoots
from jitl_desktop.services.context import ContextController
from jitl_desktop.services.control import ControlService
from jitl_desktop.services.hotkey import HotkeyController
from jitl_desktop.services.indexer import IndexWorker
from jitl_desktop.services.items import ItemService
from jitl_desktop.services.library import LibraryController
from jitl_desktop.services.menu import TrayActions, TrayMenu
from jitl_desktop.services.overlay import OverlayController
from jitl_desktop.services.problems import ContentProblems
from jitl_desktop.services.search import SearchController
from jitl_desktop.services.settings import SettingsController
from jitl_desktop.services.updates import ContentUpdates
from jitl_desktop.services.user_state import UserState, open_history
from jitl_desktop.services.xapi import XapiService
from jitl_desktop.ui.common import about_box, connect, show_notice
from jitl_desktop.ui.i18n import Translations
from jitl_desktop.ui.library import LibraryWindow
from jitl_desktop.ui.overlay import OverlayWindow
from jitl_desktop.ui.settings import SettingsDialog
from jitl_desktop.ui.theme import Themes
from jitl_desktop.ui.tray import NO_TRAY, Tray

log = logging.getLogger(__name__)


class JitlApp(QObject):
    """The running desktop app."""

    def __init__(self, qapp: QApplication, paths: Paths, extra_roots: Sequence[Path], *,
                 backends: Backends | None = None) -> None:
        super().__init__()
        os_, started = backends or Backends(), time.perf_counter()
        self.qapp, self.shutting_down = qapp, False

        log.info("1/8 single-instance server")
        self.server = InstanceServer(ipc.address(paths.data_dir),  # control is made last
                                     lambda m: self.control.handle(m), self)  # noqa: PLW0108
        self.server.listen()

        log.info("2/8 settings and content folders")
        self.settings = settings = SettingsController(load_settings(paths.config_dir),
                                                      os_.autostart(self), self)
        self.themes, self.i18n = Themes(qapp), Translations(qapp, parent=self)  # palette, words
        settings.follow(("theme", self.themes.apply), ("language", self.i18n.apply))
        self.content = ContentRoots(settings, paths=paths, extra=extra_roots, parent=self)

        log.info("3/8 index worker for %s", ", ".join(map(str, self.content.roots)))
        self.indexer = IndexWorker(paths.data_dir, self.content.roots, parent=self)
        self.updates = ContentUpdates(paths, settings, self.content, parent=self)  # packs
        self.problems = ContentProblems(self.indexer, self)

        log.info("4/8 search and history")
        self.search = SearchController(self.content.engine, parent=self)
        self.xapi = XapiService(settings.get, paths.data_dir, lambda i: self.items.get(i), self)  # noqa: PLW0108
        self.user = UserState(open_history(paths.data_dir, settings.get("history"),
                                           self.xapi.statements), self)
        connect((self.content.changed, self.indexer.set_roots),
                (self.search.index_damaged, self.indexer.on_index_damaged),
                (self.indexer.context_ready, self.search.on_index_updated))  # (read anew)
        settings.watch("history", self.user.set_recording)
        self.user.frecency_changed.connect(self.search.on_frecency_changed)

        log.info("5/8 active window")
        self.context = ContextController(os_.active_window(self), self.content.catalog, self)
        self.context.start(settings.get("context_detection"))
        settings.watch("context_detection", self.context.set_enabled)

        log.info("6/8 overlay, library and settings windows")
        self.hotkey = HotkeyController(os_.hotkey(self), notices=Notices(paths.data_dir),
                                       parent=self)
        self.library = LibraryController(self.search, self.content.catalog, self,
                                         user=self.user, context=self.context.current,
                                         languages=lambda: self.content.languages)
        self.items = ItemService(self.content.engine, user=self.user, library=self.library,
                                 context=self.context.current, parent=self, settings=settings)
        self.overlay_window, self.library_window = OverlayWindow(), LibraryWindow()
        self.overlay = OverlayController(
            self.search, self, user=self.user, lookup=self.items.get,
            view=self.overlay_window, context=self.context, typed=self.hotkey.release_keys,
            follow=self.items.follow_link,
            keep_open=lambda: not settings.get("hide_on_focus_loss")
            or self.library_window.isActiveWindow())
        self.settings_dialog: SettingsDialog | None = None
        self._wire_windows()
        updated = self.indexer.index_updated  # to the search thread, items, query, lists
        for signal, listed in ((updated, self.library.on_index_updated),  # new languages:
                               (self.content.languages_changed, self.library.load)):
            connect(*((signal, slot) for slot in (self.search.on_index_updated,
                      self.items.on_index_updated, self.overlay.on_index_updated, listed)))

        log.info("7/8 tray")
        qapp.setWindowIcon(QIcon(str(resource("icons/jitl-desktop.svg"))))
        self.tray: Tray | None = None
        if Tray.available():
            actions = TrayActions(search=self.overlay.show, open_item=self.items.open,
                                  open_library=self.library.open, settings=self.open_settings,
                                  reindex=self.indexer.request_rebuild, about=about_box,
                                  quit=qapp.quit, problems=self.problems.open)
            menu = TrayMenu(actions, library=self.library, user=self.user, items=self.items,
                            context=self.context, settings=settings,
                            indexing=lambda: self.indexer.busy, problems=self.problems.label)
            self.tray = Tray(qapp.windowIcon(), menu.entries, self)
            self.tray.clicked.connect(self.overlay.toggle)
            self.hotkey.tooltip_changed.connect(self.tray.set_tooltip)
            self.updates.notice_changed.connect(self.tray.set_notice)
            self.tray.show()
        else:
            log.warning("no system tray: use the hotkey, 'jitl-desktop show' or the CLI")

        log.info("8/8 global hotkey")
        hotkey, tray = self.hotkey, self.tray
        connect((hotkey.pressed, self.overlay.toggle), (self.i18n.changed, hotkey.retranslate),
                (hotkey.notice_needed, tray.notify if tray else show_notice),
                (hotkey.welcomed, tray.notify if tray else self.overlay_window.welcome))
        settings.on_apply("hotkey", hotkey.rebind)
        hotkey.start(settings.get("hotkey"), tray=tray is not None)

        self.control = ControlService(
            actions={"toggle": self.overlay.toggle, "show": self.overlay.show,
                     "hide": self.overlay.hide, "quit": self.qapp.quit,
                     "library": self.library.open, "settings": self.open_settings},
            report={"overlay": self.overlay.status, "context": self.context.status,
                    "hotkey": self.hotkey.status, "notices": lambda: self.hotkey.told,
                    "tray": self.tray.status if self.tray else lambda: NO_TRAY,
                    "library": self.library_window.status, "content_updates": self.updates.status,
                    "settings": lambda: {**(self.settings_dialog.status() if self.settings_dialog
                                            else {"visible": False}),
                                         "warnings": self.settings.warnings},
                    "index": self.problems.status, "history": self.user.status,
                    "xapi": self.xapi.status, "language": self.content.language_status,
                    "timing": lambda: {"ready_at": self.ready_at, "ready_ms": round(self.ready_ms),
                                       **self.overlay_window.timing()}},
            requests={"add_content": self.content.add_folder}, parent=self)
        qapp.aboutToQuit.connect(self.shutdown)
        self.indexer.request_update()
        self.ready_ms, self.ready_at = (time.perf_counter() - started) * 1000, time.time()
        log.info("ready in %.0f ms", self.ready_ms)

    def _wire_windows(self) -> None:
        self.overlay_window.bind(self.overlay)
        self.library_window.bind(self.library, self.items, self.user, self.problems)
        self.user.watch_view_window(self.library_window)  # time in view: shown, not minimised
        connect((self.overlay.open_requested, self.items.open),
                (self.items.opened, self.overlay.hide),
                (self.library.open_requested, self.overlay.hide),  # Escape: back to the app
                (self.overlay_window.escaped, self.context.monitor.give_focus_back),
                (self.updates.notice_changed, self.overlay.on_notice))

    @Slot()
    def open_settings(self) -> None:
        """The settings dialog, made when first asked for."""
        self.overlay.hide()
        dialog = self.settings_dialog
        if dialog is None:
            dialog = self.settings_dialog = SettingsDialog(self.settings)
            dialog.bind(self.indexer, self.user)
        dialog.present(self.hotkey.problem or "")

    @Slot()
    def shutdown(self) -> None:
        if self.shutting_down:
            return
        self.shutting_down = True
        log.info("shutting down")
        for stop in (self.hotkey.stop, self.context.stop, self.server.close, self.search.stop,
                     self.indexer.stop, self.overlay_window.hide, self.library_window.hide,
                     self.updates.stop, QCoreApplication.sendPostedEvents,  # what threads said
                     self.items.close, self.user.close, self.xapi.stop):
            stop()
        for gone in filter(None, (self.overlay_window, self.library_window, self.settings_dialog,
                                  self)):  # freed by Qt on this thread, not by a later collection
            gone.deleteLater()


def run(paths: Paths, extra_roots: Sequence[Path]) -> int:
    """Start the desktop app (the caller made sure no instance runs)."""
    return event_loop.run(lambda qapp: JitlApp(qapp, paths, extra_roots))
