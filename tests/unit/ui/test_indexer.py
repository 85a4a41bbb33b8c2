"""The background index worker: first build, watched folders, failures reported."""

from __future__ import annotations

import pytest

from jitl_desktop.core.index import ContentIndex
from jitl_desktop.services.indexer import IndexWorker


def test_first_build_runs_and_a_saved_file_is_picked_up(qtbot, tmp_path, make_content):
    root = make_content({"a.md": "# Alpha\n\n> First page.\n"})
    worker = IndexWorker(tmp_path / "data", [root])
    try:
        with qtbot.waitSignal(worker.index_updated, timeout=30000):
            worker.request_update()
        assert ContentIndex(tmp_path / "data" / "index").stats()["items"] == 1
        qtbot.waitUntil(lambda: str(root) in worker.watched_paths(), timeout=5000)
        with qtbot.waitSignal(worker.index_updated, timeout=10000) as blocker:
            (root / "b.md").write_text("# Beta\n\n> Second page.\n")  # the watcher sees it
        assert blocker.args[0].added == 1
        assert ContentIndex(tmp_path / "data" / "index").stats()["items"] == 2
    finally:
        worker.stop()


@pytest.mark.allow_errors("index update failed")  # reported: logged and signalled
def test_a_failed_build_is_reported_not_raised(qtbot, tmp_path, make_content):
    root = make_content({"a.md": "# Alpha\n"})
    blocker_file = tmp_path / "data"
    blocker_file.write_text("a file where the data folder should be")
    worker = IndexWorker(blocker_file, [root])
    try:
        with qtbot.waitSignal(worker.update_failed, timeout=30000) as blocker:
            worker.request_update()
        assert "cannot write the search index" in blocker.args[0]
    finally:
        worker.stop()
