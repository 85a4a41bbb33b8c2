"""The German question sets in benchmarks/data are well formed: a broken line, a
repeated question or a question in both the development and the held-out set would
make the relevance figures wrong without anyone noticing. (Whether each answer id is a
page of the corpus depends on the corpus, which is not in the repository.)"""

import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"
ID = re.compile(r"^[a-z0-9-]+/[a-z0-9-]+$")
SETS = {  # file: (least rows, answered)
    "gnome-help-de-questions.jsonl": (90, True),
    "gnome-help-de-heldout.jsonl": (45, True),
    "gnome-help-de-unanswerable.jsonl": (25, False),
}


def rows(name: str) -> list[dict]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    out = []
    for number, line in enumerate(lines, 1):
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:
            pytest.fail(f"{name}:{number}: not JSON: {exc}")
    return out


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_row_has_a_short_query_and_well_formed_answers(name: str) -> None:
    least, answered = SETS[name]
    data = rows(name)
    assert len(data) >= least
    for row in data:
        query, answers = row["query"], row["answers"]
        assert set(row) <= {"query", "answers", "typo"}, row
        assert 2 <= len(query.split()) <= 6, row
        assert isinstance(answers, list) and len(set(answers)) == len(answers), row
        assert all(ID.match(answer) for answer in answers), row
        assert bool(answers) == answered, row
        assert isinstance(row.get("typo", False), bool), row


def test_no_question_is_asked_twice_across_the_sets() -> None:
    seen: dict[str, str] = {}
    for name in sorted(SETS):
        for row in rows(name):
            key = " ".join(row["query"].lower().split())
            assert key not in seen, f"{row['query']!r} in {name} and {seen[key]}"
            seen[key] = name
