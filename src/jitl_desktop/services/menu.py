"""Menu entries as data, so menus are built (and tested) without widgets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class MenuEntry:
    label: str = ""
    action: Callable[[], object] | None = None
    children: list[MenuEntry] | None = None
    separator: bool = False


SEPARATOR = MenuEntry(separator=True)
