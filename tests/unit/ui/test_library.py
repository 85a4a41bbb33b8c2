"""The library: topics, filters and the list, driven through the controller and the
window, over a real index of real files."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from jitl_desktop.core.apps import Catalog
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine
from jitl_desktop.paths import app_catalog_file
from jitl_desktop.services.items import ItemPage
from jitl_desktop.services.library import LibraryController
from jitl_desktop.services.menu import TrayActions, tray_menu
from jitl_desktop.services.search import SearchController
from jitl_desktop.services.user_state import UserState
from jitl_desktop.ui.library import LibraryWindow

FILES = {
    "terminal/extract.md": """
        ---
        title: Extract an archive
        kind: guide
        tags: [tar, unzip]
        apps: [terminal]
        level: beginner
        ---
        Unpack it.
        """,
    "terminal/archive-video.md": """
        ---
        title: Archives in a minute
        kind: video
        apps: [xterm]
        level: intermediate
        ---
        Watch.
        """,
    "spreadsheets/freeze.md": """
        ---
        title: Freeze the header row
        topics: [spreadsheets, terminal]
        apps: [excel]
        tags: [rows]
        level: beginner
        ---
        View, Freeze panes.
        """,
    "loose.md": "# A page without a topic\n\n> Plain Markdown.\n",
}


@pytest.fixture
def library(qtbot, tmp_path, make_content):
    root = make_content(FILES)
    content_index = ContentIndex(tmp_path / "index")
    content_index.update([root])
    catalog = Catalog.load(app_catalog_file())
    search = SearchController(lambda: SearchEngine(content_index, roots=[root],
                                                   catalog=catalog))
    controller = LibraryController(search, catalog)
    with qtbot.waitSignal(controller.list_changed, timeout=10000):
        controller.load()
    yield controller
    search.stop()


def titles(entries):
    return [e.title for e in entries]


def test_topics_with_counts_and_items_without_a_topic_last(library):
    assert [(t.label, t.count) for t in library.topics()] == [
        ("Spreadsheets", 1), ("Terminal", 3), ("Other", 1)]
    assert titles(library.in_topic("")) == ["A page without a topic"]


def test_filters_narrow_the_list_and_combine(library):
    assert len(library.shown) == 4
    library.set_filters(topic="terminal")
    assert titles(library.shown) == ["Archives in a minute", "Extract an archive",
                                     "Freeze the header row"]
    library.set_filters(level="beginner")
    assert titles(library.shown) == ["Extract an archive", "Freeze the header row"]
    library.set_filters(app="excel")
    assert titles(library.shown) == ["Freeze the header row"]
    library.clear_filters()
    library.set_filters(kind="video")
    assert titles(library.shown) == ["Archives in a minute"]
    library.set_filters(kind=None, tag="unzip")
    assert titles(library.shown) == ["Extract an archive"]
    library.set_filters(tag=None, topic=None, text="header")
    assert titles(library.shown) == ["Freeze the header row"]


def test_filter_choices_name_what_is_there_with_readable_labels(library):
    assert [(c.value, c.count) for c in library.choices("kind")] == [("guide", 3),
                                                                     ("video", 1)]
    apps = {c.value: c.label for c in library.choices("app")}
    assert apps["excel"] == "Microsoft Excel" and apps["terminal"] == "Terminal"
    assert [c.value for c in library.choices("level")] == ["beginner", "intermediate"]


def test_the_window_lists_filters_and_reports_the_chosen_item(qtbot, library):
    window = LibraryWindow()
    qtbot.addWidget(window)
    window.filters_edited.connect(lambda changes: library.set_filters(**changes))
    library.list_changed.connect(window.show_entries)
    window.set_topics(library.topics(), len(library.entries), None)
    for name in ("kind", "app", "tag", "level"):
        window.set_choices(name, library.choices(name))
    window.show_entries(library.shown)
    window.show()
    assert window.topics.topLevelItem(0).text(0) == "All items (4)"
    # a click on a topic narrows the list
    spreadsheets = window.topics.topLevelItem(1)
    qtbot.mouseClick(window.topics.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.topics.visualItemRect(spreadsheets).center())
    assert window.listed_ids() == ["spreadsheets/freeze"]
    assert window.count.text() == "1 item"
    # a filter box narrows it further; nothing matches → said plainly
    kinds = window.filter_boxes["kind"]
    kinds.setCurrentIndex([kinds.itemText(i) for i in range(kinds.count())].index("Video (1)"))
    assert window.listed_ids() == []
    assert window.count.text() == "No items match these filters."
    qtbot.mouseClick(window.clear, Qt.MouseButton.LeftButton)
    assert window.listed_ids() == ["spreadsheets/freeze"]  # the topic stays
    # choosing an item in the list asks for it
    with qtbot.waitSignal(window.item_requested) as chosen:
        window.list.setFocus()
        qtbot.keyClick(window.list, Qt.Key.Key_Down)
    assert chosen.args == ["spreadsheets/freeze"]


def test_typing_in_the_filter_box_filters_by_title(qtbot, library):
    window = LibraryWindow()
    qtbot.addWidget(window)
    window.filters_edited.connect(lambda changes: library.set_filters(**changes))
    library.list_changed.connect(window.show_entries)
    window.show_entries(library.shown)
    qtbot.keyClicks(window.filter, "archive")
    assert window.listed_ids() == ["terminal/archive-video", "terminal/extract"]


def test_item_links_ask_for_the_linked_item(qtbot):
    window = LibraryWindow()
    qtbot.addWidget(window)
    window.show_item(ItemPage("a", "Alpha", "guide", "# Alpha\n\nBody text.",
                              related=[("b", "Beta")], prerequisites=[("c", "Gamma")]),
                     focus=False)
    assert window.title.text() == "Alpha"
    assert "Alpha" not in window.body.toPlainText()  # the heading is not repeated
    assert "First: " in window.links.text() and "Related: " in window.links.text()
    with qtbot.waitSignal(window.item_requested) as linked:
        window.links.linkActivated.emit("item:c")
    assert linked.args == ["c"]


def test_the_tray_menu_browses_topics_and_opens_items(library):
    opened: list[object] = []
    actions = TrayActions(search=lambda: opened.append("search"), open_item=opened.append,
                          open_library=lambda topic: opened.append(("library", topic)),
                          settings=lambda: None, reindex=lambda: None, about=lambda: None,
                          quit=lambda: None)
    topics = [(t, library.in_topic(t.value)) for t in library.topics()]
    menu = tray_menu(actions, recent=[("x/y", "Last one")], topics=topics,
                     bookmarks=[("b/m", "Marked")],
                     suggested=("XTerm", [("terminal/extract", "Extract an archive")]))
    labels = [e.label for e in menu if not e.separator]
    assert labels == ["Search…", "Suggested for XTerm", "Browse topics", "Recent",
                      "Bookmarks", "Settings…", "Reindex content", "About JITL Desktop",
                      "Quit"]
    next(e for e in menu if e.label == "Suggested for XTerm").children[0].action()
    assert opened.pop() == "terminal/extract"
    browse = next(e for e in menu if e.label == "Browse topics").children
    assert [e.label for e in browse if not e.separator] == [
        "Spreadsheets (1)", "Terminal (3)", "Other (1)", "Open the library…"]
    terminal = browse[1].children
    assert [e.label for e in terminal] == ["Archives in a minute", "Extract an archive",
                                           "Freeze the header row"]
    terminal[1].action()
    next(e for e in menu if e.label == "Recent").children[0].action()
    next(e for e in menu if e.label == "Bookmarks").children[0].action()
    browse[-1].action()
    assert opened == ["terminal/extract", "x/y", "b/m", ("library", None)]
    loading = tray_menu(actions, recent=[], topics=None, indexing=True)
    assert next(e for e in loading if e.label == "Browse topics").children[0].label == \
        "Loading…"
    assert next(e for e in loading if e.label == "Indexing…").action is None


def test_a_long_topic_ends_with_a_way_to_the_whole_list(library):
    from jitl_desktop.services.library import Choice
    from jitl_desktop.services.menu import TOPIC_ITEMS

    many = library.entries * (TOPIC_ITEMS // len(library.entries) + 2)
    actions = TrayActions(*(lambda *a: a for _ in range(7)))
    menu = tray_menu(actions, recent=[], topics=[(Choice("t", "T", len(many)), many)])
    items = next(e for e in menu if e.label == "Browse topics").children[0].children
    assert len([e for e in items if e.action]) == TOPIC_ITEMS + 1
    assert items[-1].label == f"All {len(many)} items…"


@pytest.fixture
def with_history(qtbot, tmp_path, make_content):
    from jitl_desktop.core.history import History

    root = make_content({**FILES, "terminal/extract-check.md": """
        ---
        title: "Check: extract"
        kind: quiz
        checks: terminal/extract
        questions:
          - ask: Which command extracts backup.tar.gz?
            choices:
              - text: tar -xf backup.tar.gz
                correct: true
                explain: -x extracts.
              - text: tar -cf backup.tar.gz
                explain: -c creates an archive.
          - ask: Which option of unzip lists an archive?
            answer: ["-l"]
        ---
        """})
    content_index = ContentIndex(tmp_path / "index")
    content_index.update([root])
    catalog = Catalog.load(app_catalog_file())
    search = SearchController(lambda: SearchEngine(content_index, roots=[root],
                                                   catalog=catalog))
    history = History(tmp_path / "data")
    controller = LibraryController(search, catalog, user=UserState(history))
    with qtbot.waitSignal(controller.list_changed, timeout=10000):
        controller.load()
    yield controller, history
    search.stop()
    history.close()


def test_bookmarks_progress_and_next_for_you(with_history):
    from jitl_desktop.services.library import BOOKMARKS, NEXT

    controller, history = with_history
    history.set_bookmark("spreadsheets/freeze", True)
    history.set_done("terminal/extract", True)
    terminal = next(t for t in controller.topics() if t.value == "terminal")
    assert (terminal.done, terminal.count, terminal.level) == (1, 4, "beginner")
    special = {c.value: c.count for c in controller.special()}
    assert special[BOOKMARKS] == 1 and special[NEXT] >= 1
    controller.set_filters(topic=BOOKMARKS)
    assert titles(controller.shown) == ["Freeze the header row"]
    controller.set_filters(topic=NEXT)
    assert controller.shown[0].id == "terminal/extract-check"
    assert controller.why["terminal/extract-check"] == "Check yourself on “Extract an archive”"
    assert "Terminal: 1 of 4 done, up to beginner level" in controller.learning_markdown()


def test_a_quiz_answered_wrong_then_right_shows_the_right_feedback(qtbot, tmp_path,
                                                                  with_history):
    from jitl_desktop.core.quiz import Question

    window = LibraryWindow()
    qtbot.addWidget(window)
    with SearchEngine(ContentIndex(tmp_path / "index")) as engine:
        quiz = engine.get("terminal/extract-check")
    questions = [Question.from_json(q) for q in quiz.meta["questions"]]
    window.show_item(ItemPage(quiz.id, quiz.title, "quiz", "", questions=questions),
                     focus=False)
    answers = []
    window.answer_given.connect(lambda *args: answers.append(args))
    first = window.quiz.boxes[0]

    def choose(button) -> None:  # a click on the round mark, as people do
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton,
                         pos=QPoint(6, button.height() // 2))

    choose(first.choices[1])
    qtbot.mouseClick(first.button, Qt.MouseButton.LeftButton)
    assert first.feedback.text().startswith("<b>Not quite.</b> The answer: tar -xf")
    assert "-c creates an archive." in first.feedback.text()
    choose(first.choices[0])
    qtbot.mouseClick(first.button, Qt.MouseButton.LeftButton)
    assert first.feedback.text().startswith("<b>Right.</b>")
    second = window.quiz.boxes[1]
    qtbot.keyClicks(second.answer, "-l")
    qtbot.keyClick(second.answer, Qt.Key.Key_Return)
    assert answers == [("terminal/extract-check", 0, False, "tar -cf backup.tar.gz"),
                       ("terminal/extract-check", 0, True, "tar -xf backup.tar.gz"),
                       ("terminal/extract-check", 1, True, "-l")]
    assert "2 of 2 right so far" in window.quiz.score.text()


def test_marking_a_guide_done_offers_its_quick_check(qtbot):
    window = LibraryWindow()
    qtbot.addWidget(window)
    window.show_item(ItemPage("g", "Guide", "guide", "Read me.",
                              quiz=("g-check", "Check: guide")), focus=False)
    marks = []
    window.mark_requested.connect(lambda *args: marks.append(args))
    qtbot.mouseClick(window.done, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.bookmark, Qt.MouseButton.LeftButton)
    assert marks == [("g", "done"), ("g", "bookmark")]
    assert window.done.text() == "Done" and window.bookmark.text() == "Bookmarked"
    assert window.done.isChecked() and window.bookmark.isChecked()
    assert "item:g-check" in window.thanks.text()
    with qtbot.waitSignal(window.comment_given) as commented:
        qtbot.mouseClick(window.helpful, Qt.MouseButton.LeftButton)
        assert window.comment.isVisible()
        qtbot.keyClicks(window.comment, "clear steps")
        qtbot.keyClick(window.comment, Qt.Key.Key_Return)
    assert commented.args == ["g", "clear steps"]
    assert marks[-1] == ("g", "helpful")


def test_topics_are_named_from_topics_yaml_with_the_folder_name_as_fallback(
        qtbot, tmp_path, make_content):
    root = make_content({
        "email-calendar/reply.md": "---\ntitle: Reply\ntopics: [email-calendar]\n---\nHi.\n",
        "it/vpn.md": "---\ntitle: VPN\ntopics: [it]\n---\nConnect.\n",
        "files-backups/copy.md": "---\ntitle: Copy\ntopics: [files-backups]\n---\nCopy.\n",
        "topics.yaml": "email-calendar: {name: E-mail and calendar, description: Mail}\n"
                       "it: {name: IT help desk}\n",
    })
    content_index = ContentIndex(tmp_path / "index")
    content_index.update([root])
    search = SearchController(lambda: SearchEngine(content_index, roots=[root]))
    controller = LibraryController(search, Catalog.load(app_catalog_file()))
    with qtbot.waitSignal(controller.list_changed, timeout=10000):
        controller.load()
    try:
        assert [t.label for t in controller.topics()] == [
            "E-mail and calendar", "Files backups", "IT help desk"]
    finally:
        search.stop()
