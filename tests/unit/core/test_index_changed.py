"""An update told which files changed (what the app's watcher saw) looks at those alone,
and anything it cannot tell from them makes it look at every file."""

from __future__ import annotations

import os

import pytest

from jitl_desktop.core.content import FOLDER_FILE
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine


def ids(engine: SearchEngine, text: str) -> list[str]:
    engine.reload()
    return [r.id for r in engine.search(text, typing=False).results]


@pytest.fixture
def built(tmp_path, root):
    ci = ContentIndex(tmp_path / "ix")
    ci.update([root])  # a first, full look (what the app does at start)
    return ci


def test_a_saved_a_new_and_a_deleted_file_are_all_that_is_read(built, root, engines):
    engine = engines(built, [root])
    (root / "git/undo.md").write_text("# Undo a commit\n\n> Revert a pushed change.\n")
    (root / "mail/signature.md").unlink()
    (root / "files/backup.md").write_text("# Back up your laptop\n\n> Copies elsewhere.\n")
    # changed on disk too, but not reported: not looked at
    (root / "files/archive.md").write_text("# Extract an archive\n\n> Unpack rar files.\n")
    report = built.update([root], changed=[str(root / "git/undo.md"),
                                           str(root / "mail/signature.md"),
                                           str(root / "files/backup.md")])
    assert (report.added, report.changed, report.removed, report.unchanged) == (1, 1, 1, 1)
    assert ids(engine, "revert pushed") == ["git/undo"]
    assert ids(engine, "signature") == []
    assert ids(engine, "laptop") == ["files/backup"]
    assert ids(engine, "rar") == []
    full = built.update([root])  # every file looked at: the unreported one is found
    assert (full.changed, full.unchanged) == (1, 2)
    assert ids(engine, "rar") == ["files/archive"]


def test_what_the_changed_files_cannot_tell_makes_it_look_at_every_file(
        built, root, engines):
    engine = engines(built, [root])
    folder = root / "new" / "deeper"
    folder.mkdir(parents=True)
    (folder / "page.md").write_text("# Quetzal\n\n> A page in a new folder.\n")
    # the watcher reports the folder, not the files written into it before it was watched
    report = built.update([root], changed=[str(root / "new")])
    assert report.added == 1
    assert ids(engine, "quetzal") == ["new/deeper/page"]
    (root / "files/archive.md").write_text("# Extract an archive\n\n> Unpack rar files.\n")
    built.update([root], changed=["/somewhere/else/x.md"])  # outside the roots
    assert ids(engine, "rar") == ["files/archive"]


def test_a_folder_language_change_is_read_for_every_file_under_it(built, root, engines):
    engine = engines(built, [root])
    (root / "git" / FOLDER_FILE).write_text("lang: de\n")
    report = built.update([root], changed=[str(root / "git" / FOLDER_FILE)])
    assert report.changed == 1
    engine.reload()
    hit = engine.search("undo commit", typing=False).results[0]
    assert (hit.id, hit.lang) == ("git/undo", "de")
    # a file added later under that folder gets its language without a full look
    (root / "git/revert.md").write_text("# Revert\n\n> Take back a change.\n")
    built.update([root], changed=[str(root / "git/revert.md")])
    engine.reload()
    found = {h.id: h.lang for h in engine.search("revert change", typing=False).results}
    assert found.get("git/revert") == "de"


def test_a_file_saved_by_moving_a_temporary_file_over_it(built, root, engines):
    """Editors write beside the file, then move: the watcher reports both names; the
    temporary one is gone by the time the update looks."""
    engine = engines(built, [root])
    temporary = root / "git/undo.md.tmp1234"
    temporary.write_text("# Undo a commit\n\n> Revert a pushed change.\n")
    os.replace(temporary, root / "git/undo.md")
    report = built.update([root], changed=[str(temporary), str(root / "git/undo.md")])
    assert (report.changed, report.added, report.removed) == (1, 0, 0)
    assert ids(engine, "revert pushed") == ["git/undo"]


def test_a_first_update_by_a_new_object_looks_at_every_file(tmp_path, root, engines):
    ContentIndex(tmp_path / "ix").update([root])
    (root / "files/archive.md").write_text("# Extract an archive\n\n> Unpack rar files.\n")
    fresh = ContentIndex(tmp_path / "ix")  # e.g. the app started again
    report = fresh.update([root], changed=[str(root / "git/undo.md")])
    assert report.changed == 1
    assert ids(engines(fresh, [root]), "rar") == ["files/archive"]


