"""The overlay's logic, driven without a window."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from jitl_desktop.core.apps import Catalog
from jitl_desktop.core.history import History
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine
from jitl_desktop.paths import app_catalog_file
from jitl_desktop.services.overlay import OverlayController, copyable_text
from jitl_desktop.services.search import SearchController
from jitl_desktop.services.user_state import UserState

PAGES = {
    "terminal/extract.md": """
        ---
        title: Extract an archive
        kind: snippet
        apps: [terminal]
        related: [terminal/video]
        ---
        Unpack it:

        ```sh
        tar -xf backup.tar.gz
        ```
        """,
    "terminal/video.md": """
        ---
        title: Archives in a minute
        kind: video
        video: https://example.com/v.webm
        transcript: v.vtt
        ---
        """,
    "terminal/v.vtt": "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nHello.\n\n"
                      "00:00:42.000 --> 00:00:46.000\nNow unpack the tarball.\n",
    "mail/signature.md": "# E-mail signature\n\n> Add a signature to your messages.\n",
    "terminal/xterm-select.md": "---\napps: [xterm]\n---\n# Copy text in XTerm\n\n"
                                "> Select to copy, middle-click to paste.\n",
}


@pytest.fixture
def controller(qtbot, tmp_path, make_content):
    root = make_content(PAGES)
    ContentIndex(tmp_path / "ix").update([root])
    catalog = Catalog.load(app_catalog_file())
    search = SearchController(lambda: SearchEngine(ContentIndex(tmp_path / "ix"), roots=[root],
                                                   catalog=catalog))
    yield OverlayController(search, user=UserState(History(None)))
    search.stop()


def type_and_wait(qtbot, controller, text):
    with qtbot.waitSignal(controller.rows_ready, timeout=3000) as blocker:
        controller.on_query_edited(text)
    return blocker.args[0]


def test_typing_shows_rows_for_the_newest_text(qtbot, controller):
    rows = type_and_wait(qtbot, controller, "signature")
    assert [r.item_id for r in rows] == ["mail/signature"]
    assert controller.status() == {"visible": False, "query": "signature",
                                   "results": ["mail/signature"], "why": []}


def test_did_you_mean_is_offered_as_a_link(qtbot, controller):
    with qtbot.waitSignal(controller.hint_changed, timeout=3000) as blocker:
        controller.on_query_edited("signatre")
    assert "Showing results for" in blocker.args[0]
    assert "query:signature" in blocker.args[0]


def test_no_results_says_so_plainly(qtbot, controller):
    with qtbot.waitSignal(controller.hint_changed, timeout=3000) as blocker:
        controller.on_query_edited("zzzqqq")
    assert blocker.args[0].startswith("No results for <b>zzzqqq</b>.")


def test_when_nothing_answers_it_says_so_over_a_short_closest_list(qtbot, controller):
    """Outlook is named by no item: once the question has settled, the items that share
    the other words are listed as the closest (three at most) under a line that says
    nothing here answers. While it is typed, no such line comes and goes."""
    query = "outlook copy the archive signature text"
    hints: list[str] = []
    controller.hint_changed.connect(hints.append)
    typed = type_and_wait(qtbot, controller, query)
    assert controller.response.no_good_match and len(controller.response.results) > 3
    assert len(typed) > 3 and hints == [""]  # as typed: the whole list, no verdict yet
    with qtbot.waitSignal(controller.rows_ready, timeout=3000) as blocker:
        pass  # settled: no key for a moment
    rows = blocker.args[0]
    assert hints[-1].startswith(f"Nothing here answers <b>{query}</b>. The closest:")
    assert [r.item_id for r in rows] == [r.id for r in controller.response.results[:3]]


def test_a_search_nothing_answers_is_kept_as_unanswered_though_it_listed_some(
        qtbot, controller):
    """What people look for and don't find is what the L&D report is for: a search whose
    results were only the closest is kept (and sent to the LRS) as not answered."""
    assert type_and_wait(qtbot, controller, "outlook signature")
    controller.log_unchosen_search()
    type_and_wait(qtbot, controller, "signature")
    controller.on_activated("mail/signature")
    searches = controller.user.history.export()["searches"]
    assert [(s["query"], s["results"] > 0, s["no_good_match"]) for s in searches] == [
        ("outlook signature", True, True), ("signature", True, False)]


def test_no_results_offers_to_drop_the_app_context(qtbot, controller):
    from jitl_desktop.core.apps import ActiveApp

    controller.search.app = ActiveApp(process="excel.exe", app_id="excel")
    with qtbot.waitSignal(controller.hint_changed, timeout=3000) as blocker:
        controller.on_query_edited("zzzqqq")
    assert "context:off" in blocker.args[0]
    controller.on_link("context:off")
    assert controller.search.app is None


def test_enter_on_a_video_hit_opens_it_at_the_cue(qtbot, controller):
    rows = type_and_wait(qtbot, controller, "unpack tarball")
    video = next(r for r in rows if r.kind == "video")
    assert video.at == 42.0
    with qtbot.waitSignal(controller.open_requested) as blocker:
        controller.on_activated(video.item_id)
    assert blocker.args == ["terminal/video", 42.0]
    assert controller.user.recent[0].id == "terminal/video"


def test_preview_is_the_item_markdown_without_front_matter(qtbot, controller):
    type_and_wait(qtbot, controller, "extract archive")
    with qtbot.waitSignal(controller.preview_ready) as blocker:
        controller.on_current_changed("terminal/extract")
    assert blocker.args[0].lstrip().startswith("Unpack it:")
    assert "title:" not in blocker.args[0]


def test_ctrl_c_copies_the_code_block(qtbot, controller):
    type_and_wait(qtbot, controller, "extract archive")
    controller.on_current_changed("terminal/extract")
    controller.on_copy_requested()
    assert QGuiApplication.clipboard().text() == "tar -xf backup.tar.gz"


def test_empty_box_shows_recent_items(qtbot, controller):
    rows = type_and_wait(qtbot, controller, "signature")
    controller.on_activated(rows[0].item_id)
    rows = type_and_wait(qtbot, controller, "")
    assert [(r.item_id, r.why) for r in rows] == [("mail/signature", "Recent")]


def test_copyable_text_prefers_code_then_code_lines():
    assert copyable_text("x\n```\na\nb\n```\n", "f") == "a\nb"
    assert copyable_text("- Do it:\n\n`tar xf {{file}}`\n", "f") == "tar xf file"
    assert copyable_text("plain words", "fallback") == "fallback"


def test_library_window_does_not_repeat_the_title(qtbot):
    from jitl_desktop.services.items import ItemPage
    from jitl_desktop.ui.library import LibraryWindow

    window = LibraryWindow()
    qtbot.addWidget(window)
    window.show_item(ItemPage("a/b", "Undo a commit", "guide",
                              "# Undo a commit\n\nUse git revert.\n",
                              related=[("a/c", "Revert")]))
    assert window.title.text() == "Undo a commit"
    assert window.body.toPlainText().strip() == "Use git revert."
    assert "item:a/c" in window.links.text()
    assert not window.play.isVisibleTo(window)


def test_an_empty_box_suggests_for_the_app_in_front_then_recent(qtbot, controller):
    from jitl_desktop.core.apps import ActiveApp

    rows = type_and_wait(qtbot, controller, "signature")
    controller.on_activated(rows[0].item_id)
    xterm = Catalog.load(app_catalog_file()).identify(
        ActiveApp(process="xterm", wm_class="XTerm", os="linux"))
    with qtbot.waitSignal(controller.context_changed) as chip:
        controller.set_context(xterm)
    assert "In: <b>XTerm</b>" in chip.args[0] and "context:off" in chip.args[0]
    with qtbot.waitSignals([controller.rows_ready, controller.rows_ready], timeout=3000):
        controller.on_query_edited("")  # recent at once, then the suggestions
    rows = controller.rows
    # the item naming the exact application before the one naming its category, then
    # the rest of their topic, then what was opened recently
    assert [(r.item_id, r.why) for r in rows] == [
        ("terminal/xterm-select", "For XTerm"), ("terminal/extract", "For Terminal"),
        ("terminal/video", "More in terminal"), ("mail/signature", "Recent")]
    assert controller.status()["why"][-1] == "Recent"
    # one click (or Backspace) drops the context: only recent items remain
    with qtbot.waitSignal(controller.context_changed) as chip:
        controller.on_link("context:off")
    assert chip.args[0] == ""
    assert [r.item_id for r in controller.rows] == ["mail/signature"]


def test_where_there_can_be_no_context_a_quiet_note_gives_the_reason(qtbot, controller):
    with qtbot.waitSignal(controller.context_changed) as chip:
        controller.set_context(None, "a Wayland session does not tell applications which "
                                     "window is active")
    assert "No app context" in chip.args[0] and "context:why" in chip.args[0]
    with qtbot.waitSignal(controller.hint_changed) as hint:
        controller.on_link("context:why")
    assert "Wayland" in hint.args[0]


def test_source_lines_kept_from_start_up_are_let_go_once_search_is_prepared(
        qtbot, tmp_path, make_content, caplog):
    """PySide's import hook reads every module's source, and Python keeps the lines
    (18 MB in the app): once the search thread is prepared for queries they go."""
    import linecache
    import logging

    linecache.getlines(linecache.__file__)  # as the hook does for each module
    assert linecache.__file__ in linecache.cache
    caplog.set_level(logging.INFO, "jitl_desktop.services.search")
    root = make_content(PAGES)
    ContentIndex(tmp_path / "ix").update([root])
    search = SearchController(lambda: SearchEngine(ContentIndex(tmp_path / "ix"),
                                                   roots=[root]))
    try:
        qtbot.waitUntil(lambda: "prepared for queries" in caplog.text, timeout=10000)
        assert linecache.__file__ not in linecache.cache
    finally:
        search.stop()
