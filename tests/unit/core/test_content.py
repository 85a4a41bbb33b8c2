"""Loading content: front matter, plain Markdown, transcripts, broken files."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from markdown_it import MarkdownIt

from jitl_desktop.core.content import (
    MAX_FILE_BYTES,
    _new_parser,
    _parser_for,
    iter_items,
    parse_markdown,
    review_due,
    scan_root,
)
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


def test_lang_is_a_language_tag_and_a_wrong_one_is_reported_where(make_content):
    root = make_content({"a.md": "---\ntitle: A\nlang: de_DE\n---\n",
                         "b.md": "---\ntitle: B\n\nlang: Deutsch\n---\n"})
    items, problems = load(root)
    assert items["a"].lang == "de-DE" and items["b"].lang == "en"  # the default
    assert [(Path(p.path).name, p.line) for p in problems] == [("b.md", 4)]
    assert "'lang' must be a language tag" in problems[0].message


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


def test_setext_heading_is_the_title(make_content):
    root = make_content({"a.md": "Title\n=====\n\nWhat this is about.\n"})
    items, _ = load(root)
    assert items["a"].title == "Title"
    assert items["a"].summary == "What this is about."


def test_indented_hash_line_is_code_not_the_title(make_content):
    root = make_content({"notes.md": "Run this:\n\n    # x\n    make\n"})
    items, _ = load(root)
    assert items["notes"].title == "notes"
    assert items["notes"].summary == "Run this:"
    assert items["notes"].code == ["# x\nmake"]


def test_html_comment_is_not_the_summary(make_content):
    root = make_content({"a.md": "<!-- owner: finance -->\n\n# A\n\nThe real summary.\n"})
    items, _ = load(root)
    assert items["a"].title == "A"
    assert items["a"].summary == "The real summary."
    assert "owner" not in items["a"].body


FIXTURES = Path(__file__).parents[2] / "fixtures" / "markdown"
#: file → (title, summary) of the real-world Markdown shapes in tests/fixtures/markdown
EXPECTED = {
    "mkdocs-admonition": (
        "Rotate the API keys",
        "Keys are rotated every 90 days, or at once when one may have leaked."),
    "docusaurus-front-matter": (
        "Share a calendar",
        "Share your calendar so colleagues see when you are free, not what you do."),
    "docusaurus-note-first": (
        "Set an out-of-office reply",
        "Tell people who write to you that you are away, and who to ask instead."),
    "gfm-table": (
        "Ticket tool shortcuts",
        "The shortcuts work in every ticket view, except while a text field has focus."),
    "task-list": ("First-week checklist",
                  "Tick each item as you go; your manager sees the list too."),
    "html-comment-first": ("Release notes", "What changed in version 4.2 of the expenses app."),
    "setext-heading": ("Reset your password",
                       "Use the self-service portal; the service desk cannot see your password."),
    "indented-code": ("indented-code",
                      "Build the documentation site locally before you open a pull request."),
    "heading-in-fence": ("List hidden files",
                         "Show every file, including those whose names start with a dot."),
    "html-block-and-badges": ("Team handbook", "How we plan, review and ship work."),
    "docs/tldr-style": ("tar", "Archiving utility. Often combined with a compression method, "
                               "such as gzip."),
}


def test_real_world_markdown_gets_the_right_title_and_summary():
    items, problems = load(FIXTURES)
    assert {i: (item.title, item.summary) for i, item in items.items()} == EXPECTED
    assert [p.severity for p in problems] == ["warning", "warning"]  # Docusaurus's own keys


def test_real_world_markdown_keeps_asides_code_and_headings_searchable():
    items, _ = load(FIXTURES)
    admonition = items["mkdocs-admonition"]
    assert "Tell the on-call engineer first" in admonition.body
    assert "The audit asks for it." in admonition.body
    assert admonition.headings == ["Steps"]
    assert "Right-click the calendar" in items["docusaurus-front-matter"].body
    assert "Close with a note Ctrl+Enter" in items["gfm-table"].body
    assert items["html-comment-first"].headings == ["Fixed"]
    assert "Maintained by" not in items["html-comment-first"].body
    fenced = items["heading-in-fence"]
    assert fenced.code == ["# Not a heading: a shell comment\nls -la"]
    assert fenced.headings == []
    assert "Handbook" not in items["html-block-and-badges"].summary


def test_review_due_handles_leap_days_weeks_and_day_counts():
    assert review_due(dt.date(2024, 2, 29), "1 year") == dt.date(2025, 2, 28)
    assert review_due(dt.date(2026, 1, 1), "2 weeks") == dt.date(2026, 1, 15)
    assert review_due(dt.date(2026, 1, 1), 30) == dt.date(2026, 1, 31)


def test_a_paragraph_inside_a_list_item_is_not_the_summary():
    parts = parse_markdown("# T\n\n1. Step one:\n\n   Indented text of the step.\n\n"
                           "What this page is about.\n")
    assert parts.summary == "What this page is about."
    assert "Indented text of the step." in parts.text


def test_link_reference_definitions_are_neither_summary_nor_text():
    parts = parse_markdown("[docs]: https://example.com/docs\n\nThe real summary.\n")
    assert parts.summary == "The real summary."
    assert "example.com" not in parts.text


def test_block_quotes_and_tables_are_read_by_their_markdown_structure():
    parts = parse_markdown("> First line\ncontinues the quote.\n>\n> - a listed point\n\n"
                           "| Key | Does |\n| --- | --- |\n| `a \\| b` | either |\n")
    assert parts.summary == "First line continues the quote. a listed point"
    assert parts.text.splitlines()[-2:] == ["Key Does", "a | b either"]


TRICKY_BODIES = [
    "-     indented code in an item\n",
    ">     code in a quote\n",
    "- item\n\n      code after a blank line\n",
    "\tcode after a tab\n",
    "Title\n=\n\n* * *\n\n1) one\n2) two\n",
    "| a |\n| - |\n| b |\n",
    "[x]:\n  https://example.com\n",
    "<!--\ncomment\n-->\n<div>\ntext\n</div>\n",
    "!!! note\n    body\n\n??? tip \"Title\"\n    more\n",
    ":::tip\n- a\n:::\n",
    "~~~\nfenced\n~~~\n```\nfenced\n```\n",
]


def test_leaving_out_rules_whose_markers_are_absent_keeps_every_token():
    full = _new_parser()
    bodies = [*TRICKY_BODIES, *(p.read_text(encoding="utf-8") for p in FIXTURES.rglob("*.md"))]
    for body in bodies:
        def tokens(parser: MarkdownIt, text: str = body) -> list[tuple[object, ...]]:
            return [(t.type, t.tag, t.content, t.map, t.info, t.markup)
                    for t in parser.parse(text)]
        assert tokens(_parser_for(body)) == tokens(full), body


def test_only_a_task_box_at_the_start_of_an_item_is_dropped():
    parts = parse_markdown("- [x] Read [the guide](g.md), then tick [x] here\n")
    assert parts.text == "Read the guide, then tick [x] here"
