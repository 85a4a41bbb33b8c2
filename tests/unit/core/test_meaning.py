"""Meaning beyond the author's words: questions that share no word with their item
still find it, the index keeps each item's vector in step with its file, and without
the model search still works by words."""

from __future__ import annotations

import logging

import pytest

from jitl_desktop.core import meaning
from jitl_desktop.core import search as search_mod
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine
from tests.helpers import loaded_after

GUIDES = {
    "files/hidden.md": "---\ntitle: Show hidden files and file extensions\n---\n"
                       "Press Ctrl+H in the file manager.\n",
    "disk/usage.md": "---\ntitle: Find what is filling your disk\n---\n"
                     "Open Disk Usage Analyzer and scan your home folder.\n",
    "files/path.md": "---\ntitle: Copy the full path of a file\n---\n"
                     "Hold Shift, right-click the file and choose Copy as path.\n",
    "git/undo.md": "---\ntitle: Undo the last git commit\n---\nRun git reset --soft HEAD~1.\n",
    "mail/ooo.md": "---\ntitle: Set an out-of-office reply\n---\n"
                   "Automatic replies tell senders when you are back.\n",
    "calls/mic.md": "---\ntitle: Test your microphone and camera before a call\n---\n"
                    "Join a test meeting and speak.\n",
}


def titles(engine: SearchEngine, text: str, typing: bool = False) -> list[str]:
    return [r.title for r in engine.search(text, typing=typing).results]


@pytest.fixture
def guides(tmp_path, make_content):
    root = make_content(GUIDES)
    index = ContentIndex(tmp_path / "ix")
    index.update([root])
    return root, index


@pytest.fixture
def no_model(monkeypatch):
    """The meaning model as if it were not installed."""
    monkeypatch.setattr(meaning, "_package_dir", lambda: None)
    meaning.model.cache_clear()
    yield
    meaning.model.cache_clear()


def test_the_model_ships_with_the_app_and_places_like_meanings_near():
    model = meaning.model()
    assert model is not None, "the wordllama wheel carries the model"
    hidden = model.vector("Show hidden files and file extensions")
    invisible = model.vector("see invisible files")
    undo = model.vector("Undo the last git commit")
    assert hidden is not None and invisible is not None and undo is not None
    assert abs(float(hidden @ hidden) - 1.0) < 1e-3
    assert float(invisible @ hidden) > float(invisible @ undo) + 0.1
    assert model.vector("") is None


def test_a_question_without_the_items_words_finds_it_by_meaning(guides, engines):
    root, index = guides
    engine = engines(index, [root])
    # no word of "storage almost used up" is in any item: by words alone nothing
    response = engine.search("storage almost used up", typing=False)
    assert [r.title for r in response.results][:1] == ["Find what is filling your disk"]
    assert response.no_good_match  # found by meaning alone, it is the closest only
    # "full" finds "Copy the full path of a file"; the disk item is found by meaning and
    # comes first once its passages are read (core/search.py PASSAGE_WEIGHTS)
    assert titles(engine, "computer is slow because drive is full")[:2] == \
        ["Find what is filling your disk", "Copy the full path of a file"]
    assert "Find what is filling your disk" in titles(engine, "hard drive almost out of room")


def test_words_still_decide_when_they_match(guides, engines):
    """Meaning adds to words; it does not overrule an exact title or a clear match."""
    root, index = guides
    engine = engines(index, [root])
    assert titles(engine, "Copy the full path of a file")[0] == "Copy the full path of a file"
    assert titles(engine, "git commit")[0] == "Undo the last git commit"


def test_only_items_near_in_meaning_join_a_precise_query(guides, engines):
    """Items that share no word and are not about the same thing stay out of the list:
    a precise query is not padded with everything."""
    root, index = guides
    engine = engines(index, [root])
    assert titles(engine, "git reset soft") == ["Undo the last git commit"]
    assert titles(engine, "out of office") == ["Set an out-of-office reply"]
    assert titles(engine, "parking permit") == []  # nothing near enough


def test_a_query_of_no_real_word_gets_nothing_by_meaning(guides, engines, monkeypatch):
    """Gibberish has no meaning: however near its numbers fall, nothing joins for it,
    while a query of real words does (here with no floor to nearness at all)."""
    root, index = guides
    engine = engines(index, [root])
    monkeypatch.setattr(search_mod, "MEANING_FLOOR", -1.0)
    monkeypatch.setattr(search_mod, "MEANING_SPREAD", 9.0)
    assert titles(engine, "xkcd qqzx") == []
    assert titles(engine, "asdf vvkj uiop") == []
    assert len(titles(engine, "holiday auto responder")) == len(GUIDES)


def test_vectors_follow_changed_added_and_removed_files(guides, engines):
    root, index = guides
    engine = engines(index, [root])
    assert titles(engine, "storage almost used up") == ["Find what is filling your disk"]
    (root / "disk/usage.md").unlink()
    (root / "disk/space.md").write_text(
        "---\ntitle: Free up storage space\n---\nEmpty the trash.\n")
    (root / "git/undo.md").write_text(
        "---\ntitle: See how much room is left on a drive\n---\nOpen Disks.\n")
    index.update([root])
    engine.reload()
    found = titles(engine, "nearly out of capacity")
    assert "Find what is filling your disk" not in found
    assert "Undo the last git commit" not in titles(engine, "revert a change")
    assert titles(engine, "hard drive almost full")[0] in {
        "Free up storage space", "See how much room is left on a drive"}


