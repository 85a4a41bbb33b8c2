"""A guide with x.md and x.de.md, through the whole app in-process: in German for a German
user, in English for an English user, once in every list (search, library, recent items,
recommendations), and the language setting switching them without a restart."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jitl_desktop.core.content import iter_items
from jitl_desktop.services.overlay import item_markdown
from tests.inprocess import start_app

FIXTURE = Path(__file__).parents[2] / "fixtures" / "languages"
GERMAN_VPN, ENGLISH_VPN = "Mit dem Firmen-VPN verbinden", "Connect to the company VPN"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    return root


def start(qtbot, qapp, tmp_path, content, **settings):
    return start_app(qtbot, qapp, tmp_path, [content], items=4, settings=settings)


def titles_listed(app) -> dict[str, list[str]]:
    """The library's list: id → the titles it shows for it."""
    listed: dict[str, list[str]] = {}
    for entry in app.library.entries:
        listed.setdefault(entry.id, []).append(entry.title)
    return listed


def search(qtbot, app, query: str) -> list[tuple[str, str]]:
    app.control.handle({"command": "show", "query": query})
    qtbot.waitUntil(lambda: bool(app.overlay.rows) and app.overlay.query == query)
    return [(row.item_id, row.title) for row in app.overlay.rows]


def test_a_german_user_sees_the_guide_in_german_once_in_every_list(qtbot, qapp, tmp_path,
                                                                  content):
    app = start(qtbot, qapp, tmp_path, content, language="de")
    try:
        assert app.control.status()["index"]["items"] == 4
        status = app.control.status()["language"]
        assert status["content"][:1] == ["de"] and status["source"] == "setting"
        assert status["ui"] == "en"  # no German translation of the windows in this build
        assert search(qtbot, app, "vpn") == [("guides/vpn", GERMAN_VPN)]
        app.library.open(None)
        qtbot.waitUntil(lambda: app.control.status()["library"]["listed"] == 4)
        listed = titles_listed(app)
        assert listed["guides/vpn"] == [GERMAN_VPN]
        assert listed["guides/printer"] == ["Add a printer"]  # no German: the original
        assert {c.label for c in app.library.topics()} >= {"Anleitungen", "Handbuch"}
        app.items.open("guides/vpn")
        assert [(h.id, h.title) for h in app.user.recent] == [("guides/vpn", GERMAN_VPN)]
        assert app.control.status()["library"]["item"] == "guides/vpn"
        assert app.library_window.current.title == GERMAN_VPN
        facts = app.xapi._facts("guides/vpn")  # what a learning record says of the item
        assert (facts.title, facts.lang) == (GERMAN_VPN, "de")
        recommended = [(r.entry.id, r.entry.title) for r in app.library.recommendations()]
        assert recommended and len(recommended) == len({i for i, _ in recommended})
        assert all(title == GERMAN_VPN for i, title in recommended if i == "guides/vpn")
    finally:
        app.shutdown()


def test_an_english_user_sees_it_in_english_and_switching_to_german_needs_no_restart(
        qtbot, qapp, tmp_path, content, monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    app = start(qtbot, qapp, tmp_path, content)
    try:
        assert app.control.status()["language"] == {"ui": "en", "content": ["en-GB", "en"],
                                                    "source": "system"}
        assert search(qtbot, app, "vpn") == [("guides/vpn", ENGLISH_VPN)]
        app.library.open(None)
        qtbot.waitUntil(lambda: app.control.status()["library"]["listed"] == 4)
        assert titles_listed(app)["guides/vpn"] == [ENGLISH_VPN]
        app.items.open("guides/vpn")
        assert app.user.recent[0].title == ENGLISH_VPN
        assert app.settings.set("language", "de-CH") is None  # falls back to de
        qtbot.waitUntil(lambda: titles_listed(app).get("guides/vpn") == [GERMAN_VPN])
        qtbot.waitUntil(lambda: [(r.item_id, r.title) for r in app.overlay.rows]
                        == [("guides/vpn", GERMAN_VPN)])
        assert app.user.recent[0].title == GERMAN_VPN
        assert app.control.status()["language"]["content"][:2] == ["de-CH", "de"]
    finally:
        app.shutdown()


def test_the_system_locale_alone_makes_a_user_german(qtbot, qapp, tmp_path, content,
                                                     monkeypatch):
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    app = start(qtbot, qapp, tmp_path, content)
    try:
        assert app.control.status()["language"]["source"] == "system"
        assert search(qtbot, app, "vpn") == [("guides/vpn", GERMAN_VPN)]
    finally:
        app.shutdown()


def test_the_page_of_a_video_offers_its_transcripts_first_in_the_users_language(
        qtbot, qapp, tmp_path, content):
    app = start(qtbot, qapp, tmp_path, content, language="de")
    try:
        hit = app.items.get("videos/talk")
        page = app.items.page(hit, None, autoplay=False)
        assert page.title == "Den Bildschirm in Besprechungen teilen"
        assert sorted(page.transcripts) == ["de", "en"] and page.transcript_lang == "de"
        assert page.cues[0][1].startswith("Klicken Sie unten")
        assert page.transcripts["en"][0][1].startswith("Click the share button")
    finally:
        app.shutdown()


def test_a_translation_without_a_body_shows_its_originals_text(make_content):
    root = make_content({
        "q.md": "---\ntitle: Check\nkind: quiz\n---\nRead the guide first.\n\n"
                "## What is 2+2?\n\n- [x] 4\n- [ ] 5\n",
        "q.de.md": "---\ntitle: Prüfung\n---\n",
    })
    shown = item_markdown(str(root / "q.de.md"))
    assert "Read the guide first." in shown and "2+2" not in shown  # questions: the quiz's
    german = next(item for item, _ in iter_items([root]) if item and item.lang == "de")
    assert german.title == "Prüfung" and german.kind == "quiz" and len(german.questions) == 1
