"""Raw HTML in a body cannot hide the rest of the item in the preview."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument  # noqa: TID251 (the preview is Qt's Markdown reader)

from jitl_desktop.core.content import preview_markdown
from jitl_desktop.services.overlay import item_markdown

BODIES = {
    "img block": '<img src="diagram.png">\n\nAfter the image.\n',
    "img inline": 'See <img src="icon.png"> here.\n\nAfter the image.\n',
    "br": "One line<br>\n\nAfter the break.\n",
    "script src": '<script src="analytics.js">\n\nAfter the script.\n',
    "script": "<script>track()</script>\n\nAfter the script.\n",
}


def shown_text(markdown: str) -> str:
    doc = QTextDocument()
    doc.setMarkdown(markdown)
    return doc.toPlainText()


@pytest.mark.parametrize("name", BODIES)
def test_text_after_raw_html_is_shown(qapp, make_content, name):
    root = make_content({"a.md": f"---\ntitle: A\n---\n# A\n\nBefore.\n\n{BODIES[name]}"
                                 "\n## Next\n\nThe end.\n"})
    text = shown_text(item_markdown(str(root / "a.md")))
    assert "Before." in text and "After the" in text and "The end." in text
    assert "track()" not in text


def test_code_that_shows_html_is_left_as_it_is():
    body = "Use:\n\n```html\n<img src=\"a.png\">\n<!-- note -->\n```\n\n`<br>` breaks a line.\n"
    assert preview_markdown(body) == body


def test_an_oversized_file_is_not_read_for_the_preview(make_content):
    root = make_content({"big.md": "# Big\n"})
    with open(root / "big.md", "ab") as fh:
        fh.truncate(64 * 1024 * 1024)
    assert item_markdown(str(root / "big.md")).startswith("*Cannot read")
