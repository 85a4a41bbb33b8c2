"""Every file content refers to, or a scan follows, stays inside the content folder;
every file read has a size limit."""

from __future__ import annotations

import json
import os
from pathlib import Path

from jitl_desktop.cli import main
from jitl_desktop.core.content import iter_items
from jitl_desktop.core.model import Item, Problem
from jitl_desktop.core.transcripts import MAX_TRANSCRIPT_BYTES

SECRET = "root:$6$not-a-real-hash:19000:0:99999:7:::"


def load(root: Path) -> tuple[dict[str, Item], list[Problem]]:
    items: dict[str, Item] = {}
    problems: list[Problem] = []
    for item, found in iter_items([root]):
        problems += found
        if item is not None:
            items[item.id] = item
    return items, problems


def secret_file(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "shadow.vtt"
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    return secret


def test_a_transcript_outside_the_content_folder_is_not_read(capsys, make_content, tmp_path):
    secret = secret_file(tmp_path)
    root = make_content({
        "absolute.md": f"---\nkind: video\nvideo: https://example.com/v.mp4\n"
                       f"transcript: {secret}\n---\n",
        "relative.md": "---\nkind: video\nvideo: https://example.com/v.mp4\n"
                       "transcript: ../outside/shadow.vtt\n---\n",
    })
    main(["lint", str(root)])
    out = capsys.readouterr().out
    assert "root:" not in out and "not-a-real-hash" not in out
    assert out.count("transcript is outside the content folder") == 2
    items, _ = load(root)
    assert items["absolute"].cues == [] and items["absolute"].transcript is None


def test_a_transcript_symlinked_to_outside_is_not_read(make_content, tmp_path):
    secret = secret_file(tmp_path)
    root = make_content({"v.md": "---\nkind: video\nvideo: https://example.com/v.mp4\n"
                                 "transcript: t.vtt\n---\n"})
    os.symlink(secret, root / "t.vtt")
    items, problems = load(root)
    assert items["v"].cues == []
    assert any("outside the content folder" in p.message for p in problems)


def test_a_video_file_outside_the_content_folder_is_dropped(make_content, tmp_path):
    secret = secret_file(tmp_path)
    root = make_content({"v.md": f"---\nkind: video\nvideo: {secret}\n---\n"})
    items, problems = load(root)
    assert items["v"].video is None
    assert any("video file is outside the content folder" in p.message for p in problems)


def test_a_symlinked_markdown_file_pointing_outside_is_not_indexed(capsys, make_content,
                                                                    tmp_path):
    secret = secret_file(tmp_path)
    root = make_content({"good.md": "# Good\n\n> Fine.\n"})
    os.symlink(secret, root / "shadow.md")
    (tmp_path / "outside" / "docs").mkdir()
    (tmp_path / "outside" / "docs" / "leak.md").write_text(f"# Leak\n\n{SECRET}\n")
    os.symlink(tmp_path / "outside" / "docs", root / "linked")
    assert main(["search", "--content", str(root), "--json", "root"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert all(r["id"] == "good" for r in results)
    items, problems = load(root)
    assert list(items) == ["good"]
    assert sorted(Path(p.path).name for p in problems
                  if "outside the content folder" in p.message) == ["linked", "shadow.md"]


def test_a_symlink_inside_the_content_folder_still_works(make_content):
    root = make_content({"real/page.md": "# Page\n", "media/t.vtt": "WEBVTT\n\n"
                         "00:00.000 --> 00:01.000\nHello\n",
                         "v/intro.md": "---\nkind: video\nvideo: https://example.com/v.mp4\n"
                                       "transcript: t.vtt\n---\n"})
    os.symlink(root / "real" / "page.md", root / "alias.md")
    os.symlink(root / "media" / "t.vtt", root / "v" / "t.vtt")
    items, problems = load(root)
    assert set(items) == {"real/page", "alias", "v/intro"}
    assert [c.text for c in items["v/intro"].cues] == ["Hello"]
    assert problems == []


def test_an_oversized_transcript_is_skipped_and_reported(make_content):
    root = make_content({"v.md": "---\nkind: video\nvideo: https://example.com/v.mp4\n"
                                 "transcript: big.vtt\n---\n"})
    with open(root / "big.vtt", "wb") as fh:
        fh.write(b"WEBVTT\n\n")
        fh.truncate(MAX_TRANSCRIPT_BYTES + 1)  # sparse: costs no disk
    items, problems = load(root)
    assert "v" in items and items["v"].cues == []
    assert [p.message for p in problems] == [
        f"file too large ({MAX_TRANSCRIPT_BYTES + 1:,} bytes; the limit is "
        f"{MAX_TRANSCRIPT_BYTES:,}); skipped"]


def test_an_oversized_glossary_is_reported_not_read(make_content):
    from jitl_desktop.core.glossary import MAX_GLOSSARY_BYTES, read_groups
    root = make_content({"glossary.yaml": "synonyms:\n  - [a, b]\n"})
    with open(root / "glossary.yaml", "ab") as fh:
        fh.truncate(MAX_GLOSSARY_BYTES + 1)
    groups, problems = read_groups(root / "glossary.yaml")
    assert groups == [] and "too large" in problems[0].message
