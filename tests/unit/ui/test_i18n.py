"""The windows in German, French and English: every word a user sees is translated,
plural forms follow each language's rule, a change of the language setting relabels
the open windows at once, and the translation sources are complete and in step with
the code."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from jitl_desktop.core.quiz import Choice as QuizChoice
from jitl_desktop.core.quiz import Question
from jitl_desktop.core.search import Entry
from jitl_desktop.core.settings import Layer, Settings
from jitl_desktop.paths import resource
from jitl_desktop.platform.autostart import NullAutostart
from jitl_desktop.services.items import ItemPage
from jitl_desktop.services.library import Choice
from jitl_desktop.services.menu import MenuEntry, TrayActions, tray_menu
from jitl_desktop.services.overlay import Row
from jitl_desktop.services.settings import SettingsController
from jitl_desktop.services.words import why
from jitl_desktop.ui.i18n import SHIPPED, Translations, available, choose
from jitl_desktop.ui.library import LibraryWindow
from jitl_desktop.ui.overlay import OverlayWindow
from jitl_desktop.ui.report_problem import ReportProblemDialog
from jitl_desktop.ui.settings import SettingsDialog

ROOT = Path(__file__).resolve().parents[3]
I18N = ROOT / "resources" / "i18n"
TOOL = ROOT / "tools" / "update_translations.py"
#: words that are the same in the translation (names, numbers, places)
SAME_OK = re.compile(r"^(JITL Desktop|[\d\s:/·%().,✕▶⚑★✓-]*)$")


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) → message element of a ``.ts`` file."""
    root = ET.parse(ts).getroot()
    return {(c.findtext("name") or "", m.findtext("source") or ""): m
            for c in root.iter("context") for m in c.iter("message")}


def translations(language: str) -> dict[str, str]:
    """English source → its (singular) translation, over every context."""
    out = {}
    for (_context, source), message in messages(I18N / f"jitl_{language}.ts").items():
        form = message.find("translation/numerusform")
        out[source] = (form.text if form is not None else
                       message.findtext("translation")) or ""
    return out


@pytest.fixture
def language(qapp):
    """Install a shipped language for the test (``language("de")``); English after."""
    installed: list[Translations] = []

    def install(tag: str) -> Translations:
        words = Translations(qapp, tag, system=["en-US"])
        installed.append(words)
        QCoreApplication.processEvents()
        return words

    yield install
    for words in installed:
        words.remove()
    QCoreApplication.processEvents()


def settings_controller(config: Path, locking=()) -> SettingsController:
    return SettingsController(Settings.load(config, locking=locking), NullAutostart("tests"))


def entry(n: int, kind: str = "guide") -> Entry:
    return Entry(id=f"t/i{n}", title=f"Item {n}", kind=kind, summary="", path=f"t/i{n}.md",
                 root="", topics=("t",))


def library_with_an_item(qtbot) -> LibraryWindow:
    """The library with a list, an item with links, marks and a quick check."""
    window = LibraryWindow()
    qtbot.addWidget(window)
    window.set_topics([Choice("t", "Tools", 2, 1, "beginner")], 2, None,
                      [Choice("@next", QCoreApplication.translate("LibraryController",
                                                                   "Next for you"), 1)])
    window.set_choices("kind", [Choice("guide", "Guide", 2)])
    window.show_entries([entry(1), entry(2)], why={"t/i1": why("at your level")})
    question = Question("Which?", (QuizChoice("A", True), QuizChoice("B")))
    page = ItemPage(item_id="t/i1", title="Item 1", kind="guide", markdown="# Item 1\n\nText.\n",
                    path="t/i1.md", prerequisites=[("t/i2", "Item 2")],
                    related=[("t/i2", "Item 2")], questions=[question])
    window.show_item(page)
    window.quiz.boxes[0].choices[1].setChecked(True)
    window.quiz.boxes[0].check()
    return window


def seen_words(window: QWidget) -> list[str]:
    """Every word of ``window`` a user sees or a screen reader says: titles, labels,
    buttons, tooltips, placeholders, combo box entries, accessible names."""
    words = [window.windowTitle(), window.accessibleName(), window.accessibleDescription()]
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisibleTo(window):
            continue
        words += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            words.append(widget.text())
        if isinstance(widget, QLineEdit):
            words.append(widget.placeholderText())
        if isinstance(widget, QGroupBox):
            words.append(widget.title())
        if isinstance(widget, QComboBox):
            words += [widget.itemText(i) for i in range(widget.count())]
    return [w for w in words if w]


