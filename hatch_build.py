"""Build hook: compile the translations of the windows when the package is built.

``resources/i18n/*.ts`` are the sources (``tools/update_translations.py``); the ``.qm``
files Qt loads are made here with ``lrelease`` (from PySide6, which the build requires)
and are not kept in git. For a wheel they go into ``jitl_desktop/resources/i18n/``; for
an editable install (``pip install -e .``) into ``resources/i18n/`` of the checkout,
where the app finds them. Qt's own translations of its standard dialogs
(``qtbase_de.qm``…) come with PySide6 and are loaded from there.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def lrelease() -> str:
    """PySide6's lrelease: the console script beside this Python, on PATH, or the
    program inside the PySide6 package."""
    for candidate in (Path(sys.executable).parent / "pyside6-lrelease",
                      shutil.which("pyside6-lrelease")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    import PySide6  # noqa: TID251 (the build requires pyside6-essentials)

    inside = Path(PySide6.__file__).parent / ("lrelease.exe" if sys.platform == "win32"
                                              else "lrelease")
    if inside.exists():
        return str(inside)
    raise RuntimeError("lrelease not found: PySide6 (pyside6-essentials) is needed to "
                       "build the translations")


def compile_translations(folder: Path) -> list[Path]:
    """Make ``X.qm`` beside each ``X.ts`` in ``folder``; the files made."""
    tool = lrelease()
    made = []
    for ts in sorted(folder.glob("jitl_*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([tool, "-silent", "-nounfinished", str(ts), "-qm", str(qm)],
                       check=True)
        made.append(qm)
    return made


class TranslationsHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        # (the wheel force-includes resources/ whole, so the files made are in it; an
        # editable install reads them where they are)
        compile_translations(Path(self.root) / "resources" / "i18n")
