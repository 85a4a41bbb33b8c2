"""Meaning in context: a question is read as a whole ("a window disappeared off the
screen" is about a lost window, not about the screen), English items carry a vector in
context that follows their file, and without the runtime or with a damaged model file
search goes on with the static meaning alone."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from jitl_desktop.core import context
from jitl_desktop.core import search as search_mod
from jitl_desktop.core.index import ContentIndex, read_meaning
from jitl_desktop.core.search import SearchEngine
from tests.helpers import loaded_after

GUIDES = {
    "print/streaks.md": "---\ntitle: Why are there streaks or faded lines on my printouts?\n"
                        "---\nThe cartridge may be low on toner or ink.\n",
    "print/cancel.md": "---\ntitle: Cancel or pause a print job\n---\n"
                       "Open the printer queue and remove the job.\n",
    "windows/lost.md": "---\ntitle: Find a lost window\n---\n"
                       "A window may be on another workspace or behind other windows.\n",
    "windows/max.md": "---\ntitle: Maximise and restore a window\n---\n"
                      "Double-click the title bar.\n",
    "display/night.md": "---\ntitle: Make the screen warmer at night\n---\n"
                        "Night light changes the colour of the display after sunset.\n",
    "display/resolution.md": "---\ntitle: Change the resolution or orientation of the "
                             "screen\n---\nChoose a resolution in Displays.\n",
    "files/trash.md": "---\ntitle: Recover a file from the trash\n---\n"
                      "Open the trash and restore the file.\n",
}


def titles(engine: SearchEngine, text: str) -> list[str]:
    return [r.title for r in engine.search(text, typing=False).results]


@pytest.fixture
def fresh_model():
    """The context model loaded again by the test (and once more after it)."""
    context.model.cache_clear()
    yield
    context.model.cache_clear()


@pytest.fixture
def guides(tmp_path, make_content):
    root = make_content(GUIDES)
    index = ContentIndex(tmp_path / "ix")
    index.update([root])
    return root, index


def test_the_context_model_ships_with_the_app_and_reads_a_question_whole():
    model = context.model()
    assert model is not None, "core/data/context holds the model, onnxruntime runs it"
    question = model.vector("my printout has stripes")
    streaks = model.vector("Why are there streaks or faded lines on my printouts?")
    cancel = model.vector("Cancel or pause a print job")
    assert question is not None and streaks is not None and cancel is not None
    assert question.shape == (context.SIZE,)
    assert abs(float(question @ question) - 1.0) < 1e-3
    assert float(question @ streaks) > float(question @ cancel) + 0.1
    assert model.vector("") is None


def test_the_multilingual_model_ships_and_reads_german_and_french_questions():
    """German, French and the other languages of core/context.py's second model: a
    question comes nearest the text that answers it, in words it does not share."""
    model = context.multilingual()
    assert model is not None, "core/data/multilingual holds the model"
    assert context.reader_for("de") is context.reader_for("fr") is context.MULTILINGUAL
    for question, texts in (
            ("Kennwort vergessen", ["Ein vergessenes Passwort zurücksetzen",
                                    "Einen Drucker hinzufügen",
                                    "Die Bildschirmauflösung ändern"]),
            ("mot de passe oublié", ["Réinitialiser un mot de passe perdu",
                                     "Ajouter une imprimante",
                                     "Changer la résolution de l'écran"])):
        asked = model.question(question)
        assert asked is not None and abs(float(asked @ asked) - 1.0) < 1e-3
        near = context.calibrated(context.MULTILINGUAL, context.read(
            [context.marked(text, "de") for text in texts]) @ asked)
        assert near[0] > max(near[1:]) + 0.2  # (on the English model's scale)
    assert model.question("  ") is None


def test_each_text_the_index_keeps_is_read_by_the_model_of_its_language():
    """One store holds both models' vectors: a German text is marked, its key says so,
    and it is read as a passage by the multilingual model."""
    from jitl_desktop.core import incontext

    german = context.marked("Ein vergessenes Passwort zurücksetzen", "de")
    english = context.marked("Reset a forgotten password", "en")
    assert context.reader_of(german) is context.MULTILINGUAL
    assert context.reader_of(english) is context.ENGLISH
    assert english == "Reset a forgotten password" and context.marked("x", "ja") == ""
    keys = np.array([incontext.key(german), incontext.key(english)], dtype=np.uint64)
    assert incontext.multilingual_keys(keys).tolist() == [True, False]
    both = context.read([german, english])
    multilingual = context.multilingual()
    assert multilingual is not None
    alone = multilingual.vectors(["passage: Ein vergessenes Passwort zurücksetzen"])[0]
    assert float(both[0] @ alone) > 0.999
    english_model = context.model()
    assert english_model is not None
    assert float(both[1] @ english_model.vectors(["Reset a forgotten password"])[0]) > 0.999


def test_a_text_gets_the_same_vector_whatever_is_read_with_it():
    """An item's vector does not depend on the other files indexed with it (the int8
    model scales its numbers by the whole input's range: texts are read one by one)."""
    model = context.model()
    assert model is not None
    texts = ["tar", "Find a lost window", "", " ".join(["a long text about printing"] * 20),
             "Why are there streaks or faded lines on my printouts?"]
    together = model.vectors(texts)
    assert together.shape == (len(texts), context.SIZE)
    assert not together[2].any()  # no token: no vector
    for text, row in zip(texts, together, strict=True):
        alone = model.vector(text)
        if alone is not None:
            assert float(np.abs(alone - row).max()) < 1e-6, text



