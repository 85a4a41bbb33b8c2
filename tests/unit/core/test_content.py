"""Loading content: front matter, plain Markdown, transcripts, broken files."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from jitl_desktop.core.content import MAX_FILE_BYTES, iter_items, review_due, scan_root
from jitl_desktop.core.model import Item, Problem


def load(root: Path) -> tuple[dict[str, Item], list[Problem]]:
    items: dict[str, Item] = {}
    problems: list[Problem] = []
    for item, found in iter_items([root]):
        problems += found
        if item is not None:
            items[item.id] = item
    return items, problems


def test_plain_tldr_page_indexes_as_it_is(make_content):
    root = make_content({"common/tar.md": """
        # tar

        > Archiving utility.
        > Often combined with a compression method.
        > More information: <https://www.gnu.org/software/tar>.

        - E[x]tract a (compressed) archive [f]ile into the current directory:

        `tar xf {{path/to/source.tar[.gz|.bz2|.xz]}}`
        """})
    items, problems = load(root)
    item = items["common/tar"]
    assert problems == []
    assert item.title == "tar"
    assert item.summary == "Archiving utility. Often combined with a compression method."
    assert item.headings == ["Extract a (compressed) archive file into the current directory"]
    assert item.code == ["tar xf path/to/source.tar[.gz|.bz2|.xz]"]
    assert item.os is None


def test_os_folder_sets_the_items_os(make_content):
    root = make_content({"osx/say.md": "# say\n\n> Speak text.\n",
                         "windows/dir.md": "# dir\n\n> List a folder.\n"})
    items, _ = load(root)
    assert items["osx/say"].os == "macos"
    assert items["windows/dir"].os == "windows"


def test_front_matter_keys_are_read(make_content):
    root = make_content({"git/undo.md": """
        ---
        title: Undo the last commit
        summary: Take back a commit you have not pushed.
        kind: snippet
        tags: [git, undo, revert]
        apps: [terminal, {process: "code*", os: linux}]
        level: beginner
        duration: 90s
        owner: dev-training@example.com
        reviewed: 2026-10-01
        review_every: 6 months
        related: [git/other]
        ---
        # Ignored heading because the title is set

        Use `git reset --soft HEAD~1`.
        """, "git/other.md": "# Other\n"})
    items, problems = load(root)
    item = items["git/undo"]
    assert problems == []
    assert item.title == "Undo the last commit"
    assert item.kind == "snippet"
    assert item.tags == ["git", "undo", "revert"]
    assert [r.name for r in item.apps] == ["terminal", None]
    assert item.apps[1].process == "code*" and item.apps[1].os == "linux"
    assert item.duration == 90
    assert item.reviewed == dt.date(2026, 10, 1)
    assert item.related == ["git/other"]


def test_wrong_type_drops_the_key_and_says_where(make_content):
    root = make_content({"a.md": "---\ntitle: A\nlevel: expert\ntags: 5\n---\nBody\n"})
    items, problems = load(root)
    assert "a" in items and items["a"].level is None
    assert [(p.line, p.severity) for p in problems] == [(3, "error"), (4, "error")]
    assert "'level' must be one of beginner" in problems[0].message


def test_unknown_key_is_kept_and_warned(make_content):
    root = make_content({"a.md": "---\ntitle: A\naudience: sales\n---\n"})
    items, problems = load(root)
    assert items["a"].extra == {"audience": "sales"}
    assert problems[0].severity == "warning" and problems[0].line == 3


def test_broken_files_are_reported_and_skipped_while_good_files_load(make_content):
    root = make_content({
        "good.md": "# Good\n\n> Fine.\n",
        "bad-yaml.md": "---\ntitle: [unclosed\n---\n",
        "latin1.md": "# Caf\xe9\n".encode("latin-1"),
        "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
        "empty.md": "",
        "unterminated.md": "---\ntitle: x\n",
        "huge.md": "# Huge\n" + "x" * (MAX_FILE_BYTES + 1),
    })
    os.symlink(root / "loop", root / "loop")  # a symlink to itself
    (root / "sub").mkdir()
    os.symlink(root, root / "sub" / "back")  # a folder loop
    items, problems = load(root)
    assert list(items) == ["good"]
    reasons = {Path(p.path).name: p.message for p in problems}
    assert "bad YAML" in reasons["bad-yaml.md"]
    assert "invalid UTF-8" in reasons["latin1.md"]
    assert "binary" in reasons["binary.md"]
    assert "empty" in reasons["empty.md"]
    assert "never ends" in reasons["unterminated.md"]
    assert "too large" in reasons["huge.md"]
    assert "symlink loop" in reasons["back"]
    assert all(p.severity == "error" for p in problems)


def test_bad_yaml_reports_the_line_in_the_file(make_content):
    root = make_content({"a.md": "---\ntitle: ok\ntags: [a, b\nlevel: x\n---\n"})
    _, problems = load(root)
    assert len(problems) == 1 and problems[0].line >= 3


def test_root_readme_is_not_an_item(make_content):
    root = make_content({"README.md": "# About this pack\n", "x/README.md": "# Item\n"})
    files, _ = scan_root(root)
    assert [f.relpath for f in files] == ["x/README.md"]


def test_video_transcript_cues_and_chapters(make_content):
    root = make_content({
        "v/intro.md": """
            ---
            title: Intro video
            kind: video
            video: media/intro.webm
            transcript: media/intro.vtt
            chapters:
              - {at: "0:00", title: Welcome}
              - {at: "1:05", title: Archives}
            ---
            """,
        "v/media/intro.webm": b"\x1aE\xdf\xa3 not really a video",
        "v/media/intro.vtt": """
            WEBVTT

            NOTE this is a comment

            1
            00:00:00.000 --> 00:00:04.500
            Welcome to the <v Narrator>course</v>.

            00:01:05.250 --> 00:01:09.000 align:start
            Extract an archive with tar.
            """,
        "v/subs.md": "---\nkind: video\nvideo: https://example.com/v.mp4\ntranscript: s.srt\n---\n",
        "v/s.srt": ("1\n00:00:01,000 --> 00:00:02,000\nHello\n\n"
                    "2\n00:00:03,500 --> 00:00:05,000\nWorld\n"),
    })
    items, problems = load(root)
    assert problems == []
    video = items["v/intro"]
    assert [(c.start, c.text) for c in video.cues] == [
        (0.0, "Welcome to the course."), (65.25, "Extract an archive with tar.")]
    assert [(c.at, c.title) for c in video.chapters] == [(0.0, "Welcome"), (65.0, "Archives")]
    assert [c.start for c in items["v/subs"].cues] == [1.0, 3.5]


def test_missing_transcript_and_video_are_errors(make_content):
    root = make_content({"v.md": "---\nkind: video\nvideo: gone.webm\ntranscript: gone.vtt\n---\n"})
    items, problems = load(root)
    assert "v" in items
    assert sorted(p.message.split(":")[0] for p in problems) == [
        "transcript file not found", "video file not found"]


def test_review_due_adds_calendar_periods():
    assert review_due(dt.date(2026, 8, 31), "6 months") == dt.date(2027, 2, 28)
    assert review_due(dt.date(2026, 1, 1), "90 days") == dt.date(2026, 4, 1)
    assert review_due(dt.date(2026, 1, 1), "1 year") == dt.date(2027, 1, 1)
    assert review_due(dt.date(2026, 1, 1), "soon") is None
