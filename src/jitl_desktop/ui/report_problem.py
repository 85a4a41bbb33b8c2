"""The "Report a problem with this item" dialog: what is wrong (outdated, wrong, a
missing step) and an optional comment, for the item's owner."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from jitl_desktop.core.xapi import PROBLEM_KINDS
from jitl_desktop.services.words import QT_TRANSLATE_NOOP, fill
from jitl_desktop.ui.common import named

#: what the user may say is wrong, one button each (``core/xapi.py`` PROBLEM_KINDS)
LABELS = {"outdated": QT_TRANSLATE_NOOP("problems", "It is &outdated"),
          "wrong": QT_TRANSLATE_NOOP("problems", "Something in it is &wrong"),
          "missing-step": QT_TRANSLATE_NOOP("problems", "A &step is missing")}


class ReportProblemDialog(QDialog):
    """Asks what is wrong with an item; ``kind()`` and ``comment()`` once accepted."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportProblem")
        self.item_title = title
        layout = QVBoxLayout(self)
        self.question = QLabel(self)
        layout.addWidget(self.question)
        self.choices = QButtonGroup(self)
        for n, kind in enumerate(PROBLEM_KINDS):
            button = named(QRadioButton(self), f"problem-{kind}")
            button.setChecked(n == 0)
            self.choices.addButton(button, n)
            layout.addWidget(button)
        self.text = named(QLineEdit(self), "problemComment")
        layout.addWidget(self.text)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                        QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.send = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        """Say the dialog's words in the language installed."""
        self.setWindowTitle(self.tr("Report a problem"))
        self.question.setText(fill(self.tr("What is wrong with “%1”?"), self.item_title))
        for n, kind in enumerate(PROBLEM_KINDS):
            button = self.choices.button(n)
            button.setText(QCoreApplication.translate("problems", LABELS[kind]))
        self.text.setPlaceholderText(self.tr("What should change? (optional)"))
        self.text.setAccessibleName(self.tr("Comment for the item's owner"))
        self.send.setText(self.tr("Send"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            # after the button box, which names its standard buttons again (OK, not Send)
            QTimer.singleShot(0, self, self.retranslate)
        super().changeEvent(event)

    def kind(self) -> str:
        return PROBLEM_KINDS[max(0, self.choices.checkedId())]

    def comment(self) -> str:
        return self.text.text().strip()
