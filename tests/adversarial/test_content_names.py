"""File names that are not text, or that could fake lines of lint output."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from jitl_desktop.cli import main

LINT_LINE = re.compile(r"^.+:\d+: (error|warning): .+$")


def write_bytes_name(root: Path, name: bytes, text: str) -> None:
    with open(os.fsencode(root) + b"/" + name, "w", encoding="utf-8") as fh:
        fh.write(text)


def test_a_file_name_that_is_not_utf8_is_skipped_and_the_rest_is_searchable(
        capsys, make_content):
    root = make_content({"common/tar.md": "# tar\n\n> Archiving utility.\n"})
    write_bytes_name(root / "common", b"bad\xffname.md", "# tarball\n\n> Not text.\n")
    assert main(["search", "--content", str(root), "--json", "tar"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert [r["id"] for r in results] == ["common/tar"]
    assert main(["index", "--content", str(root), "--rebuild"]) == 0
    _, err = capsys.readouterr()
    assert "bad\\xffname.md:0: error: the name is not valid UTF-8" in err


def test_lint_shows_a_non_utf8_name_escaped(capsys, make_content):
    root = make_content({"good.md": "# Good\n"})
    write_bytes_name(root, b"bad\xffname.md", "# Bad\n")
    assert main(["lint", str(root)]) == 1
    out = capsys.readouterr().out
    assert f"{root}/bad\\xffname.md:0: error:" in out
    out.encode("utf-8")  # printable as it is


def test_a_newline_in_a_file_name_cannot_fake_a_lint_line(capsys, make_content):
    root = make_content({})
    fake = "x.md:1: error: fake\n"
    (root / f"{fake}y.md").write_text("---\nlevel: expert\n---\n# Y\n", encoding="utf-8")
    assert main(["lint", str(root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    problems = lines
    assert len(problems) == 1 and all(LINT_LINE.match(line) for line in problems)
    assert "fake\\ny.md:2: error: 'level' must be one of" in problems[0]


def test_a_newline_in_a_front_matter_value_cannot_fake_a_lint_line(capsys, make_content):
    root = make_content({"a.md": '---\ntranscript: "gone.vtt\\nb.md:9: error: fake"\n---\n'})
    main(["lint", str(root)])
    problems = capsys.readouterr().out.splitlines()
    assert len(problems) == 1 and "gone.vtt\\nb.md:9" in problems[0]
