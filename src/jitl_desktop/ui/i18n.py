"""The windows' language: the app's translation and Qt's own, installed and switched.

The words of the windows are written in English in the code and go through Qt's
translation (``self.tr()``, ``QCoreApplication.translate()``); ``resources/i18n/`` holds
the ``.ts`` sources (``tools/update_translations.py`` keeps them in step with the code)
and the ``.qm`` files built from them when the package is built. English is a
translation too: its plural forms (``%n item(s)`` → ``1 item``) come from ``jitl_en.ts``.

Which language: :func:`jitl_desktop.core.languages.pick` over the user's list (the
``language`` setting, then the system's languages) among the languages shipped. A change
of the setting installs the other translation at once; Qt then sends every widget a
``LanguageChange`` event and each window says its words again (``retranslate()``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QGuiApplication

from jitl_desktop.core import languages
from jitl_desktop.paths import resource
from jitl_desktop.services.words import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

#: the languages of the windows, each named in itself (the settings' language list)
SHIPPED = {"en": "English", "de": "Deutsch", "fr": "Français"}
#: the app's translation files: ``jitl_<language>.qm``
PREFIX = "jitl_"
# a translation says which way its language is written (translated "LTR" or "RTL"),
# as Qt's own translations do
QT_TRANSLATE_NOOP("QGuiApplication", "QT_LAYOUT_DIRECTION")


def folder() -> Path:
    """Where the app's ``.qm`` files are (in the package, or the source tree)."""
    return Path(resource("i18n"))


def qt_folder() -> Path:
    """Where Qt's own translations are (``qtbase_de.qm``…)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def available(where: Path | None = None) -> list[str]:
    """The languages with a compiled translation in ``where`` (default: the app's)."""
    where = where or folder()
    return sorted(p.stem[len(PREFIX):].replace("_", "-") for p in where.glob(f"{PREFIX}*.qm"))


def choose(setting: str, system: Sequence[str] | None = None,
           shipped: Sequence[str] | None = None) -> str:
    """The language of the windows for the ``language`` setting ("" follows the system,
    ``system``: Qt's list of the system's UI languages)."""
    if system is None:
        system = QLocale.system().uiLanguages()
    try:
        wanted = languages.preferred(setting, system)
    except ValueError:  # (the setting's check keeps such a value out; never fail here)
        wanted = languages.preferred("", system)
    return languages.pick(wanted, shipped if shipped is not None else available())


class Translations(QObject):
    """The translators installed in the application: the app's and Qt's own.

    Signals:
        changed(str): another language was installed (its tag).
    """

    changed = Signal(str)

    def __init__(self, qapp: QCoreApplication, setting: str = "", *,
                 where: Path | None = None, system: Sequence[str] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent or qapp)  # its translators go when it goes
        self.qapp = qapp
        self.where = where or folder()
        self.system = system
        self.language = ""
        self._installed: list[QTranslator] = []
        self.apply(setting)

    def apply(self, setting: object) -> None:
        """Install the translation for the ``language`` setting's value (a settings
        follower: the change shows in every window without a restart)."""
        language = choose(str(setting or ""), self.system, available(self.where) or ["en"])
        if language == self.language:
            return
        self.install(language)

    def install(self, language: str) -> None:
        for old in self._installed:
            self.qapp.removeTranslator(old)
        self._installed = []
        mine = QTranslator(self)
        name = PREFIX + language.replace("-", "_")
        if mine.load(name, str(self.where)):
            self._installed.append(mine)
        else:
            log.warning("no translation %s in %s", name, self.where)
        base = languages.base(language)
        if base != "en":
            qt_own = QTranslator(self)
            if qt_own.load(f"qtbase_{base}", str(self.where)) or \
                    qt_own.load(f"qtbase_{base}", str(qt_folder())):
                self._installed.append(qt_own)
        for translator in self._installed:
            self.qapp.installTranslator(translator)
        self.language = language
        rtl = QCoreApplication.translate("QGuiApplication", "QT_LAYOUT_DIRECTION") == "RTL"
        if isinstance(self.qapp, QGuiApplication):
            self.qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl
                                         else Qt.LayoutDirection.LeftToRight)
        log.info("windows in %s%s", language, " (right to left)" if rtl else "")
        self.changed.emit(language)

    def remove(self) -> None:
        """Take the translators out again (a test's clean-up)."""
        for old in self._installed:
            self.qapp.removeTranslator(old)
        self._installed = []
        self.language = ""
