"""The PyInstaller one-folder bundle builds from its spec and runs: the version, a search of
the starter content it carries, and a first index build (which, in a frozen app, runs the
bundle's own executable as the child process).

Built like the .deb (same switch: JITL_TEST_DEB=1 makes a missing tool a failure, 0
skips), in a throwaway virtual environment on Debian's python3, which has the shared
libpython PyInstaller needs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jitl_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "pyinstaller" / "jitl-desktop.spec"
CONSTRAINTS = ROOT / "installer" / "linux" / "constraints.txt"
PYTHON = Path("/usr/bin/python3")


def _skip_reason() -> str | None:
    flag = os.environ.get("JITL_TEST_DEB", "")
    if flag == "0":
        return "JITL_TEST_DEB=0"
    probe = subprocess.run([str(PYTHON), "-c", "import ensurepip, sysconfig; "
                            "assert sysconfig.get_config_var('Py_ENABLE_SHARED')"],
                           capture_output=True, check=False) if PYTHON.exists() else None
    if probe is not None and probe.returncode == 0:
        return None
    reason = f"the bundle needs {PYTHON} with venv and a shared libpython"
    if flag == "1":
        pytest.fail(f"JITL_TEST_DEB=1, but {reason}")
    return reason


def run(*args: object, **kw: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True,
                          check=False, **kw)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    work = tmp_path_factory.mktemp("bundle")
    venv = work / "venv"
    run(PYTHON, "-m", "venv", venv)
    pip = [venv / "bin" / "python", "-m", "pip", "install", "-q",
           "--cache-dir", Path.home() / ".cache" / "jitl-desktop-deb" / "pip"]
    run(*pip, "-c", CONSTRAINTS, ROOT, "pyinstaller>=6.10,<7", timeout=1800)
    run(venv / "bin" / "pyinstaller", "--noconfirm", "--distpath", work / "dist",
        "--workpath", work / "build", SPEC, timeout=1800, cwd=work)
    program = work / "dist" / "jitl-desktop" / "jitl-desktop"
    assert program.is_file()
    return program


def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JITL_")}
    env["HOME"] = str(tmp_path / "home")
    return env


def test_the_bundle_runs_and_finds_its_starter_content(bundle: Path, tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    assert run(bundle, "--version", env=env).stdout.strip() == f"jitl-desktop {__version__}"
    found = run(bundle, "--data-dir", tmp_path / "data", "--config-dir", tmp_path / "config",
                "search", "--json", "extract archive", env=env)
    first = json.loads(found.stdout)["results"][0]
    assert first["id"] == "terminal/extract-archive"
    assert "_internal" in first["root"]  # the content inside the bundle


def test_a_frozen_app_builds_its_index_in_a_child_that_is_itself(bundle: Path,
                                                                 tmp_path: Path) -> None:
    """What the app's index worker runs for a full build (services/indexer.py)."""
    code = ("import sys; from pathlib import Path; sys.frozen = True; "
            f"sys.executable = {str(bundle)!r}; "
            "from jitl_desktop.services.indexer import IndexWorker; "
            "from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]); "
            f"w = IndexWorker(Path({str(tmp_path / 'data')!r}), []); "
            f"w._rebuild_in_child([Path({str(ROOT / 'content')!r})], rebuild=True); "
            "print('built')")
    env = {**clean_env(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = run(sys.executable, "-c", code, env=env)
    assert done.stdout.strip().endswith("built")
    listed = run(bundle, "--data-dir", tmp_path / "data", "diagnose", "--json", env=env)
    assert json.loads(listed.stdout)["index"]["items"] >= 70
