"""Items' vectors in context are made after the index is built: the index answers at
once (with the static meaning), search reads meaning in context once every item has its
vector, a rebuild reuses the vectors already made, and a damaged file of vectors costs
time, never an answer."""

from __future__ import annotations

import json

import numpy as np
import pytest

from jitl_desktop.cli import main
from jitl_desktop.core import context, incontext
from jitl_desktop.core.incontext import Coverage, PassageStore, VectorStore
from jitl_desktop.core.index import ContentIndex
from tests.unit.core.test_context import GUIDES, titles

QUESTION = "a window disappeared off the screen"  # first in context only (test_context)
ANSWER = "Find a lost window"


@pytest.fixture
def counted(monkeypatch):
    """How many texts the context model has read (the real model, counted)."""
    model = context.model()
    assert model is not None
    read: list[str] = []
    real = model.vectors

    def vectors(texts):
        read.extend(texts)
        return real(texts)

    monkeypatch.setattr(model, "vectors", vectors)
    return read


def test_a_big_build_answers_at_once_and_reads_its_items_in_context_after(
        tmp_path, make_content, engines):
    root = make_content(GUIDES)
    index = ContentIndex(tmp_path / "ix")
    report = index.update([root], in_context=3)  # 7 items: more than read at once
    assert report.context_waiting == len(GUIDES)
    assert index.context_coverage() == Coverage(have=0, missing=len(GUIDES))
    engine = engines(index, [root])
    assert titles(engine, "Cancel or pause a print job")[0] == "Cancel or pause a print job"
    assert titles(engine, QUESTION)[0] != ANSWER  # the static meaning alone, meanwhile

    answers_in_context_once_read(index, engine, len(GUIDES))
    assert index.context_coverage() == Coverage(have=len(GUIDES), missing=0)


def answers_in_context_once_read(index: ContentIndex, engine, waiting: int) -> None:
    """The ``waiting`` items are read in context, and search then reads QUESTION so."""
    assert index.read_in_context() == (waiting, 0)
    engine.reload()
    assert titles(engine, QUESTION)[0] == ANSWER


def test_a_small_update_reads_its_items_in_context_at_once(tmp_path, make_content,
                                                           counted):
    root = make_content(GUIDES)
    index = ContentIndex(tmp_path / "ix")
    assert index.update([root]).context_waiting == 0
    assert index.context_coverage() == Coverage(have=len(GUIDES), missing=0)
    assert len(counted) == len(set(counted))  # the items, then their passages, once each
    first = len(counted)
    (root / "windows/gone.md").write_text(
        "---\ntitle: Find a window you cannot see\n---\nPress Super and look.\n")
    assert index.update([root]).context_waiting == 0
    assert counted[first:] == ["Find a window you cannot see. Press Super and look.",
                               "Press Super and look."]  # the item, then its passage
    assert index.context_coverage() == Coverage(have=len(GUIDES) + 1, missing=0)


def test_a_rebuild_reads_only_new_and_changed_texts_again(tmp_path, make_content, counted):
    root = make_content(GUIDES)
    index = ContentIndex(tmp_path / "ix")
    index.update([root])
    read_before = len(counted)
    (root / "files/trash.md").write_text("---\ntitle: Empty the trash\n---\nRight-click.\n")
    report = index.update([root], rebuild=True, in_context=0)
    assert report.rebuilt and report.context_waiting == 1
    assert index.read_in_context() == (1, 0)
    assert counted[read_before:] == ["Empty the trash. Right-click."]


def test_reading_in_context_stops_when_asked_and_search_waits_for_all(
        tmp_path, make_content, engines, monkeypatch):
    monkeypatch.setattr(incontext, "SLICE", 2)
    root = make_content(GUIDES)
    index = ContentIndex(tmp_path / "ix")
    index.update([root], in_context=0)
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 1  # after the first slice

    assert index.read_in_context(stop=stop) == (2, len(GUIDES) - 2)
    assert index.context_coverage() == Coverage(have=2, missing=len(GUIDES) - 2)
    engine = engines(index, [root])
    assert titles(engine, QUESTION)[0] != ANSWER  # every item in context, or none
    answers_in_context_once_read(index, engine, len(GUIDES) - 2)