def test_meaning_never_reaches_items_outside_the_searched_roots(tmp_path, make_content,
                                                                engines):
    work = make_content(GUIDES)
    other = make_content({"space.md": "---\ntitle: Free up storage space\n---\nTrash.\n"})
    index = ContentIndex(tmp_path / "ix")
    index.update([work, other])
    assert "Free up storage space" in titles(engines(index, [work, other]),
                                             "storage almost used up")
    assert "Free up storage space" not in titles(engines(index, [work]),
                                                 "storage almost used up")


def test_without_the_model_search_works_by_words(tmp_path, make_content, no_model, engines):
    assert meaning.model() is None
    root = make_content(GUIDES)
    index = ContentIndex(tmp_path / "ix")
    index.update([root])
    engine = engines(index, [root])
    assert titles(engine, "out of office")[0] == "Set an out-of-office reply"
    assert titles(engine, "storage almost used up") == []
    response = engine.search("git commit", typing=False)
    assert not response.no_good_match  # the words-only threshold still applies


def test_a_damaged_model_is_reported_and_search_goes_on(tmp_path, monkeypatch, caplog,
                                                        make_content, engines):
    (tmp_path / "pkg" / "weights").mkdir(parents=True)
    (tmp_path / "pkg" / "tokenizers").mkdir()
    (tmp_path / "pkg" / meaning.WEIGHTS).write_bytes(b"\x00garbage")
    (tmp_path / "pkg" / meaning.TOKENIZER).write_text("{not json")
    monkeypatch.setattr(meaning, "_package_dir", lambda: tmp_path / "pkg")
    meaning.model.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="jitl_desktop.core.meaning"):
            assert meaning.model() is None
        assert "cannot load the meaning model" in caplog.text
        root = make_content(GUIDES)
        index = ContentIndex(tmp_path / "ix")
        index.update([root])
        assert titles(engines(index, [root]), "git commit")[0] == "Undo the last git commit"
    finally:
        meaning.model.cache_clear()


def test_an_index_built_without_the_model_is_rebuilt_once_it_is_there(
        tmp_path, make_content, monkeypatch, engines):
    root = make_content(GUIDES)
    index = ContentIndex(tmp_path / "ix")
    monkeypatch.setattr(meaning, "_package_dir", lambda: None)
    meaning.model.cache_clear()
    index.update([root])
    monkeypatch.undo()
    meaning.model.cache_clear()
    assert index.needs_rebuild()
    assert index.update([root]).rebuilt
    assert titles(engines(index, [root]), "storage almost used up") == \
        ["Find what is filling your disk"]


def test_the_weight_of_meaning_is_what_the_benchmarks_chose():
    """A guard against an accidental change: the weights are measured in
    benchmarks/RESULTS.md ("Meaning beyond the author's words"; German since it is read
    in context: "German read in context")."""
    assert search_mod.MEANING_WEIGHT == 2.0
    assert search_mod.MEANING_WEIGHTS == {"de": 1.5}


def test_the_model_loads_without_network_code():
    """Nothing that could reach the network is imported to use the model: the
    wordllama package (which would download) and the HTTP libraries its wheel brings
    stay unloaded."""
    code = ("from jitl_desktop.core import meaning\n"
            "m = meaning.model(); assert m is not None; m.vector('hello')\n")
    assert loaded_after(code, ["wordllama", "huggingface_hub", "requests", "httpx",
                               "httpx2", "hf_xet", "pydantic"]) == []


def test_an_exact_title_comes_first_whatever_the_kind(tmp_path, make_content, engines):
    """A quick check named after a guide, a video about the same thing: the item whose
    title was typed comes first, guide or quiz, with meaning as without."""
    quiz = ("---\ntitle: \"Check: Freeze header rows\"\nkind: quiz\n"
            "checks: sheets/freeze\nquestions:\n  - ask: How do you keep row 1 in view?\n"
            "    choices:\n      - text: Freeze Top Row\n        correct: true\n"
            "      - text: Hide the row\n---\n")
    root = make_content({
        "sheets/freeze.md": "---\ntitle: Freeze header rows\n---\nView, Freeze Panes.\n",
        "sheets/freeze-check.md": quiz,
        "sheets/freeze-video.md": "---\ntitle: Freeze header rows in 60 seconds (video)\n"
                                  "kind: video\nvideo: https://example.com/f.webm\n---\n",
    })
    index = ContentIndex(tmp_path / "ix")
    index.update([root])
    engine = engines(index, [root])
    for typing in (True, False):
        assert titles(engine, "freeze header rows", typing=typing)[0] == "Freeze header rows"
        assert titles(engine, "Check: Freeze header rows", typing=typing)[0] == \
            "Check: Freeze header rows"
        assert titles(engine, "freeze header rows in 60 seconds (video)",
                      typing=typing)[0] == "Freeze header rows in 60 seconds (video)"


def test_an_items_body_counts_in_its_meaning_beside_its_title():
    """The symptoms a guide's body describes bring a question about them nearer (the
    title and summary still count most); a body that only repeats the summary (a tldr
    page) changes nothing."""
    model = meaning.model()
    assert model is not None
    title, summary = "Set screen blanking time", "Change the time before the screen blanks."
    body = ("When you stop typing, the monitor switches off after a few minutes to save "
            "power. Make the delay longer if the display goes dark while you are reading.")
    question = model.vector("monitor turns off while i am reading")
    alone = model.item_vector(title, summary)
    with_body = model.item_vector(title, summary, body)
    assert question is not None and alone is not None and with_body is not None
    assert abs(float(with_body @ with_body) - 1.0) < 1e-3
    assert float(question @ with_body) > float(question @ alone) + 0.05
    assert float(with_body @ alone) > 0.8  # still about what the title says
    repeated = model.item_vector("tar", "Archiving utility.", "Archiving utility.\n")
    assert float(repeated @ model.item_vector("tar", "Archiving utility.")) > 0.999
