"""The content's items as the report needs them: front matter (title, owner, review
dates, apps, topics), the title and summary, not the whole body (parsing every body's
Markdown would cost more than reading a million statements)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from jitl_desktop.core.content import build_item, read_source, scan_root, split_front_matter
from jitl_desktop.core.model import Item

#: lines of the body read for the title and summary
HEAD_LINES = 12


def _head(body: str) -> str:
    """The body up to its first list or code block (at most :data:`HEAD_LINES` lines)."""
    lines = []
    for line in body.split("\n", HEAD_LINES)[:HEAD_LINES]:
        if line.lstrip().startswith(("- ", "* ", "```", "1.")):
            break
        lines.append(line)
    return "\n".join(lines)


def report_items(roots: list[Path]) -> Iterator[Item]:
    """Every item of ``roots`` that can be read (problems are ``lint``'s business)."""
    for root in roots:
        if not root.is_dir():
            continue
        files, _problems = scan_root(root)
        for src in files:
            data, problem = read_source(src)
            if data is None or problem is not None:
                continue
            try:
                text = data.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
            except UnicodeDecodeError:
                continue
            meta, line_of, body, problem = split_front_matter(text, src.path)
            if problem is not None:
                continue
            whole = meta.get("kind") == "quiz" or "questions" in meta
            item, _ = build_item(src, meta, line_of, body if whole else _head(body))
            if item.original is None:  # a translation is its original's item: once
                yield item
