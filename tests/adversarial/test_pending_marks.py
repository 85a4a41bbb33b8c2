"""Marks made while another process holds the history locked: the window is not held up,
the marks show at once as pending, and they are saved, in order, once the lock is gone."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from jitl_desktop.core.history import History
from jitl_desktop.services.user_state import UserState, open_history

pytestmark = pytest.mark.adversarial


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[tuple[Path, Callable[[], None]]]:
    """A store another process holds with BEGIN EXCLUSIVE, and how to let it go."""
    data = tmp_path / "data"
    History(data).close()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys; db = sqlite3.connect(sys.argv[1], isolation_level=None); "
        "db.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); sys.stdin.read()"),
        str(data / "history.sqlite")], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"

    def release() -> None:
        if holder.poll() is None:
            holder.kill()
            holder.wait()

    yield data, release
    release()
    assert holder.stdout is not None and holder.stdin is not None
    holder.stdout.close()
    holder.stdin.close()


def saved(data: Path, table: str) -> list[str]:
    with sqlite3.connect(data / "history.sqlite") as db:
        return [r[0] for r in db.execute(f"SELECT item_id FROM {table} ORDER BY item_id")]


def test_marks_under_a_lock_show_as_pending_and_are_saved_when_it_is_gone(qtbot, locked):
    data, release = locked
    user = UserState(open_history(data, True))
    with qtbot.waitSignal(user.pending_changed) as pending:
        assert user.mark("common/tar", "bookmark") == "bookmark"
    assert pending.args[0] == 1 and "locked by another process" in pending.args[1]
    assert user.mark("common/zip", "done") == "done"
    assert user.mark("common/zip", "helpful") == "helpful"
    # what the user sees right away
    assert user.marks(["common/tar", "common/zip"]) == {"common/tar": "★", "common/zip": "✓"}
    assert user.status() == {"recording": True, "pending": 3,
                             "problem": pending.args[1]}
    release()
    with qtbot.waitSignal(user.pending_changed, timeout=10000) as cleared:
        pass
    assert cleared.args == [0, ""]
    assert saved(data, "bookmarks") == ["common/tar"]
    assert saved(data, "done") == ["common/zip"]
    assert saved(data, "votes") == ["common/zip"]
    assert user.status()["pending"] == 0
    user.close()


def test_changes_kept_for_later_are_saved_in_the_order_they_were_made(qtbot, locked):
    data, release = locked
    user = UserState(open_history(data, True))
    assert user.mark("a", "bookmark") == "bookmark"
    assert user.mark("a", "bookmark") == "unbookmark"  # toggles the pending mark
    assert user.mark("b", "bookmark") == "bookmark"
    assert user.bookmarks() == ["b"]
    release()
    qtbot.waitUntil(lambda: user.pending == 0, timeout=10000)
    assert saved(data, "bookmarks") == ["b"]
    user.close()


@pytest.mark.allow_errors("not saved before quitting")
def test_the_search_window_says_a_mark_is_not_saved_yet(qtbot, tmp_path, locked,
                                                       make_content, caplog):
    from jitl_desktop.core.apps import Catalog
    from jitl_desktop.core.index import ContentIndex
    from jitl_desktop.core.search import SearchEngine
    from jitl_desktop.paths import app_catalog_file
    from jitl_desktop.services.overlay import OverlayController
    from jitl_desktop.services.search import SearchController

    data, _release = locked
    root = make_content({"mail/signature.md": "# E-mail signature\n\nAdd one.\n"})
    ContentIndex(tmp_path / "ix").update([root])
    catalog = Catalog.load(app_catalog_file())
    search = SearchController(lambda: SearchEngine(ContentIndex(tmp_path / "ix"),
                                                   roots=[root], catalog=catalog))
    user = UserState(open_history(data, True))
    overlay = OverlayController(search, user=user)
    with qtbot.waitSignal(overlay.rows_ready, timeout=5000):
        overlay.on_query_edited("signature")
    overlay.on_current_changed("mail/signature")
    with qtbot.waitSignal(overlay.hint_changed) as hint:
        overlay.on_mark("bookmark")
    assert hint.args[0].startswith("Bookmarked: <b>E-mail signature</b>. Not saved yet:")
    assert overlay.rows[0].marks == "★"
    search.stop()
    user.close()  # still locked: what could not be saved is said, not dropped silently
    assert "not saved before quitting" in caplog.text
    assert "bookmark mail/signature" in caplog.text
