"""Whether this machine can play video inside the app (QtMultimedia with a backend).

QtMultimedia comes from ``pyside6-addons`` and may be missing, or have no media
backend on a given machine; the library window then hands videos to the system's
player and says why.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def multimedia_problem() -> str | None:
    """None when the built-in video player can work here, else a one-line reason.

    Checks that QtMultimedia imports and, once a ``QCoreApplication`` exists, that it
    has a media backend able to decode something (before that only the import is
    checked: probing the backend needs the application).
    """
    try:
        from PySide6.QtMultimedia import QMediaFormat
        from PySide6.QtMultimediaWidgets import QVideoWidget  # noqa: F401 (it must load)
    except (ImportError, OSError) as exc:
        return f"QtMultimedia cannot be loaded ({exc})"
    if QCoreApplication.instance() is None:
        return None
    if not QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode):
        return "QtMultimedia has no media backend here (its FFmpeg plugin was not found)"
    return None
