"""Which links in content may be opened: one decision for the search window's preview
and the library.

Content is written by others, so a link is followed only when it is one of:

- a web or e-mail link (``http``, ``https`` with a host, ``mailto``): handed to the
  system's browser or mail program;
- ``item:ID``: another item, shown in the library;
- a relative link, or a ``file:`` URL, to a file inside one of the content folders (after
  ``..`` and symbolic links are resolved), that is not a program: an item file is shown
  as that item, another file is handed to the system's viewer.

Anything else (``javascript:``, ``smb://``, ``file:`` outside the content, custom
``x-…://`` schemes that start programs) is not opened: the user is told the link and why.
The decision (:func:`judge`) is plain Python; the caller opens what it allows.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: schemes handed to the system (browser, mail program)
EXTERNAL_SCHEMES = ("http", "https", "mailto")
#: files inside the content that are still not opened: the system would run them
RUNNABLE_SUFFIXES = frozenset({
    ".desktop", ".sh", ".bash", ".zsh", ".csh", ".py", ".pyw", ".pl", ".rb", ".jar",
    ".appimage", ".run", ".bin", ".exe", ".com", ".bat", ".cmd", ".ps1", ".vbs", ".vbe",
    ".js", ".jse", ".wsf", ".wsh", ".msi", ".msp", ".scr", ".lnk", ".url", ".reg", ".cpl",
    ".hta", ".app", ".command", ".pkg", ".dmg", ".deb", ".rpm"})
#: a link is quoted in a note up to this many characters
QUOTE_CHARS = 80
WHAT_OPENS = ("only web (http, https) and e-mail (mailto) links and links to files in "
              "the content folders are opened")


@dataclass(frozen=True)
class Link:
    """What to do with a clicked link.

    ``action`` is ``item`` (show the item whose id is ``target``), ``file`` (the file
    ``target``, an absolute path inside a content folder), ``open`` (hand the URL
    ``target`` to the system) or ``refuse`` (``note`` tells the user what was not
    opened and why).
    """

    action: str
    target: str = ""
    note: str = ""


def shown(href: str) -> str:
    """``href`` as a note quotes it: one line, at most :data:`QUOTE_CHARS` characters."""
    text = " ".join(href.split())
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS - 1] + "…"


def _refuse(href: str, why: str) -> Link:
    return Link("refuse", note=f"Link not opened: {shown(href)} — {why}.")


def judge(href: str, *, base: str | Path | None, roots: Sequence[str | Path]) -> Link:
    """What to do with ``href``, clicked in the item whose file is ``base`` (relative
    links are read from its folder), given the content folders ``roots``."""
    href = href.strip()
    if not href:
        return _refuse(href, "the link is empty")
    try:
        parts = urlsplit(href)
    except ValueError as exc:
        return _refuse(href, f"it is not a valid address ({exc})")
    scheme = parts.scheme.lower()
    if scheme == "item":
        item_id = unquote(href.split(":", 1)[1]).strip().strip("/")
        return Link("item", item_id) if item_id else _refuse(href, "it names no item")
    if scheme in ("http", "https"):
        if not parts.hostname:
            return _refuse(href, "it names no server")
        return Link("open", href)
    if scheme == "mailto":
        return Link("open", href)
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            return _refuse(href, f"it points to another computer ({parts.netloc}); "
                                 + WHAT_OPENS)
        return _inside(href, Path(unquote(parts.path)), roots)
    if scheme:
        return _refuse(href, f"“{scheme}:” links can start programs or reach other "
                             f"computers; {WHAT_OPENS}")
    if parts.netloc:  # //host/share
        return _refuse(href, f"it points to another computer ({parts.netloc}); "
                             + WHAT_OPENS)
    if not parts.path:
        return _refuse(href, "it points nowhere in this page")
    if base is None:
        return _refuse(href, "a relative link needs the page it is in")
    return _inside(href, Path(base).parent / unquote(parts.path), roots)


def _inside(href: str, path: Path, roots: Sequence[str | Path]) -> Link:
    """A link to the file ``path``: followed only inside a content folder."""
    if not path.is_absolute():
        return _refuse(href, "it is not a full path")
    try:
        real = path.resolve()
        real_roots = [Path(r).resolve() for r in roots]
    except (OSError, RuntimeError) as exc:  # a loop of links, an unreadable folder
        return _refuse(href, f"the file cannot be found ({exc})")
    if not any(real == r or real.is_relative_to(r) for r in real_roots):
        return _refuse(href, f"it points to a file outside the content folders; "
                             f"{WHAT_OPENS}")
    if not real.exists():
        return _refuse(href, f"the file {real} does not exist")
    if real.is_file() and (real.suffix.lower() in RUNNABLE_SUFFIXES
                           or (os.name != "nt" and os.access(real, os.X_OK))):
        return _refuse(href, "it is a program, and programs in content are never run")
    return Link("file", str(real))


def is_remote(media: str) -> bool:
    """Whether a video's ``media`` (a path or a URL) is fetched from another computer."""
    return "://" in media and urlsplit(media).scheme.lower() != "file"
