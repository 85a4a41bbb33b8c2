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


GERMAN = {
    "tasten.md": "---\ntitle: Sondertasten\nlang: de\n---\n# Sondertasten\n\n> Die "
                 "zusätzlichen Tasten einer Tastatur.\n\nAm Laptop liegt die Fn-Taste unten "
                 "links.\n\nHalten Sie die Fn-Taste gedrückt, um die zweite Belegung der "
                 "oberen Tastenreihe zu erreichen.\n",
    "akku.md": "---\ntitle: Probleme mit dem Akku\nlang: de\n---\n# Probleme mit dem "
               "Akku\n\n> Wenn der Akku nicht tut, was er soll.\n\nWenn der Akku leer "
               "bleibt, obwohl das Netzkabel eingesteckt ist, versuchen Sie ein anderes "
               "Netzteil und eine andere Steckdose.\n\nEin alter Akku speichert weniger "
               "Energie und muss vielleicht ersetzt werden.\n",
    "drucker.md": "---\ntitle: Einen Drucker hinzufügen\nlang: de\n---\n# Einen Drucker "
                  "hinzufügen\n\nÖffnen Sie die Einstellungen und wählen Sie Drucker.\n",
}


@pytest.mark.skipif(not context.available(context.MULTILINGUAL),
                    reason="no multilingual model here")
def test_german_guides_and_their_passages_are_read_by_the_multilingual_model(
        tmp_path, make_content, engines, monkeypatch):
    """German items and their passages are read by the multilingual model
    (core/context.py): "Laptop hat keinen Strom mehr" shares no word with the battery
    page, whose body says the rest; read in context, it is found, and its passage adds
    to its score."""
    root = make_content(GERMAN)
    index = ContentIndex(tmp_path / "ix")
    index.update([root])
    assert not index.passage_vectors.missing(
        [context.marked("Ein alter Akku speichert weniger Energie und muss vielleicht "
                        "ersetzt werden.", "de")])
    engine = engines(index, [root], languages=["de"])
    question = "Laptop hat keinen Strom mehr"
    found = scores(engine, question)
    assert list(found)[:2] == ["tasten", "akku"]  # ("Laptop" is the keys page's word)
    monkeypatch.setitem(search_mod.PASSAGE_WEIGHTS, "de", 0.0)
    assert scores(engine, question)["akku"] < found["akku"]
    monkeypatch.setattr(search_mod, "CONTEXT_SHARE", 0.0)
    assert "akku" not in scores(engine, question)