def test_a_question_asked_again_is_read_once_and_nobody_can_change_it():
    """A question settled is searched again (and a word taken back asks again): its
    vector is kept, read-only, so what one search does with it cannot change the next
    search's; a question that fell out of the kept ones is read again, the same."""
    model = context.model()
    assert model is not None
    first = model.question("my printout has stripes")
    assert first is not None
    assert model.question("my printout has stripes") is first
    with pytest.raises(ValueError):
        first *= 2.0
    for n in range(context.KEPT_QUESTIONS):
        model.question(f"question number {n}")
    again = model.question("my printout has stripes")
    assert again is not first and np.array_equal(again, first)

def test_a_question_in_other_words_finds_its_item_in_context(guides, engines, monkeypatch):
    root, index = guides
    engine = engines(index, [root])
    # the static meaning reads "screen" and puts the night light first; in context the
    # question is about a window that is gone
    assert titles(engine, "a window disappeared off the screen")[0] == "Find a lost window"
    assert titles(engine, "picture upside down")[:1] == [
        "Change the resolution or orientation of the screen"]
    assert titles(engine, "how do I") == []  # question words say nothing to be near
    monkeypatch.setattr(search_mod, "CONTEXT_SHARE", 0.0)
    engine.reload()
    assert titles(engine, "a window disappeared off the screen")[0] != "Find a lost window"
    assert "Change the resolution or orientation of the screen" not in titles(
        engine, "picture upside down")


def test_items_carry_a_vector_in_context_of_the_model_of_their_language(
        tmp_path, make_content):
    root = make_content({
        "en.md": "---\ntitle: Find a lost window\n---\nLook on the other workspaces.\n",
        "de.md": "---\ntitle: Ein verlorenes Fenster finden\nlang: de\n---\n"
                 "Sehen Sie auf den anderen Arbeitsflächen nach.\n",
        "ru.md": "---\ntitle: Найти потерянное окно\nlang: ru\n---\n"
                 "Посмотрите на других рабочих столах.\n",
    })
    index = ContentIndex(tmp_path / "ix")
    index.update([root])
    found = vectors_by_file(index)
    assert found["en.md"].any() and found["de.md"].any() and not found["ru.md"].any()
    german = context.multilingual()
    assert german is not None
    wanted = german.vectors(["passage: Ein verlorenes Fenster finden. Sehen Sie auf den "
                             "anderen Arbeitsflächen nach."])[0]
    assert float(found["de.md"] @ wanted) > 0.99


def test_vectors_in_context_follow_changed_added_and_removed_files(guides):
    root, index = guides
    (root / "windows/lost.md").write_text(
        "---\ntitle: Bring back a hidden toolbar\n---\nRight-click the panel.\n")
    (root / "windows/gone.md").write_text(
        "---\ntitle: Find a window you cannot see\n---\nPress Super and look.\n")
    (root / "files/trash.md").unlink()
    index.update([root])
    model = context.model()
    assert model is not None
    found = vectors_by_file(index)
    assert "files/trash.md" not in found
    # (an item without a summary is read by its title and the start of its body)
    for name, text in [("windows/lost.md", "Bring back a hidden toolbar. Right-click the "
                                           "panel."),
                       ("windows/gone.md", "Find a window you cannot see. Press Super and "
                                           "look.")]:
        wanted = model.vector(text)
        assert wanted is not None
        assert float(found[name] @ wanted) > 0.99, name


