"""No correctly spelled word is ever "corrected": over every query of the development
sets and every word of the starter content's titles (the corpora are only benchmarked)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from jitl_desktop.core.content import scan_root
from jitl_desktop.core.glossary import glossary_files
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine
from tests.helpers import linux_engine

ROOT = Path(__file__).resolve().parents[3]
CONTENT = ROOT / "content"
DATA = ROOT / "benchmarks" / "data"


@pytest.fixture(scope="module")
def starter(tmp_path_factory):
    ci = ContentIndex(tmp_path_factory.mktemp("ix"))
    ci.update([CONTENT], glossary_files=glossary_files([CONTENT]))
    with SearchEngine(ci, roots=[CONTENT], os_name="linux") as engine:
        yield engine


def _rows(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


ENGLISH_SETS = ("gnome-help-questions.jsonl", "gnome-help-questions-2.jsonl",
                "gnome-help-unanswerable.jsonl", "gnome-help-unanswerable-2.jsonl",
                "workplace-queries.jsonl", "workplace-queries-2.jsonl")
GERMAN_SETS = ("gnome-help-de-questions.jsonl", "gnome-help-de-questions-2.jsonl",
               "gnome-help-de-heldout.jsonl", "gnome-help-de-unanswerable.jsonl",
               "gnome-help-de-unanswerable-2.jsonl")


def test_queries_without_typos_are_never_corrected(starter):
    """Every question of every English set whose author marked no typo (the typos are
    marked by hand, not by the engine's word list): on the small starter content, where
    most of their words are unknown, not one is "corrected"."""
    rows = [r for name in ENGLISH_SETS for r in _rows(name)]
    assert len(rows) > 450
    wrong = [(r["query"], c) for r in rows if not r.get("typo")
             and (c := starter.search(r["query"], typing=False).corrected)]
    assert wrong == []


def _title_words(german: bool) -> set[str]:
    """The words of the starter content's titles and headings: of its German versions
    (``x.de.md``) or of the rest."""
    files, _ = scan_root(CONTENT)
    titles = set()
    for src in (s for s in files if s.path.endswith(".de.md") == german):
        text = Path(src.path).read_text(encoding="utf-8")
        titles.update(re.findall(r"^title:\s*\"?(.+?)\"?\s*$", text, re.M))
        titles.update(re.findall(r"^# (.+)$", text, re.M))
    return {w for t in titles for w in re.findall(r"[^\W\d_][\w']*", t)}


def test_no_word_of_a_title_is_corrected(starter):
    words = _title_words(german=False)
    assert len(words) > 50
    assert [w for w in words if starter.search(w, typing=False).corrected] == []


def test_no_word_of_a_german_title_is_corrected_for_a_german_user(tmp_path_factory):
    ci = ContentIndex(tmp_path_factory.mktemp("ix"))
    ci.update([CONTENT], glossary_files=glossary_files([CONTENT]))
    words = _title_words(german=True)
    assert len(words) > 30 and "Bildschirm" in words
    with SearchEngine(ci, roots=[CONTENT], os_name="linux", languages=["de"]) as engine:
        assert [w for w in words if engine.search(w, typing=False).corrected] == []


def test_starter_typos_are_still_corrected(starter):
    # "freez" is the stem of "freeze" already: found as typed, never made "free"
    assert starter.search("freez header row", typing=False).corrected is None
    assert starter.search("frezee header row", typing=False).corrected == "freeze header row"
    assert starter.search("out of offce reply", typing=False).corrected \
        == "out of office reply"


GERMAN = ROOT / "tests" / "fixtures" / "search-languages" / "content"


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    root = tmp_path_factory.mktemp("de") / "content"
    shutil.copytree(GERMAN, root)
    ci = ContentIndex(tmp_path_factory.mktemp("ix"))
    ci.update([root], glossary_files=glossary_files([root]))
    with SearchEngine(ci, roots=[root], os_name="linux", languages=["de"]) as engine:
        yield engine


def test_german_questions_without_typos_are_never_corrected(german):
    # the German word list guards them, though the small content knows few of the words
    rows = [r for name in GERMAN_SETS for r in _rows(name)]
    assert len(rows) > 300
    wrong = [(r["query"], c) for r in rows if not r.get("typo")
             and (c := german.search(r["query"], typing=False).corrected)]
    assert wrong == []


def test_german_typos_of_the_contents_words_are_corrected(german):
    assert german.search("Druckaufrtag abbrechen", typing=False).corrected \
        == "Druckauftrag abbrechen"
    assert german.search("Bildschirmhelligkiet", typing=False).corrected \
        == "Bildschirmhelligkeit"
    assert german.search("funknetzwerk verbinen", typing=False).corrected \
        == "funknetzwerk verbinden"
    # a compound the content never uses whole: its head is kept, its tail mended
    assert german.search("Druckerhelligkiet", typing=False).corrected == "Druckerhelligkeit"


def test_a_name_in_capitals_is_not_a_typo(tmp_path, make_content):
    """"SVERWEIS Beispiel" (an Excel function, asked on content without Excel) is not
    "Verweis Beispiel": a word in capitals among words that are not is a name, so the
    question is not answered by a page about following a link. In lower case it is
    taken for a typo, and a query all in capitals is still read for its typos."""
    root = make_content({
        "verweis.md": "---\ntitle: Einem Verweis folgen\nlang: de\n---\nKlicken Sie auf den "
                      "Verweis, um die Seite zu öffnen. Ein Beispiel zeigt das Bild.\n",
        "drucken.md": "---\ntitle: Ein Dokument drucken\nlang: de\n---\nWählen Sie Datei.\n",
        "wlan.md": "---\ntitle: Mit einem Funknetzwerk verbinden\nlang: de\n---\nWählen Sie "
                   "ein Netzwerk.\n"})
    with linux_engine(root, tmp_path, languages=["de"]) as engine:
        named = engine.search("SVERWEIS Beispiel", typing=False, settled=True)  # (as shown)
        assert named.corrected is None and named.no_good_match
        assert engine.search("sverweis beispiel", typing=False).corrected == "verweis beispiel"
        assert engine.search("SVERWEIS", typing=False).corrected == "Verweis"
