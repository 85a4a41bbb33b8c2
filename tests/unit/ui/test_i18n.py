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
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionGroupBox,
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
#: what a window says the same in English and German: the content's own words that the
#: tests show (titles, topics, kinds, questions, answers, cues: in the content's language,
#: not the windows'), the test's stand-in for the login entry ("tests"), the languages'
#: own names, and the words that German spells as English does
SAME_IN_BOTH = re.compile(r"^((<b>1\.</b> )?(Item \d+|Tools|Guide|Which\?|A|B)( \(\d+\))?"
                          r"|(\d+:\d\d:? +)?(Hello|Unpack|Start|Unpacking)|tests"
                          r"|English|Deutsch|Français|Video|Position)$")


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


def said(window: QWidget) -> list[tuple[str, str]]:
    """``(where, text)`` for every word of ``window`` a user sees or a screen reader
    says: titles, labels, buttons, tooltips, placeholders, combo box entries, accessible
    names, list entries; ``where`` names the widget and the property (the same for the
    same window built in another language)."""
    out = [("window title", window.windowTitle())]
    for n, widget in enumerate([window, *window.findChildren(QWidget)]):
        if widget is not window and not widget.isVisibleTo(window):
            continue
        here = f"{n} {widget.objectName() or type(widget).__name__}"
        texts = {"tooltip": widget.toolTip(), "name": widget.accessibleName(),
                 "description": widget.accessibleDescription()}
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts["text"] = widget.text()
        if isinstance(widget, QLineEdit):
            texts["placeholder"] = widget.placeholderText()
        if isinstance(widget, QGroupBox):
            texts["title"] = widget.title()
        if isinstance(widget, QComboBox):
            texts |= {f"entry {i}": widget.itemText(i) for i in range(widget.count())}
        if isinstance(widget, QListWidget):
            for i in range(widget.count()):
                item = widget.item(i)
                texts |= {f"row {i}": item.text(), f"row {i} tooltip": item.toolTip(),
                          f"row {i} name": item.data(Qt.ItemDataRole.AccessibleTextRole)}
        out += [(f"{here}: {prop}", text or "") for prop, text in texts.items()]
    return out


def menu_said(menu: QMenu, where: str = "menu") -> list[tuple[str, str]]:
    """``(where, text)`` for every entry of ``menu`` and its submenus."""
    out = [(f"{where}: title", menu.title())]
    for n, action in enumerate(menu.actions()):
        out.append((f"{where} {n}", action.text()))
        if action.menu() is not None:
            out += menu_said(action.menu(), f"{where} {n}")
    return out


def seen_words(window: QWidget) -> list[str]:
    """Every word of ``window`` a user sees or a screen reader says (see :func:`said`)."""
    return [text for _, text in said(window) if text]


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
    # and the keys' names: the hotkey as a German keyboard says it
    assert dialog.hotkey.text() == "Strg+Alt+Leertaste"


def tray_with_every_entry(qapp, tmp_path: Path):
    """The tray as the app makes it, its menu with an entry of each kind: a topic with
    more items than it lists, suggestions for the application in front (one without a
    name), recent items, bookmarks and the switch for app detection; and a notice."""
    from types import SimpleNamespace

    from PySide6.QtGui import QIcon

    from jitl_desktop.services.menu import TrayMenu
    from jitl_desktop.ui.tray import Tray

    entries = [entry(n) for n in range(25)]
    item = SimpleNamespace(id="t/i1", title="Item 1")
    menu = TrayMenu(
        TrayActions(*(lambda *_: None,) * 7),
        library=SimpleNamespace(loaded=True, load=lambda: None, in_topic=lambda _: entries,
                                topics=lambda: [Choice("t", "Tools", 25, 1, "beginner")]),
        user=SimpleNamespace(recent=[item], bookmarks=lambda: ["t/i1"]),
        items=SimpleNamespace(get=lambda _: item,
                              suggest=lambda *_, **__: SimpleNamespace(results=[item])),
        context=SimpleNamespace(available=True,
                                current=lambda: SimpleNamespace(name="", process="")),
        settings=settings_controller(tmp_path / "tray"), indexing=lambda: False)
    tray = Tray(QIcon(), menu.entries, qapp)
    tray.set_tooltip("JITL Desktop")
    tray.set_notice("Content may be out of date")
    return tray


def everything_said(qtbot, qapp, tmp_path: Path) -> list[tuple[str, str]]:
    """``(where, text)`` for every word of the search window, the library, the settings,
    the report-a-problem dialog and the tray, built anew in the language installed."""
    overlay = OverlayWindow()
    qtbot.addWidget(overlay)
    library = library_with_an_item(qtbot)
    dialog = SettingsDialog(settings_controller(tmp_path / "config"))
    qtbot.addWidget(dialog)
    report = ReportProblemDialog("Item 1", library)
    qtbot.addWidget(report)
    for window in (overlay, library, dialog, report):
        window.show()
    tray = tray_with_every_entry(qapp, tmp_path)
    out = [(f"{window.objectName()} {where}", text)
           for window in (overlay, library, dialog, report) for where, text in said(window)]
    out += [*menu_said(tray.menu, "tray menu"), ("tray tooltip", tray.icon.toolTip())]
    tray.deleteLater()
    return out


