"""What a user notices about search: the right item first, typos, synonyms, videos."""

from __future__ import annotations

import pytest

from jitl_desktop.core import search as search_mod
from jitl_desktop.core.apps import Catalog
from jitl_desktop.core.glossary import glossary_files
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine, Vocabulary, osa_distance
from jitl_desktop.paths import app_catalog_file
from tests.helpers import linux_engine

PAGES = {
    "common/tar.md": "# tar\n\n> Archiving utility.\n\n- Extract an archive:\n\n`tar xf {{f}}`\n",
    "common/unzip.md": "# unzip\n\n> Extract files from Zip archives.\n",
    "common/du.md": "# du\n\n> Disk usage: estimate file and directory space usage.\n",
    "common/df.md": "# df\n\n> Display an overview of the filesystem disk space usage.\n",
    "common/compress.md": "# compress\n\n> Compress files with the Unix compress command.\n",
    "common/zip.md": "# zip\n\n> Pack a folder into a zip file.\n",
    "common/gizmo.md": "# gizmo\n\n> Configure the gizmo.\n",
    "common/git-commit.md": "# git commit\n\n> Commit files to the repository.\n",
    "common/find.md": "# find\n\n> Find files or directories under a directory tree.\n",
    "linux/ip.md": "# ip\n\n> Show and manipulate routing and network devices.\n",
    "osx/ip.md": "# ip\n\n> Show network settings on macOS.\n",
    "guides/printer-win.md": "---\ntitle: Add a printer\nos: windows\n---\nSettings, Printers.\n",
    "guides/printer-linux.md": "---\ntitle: Add a printer\nos: linux\n---\nSettings, Printers.\n",
    "windows/ip.md": "# ip\n\n> Show network settings on Windows.\n",
    "common/mkdir.md": "# mkdir\n\n> Make new directories.\n",
    "calc/percent.md": """
        ---
        title: Work out a percentage change
        apps: [calculator]
        ---
        Subtract the old value from the new one, divide by the old value.
        """,
    "terminal/percent.md": """
        ---
        title: Percentage of disk used
        apps: [xterm]
        ---
        Use df to see the percentage of each disk in use.
        """,
    "videos/archive.md": """
        ---
        title: Archives in one minute
        kind: video
        video: https://example.com/a.webm
        transcript: archive.vtt
        chapters: [{at: "0:00", title: Why archives}, {at: "0:30", title: Unpacking safely}]
        ---
        """,
    "videos/archive.vtt": (
        "WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nArchives bundle many files into one.\n\n"
        "00:00:12.500 --> 00:00:18.000\nTo unpack a tarball, run tar with x and f.\n"),
}


@pytest.fixture
def engine(tmp_path, make_content):
    root = make_content(PAGES)
    (root / "glossary.yaml").write_text("synonyms:\n  - [tarball, tar archive]\n"
                                        "  - [folder, directory]\n  - [sprocket, gizmo]\n")
    ci = ContentIndex(tmp_path / "ix")
    ci.update([root], glossary_files=glossary_files([root]))
    eng = SearchEngine(ci, roots=[root], catalog=Catalog.load(app_catalog_file()),
                       os_name="linux")
    yield eng
    eng.close()


def top(engine: SearchEngine, text: str, **kw) -> list[str]:
    return [r.id for r in engine.search(text, typing=kw.pop("typing", False), **kw).results]


def central(pages: dict[str, str], command: str, others: int = 12) -> dict[str, str]:
    """``pages`` and ``others`` more that run ``command``: its command becomes central
    (as `git` and `zip` are, run by hundreds of tldr pages)."""
    for n in range(others):
        pages[f"common/tool{n}.md"] = (f"# tool{n}\n\n> A helper around it.\n\n"
                                       f"- Run it:\n\n`{command} && tool{n}`\n")
    return pages


def test_exact_title_comes_first(engine):
    assert top(engine, "tar")[0] == "common/tar"
    assert top(engine, "git commit")[0] == "common/git-commit"


