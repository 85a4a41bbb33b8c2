"""The packs installed on this desktop, as content roots (no TUF import: ``search`` and
the app's start read this).

``<data dir>/packs/installed/NAME`` is a symbolic link to the unpacked version in use,
``../versions/NAME-VERSION-HASH``; replacing the link is the atomic swap, so the content
root's path never changes and the index sees only the files that changed. Beside each
version folder, ``NAME-VERSION-HASH.json`` says which target it came from.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

INSTALLED = "installed"
VERSIONS = "versions"


def installed_roots(packs_dir: Path) -> list[Path]:
    """The content roots of the installed packs, by name (only those that are there)."""
    folder = packs_dir / INSTALLED
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [folder / name for name in names
            if not name.startswith(".") and (folder / name).is_dir()]


def installed_info(packs_dir: Path) -> dict[str, dict[str, Any]]:
    """Name → what is installed (name, version, target, sha256, folder)."""
    found: dict[str, dict[str, Any]] = {}
    for root in installed_roots(packs_dir):
        version_dir = Path(os.path.realpath(root))
        try:
            info = json.loads(version_dir.with_name(version_dir.name + ".json")
                              .read_text(encoding="utf-8"))
        except (OSError, ValueError):
            info = {}
        found[root.name] = {"name": root.name, "version": info.get("version"),
                            "target": info.get("target"), "sha256": info.get("sha256"),
                            "folder": str(root)}
    return found
