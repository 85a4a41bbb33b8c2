"""The index lifecycle: incremental updates, rebuilds, recovery after damage."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from jitl_desktop.core import index as index_mod
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine
from jitl_desktop.errors import DataDirError
from tests.helpers import read_only_dir


def ids(engine: SearchEngine, text: str) -> list[str]:
    return [r.id for r in engine.search(text, typing=False).results]


def test_first_update_builds_and_second_is_a_noop(tmp_path, root, engines):
    ci = ContentIndex(tmp_path / "ix")
    first = ci.update([root])
    assert first.rebuilt and first.added == 3
    second = ci.update([root])
    assert not second.rebuilt and second.touched == 0 and second.unchanged == 3


def test_only_changed_files_are_touched(tmp_path, root, engines):
    ci = ContentIndex(tmp_path / "ix")
    ci.update([root])
    engine = engines(ci, [root])
    (root / "git/undo.md").write_text("# Undo a commit\n\n> Revert a pushed change.\n")
    (root / "mail/signature.md").unlink()
    (root / "files/backup.md").write_text("# Back up your laptop\n\n> Copies elsewhere.\n")
    report = ci.update([root])
    assert (report.added, report.changed, report.removed, report.unchanged) == (1, 1, 1, 1)
    engine.reload()
    assert ids(engine, "revert pushed") == ["git/undo"]
    assert ids(engine, "signature") == []
    assert ids(engine, "laptop") == ["files/backup"]


def test_touched_but_identical_file_is_not_reindexed(tmp_path, root, engines):
    ci = ContentIndex(tmp_path / "ix")
    ci.update([root])
    path = root / "git/undo.md"
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    report = ci.update([root])
    assert report.touched == 0 and report.unchanged == 3


def test_typo_correction_knows_words_of_files_added_or_touched_later(tmp_path, root, engines):
    ci = ContentIndex(tmp_path / "ix")
    ci.update([root])
    (root / "files/zstd.md").write_text("# Zstandard\n\n> Compress with zstandard.\n")
    ci.update([root])
    path = root / "git/undo.md"
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    ci.update([root])  # only a time changed: the word lists must survive
    engine = engines(ci, [root])
    response = engine.search("zstandrd", typing=False)
    assert response.corrected == "zstandard"
    assert engine.search("sigature", typing=False).corrected == "signature"


def test_several_roots_each_item_knows_its_root(tmp_path, root, make_content, engines):
    other = make_content({"git/undo.md": "# Undo a commit (team version)\n"})
    ci = ContentIndex(tmp_path / "ix")
    ci.update([root, other])
    engine = engines(ci, [root, other])
    results = engine.search("undo commit", typing=False).results
    assert sorted(r.root for r in results) == sorted([str(root), str(other)])
    only_other = engines(ci, [other])
    assert [r.root for r in only_other.search("undo", typing=False).results] == [str(other)]


def test_schema_change_rebuilds_into_a_new_folder(tmp_path, root, monkeypatch, engines):
    ci = ContentIndex(tmp_path / "ix")
    ci.update([root])
    old_gen = (tmp_path / "ix" / "CURRENT").read_text().strip()
    monkeypatch.setattr(index_mod, "SCHEMA_VERSION", index_mod.SCHEMA_VERSION + 1)
    report = ci.update([root])
    assert report.rebuilt and report.reason == "schema changed or index damaged"
    new_gen = (tmp_path / "ix" / "CURRENT").read_text().strip()
    assert new_gen != old_gen and not (tmp_path / "ix" / old_gen).exists()
    assert ids(engines(ci, [root]), "signature") == ["mail/signature"]


def test_corrupt_index_is_rebuilt(tmp_path, root, engines):
    ci = ContentIndex(tmp_path / "ix")
    ci.update([root])
    gen = tmp_path / "ix" / (tmp_path / "ix" / "CURRENT").read_text().strip()
    for f in gen.glob("*.seg"):
        f.write_bytes(b"garbage")
    for f in gen.glob("*.toc"):
        f.write_bytes(b"garbage")
    report = ci.update([root])
    assert report.rebuilt
    assert ids(engines(ci, [root]), "archive") == ["files/archive"]


def test_missing_manifest_is_rebuilt(tmp_path, root, engines):
    ci = ContentIndex(tmp_path / "ix")
    ci.update([root])
    gen = tmp_path / "ix" / (tmp_path / "ix" / "CURRENT").read_text().strip()
    (gen / "manifest.json").unlink()
    assert ci.update([root]).rebuilt


KILL_MID_UPDATE = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from jitl_desktop.core import index as m
    original = m.item_fields
    def slow(item, *rest):
        if item.id.startswith("new/"):
            print("writing", flush=True)
            time.sleep(30)
        return original(item, *rest)
    m.item_fields = slow
    m.ContentIndex(Path(sys.argv[1])).update([Path(sys.argv[2])])
""")


@pytest.mark.parametrize("phase", ["incremental", "rebuild"])
def test_index_killed_mid_update_opens_and_answers_next_time(tmp_path, root, phase, engines):
    ix_dir = tmp_path / "ix"
    ci = ContentIndex(ix_dir)
    ci.update([root])
    if phase == "rebuild":
        shutil.rmtree(ix_dir)
        ix_dir.mkdir()
    for n in range(5):
        (root / "new" / f"n{n}.md").parent.mkdir(exist_ok=True)
        (root / "new" / f"n{n}.md").write_text(f"# New page {n}\n\n> Fresh words here.\n")
    proc = subprocess.Popen([sys.executable, "-c", KILL_MID_UPDATE, str(ix_dir), str(root)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "writing"  # holds the update lock now
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    # the lock the killed process held is free, and the next update completes
    ci2 = ContentIndex(ix_dir, lock_timeout=5)
    ci2.update([root])
    engine = engines(ci2, [root])
    assert len(engine.search("fresh words", typing=False).results) == 5
    assert ids(engine, "signature") == ["mail/signature"]


def test_read_only_data_dir_gives_one_clear_error(tmp_path, root, engines):
    with read_only_dir(tmp_path / "ro") as ro, pytest.raises(
            DataDirError, match="cannot write the search index"):
        ContentIndex(ro / "index").update([root])