def english_left(words: list[str], language: str) -> list[str]:
    """The texts among ``words`` that are English source strings which the language's
    translation says differently (a word the same in both, like "Video", is fine)."""
    said = translations(language)
    out = []
    for text in words:
        plain = re.sub(r"<[^>]+>", "", text).replace("&", "")
        for source, translated in said.items():
            bare = source.replace("&", "")
            if translated.replace("&", "") == bare or SAME_OK.match(bare):
                continue
            if plain == bare or (len(bare) > 12 and "%" not in bare and bare in plain):
                out.append(text)
    return out


def test_with_german_every_word_of_the_windows_is_german(qtbot, tmp_path, language):
    language("de")
    overlay = OverlayWindow()
    qtbot.addWidget(overlay)
    overlay.show()
    library = library_with_an_item(qtbot)
    dialog = SettingsDialog(settings_controller(tmp_path / "config"))
    qtbot.addWidget(dialog)
    dialog.show()
    report = ReportProblemDialog("Item 1", library)
    qtbot.addWidget(report)
    report.show()
    seen = [w for window in (overlay, library, dialog, report) for w in seen_words(window)]
    actions = TrayActions(*(lambda *_: None,) * 7)
    menu = tray_menu(actions, recent=[("t/i1", "Item 1")], topics=[],
                     suggested=("Excel", []), context=None)
    seen += [m.label for m in menu if isinstance(m, MenuEntry) and m.label]
    assert len(seen) > 120
    assert english_left(seen, "de") == []
    # what a German user reads, as a few samples of each window
    assert overlay.windowTitle() == "Suchen" and library.windowTitle() == "Item 1"
    assert dialog.windowTitle() == "Einstellungen"
    assert library.done.text() == "Als erledigt markieren"
    assert library.bookmark.text() == "Lesezeichen setzen"
    assert "Einstellungen …" in [m.label for m in menu]
    assert library.quiz.boxes[0].feedback.text().startswith("<b>Nicht ganz.</b>")
    assert [library.topics.topLevelItem(i).text(0) for i in range(3)] == \
        ["Als Nächstes für Sie (1)", "Alle Einträge (2)", "Tools (1/2 erledigt, Einsteiger)"]
    assert library.count.text() == "2 Einträge"
    assert library.links.text().startswith("Zuerst: ")
    # Qt's own words (the standard buttons) come from Qt's German translation
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.text().replace("&", "") == "Schließen"


@pytest.mark.parametrize(("case"), [
    ("de", 1, "1 Eintrag", "1 Ergebnis"), ("de", 2, "2 Einträge", "2 Ergebnisse"),
    ("de", 0, "0 Einträge", "0 Ergebnisse"),
    ("fr", 0, "0 élément", "0 résultat"), ("fr", 1, "1 élément", "1 résultat"),
    ("fr", 2, "2 éléments", "2 résultats"),
    ("en", 1, "1 item", "1 result"), ("en", 3, "3 items", "3 results"),
])
def test_plural_forms_follow_each_language(qtbot, language, case):
    tag, n, items, results = case
    language(tag)
    library, overlay = LibraryWindow(), OverlayWindow()
    qtbot.addWidget(library)
    qtbot.addWidget(overlay)
    library.show_entries([entry(i) for i in range(n)])
    if n:
        assert library.count.text() == items
    overlay.show_rows([Row(f"t/i{i}", f"Item {i}", "guide", "") for i in range(n)], set())
    assert overlay.results.accessibleDescription() == results


def test_why_an_item_is_listed_is_said_in_the_language(language):
    language("de")
    assert why("For Excel") == "Für Excel"
    assert why("Next after “Undo a commit”") == "Als Nächstes nach „Undo a commit“"
    assert why("chosen by 1 colleague for similar searches").startswith("von 1 Kollegin")
    assert why("chosen by 5 colleagues for similar searches").startswith(
        "von 5 Kolleginnen")
    language("fr")
    assert why("at your level") == "à votre niveau"


