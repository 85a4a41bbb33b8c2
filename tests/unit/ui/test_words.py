"""Words: plural forms in the windows (Qt's) and on the command line, titles in
``history``."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
from pathlib import Path

import pytest

from jitl_desktop.cli import main
from jitl_desktop.core.history import History
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.paths import resource
from jitl_desktop.ui.words import counted, install_translator

I18N = Path(resource("i18n/jitl_en.ts")).parent


@pytest.fixture
def translator(qapp):
    installed = install_translator(qapp)
    yield installed
    qapp.removeTranslator(installed)


@pytest.mark.parametrize(("text", "n", "said"), [
    ("%n bookmark(s)", 1, "1 bookmark"), ("%n bookmark(s)", 2, "2 bookmarks"),
    ("%n bookmark(s)", 0, "0 bookmarks"), ("streak %n day(s)", 1, "streak 1 day"),
    ("%n error(s)", 1, "1 error"), ("%n item(s)", 1, "1 item"), ("%n item(s)", 7, "7 items"),
])
def test_qt_plural_forms(translator, text, n, said):
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("jitl", text, "", n) == said  # from the .qm
    assert counted(text, n) == said


def test_the_compiled_translation_is_made_from_its_source(tmp_path):
    lrelease = shutil.which("pyside6-lrelease") or str(
        Path(__import__("sys").executable).parent / "pyside6-lrelease")
    made = tmp_path / "jitl_en.qm"
    subprocess.run([lrelease, "-silent", str(I18N / "jitl_en.ts"), "-qm", str(made)],
                   check=True)
    assert filecmp.cmp(made, I18N / "jitl_en.qm", shallow=False)


def test_the_library_counts_one_item_in_the_singular(qtbot, translator):
    from jitl_desktop.core.search import Entry
    from jitl_desktop.ui.library import LibraryWindow

    window = LibraryWindow()
    qtbot.addWidget(window)
    entry = Entry(id="a/b", title="B", kind="guide", summary="", path="a/b.md", root="")
    window.show_entries([entry])
    assert window.count.text() == "1 item"


def test_history_lists_titles_and_says_one_in_the_singular(tmp_path, make_content, capsys):
    root = make_content({"git/undo.md": "# Undo the last commit\n\nUse git reset.\n"})
    data = tmp_path / "data"
    ContentIndex(data / "index").update([root])
    with History(data) as history:
        history.record_view("git/undo")
        history.set_bookmark("git/undo", True)
    assert main(["--data-dir", str(data), "history"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 view, 1 bookmark, 0 done")
    assert "  Undo the last commit\n" in out and "git/undo" not in out
