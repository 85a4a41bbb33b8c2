"""Search in several languages: each item read in its own language (stems, accents,
compounds), each query in the languages that fit it, typos and synonyms per language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jitl_desktop.core import analysis
from jitl_desktop.core.glossary import glossary_files, read_glossary
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "search-languages" / "content"


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("languages") / "content"
    shutil.copytree(FIXTURES, root)
    (root / "glossary.yaml").write_text(
        "synonyms:\n  - lang: de\n    words: [beamer, projektor]\n"
        "  - lang: de\n    words: [rechner, laptop]\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def index(tmp_path_factory, content) -> ContentIndex:
    ci = ContentIndex(tmp_path_factory.mktemp("ix"))
    ci.update([content], glossary_files=glossary_files([content]))
    return ci


@pytest.fixture
def german(index, content):
    with SearchEngine(index, roots=[content], os_name="linux",
                      languages=["de-DE", "de"]) as engine:
        yield engine


@pytest.fixture
def english(index, content):
    with SearchEngine(index, roots=[content], os_name="linux", languages=["en"]) as engine:
        yield engine


def first(engine: SearchEngine, query: str, **kwargs) -> str:
    results = engine.search(query, typing=False, **kwargs).results
    return results[0].title if results else ""


@pytest.mark.parametrize(("query", "title"), [
    ("Druckaufträge abbrechen", "Einen Druckauftrag abbrechen"),   # plural, umlaut
    ("Druckaufträge", "Einen Druckauftrag abbrechen"),             # compound, inflected
    ("Auftrag zum Drucken", "Einen Druckauftrag abbrechen"),       # its parts, apart
    ("Helligkeit des Bildschirms", "Bildschirmhelligkeit anpassen"),
    ("Bildschirmhelligkeit", "Bildschirmhelligkeit anpassen"),
    ("Toner Stand", "Den Tonerstand des Druckers prüfen"),
    ("verbunden Funknetzwerke", "Mit einem Funknetzwerk verbinden"),
])
def test_a_german_item_is_found_by_inflected_forms_and_compound_parts(german, query, title):
    assert first(german, query) == title


def test_accents_are_folded_for_matching_both_ways_but_shown_as_written(german, english):
    # the item says "Größe", the user types "grosse" (and the other way round)
    hit = german.search("schrift grosse", typing=False).results[0]
    assert hit.title == "Die Größe der Schrift ändern"
    assert "Größe" in hit.snippet or "größer" in hit.snippet
    assert german.search("schrift grosse", typing=False).corrected is None
    assert first(english, "cafe menu") == "Order from the café menu"
    assert first(german, "Café-Menü") == "Order from the café menu"


def test_a_german_typo_is_corrected_but_a_correct_german_word_never(german):
    response = german.search("Druker Tonerstand", typing=False)
    assert response.corrected == "Drucker Tonerstand"
    assert response.results[0].title == "Den Tonerstand des Druckers prüfen"
    # real German words the content never uses stay as typed
    for query in ("Kühlschrank abtauen", "Urlaubsantrag einreichen", "Bildschirme putzen"):
        assert german.search(query, typing=False).corrected is None, query


def test_an_english_item_on_a_german_desktop_is_found_by_english_words(german):
    assert first(german, "change printer settings") == "Change the printer settings"
    assert first(german, "duplex printing") == "Change the printer settings"
    # and the German item by German words, on the same desktop
    assert first(german, "Drucker Tonerstand prüfen") == "Den Tonerstand des Druckers prüfen"


def test_a_german_query_on_an_english_desktop_still_finds_the_german_item(english):
    assert first(english, "Helligkeit des Bildschirms") == "Bildschirmhelligkeit anpassen"


def test_french_and_spanish_items_are_stemmed_in_their_own_language(german):
    # "imprimantes" shares only its stem with "Imprimer"; "configuración" with "Configurar"
    assert first(german, "imprimantes") == "Imprimer un document"
    assert first(german, "configuración impresora") == "Configurar las impresoras"
    assert analysis.terms("imprimantes", "fr") == analysis.terms("Imprimer", "fr")
    assert analysis.terms("imprimantes", "en") != analysis.terms("Imprimer", "en")


def test_prefixes_while_typing_work_for_german(german):
    assert german.search("Bildschirmhell", typing=True).results[0].title \
        == "Bildschirmhelligkeit anpassen"
    assert german.search("Druckauf", typing=True).results[0].title \
        == "Einen Druckauftrag abbrechen"


def test_german_glossary_groups_connect_everyday_words(german):
    # "Beamer" is in no item; the root's German group says it means "Projektor", and
    # "Rechner" (in the WLAN item) is "Laptop" to the user
    assert first(german, "Laptop mit WLAN verbinden") == "Mit einem Funknetzwerk verbinden"


def test_no_good_match_keeps_working_in_german(german):
    assert german.search("Urlaubsantrag einreichen", typing=False).no_good_match
    assert not german.search("Druckauftrag abbrechen", typing=False).no_good_match
    assert not german.search("Helligkeit des Bildschirms", typing=False).no_good_match


def test_compounds_split_at_their_parts_and_linking_elements():
    assert analysis.split_compound("bildschirmhelligkeit", "de") == ["bildschirm", "helligkeit"]
    assert analysis.split_compound("druckauftrag", "de") == ["druck", "auftrag"]
    assert analysis.split_compound("arbeitsfläche", "de") == ["arbeit", "fläche"]  # -s-
    assert analysis.split_compound("tonerstand", "de", {"toner"}) == ["toner", "stand"]
    # common words stay whole, English is never split
    assert analysis.split_compound("einstellungen", "de") == []
    assert analysis.split_compound("festlegen", "de") == []
    assert analysis.split_compound("screenshot", "en") == []


def test_glossary_groups_name_their_language(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text("lang: de\nsynonyms:\n  - [beamer, projektor]\n"
                    "  - lang: fr\n    words: [imprimante, printer]\n"
                    "  - lang: xx-!!\n    words: [a, b]\n", encoding="utf-8")
    groups, problems = read_glossary(path)
    assert groups[:2] == [("de", ["beamer", "projektor"]), ("fr", ["imprimante", "printer"])]
    assert len(problems) == 1
    assert "synonym group 3's 'lang' must be a language tag" in problems[0].message
