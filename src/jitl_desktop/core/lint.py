"""Content quality control: everything an author should fix, as FILE:LINE: message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from jitl_desktop.core import languages
from jitl_desktop.core.apps import Catalog
from jitl_desktop.core.content import duplicate_problem, load_file, review_due, scan_root, unique_id
from jitl_desktop.core.glossary import GLOSSARY_FILE, read_groups
from jitl_desktop.core.model import Item, Problem
from jitl_desktop.core.variants import known


def lint(roots: Iterable[Path], *, catalog: Catalog, today: dt.date | None = None
         ) -> tuple[list[Problem], int]:
    """All problems in ``roots`` (sorted by file and line) and the number of items checked."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    items: list[Item] = []
    for root in roots:
        if not root.is_dir():
            problems.append(Problem(str(root), 0, "error", "content folder not found"))
            continue
        files, found = scan_root(root)
        problems += found
        for src in files:
            item, found = load_file(src)
            problems += found
            if item is not None:
                items.append(item)
        if (root / GLOSSARY_FILE).is_file():
            problems += read_groups(root / GLOSSARY_FILE)[1]
    problems += _cross_checks(items, catalog, today)
    problems.sort(key=lambda p: (p.path, p.line, p.message))
    return problems, len(items)


def _cross_checks(items: list[Item], catalog: Catalog, today: dt.date) -> list[Problem]:
    problems: list[Problem] = _language_checks(items)
    by_id = _unique_ids(items, problems)
    for item in items:
        for key in ("related", "prerequisites", "checks"):
            refs = getattr(item, key)
            for ref in [refs] if isinstance(refs, str) else refs or []:
                if ref not in by_id:
                    problems.append(Problem(item.path, item.line_of.get(key, 1), "error",
                                            f"'{key}' names '{ref}', which is no item id"))
                elif ref == item.id:
                    problems.append(Problem(item.path, item.line_of.get(key, 1), "error",
                                            f"'{key}' names the item itself"))
        if item.reviewed and item.review_every:
            due = review_due(item.reviewed, item.review_every)
            if due is not None and due < today:
                problems.append(Problem(item.path, item.line_of.get("reviewed", 1), "warning",
                                        f"review overdue since {due.isoformat()} (reviewed "
                                        f"{item.reviewed.isoformat()}, every {item.review_every})"))
        if item.checks and item.kind != "quiz":
            problems.append(Problem(item.path, item.line_of.get("checks", 1), "warning",
                                    "'checks' only means something on a quiz item"))
        if item.expires and item.expires < today:
            problems.append(Problem(item.path, item.line_of.get("expires", 1), "error",
                                    f"expired on {item.expires.isoformat()}"))
        for rule in item.apps:
            name = rule.name
            if name and not catalog.is_known(name.lower()) and not any(c in name for c in "*?["):
                problems.append(Problem(
                    item.path, item.line_of.get("apps", 1), "warning",
                    f"app '{name}' is not in the app catalog; it only matches a process "
                    "or WM class of exactly that name"))
        if item.kind == "video" and not item.transcript:
            problems.append(Problem(item.path, item.line_of.get("kind", 1), "warning",
                                    "video without a transcript: its words cannot be found"))
    problems += _prerequisite_cycles(items, by_id)
    return problems


def _unique_ids(items: list[Item], problems: list[Problem]) -> dict[str, Item]:
    """Items by id, as the index gives them: a later file with a taken id gets another
    (reported); a translation has its original's."""
    by_id: dict[str, Item] = {}
    for item in items:
        if item.original is not None:
            continue
        derived = unique_id(item.id, by_id)
        if derived != item.id:
            problems.append(duplicate_problem(item, by_id[item.id].path, derived))
            item.id = derived
        by_id[derived] = item
    return by_id


def _language_checks(items: list[Item]) -> list[Problem]:
    """Two files of one item in the same language (one is never shown), and file names
    whose last suffix looks like a language but is none (``x.qq.md``: an item of its own,
    not a translation)."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str], Item] = {}
    for item in items:
        key = (item.original or item.path, item.lang)
        first = seen.setdefault(key, item)
        if first is not item:
            problems.append(Problem(item.path, item.line_of.get("lang", 1), "warning",
                                    f"'{item.id}' in {item.lang} is also {first.path}; "
                                    "only one of them is shown"))
        name = Path(item.path).name
        suffix = name[: -len(".md")].rpartition(".")[2] if name.count(".") > 1 else ""
        tag = languages.normalize(suffix) if suffix else None
        if tag and not known(tag) and (len(suffix) == 2 or "-" in suffix):
            problems.append(Problem(item.path, 1, "warning",
                                    f"'.{suffix}' is no ISO 639 language code, so this file "
                                    "is an item of its own, not a translation"))
    return problems


def _prerequisite_cycles(items: list[Item], by_id: dict[str, Item]) -> list[Problem]:
    problems: list[Problem] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(item_id: str, trail: list[str]) -> None:
        state[item_id] = 1
        for ref in by_id[item_id].prerequisites:
            if ref not in by_id:
                continue
            if state.get(ref) == 1:
                cycle = [*trail[trail.index(ref):], ref] if ref in trail else [item_id, ref]
                item = by_id[item_id]
                problems.append(Problem(item.path, item.line_of.get("prerequisites", 1),
                                        "error", "prerequisites form a cycle: "
                                        + " → ".join(cycle)))
            elif ref not in state:
                visit(ref, [*trail, ref])
        state[item_id] = 2

    for item in items:
        if item.id not in state and item.id in by_id:
            visit(item.id, [item.id])
    return problems