def test_stemming_matches_other_word_forms(engine):
    # (the video "Archives in one minute" is near in meaning too, and may come first)
    assert {"common/tar", "common/unzip"} <= set(top(engine, "extracting archives")[:3])
    assert "common/compress" in top(engine, "compressing")


def test_typo_is_corrected_and_reported(engine):
    response = engine.search("compres foldr", typing=False)
    assert response.corrected == "compress folder"
    assert response.results[0].id == "common/compress"


def test_typo_correction_can_be_switched_off(engine):
    response = engine.search("compres", typing=False, fuzzy=False)
    # no word is corrected, so no word matches: at most the closest in meaning is listed
    assert response.corrected is None and response.no_good_match
    assert engine.search("compres", typing=False).corrected == "compress"


def test_correct_words_are_left_alone(engine):
    assert engine.search("disk usage", typing=False).corrected is None


def test_last_word_is_a_prefix_while_typing(engine):
    typed = engine.search("unz", typing=True)
    assert typed.results[0].id == "common/unzip" and not typed.no_good_match
    # a finished query "unz" is no word: at most the closest in meaning, said to be so
    assert engine.search("unz", typing=False).no_good_match


def test_default_glossary_connects_everyday_words(engine):
    # no page says "decompress"; the engine's glossary makes it mean extract/unzip
    found = top(engine, "decompress")
    assert found[0] == "common/unzip" and "common/tar" in found


def test_authors_extend_the_glossary_in_their_content_folder(engine):
    # "sprocket" appears in no page; the root's glossary.yaml says it means "gizmo"
    assert top(engine, "sprocket") == ["common/gizmo"]


def test_video_hit_returns_the_time_of_the_matching_cue(engine):
    result = next(r for r in engine.search("unpack tarball", typing=False).results
                  if r.kind == "video")
    assert result.at == 12.5
    assert "unpack a tarball" in result.snippet


def test_video_chapter_title_gives_its_time_when_no_cue_matches(engine):
    result = next(r for r in engine.search("safely", typing=False).results)
    assert (result.id, result.at) == ("videos/archive", 30.0)


def test_other_operating_systems_rank_below_this_one(engine):
    assert top(engine, "ip")[:1] == ["linux/ip"]
    assert set(top(engine, "ip")[1:3]) == {"osx/ip", "windows/ip"}


def test_front_matter_os_ranks_like_an_os_folder(engine):
    assert top(engine, "add a printer")[:2] == ["guides/printer-linux", "guides/printer-win"]


def test_app_boost_lifts_items_for_that_app(engine):
    plain = top(engine, "percentage")
    assert top(engine, "percentage", app="xcalc")[0] == "calc/percent"
    assert top(engine, "percentage", app="xterm")[0] == "terminal/percent"
    assert set(plain[:2]) == {"calc/percent", "terminal/percent"}


def test_app_boost_does_not_drown_a_clearly_better_answer(engine):
    assert top(engine, "unzip", app="xcalc")[0] == "common/unzip"


def test_long_pasted_query_is_cut_and_still_answers(engine):
    text = ("tar: Error is not recoverable: exiting now " * 20).strip()
    response = engine.search(text, typing=False)
    assert response.results and response.results[0].id == "common/tar"


def test_query_of_only_question_words_still_searches(engine):
    assert engine.search("how do I", typing=False).results == []


def test_edit_distance_counts_transpositions_as_one():
    assert osa_distance("form", "from", 2) == 1
    assert osa_distance("folder", "foldr", 2) == 1
    assert osa_distance("abc", "xyz", 1) == 2


def test_vocabulary_prefers_frequent_corrections_and_completions():
    vocab = Vocabulary({"folder": 10, "fodder": 1, "folders": 3, "fold": 2})
    assert vocab.correction("foldr")[0] == "folder"
    assert vocab.completions("fold") == ["folder", "folders"]


