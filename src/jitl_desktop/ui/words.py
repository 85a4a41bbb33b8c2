"""The app's words: Qt's plural forms (``%n bookmark(s)``) from the English translation
in ``resources/i18n/`` (its ``.ts`` is the source; ``.qm`` is made by
``pyside6-lrelease`` and checked by a test)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from jitl_desktop.paths import resource

CONTEXT = "jitl"


def install_translator(qapp: QCoreApplication) -> QTranslator:
    """Load the English plural forms (keep the returned object as long as the app)."""
    translator = QTranslator(qapp)
    if translator.load(str(resource("i18n/jitl_en.qm"))):
        qapp.installTranslator(translator)
    return translator


def counted(text: str, n: int) -> str:
    """``counted("%n item(s)", 1)`` → ``1 item`` (English's rule where no translation is
    installed, as in a widget on its own)."""
    said = QCoreApplication.translate(CONTEXT, text, "", n)
    return said.replace("(s)", "" if n == 1 else "s")
