"""The architecture's import rules, checked on the source (ARCHITECTURE.md, "Layers")."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.helpers import imports

SRC = Path(__file__).resolve().parents[2] / "src" / "jitl_desktop"


def modules(sub: str = "") -> list[Path]:
    return sorted((SRC / sub).rglob("*.py"))


def module_name(path: Path) -> str:
    """``src/jitl_desktop/platform/hotkey/x11.py`` → ``jitl_desktop.platform.hotkey.x11``
    (a package's ``__init__.py`` is the package)."""
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Which modules of jitl_desktop each module of jitl_desktop imports, anywhere in the
    file (inside functions and ``if TYPE_CHECKING:`` too): ``from . import x`` and
    ``from .a import b`` are resolved against the importing module, and ``from p import
    m`` counts as importing the module ``p.m`` when there is one, else ``p``. Loading a
    parent package on the way to a submodule is not an edge: only what a file names."""
    files = {module_name(path): path for path in modules()}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                for alias in node.names:
                    found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in files
                              else base)
        graph[name] = {target for target in found if target in files and target != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as ``[a, b, …, a]``, or None when the graph has none
    (depth-first search; a module met again while still on the path closes a cycle)."""
    done: set[str] = set()
    for root in sorted(graph):
        if root in done:
            continue
        path = [root]
        on_path = {root}
        stack = [iter(sorted(graph[root]))]
        while stack:
            step = next(stack[-1], None)
            if step is None:  # every import of path[-1] followed: it is in no cycle
                stack.pop()
                finished = path.pop()
                on_path.discard(finished)
                done.add(finished)
                continue
            if step in on_path:
                return [*path[path.index(step):], step]
            if step in done:
                continue
            path.append(step)
            on_path.add(step)
            stack.append(iter(sorted(graph[step])))
    return None


def test_no_import_cycles_between_modules():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_core_imports_no_qt_and_nothing_above_it():
    for path in modules("core"):
        for name in imports(path):
            assert not name.startswith("PySide6"), f"{path.name} imports {name}"
            for upper in ("services", "ui", "platform", "app", "cli"):
                assert not name.startswith(f"jitl_desktop.{upper}"), f"{path.name}: {name}"


def test_whoosh_only_in_index_search_and_analysis():
    allowed = {SRC / "core" / "index.py", SRC / "core" / "search.py",
               SRC / "core" / "analysis.py"}
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


def test_the_cycle_search_names_the_modules_of_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"b", "d"}, "d": set()}
    assert find_cycle(graph) == ["b", "c", "b"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_tests_and_benchmarks_share_only_the_harness():
    root = SRC.parents[1]
    rules = {"benchmarks": ("tests",), "harness": ("tests", "benchmarks"),
             "tests": ("benchmarks",)}
    for folder, banned in rules.items():
        for path in sorted((root / folder).rglob("*.py")):
            for name in imports(path):
                assert name.split(".")[0] not in banned, f"{path}: imports {name}"