def test_a_damaged_file_of_vectors_is_made_again_and_search_answers(tmp_path, make_content,
                                                                    engines):
    root = make_content(GUIDES)
    index = ContentIndex(tmp_path / "ix")
    index.update([root])
    index.context_vectors.path.write_bytes(b"\x00garbage" * 100)
    engine = engines(index, [root])
    assert titles(engine, "Cancel or pause a print job")[0] == "Cancel or pause a print job"
    assert index.context_coverage().missing == len(GUIDES)
    answers_in_context_once_read(index, engine, len(GUIDES))


def vectors(count: int, seed: int = 0) -> np.ndarray:
    found = np.random.default_rng(seed).normal(size=(count, context.SIZE)).astype(np.float32)
    return found / np.linalg.norm(found, axis=1, keepdims=True)


#: the items' vectors, and their passages' (read a record at a time, never whole)
STORES = pytest.mark.parametrize("kind", [VectorStore, PassageStore])


@STORES
def test_a_record_cut_short_by_a_crash_is_dropped(tmp_path, kind):
    store = kind(tmp_path / incontext.FILE_NAME)
    store.add([incontext.key(t) for t in "abc"], vectors(3))
    with store.path.open("ab") as f:
        f.write(b"\x01" * 100)  # half a record
    keys, found = store.read()
    assert len(keys) == 3 and found.shape == (3, context.SIZE)
    store.add([incontext.key("d")], vectors(1, seed=1))
    assert store.path.stat().st_size == incontext.HEADER + 4 * incontext.RECORD
    assert store.missing(["a", "b", "c", "d", "e"]) == ["e"]


@STORES
def test_a_vector_not_of_unit_length_is_made_again(tmp_path, kind):
    store = kind(tmp_path / incontext.FILE_NAME)
    bad = vectors(2)
    bad[1] *= 0.5
    store.add([incontext.key("good"), incontext.key("bad")], bad)
    assert store.missing(["good", "bad"]) == ["bad"]
    found, have = store.lookup(np.array([incontext.key("bad"), 0, incontext.key("good")],
                                        dtype=np.uint64))
    assert have.tolist() == [False, False, True]
    assert not found[0].any() and abs(float(np.linalg.norm(found[2])) - 1) < 1e-2


@STORES
def test_vectors_of_another_model_are_not_read(tmp_path, monkeypatch, kind):
    store = kind(tmp_path / incontext.FILE_NAME)
    store.add([incontext.key("a")], vectors(1))
    monkeypatch.setattr(context, "TEXT", "another text")
    assert store.missing(["a"]) == ["a"]
    store.add([incontext.key("a")], vectors(1))  # started again, for this model
    assert store.path.stat().st_size == incontext.HEADER + incontext.RECORD
    assert store.missing(["a"]) == []


@STORES
def test_vectors_of_texts_no_longer_indexed_go_when_they_are_many(tmp_path, monkeypatch,
                                                                  kind):
    monkeypatch.setattr(incontext, "SLACK", 0)
    store = kind(tmp_path / incontext.FILE_NAME)
    texts = [f"text {n}" for n in range(6)]
    store.add([incontext.key(t) for t in texts], vectors(6))
    store.keep_only(texts[:3])  # 6 records, not more than twice 3: kept
    assert store.missing(texts) == []
    store.keep_only(texts[:2])
    assert sorted(store.missing(texts)) == texts[2:]
    assert store.path.stat().st_size == incontext.HEADER + 2 * incontext.RECORD


