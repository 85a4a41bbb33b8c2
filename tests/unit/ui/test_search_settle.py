"""Once a question has settled (no key for a moment), "nothing answers" is read again in
the first results' passages, and the overlay is told when that changes it."""

from __future__ import annotations

from collections import Counter

import pytest

from jitl_desktop.core import context
from jitl_desktop.core.history import History
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine
from jitl_desktop.services.overlay import OverlayController
from jitl_desktop.services.search import SearchController
from jitl_desktop.services.user_state import UserState
from tests.unit.core.test_passages import PAGES

pytestmark = pytest.mark.skipif(not context.available(), reason="no context model here")


@pytest.fixture
def controller(qtbot, tmp_path, make_content):
    root = make_content(PAGES)
    ContentIndex(tmp_path / "ix").update([root])
    search = SearchController(lambda: SearchEngine(ContentIndex(tmp_path / "ix"),
                                                   roots=[root]))
    yield OverlayController(search, user=UserState(History(None)))
    search.stop()


def test_a_settled_question_answered_in_a_body_loses_nothing_answers(qtbot, controller):
    seen = []
    controller.search.results_ready.connect(seen.append)
    controller.on_query_edited("my notebook won't charge")
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert [r.no_good_match for r in seen] == [True, False]  # as typed, then settled
    assert controller.response is seen[1]
    assert [r.item_id for r in controller.rows][:1] == ["power"]
    assert controller._unanswered() is False  # what the L&D report records


def test_while_keys_keep_coming_no_question_is_read_again(qtbot, controller):
    """Each text typed is answered at most once while the next key follows within
    the moment (reading passages would hold up the next key); the last one, whose
    one result does not answer it, is sent as typed and once more when settled: the
    answer the window says "nothing answers" for."""
    seen = []
    controller.search.results_ready.connect(seen.append)
    for typed in ("my notebook won't charge", "my notebook won't charge at", "how",
                  "power of attorney form"):
        controller.on_query_edited(typed)
        qtbot.wait(60)
    qtbot.waitUntil(lambda: any(r.query == "power of attorney form" for r in seen), timeout=5000)
    qtbot.wait(800)  # settled
    counts = Counter(r.query for r in seen)
    assert all(n == 1 for q, n in counts.items() if q != "power of attorney form"), counts
    assert counts["power of attorney form"] == 2
    assert seen[-1].query == "power of attorney form" and seen[-1].no_good_match
    assert seen[-1].settled and not seen[-2].settled


def test_the_window_says_nothing_answers_only_once_the_question_settled(qtbot,
                                                                         controller):
    """A verdict said while typing and taken back a moment later misleads: the line
    comes once the question has settled, and only when the settled check agrees."""
    hints: list[str] = []
    controller.hint_changed.connect(hints.append)
    controller.on_query_edited("my notebook won't charge")  # answered in a body
    qtbot.wait(1000)
    assert hints and not any("Nothing here answers" in h for h in hints), hints
    hints.clear()
    controller.on_query_edited("power of attorney form")  # one result, not an answer
    qtbot.waitUntil(lambda: any("Nothing here answers" in h for h in hints), timeout=5000)
    assert "Nothing here answers" not in hints[0]  # not as typed: once settled
    assert controller._unanswered() is True  # what the L&D report records