def test_block_reading_of_postings_matches_whoosh_per_posting_reading(engine):
    from jitl_desktop.core.search import _block_arrays

    engine.search("warm up", typing=False)
    scorer = engine._scorer
    assert scorer is not None
    for term in ("archiv", "extract", "disk", "file"):
        for leaf, offset in scorer.leaves:
            reader = leaf.reader()
            if ("content", term) not in reader:
                continue
            public = []
            matcher = reader.postings("content", term)
            while matcher.is_active():
                public.append((matcher.id() + offset, matcher.weight()))
                matcher.next()
            docs, weights = _block_arrays(reader.postings("content", term), offset,
                                          weights=True)
            assert list(zip(docs.tolist(), weights.tolist(), strict=True)) == public


def test_warm_up_reads_the_same_priors_as_each_search_would(tmp_path, make_content, engines):
    root = make_content({**PAGES, **{
        f"guides/backup-{n}.md": f"# backup {n}\n\n> Back up.\n\n- Pack:\n\n`tar cf {{{{f}}}}`\n"
        for n in range(3)}})
    ci = ContentIndex(tmp_path / "ix")
    ci.update([root])
    engine = engines(ci, [root])
    engine.search("warm up", typing=False)
    scorer = engine._scorer
    assert scorer is not None
    count = scorer.searcher.doc_count_all()
    lazy = [scorer.prior(doc) for doc in range(count)]
    assert any(p > 1 for p in lazy)  # the fixture has items other items point to
    engine.reload()
    engine.warm()
    assert [engine._scorer.prior(doc) for doc in range(count)] == lazy


def test_the_best_of_many_candidates_come_best_first():
    from jitl_desktop.core.search import _largest

    scores = {doc: (doc * 7919) % 1000 / 10 for doc in range(5000)}
    expected = sorted(scores.items(), key=lambda kv: -kv[1])[:50]
    found = _largest(scores, 50)
    assert [s for _, s in found] == [s for _, s in expected]
    assert all(scores[doc] == s for doc, s in found)
    assert _largest({1: 0.5, 2: 0.9}, 50) == [(2, 0.9), (1, 0.5)]


def test_warm_up_reads_the_word_lists_so_the_first_query_does_not(engine, monkeypatch):
    from jitl_desktop.core import analysis, words

    words.dictionary.cache_clear()
    analysis._lexicon.cache_clear()
    engine.reload()
    engine.warm()
    engine.prepare_queries()

    def no_reading(lang: str) -> dict[str, int]:
        raise AssertionError(f"the {lang} word list read by a query, not by the warm-up")

    monkeypatch.setattr(words, "word_counts", no_reading)
    monkeypatch.setattr(analysis, "word_counts", no_reading)
    # an unknown word is looked up in the general dictionary ("is it a word at all?")
    assert engine.search("qwzx extract", typing=True).results


def test_warm_up_gives_the_same_answers(engine):
    cold = [r.id for r in engine.search("disk space", typing=False).results]
    engine.reload()
    engine.warm()
    assert [r.id for r in engine.search("disk space", typing=False).results] == cold


def test_a_content_pack_adds_its_own_applications_to_the_catalog(make_content, tmp_path):
    from jitl_desktop.core.apps import ActiveApp, Catalog
    from jitl_desktop.paths import app_catalog_files

    root = make_content({
        "apps.yaml": "apps:\n  - id: payroll\n    name: Payroll Pro\n"
                     "    categories: [finance]\n    linux: {process: [payroll-pro]}\n",
        "payroll/close-month.md": "---\napps: [payroll]\n---\n# Close the month\n",
        "other.md": "# Something else\n",
    })
    catalog = Catalog.load(*app_catalog_files([root], tmp_path / "no-config"))
    app = catalog.identify(ActiveApp(process="payroll-pro", os="linux"))
    assert (app.app_id, app.name) == ("payroll", "Payroll Pro")
    content_index = ContentIndex(tmp_path / "ix")
    content_index.update([root])
    with SearchEngine(content_index, roots=[root], catalog=catalog) as engine:
        suggested = engine.suggest(app).results
    assert [(r.id, r.why) for r in suggested] == [("payroll/close-month", "For Payroll Pro")]


