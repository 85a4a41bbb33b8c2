"""Links written in content, clicked in the search window's preview and in the library:
web and e-mail links and links into the content are followed; every other scheme, and
files outside the content folders, are shown and not opened, and the user is told why.

What the app hands to the system is seen where it leaves the app: URL handlers put in
place of the system's with ``QDesktopServices.setUrlHandler``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.inprocess import UrlRecorder, click_link, start_app

#: schemes a hostile link may use; each has a recording handler, so nothing reaches the
#: real system, and anything handed to it is seen
SCHEMES = ("http", "https", "mailto", "javascript", "smb", "x-jitl-test", "file", "ftp")
SECRET = "TOP SECRET: not content"


@pytest.fixture
def recorder() -> Iterator[UrlRecorder]:
    recorder = UrlRecorder(SCHEMES)
    yield recorder
    recorder.close()


@pytest.fixture
def content(tmp_path: Path, make_content) -> Path:
    (tmp_path / "secret.txt").write_text(SECRET)
    root = make_content({
        "links/other.md": "# Other page\n\nThe other page.\n",
        "links/handout.txt": "A handout in the content.\n",
        "links/tool.sh": "#!/bin/sh\necho run\n",
    })
    page = f"""\
        # Links page

        Read [web](https://example.org/guide) or [mail](mailto:help@example.org).

        Script [jscript](javascript:alert(1)) here.

        Share [smbshare](smb://fileserver/share) here.

        Custom [custom](x-jitl-test://run?cmd=calc) here.

        Outside [passwd](file://{tmp_path / "secret.txt"}) here.

        Relative [escape](../../secret.txt) here.

        Program [tool](tool.sh) here.

        Sibling [sibling](other.md) and [itemlink](item:links/other) and
        [handout](handout.txt).
        """
    (root / "links" / "page.md").write_text(
        "\n".join(line.removeprefix("        ") for line in page.splitlines()))
    return root


HOSTILE = {
    "javascript:alert(1)": "javascript",
    "smb://fileserver/share": "smb",
    "x-jitl-test://run?cmd=calc": "x-jitl-test",
    "../../secret.txt": "outside the content folders",
    "tool.sh": "program",
}


@pytest.fixture
def app(qtbot, qapp, tmp_path, content):
    running = start_app(qtbot, qapp, tmp_path / "app", [content], items=2)
    yield running
    running.shutdown()


def show_page_in_preview(qtbot, app) -> None:
    app.control.handle({"command": "show", "query": "links page"})
    preview = app.overlay_window.preview
    qtbot.waitUntil(lambda: "Links page" in preview.toPlainText(), timeout=10000)


def test_the_preview_opens_web_and_mail_links_only_and_says_why_not_for_others(
        qtbot, app, recorder, tmp_path):
    show_page_in_preview(qtbot, app)
    window = app.overlay_window
    hostile = {**HOSTILE, f"file://{tmp_path / 'secret.txt'}": "outside the content folders"}
    for href, why in hostile.items():
        click_link(qtbot, window.preview, href)
        qtbot.waitUntil(lambda h=href: h[:12] in window.hint.text())
        assert "not opened" in window.hint.text() and why in window.hint.text()
        assert window.hint.isVisible()
        assert "Links page" in window.preview.toPlainText()
        assert SECRET not in window.preview.toPlainText()
    assert recorder.opened == []
    click_link(qtbot, window.preview, "https://example.org/guide")
    click_link(qtbot, window.preview, "mailto:help@example.org")
    assert recorder.opened == ["https://example.org/guide", "mailto:help@example.org"]


def test_a_file_link_outside_the_content_does_not_replace_the_preview(qtbot, app, recorder,
                                                                     tmp_path):
    show_page_in_preview(qtbot, app)
    preview = app.overlay_window.preview
    click_link(qtbot, preview, f"file://{tmp_path / 'secret.txt'}")
    qtbot.wait(200)  # (a followed file link replaces the preview at once)
    assert SECRET not in preview.toPlainText() and "Links page" in preview.toPlainText()
    assert recorder.opened == []


def test_a_relative_link_in_the_preview_opens_the_item_in_the_library(qtbot, app, recorder):
    show_page_in_preview(qtbot, app)
    click_link(qtbot, app.overlay_window.preview, "other.md")
    qtbot.waitUntil(lambda: app.control.status()["library"]["item"] == "links/other")
    assert recorder.opened == []


def test_the_library_follows_the_same_rules(qtbot, app, recorder, content, tmp_path):
    window = app.library_window
    app.items.open_in_library("links/page")
    qtbot.waitUntil(lambda: app.control.status()["library"]["item"] == "links/page")
    note = window.link_note if hasattr(window, "link_note") else None
    assert note is not None, "the library has no place to say a link was not opened"
    hostile = {**HOSTILE, f"file://{tmp_path / 'secret.txt'}": "outside the content folders"}
    for href, why in hostile.items():
        click_link(qtbot, window.body, href)
        qtbot.waitUntil(lambda h=href: h[:12] in note.text())
        assert "not opened" in note.text() and why in note.text() and note.isVisible()
        assert window.current is not None and window.current.item_id == "links/page"
    assert recorder.opened == []
    click_link(qtbot, window.body, "https://example.org/guide")
    click_link(qtbot, window.body, "handout.txt")
    assert recorder.opened == ["https://example.org/guide",
                               (content / "links" / "handout.txt").as_uri()]
    click_link(qtbot, window.body, "item:links/other")
    qtbot.waitUntil(lambda: app.control.status()["library"]["item"] == "links/other")
    assert not note.isVisible()
    app.items.open_in_library("links/page")
    qtbot.waitUntil(lambda: app.control.status()["library"]["item"] == "links/page")
    click_link(qtbot, window.body, "other.md")
    qtbot.waitUntil(lambda: app.control.status()["library"]["item"] == "links/other")
