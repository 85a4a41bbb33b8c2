"""Fixtures of the adversarial suite: every test here is marked ``adversarial``."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/adversarial/" in item.nodeid:
            item.add_marker(pytest.mark.adversarial)
