"""``jitl-desktop insights`` from real files (JSON lines, JSON arrays, LRS answers) and
from a real Ralph LRS: the tables, grouping by meaning, privacy, learned pairs."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

import pytest

from harness.lrs import PASSWORD, USER
from jitl_desktop.cli import main
from jitl_desktop.core.insights import read
from jitl_desktop.core.insights.report import fold_words, group_queries
from jitl_desktop.core.insights.tally import Tally

BASE = "https://lrs.example.org/jitl/"
EXT = BASE + "extensions/"

CONTENT = {
    "finance/travel-claim.md": """\
        ---
        title: Submit a travel claim
        owner: finance-team
        reviewed: 2020-01-01
        review_every: 1 year
        apps: [excel]
        ---
        # Submit a travel claim

        > Claim your travel expenses.
        """,
    "mail/signature.md": "# E-mail signature\n\n> Add a signature to your messages.\n",
    "it/vpn.md": """\
        ---
        title: Connect to the VPN
        owner: it-desk
        expires: 2021-06-01
        ---
        Connect from home.
        """,
}


def actor(name: str) -> dict[str, Any]:
    return {"objectType": "Agent", "account": {"homePage": BASE, "name": f"secret-{name}"}}


def searched(who: str, query: str, *, results: int = 3, chosen: str | None = None,
             at: str = "2026-11-02T10:00:00+00:00", app: str | None = None
             ) -> dict[str, Any]:
    ext: dict[str, Any] = {EXT + "query": query, EXT + "results": results,
                           EXT + "no-good-match": results == 0}
    if chosen:
        ext[EXT + "chosen"] = BASE + "items/" + chosen
    statement = {"actor": actor(who), "timestamp": at,
                 "verb": {"id": "https://w3id.org/xapi/acrossx/verbs/searched"},
                 "object": {"id": BASE + "search"}, "result": {"extensions": ext}}
    if app:
        statement["context"] = {"extensions": {EXT + "app": app}}
    return statement


def viewed(who: str, item: str, seconds: float = 40.0) -> dict[str, Any]:
    return {"actor": actor(who), "timestamp": "2026-11-02T10:00:05+00:00",
            "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
            "object": {"id": BASE + "items/" + item}, "result": {"duration": f"PT{seconds}S"}}


def rated(who: str, item: str, helpful: bool, comment: str = "") -> dict[str, Any]:
    result: dict[str, Any] = {"score": {"raw": int(helpful)},
                              "extensions": {EXT + "helpful": helpful}}
    if comment:
        result["response"] = comment
    return {"actor": actor(who), "timestamp": "2026-11-03T10:00:00+00:00",
            "verb": {"id": "http://id.tincanapi.com/verb/rated"},
            "object": {"id": BASE + "items/" + item}, "result": result}


def problem(who: str, item: str, kind: str, comment: str) -> dict[str, Any]:
    return {"actor": actor(who), "timestamp": "2026-11-03T11:00:00+00:00",
            "verb": {"id": "http://adlnet.gov/expapi/verbs/commented"},
            "object": {"id": BASE + "items/" + item},
            "result": {"response": comment, "extensions": {EXT + "problem": kind}}}


def answered(who: str, item: str, question: int, right: bool, response: str
             ) -> dict[str, Any]:
    return {"actor": actor(who), "timestamp": "2026-11-04T10:00:00+00:00",
            "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
            "object": {"id": f"{BASE}items/{item}#question-{question}"},
            "result": {"success": right, "response": response}}


def organisation() -> list[dict[str, Any]]:
    """Five people: a gap three of them hit (in three spellings), one only Eve hit,
    an answered search everybody makes, views, votes, a problem, quiz answers."""
    made = []
    for who, spelling in zip("abc", ("expense forms", "Expenses  form", "expnese forms"),
                             strict=True):
        made.append(searched(who, spelling, results=0, app="excel"))
    made.append(searched("e", "parking permit", results=0, app="excel"))
    for who in "abcde":
        made.append(searched(who, "travel claim", chosen="finance/travel-claim",
                             app="excel"))
        made.append(viewed(who, "finance/travel-claim", seconds=1.0 if who == "d" else 40.0))
        made.append(answered(who, "finance/quiz", 1, who in "ab", "" if who in "ab" else
                             "the manager"))
    made.append(rated("a", "finance/travel-claim", True, "clear steps"))
    made.append(rated("b", "finance/travel-claim", False))
    made.append(problem("c", "finance/travel-claim", "outdated", "the form moved"))
    return made


def marks() -> list[dict[str, Any]]:
    """Done marks (one taken back, its voiding first, as an LRS lists newest first), a
    bookmark, and a video watched to its end (not a done mark)."""
    def mark(who: str, n: int, verb: str, item: str, kind: str = "document"
             ) -> dict[str, Any]:
        return {"id": f"00000000-0000-4000-8000-00000000000{n}", "actor": actor(who),
                "timestamp": "2026-11-03T12:00:00+00:00",
                "verb": {"id": verb}, "object": {"id": BASE + "items/" + item,
                                                 "definition": {"type": kind}}}

    adl = "http://adlnet.gov/expapi/verbs/"
    return [{"actor": actor("b"), "timestamp": "2026-11-03T12:05:00+00:00",
             "verb": {"id": adl + "voided"},
             "object": {"objectType": "StatementRef",
                        "id": "00000000-0000-4000-8000-000000000002"}},
            mark("a", 1, adl + "completed", "finance/travel-claim"),
            mark("b", 2, adl + "completed", "finance/travel-claim"),
            mark("c", 3, "http://id.tincanapi.com/verb/bookmarked", "finance/travel-claim"),
            mark("d", 4, adl + "completed", "finance/travel-claim",
                 "https://w3id.org/xapi/video/activity-type/video")]


@pytest.fixture
def content(make_content) -> Path:
    return make_content(CONTENT)


def run(tmp_path: Path, *args: str, capsys: Any) -> dict[str, Any]:
    code = main(["--data-dir", str(tmp_path / "data"), "--config-dir",
                 str(tmp_path / "config"), "insights", *args])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out) if "--json" in args else {}


def test_gaps_are_grouped_by_meaning_and_small_groups_are_merged(tmp_path, content, capsys):
    source = tmp_path / "statements.jsonl"
    source.write_text("".join(json.dumps(s) + "\n" for s in organisation()))
    figures = run(tmp_path, "--from", str(source), "--content", str(content), "--json",
                  capsys=capsys)
    gaps = figures["content_gaps"]
    assert gaps[0]["query"] in ("expense forms", "expenses form", "expnese forms")
    assert (gaps[0]["variants"], gaps[0]["searches"], gaps[0]["people"]) == (3, 3, 3)
    assert gaps[0]["closest_item"] == "finance/travel-claim"
    assert gaps[1] == {**gaps[1], "query": "other", "people": 1, "groups": 1}
    assert "parking" not in json.dumps(figures)  # one person's search does not show
    top = figures["top_searches"]
    assert top[0] == {"query": "travel claim", "searches": 5, "people": 5,
                      "answered_rate": 1.0, "no_match_rate": 0.0}
    head = figures["headline"]
    assert (head["people"], head["searches"], head["helpful_rate"]) == (5, 9, 0.5)


def test_items_stale_problems_coverage_quizzes(tmp_path, content, capsys):
    source = tmp_path / "statements.json"
    source.write_text(json.dumps(organisation() + marks(), indent=2))  # a JSON array
    figures = run(tmp_path, "--from", str(source), "--content", str(content), "--json",
                  capsys=capsys)
    items = {row["item"]: row for row in figures["items"]}
    claim = items["finance/travel-claim"]
    assert (claim["views"], claim["people"], claim["helpful"], claim["unhelpful"]) == \
        (5, 5, 1, 1)
    assert claim["median_seconds"] == 40.0  # four views of 40 s, one of 1 s
    assert (claim["done"], claim["bookmarked"]) == (1, 1)  # b took theirs back
    assert items["mail/signature"]["median_seconds"] is None
    assert claim["comments"] == [{"text": "clear steps", "helpful": True}]
    assert items["mail/signature"]["views"] == 0  # never opened
    stale = {row["item"]: row["status"] for row in figures["stale"]}
    assert stale == {"finance/travel-claim": "review overdue", "it/vpn": "expired"}
    assert figures["problems"] == [{
        "owner": "finance-team", "item": "finance/travel-claim",
        "title": "Submit a travel claim", "reports": 1, "outdated": 1, "wrong": 0,
        "missing-step": 0, "comments": ["the form moved"]}]
    assert figures["coverage"][0] == {"app": "excel", "searches": 9, "people": 5,
                                      "no_match_rate": 0.444, "answered_rate": 0.556,
                                      "items_for_it": 1}
    quiz = figures["quizzes"][0]
    assert (quiz["answers"], quiz["right_rate"]) == (5, 0.4)
    assert quiz["wrong_answers"] == [{"answer": "the manager", "times": 3}]
    assert figures["adoption"] == [{"week": "2026-W45", "people": 5, "searches": 9,
                                    "views": 5}]


def test_no_actor_identifier_in_any_output(tmp_path, content, capsys):
    source = tmp_path / "statements.jsonl"
    source.write_text("".join(json.dumps(s) + "\n" for s in organisation()))
    out = tmp_path / "out"
    figures = run(tmp_path, "--from", str(source), "--content", str(content), "--json",
                  "--csv", str(out / "csv"), "--html", str(out / "report.html"),
                  "--learned", str(out / "learned.jsonl"), capsys=capsys)
    assert "secret-" not in json.dumps(figures)
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["csv/adoption.csv", "csv/content_gaps.csv", "csv/coverage.csv",
                       "csv/items.csv", "csv/problems.csv", "csv/quizzes.csv",
                       "csv/stale.csv", "csv/top_searches.csv", "learned.jsonl",
                       "report.html"]
    for path in out.rglob("*"):
        if path.is_file():
            assert "secret-" not in path.read_text(encoding="utf-8"), path
    with (out / "csv" / "content_gaps.csv").open(newline="") as fh:
        assert [row["query"] for row in csv.DictReader(fh)][-1] == "other"


def test_learned_pairs_need_enough_people_and_no_bounce(tmp_path, content, capsys):
    statements = organisation()
    for who in "xy":  # two people chose the signature after "mail footer"
        statements.append(searched(who, "mail footer", chosen="mail/signature"))
    source = tmp_path / "statements.jsonl"
    source.write_text("".join(json.dumps(s) + "\n" for s in statements))
    learned = tmp_path / "learned.jsonl"
    run(tmp_path, "--from", str(source), "--content", str(content), "--learned",
        str(learned), capsys=capsys)
    rows = [json.loads(line) for line in learned.read_text().splitlines()]
    # five chose it, one of them ("d") came back within seconds: four count
    assert rows == [{"query": "claim travel", "item": "finance/travel-claim", "people": 4}]
    run(tmp_path, "--from", str(source), "--content", str(content), "--learned",
        str(learned), "--min-people", "2", capsys=capsys)
    assert {"query": "footer mail", "item": "mail/signature", "people": 2} in \
        [json.loads(line) for line in learned.read_text().splitlines()]


def test_since_and_until_keep_only_that_period(tmp_path, content, capsys):
    statements = [searched(w, "travel claim", at="2026-10-01T09:00:00+00:00") for w in "abc"]
    statements += [searched(w, "vpn", at="2026-11-10T09:00:00Z") for w in "abcd"]
    source = tmp_path / "statements.jsonl"
    source.write_text("".join(json.dumps(s) + "\n" for s in statements))
    figures = run(tmp_path, "--from", str(source), "--content", str(content), "--json",
                  "--since", "2026-11-01", "--until", "2026-12-01", capsys=capsys)
    assert [r["query"] for r in figures["top_searches"]] == ["vpn"]


def test_typos_fold_into_the_more_used_spelling():
    folded = fold_words({"expens": 5, "expnes": 1, "form": 3, "from": 1})
    assert folded == {"expnes": "expens"}  # short words are never folded
    tally = Tally()
    for n, text in enumerate(["Expense forms", "expenses form", "expnese form"]):
        tally.add(searched(str(n), text, results=0))
    groups = group_queries(tally.queries)
    assert len(groups) == 1 and next(iter(groups.values())).variants == 3


def test_statement_files_in_every_shape_and_a_broken_one(tmp_path):
    page = {"statements": [searched("a", "x"), searched("b", "y")], "more": ""}
    (tmp_path / "page.json").write_text(json.dumps(page))
    (tmp_path / "array.json").write_text(json.dumps([searched("c", "z")] * 3000))
    (tmp_path / "lines.jsonl").write_text(json.dumps(searched("d", "w")) + "\n\n")
    found = list(read.from_files([tmp_path / n for n in ("page.json", "array.json",
                                                         "lines.jsonl")]))
    assert len(found) == 2 + 3000 + 1
    (tmp_path / "bad.jsonl").write_text(json.dumps(searched("d", "w")) + "\n{oops\n")
    with pytest.raises(read.InsightsError, match=r"bad\.jsonl, line 2"):
        list(read.from_files([tmp_path / "bad.jsonl"]))


def test_a_progress_bar_on_stderr_for_many_statements(tmp_path, capsys):
    (tmp_path / "many.jsonl").write_text(
        "".join(json.dumps(searched(str(n % 7), "q")) + "\n" for n in range(30_000)))
    progress = read.Progress(force=True)
    assert sum(1 for _ in read.from_files([tmp_path / "many.jsonl"], progress)) == 30_000
    err = capsys.readouterr().err
    assert "reading [" in err and "100%" in err and err.endswith("\n")


def test_read_from_a_real_lrs_page_by_page(tmp_path, content, lrs, capsys, monkeypatch):
    import urllib.request
    from base64 import b64encode

    statements = organisation()
    request = urllib.request.Request(
        f"{lrs.endpoint}statements", data=json.dumps(statements).encode(), method="POST",
        headers={"Authorization": "Basic " + b64encode(f"{USER}:{PASSWORD}".encode()
                                                       ).decode(),
                 "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=20) as answer:
        assert answer.status == 200
    monkeypatch.setattr(read, "PAGE", 7)  # several pages, followed with "more"
    monkeypatch.setenv("JITL_LRS_USERNAME", USER)
    monkeypatch.setenv("JITL_LRS_PASSWORD", PASSWORD)
    figures = run(tmp_path, "--lrs", lrs.endpoint, "--content", str(content), "--json",
                  capsys=capsys)
    assert figures["headline"]["statements"] == len(statements)
    assert figures["content_gaps"][0]["people"] == 3
    monkeypatch.setenv("JITL_LRS_PASSWORD", "wrong")
    code = main(["--data-dir", str(tmp_path / "data"), "--config-dir",
                 str(tmp_path / "config"), "insights", "--lrs", lrs.endpoint, "--json"])
    assert code != 0 and "refuses the credentials" in capsys.readouterr().err


def test_nothing_to_write_and_plain_http_elsewhere_are_refused(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "insights", "--from", os.devnull]) != 0
    assert "nothing to write" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path), "insights", "--lrs",
                 "http://lrs.example.org/xAPI/", "--json"]) != 0
    assert "https" in capsys.readouterr().err
