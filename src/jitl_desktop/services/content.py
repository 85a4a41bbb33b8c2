"""Which content folders the app serves, and the application catalog they extend.

The folders follow the settings (the bundled starter content, the user's own
folder, the folders added in Settings) plus those given on the command line for
this run (when the app starts, or later: ``jitl-desktop --content DIR`` while it runs).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from jitl_desktop.core.apps import Catalog
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine
from jitl_desktop.errors import ContentError
from jitl_desktop.paths import Paths, app_catalog_files
from jitl_desktop.services.settings import SettingsController

log = logging.getLogger(__name__)

#: the settings that decide the content folders
ROOT_SETTINGS = ("content_folders", "bundled_content")


class ContentRoots(QObject):
    """Signals:
        changed(list): the content folders changed (the new list of paths).
    """

    changed = Signal(list)

    def __init__(self, settings: SettingsController, *, paths: Paths,
                 extra: Sequence[Path] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._paths = paths
        self._extra = list(extra)
        self.roots = self._resolve()
        self.catalog = Catalog.load(*app_catalog_files(self.roots, paths.config_dir))
        for key in ROOT_SETTINGS:
            settings.watch(key, self._follow_settings)

    def engine(self) -> SearchEngine:
        """A search engine over the index of these folders (each thread has its own)."""
        return SearchEngine(ContentIndex(self._paths.index_dir), roots=self.roots,
                            catalog=self.catalog)

    def add_folder(self, folder: str) -> dict[str, Any]:
        """Serve ``folder`` (an absolute path) too, for the rest of this run (the answer
        to ``jitl-desktop --content DIR`` while the app runs); ContentError if it is not
        a folder this app can read."""
        path = Path(folder)
        if not path.is_absolute():
            raise ContentError(f"{folder} is not an absolute path")
        if not path.is_dir():
            why = "is not a folder" if path.exists() else "does not exist"
            raise ContentError(f"{folder} {why}")
        if not os.access(path, os.R_OK | os.X_OK):
            raise ContentError(f"{folder} cannot be read (permission denied)")
        if path in self.roots:
            return {"added": False, "folder": str(path)}
        self._extra.append(path)
        self._follow_settings(None)
        return {"added": True, "folder": str(path)}

    def _resolve(self) -> list[Path]:
        roots = self._paths.content_roots(self._settings.settings)
        return list(dict.fromkeys(roots + self._extra))

    def reload(self) -> None:
        """Resolve the folders again (content packs were installed or removed)."""
        self._follow_settings(None)

    def _follow_settings(self, _value: object) -> None:
        self.roots = self._resolve()
        self.catalog.merge_files(app_catalog_files(self.roots, self._paths.config_dir))
        log.info("content folders: %s", ", ".join(map(str, self.roots)))
        self.changed.emit(self.roots)
