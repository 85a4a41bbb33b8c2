"""Words on the command line: plural forms and titles in ``history`` (the windows'
words are tests/unit/ui/test_i18n.py's)."""

from __future__ import annotations

from jitl_desktop.cli import main
from jitl_desktop.core.history import History
from jitl_desktop.core.index import ContentIndex


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
