"""Light and dark palettes, or the system's."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_DARK = {
    QPalette.ColorRole.Window: "#2b2b2e",
    QPalette.ColorRole.WindowText: "#e8e8ea",
    QPalette.ColorRole.Base: "#1f1f22",
    QPalette.ColorRole.AlternateBase: "#2f2f33",
    QPalette.ColorRole.ToolTipBase: "#3a3a3f",
    QPalette.ColorRole.ToolTipText: "#f0f0f2",
    QPalette.ColorRole.PlaceholderText: "#9a9aa2",
    QPalette.ColorRole.Text: "#e8e8ea",
    QPalette.ColorRole.Button: "#35353a",
    QPalette.ColorRole.ButtonText: "#e8e8ea",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Highlight: "#3d7bd9",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#7fb2ff",
    QPalette.ColorRole.LinkVisited: "#b69cff",
}


class Themes:
    """Applies the theme setting; remembers the system's palette to go back to it."""

    def __init__(self, qapp: QApplication, theme: str) -> None:
        self.qapp = qapp
        self.system = QPalette(qapp.palette())
        self.apply(theme)

    def apply(self, theme: object) -> None:
        """``light``, ``dark``, else the system's palette."""
        if theme == "dark":
            palette = QPalette(self.system)
            for role, color in _DARK.items():
                palette.setColor(role, QColor(color))
            palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text,
                             QColor("#7a7a80"))
            palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText,
                             QColor("#7a7a80"))
        elif theme == "light":
            palette = self.qapp.style().standardPalette()
        else:
            palette = self.system
        self.qapp.setPalette(palette)