def test_switching_to_english_in_settings_relabels_open_windows(qtbot, qapp, tmp_path):
    controller = settings_controller(tmp_path / "config")
    controller.set("language", "de")
    words = Translations(qapp, controller.get("language"), system=["de-DE"])
    controller.watch("language", words.apply)
    try:
        overlay, library = OverlayWindow(), library_with_an_item(qtbot)
        qtbot.addWidget(overlay)
        dialog = SettingsDialog(controller)
        qtbot.addWidget(dialog)
        for window in (overlay, dialog):
            window.show()
        assert (overlay.box.placeholderText(), dialog.windowTitle()) == \
            ("Zwei oder drei Wörter eingeben …", "Einstellungen")
        assert dialog.language.currentText() == "Deutsch"
        assert [dialog.language.itemText(i) for i in range(dialog.language.count())] == \
            ["Wie das System", "English", "Deutsch", "Français"]
        dialog.language.setCurrentIndex(dialog.language.findText("English"))
        qtbot.waitUntil(lambda: dialog.windowTitle() == "Settings")
        assert overlay.box.placeholderText() == "Type two or three words…"
        assert library.done.text() == "Mark done" and library.clear.text() == "Clear filters"
        assert library.filter_labels["kind"].text() == "&Kind:"
        assert library.quiz.boxes[0].button.text() == "Check"
        assert library.links.text().startswith("First: ")
        assert dialog.language.currentText() == "English"
        assert dialog.language.itemText(0) == "Follow the system"
        assert controller.get("language") == "en"
        assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
        # back to the system's language (German here): German again
        dialog.language.setCurrentIndex(0)
        qtbot.waitUntil(lambda: dialog.windowTitle() == "Einstellungen")
        assert words.language == "de"
    finally:
        words.remove()
        QCoreApplication.processEvents()


def test_the_language_list_keeps_another_tag_and_is_locked_by_policy(qtbot, tmp_path,
                                                                     language):
    language("en")
    controller = settings_controller(tmp_path / "config")
    controller.set("language", "pt-BR")
    dialog = SettingsDialog(controller)
    qtbot.addWidget(dialog)
    assert [dialog.language.itemText(i) for i in range(dialog.language.count())] == \
        ["Follow the system", "English", "Deutsch", "Français", "pt-BR"]
    assert dialog.language.currentText() == "pt-BR" and dialog.language.isEnabled()
    policy = Layer("/etc/jitl-desktop/policies/it.json", {"language": "fr"}, locks=True)
    locked = settings_controller(tmp_path / "other", locking=[policy])
    dialog = SettingsDialog(locked)
    qtbot.addWidget(dialog)
    assert dialog.language.currentText() == "Français"
    assert not dialog.language.isEnabled()
    assert dialog.language.toolTip().startswith("Managed by your organisation")


def test_the_language_follows_the_setting_then_the_system_then_english():
    shipped = list(SHIPPED)
    assert choose("", ["de-AT", "en-US"], shipped) == "de"
    assert choose("fr-CA", ["de-DE"], shipped) == "fr"
    assert choose("", ["ja-JP"], shipped) == "en"
    assert choose("es", ["fr-FR"], shipped) == "fr"
    assert set(SHIPPED) <= set(available())


@pytest.mark.parametrize("tag", ["en", "de", "fr"])
def test_keyboard_mnemonics_are_unique_in_each_window(qtbot, tmp_path, language, tag):
    language(tag)
    dialog = SettingsDialog(settings_controller(tmp_path / "config"))
    library = library_with_an_item(qtbot)
    report = ReportProblemDialog("Item 1", library)
    for window in (dialog, library, report):
        qtbot.addWidget(window)
        texts = [w.text() for w in window.findChildren(QWidget)
                 if isinstance(w, (QLabel, QAbstractButton)) and w.window() is window]
        letters = [m.group(1).lower() for t in texts for m in re.finditer(r"&(\w)", t)]
        assert len(letters) == len(set(letters)), (window.objectName(), letters)


def test_the_translations_are_complete_and_in_step_with_the_code(tmp_path):
    subprocess.run([sys.executable, str(TOOL), "--into", str(tmp_path), "--silent"],
                   check=True)
    assert (tmp_path / "core_words.py").read_text() == \
        (ROOT / "src/jitl_desktop/ui/core_words.py").read_text(), \
        "run tools/update_translations.py"
    for name in ("jitl_en.ts", "jitl_de.ts", "jitl_fr.ts"):
        committed, updated = messages(I18N / name), messages(tmp_path / name)
        assert set(updated) == set(committed), \
            f"{name}: source strings changed; run tools/update_translations.py"
        for (context, source), message in committed.items():
            translation = message.find("translation")
            assert translation is not None
            assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), \
                f"{name}: {context}: {source!r} is not translated"
            forms = [f.text for f in translation.findall("numerusform")]
            assert all(forms) if forms else translation.text, (name, source)
    # every shipped language has its sources; English has the plural forms
    assert {p.stem for p in I18N.glob("jitl_*.ts")} >= {f"jitl_{t}" for t in SHIPPED}
    assert all(m.get("numerus") == "yes" for m in messages(I18N / "jitl_en.ts").values())


