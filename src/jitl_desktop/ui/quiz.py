"""A quick check: each question with its choices (or a box for a short answer), a
Check button, and the feedback at once. Render and emit; the checking itself is
``core/quiz.py``."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jitl_desktop.core.quiz import Question, check
from jitl_desktop.ui.common import named


class ChoiceLabel(QLabel):
    """The word-wrapped text of a choice; a click on it chooses it."""

    def __init__(self, text: str, button: QRadioButton, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setBuddy(button)
        self.button = button

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.button.setChecked(True)
        self.button.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)


class QuestionBox(QGroupBox):
    """One question. Signals: answered(bool, str) after Check: correct or not, and the
    answer given (the choice's text, or what was typed)."""

    answered = Signal(bool, str)

    def __init__(self, n: int, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"question{n}")
        self.setAccessibleName(f"Question {n}")
        self.setAccessibleDescription(question.ask)
        self.question = question
        layout = QVBoxLayout(self)
        # (a group box's title and a radio button's text never wrap: labels do)
        self.ask = named(QLabel(f"<b>{n}.</b> {html.escape(question.ask)}", self),
                         f"ask{n}")
        self.ask.setWordWrap(True)
        self.ask.setAccessibleName(f"Question {n}: {question.ask}")
        layout.addWidget(self.ask)
        self.group = QButtonGroup(self)
        self.choices: list[QRadioButton] = []
        self.choice_labels: list[QLabel] = []
        self.answer: QLineEdit | None = None
        for i, choice in enumerate(question.choices):
            button = named(QRadioButton(self), f"choice{n}_{i}")
            button.setAccessibleName(choice.text)
            button.setAccessibleDescription(f"Answer {i + 1} to question {n}")
            label = ChoiceLabel(choice.text, button, self)
            self.group.addButton(button, i)
            self.choices.append(button)
            self.choice_labels.append(label)
            line = QHBoxLayout()
            line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(label, 1)
            layout.addLayout(line)
        if not question.choices:
            self.answer = named(QLineEdit(self), f"answer{n}")
            self.answer.setPlaceholderText("Your answer")
            self.answer.setAccessibleName(f"Answer to question {n}")
            self.answer.returnPressed.connect(self.check)
            layout.addWidget(self.answer)
        row = QHBoxLayout()
        self.button = named(QPushButton("Check", self), f"check{n}")
        self.button.setAccessibleName(f"Check the answer to question {n}")
        self.button.setAccessibleDescription("Shows whether the answer is right, and why")
        self.button.clicked.connect(self.check)
        self.feedback = named(QLabel(self), f"feedback{n}")
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName(f"Feedback on question {n}")
        row.addWidget(self.button)
        row.addWidget(self.feedback, 1)
        layout.addLayout(row)

    def check(self) -> None:
        given: int | str = self.answer.text() if self.answer is not None \
            else self.group.checkedId()
        if given in ("", -1):
            self.feedback.setText("Choose or type an answer first.")
            return
        result = check(self.question, given)
        if result.correct:
            text = "<b>Right.</b>"
        else:
            text = f"<b>Not quite.</b> The answer: {html.escape(result.right_answer)}."
        if result.explain:
            text += f" {html.escape(result.explain)}"
        self.feedback.setText(text)
        self.answered.emit(result.correct, given if isinstance(given, str)
                           else self.question.choices[given].text)


class QuizView(QScrollArea):
    """Every question of a quiz and the score so far.

    Signals:
        answered(int, bool, str): question index, whether the answer was right, and the
            answer given.
    """

    answered = Signal(int, bool, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quiz")
        self.setAccessibleName("Quick check")
        self.setWidgetResizable(True)
        # the questions wrap to the width: never a sideways scroll bar
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumHeight(220)
        self.boxes: list[QuestionBox] = []
        self._right: dict[int, bool] = {}
        self.score = named(QLabel(), "quizScore")
        self.score.setAccessibleName("Score")

    def set_questions(self, questions: list[Question], score: tuple[int, int] = (0, 0)
                      ) -> None:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.boxes = []
        self._right = {}
        for n, question in enumerate(questions):
            box = QuestionBox(n + 1, question, inner)
            box.answered.connect(lambda ok, given, i=n: self._on_answer(i, ok, given))
            self.boxes.append(box)
            layout.addWidget(box)
        self.score = named(QLabel(inner), "quizScore")
        self.score.setWordWrap(True)
        self.score.setAccessibleName("Score")
        layout.addWidget(self.score)
        layout.addStretch(1)
        self.setWidget(inner)
        right, total = score
        self.score.setText(f"Last time: {right} of {total} right." if total else
                           f"{len(questions)} questions, about a minute.")

    def _on_answer(self, n: int, correct: bool, given: str) -> None:
        self._right[n] = correct
        self.score.setText(f"{sum(self._right.values())} of {len(self.boxes)} right so far"
                           + (" — all answered." if len(self._right) == len(self.boxes)
                              else "."))
        self.answered.emit(n, correct, given)
