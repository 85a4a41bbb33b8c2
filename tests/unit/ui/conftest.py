"""Widgets under test speak as in the app: the app always installs a translation, English
included (its plural forms: ``1 item``, ``2 items``), so these tests do too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jitl_desktop.ui.i18n import Translations


@pytest.fixture(scope="session", autouse=True)
def english(qapp) -> Iterator[Translations]:
    words = Translations(qapp, "en", system=[])
    yield words
    words.remove()