def test_what_the_user_opens_often_comes_first_among_equals_but_not_above_a_clear_answer(
        engine):
    found = engine.search("disk space usage", typing=False).results
    assert found[1].score > 0.8 * found[0].score  # two close answers
    first, second = found[0].id, found[1].id
    lifted = [r.id for r in engine.search("disk space usage", typing=False,
                                          frecency={second: 5.0}).results]
    assert lifted[:2] == [second, first]
    # an exact name is a clearly better answer: use elsewhere does not bury it
    assert engine.search("zip", typing=False,
                         frecency={"common/unzip": 50.0}).results[0].id == "common/zip"


def test_english_words_are_never_corrected(engine):
    for text in ("hide popups while presenting slides", "computer falls asleep during calls",
                 "deleted a file by accident"):
        assert engine.search(text, typing=False).corrected is None


def test_words_derived_from_english_words_are_words_and_typos_are_not():
    """A word list does not hold every derivation: "bootable" ("boot" + "able") must not
    become "bookable". Typos that look derived stay typos."""
    from jitl_desktop.core.words import dictionary, is_english

    derived = ["bootable", "untracked", "reinstallable"]
    assert not any(w in dictionary("en") for w in derived)
    assert all(is_english(w) for w in derived)
    assert not any(is_english(w) for w in ("runing", "wirless", "passsword", "unistall",
                                           "dwonload"))


def test_negations_are_kept_whole_and_carry_no_topic(engine):
    for text in ("can't extract zip", "cant extract zip", "won't extract zip",
                 "doesn't extract zip", "not extract zip"):
        response = engine.search(text, typing=False)
        assert response.corrected is None
        assert response.results[0].id == top(engine, "extract zip")[0]


def test_the_querys_verb_in_a_title_counts(tmp_path, make_content, monkeypatch):
    """"extract a tar archive": the page whose title says "Extract" answers, though a
    comparison of archive formats says "extract" and "tar" more often in its body. (The
    items' ids name no query word: a name bonus would decide instead.)"""
    root = make_content({
        "a.md": "---\ntitle: Extract an archive\nsummary: Get the files out of a zip "
                      "or tar file.\n---\nDouble-click it and choose where the files go.\n",
        "b.md": "---\ntitle: Archive formats compared\nsummary: Which archive to "
                      "extract, send or keep - tar, zip or 7z.\n---\nTo extract a tar "
                      "archive, use tar. To extract a zip archive, use unzip. Extract 7z "
                      "with 7z. Every archive format can extract its own files.\n",
        "c.md": "---\ntitle: Send a big file\nsummary: Share a link instead of an "
                   "attachment.\n---\nUpload it and share the link.\n"})
    queries = ("extract a tar archive", "extract zip archive")
    # (meaning in context finds the page without the lift as well: the words decide here)
    monkeypatch.setattr(search_mod, "CONTEXT_SHARE", 0.0)
    with linux_engine(root, tmp_path, glossaries=False) as engine:  # the words alone
        assert [top(engine, q)[0] for q in queries] == ["a", "a"]
    monkeypatch.setattr(search_mod, "TITLE_WEIGHT", 0.0)  # the body's count decides
    with linux_engine(root, tmp_path, glossaries=False) as engine:
        assert [top(engine, q)[0] for q in queries] == ["b", "b"]


