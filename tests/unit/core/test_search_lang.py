"""Search in several languages: each item read in its own language (stems, accents,
compounds), each query in the languages that fit it, typos and synonyms per language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jitl_desktop.core import analysis
from jitl_desktop.core import search as search_mod
from jitl_desktop.core.glossary import glossary_files, read_glossary
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine
from tests.helpers import linux_engine

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
    # "Rechner" (in the WLAN item) is "Laptop" to the user (the shipped German glossary)
    assert first(german, "Laptop mit WLAN verbinden") == "Mit einem Funknetzwerk verbinden"


@pytest.mark.parametrize("with_group", [True, False])
def test_a_content_roots_german_group_is_what_connects_its_own_words(
        tmp_path, make_content, with_group):
    """The organisation's own name for a system ("OTRS") is in no item and no general
    list: only the root's German glossary group says it is the "Ticketsystem"."""
    files = {"ticket.md": "---\ntitle: Eine Störung im Ticketsystem melden\nlang: de\n---\n"
                          "Legen Sie ein neues Ticket an.\n",
             "wlan.md": "---\ntitle: Mit einem Funknetzwerk verbinden\nlang: de\n---\n"
                        "Klicken Sie auf Funknetzwerk.\n"}
    if with_group:
        files["glossary.yaml"] = "synonyms:\n  - lang: de\n    words: [otrs, ticketsystem]\n"
    root = make_content(files)
    with linux_engine(root, tmp_path, languages=["de"]) as engine:
        response = engine.search("OTRS", typing=False)
        found = [r.title for r in response.results if not response.no_good_match]
    assert found[:1] == (["Eine Störung im Ticketsystem melden"] if with_group else [])


@pytest.mark.parametrize("case", [
    ("nl", "Een printer instellen", "instelling", "instellen"),
    ("it", "Collegare una stampante", "collegamento", "collegare"),
    ("pt", "Configurar as impressoras", "configuração", "configurar"),
])
def test_dutch_italian_and_portuguese_items_are_stemmed_in_their_own_language(
        tmp_path, make_content, case):
    """The query is the item's verb in another form ("instelling" / "instellen"), which
    only that language's stemmer makes one word."""
    lang, title, query, said = case
    assert analysis.terms(query, lang) == analysis.terms(said, lang)
    assert analysis.terms(query, "en") != analysis.terms(said, "en")
    root = make_content({
        "item.md": f"---\ntitle: {title}\nlang: {lang}\n---\nText.\n",
        "other.md": "---\ntitle: Make coffee\n---\nFill the machine.\n"})
    with linux_engine(root, tmp_path, languages=[lang]) as engine:
        response = engine.search(query, typing=False)
    assert response.results[0].title == title and not response.no_good_match


def test_a_dutch_compound_meets_its_parts_both_ways(tmp_path, make_content):
    root = make_content({
        "helderheid.md": "---\ntitle: Beeldschermhelderheid aanpassen\nlang: nl\n---\n"
                         "Maak het scherm lichter of donkerder.\n",
        "wifi.md": "---\ntitle: Verbinden met een draadloos netwerk\nlang: nl\n---\n"
                   "Kies een netwerk in het systeemmenu.\n",
        # each shares a word with one query, whole
        "draaien.md": "---\ntitle: Het beeldscherm draaien\nlang: nl\n---\n"
                      "Draai het beeldscherm een kwartslag.\n",
        "delen.md": "---\ntitle: Een netwerkverbinding delen\nlang: nl\n---\n"
                    "Deel de netwerkverbinding met een telefoon.\n"})
    with linux_engine(root, tmp_path, languages=["nl"]) as engine:
        assert first(engine, "helderheid van het beeldscherm") == "Beeldschermhelderheid aanpassen"
        assert first(engine, "verbinding met het netwerk") == "Een netwerkverbinding delen"


def test_a_french_typo_is_corrected_but_a_correct_french_word_never(index, content):
    with SearchEngine(index, roots=[content], os_name="linux", languages=["fr"]) as engine:
        assert engine.search("imprimmer un document", typing=False).corrected \
            == "imprimer un document"
        for correct in ("imprimante", "impression", "fichier"):
            assert engine.search(correct, typing=False).corrected is None


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


def test_a_word_read_in_another_language_matches_only_that_languages_items(
        tmp_path, make_content):
    """On content in English and German, "printer" is also read as German, where it is
    "print": that reading finds a German item's "Printer", but never answers by an
    English item that only says "print" ("printer not working" is not answered by a
    page on printing spreadsheet titles)."""
    english = {
        "titles.md": "---\ntitle: Repeat header rows on every printed page\n---\n"
                     "Choose Print Titles and the rows to print at the top.\n",
        "password.md": "---\ntitle: Reset your password\n---\nOpen the account page.\n",
        "vpn.de.md": "---\ntitle: VPN verbinden\nlang: de\n---\nStarten Sie den VPN-Client.\n"}
    german_printer = {"printer.de.md": "---\ntitle: Den Printer im Büro einrichten\nlang: de"
                                       "\n---\nWählen Sie den Printer im Flur.\n"}
    for n, files in enumerate((english, english | german_printer)):
        root = make_content(files)
        with linux_engine(root, tmp_path, folder=f"ix{n}", languages=["en"]) as engine:
            response = engine.search("printer not working", typing=False)
            if n == 0:
                assert response.no_good_match
            else:
                assert response.results[0].title == "Den Printer im Büro einrichten"
                assert not response.no_good_match
            # a form every language reads alike ("vpn") finds the items of each
            assert first(engine, "vpn") == "VPN verbinden"


@pytest.mark.parametrize("translating", [True, False])
def test_a_german_user_finds_an_item_written_only_in_english(
        tmp_path, make_content, monkeypatch, translating):
    """Content partly translated: a German question meets an English-only item through
    its words' English translations ("Passwort vergessen" → forgotten password), not
    only through the German item that happens to say "Passwort"."""
    if not translating:
        monkeypatch.setattr(search_mod, "TRANSLATION_WEIGHT", 0.0)
    root = make_content({
        "password.md": "---\ntitle: Reset a forgotten password\n---\n"
                       "Open the account page and choose Reset.\n",
        "print.md": "---\ntitle: Print a document\n---\nChoose File, Print.\n",
        "screen.md": "---\ntitle: Lock your screen\n---\nPress Super+L.\n",
        "vpn.de.md": "---\ntitle: VPN verbinden\nlang: de\n---\n"
                     "Starten Sie den VPN-Client. Geben Sie Ihr Passwort ein.\n"})
    with linux_engine(root, tmp_path, languages=["de"]) as engine:
        found = {q: engine.search(q, typing=False) for q in
                 ("Passwort vergessen", "Bildschirm sperren", "Dokument drucken")}
    answers = [r.results[0].title if r.results and not r.no_good_match else None
               for r in found.values()]
    expected = ["Reset a forgotten password", "Lock your screen", "Print a document"]
    assert (answers == expected) is translating
