"""Light and dark palettes, or the system's (its high-contrast one when the system asks
for more contrast, whatever the setting says).

Every colour a window shows comes from the palette (rows, chips, rendered Markdown:
links, code, tables follow it through :func:`ui.common.show_markdown`), so
``tests/unit/ui/test_theme.py`` can check the contrast of each pair against WCAG 2.1 AA.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

R = QPalette.ColorRole

#: the bundled themes, role by role
PALETTES: dict[str, dict[QPalette.ColorRole, str]] = {
    "light": {
        R.Window: "#f4f4f6", R.WindowText: "#1d1d22", R.Base: "#ffffff",
        R.AlternateBase: "#eef0f4", R.ToolTipBase: "#ffffe8", R.ToolTipText: "#1d1d22",
        R.PlaceholderText: "#5c5c66", R.Text: "#1d1d22", R.Button: "#e8e8ec",
        R.ButtonText: "#1d1d22", R.BrightText: "#b00020", R.Highlight: "#1c5fc4",
        R.HighlightedText: "#ffffff", R.Link: "#0b57c2", R.LinkVisited: "#6a3fb5",
        R.Mid: "#8a8a94", R.Dark: "#6e6e78", R.Light: "#ffffff", R.Midlight: "#f0f0f2",
        R.Shadow: "#50505a",
    },
    "dark": {
        R.Window: "#2b2b2e", R.WindowText: "#e8e8ea", R.Base: "#1f1f22",
        R.AlternateBase: "#2f2f33", R.ToolTipBase: "#3a3a3f", R.ToolTipText: "#f0f0f2",
        R.PlaceholderText: "#a6a6ae", R.Text: "#e8e8ea", R.Button: "#35353a",
        R.ButtonText: "#e8e8ea", R.BrightText: "#ff6b6b", R.Highlight: "#2f6bc8",
        R.HighlightedText: "#ffffff", R.Link: "#8fbcff", R.LinkVisited: "#c3aeff",
        R.Mid: "#77777f", R.Dark: "#18181a", R.Light: "#4a4a50", R.Midlight: "#3c3c42",
        R.Shadow: "#0c0c0e",
    },
}
#: disabled text: exempt from WCAG's minimum, still kept readable
DISABLED = {"light": "#76767e", "dark": "#8a8a92"}

#: (foreground, background, minimum ratio) that the windows draw: 4.5 for text, 3 for
#: large text and the parts of controls (chip borders, the selection)
PAIRS: tuple[tuple[QPalette.ColorRole, QPalette.ColorRole, float], ...] = (
    (R.Text, R.Base, 4.5), (R.WindowText, R.Window, 4.5), (R.ButtonText, R.Button, 4.5),
    (R.HighlightedText, R.Highlight, 4.5), (R.PlaceholderText, R.Base, 4.5),
    (R.PlaceholderText, R.Window, 4.5), (R.ToolTipText, R.ToolTipBase, 4.5),
    (R.Link, R.Base, 4.5), (R.Link, R.Window, 4.5), (R.LinkVisited, R.Base, 4.5),
    (R.Text, R.AlternateBase, 4.5), (R.Link, R.AlternateBase, 4.5),
    (R.Highlight, R.Base, 3.0), (R.Mid, R.Base, 3.0), (R.Mid, R.Window, 3.0),
)


def high_contrast_wanted() -> bool:
    """Whether the system asks for more contrast (Qt ≥ 6.10 can tell)."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return False
    preference = accessibility().contrastPreference()
    return bool(preference == Qt.ContrastPreference.HighContrast)


def palette_for(theme: str, base: QPalette) -> QPalette:
    """``base`` with the colours of a bundled theme."""
    palette = QPalette(base)
    for role, color in PALETTES[theme].items():
        palette.setColor(role, QColor(color))
    for role in (R.Text, R.ButtonText, R.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED[theme]))
    return palette


class Themes:
    """Applies the theme setting; remembers the system's palette to go back to it."""

    def __init__(self, qapp: QApplication, theme: str = "system") -> None:
        self.qapp = qapp
        self.system = QPalette(qapp.palette())
        self.apply(theme)

    def apply(self, theme: object) -> None:
        """``light``, ``dark``, else the system's palette (and always the system's when
        it asks for high contrast)."""
        if theme in PALETTES and not high_contrast_wanted():
            self.qapp.setPalette(palette_for(str(theme), self.system))
        else:
            self.qapp.setPalette(self.system)