def same_as_in_english(english: list[tuple[str, str]], other: list[tuple[str, str]]
                       ) -> list[str]:
    """What reads the same in the other language as in English, but for the names and
    the item's own words that are the same in every language (SAME_IN_BOTH)."""
    assert [where for where, _ in other] == [where for where, _ in english]
    return [f"{where}: {text!r}"
            for (where, text), (_, before) in zip(other, english, strict=True)
            if text and text == before and not SAME_IN_BOTH.match(text)
            and not SAME_OK.match(text)]


def test_no_word_of_the_windows_or_the_tray_stays_english_in_german(qtbot, qapp, tmp_path,
                                                                    language):
    """The windows and the tray built in English, then in German: nothing a German user
    sees or a screen reader says reads as in English (but for names and the content's
    own words), so a string the code never gives to the translation is caught too."""
    words = language("en")
    english = everything_said(qtbot, qapp, tmp_path / "en")
    words.apply("de")
    german = everything_said(qtbot, qapp, tmp_path / "de")
    assert len([text for _, text in german if text]) > 150
    assert same_as_in_english(english, german) == []
    assert english_left([text for _, text in german if text], "de") == []


def player_with_a_video(qtbot) -> Any:
    """The video player built anew in the language installed, with chapters and a
    transcript in two languages to choose from."""
    from jitl_desktop.ui.player import VideoPlayer

    player = VideoPlayer()
    qtbot.addWidget(player, before_close_func=lambda w: w.stop())
    cues = [(0.0, "Hello"), (65.0, "Unpack")]
    player._set_chapters([(0.0, "Start"), (65.0, "Unpacking")])
    player._set_transcripts({"en": cues, "de": cues}, "en")
    player._set_cues(cues)
    return player


def player_said(qtbot) -> list[tuple[str, str]]:
    """``(where, text)`` for every word of :func:`player_with_a_video`."""
    return said(player_with_a_video(qtbot))


# (as in test_player.py: the decoding threads must not log through pytest-qt)
@pytest.mark.no_qt_log
def test_no_word_of_the_video_player_stays_english_in_german(qtbot, language):
    """The player's controls, chapters and transcript in German: the play button's
    tooltip, the names a screen reader says, the chapters' tooltips; only the content's
    words and the languages' own names read as in English."""
    from tests.helpers import multimedia_missing

    missing = multimedia_missing()
    if missing:
        pytest.skip(missing)
    words = language("en")
    english = player_said(qtbot)
    words.apply("de")
    german = player_said(qtbot)
    assert len([text for _, text in german if text]) > 15
    assert same_as_in_english(english, german) == []
    assert english_left([text for _, text in german if text], "de") == []
    assert dict(german)["0 videoPlayer: name"] == "Videoplayer"
    assert {"Abspielen (Leertaste)", "Transkript:", "Ab 1:05 abspielen"} <= \
        {text for _, text in german}


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
        assert dialog.hotkey.text() == "Strg+Alt+Leertaste"
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
        assert dialog.hotkey.text() == "Ctrl+Alt+Space"
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


