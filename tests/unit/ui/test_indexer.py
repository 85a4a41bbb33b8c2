"""The background index worker: first build, watched folders, failures reported."""

from __future__ import annotations

import os

import pytest

from jitl_desktop.core import incontext
from jitl_desktop.core.content import FOLDER_FILE
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine
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


def test_a_save_by_moving_over_and_a_folder_language_are_picked_up(
        qtbot, tmp_path, make_content):
    """After the first look, the worker updates the files the watcher saw change: a
    file saved as editors do (written beside it, then moved over it) and a folder's
    ``.jitl.yaml`` (a hidden file, but one that changes its folder's items)."""
    root = make_content({"a.md": "# Alpha\n\n> First page.\n",
                         "sub/b.md": "# Beta\n\n> Second page.\n"})
    worker = IndexWorker(tmp_path / "data", [root])
    engine = SearchEngine(ContentIndex(tmp_path / "data" / "index"), roots=[root])
    try:
        with qtbot.waitSignal(worker.index_updated, timeout=30000):
            worker.request_update()
        qtbot.waitUntil(lambda: str(root) in worker.watched_paths(), timeout=5000)
        with qtbot.waitSignal(worker.index_updated, timeout=10000) as blocker:
            temporary = root / "a.md.part"
            temporary.write_text("# Alpha\n\n> A page about zanzibarite.\n")
            os.replace(temporary, root / "a.md")
        assert (blocker.args[0].changed, blocker.args[0].added) == (1, 0)
        engine.reload()
        assert [h.id for h in engine.search("zanzibarite", typing=False).results] == ["a"]
        with qtbot.waitSignal(worker.index_updated, timeout=10000) as blocker:
            (root / "sub" / FOLDER_FILE).write_text("lang: de\n")
        assert blocker.args[0].changed == 1
        engine.reload()
        assert {h.id: h.lang for h in engine.search("beta", typing=False).results} == {
            "sub/b": "de"}
    finally:
        engine.close()
        worker.stop()


def test_after_a_full_build_the_items_are_read_in_context_in_the_background(
        qtbot, tmp_path, make_content):
    """A full build of many items (in a child process) leaves them to read in context:
    the worker reads them (and then their passages) after the index is searchable, then
    tells search."""
    many = incontext.INLINE + 20  # (a few the build reads itself)
    pages = {f"p{n}.md": f"# Page {n}\n\n> How to do task number {n}.\n"
             for n in range(many)}
    root = make_content(pages)
    worker = IndexWorker(tmp_path / "data", [root])
    content_index = ContentIndex(tmp_path / "data" / "index")
    try:
        with qtbot.waitSignals([worker.index_updated, worker.context_ready], order="strict",
                               timeout=60000):
            worker.request_update()
        assert content_index.context_coverage().have == len(pages)
        assert content_index.context_coverage().missing == 0
        assert worker.status()["context_waiting"] == 0
        # then their passages (core/search.py ranks the first results by them)
        assert worker.status()["passages_waiting"] == 0
        assert content_index.passage_vectors.missing(
            [f"How to do task number {n}." for n in range(many)]) == []
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