def test_problems_of_the_last_full_look_are_still_said(tmp_path, make_content):
    root = make_content({
        "topics.yaml": "lang: [not, a, tag]\n",
        "broken.md": "---\ntitle: [unclosed\n---\nBody\n",
        "fine.md": "# Fine\n\n> A good page.\n",
    })
    ci = ContentIndex(tmp_path / "ix")
    first = sorted(str(p) for p in ci.update([root]).problems)
    assert any("topics.yaml" in p for p in first) and any("broken.md" in p for p in first)
    (root / "fine.md").write_text("# Fine\n\n> A better page.\n")
    again = ci.update([root], changed=[str(root / "fine.md")])
    assert again.changed == 1
    assert sorted(str(p) for p in again.problems) == first


def test_an_update_by_another_process_is_not_undone(tmp_path, root, engines):
    """Each object keeps the manifest it last read; another one's update (the command
    line while the app runs) changes the file, and that is what the next update reads."""
    app_index = ContentIndex(tmp_path / "ix")
    app_index.update([root])
    (root / "files/backup.md").write_text("# Back up your laptop\n\n> Copies elsewhere.\n")
    ContentIndex(tmp_path / "ix").update([root])
    (root / "git/undo.md").write_text("# Undo a commit\n\n> Revert a pushed change.\n")
    app_index.update([root], changed=[str(root / "git/undo.md")])
    after = app_index.update([root])
    assert (after.added, after.changed, after.removed, after.unchanged) == (0, 0, 0, 4)
    engine = engines(app_index, [root])
    assert ids(engine, "laptop") == ["files/backup"]
    assert ids(engine, "revert pushed") == ["git/undo"]


def test_a_folder_whose_entries_changed_is_listed_not_searched_through(
        built, root, engines):
    """The watcher also reports the folder a file was added to, moved into or removed
    from: its own files are looked at, not its subfolders nor the rest of the root."""
    engine = engines(built, [root])
    (root / "files/images").mkdir()  # a folder of no items: no reason to look at all
    (root / "files/images/shot.png").write_bytes(b"\x89PNG")
    (root / "files/backup.md").write_text("# Back up your laptop\n\n> Copies elsewhere.\n")
    (root / "git/undo.md").write_text("# Undo a commit\n\n> Zanzibarite.\n")
    report = built.update([root], changed=[str(root / "files")])
    assert (report.added, report.changed, report.unchanged) == (1, 0, 3)
    assert ids(engine, "laptop") == ["files/backup"]
    assert ids(engine, "zanzibarite") == []  # elsewhere, and not reported


TALK = ("---\ntitle: A talk\nkind: video\nvideo: https://example.com/v.webm\n"
        "transcript: media/talk.vtt\n---\n")


def vtt(text: str) -> str:
    return f"WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n{text}\n"


@pytest.mark.parametrize("told", [True, False], ids=["told the transcript", "every file"])
def test_an_edited_transcript_reads_its_video_again(tmp_path, make_content, engines, told):
    """A video's words are its transcript's: an author who corrects the transcript and
    not the page must find the new words (the page's own bytes did not change)."""
    root = make_content({"talk.md": TALK, "media/talk.vtt": vtt("Hello everyone.")})
    ci = ContentIndex(tmp_path / "ix")
    ci.update([root])
    engine = engines(ci, [root])
    (root / "media/talk.vtt").write_text(vtt("Zanzibarite explained."))
    report = ci.update([root], changed=[str(root / "media/talk.vtt")] if told else None)
    assert report.changed == 1
    assert ids(engine, "zanzibarite") == ["talk"]
    assert ci.update([root], changed=[str(root / "media/talk.vtt")] if told else None
                     ).changed == 0  # read once


def test_a_transcript_written_after_its_page_is_read(tmp_path, make_content, engines):
    root = make_content({"talk.md": TALK})
    ci = ContentIndex(tmp_path / "ix")
    first = ci.update([root])
    assert any("transcript file not found" in str(p) for p in first.problems)
    (root / "media").mkdir()
    (root / "media/talk.vtt").write_text(vtt("Quetzalcoatlus at the start."))
    report = ci.update([root], changed=[str(root / "media"), str(root / "media/talk.vtt")])
    assert report.changed == 1 and not report.problems
    assert ids(engines(ci, [root]), "quetzalcoatlus") == ["talk"]
