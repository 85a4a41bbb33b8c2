"""Fixtures of the engine's tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine


@pytest.fixture
def engines():
    """SearchEngine factory whose searchers are closed after the test."""
    made: list[SearchEngine] = []

    def make(ci: ContentIndex, roots: list[Path], **options: Any) -> SearchEngine:
        made.append(SearchEngine(ci, roots=roots, **options))
        return made[-1]

    yield make
    for engine in made:
        engine.close()


@pytest.fixture
def root(make_content):
    """Three short items in three folders (the index lifecycle's tests)."""
    return make_content({
        "files/archive.md": "# Extract an archive\n\n> Unpack tar and zip files.\n",
        "git/undo.md": "# Undo a commit\n\n> Take back the last commit.\n",
        "mail/signature.md": "# E-mail signature\n\n> Add a signature to your messages.\n",
    })
