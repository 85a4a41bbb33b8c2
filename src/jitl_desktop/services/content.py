"""Which content folders the app serves, and the application catalog they extend.

The folders follow the settings (the bundled starter content, the user's own
folder, the folders added in Settings) plus those given on the command line for
this run (when the app starts, or later: ``jitl-desktop --content DIR`` while it runs).
The user's languages (the ``language`` setting, then the system's) choose which variant
of a translated item every search engine shows.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, Signal

from jitl_desktop.core import languages
from jitl_desktop.core.apps import Catalog
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine
from jitl_desktop.core.variants import ui_translations
from jitl_desktop.errors import ContentError
from jitl_desktop.paths import Paths, app_catalog_files, resource
from jitl_desktop.services.settings import SettingsController

log = logging.getLogger(__name__)

#: the settings that decide the content folders
ROOT_SETTINGS = ("content_folders", "bundled_content")


def system_languages() -> list[str]:
    """The system's languages: the locale variables on Linux and the BSDs (as gettext
    reads them), the list Qt reports on Windows and macOS."""
    if sys.platform in ("win32", "darwin"):
        return [t for t in (languages.normalize(n) for n in QLocale.system().uiLanguages())
                if t]
    return languages.system_languages()


class ContentRoots(QObject):
    """Signals:
        changed(list): the content folders changed (the new list of paths).
        languages_changed(list): the user's languages changed (the new list): what is
            listed shows other variants of translated items.
    """

    changed = Signal(list)
    languages_changed = Signal(list)

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
        #: the user's languages, most wanted first (``languages.preferred``)
        self.languages = self._preferred()
        settings.watch("language", self._follow_language)

    def engine(self) -> SearchEngine:
        """A search engine over the index of these folders (each thread has its own),
        showing translated items in the user's languages."""
        return SearchEngine(ContentIndex(self._paths.index_dir), roots=self.roots,
                            catalog=self.catalog, languages=self.languages)

    def _preferred(self) -> list[str]:
        setting = str(self._settings.get("language") or "")
        try:
            return languages.preferred(setting, system_languages())
        except ValueError:  # the settings refuse such a value; a hand-edited file
            log.warning("language setting %r is no language tag; ignored", setting)
            return languages.preferred("", system_languages())

    def _follow_language(self, _value: object) -> None:
        wanted = self._preferred()
        if wanted != self.languages:
            self.languages = wanted
            log.info("content languages: %s", ", ".join(wanted) or "(the items' own)")
            self.languages_changed.emit(wanted)

    def language_status(self) -> dict[str, Any]:
        """The ``language`` part of ``status --json``: the windows' language, the
        content's languages in order, and whether the setting or the system chose."""
        setting = str(self._settings.get("language") or "")
        return {"ui": languages.pick(self.languages, ui_translations(resource("i18n"))),
                "content": list(self.languages),
                "source": "setting" if setting.strip() else "system"}

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
