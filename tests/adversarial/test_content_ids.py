"""Item ids are unique in an index: a later file with a taken id gets a derived one."""

from __future__ import annotations

import json

from jitl_desktop.cli import main
from jitl_desktop.core.index import ContentIndex


def search_ids(capsys, root, query: str) -> list[str]:
    assert main(["search", "--content", str(root), "--json", query]) == 0
    return [r["id"] for r in json.loads(capsys.readouterr().out)["results"]]


def test_a_duplicate_id_gets_a_derived_id_in_the_index(capsys, make_content):
    root = make_content({
        "a.md": "---\nid: shared\n---\n# Archive guide\n\nExtract archives.\n",
        "b.md": "---\nid: shared\n---\n# Archive tips\n\nExtract archives faster.\n",
        "c.md": "---\nid: shared\n---\n# Archive tricks\n\nExtract archives anywhere.\n",
    })
    ids = search_ids(capsys, root, "extract archives")
    assert sorted(ids) == ["shared", "shared-2", "shared-3"]
    assert main(["lint", str(root)]) == 1
    out = capsys.readouterr().out
    assert f"{root / 'b.md'}:2: error: duplicate id 'shared' (also {root / 'a.md'}); " \
           "this file is indexed as 'shared-2'" in out


def test_a_file_added_later_with_a_taken_id_does_not_replace_the_first(
        capsys, make_content, data_dir):
    root = make_content({"a.md": "---\nid: shared\n---\n# First\n\nExtract archives.\n"})
    index = ContentIndex(data_dir / "index")
    index.update([root])
    (root / "b.md").write_text("---\nid: shared\n---\n# Second\n\nExtract archives too.\n")
    report = index.update([root])
    assert any("indexed as 'shared-2'" in p.message for p in report.problems)
    ids = search_ids(capsys, root, "extract archives")
    assert sorted(ids) == ["shared", "shared-2"]
    # touching the first file again keeps its id
    (root / "a.md").write_text("---\nid: shared\n---\n# First, edited\n\nExtract archives.\n")
    index.update([root])
    assert sorted(search_ids(capsys, root, "extract archives")) == ["shared", "shared-2"]
