"""The app catalog and how content ``apps:`` rules match the active application.

A rule names an application id (``excel``), a category id (``terminal``), or
is a case-insensitive glob on the process name or WM class; a mapping rule
sets ``process``/``wm_class``/``title`` globs and may limit itself to one ``os``.
A rule that names the exact application is stronger than one naming its category.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from jitl_desktop.core.files import read_limited
from jitl_desktop.core.model import AppRule
from jitl_desktop.core.system import current_os

log = logging.getLogger(__name__)

MAX_CATALOG_BYTES = 4 * 1024 * 1024

#: Match strengths, strongest last.
NO_MATCH, CATEGORY_MATCH, EXACT_MATCH = 0, 1, 2


@dataclass(frozen=True)
class ActiveApp:
    """The application in front of the user, as a platform backend sees it."""

    process: str = ""
    wm_class: str = ""
    title: str = ""
    bundle_id: str = ""
    os: str = field(default_factory=current_os)
    app_id: str | None = None  # resolved through the catalog
    categories: tuple[str, ...] = ()
    name: str = ""
    pid: int | None = None
    exe: str = ""  # full path of the executable, when the backend can tell
    elevated: bool = False  # runs with more rights than we have (Windows: as admin)
    #: where its window is (x, y, width, height in the desktop's device pixels), when the
    #: backend can tell: the search window opens on the screen holding its centre
    geometry: tuple[int, int, int, int] | None = None


@dataclass(frozen=True)
class CatalogApp:
    id: str
    name: str
    categories: tuple[str, ...]
    matchers: dict[str, dict[str, tuple[str, ...]]]  # os → key → globs
    titles: tuple[str, ...]

    def matches(self, app: ActiveApp) -> bool:
        spec = self.matchers.get(app.os, {})
        for key, value in (("process", app.process), ("wm_class", app.wm_class),
                           ("bundle_id", app.bundle_id)):
            if value and any(_glob(value, g) for g in spec.get(key, ())):
                return True
        return bool(app.title) and any(_glob(app.title, g) for g in self.titles)


def _glob(value: str, pattern: str) -> bool:
    return fnmatch.fnmatchcase(value.lower(), pattern.lower())


class Catalog:
    """Known applications and categories (bundled file plus any additions)."""

    def __init__(self, apps: Iterable[CatalogApp] = (), categories: dict[str, str] | None = None):
        self.apps: dict[str, CatalogApp] = {a.id: a for a in apps}
        self.categories: dict[str, str] = dict(categories or {})

    @classmethod
    def load(cls, *files: Path) -> Catalog:
        catalog = cls()
        catalog.merge_files(files)
        return catalog

    def merge_files(self, files: Iterable[Path]) -> None:
        """Add the entries of these catalog files (a later file's entry replaces an
        earlier one with the same id); an unreadable file is logged and skipped."""
        for path in files:
            try:
                # the C loader when PyYAML has it: the bundled catalog parses in 5 ms
                # instead of 50, at every start
                data = yaml.load(read_limited(path, MAX_CATALOG_BYTES).decode("utf-8"),
                                 Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
                if not isinstance(data, dict):
                    raise ValueError("expected a mapping with 'apps' and 'categories'")
            except (OSError, yaml.YAMLError, ValueError) as exc:
                log.warning("app catalog %s not loaded: %s", path, exc)
                continue
            self.merge(data, str(path))

    def merge(self, data: dict[str, Any], where: str) -> None:
        for cat in data.get("categories") or []:
            if isinstance(cat, dict) and isinstance(cat.get("id"), str):
                self.categories[cat["id"]] = str(cat.get("name") or cat["id"])
        for entry in data.get("apps") or []:
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                log.warning("%s: app entry without an id skipped: %r", where, entry)
                continue
            matchers = {
                os_name: {k: tuple(str(v) for v in vals or ())
                          for k, vals in (entry.get(os_name) or {}).items()}
                for os_name in ("linux", "windows", "macos") if entry.get(os_name)
            }
            self.apps[entry["id"]] = CatalogApp(
                id=entry["id"], name=str(entry.get("name") or entry["id"]),
                categories=tuple(entry.get("categories") or ()), matchers=matchers,
                titles=tuple(entry.get("title") or ()))

    def identify(self, app: ActiveApp) -> ActiveApp:
        """Fill in the catalog id, name and categories of a detected application."""
        for candidate in self.apps.values():
            if candidate.matches(app):
                return dataclasses.replace(app, app_id=candidate.id, name=candidate.name,
                                           categories=candidate.categories)
        return app

    def from_name(self, name: str) -> ActiveApp:
        """An ``--app`` argument: a catalog id, else a process / WM class name."""
        known = self.apps.get(name.lower())
        if known is not None:
            return ActiveApp(process=name, app_id=known.id, categories=known.categories,
                             name=known.name)
        return self.identify(ActiveApp(process=name, wm_class=name, name=name))

    def is_known(self, name: str) -> bool:
        return name in self.apps or name in self.categories

    def display_name(self, name: str) -> str:
        """``excel`` → ``Microsoft Excel``, ``terminal`` → ``Terminal``; else as given."""
        app = self.apps.get(name)
        return app.name if app is not None else self.categories.get(name, name)


def rule_strength(rule: AppRule, app: ActiveApp) -> int:
    """How well one ``apps:`` rule fits the active application."""
    if rule.os and rule.os != app.os:
        return NO_MATCH
    if rule.name is not None:
        name = rule.name.lower()
        if app.app_id and name == app.app_id:
            return EXACT_MATCH
        if name in app.categories:
            return CATEGORY_MATCH
        if any(_glob(v, name) for v in (app.process, app.wm_class, app.bundle_id) if v):
            return EXACT_MATCH
        return NO_MATCH
    checks = [(rule.process, app.process), (rule.wm_class, app.wm_class),
              (rule.title, app.title)]
    used = [(pattern, value) for pattern, value in checks if pattern is not None]
    if not used:
        return EXACT_MATCH if rule.os else NO_MATCH
    return EXACT_MATCH if all(value and _glob(value, p) for p, value in used) else NO_MATCH


def best_strength(rules: Iterable[AppRule], app: ActiveApp) -> int:
    return max((rule_strength(r, app) for r in rules), default=NO_MATCH)
