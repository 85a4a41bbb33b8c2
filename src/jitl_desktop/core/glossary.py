"""Synonym glossaries: groups of words that mean the same thing at search time.

The engine ships a default glossary (``core/data/glossary.yaml``); every
content root may add its own ``glossary.yaml`` at its top::

    synonyms:
      - [folder, directory, dir]
      - [extract, unzip, unpack, decompress]
      - lang: de
        words: [ordner, verzeichnis]

A group's words are read in its language: the group's ``lang``, else the file's
top-level ``lang``, else English (so stems and compounds match that language's
content).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import yaml

from jitl_desktop.core import languages
from jitl_desktop.core.files import read_limited
from jitl_desktop.core.model import Problem

GLOSSARY_FILE = "glossary.yaml"
MAX_GLOSSARY_BYTES = 4 * 1024 * 1024


#: the engine's own glossaries beside the default (English) one, one per language
LANGUAGE_GLOSSARIES = ("glossary.de.yaml",)


def default_glossary() -> Path:
    return Path(__file__).resolve().parent / "data" / GLOSSARY_FILE


def default_glossaries() -> list[Path]:
    """The engine's own glossaries: the default one and each language's."""
    data = default_glossary().parent
    return [default_glossary(), *(data / name for name in LANGUAGE_GLOSSARIES)]


def glossary_files(roots: Iterable[Path]) -> list[Path]:
    """The engine's glossaries and each root's own, in that order."""
    files = default_glossaries()
    files += [root / GLOSSARY_FILE for root in roots if (root / GLOSSARY_FILE).is_file()]
    return files


def read_groups(path: Path) -> tuple[list[list[str]], list[Problem]]:
    """The synonym groups of a glossary file (their words only) and its problems."""
    groups, problems = read_glossary(path)
    return [words for _, words in groups], problems


def read_glossary(path: Path) -> tuple[list[tuple[str, list[str]]], list[Problem]]:
    """The synonym groups of a glossary file, each with its base language, and its
    problems."""
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
    problems: list[Problem] = []
    default = _language(data.get("lang"), where, "the glossary's", problems)
    good: list[tuple[str, list[str]]] = []
    for n, entry in enumerate(groups, 1):
        lang, group = default, entry
        if isinstance(entry, dict):
            lang = _language(entry.get("lang"), where, f"synonym group {n}'s", problems,
                             default)
            group = entry.get("words")
        if (not isinstance(group, list) or len(group) < 2
                or not all(isinstance(w, str) and w.strip() for w in group)):
            problems.append(Problem(where, 1, "error",
                                    f"synonym group {n} must be a list of two or more words "
                                    "(or 'lang:' and 'words:' with such a list)"))
            continue
        good.append((lang, [w.strip().lower() for w in group]))
    return good, problems


def _language(value: object, where: str, whose: str, problems: list[Problem],
              default: str = languages.DEFAULT) -> str:
    if value is None:
        return default
    tag = languages.normalize(value) if isinstance(value, str) else None
    if tag is None:
        problems.append(Problem(where, 1, "error",
                                f"{whose} 'lang' must be a language tag such as de or "
                                f"pt-BR, got {value!r}"))
        return default
    return languages.base(tag)


def language_key(term: str, lang: str) -> str:
    """How the synonym table keys a term of a group in another language than English
    (``de:drucker``), so that groups of two languages never mix."""
    return term if lang == languages.DEFAULT else f"{lang}:{term}"


def load_glossaries(files: Iterable[Path], *, analyze: Callable[[str, str], list[str]]
                    ) -> tuple[dict[str, list[str]], list[Problem]]:
    """Map each word or phrase (its index terms as ``analyze(text, language)`` makes
    them, joined by a space; keyed by :func:`language_key`) to its synonyms, in the
    same form."""
    table: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for path in files:
        groups, found = read_glossary(path)
        problems += found
        for lang, group in groups:
            analyzed = [" ".join(analyze(word, lang)) for word in group]
            analyzed = [a for a in dict.fromkeys(analyzed) if a]
            for term in analyzed:
                others = [a for a in analyzed if a != term]
                bucket = table.setdefault(language_key(term, lang), [])
                bucket += [o for o in others if o not in bucket]
    return table, problems
