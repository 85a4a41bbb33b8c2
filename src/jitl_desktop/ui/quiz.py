"""A quick check: each question with its choices (or a box for a short answer), a
Check button, and the feedback at once. Render and emit; the checking itself is
``core/quiz.py``."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
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

from jitl_desktop.core.quiz import Feedback, Question, check
from jitl_desktop.services.words import fill
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
        self.setAccessibleDescription(question.ask)
        self.n = n
        self.question = question
        self._checked: Feedback | None = None  # the last answer checked
        layout = QVBoxLayout(self)
        # (a group box's title and a radio button's text never wrap: labels do)
        self.ask = named(QLabel(f"<b>{n}.</b> {html.escape(question.ask)}", self),
                         f"ask{n}")
        self.ask.setWordWrap(True)
        layout.addWidget(self.ask)
        self.group = QButtonGroup(self)
        self.choices: list[QRadioButton] = []
        self.choice_labels: list[QLabel] = []
        self.answer: QLineEdit | None = None
        for i, choice in enumerate(question.choices):
            button = named(QRadioButton(self), f"choice{n}_{i}")
            button.setAccessibleName(choice.text)
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
            self.answer.returnPressed.connect(self.check)
            layout.addWidget(self.answer)
        row = QHBoxLayout()
        self.button = named(QPushButton(self), f"check{n}")
        self.button.clicked.connect(self.check)
        self.feedback = named(QLabel(self), f"feedback{n}")
        self.feedback.setWordWrap(True)
        row.addWidget(self.button)
        row.addWidget(self.feedback, 1)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        """Say the box's own words in the language installed (the question's are the
        content's)."""
        n = self.n
        self.setAccessibleName(fill(self.tr("Question %1"), n))
        self.ask.setAccessibleName(fill(self.tr("Question %1: %2"), n, self.question.ask))
        for i, button in enumerate(self.choices):
            button.setAccessibleDescription(fill(self.tr("Answer %1 to question %2"), i + 1, n))
        if self.answer is not None:
            self.answer.setPlaceholderText(self.tr("Your answer"))
            self.answer.setAccessibleName(fill(self.tr("Answer to question %1"), n))
        self.button.setText(self.tr("Check"))
        self.button.setAccessibleName(fill(self.tr("Check the answer to question %1"), n))
        self.button.setAccessibleDescription(self.tr("Shows whether the answer is right, "
                                                     "and why"))
        self.feedback.setAccessibleName(fill(self.tr("Feedback on question %1"), n))
        if self._checked is not None:
            self._show_feedback()
        elif self.feedback.text():
            self.feedback.setText(self.tr("Choose or type an answer first."))

    def _show_feedback(self) -> None:
        result = self._checked
        if result is None:
            return
        if result.correct:
            text = "<b>" + self.tr("Right.") + "</b>"
        else:
            text = "<b>" + self.tr("Not quite.") + "</b> " + fill(
                self.tr("The answer: %1."), html.escape(result.right_answer))
        if result.explain:
            text += f" {html.escape(result.explain)}"
        self.feedback.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def check(self) -> None:
        given: int | str = self.answer.text() if self.answer is not None \
            else self.group.checkedId()
        if given in ("", -1):
            self._checked = None
            self.feedback.setText(self.tr("Choose or type an answer first."))
            return
        self._checked = check(self.question, given)
        self._show_feedback()
        result = self._checked
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
        self.setWidgetResizable(True)
        # the questions wrap to the width: never a sideways scroll bar
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumHeight(220)
        self.boxes: list[QuestionBox] = []
        self._right: dict[int, bool] = {}
        self.score = named(QLabel(), "quizScore")
        self._last: tuple[int, int] = (0, 0)
        self.retranslate()

    def retranslate(self) -> None:
        """Say the view's own words in the language installed."""
        self.setAccessibleName(self.tr("Quick check"))
        self.score.setAccessibleName(self.tr("Score"))
        self._show_score()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_score(self) -> None:
        right, total = self._last
        if self._right:
            self.score.setText(fill(self.tr("%1 of %2 right so far — all answered.")
                                    if len(self._right) == len(self.boxes) else
                                    self.tr("%1 of %2 right so far."),
                                    sum(self._right.values()), len(self.boxes)))
        elif total:
            self.score.setText(fill(self.tr("Last time: %1 of %2 right."), right, total))
        elif self.boxes:
            self.score.setText(self.tr("%n question(s), about a minute.", "",
                                       len(self.boxes)))

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
        self.score.setAccessibleName(self.tr("Score"))
        layout.addWidget(self.score)
        layout.addStretch(1)
        self.setWidget(inner)
        self._last = score
        self._show_score()

    def _on_answer(self, n: int, correct: bool, given: str) -> None:
        self._right[n] = correct
        self._show_score()
        self.answered.emit(n, correct, given)
