"""Languages: tags are checked and put in their usual case, the user's list comes from
the setting then the system, and a translation or variant is picked along it."""

from __future__ import annotations

import json

import pytest

from jitl_desktop.core import languages
from jitl_desktop.core.settings import Settings


@pytest.mark.parametrize(("tag", "normal"), [
    ("de", "de"), ("DE", "de"), ("pt-br", "pt-BR"), ("zh-hant-tw", "zh-Hant-TW"),
    ("de_DE.UTF-8", "de-DE"), ("fr_CA", "fr-CA"), ("sr_RS@latin", "sr-RS"),
    ("es-419", "es-419"), ("de-CH-1996", "de-CH-1996"), ("en-x-pseudo", "en-x-pseudo"),
])
def test_well_formed_tags_are_normalised(tag, normal):
    assert languages.normalize(tag) == normal


@pytest.mark.parametrize("tag", ["", "german", "d", "de-", "de--DE", "12", "de DE", "x"])
def test_what_is_not_a_tag_is_refused(tag):
    assert languages.normalize(tag) is None


def test_the_locale_variables_give_the_system_languages():
    env = {"LANGUAGE": "de_AT:fr", "LANG": "de_AT.UTF-8"}
    assert languages.system_languages(env) == ["de-AT", "fr"]
    assert languages.system_languages({"LC_ALL": "C", "LANGUAGE": "de"}) == []
    assert languages.system_languages({"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "de_DE"}) == ["fr-FR"]
    assert languages.system_languages({}) == []


def test_the_setting_comes_first_then_the_system_each_with_its_base():
    assert languages.preferred("de-CH", ["fr-FR", "en"]) == ["de-CH", "de", "fr-FR", "fr", "en"]
    assert languages.preferred("", ["fr-FR"]) == ["fr-FR", "fr"]


def test_pick_follows_the_list_then_base_languages_then_the_default():
    assert languages.pick(["de-CH", "de", "en"], ["en", "de", "fr"]) == "de"
    assert languages.pick(["pt-BR", "pt"], ["en", "pt-PT"]) == "pt-PT"
    assert languages.pick(["ja"], ["en", "de"]) == "en"
    assert languages.pick(["fr-CA"], ["de", "fr"], default="de") == "fr"


def test_a_bad_language_setting_falls_back_to_the_system_with_a_warning(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"language": "Deutsch"}))
    settings = Settings.load(tmp_path)
    assert settings.get("language") == ""
    assert "'language'" in settings.warnings[0] and "Deutsch" in settings.warnings[0]
    settings.set("language", "de_de")
    assert Settings.load(tmp_path).get("language") == "de-DE"