def test_the_compiled_translations_are_made_from_their_sources(tmp_path):
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    for ts in sorted(I18N.glob("jitl_*.ts")):
        made = tmp_path / f"{ts.stem}.qm"
        subprocess.run([str(lrelease), "-silent", "-nounfinished", str(ts), "-qm",
                        str(made)], check=True)
        assert made.read_bytes() == Path(resource(f"i18n/{ts.stem}.qm")).read_bytes(), \
            f"{ts.stem}.qm is older than its .ts: reinstall (pip install -e .)"


@pytest.fixture
def right_to_left(qapp, tmp_path_factory):
    """A right-to-left pseudo-translation (every string about 30 % longer, in Arabic
    letters), made from the code's strings by tools/update_translations.py."""
    folder = tmp_path_factory.mktemp("rtl")
    subprocess.run([sys.executable, str(TOOL), "--pseudo", str(folder / "jitl_ar.ts")],
                   check=True)
    subprocess.run([str(Path(sys.executable).parent / "pyside6-lrelease"), "-silent",
                    str(folder / "jitl_ar.ts"), "-qm", str(folder / "jitl_ar.qm")], check=True)
    words = Translations(qapp, "ar", where=folder, system=[])
    QCoreApplication.processEvents()
    yield words
    words.remove()
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    QCoreApplication.processEvents()


def x_of(widget: QWidget) -> int:
    return widget.mapTo(widget.window(), widget.rect().center()).x()


def clipped(window: QWidget) -> list[str]:
    """Labels and buttons shown narrower than their text needs (word-wrapped labels
    wrap by design)."""
    out = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.window() is not window:
            continue
        labelled = (isinstance(widget, QLabel) and not widget.wordWrap()) or \
            isinstance(widget, QAbstractButton)
        if labelled and widget.text() and widget.sizeHint().width() > widget.width():
            out.append(f"{widget.objectName() or type(widget).__name__}: "
                       f"{widget.text()!r} {widget.sizeHint().width()} > {widget.width()}")
    return out


def test_right_to_left_windows_mirror_and_clip_nothing(qtbot, qapp, tmp_path, right_to_left):
    assert right_to_left.language == "ar"
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    overlay, library = OverlayWindow(), library_with_an_item(qtbot)
    dialog = SettingsDialog(settings_controller(tmp_path / "config"))
    for window in (overlay, dialog):
        qtbot.addWidget(window)
        window.show()
    for window in (overlay, library, dialog):
        qtbot.waitExposed(window)
    assert overlay.windowTitle().startswith("Search ") and overlay.windowTitle() != "Search"
    # mirrored: what is first (left) in English is on the right
    assert x_of(overlay.results) > x_of(overlay.preview)
    assert x_of(library.topics) > x_of(library.list) > x_of(library.body)
    assert x_of(dialog.hotkey_label) > x_of(dialog.hotkey)
    assert x_of(dialog.theme_label) > x_of(dialog.theme)
    for window in (overlay, library, dialog):
        assert clipped(window) == []


