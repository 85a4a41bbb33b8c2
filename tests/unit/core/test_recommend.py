"""Next for you: prerequisites, quizzes, helpful neighbours and the app in front."""

from __future__ import annotations

from jitl_desktop.core.apps import ActiveApp
from jitl_desktop.core.model import AppRule
from jitl_desktop.core.recommend import recommend
from jitl_desktop.core.search import Entry


def entry(item_id: str, **kw) -> Entry:
    return Entry(id=item_id, title=item_id.upper(), kind=kw.pop("kind", "guide"), summary="",
                 path=f"/c/{item_id}.md", root="/c", **kw)


ENTRIES = [
    entry("open-terminal", level="beginner"),
    entry("extract", prerequisites=("open-terminal",), related=("zip",), level="beginner"),
    entry("extract-check", kind="quiz", checks="extract"),
    entry("zip", level="intermediate"),
    entry("ssh-key", prerequisites=("extract",), level="advanced"),
    entry("xterm-copy", rules=(AppRule(name="xterm"),)),
    entry("unrelated"),
]


def picks(**kw):
    found = recommend(ENTRIES, **{"done": set(), "viewed": [], "helpful": {}, **kw})
    return [(r.entry.id, r.why) for r in found]


def test_an_item_comes_when_its_prerequisites_are_done():
    assert picks() == []  # nothing done or viewed: nothing to go on
    assert ("extract", "Next after “OPEN-TERMINAL”") in picks(done={"open-terminal"})
    assert "ssh-key" not in dict(picks(done={"open-terminal"}))  # not ready yet


def test_a_guide_done_offers_its_quick_check_first():
    first = picks(done={"open-terminal", "extract"})[0]
    assert first == ("extract-check", "Check yourself on “EXTRACT”")


def test_neighbours_of_what_helped_and_done_items_left_out():
    found = picks(done={"open-terminal"}, helpful={"extract": 1})
    assert ("zip", "Related to “EXTRACT”, which you found helpful") in found
    assert "open-terminal" not in dict(found)
    assert "zip" not in dict(picks(done={"open-terminal"}, helpful={"zip": -1,
                                                                    "extract": 1}))


def test_the_app_in_front_counts():
    xterm = ActiveApp(process="xterm", app_id="xterm", name="XTerm",
                      categories=("terminal",))
    assert ("xterm-copy", "For XTerm") in picks(app=xterm)
    assert "unrelated" not in dict(picks(app=xterm, done={"open-terminal"}))
