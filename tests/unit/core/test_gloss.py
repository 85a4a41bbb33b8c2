"""Meaning through English: German text is also read as its word-by-word English gloss,
so the meaning model (which reads English best) places a German question near what it
means."""

from __future__ import annotations

import gzip

import pytest

from jitl_desktop.core import gloss, meaning
from jitl_desktop.core.index import ContentIndex, read_vectors


def test_the_german_table_ships_and_translates_everyday_words():
    table = gloss.table("de")
    assert table is not None and len(table) > 50_000
    assert "printer" in table.translations("Drucker")
    assert "printed" in table.translations("gedruckt")  # inflected forms are listed too
    assert "password" in table.translations("passwort")
    assert table.translations("qqqq") == []


def test_a_gloss_leaves_out_stop_words_and_negations_and_keeps_names():
    glossed = gloss.english("Die Druckerpatrone ist nicht leer, WLAN", "de")
    words = glossed.split()
    assert "printer" in words and "cartridge" in words  # a compound, by its parts
    assert "WLAN" in words  # no translation: the word itself (a name)
    assert "not" not in words and "die" not in glossed.lower().split()
    assert gloss.english("Bonjour", "fr") is None  # no table: no gloss
    assert gloss.english("Hallo", None) is None


def test_a_german_question_lands_near_its_english_meaning():
    model = meaning.model()
    assert model is not None
    english = model.vector("The printer does not print")
    alone = model.vector("Der Drucker druckt nicht")
    glossed = model.vector("Der Drucker druckt nicht", "de")
    assert english is not None and alone is not None and glossed is not None
    assert abs(float(glossed @ glossed) - 1.0) < 1e-3
    assert float(glossed @ english) > float(alone @ english) + 0.3
    # English text is read as it is
    assert float(model.vector("Screen too dark", "en") @ model.vector("Screen too dark")) \
        == pytest.approx(1.0, abs=1e-3)


def test_the_index_keeps_a_german_items_glossed_vector(tmp_path, make_content):
    root = make_content({
        "akku.md": "---\ntitle: Akku schonen\nlang: de\n---\nDen Akku nie ganz leeren.\n",
        "battery.md": "---\ntitle: Look after your battery\n---\nNever drain it fully.\n",
    })
    index = ContentIndex(tmp_path / "ix")
    index.update([root])
    ix = index.open()
    with ix.searcher() as searcher:
        vectors = read_vectors(searcher.reader(), None)
        docs = {searcher.stored_fields(d)["id"].rsplit("/", 1)[-1]: d
                for d in range(searcher.doc_count_all())}
    model = meaning.model()
    assert model is not None
    text = meaning.item_text("Akku schonen", "Den Akku nie ganz leeren.")
    expected = model.vector(text, "de")
    assert expected is not None
    assert float(vectors[docs["akku"]] @ expected) > 0.999
    # and so the German guide is near the English one in meaning
    assert float(vectors[docs["akku"]] @ vectors[docs["battery"]]) > \
        float(model.vector(text) @ vectors[docs["battery"]]) + 0.1


def test_a_damaged_table_is_reported_and_meaning_reads_the_text_alone(tmp_path, monkeypatch,
                                                                       caplog):
    broken = tmp_path / "gloss.de-en.gz"
    broken.write_bytes(gzip.compress(b"drucker\tprinter\n")[:10])
    monkeypatch.setattr(gloss, "data_path", lambda lang: broken)
    gloss.table.cache_clear()
    try:
        assert gloss.english("Drucker", "de") is None
        assert "cannot read the de gloss" in caplog.text
        model = meaning.model()
        assert model is not None
        assert float(model.vector("Drucker", "de") @ model.vector("Drucker")) > 0.999
    finally:
        gloss.table.cache_clear()