def test_a_language_locked_by_policy_is_the_windows_language(qtbot, qapp, tmp_path):
    """An administrator locks the language to French: the windows and the tray are
    French although the user chose German and the system is German, the user cannot
    switch away, and the user's own choice is back once the policy goes."""
    assert settings_controller(tmp_path / "config").set("language", "de") is None
    policy = Layer("/etc/jitl-desktop/policies/it.json", {"language": "fr"}, locks=True)
    controller = settings_controller(tmp_path / "config", locking=[policy])
    words = Translations(qapp, system=["de-DE"])
    controller.follow(("language", words.apply))  # as the app does
    try:
        overlay = OverlayWindow()
        dialog = SettingsDialog(controller)
        report = ReportProblemDialog("Item 1")
        for window in (overlay, dialog, report):
            qtbot.addWidget(window)
            window.show()
        menu = tray_menu(TrayActions(*(lambda *_: None,) * 7), recent=[], topics=None)
        assert (overlay.windowTitle(), overlay.box.placeholderText()) == \
            ("Rechercher", "Tapez deux ou trois mots…")
        assert (dialog.windowTitle(), dialog.keyboard.title(), dialog.theme_label.text()) \
            == ("Paramètres", "Clavier", "&Thème\u00a0:")
        assert (report.windowTitle(), report.send.text()) == ("Signaler un problème", "Envoyer")
        assert menu[0].label == "Rechercher…"
        assert dialog.language.currentText() == "Français" and not dialog.language.isEnabled()
        # the user's way back to German is closed, and says why in French
        assert controller.set("language", "de") == \
            "«\u00a0Langue\u00a0» est géré par votre organisation."
        assert overlay.windowTitle() == "Rechercher" and words.language == "fr"
    finally:
        words.remove()
        QCoreApplication.processEvents()
    assert settings_controller(tmp_path / "config").get("language") == "de"


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
    """Labels, buttons, combo boxes (the entry shown) and group box titles shown
    narrower than their text needs (word-wrapped labels wrap by design)."""
    out = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.window() is not window:
            continue
        name = widget.objectName() or type(widget).__name__
        labelled = (isinstance(widget, QLabel) and not widget.wordWrap()) or \
            isinstance(widget, QAbstractButton)
        if labelled and widget.text() and widget.sizeHint().width() > widget.width():
            out.append(f"{name}: {widget.text()!r} {widget.sizeHint().width()} > "
                       f"{widget.width()}")
        style = widget.style()
        if isinstance(widget, QComboBox) and widget.currentText():
            option = QStyleOptionComboBox()
            widget.initStyleOption(option)
            room = style.subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                        QStyle.SubControl.SC_ComboBoxEditField, widget)
            need = widget.fontMetrics().horizontalAdvance(widget.currentText())
            if need > room.width():
                out.append(f"{name}: {widget.currentText()!r} {need} > {room.width()}")
        if isinstance(widget, QGroupBox) and widget.title():
            option = QStyleOptionGroupBox()
            widget.initStyleOption(option)
            title = style.subControlRect(QStyle.ComplexControl.CC_GroupBox, option,
                                         QStyle.SubControl.SC_GroupBoxLabel, widget)
            if not widget.rect().contains(title):
                out.append(f"{name}: {widget.title()!r} {title} outside {widget.rect()}")
    return out


def test_right_to_left_windows_mirror_and_clip_nothing(qtbot, qapp, tmp_path, right_to_left):
    assert right_to_left.language == "ar"
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    overlay, library = OverlayWindow(), library_with_an_item(qtbot)
    dialog = SettingsDialog(settings_controller(tmp_path / "config"))
    report = ReportProblemDialog("Item 1", library)
    for window in (overlay, dialog, report):
        qtbot.addWidget(window)
        window.show()
    for window in (overlay, library, dialog, report):
        qtbot.waitExposed(window)
    assert overlay.windowTitle().startswith("Search ") and overlay.windowTitle() != "Search"
    # mirrored: what is first (left) in English is on the right
    assert x_of(overlay.results) > x_of(overlay.preview)
    assert x_of(library.topics) > x_of(library.list) > x_of(library.body)
    assert x_of(dialog.hotkey_label) > x_of(dialog.hotkey)
    assert x_of(dialog.theme_label) > x_of(dialog.theme)
    cancel = report.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert x_of(report.send) > x_of(cancel)
    for window in (overlay, library, dialog, report):
        assert clipped(window) == []


@pytest.mark.parametrize("tag", ["de", "fr"])
def test_left_to_right_windows_are_not_mirrored(qtbot, tmp_path, language, tag):
    """German and French (longer than English) windows: not mirrored, and every label,
    button, combo box entry and group box title whole (the library's "Toutes les
    applications" filter too)."""
    language(tag)
    library = library_with_an_item(qtbot)
    dialog = SettingsDialog(settings_controller(tmp_path / "config"))
    report = ReportProblemDialog("Item 1", library)
    for window in (dialog, report):
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
    assert x_of(library.topics) < x_of(library.list) < x_of(library.body)
    assert x_of(dialog.hotkey_label) < x_of(dialog.hotkey)
    cancel = report.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert x_of(report.send) < x_of(cancel)
    for window in (library, dialog, report):
        assert clipped(window) == []


# (as in test_player.py: the decoding threads must not log through pytest-qt)
@pytest.mark.no_qt_log
def test_right_to_left_player_mirrors_and_clips_nothing(qtbot, right_to_left):
    """The video player right to left: the video on the right of its transcript, the
    play button on the right of the position slider, the time on its left; the
    transcript's label and language list whole."""
    from tests.helpers import multimedia_missing

    missing = multimedia_missing()
    if missing:
        pytest.skip(missing)
    player = player_with_a_video(qtbot)
    player.resize(900, 420)
    player.show()
    qtbot.waitExposed(player)
    assert player.transcript_label.text().startswith("Transcript")
    assert player.transcript_label.text() != "Transcript:"
    assert x_of(player.video) > x_of(player.transcript)
    assert x_of(player.play_button) > x_of(player.slider) > x_of(player.time_label)
    assert x_of(player.transcript_choice) < x_of(player.transcript_label)
    assert clipped(player) == []


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