@pytest.mark.parametrize("deriving", [True, False])
def test_a_word_meets_the_contents_words_derived_from_it(
        tmp_path, make_content, monkeypatch, deriving):
    """"owns" is "own" to the stemmer and "owner" stays "owner": the page about a file's
    owner answers "owns file" only because the words derived from "own" are searched."""
    if not deriving:
        monkeypatch.setattr(search_mod, "DERIVED_WEIGHT", 0.0)
    # (meaning in context reads "owns" as "owner" too: here the words decide)
    monkeypatch.setattr(search_mod, "CONTEXT_SHARE", 0.0)
    root = make_content({
        "a.md": "---\ntitle: Give a file to another user\nsummary: Make another user the "
                "owner of a file.\n---\nRun the command with the new owner's name.\n",
        "b.md": "---\ntitle: Change what a file allows\nsummary: Change who may read, write "
                "or run a file.\n---\nEvery file has permissions for its user, its group "
                "and others.\n",
        "c.md": "---\ntitle: Run a script\nsummary: Make a script executable and run it."
                "\n---\nMark the file executable first.\n"})
    with linux_engine(root, tmp_path) as engine:
        assert (top(engine, "owns file")[0] == "a") is deriving


def test_an_os_named_in_the_query_lifts_its_items(engine):
    assert top(engine, "mac ip")[0] == "osx/ip"
    assert top(engine, "windows ip")[0] == "windows/ip"


def test_a_named_os_outweighs_common_pages_that_share_more_words(tmp_path, make_content):
    """"mac copy text to clipboard from terminal": the mac page answers, though common
    pages share "text" and "terminal" with the question."""
    root = make_content({
        "common/edit.md": "# edit\n\n> A terminal-based text editor.\n\n"
                          "- Open a text file in the terminal:\n\n`edit path/to/file.txt`\n",
        "common/cb.md": "# cb\n\n> Cut, copy, and paste anything in the terminal.\n\n"
                        "- Copy a file's text:\n\n`cb copy path/to/file`\n",
        "osx/pbcopy.md": "# pbcopy\n\n> Copy data from `stdin` to the clipboard.\n\n"
                         "- Copy a file's contents to the clipboard:\n\n`pbcopy < file`\n",
    })
    with linux_engine(root, tmp_path) as eng:
        assert top(eng, "mac copy text to clipboard from terminal")[0] == "osx/pbcopy"
        assert top(eng, "copy text to clipboard from terminal")[0] != "osx/pbcopy"


def test_a_quiz_comes_after_the_guide_it_checks(tmp_path, make_content):
    """"freeze header row": the guide answers it; its quiz, whose questions repeat the
    guide's words, follows it, unless the question asks for the quiz."""
    quiz = ("---\ntitle: \"Check: Freeze header rows\"\nkind: quiz\n"
            "checks: sheets/freeze\ntags: [quiz, check]\nquestions:\n"
            "  - ask: How do you freeze the header row?\n    choices:\n"
            "      - text: Freeze the header row with Freeze Top Row\n        correct: true\n"
            "      - text: Hide the header row\n"
            "  - ask: Which header row stays frozen when you freeze panes?\n    choices:\n"
            "      - text: The header row above the selection\n        correct: true\n"
            "      - text: No header row\n---\n")
    root = make_content({
        "sheets/freeze.md": "---\ntitle: Freeze header rows\n---\nView, Freeze Panes.\n",
        "sheets/freeze-check.md": quiz,
    })
    with linux_engine(root, tmp_path) as eng:
        assert top(eng, "freeze header row")[:2] == ["sheets/freeze", "sheets/freeze-check"]
        assert top(eng, "freez header row")[:2] == ["sheets/freeze", "sheets/freeze-check"]
        assert top(eng, "header row quiz")[0] == "sheets/freeze-check"
        assert top(eng, "Check: Freeze header rows")[0] == "sheets/freeze-check"


def test_the_leading_word_names_what_is_to_be_done(tmp_path, make_content):
    """"unzip a zip file": both words name a command, and `zip` is far more central
    (other pages run it); the command the question leads with answers it."""
    pages = {
        "common/zip.md": "# zip\n\n> Package and compress files into a Zip archive.\n\n"
                         "- Add files to a zip file:\n\n`zip -r archive.zip path`\n",
        "common/unzip.md": "# unzip\n\n> Extract files from Zip archives.\n\n"
                           "- Extract a zip file:\n\n`unzip archive.zip`\n",
    }
    with linux_engine(make_content(central(pages, "zip -r out.zip dir")), tmp_path) as eng:
        assert top(eng, "unzip a zip file")[0] == "common/unzip"
        assert top(eng, "zip a file")[0] == "common/zip"