def test_left_to_right_windows_are_not_mirrored(qtbot, tmp_path, language):
    language("de")
    library = library_with_an_item(qtbot)
    dialog = SettingsDialog(settings_controller(tmp_path / "config"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert x_of(library.topics) < x_of(library.list) < x_of(library.body)
    assert x_of(dialog.hotkey_label) < x_of(dialog.hotkey)
    for window in (library, dialog):
        assert clipped(window) == []


def test_what_the_search_window_was_told_is_said_again_in_the_new_language(
        qtbot, qapp, tmp_path, make_content):
    from jitl_desktop.core.apps import Catalog
    from jitl_desktop.core.history import History
    from jitl_desktop.core.index import ContentIndex
    from jitl_desktop.core.search import SearchEngine
    from jitl_desktop.paths import app_catalog_file
    from jitl_desktop.services.overlay import OverlayController
    from jitl_desktop.services.search import SearchController
    from jitl_desktop.services.user_state import UserState

    root = make_content({"mail/signature.md": "# E-mail signature\n\nAdd a signature.\n"})
    ContentIndex(tmp_path / "ix").update([root])
    search = SearchController(lambda: SearchEngine(
        ContentIndex(tmp_path / "ix"), roots=[root], catalog=Catalog.load(app_catalog_file())))
    words = Translations(qapp, "de", system=[])
    try:
        controller = OverlayController(search, user=UserState(History(None)))
        window = OverlayWindow()
        qtbot.addWidget(window)
        window.bind(controller)
        controller.on_query_edited("zzzqqq")
        qtbot.waitUntil(lambda: window.hint.text().startswith("Keine Ergebnisse für"))
        assert window.hint.text().endswith("Versuchen Sie weniger oder andere Wörter.")
        words.apply("en")
        qtbot.waitUntil(lambda: window.hint.text().startswith("No results for <b>zzzqqq"))
        assert window.hint.text().endswith("Try fewer or other words.")
        assert window.results.accessibleDescription() == "0 results"
    finally:
        words.remove()
        search.stop()
        QCoreApplication.processEvents()


def test_the_tray_menu_and_tooltip_are_said_again_after_a_switch(qtbot, qapp):
    from PySide6.QtGui import QIcon

    from jitl_desktop.ui.tray import Tray

    actions = TrayActions(*(lambda *_: None,) * 7)
    words = Translations(qapp, "de", system=[])
    try:
        tray = Tray(QIcon(), lambda: tray_menu(actions, recent=[], topics=None), qapp)
        tray.set_tooltip("JITL Desktop")
        tray.set_notice("Content may be out of date")
        labels = [a.text() for a in tray.menu.actions() if a.text()]
        assert labels[:2] == ["Suchen …", "Themen durchsuchen"]
        assert "Beenden" in labels
        assert tray.icon.toolTip() == "JITL Desktop\nInhalte sind möglicherweise veraltet"
        words.apply("fr")
        qtbot.waitUntil(lambda: tray.menu.actions()[0].text() == "Rechercher…")
        assert tray.icon.toolTip().endswith("Le contenu n'est peut-être pas à jour")
        tray.deleteLater()
    finally:
        words.remove()
        QCoreApplication.processEvents()


def test_every_problem_a_user_can_report_has_its_words():
    from jitl_desktop.core.xapi import PROBLEM_KINDS
    from jitl_desktop.ui.report_problem import LABELS

    assert set(LABELS) == set(PROBLEM_KINDS)
    for language in ("de", "fr"):
        said = translations(language)
        assert all(said[LABELS[kind]] for kind in PROBLEM_KINDS)


# (as in test_player.py: the decoding threads must not log through pytest-qt)
@pytest.mark.no_qt_log
def test_the_video_player_speaks_the_language_and_switches(qtbot, language):
    from tests.helpers import multimedia_missing

    missing = multimedia_missing()
    if missing:
        pytest.skip(missing)
    from jitl_desktop.ui.player import VideoPlayer

    words = language("de")
    player = VideoPlayer()
    qtbot.addWidget(player, before_close_func=lambda w: w.stop())
    player._set_chapters([(0.0, "Anfang"), (65.0, "Entpacken")])
    assert (player.accessibleName(), player.transcript.accessibleName()) == \
        ("Videoplayer", "Transkript")
    assert player.play_button.toolTip() == "Abspielen (Leertaste)"
    assert player.chapters.item(1).toolTip() == "Ab 1:05 abspielen"
    words.apply("en")
    qtbot.waitUntil(lambda: player.accessibleName() == "Video player")
    assert player.play_button.toolTip() == "Play (Space)"
    assert player.chapters.item(1).toolTip() == "Play from 1:05"


def test_the_report_dialog_is_said_again_after_a_switch(qtbot, language):
    words = language("fr")
    dialog = ReportProblemDialog("Item 1")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Signaler un problème"
    assert dialog.send.text() == "Envoyer"
    words.apply("de")
    qtbot.waitUntil(lambda: dialog.send.text() == "Senden")
    assert dialog.windowTitle() == "Problem melden"
    assert dialog.choices.button(2).text() == "Ein &Schritt fehlt"
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text().replace("&", "") == "Abbrechen"
