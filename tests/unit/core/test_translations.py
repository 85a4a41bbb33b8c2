"""Content in several languages: x.de.md is x.md in German, shown once, in the user's
language; the language of an item, of a folder, of a root; lint's checks; the CLI."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from jitl_desktop.cli import main
from jitl_desktop.core import languages
from jitl_desktop.core.apps import Catalog
from jitl_desktop.core.content import iter_items
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.lint import lint
from jitl_desktop.core.search import SearchEngine
from jitl_desktop.paths import app_catalog_file
from tests.helpers import linux_engine

FIXTURE = Path(__file__).parents[2] / "fixtures" / "languages"
GERMAN = languages.preferred("", ["de-DE"])  # de-DE, de
ENGLISH = languages.preferred("", ["en-US"])


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture
def index(tmp_path: Path, content: Path) -> ContentIndex:
    content_index = ContentIndex(tmp_path / "index")
    report = content_index.update([content])
    assert report.problems == []
    return content_index


@pytest.fixture
def engine_for(index: ContentIndex, content: Path) -> Iterator[Callable[..., SearchEngine]]:
    """Search engines over the fixture (closed after the test), for given languages."""
    made: list[SearchEngine] = []

    def make(wanted: Sequence[str], content_index: ContentIndex = index) -> SearchEngine:
        made.append(SearchEngine(content_index, roots=[content], languages=wanted))
        return made[-1]

    yield make
    for engine in made:
        engine.close()


def items_of(root: Path) -> dict[tuple[str, str], object]:
    return {(item.id, item.lang): item for item, _ in iter_items([root]) if item is not None}


def test_a_translation_is_its_original_in_another_language_and_inherits_what_it_omits(content):
    items = items_of(content)
    english, german = items["guides/vpn", "en"], items["guides/vpn", "de"]
    assert german.title == "Mit dem Firmen-VPN verbinden" and "Netzwerkmenü" in german.body
    assert german.tags == ["vpn", "netzwerk"]  # what it states is its own
    # what it leaves out is the original's
    assert german.apps == english.apps and german.owner == "it@example.com"
    assert german.related == ["guides/printer"] and german.kind == "guide"
    assert german.original == english.path and english.original is None


def test_an_items_language_is_its_own_then_its_suffix_folder_root_then_english(make_content):
    root = make_content({
        "topics.yaml": "lang: fr\nguides: {name: Guides}\n",
        "a.md": "# A\n",                                  # the root's: fr
        "b.md": "---\nlang: es\n---\n# B\n",              # its own
        "c.md": "# C\n",
        "c.it.md": "# C\n",                               # its suffix
        "handbuch/.jitl.yaml": "lang: de-AT\n",
        "handbuch/d.md": "# D\n",                          # its folder's
        "handbuch/tief/e.md": "# E\n",                     # its folder's folder's
        "handbuch/tief/e.pt-BR.md": "# E em português\n",  # its suffix, with a region
    })
    langs = {item.path.removeprefix(str(root) + "/"): item.lang
             for item, _ in iter_items([root]) if item is not None}
    assert langs == {"a.md": "fr", "b.md": "es", "c.md": "fr", "c.it.md": "it",
                     "handbuch/d.md": "de-AT",
                     "handbuch/tief/e.md": "de-AT", "handbuch/tief/e.pt-BR.md": "pt-BR"}
    plain = make_content({"x.md": "# X\n"})
    assert [item.lang for item, _ in iter_items([plain]) if item] == ["en"]


def test_a_suffix_that_is_no_language_code_makes_an_item_of_its_own(make_content):
    root = make_content({"notes.md": "# Notes\n", "notes.final.md": "# Final\n",
                         "v1.2.md": "# Version\n", "notes.qq.md": "# Q\n",
                         "notes.fr.md": "# Notes en français\n",
                         "trunk.md": "# trunk\n", "trunk.io.md": "# trunk\n"})
    ids = sorted((item.id, item.lang) for item, _ in iter_items([root]) if item is not None)
    assert ids == [("notes", "en"), ("notes", "fr"), ("notes.final", "en"),
                   ("notes.qq", "en"), ("trunk", "en"), ("trunk.io", "en"), ("v1.2", "en")]
    problems, _ = lint([root], catalog=Catalog())
    assert [(Path(p.path).name, p.line, p.severity) for p in problems] == [
        ("notes.qq.md", 1, "warning")]
    assert "'.qq' is no ISO 639 language code" in problems[0].message


def test_a_german_user_sees_the_german_variant_an_english_user_the_english_once(engine_for):
    for wanted, title in ((GERMAN, "Mit dem Firmen-VPN verbinden"),
                          (ENGLISH, "Connect to the company VPN"),
                          (languages.preferred("", ["de-CH"]), "Mit dem Firmen-VPN verbinden"),
                          ([], "Connect to the company VPN")):  # nobody: the original
        engine = engine_for(wanted)
        hits = engine.search("vpn", typing=False).results
        assert [(h.id, h.title) for h in hits] == [("guides/vpn", title)], wanted
        assert hits[0].lang == ("de" if "Mit" in title else "en")
        entries = engine.entries()
        assert [e.id for e in entries].count("guides/vpn") == 1
        assert next(e.title for e in entries if e.id == "guides/vpn") == title
        assert engine.get("guides/vpn").title == title
        suggested = engine.suggest("firefox").results
        assert [(h.id, h.title) for h in suggested][:1] == [("guides/vpn", title)]
        assert [h.id for h in suggested].count("guides/vpn") == 1


def test_a_german_user_sees_an_item_without_a_german_variant_in_its_own_language(engine_for):
    engine = engine_for(GERMAN)
    hits = engine.search("add printer", typing=False).results
    assert (hits[0].id, hits[0].title, hits[0].lang) == ("guides/printer", "Add a printer", "en")


def test_a_query_finds_an_item_by_the_words_of_any_variant_and_shows_the_users(engine_for):
    german, english = engine_for(GERMAN), engine_for(ENGLISH)
    # English words on a German desktop: found, shown in German
    hits = german.search("company account", typing=False)
    assert [(h.id, h.lang) for h in hits.results][:1] == [("guides/vpn", "de")]
    assert not hits.no_good_match  # the words are the English variant's: a good match
    # German words on an English desktop: found, shown in English
    hits = english.search("Netzwerkmenü Firmenkonto", typing=False)
    assert [(h.id, h.lang) for h in hits.results][:1] == [("guides/vpn", "en")]
    # per call: the languages given win over the engine's
    hits = english.search("vpn", typing=False, languages=["de"])
    assert hits.results[0].lang == "de" and hits.to_json()["results"][0]["lang"] == "de"


def test_with_no_variant_in_the_users_languages_a_hit_shows_the_variant_that_matched(
        tmp_path, make_content):
    root = make_content({"mail.md": "# Set up mail\n\nAdd your mail account.\n",
                         "mail.fr.md": "# Configurer la messagerie\n\nAjoutez votre compte.\n"})
    with SearchEngine(ContentIndex(tmp_path / "ix"), roots=[root], languages=GERMAN) as engine:
        engine.content_index.update([root])
        assert engine.search("messagerie", typing=False).results[0].lang == "fr"
        assert engine.search("mail account", typing=False).results[0].lang == "en"
        assert [e.lang for e in engine.entries()] == ["en"]  # lists: the original


def test_the_index_counts_an_item_and_its_translations_once(index):
    assert index.stats()["items"] == 4 and index.stats()["translations"] == 2


def test_changing_an_original_reaches_its_translation_and_removing_it_orphans_it(
        content, index, engine_for):
    content_index = index
    engine = engine_for(GERMAN)
    assert engine.suggest("firefox").results[0].title == "Mit dem Firmen-VPN verbinden"
    original = content / "guides" / "vpn.md"
    original.write_text(original.read_text().replace("apps: [firefox]", "apps: [thunderbird]"))
    report = content_index.update([content])
    assert report.changed == 2  # the original and the translation that inherits from it
    engine.reload()
    assert engine.suggest("firefox").results == []
    assert engine.suggest("thunderbird").results[0].title == "Mit dem Firmen-VPN verbinden"
    original.unlink()
    report = content_index.update([content])
    assert report.removed == 1 and report.changed == 1
    assert any("translation without its original: expected vpn.md beside it" in p.message
               for p in report.problems)
    engine.reload()  # an item of its own now, as any file would be
    assert [(h.id, h.title) for h in engine.search("vpn", typing=False).results] == [
        ("guides/vpn.de", "Mit dem Firmen-VPN verbinden")]


def test_adding_a_translation_later_shows_it_and_a_folder_language_change_reindexes(
        content, index, engine_for):
    content_index = index
    (content / "guides" / "printer.de.md").write_text("# Drucker hinzufügen\n\nEinstellungen.\n")
    assert content_index.update([content]).added == 1
    engine = engine_for(GERMAN)
    assert engine.get("guides/printer").title == "Drucker hinzufügen"
    (content / "handbuch" / ".jitl.yaml").write_text("lang: fr\n")
    assert content_index.update([content]).changed == 1
    engine.reload()
    assert engine.get("handbuch/drucker").lang == "fr"


def test_lint_reports_translations_without_originals_and_bad_language_codes_where(
        make_content):
    root = make_content({
        "topics.yaml": "videos: {name: Videos}\nlang: Deutsch\n",
        "guides/vpn.de.md": "# VPN\n",
        "guides/a.md": "---\ntitle: A\nkind: guide\n---\n",
        "guides/a.fr.md": "---\ntitle: A en français\nkind: snippet\n---\n",
        "guides/b.md": "---\ntitle: B\n\nlang: english\n---\n",
        "guides/c.md": "---\ntitle: C\nlang: fr\n---\n",
        "guides/c.fr.md": "# C en français\n",
        "old/.jitl.yaml": "lang: xx_YY_ZZ\ncolour: blue\n",
        "old/d.md": "# D\n",
    })
    problems, count = lint([root], catalog=Catalog())
    found = [(p.path.removeprefix(str(root) + "/"), p.line, p.severity, p.message)
             for p in problems]
    assert ("guides/vpn.de.md", 1, "warning", "translation without its original: expected "
            "vpn.md beside it; indexed as an item of its own, 'guides/vpn.de'") in found
    assert ("guides/a.fr.md", 3, "error", "a translation has the kind of its original "
            "(guide), not snippet; ignored") in found
    assert ("guides/b.md", 4, "error", "'lang' must be a language tag such as de, fr or "
            "pt-BR (BCP 47), got 'english'; ignored") in found
    assert ("topics.yaml", 2, "error", "'lang' must be a language tag such as de, fr or "
            "pt-BR (BCP 47), got 'Deutsch'; ignored") in found
    assert ("old/.jitl.yaml", 1, "error", "'lang' must be a language tag such as de, fr or "
            "pt-BR (BCP 47), got 'xx_YY_ZZ'; ignored") in found
    assert ("old/.jitl.yaml", 2, "warning", "unknown key 'colour' (only 'lang' is read)") \
        in found
    assert ("guides/c.md", 3, "warning", "'guides/c' in fr is also "
            f"{root}/guides/c.fr.md; only one of them is shown") in found
    assert count == 7
    assert not any("duplicate id" in p.message for p in problems)


def test_the_fixture_lints_clean_and_its_video_has_a_transcript_per_language(content):
    problems, _ = lint([content], catalog=Catalog.load(app_catalog_file()))
    assert problems == []
    items = items_of(content)
    english, german = items["videos/talk", "en"], items["videos/talk", "de"]
    assert english.transcripts == german.transcripts == {"de": "talk.de.vtt", "en": "talk.vtt"}
    assert english.transcript == "talk.vtt" and german.transcript == "talk.de.vtt"
    assert german.cues[0].text.startswith("Klicken Sie") and german.video == "talk.webm"
    assert english.cues[0].text.startswith("Click the share button")


def test_the_german_variant_of_a_video_is_found_by_its_german_transcript(engine_for):
    engine = engine_for(GERMAN)
    hit = engine.search("Schaltfläche", typing=False).results[0]
    assert (hit.id, hit.lang, hit.at) == ("videos/talk", "de", 0.0)
    assert hit.snippet.startswith("Klicken Sie unten")


def run_cli(capsys, *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_search_lang_shows_the_variant_and_says_its_language_in_json(capsys, monkeypatch,
                                                                     content):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    out = run_cli(capsys, "search", "--content", str(content), "--json", "--lang", "de",
                  "vpn")
    results = json.loads(out)["results"]
    assert [(r["id"], r["lang"], r["title"]) for r in results] == [
        ("guides/vpn", "de", "Mit dem Firmen-VPN verbinden")]
    out = run_cli(capsys, "search", "--content", str(content), "--json", "vpn")
    assert json.loads(out)["results"][0]["lang"] == "en"


def test_search_without_lang_follows_the_setting_then_the_system(capsys, monkeypatch,
                                                                 content):
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    out = run_cli(capsys, "search", "--content", str(content), "vpn")
    assert "Mit dem Firmen-VPN verbinden" in out
    assert run_cli(capsys, "policy", "--json")  # (the settings file exists only when set)
    from jitl_desktop.paths import resolve

    config = resolve().config_dir
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"language": "en"}))
    out = run_cli(capsys, "search", "--content", str(content), "vpn")
    assert "Connect to the company VPN" in out


def test_search_with_a_bad_lang_says_what_is_wrong(capsys, content):
    assert main(["search", "--content", str(content), "--lang", "Deutsch!", "vpn"]) != 0
    assert "--lang: expected a language tag" in capsys.readouterr().err



def test_the_starter_content_speaks_german_too():
    """A German user's first run: at least ten starter items have a German version
    (each of an English original), a video among them with a German transcript whose
    cues are German."""
    root = Path(__file__).resolve().parents[3] / "content"
    items = [item for item, _ in iter_items([root]) if item is not None]
    german = [i for i in items if i.lang == "de" and i.original]
    originals = {i.path for i in items if i.lang == "en"}
    assert len(german) >= 10 and all(i.original in originals for i in german)
    videos = [i for i in german if i.kind == "video" and "de" in i.transcripts]
    assert videos
    assert any(" und " in f" {cue.text} " or " Sie " in f" {cue.text} "
               for video in videos for cue in video.cues)


@pytest.mark.parametrize(("language", "query", "title"), [
    ("en", "printer not working", "The printer won't print: the first checks"),
    ("de", "Drucker druckt nicht", "Der Drucker druckt nicht: die ersten Schritte"),
])
def test_the_starter_content_answers_a_printer_that_does_not_print(
        tmp_path, language, query, title):
    """The question a service desk hears most, in each starter language."""
    root = Path(__file__).resolve().parents[3] / "content"
    with linux_engine(root, tmp_path, languages=[language]) as engine:
        response = engine.search(query, typing=False)
    assert response.results[0].title == title and not response.no_good_match
