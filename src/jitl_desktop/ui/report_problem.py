"""The "Report a problem with this item" dialog: what is wrong (outdated, wrong, a
missing step) and an optional comment, for the item's owner."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
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
        self.setWindowTitle(self.tr("Report a problem"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(fill(self.tr("What is wrong with “%1”?"), title), self))
        self.choices = QButtonGroup(self)
        for n, kind in enumerate(PROBLEM_KINDS):
            button = named(QRadioButton(QCoreApplication.translate("problems", LABELS[kind]),
                                        self), f"problem-{kind}")
            button.setChecked(n == 0)
            self.choices.addButton(button, n)
            layout.addWidget(button)
        self.text = named(QLineEdit(self), "problemComment")
        self.text.setPlaceholderText(self.tr("What should change? (optional)"))
        self.text.setAccessibleName(self.tr("Comment for the item's owner"))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Send"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def kind(self) -> str:
        return PROBLEM_KINDS[max(0, self.choices.checkedId())]

    def comment(self) -> str:
        return self.text.text().strip()
