"""Both bundled themes meet WCAG 2.1 AA for every pair of colours the windows draw, and
rendered Markdown follows the theme."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QTextBrowser

from jitl_desktop.ui.common import show_markdown
from jitl_desktop.ui.theme import PAIRS, PALETTES, Themes, palette_for


def luminance(color: QColor) -> float:
    """WCAG 2.1 relative luminance."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(color.red()) + 0.7152 * channel(color.green())
            + 0.0722 * channel(color.blue()))


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_ratio_is_computed_as_wcag_says():
    assert round(contrast(QColor("#000000"), QColor("#ffffff")), 1) == 21.0
    assert round(contrast(QColor("#777777"), QColor("#ffffff")), 2) == 4.48


@pytest.mark.parametrize("theme", sorted(PALETTES))
@pytest.mark.parametrize(("fg", "bg", "minimum"), PAIRS,
                         ids=[f"{f.name}-on-{b.name}" for f, b, _ in PAIRS])
def test_every_pair_of_both_themes_meets_aa(qapp, theme, fg, bg, minimum):
    palette = palette_for(theme, qapp.palette())
    ratio = contrast(palette.color(fg), palette.color(bg))
    assert ratio >= minimum, f"{theme}: {fg.name} on {bg.name} is {ratio:.2f}:1"


@pytest.mark.parametrize("theme", sorted(PALETTES))
def test_rendered_markdown_follows_the_theme_and_meets_aa(qtbot, qapp, theme):
    themes = Themes(qapp, theme)
    try:
        browser = QTextBrowser()
        qtbot.addWidget(browser)
        show_markdown(browser, "See [the guide](item:x) and `tar -xf`.\n\n```\nls -l\n```\n\n"
                      "| a | b |\n|---|---|\n| 1 | 2 |\n")
        html = browser.toHtml()
        palette = browser.palette()
        link = palette.color(QPalette.ColorRole.Link).name()
        code = palette.color(QPalette.ColorRole.AlternateBase).name()
        assert f"color:{link}" in html and f"background-color:{code}" in html
        text = palette.color(QPalette.ColorRole.Text)
        for color in re.findall(r"(?<!-)color:(#[0-9a-f]{6})", html):
            backgrounds = [palette.color(QPalette.ColorRole.Base), QColor(code)]
            assert all(contrast(QColor(color), b) >= 4.5 for b in backgrounds), color
        assert contrast(text, QColor(code)) >= 4.5
    finally:
        themes.apply("system")


def test_the_context_chip_close_link_is_readable_in_dark(qtbot, qapp):
    from PySide6.QtWidgets import QLabel

    themes = Themes(qapp, "dark")
    try:
        label = QLabel("In: <b>xterm</b> <a href='context:off'>✕</a>")
        qtbot.addWidget(label)
        palette = label.palette()
        assert contrast(palette.color(QPalette.ColorRole.Link),
                        palette.color(QPalette.ColorRole.Window)) >= 4.5
    finally:
        themes.apply("system")