def vectors_by_file(index: ContentIndex) -> dict[str, np.ndarray]:
    """Each live document's vector in context (zeros for none), by its file's path
    under the root."""
    ix = index.open()
    assert ix is not None
    with ix.searcher() as searcher:
        reader = searcher.reader()
        read = read_meaning(reader)
        assert read is not None
        vectors, _ = index.context_vectors.lookup(read[1])
        return {"/".join(reader.stored_fields(doc)["path"].split("/")[-2:]).removeprefix(
                    f"{root_name(reader, doc)}/"): vectors[doc]
                for doc in range(reader.doc_count_all()) if not reader.is_deleted(doc)}


def root_name(reader, doc: int) -> str:
    return reader.stored_fields(doc)["root"].rsplit("/", 1)[-1]


@pytest.mark.usefixtures("fresh_model")
def test_without_onnxruntime_search_reads_meaning_without_context(
        tmp_path, make_content, monkeypatch, engines):
    monkeypatch.setattr(context, "_runtime", lambda: False)
    assert context.model() is None and not context.available()
    root = make_content(GUIDES)
    index = ContentIndex(tmp_path / "ix")
    index.update([root])
    engine = engines(index, [root])
    assert titles(engine, "Cancel or pause a print job")[0] == "Cancel or pause a print job"
    assert titles(engine, "a window disappeared off the screen")  # static meaning still
    # once the runtime is there, the index is built again with the vectors in context
    monkeypatch.undo()
    context.model.cache_clear()
    assert index.needs_rebuild()
    assert index.update([root]).rebuilt
    engine.reload()
    assert titles(engine, "a window disappeared off the screen")[0] == "Find a lost window"


@pytest.mark.usefixtures("fresh_model")
def test_a_damaged_context_model_is_reported_and_search_goes_on(
        tmp_path, make_content, monkeypatch, caplog, engines):
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / context.MODEL_FILE).write_bytes(b"\x00not a model")
    (folder / context.TOKENIZER_FILE).write_text("{not json")
    monkeypatch.setattr(context, "_folder", lambda reader=context.ENGLISH: folder)
    with caplog.at_level(logging.WARNING, logger="jitl_desktop.core.context"):
        assert context.model() is None
    assert "cannot load the context model" in caplog.text
    root = make_content(GUIDES)
    index = ContentIndex(tmp_path / "ix")
    index.update([root])
    assert titles(engines(index, [root]), "print job")[0] == "Cancel or pause a print job"


def test_a_damaged_multilingual_model_leaves_english_read_in_context(
        tmp_path, make_content, monkeypatch, caplog, engines):
    """German items keep their static meaning; English ones are still read in context,
    and nothing waits for vectors that cannot be made."""
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / context.MULTILINGUAL.model_file).write_bytes(b"\x00not a model")
    (folder / context.TOKENIZER_FILE).write_text("{not json")
    english = context._folder()
    monkeypatch.setattr(context, "_folder", lambda reader=context.ENGLISH:
                        folder if reader is context.MULTILINGUAL else english)
    context.multilingual.cache_clear()
    try:
        root = make_content({**GUIDES, "de.md": "---\ntitle: Ein verlorenes Fenster "
                                               "finden\nlang: de\n---\nSehen Sie auf "
                                               "den anderen Arbeitsflächen nach.\n"})
        index = ContentIndex(tmp_path / "ix")
        with caplog.at_level(logging.WARNING, logger="jitl_desktop.core.context"):
            report = index.update([root])
        assert "cannot load the context model" in caplog.text
        assert report.context_waiting == 0 and index.read_in_context() == (0, 0)
        engine = engines(index, [root])
        assert titles(engine, "a window disappeared off the screen")[0] == \
            "Find a lost window"
        scorer = engine._current_scorer(index.open())
        assert scorer.in_context and scorer.context_waiting == 0
    finally:
        context.multilingual.cache_clear()


def test_the_share_of_context_is_what_the_benchmarks_chose():
    """A guard against an accidental change: measured in benchmarks/RESULTS.md ("Meaning
    in context")."""
    assert (search_mod.CONTEXT_SHARE, search_mod.CONTEXT_SCALE) == (0.6, 1.5)


def test_the_context_model_loads_without_network_code():
    code = ("from jitl_desktop.core import context\n"
            "m = context.model(); assert m is not None; m.vector('hello')\n")
    assert loaded_after(code, ["requests", "urllib3", "httpx", "huggingface_hub",
                               "torch", "transformers"]) == []
