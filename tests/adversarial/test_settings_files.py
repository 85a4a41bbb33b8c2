"""Hostile settings and policy files: deep nesting, huge values, FIFOs, oversized files.
None of them may stop a command or the start; each is reported with its file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jitl_desktop.cli import main
from jitl_desktop.core import policy
from jitl_desktop.core.policy import load_settings, read_linux
from jitl_desktop.core.settings import MAX_FILE_BYTES, Settings

DEEP = "[" * 100_000 + "]" * 100_000


def write_policy(root: Path, name: str, text: str) -> Path:
    folder = root / policy.LINUX_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    path.chmod(0o644)
    return path


@pytest.fixture
def no_machine_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "root"
    root.mkdir()
    monkeypatch.setattr(policy, "SYSTEM_ROOT", root)
    monkeypatch.setattr("sys.platform", "linux")
    return root


def test_deeply_nested_settings_are_moved_aside_and_defaults_used(tmp_path):
    (tmp_path / "settings.json").write_text(DEEP)
    settings = Settings.load(tmp_path)
    assert settings.get("theme") == "system"
    assert any("nested deeper" in w and "settings.json" in w for w in settings.warnings)
    aside = list(tmp_path.glob("settings.json.broken-*"))
    assert len(aside) == 1 and aside[0].read_text() == DEEP  # nothing is lost


def test_deeply_nested_value_of_a_known_key_is_refused_like_a_broken_file(tmp_path):
    (tmp_path / "settings.json").write_text('{"theme": ' + "[" * 500 + "]" * 500 + "}")
    settings = Settings.load(tmp_path)
    assert settings.get("theme") == "system"
    assert list(tmp_path.glob("settings.json.broken-*"))


def test_commands_run_with_deeply_nested_settings(tmp_path, no_machine_policy, capsys):
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(DEEP)
    assert main(["--config-dir", str(config), "policy", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["settings"]["theme"]["value"] == "system"
    assert any("nested deeper" in p for p in data["problems"])


def test_deeply_nested_policy_file_is_a_reported_problem(tmp_path, no_machine_policy, capsys):
    path = write_policy(no_machine_policy, "deep.json", DEEP)
    found = read_linux(no_machine_policy)
    assert found.locking == [] and any(str(path) in p and "nested deeper" in p
                                       for p in found.problems)
    assert main(["--config-dir", str(tmp_path / "config"), "policy"]) == 0
    assert "nested deeper" in capsys.readouterr().out


def test_a_huge_wrong_value_is_quoted_by_its_start_only(tmp_path):
    value = "x" * 200_000
    (tmp_path / "settings.json").write_text(json.dumps({"theme": value}))
    settings = Settings.load(tmp_path)
    (warning,) = [w for w in settings.warnings if "theme" in w]
    assert "settings.json" in warning and "200000 characters" in warning
    assert len(warning) < 400


def test_an_oversized_settings_file_is_moved_aside(tmp_path):
    text = json.dumps({"theme": "dark", "pad": "x" * (MAX_FILE_BYTES + 1)})
    (tmp_path / "settings.json").write_text(text)
    settings = Settings.load(tmp_path)
    assert settings.get("theme") == "system"
    assert any("larger than" in w for w in settings.warnings)
    assert all(len(w) < 400 for w in settings.warnings)
    (aside,) = tmp_path.glob("settings.json.broken-*")
    assert aside.read_text() == text


def test_an_oversized_policy_file_is_not_read(tmp_path):
    write_policy(tmp_path, "big.json", json.dumps(
        {"policies": {"theme": "dark"}, "recommended": {}, "x": "y" * MAX_FILE_BYTES}))
    found = read_linux(tmp_path, require_root_owner=False)
    assert found.locking == [] and any("too large" in p for p in found.problems)


def test_a_fifo_among_the_policies_does_not_hang_and_is_reported(tmp_path):
    folder = tmp_path / policy.LINUX_DIR
    folder.mkdir(parents=True)
    os.mkfifo(folder / "evil.json")
    write_policy(tmp_path, "good.json", json.dumps({"policies": {"theme": "dark"}}))
    code = ("import sys; from pathlib import Path; from jitl_desktop.core.policy import "
            "read_linux; p = read_linux(Path(sys.argv[1]), require_root_owner=False); "
            "print(p.problems); print([l.values for l in p.locking])")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                          text=True, timeout=30, check=True)
    problems, layers = done.stdout.splitlines()
    assert "evil.json: not used: not a regular file" in problems
    assert layers == "[{'theme': 'dark'}]"


def test_a_fifo_as_settings_file_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "settings.json")
    settings = Settings.load(tmp_path)
    assert settings.get("theme") == "system"
    assert any("not a regular file" in w for w in settings.warnings)


def test_load_settings_reports_policy_and_user_problems_together(tmp_path, no_machine_policy):
    write_policy(no_machine_policy, "deep.json", DEEP)
    (tmp_path / "settings.json").write_text(DEEP)
    settings = load_settings(tmp_path)
    assert sum("nested deeper" in w for w in settings.warnings) == 2
