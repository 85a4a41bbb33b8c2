"""The search lifts what colleagues chose for similar queries (``learned.jsonl`` in a
content root), within bounds, and says so."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.learned import LEARNED_FILE, LEARNED_WEIGHT, query_key, query_words
from jitl_desktop.core.search import SearchEngine

PAGES = {
    "finance/expenses-policy.md": "# Expenses policy\n\n> What the expenses form may "
                                  "claim.\n\nThe expenses form lists what you may claim.\n",
    "finance/travel-claim.md": "# Submit a travel claim\n\n> Claim travel costs.\n\n"
                               "Open the claims tool and add your receipts.\n",
    "mail/signature.md": "# E-mail signature\n\n> Add a signature to your messages.\n",
    "finance/receipts.md": "# Receipts\n\n> Keep them.\n\nKeep every receipt: the "
                           "expenses team may ask for one.\n",
}


def engine_for(root: Path, tmp_path: Path) -> SearchEngine:
    content_index = ContentIndex(tmp_path / "index")
    content_index.update([root])
    return SearchEngine(content_index, roots=[root], os_name="linux")


def learn(root: Path, *pairs: tuple[str, str, int]) -> None:
    (root / LEARNED_FILE).write_text("".join(
        json.dumps({"query": query_key(query_words(q)), "item": i, "people": n}) + "\n"
        for q, i, n in pairs))


def test_colleagues_choice_lifts_an_item_for_similar_queries(make_content, tmp_path):
    root = make_content(PAGES)
    with engine_for(root, tmp_path) as engine:
        found = engine.search("expenses form", typing=False).results
        before = {r.id: r.score for r in found}
        assert found[0].id == "finance/expenses-policy"
        assert "finance/travel-claim" not in before  # the words do not find it
        learn(root, ("submit expenses forms", "finance/travel-claim", 50),
              ("expense forms", "finance/receipts", 40))
        after = engine.search("expenses form", typing=False).results
        # the much better text match stays first; the chosen items follow it (in the
        # order of their own scores), each saying why; a lift is bounded (at most
        # ×(1 + LEARNED_WEIGHT))
        assert after[0].id == "finance/expenses-policy" and after[0].why == ""
        assert {r.id: r.why for r in after[1:]} == {
            "finance/travel-claim": "chosen by 50 colleagues for similar searches",
            "finance/receipts": "chosen by 40 colleagues for similar searches"}
        receipts = next(r for r in after if r.id == "finance/receipts")
        lifted = receipts.score / before["finance/receipts"]
        assert 1.5 < lifted <= 1 + LEARNED_WEIGHT
        # an unrelated query is not touched
        assert engine.search("signature", typing=False).results[0].why == ""


def test_a_clearly_better_text_match_still_wins(make_content, tmp_path):
    root = make_content(PAGES)
    learn(root, ("signature", "finance/travel-claim", 500))
    with engine_for(root, tmp_path) as engine:
        ids = [r.id for r in engine.search("e-mail signature", typing=False).results]
        assert ids[0] == "mail/signature"


def test_a_learned_file_with_bad_lines_is_used_for_the_good_ones(make_content, tmp_path,
                                                                  caplog):
    root = make_content(PAGES)
    learn(root, ("expenses form", "finance/travel-claim", 9))
    with (root / LEARNED_FILE).open("a") as fh:
        fh.write("not json\n" + json.dumps({"query": "x", "item": "y", "people": -1}) + "\n")
    with engine_for(root, tmp_path) as engine, caplog.at_level(logging.WARNING):
        assert engine.search("expenses form", typing=False).results[1].id == \
            "finance/travel-claim"
    assert "2 lines" in caplog.text


@pytest.mark.parametrize(("text", "words"), [
    ("How do I submit my Expenses forms?", ["submit", "expens", "form"]),
    ("how do I", ["how", "do", "i"]),
])
def test_query_words_are_stemmed_without_question_words(text, words):
    assert query_words(text) == words
