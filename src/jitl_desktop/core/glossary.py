"""Synonym glossaries: groups of words that mean the same thing at search time.

The engine ships a default glossary (``core/data/glossary.yaml``); every
content root may add its own ``glossary.yaml`` at its top::

    synonyms:
      - [folder, directory, dir]
      - [extract, unzip, unpack, decompress]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import yaml

from jitl_desktop.core.files import read_limited
from jitl_desktop.core.model import Problem

GLOSSARY_FILE = "glossary.yaml"
MAX_GLOSSARY_BYTES = 4 * 1024 * 1024


def default_glossary() -> Path:
    return Path(__file__).resolve().parent / "data" / GLOSSARY_FILE


def glossary_files(roots: Iterable[Path]) -> list[Path]:
    """The default glossary and each root's own, in that order."""
    files = [default_glossary()]
    files += [root / GLOSSARY_FILE for root in roots if (root / GLOSSARY_FILE).is_file()]
    return files


def read_groups(path: Path) -> tuple[list[list[str]], list[Problem]]:
    where = str(path)
    try:
        data = yaml.safe_load(read_limited(path, MAX_GLOSSARY_BYTES).decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(where, 1, "error", f"cannot read glossary: {exc}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Problem(where, mark.line + 1 if mark else 1, "error",
                            f"bad YAML in glossary: {getattr(exc, 'problem', exc)}")]
    if data is None:
        return [], []
    groups = data.get("synonyms") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        return [], [Problem(where, 1, "error",
                            "a glossary needs 'synonyms:' with a list of word lists")]
    good: list[list[str]] = []
    problems: list[Problem] = []
    for n, group in enumerate(groups, 1):
        if (not isinstance(group, list) or len(group) < 2
                or not all(isinstance(w, str) and w.strip() for w in group)):
            problems.append(Problem(where, 1, "error",
                                    f"synonym group {n} must be a list of two or more words"))
            continue
        good.append([w.strip().lower() for w in group])
    return good, problems


def load_glossaries(files: Iterable[Path], *, analyze: Callable[[str], list[str]]
                    ) -> tuple[dict[str, list[str]], list[Problem]]:
    """Map each word or phrase (its index terms as ``analyze`` makes them, joined by a
    space) to its synonyms, in the same form."""
    table: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for path in files:
        groups, found = read_groups(path)
        problems += found
        for group in groups:
            analyzed = [" ".join(analyze(word)) for word in group]
            analyzed = [a for a in dict.fromkeys(analyzed) if a]
            for term in analyzed:
                others = [a for a in analyzed if a != term]
                bucket = table.setdefault(term, [])
                bucket += [o for o in others if o not in bucket]
    return table, problems
