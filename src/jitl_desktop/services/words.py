"""Translated words the services need: Qt's numbered places (``%1``, ``%2``) filled in
a string that ``tr()`` or ``QCoreApplication.translate()`` gave (in Python a ``str``,
without QString's ``arg()``; a translation may put the places in any order), and why
an item is listed (``core/`` says it in English) in the language installed."""

from __future__ import annotations

import re
import sys

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence

from jitl_desktop.core.keys import display_combo


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for lupdate as a message of ``context`` that is translated later,
    where it is shown (Qt's macro of this name, typed: it gives ``text`` back)."""
    del context
    return text


_PLACE = re.compile(r"%([1-9])")


def shown_combo(combo: str) -> str:
    """A hotkey as people of the language installed write it: ``<ctrl>+<alt>+<space>``
    → "Ctrl+Alt+Space", in German "Strg+Alt+Leertaste" (Qt's own key names, from its
    translations). A combination Qt cannot spell (Super), and every one on macOS,
    where Qt's Ctrl is the Command key, is shown as :func:`display_combo` writes it."""
    text = display_combo(combo)
    if sys.platform == "darwin":
        return text
    keys = QKeySequence.fromString(text, QKeySequence.SequenceFormat.PortableText)
    native = keys.toString(QKeySequence.SequenceFormat.NativeText) if keys.count() == 1 \
        else ""
    return native or text


def fill(text: str, *values: object) -> str:
    """``fill("%1 of %2 right", 3, 4)`` → ``3 of 4 right`` (each place replaced once,
    so a value that contains ``%2`` stays as it is)."""
    return _PLACE.sub(lambda m: str(values[int(m[1]) - 1]) if int(m[1]) <= len(values)
                      else m[0], text)


#: why an item is listed, as core/ words it (recommend.py, search.py), and its source
#: string for the translation
_WHY = [(re.compile(pattern), text) for pattern, text in (
    (r"^For (.+)$", QT_TRANSLATE_NOOP("Why", "For %1")),
    (r"^More in (.+)$", QT_TRANSLATE_NOOP("Why", "More in %1")),
    (r"^Check yourself on “(.+)”$", QT_TRANSLATE_NOOP("Why", "Check yourself on “%1”")),
    (r"^Check yourself$", QT_TRANSLATE_NOOP("Why", "Check yourself")),
    (r"^Next after “(.+)”$", QT_TRANSLATE_NOOP("Why", "Next after “%1”")),
    (r"^Related to “(.+)”, which you found helpful$",
     QT_TRANSLATE_NOOP("Why", "Related to “%1”, which you found helpful")),
    (r"^Related to “(.+)”, which you have done$",
     QT_TRANSLATE_NOOP("Why", "Related to “%1”, which you have done")),
    (r"^Related to “(.+)”, which you looked at$",
     QT_TRANSLATE_NOOP("Why", "Related to “%1”, which you looked at")),
    (r"^at your level$", QT_TRANSLATE_NOOP("Why", "at your level")),
)]
_COLLEAGUES = re.compile(r"^chosen by (\d+) colleagues? for similar searches$")


class Why(QObject):
    """Why an item is listed, in the language installed."""

    def say(self, text: str) -> str:
        if not text:
            return text
        found = _COLLEAGUES.match(text)
        if found:
            return self.tr("chosen by %n colleague(s) for similar searches", "", int(found[1]))
        for pattern, source in _WHY:
            found = pattern.match(text)
            if found:
                return fill(self.tr(source), *found.groups())
        return self.tr(text)


_SAY = Why()


def why(text: str) -> str:
    """Why an item is listed, as ``core/`` says it in English (``For Excel``,
    ``Next after “Undo a commit”``), in the language installed."""
    return _SAY.say(text)
