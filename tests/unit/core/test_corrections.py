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


def test_queries_without_typos_are_never_corrected(starter):
    rows = [r for name in ("gnome-help-questions.jsonl", "gnome-help-unanswerable.jsonl",
                           "workplace-queries.jsonl") for r in _rows(name)]
    wrong = [(r["query"], c) for r in rows if not r.get("typo")
             and (c := starter.search(r["query"], typing=False).corrected)]
    # the workplace set has a few typos of its own, not marked: none may be a real word
    assert all(_changed_words_misspelled(q, c) for q, c in wrong), wrong


def test_no_word_of_a_title_is_corrected(starter):
    files, _ = scan_root(CONTENT)
    titles = set()
    # English titles only: German versions (x.de.md) are spelled by the German dictionary
    for src in (s for s in files if not s.path.endswith(".de.md")):
        text = Path(src.path).read_text(encoding="utf-8")
        titles.update(re.findall(r"^title:\s*\"?(.+?)\"?\s*$", text, re.M))
        titles.update(re.findall(r"^# (.+)$", text, re.M))
    words = {w for t in titles for w in re.findall(r"[A-Za-z']+", t)}
    assert words
    assert [w for w in words if starter.search(w, typing=False).corrected] == []


def test_starter_typos_are_still_corrected(starter):
    assert starter.search("freez header row", typing=False).corrected != "free header row"


def _changed_words_misspelled(query: str, corrected: str) -> bool:
    from jitl_desktop.core.words import is_english

    changed = set(query.lower().split()) - set(corrected.lower().split())
    return all(not is_english(w) for w in changed)


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
    rows = [r for name in ("gnome-help-de-questions.jsonl", "gnome-help-de-unanswerable.jsonl")
            for r in _rows(name)]
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
