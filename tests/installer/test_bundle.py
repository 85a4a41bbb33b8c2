"""The PyInstaller one-folder bundle builds from its spec and runs: the version, a search of
the starter content it carries, and a first index build (which, in a frozen app, runs the
bundle's own executable as the child process).

Built like the .deb, only when asked (``JITL_TEST_DEB=1``, which ``.ci/run`` sets; a
missing tool is then a failure), in a throwaway virtual environment on Debian's python3,
which has the shared libpython PyInstaller needs; the 160 MB bundle and that environment
are removed afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jitl_desktop import __version__
from tests.helpers import HOST_ENVIRON

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "pyinstaller" / "jitl-desktop.spec"
CONSTRAINTS = ROOT / "installer" / "linux" / "constraints.txt"
PYTHON = Path("/usr/bin/python3")
#: the user's own pip cache (the tests isolate HOME)
HOST_HOME = Path(HOST_ENVIRON.get("HOME", Path.home()))


def _skip_reason() -> str | None:
    if os.environ.get("JITL_TEST_DEB") != "1":
        return ("builds a PyInstaller bundle (a 160 MB tree, downloads PyInstaller): "
                "set JITL_TEST_DEB=1 to run it (.ci/run does)")
    probe = subprocess.run([str(PYTHON), "-c", "import ensurepip, sysconfig; "
                            "assert sysconfig.get_config_var('Py_ENABLE_SHARED')"],
                           capture_output=True, check=False) if PYTHON.exists() else None
    if probe is None or probe.returncode != 0:
        pytest.fail(f"JITL_TEST_DEB=1, but the bundle needs {PYTHON} with venv and a "
                    "shared libpython")
    return None


def run(*args: object, **kw: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True,
                          check=False, **kw)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    work = tmp_path_factory.mktemp("bundle")
    venv = work / "venv"
    run(PYTHON, "-m", "venv", venv)
    pip = [venv / "bin" / "python", "-m", "pip", "install", "-q",
           "--cache-dir", HOST_HOME / ".cache" / "jitl-desktop-deb" / "pip"]
    run(*pip, "-c", CONSTRAINTS, ROOT, "pyinstaller>=6.10,<7", timeout=1800)
    run(venv / "bin" / "pyinstaller", "--noconfirm", "--distpath", work / "dist",
        "--workpath", work / "build", SPEC, timeout=1800, cwd=work)
    program = work / "dist" / "jitl-desktop" / "jitl-desktop"
    assert program.is_file()
    try:
        yield program
    finally:
        shutil.rmtree(work, ignore_errors=True)


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
    # the meaning model travels in the bundle: a question of none of the item's words
    diagnosed = json.loads(run(bundle, "--data-dir", tmp_path / "data", "diagnose", "--json",
                               env=env).stdout)
    assert diagnosed["meaning"]["loaded"] is True, diagnosed["meaning"]
    # and so do the context models and their runtime
    assert diagnosed["meaning"]["context"]["loaded"] is True, diagnosed["meaning"]
    assert diagnosed["meaning"]["context"]["multilingual"]["available"] is True


def test_the_bundle_has_the_translations(bundle: Path) -> None:
    """The windows' translations and Qt's own for its standard dialogs, where the app
    looks for them."""
    i18n = bundle.parent / "_internal" / "jitl_desktop" / "resources" / "i18n"
    names = {p.name for p in i18n.glob("*.qm")}
    assert {"jitl_en.qm", "jitl_de.qm", "jitl_fr.qm", "qtbase_de.qm", "qtbase_fr.qm"} <= names


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