def test_the_passages_store_reads_what_was_appended_since_it_last_looked(tmp_path):
    """While passages are read after a build, the file grows a slice at a time and
    searches look in between: each look reads only the records appended since."""
    store = PassageStore(tmp_path / incontext.PASSAGES_FILE_NAME)
    first = vectors(3)
    store.add([incontext.key(t) for t in "abc"], first)
    assert store.missing(list("abcd")) == ["d"]
    bad = vectors(2, seed=1)
    bad[1] *= 0.5  # (not of unit length: made again)
    store.add([incontext.key("d"), incontext.key("e")], bad)
    found, have = store.lookup(np.array([incontext.key(t) for t in "abcde"],
                                        dtype=np.uint64))
    assert have.tolist() == [True, True, True, True, False]
    assert np.allclose(found[:3], first, atol=1e-2)
    assert store.missing(list("abcde")) == ["e"]


def in_context(capsys, data_dir) -> dict[str, int]:
    assert main(["--data-dir", str(data_dir), "diagnose", "--json"]) == 0
    return json.loads(capsys.readouterr()[0])["index"]["in_context"]


def test_the_index_command_reads_in_context_unless_told_not_to(capsys, make_content,
                                                               data_dir, monkeypatch):
    monkeypatch.setattr(incontext, "INLINE", 3)  # (7 items: more than read at once)
    root = make_content(GUIDES)
    assert main(["--data-dir", str(data_dir), "index", "--no-context",
                 "--content", str(root)]) == 0
    assert "read in context" not in capsys.readouterr()[0]
    assert in_context(capsys, data_dir) == {"have": 0, "missing": len(GUIDES)}
    assert main(["--data-dir", str(data_dir), "diagnose"]) == 0
    assert f"; {len(GUIDES)} items still to be read in context" in capsys.readouterr()[0]
    assert main(["--data-dir", str(data_dir), "index", "--content", str(root)]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[-1].startswith(f"read in context: {len(GUIDES)} items in ")
    assert in_context(capsys, data_dir) == {"have": len(GUIDES), "missing": 0}


def test_search_on_the_command_line_reads_what_is_missing_first(capsys, make_content,
                                                                data_dir, monkeypatch):
    monkeypatch.setattr(incontext, "INLINE", 3)
    root = make_content(GUIDES)
    assert main(["--data-dir", str(data_dir), "index", "--no-context",
                 "--content", str(root)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "search", "--json", "--content", str(root),
                 "print job"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["results"][0]["title"] == "Cancel or pause a print job"
    assert err == f"jitl-desktop: reading {len(GUIDES)} items in context (once)\n"
    assert in_context(capsys, data_dir) == {"have": len(GUIDES), "missing": 0}


def test_reading_on_several_threads_gives_each_text_its_own_vector(tmp_path, make_content):
    root = make_content(GUIDES)
    index = ContentIndex(tmp_path / "ix")
    index.update([root], in_context=0)
    assert index.read_in_context(threads=3) == (len(GUIDES), 0)
    model = context.model()
    assert model is not None
    texts = [f"{page.split('---')[1].split('title: ')[1].strip()}. "
             f"{page.split('---')[2].strip()}" for page in GUIDES.values()]
    keys = np.array([incontext.key(t) for t in texts], dtype=np.uint64)
    stored, have = index.context_vectors.lookup(keys)
    assert have.all()
    for text, row in zip(texts, stored, strict=True):
        alone = model.vector(text)
        assert alone is not None and float(row @ alone) > 0.999, text


def test_a_small_build_with_no_context_still_reads_its_few_items(capsys, make_content,
                                                                 data_dir):
    """What the app's build child runs: a few items are read at once (so the app need
    not read them again and tell search twice); only many are left."""
    root = make_content(GUIDES)
    assert main(["--data-dir", str(data_dir), "index", "--no-context",
                 "--content", str(root)]) == 0
    capsys.readouterr()
    assert in_context(capsys, data_dir) == {"have": len(GUIDES), "missing": 0}
