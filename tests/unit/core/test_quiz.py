"""Quick checks: both ways of writing questions, the feedback, and what lint says."""

from __future__ import annotations

from pathlib import Path

from jitl_desktop.core.apps import Catalog
from jitl_desktop.core.content import load_file, scan_root
from jitl_desktop.core.lint import lint
from jitl_desktop.core.quiz import Question, check, parse_questions

FRONT = """---
title: "Check: archives"
kind: quiz
checks: terminal/extract
questions:
  - ask: Which command extracts backup.tar.gz?
    choices:
      - text: tar -xf backup.tar.gz
        correct: true
        explain: -x extracts.
      - text: tar -cf backup.tar.gz
        explain: -c creates an archive and overwrites it.
  - ask: Which option of unzip lists an archive?
    answer: ["-l"]
    explain: unzip -l lists names and sizes.
---
"""

MARKDOWN = """---
title: "Check: tabs"
kind: quiz
---
Intro line.

## Which shortcut reopens a closed tab?
- [x] Ctrl+Shift+T — reopens the last closed tab.
- [ ] Ctrl+T — opens a new, empty tab.

## The same on a Mac?
Answer: Cmd+Shift+T | ⌘+Shift+T
Explanation: Mac shortcuts use Command.
"""


def items(root: Path):
    files, _ = scan_root(root)
    return {src.relpath: load_file(src) for src in files}


def test_front_matter_and_markdown_questions_load(make_content):
    root = make_content({"terminal/extract.md": "# Extract\n", "q1.md": FRONT,
                         "q2.md": MARKDOWN})
    loaded = items(root)
    quiz, problems = loaded["q1.md"]
    assert problems == [] and quiz is not None and quiz.checks == "terminal/extract"
    assert [q.kind for q in quiz.questions] == ["choice", "short"]
    assert [c.correct for c in quiz.questions[0].choices] == [True, False]
    tabs, problems = loaded["q2.md"]
    assert problems == [] and tabs is not None
    first, second = tabs.questions
    assert first.ask == "Which shortcut reopens a closed tab?"
    assert [(c.text, c.correct, c.explain) for c in first.choices] == [
        ("Ctrl+Shift+T", True, "reopens the last closed tab."),
        ("Ctrl+T", False, "opens a new, empty tab.")]
    assert second.answers == ("Cmd+Shift+T", "⌘+Shift+T")
    assert second.explain == "Mac shortcuts use Command."


def test_feedback_for_wrong_then_right_answers():
    questions, errors = parse_questions([
        {"ask": "Extract?", "choices": [{"text": "tar -xf", "correct": True, "explain": "yes"},
                                        {"text": "tar -cf", "explain": "creates"}]},
        {"ask": "List option?", "answer": "-l", "explain": "unzip -l lists"}])
    assert errors == []
    wrong = check(questions[0], 1)
    assert (wrong.correct, wrong.explain, wrong.right_answer) == (False, "creates", "tar -xf")
    assert check(questions[0], 0).correct
    assert not check(questions[1], "-L").correct  # options keep their case
    assert check(questions[1], " `-l` ").correct
    assert check(Question("Mac?", answers=("Cmd+Shift+T",)), "cmd + shift + t").correct


def test_bad_questions_are_reported_with_where_and_what(make_content):
    root = make_content({
        "bad.md": "---\nkind: quiz\nquestions:\n  - ask: No answer here\n"
                  "  - ask: One choice\n    choices: [only]\n"
                  "  - ask: None right\n    choices: [a, b]\n---\n",
        "empty.md": "---\nkind: quiz\n---\n## A question without choices\n",
        "guide.md": "---\nkind: guide\nchecks: nowhere\n---\n# Guide\n",
    })
    problems, _ = lint([root], catalog=Catalog())
    text = "\n".join(str(p) for p in problems)
    assert "bad.md:3: error: question 1: needs 'choices'" in text
    assert "question 2: 'choices' must list at least two" in text
    assert "question 3: no choice is marked 'correct: true'" in text
    assert "empty.md:1: error: 'A question without choices': no choices" in text
    assert "empty.md:2: error: a quiz item needs questions" in text
    assert "guide.md:3: error: 'checks' names 'nowhere', which is no item id" in text
    assert "guide.md:3: warning: 'checks' only means something on a quiz item" in text


def test_the_starter_quizzes_load_without_problems():
    root = Path(__file__).resolve().parents[3] / "content"
    quizzes = {rel: loaded for rel, loaded in items(root).items() if rel.endswith("-check.md")}
    assert len(quizzes) >= 5
    for rel, (quiz, problems) in quizzes.items():
        assert problems == [] and quiz is not None, rel
        assert quiz.kind == "quiz" and len(quiz.questions) >= 3 and quiz.checks, rel
