"""Broken content is not silent: a file with bad front matter dropped into a watched
content folder shows up in ``status --json``, the library and the tray menu, with its
``FILE:LINE: message`` one click away; fixed, the count goes back to 0."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt  # noqa: TID251 (real clicks on the app's widgets)
from PySide6.QtWidgets import QPushButton  # noqa: TID251

from jitl_desktop.services.menu import TrayActions, TrayMenu
from tests.inprocess import start_app

BROKEN = "---\ntitle: [unclosed\nkind: guide\n---\nBody.\n"
FIXED = "---\ntitle: Now fine\nkind: guide\n---\nBody.\n"


def test_a_broken_file_is_counted_listed_and_shown_until_it_is_fixed(qtbot, qapp, tmp_path,
                                                                     make_content):
    root = make_content({"good.md": "# Good page\n\nFine.\n"})
    app = start_app(qtbot, qapp, tmp_path / "app", [root], items=1)
    try:
        index = app.control.status()["index"]
        assert index["problems"] == 0 and index["problem_list"] == []
        window = app.library_window
        app.library.open(None)
        qtbot.waitUntil(window.isVisible)
        assert not window.findChild(QPushButton, "contentProblems").isVisible()

        broken = root / "team" / "broken.md"
        broken.parent.mkdir()
        broken.write_text(BROKEN)
        qtbot.waitUntil(lambda: app.control.status()["index"]["problems"] == 1, timeout=10000)
        index = app.control.status()["index"]
        assert index["items"] == 1
        [line] = index["problem_list"]
        assert line.startswith(f"{broken}:") and int(line.split(":")[1]) >= 1, line

        entry = window.findChild(QPushButton, "contentProblems")
        qtbot.waitUntil(entry.isVisible)
        assert entry.text() == "Content problems (1)…"
        qtbot.mouseClick(entry, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: str(broken) in window.body.toPlainText())
        assert line in window.body.toPlainText()
        assert window.title.text() == "Content problems (1)"

        opened: list[str] = []
        menu = TrayMenu(
            TrayActions(search=print, open_item=print, open_library=print, settings=print,
                        reindex=print, about=print, quit=print,
                        problems=lambda: opened.append("problems")),
            library=app.library, user=app.user, items=app.items, context=app.context,
            settings=app.settings, indexing=lambda: False, problems=app.problems.label)
        [tray_entry] = [e for e in menu.entries() if e.label.startswith("Content problems")]
        assert tray_entry.label == "Content problems (1)…" and tray_entry.action is not None
        tray_entry.action()
        assert opened == ["problems"]

        broken.write_text(FIXED)
        qtbot.waitUntil(lambda: app.control.status()["index"]["problems"] == 0, timeout=10000)
        index = app.control.status()["index"]
        assert index["problem_list"] == [] and index["items"] == 2
        qtbot.waitUntil(lambda: not entry.isVisible())
        assert not [e for e in menu.entries() if e.label.startswith("Content problems")]
    finally:
        app.shutdown()


def test_the_status_lists_at_most_fifty_problems_and_counts_all(qtbot, qapp, tmp_path,
                                                                make_content):
    root = make_content({f"bad/{n:02}.md": BROKEN for n in range(55)} |
                        {"good.md": "# Good page\n\nFine.\n"})
    app = start_app(qtbot, qapp, tmp_path / "app", [root], items=1)
    try:
        qtbot.waitUntil(lambda: app.control.status()["index"]["problems"] == 55)
        index = app.control.status()["index"]
        assert len(index["problem_list"]) == 50
        assert all(Path(p.split(":")[0]).parent == root / "bad" for p in index["problem_list"])
    finally:
        app.shutdown()
