"""Hostile input to ``search``: bytes that are not UTF-8 spoil their own line only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jitl_desktop.cli import main

PAGES = {
    "common/tar.md": "# tar\n\n> Archiving utility.\n",
    "common/unzip.md": "# unzip\n\n> Extract files from Zip archives.\n",
}
BATCH = b"tar\nbad \xff line\nunzip\n"


def check_batch_output(out: str) -> None:
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 3
    assert lines[0]["query"] == "tar" and lines[0]["results"][0]["id"] == "common/tar"
    assert lines[1]["query"] is None and lines[1]["line"] == 2
    assert "line 2: not valid UTF-8 (byte 0xff at position 5)" in lines[1]["error"]
    assert lines[2]["query"] == "unzip" and lines[2]["results"][0]["id"] == "common/unzip"


def test_a_batch_file_line_that_is_not_utf8_gets_an_error_object(capsys, make_content,
                                                                  tmp_path):
    root = make_content(PAGES)
    batch = tmp_path / "queries.txt"
    batch.write_bytes(BATCH)
    code = main(["search", "--content", str(root), "--json", "--batch", str(batch)])
    out, err = capsys.readouterr()
    assert code == 0
    check_batch_output(out)
    assert f"{batch}, line 2: not valid UTF-8" in err


def test_a_stdin_line_that_is_not_utf8_gets_an_error_object(make_content, tmp_path: Path):
    root = make_content(PAGES)
    for lang in ("C", "C.UTF-8"):
        env = {**os.environ, "LANG": lang, "LC_ALL": lang, "PYTHONIOENCODING": ""}
        done = subprocess.run(
            [sys.executable, "-m", "jitl_desktop", "--data-dir", str(tmp_path / "d"),
             "search", "--content", str(root), "--json", "--batch", "-"],
            input=BATCH, capture_output=True, env=env, timeout=60, check=False)
        assert done.returncode == 0, done.stderr.decode()
        check_batch_output(done.stdout.decode("utf-8"))
        assert b"standard input, line 2: not valid UTF-8" in done.stderr


def test_a_query_argument_that_is_not_utf8_is_refused_clearly(make_content, tmp_path):
    root = make_content(PAGES)
    done = subprocess.run(
        [sys.executable, "-m", "jitl_desktop", "--data-dir", str(tmp_path / "d"),
         "search", "--content", str(root), "--json", b"bad\xffquery"],
        capture_output=True, timeout=60, check=False)
    assert done.returncode == 2
    assert b"the query is not valid UTF-8" in done.stderr and b"Traceback" not in done.stderr


@pytest.mark.parametrize("limit", ["-1", "0", "two"])
def test_a_limit_below_one_is_refused_not_taken_as_a_slice(limit, tmp_path):
    done = subprocess.run([sys.executable, "-m", "jitl_desktop", "--data-dir",
                           str(tmp_path / "data"), "search", "--content", str(tmp_path),
                           "--limit", limit, "tar"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert f"expected a whole number of at least 1, got '{limit}'" in done.stderr