def test_a_subcommand_beats_its_parent_when_more_words_are_typed(tmp_path, make_content):
    root = make_content({
        "common/git.md": "# git\n\n> Distributed version control. Commit, branch, revert.\n",
        "common/git-revert.md": "# git revert\n\n> Create new commits which undo earlier "
                                "commits.\n",
    })
    with linux_engine(root, tmp_path) as eng:
        assert top(eng, "git revert a pushed commit")[0] == "common/git-revert"
        assert top(eng, "git")[0] == "common/git"


def test_a_named_subcommand_beats_even_a_central_parent(tmp_path, make_content):
    """On the real tldr pages `git` is run by hundreds of other pages (a strong prior);
    the subcommand that the query's other words name still comes first, and the parent
    keeps the query of its name alone and words that name no subcommand."""
    pages = {
        "common/git.md": "# git\n\n> Distributed version control system.\n\n"
                         "- Commit, branch, revert and push changes:\n\n`git help`\n",
        "common/git-revert.md": "# git revert\n\n> Create new commits which undo earlier "
                                "commits.\n\n- Revert the last commit:\n\n`git revert HEAD`\n",
        "common/git-branch.md": "# git branch\n\n> Main Git command for working with "
                                "branches.\n\n- Rename a branch:\n\n`git branch -m old new`\n",
    }
    with linux_engine(make_content(central(pages, "git pull")), tmp_path) as eng:
        assert top(eng, "git revert a pushed commit")[0] == "common/git-revert"
        assert top(eng, "git rename a branch")[0] == "common/git-branch"
        assert top(eng, "git")[0] == "common/git"
        assert top(eng, "git version control system")[0] == "common/git"


def test_pages_sharing_a_word_in_their_id_are_no_family(tmp_path, make_content):
    # "user-add" is not a subcommand of a "user" command: no item is named "user"
    root = make_content({
        "help/user-add.md": "# Add a new user account\n\nCreate an account.\n",
        "help/user-changepassword.md": "# Change your password\n\nPick a new login "
                                       "password for your user.\n",
    })
    with linux_engine(root, tmp_path) as eng:
        assert top(eng, "change my login password")[0] == "help/user-changepassword"


def test_nothing_answers_is_said_and_the_closest_still_listed(engine):
    response = engine.search("expense claim form", typing=False)
    assert response.no_good_match and response.to_json()["no_good_match"] is True
    answered = engine.search("extract zip", typing=False)
    assert not answered.no_good_match and answered.results


def test_a_question_about_an_application_no_item_mentions_is_not_answered(tmp_path,
                                                                           make_content):
    """"photoshop crop image" on content that never mentions Photoshop: the GIMP page
    about cropping is listed as the closest, but it is not called an answer."""
    root = make_content({
        "images/crop.md": "---\ntitle: Crop an image\n---\nIn GIMP, choose Image, Crop.\n",
        "images/resize.md": "---\ntitle: Resize a photo\napps: [photoshop]\n---\n"
                            "Image, Image Size.\n",
        "mail/rules.md": "---\ntitle: Sort incoming mail\n---\nCreate a rule.\n",
    })
    index = ContentIndex(tmp_path / "ix")
    index.update([root])
    engine = SearchEngine(index, roots=[root], catalog=Catalog.load(app_catalog_file()))
    try:
        asked = engine.search("outlook crop image", typing=False)
        assert asked.results[0].title == "Crop an image" and asked.no_good_match
        for query in ("crop image", "gimp crop image", "photoshop resize photo"):
            found = engine.search(query, typing=False)
            assert not found.no_good_match, query  # named by an item's text or apps rule
    finally:
        engine.close()
