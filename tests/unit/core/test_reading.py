"""A full build of many files reads them in a second process: the index gets the same
items and the same problems, in the same order, as when this process reads them; and a
build whose second process cannot start reads them here."""

from __future__ import annotations

import concurrent.futures

import pytest

from jitl_desktop.core import reading
from jitl_desktop.core.content import scan_root
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine

FILES = {
    **{f"tools/tool{n}.md": f"# Tool {n}\n\nHow to use tool number {n} for reports.\n"
       for n in range(12)},
    "tools/broken.md": "---\ntitle: [unclosed\n---\nBody\n",
    "tools/tool3.de.md": "---\nlang: de\ntitle: Werkzeug 3\n---\nSo benutzen Sie es.\n",
    "bad.md": b"\xff\xfe not text",
}


def reads(root, monkeypatch, threshold: int) -> list[tuple[str, str, str | None, list[str]]]:
    monkeypatch.setattr(reading, "SECOND_PROCESS_FILES", threshold)
    files = scan_root(root)[0]
    return [(src.relpath, r.digest, r.item.title if r.item else None,
             [p.message for p in r.problems]) for src, r in zip(files, reading.read_files(files),
                                                                strict=True)]


def test_a_second_process_reads_what_this_one_would(make_content, monkeypatch):
    root = make_content(FILES)
    here = reads(root, monkeypatch, threshold=10_000)
    there = reads(root, monkeypatch, threshold=2)
    assert there == here
    titles = {rel: title for rel, _, title, _ in here}
    assert titles["tools/tool3.de.md"] == "Werkzeug 3" and titles["tools/tool11.md"] == "Tool 11"
    broken = {rel: (digest, said) for rel, digest, _, said in here if said}
    assert set(broken) == {"bad.md", "tools/broken.md"}  # reported, not lost
    assert broken["tools/broken.md"][0]  # read (it has a digest), but not an item


def test_a_build_whose_second_process_cannot_start_reads_here(make_content, monkeypatch,
                                                               tmp_path):
    def refuse(*args, **kwargs):
        raise OSError("no processes left")

    monkeypatch.setattr(reading, "SECOND_PROCESS_FILES", 2)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    root = make_content(FILES)
    report = ContentIndex(tmp_path / "ix").update([root])
    assert report.added == 13  # twelve tools and the German one's original id counted once
    with SearchEngine(ContentIndex(tmp_path / "ix"), roots=[root]) as engine:
        assert [h.id for h in engine.search("tool number 7", typing=False).results][:1] == \
            ["tools/tool7"]


@pytest.mark.parametrize("threshold", [2, 10_000])
def test_the_index_is_the_same_whoever_reads(make_content, monkeypatch, tmp_path, threshold):
    monkeypatch.setattr(reading, "SECOND_PROCESS_FILES", threshold)
    root = make_content(FILES)
    report = ContentIndex(tmp_path / "ix").update([root])
    problems = sorted((p.path.rsplit("/", 1)[-1], p.line) for p in report.problems)
    assert [name for name, _ in problems] == ["bad.md", "broken.md"]
    with SearchEngine(ContentIndex(tmp_path / "ix"), roots=[root], languages=["de"]) as engine:
        assert engine.search("Werkzeug", typing=False).results[0].title == "Werkzeug 3"


def test_the_second_process_makes_the_vectors_this_one_would(make_content, monkeypatch):
    """Meaning (core/meaning.py) is made beside the reading when a second process reads:
    the same vector as the index would make here, for every item."""
    root = make_content(FILES)
    monkeypatch.setattr(reading, "SECOND_PROCESS_FILES", 2)
    files = scan_root(root)[0]
    there = [(r.item, r.meaning) for r in reading.read_files(files) if r.item is not None]
    assert len(there) == 13
    for item, vector in there:
        assert vector and vector == reading.item_vector(item), item.id
