"""The command line contract: search --json/--batch, index, lint, errors."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jitl_desktop.cli import main
from tests.helpers import read_only_dir

PAGES = {
    "common/tar.md": "# tar\n\n> Archiving utility.\n\n- Extract an archive:\n\n`tar xf {{f}}`\n",
    "common/unzip.md": "# unzip\n\n> Extract files from Zip archives.\n",
    "v/talk.md": "---\nkind: video\ntitle: Talk\nvideo: https://example.com/t.mp4\n"
                 "transcript: talk.srt\n---\n",
    "v/talk.srt": "1\n00:00:01,000 --> 00:00:03,000\nHello there\n\n"
                  "2\n00:01:10,000 --> 00:01:12,000\nNow extract the zip archive\n",
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_follows_the_contract(capsys, make_content):
    root = make_content(PAGES)
    code, out, _ = run(capsys, "search", "--content", str(root), "--json", "extract", "tar")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"query", "took_ms", "corrected", "results"}
    assert data["query"] == "extract tar" and data["corrected"] is None
    first = data["results"][0]
    assert set(first) >= {"id", "title", "kind", "path", "score", "snippet", "at"}
    assert first["id"] == "common/tar" and first["kind"] == "guide"
    assert first["path"] == str(root / "common" / "tar.md")
    assert first["at"] is None


def test_search_reports_video_time_and_correction(capsys, make_content):
    root = make_content(PAGES)
    _, out, _ = run(capsys, "search", "--content", str(root), "--json", "extrct", "zip")
    data = json.loads(out)
    assert data["corrected"] == "extract zip"
    video = next(r for r in data["results"] if r["kind"] == "video")
    assert video["at"] == 70.0


def test_batch_answers_one_json_line_per_query(capsys, make_content, tmp_path):
    root = make_content(PAGES)
    batch = tmp_path / "queries.txt"
    batch.write_text("tar\nunzip\nqqzx-vvkj\n")
    _, out, _ = run(capsys, "search", "--content", str(root), "--json", "--batch", str(batch))
    lines = [json.loads(line) for line in out.splitlines()]
    assert [d["query"] for d in lines] == ["tar", "unzip", "qqzx-vvkj"]
    assert [d["results"][0]["id"] if d["results"] else None for d in lines] == [
        "common/tar", "common/unzip", None]


def test_limit_caps_the_results(capsys, make_content):
    root = make_content(PAGES)
    _, out, _ = run(capsys, "search", "--content", str(root), "--json", "--limit", "1", "extract")
    assert len(json.loads(out)["results"]) == 1


def test_search_sees_a_file_saved_since_the_last_run(capsys, make_content):
    root = make_content(PAGES)
    run(capsys, "search", "--content", str(root), "tar")
    (root / "common" / "zstd.md").write_text("# zstd\n\n> Zstandard compression.\n")
    _, out, _ = run(capsys, "search", "--content", str(root), "--json", "zstandard")
    assert json.loads(out)["results"][0]["id"] == "common/zstd"


def test_index_command_summarises_and_reports_broken_files(capsys, make_content):
    root = make_content({**PAGES, "bad.md": "---\ntitle: [oops\n---\n"})
    code, out, err = run(capsys, "index", "--content", str(root))
    assert code == 0
    assert "3 added" in out and "1 problems" in out
    assert f"{root / 'bad.md'}:2: error: bad YAML" in err


def test_missing_content_folder_is_a_clear_error(capsys, tmp_path):
    code, _, err = run(capsys, "search", "--content", str(tmp_path / "nope"), "x")
    assert code == 2
    assert err.strip() == f"jitl-desktop: content folder not found: {tmp_path / 'nope'}"


def test_read_only_data_dir_is_one_line_not_a_traceback(capsys, make_content, tmp_path):
    root = make_content(PAGES)
    with read_only_dir(tmp_path / "ro") as ro:
        code, _, err = run(capsys, "--data-dir", str(ro), "search", "--content", str(root),
                           "tar")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "cannot write the search index" in err


@pytest.mark.app_process
def test_full_disk_is_one_line_not_a_traceback(make_content, tmp_path):
    """A real small file system that fills up while the index is written."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    root = make_content({f"p{n}.md": f"# Page {n}\n\n> " + " ".join(
        f"word{n}x{k}" for k in range(300)) + "\n" for n in range(200)})
    mnt = tmp_path / "small"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)],
                      capture_output=True, check=False).returncode != 0:
        pytest.skip("cannot mount tmpfs here")
    try:
        proc = subprocess.run([sys.executable, "-m", "jitl_desktop", "--data-dir", str(mnt),
                               "index", "--content", str(root)],
                              capture_output=True, text=True, timeout=120, check=False)
    finally:
        subprocess.run(["umount", str(mnt)], check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]
    assert "the disk is full" in proc.stderr


def test_lint_reports_file_line_message_and_fails_on_errors(capsys, make_content):
    today = dt.date(2026, 11, 26)
    root = make_content({
        "a.md": "---\ntitle: A\nrelated: [b, nowhere]\naudience: all\n---\n",
        "b.md": "---\ntitle: B\nid: a\nreviewed: 2026-01-01\nreview_every: 3 months\n"
                "expires: 2026-06-30\n---\n",
        "v.md": "---\nkind: video\nvideo: v.webm\ntranscript: v.vtt\n---\n",
        "c.md": "---\ntitle: C\nprerequisites: [d]\napps: [exel]\n---\n",
        "d.md": "---\ntitle: D\nprerequisites: [c]\n---\n",
    })
    code, out, err = run(capsys, "lint", str(root), "--today", today.isoformat())
    assert code == 1
    lines = out.splitlines()
    expected = [
        f"{root / 'a.md'}:3: error: 'related' names 'b', which is no item id",
        f"{root / 'a.md'}:3: error: 'related' names 'nowhere', which is no item id",
        f"{root / 'a.md'}:4: warning: unknown key 'audience' (kept, but nothing uses it)",
        f"{root / 'b.md'}:3: error: duplicate id 'a' (also {root / 'a.md'}); this file is "
        "indexed as 'a-2'",
        f"{root / 'b.md'}:4: warning: review overdue since 2026-04-01 (reviewed 2026-01-01, "
        "every 3 months)",
        f"{root / 'b.md'}:6: error: expired on 2026-06-30",
        f"{root / 'v.md'}:3: error: video file not found: v.webm",
        f"{root / 'v.md'}:4: error: transcript file not found: v.vtt",
    ]
    for line in expected:
        assert line in lines
    assert any("prerequisites form a cycle" in line for line in lines)
    assert any("app 'exel' is not in the app catalog" in line for line in lines)
    assert "errors" in err


def test_lint_passes_clean_content(capsys, make_content):
    root = make_content(PAGES)
    code, out, _ = run(capsys, "lint", str(root))
    assert (code, out) == (0, "")


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("jitl-desktop ")


def test_bundled_starter_content_passes_lint(capsys):
    content = Path(__file__).resolve().parents[3] / "content"
    if not any(content.rglob("*.md")):
        pytest.skip("no bundled content in this checkout")
    code, out, _ = run(capsys, "lint", str(content))
    assert code == 0, out
