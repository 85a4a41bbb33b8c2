"""Quick checks: questions of a ``kind: quiz`` item, and the feedback on an answer.

Questions come from the front matter (``questions:``) or, when it has none, from a
simple Markdown form in the body::

    ## Which command extracts a .tar.gz archive?
    - [x] `tar -xzf backup.tar.gz` — -x extracts, -z un-gzips, -f names the file.
    - [ ] `tar -czf backup.tar.gz` — -c creates an archive instead.

    ## Which option of unzip lists an archive without extracting it?
    Answer: -l | l
    Explanation: unzip -l shows names, sizes and dates.

A multiple-choice question has one or more correct choices and may explain every
choice; a short-answer question lists the accepted answers, compared without spaces,
surrounding quotes or backticks, and without case, except for command options
(``-l`` is not ``-L``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_HEADING = re.compile(r"^#{2,3}\s+(.+?)\s*$")
_CHOICE = re.compile(r"^\s*[-*]\s+\[([ xX])\]\s+(.+?)\s*$")
_ANSWER = re.compile(r"^\s*Answers?:\s*(.+?)\s*$", re.IGNORECASE)
_EXPLAIN = re.compile(r"^\s*Explanation:\s*(.+?)\s*$", re.IGNORECASE)
_DASH = re.compile(r"\s+[—–]\s+|\s+--\s+")


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool = False
    explain: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "correct": self.correct, "explain": self.explain}


@dataclass(frozen=True)
class Question:
    ask: str
    choices: tuple[Choice, ...] = ()
    answers: tuple[str, ...] = ()  # accepted short answers
    explain: str = ""

    @property
    def kind(self) -> str:
        return "choice" if self.choices else "short"

    def to_json(self) -> dict[str, Any]:
        return {"ask": self.ask, "choices": [c.to_json() for c in self.choices],
                "answers": list(self.answers), "explain": self.explain}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Question:
        return cls(data["ask"], tuple(Choice(**c) for c in data.get("choices", ())),
                   tuple(data.get("answers", ())), data.get("explain", ""))


@dataclass(frozen=True)
class Feedback:
    """What the learner sees after answering."""

    correct: bool
    explain: str  # the chosen option's explanation, else the question's
    right_answer: str  # the correct choice(s) or first accepted answer


def normalise(text: str) -> str:
    """How a short answer is compared: no spaces or quotes; case kept for an option."""
    bare = "".join(text.strip().strip("`'\"").split())
    return bare if bare.startswith("-") else bare.lower()


def check(question: Question, given: int | str) -> Feedback:
    """Feedback on an answer: a choice's index, or the text typed."""
    if question.choices:
        right = " / ".join(c.text for c in question.choices if c.correct)
        if not isinstance(given, int) or not 0 <= given < len(question.choices):
            return Feedback(False, question.explain, right)
        choice = question.choices[given]
        return Feedback(choice.correct, choice.explain or question.explain, right)
    accepted = {normalise(a) for a in question.answers}
    ok = isinstance(given, str) and normalise(given) in accepted
    return Feedback(ok, question.explain, question.answers[0] if question.answers else "")


def parse_questions(value: Any) -> tuple[list[Question], list[str]]:
    """Questions from front matter; the errors say which question and what is wrong."""
    if not isinstance(value, list) or not value:
        return [], ["'questions' must be a list of {ask, choices or answer}"]
    questions: list[Question] = []
    errors: list[str] = []
    for n, raw in enumerate(value, 1):
        if not isinstance(raw, dict) or not isinstance(raw.get("ask"), str) \
                or not raw["ask"].strip():
            errors.append(f"question {n}: needs 'ask' (the question's text)")
            continue
        explain = str(raw.get("explain") or "").strip()
        if "choices" in raw:
            choices, problem = _choices(raw["choices"])
            if problem:
                errors.append(f"question {n}: {problem}")
                continue
            questions.append(Question(raw["ask"].strip(), tuple(choices), explain=explain))
        elif "answer" in raw or "answers" in raw:
            answers = raw.get("answers", raw.get("answer"))
            answers = [answers] if isinstance(answers, (str, int, float)) else answers
            if not isinstance(answers, list) or not answers or \
                    not all(isinstance(a, (str, int, float)) for a in answers):
                errors.append(f"question {n}: 'answer' must be a text or a list of texts")
                continue
            questions.append(Question(raw["ask"].strip(), (),
                                      tuple(str(a).strip() for a in answers), explain))
        else:
            errors.append(f"question {n}: needs 'choices' (multiple choice) or 'answer' "
                          "(short answer)")
    return questions, errors


def _choices(value: Any) -> tuple[list[Choice], str | None]:
    if not isinstance(value, list) or len(value) < 2:
        return [], "'choices' must list at least two choices"
    choices = []
    for raw in value:
        if isinstance(raw, str):
            choices.append(Choice(raw.strip()))
        elif isinstance(raw, dict) and isinstance(raw.get("text"), (str, int, float)):
            choices.append(Choice(str(raw["text"]).strip(), raw.get("correct") is True,
                                  str(raw.get("explain") or "").strip()))
        else:
            return [], "each choice is a text or {text, correct, explain}"
    if not any(c.correct for c in choices):
        return [], "no choice is marked 'correct: true'"
    return choices, None


def questions_from_markdown(body: str) -> tuple[list[Question], list[str]]:
    """Questions written as ``## question`` with ``- [x]`` choices or ``Answer:``."""
    questions: list[Question] = []
    errors: list[str] = []
    ask: str | None = None
    choices: list[Choice] = []
    answers: list[str] = []
    explain = ""

    def finish() -> None:
        if ask is None:
            return
        if choices and not any(c.correct for c in choices):
            errors.append(f"'{ask}': no choice is marked [x]")
        elif choices and len(choices) < 2:
            errors.append(f"'{ask}': a multiple-choice question needs two choices or more")
        elif choices or answers:
            questions.append(Question(ask, tuple(choices), tuple(answers), explain))
        else:
            errors.append(f"'{ask}': no choices (- [x] / - [ ]) and no 'Answer:' line")

    for line in body.splitlines():
        heading = _HEADING.match(line)
        if heading:
            finish()
            ask, choices, answers, explain = heading.group(1), [], [], ""
            continue
        if ask is None:
            continue
        choice = _CHOICE.match(line)
        if choice:
            parts = _DASH.split(choice.group(2), maxsplit=1)
            why = parts[1].strip() if len(parts) > 1 else ""
            choices.append(Choice(parts[0].strip(), choice.group(1) in "xX", why))
            continue
        answer = _ANSWER.match(line)
        if answer:
            answers = [a.strip() for a in answer.group(1).split("|") if a.strip()]
            continue
        explanation = _EXPLAIN.match(line)
        if explanation:
            explain = explanation.group(1)
    finish()
    return questions, errors


def without_questions(body: str) -> str:
    """A quiz's Markdown without questions written in the Markdown form (so a preview
    does not give the answers away): the text before the first question."""
    questions, _ = questions_from_markdown(body)
    if not questions:
        return body
    return re.split(r"^#{2,3}\s", body, maxsplit=1, flags=re.M)[0].rstrip() + "\n"
