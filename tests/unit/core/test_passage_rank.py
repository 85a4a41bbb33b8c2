"""The first results are ranked again by the passage of their body that comes nearest
the question in context (core/search.py PASSAGE_WEIGHTS): a guide that says in its body
what a question asks in other words rises above one that only shares a word with it."""

from __future__ import annotations

import pytest

from jitl_desktop.core import context
from jitl_desktop.core import search as search_mod
from jitl_desktop.core.index import ContentIndex

pytestmark = pytest.mark.skipif(not context.available(), reason="no context model here")

PAGES = {
    "keys.md": "---\ntitle: Special keys\n---\n# Special keys\n\n> The extra keys of a "
               "keyboard.\n\nOn a laptop, the Fn key is at the bottom left.\n\nHold the Fn "
               "key to reach the second meaning of the keys in the top row.\n",
    "battery.md": "---\ntitle: Battery problems\n---\n# Battery problems\n\n> When the "
                  "battery misbehaves.\n\nIf the battery stays empty although the power "
                  "cable is plugged in, try another adapter and another wall socket.\n\n"
                  "An old battery holds less energy: it may need to be replaced.\n",
    "printer.md": "# Add a printer\n\n> Set up a new printer.\n\nOpen Settings and choose "
                  "Printers, then Add a printer.\n",
}
QUESTION = "laptop won't charge"  # "laptop" is the keys page's word; the battery's body
#                                   says the rest, in other words


def scores(engine, text: str) -> dict[str, float]:
    return {r.id: r.score for r in engine.search(text, typing=False).results}


@pytest.fixture
def built(tmp_path, make_content):
    root = make_content(PAGES)
    index = ContentIndex(tmp_path / "ix")
    index.update([root])  # a few files: their passages are read at once
    return index, root


def test_the_passage_that_answers_lifts_its_guide_above_a_shared_word(built, engines,
                                                                       monkeypatch):
    index, root = built
    engine = engines(index, [root])
    with_passages = scores(engine, QUESTION)
    assert max(with_passages, key=with_passages.get) == "battery"
    monkeypatch.setitem(search_mod.PASSAGE_WEIGHTS, "en", 0.0)
    without = scores(engine, QUESTION)
    assert max(without, key=without.get) == "keys"


def test_an_exact_title_keeps_its_lead_and_its_score(built, engines, monkeypatch):
    index, root = built
    engine = engines(index, [root])
    exact = scores(engine, "special keys")
    monkeypatch.setitem(search_mod.PASSAGE_WEIGHTS, "en", 0.0)
    assert scores(engine, "special keys")["keys"] == exact["keys"]
    assert max(exact, key=exact.get) == "keys"


def test_no_passage_counts_until_every_one_of_the_first_results_has_its_vector(
        built, engines):
    """Passages' vectors are made after the items' (core/incontext.py): until those of
    the first results are all there, the ranking is the one without passages, never
    half of each."""
    index, root = built
    index.passage_vectors.path.unlink()  # as after a big build, before they are made
    engine = engines(index, [root])
    meanwhile = scores(engine, QUESTION)
    assert max(meanwhile, key=meanwhile.get) == "keys"
    made, waiting = index.read_in_context()
    assert (made, waiting) == (0, 0)  # the items' own were there: only passages made
    assert not index.passage_vectors.missing(
        ["If the battery stays empty although the power cable is plugged in, try another "
         "adapter and another wall socket."])
    engine.reload()
    read = scores(engine, QUESTION)
    assert max(read, key=read.get) == "battery"


def test_a_german_question_is_ranked_without_passages(tmp_path, make_content, engines):
    """German is read in context only through its gloss, which measured no gain here:
    German items keep no passages and German rankings do not change."""
    root = make_content({"akku.md": "---\ntitle: Akku\nlang: de\n---\n# Akku\n\n"
                                    "Wenn der Akku leer bleibt, obwohl das Kabel steckt, "
                                    "versuchen Sie ein anderes Netzteil.\n"})
    index = ContentIndex(tmp_path / "ix")
    index.update([root])
    assert index.passage_vectors.missing(["x"]) == ["x"]
    assert not index.passage_vectors.path.exists()
