"""Fixtures of the engine's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine


@pytest.fixture
def engines():
    """SearchEngine factory whose searchers are closed after the test."""
    made: list[SearchEngine] = []

    def make(ci: ContentIndex, roots: list[Path]) -> SearchEngine:
        made.append(SearchEngine(ci, roots=roots))
        return made[-1]

    yield make
    for engine in made:
        engine.close()
