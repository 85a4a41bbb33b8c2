"""The architecture's import rules, checked on the source (ARCHITECTURE.md, "Layers")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import imports

SRC = Path(__file__).resolve().parents[2] / "src" / "jitl_desktop"


def modules(sub: str = "") -> list[Path]:
    return sorted((SRC / sub).rglob("*.py"))


def test_core_imports_no_qt_and_nothing_above_it():
    for path in modules("core"):
        for name in imports(path):
            assert not name.startswith("PySide6"), f"{path.name} imports {name}"
            for upper in ("services", "ui", "platform", "app", "cli"):
                assert not name.startswith(f"jitl_desktop.{upper}"), f"{path.name}: {name}"


def test_whoosh_only_in_index_and_search():
    allowed = {SRC / "core" / "index.py", SRC / "core" / "search.py"}
    for path in modules():
        if path not in allowed:
            assert not any(n.split(".")[0] == "whoosh" for n in imports(path)), path


def test_only_app_imports_the_widgets():
    for path in modules():
        if path.parent.name == "ui" or path.name == "app.py":
            continue
        assert not any(n.startswith("jitl_desktop.ui") for n in imports(path)), path


def test_search_and_lint_commands_never_load_qt(tmp_path):
    code = ("import sys, jitl_desktop.cli as c; c.main(['lint', sys.argv[1]]); "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    (tmp_path / "a.md").write_text("# A\n")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "False"
