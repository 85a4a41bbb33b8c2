"""Content problems: what the last index update found wrong in the content files (bad
front matter, unreadable files, …), for ``status --json``, the tray menu and the library.

A broken file is skipped by the index and every other file is still indexed; this makes
sure the user and the author see it, with ``FILE:LINE: severity: message`` for each
(the form ``jitl-desktop lint`` prints).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from jitl_desktop.core.index import UpdateReport
from jitl_desktop.services.indexer import IndexWorker
from jitl_desktop.services.words import QT_TRANSLATE_NOOP, fill

#: problems listed in ``status --json`` and on the page (the count is always complete)
LISTED = 50
#: the page's title and the tray and library entry's (said in the UI's language)
TITLE = QT_TRANSLATE_NOOP("ContentProblems", "Content problems")


class ContentProblems(QObject):
    """The problems of the content as of the last index update.

    Signals:
        changed(int): the number of problems changed (0: none left).
        page_ready(str): Markdown of the page that lists them (asked for with
            :meth:`open`); its first line is the title.
    """

    changed = Signal(int)
    page_ready = Signal(str)

    def __init__(self, indexer: IndexWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._indexer = indexer
        self.lines: list[str] = []
        indexer.index_updated.connect(self.on_index_updated)

    @property
    def count(self) -> int:
        return len(self.lines)

    @Slot(object)
    def on_index_updated(self, report: UpdateReport) -> None:
        lines = list(dict.fromkeys(str(p) for p in report.problems))
        if lines != self.lines:
            self.lines = lines
            self.changed.emit(len(lines))

    def status(self) -> dict[str, Any]:
        """The ``index`` object of ``status --json``: the index worker's, with the number
        of problems and the first :data:`LISTED` of them."""
        return {**self._indexer.status(), "problems": self.count,
                "problem_list": self.lines[:LISTED]}

    def label(self) -> str:
        """The entry that leads to the list ("" when there is nothing wrong)."""
        return f"{self.tr(TITLE)} ({self.count})…" if self.lines else ""

    @Slot()
    def open(self) -> None:
        """Ask for the page that lists the problems."""
        self.page_ready.emit(self.page())

    def page(self) -> str:
        if not self.lines:
            return (f"# {self.tr(TITLE)}\n\n"
                    + self.tr("No problems: every content file was read.") + "\n")
        shown = self.lines[:LISTED]
        more = "\n\n" + fill(self.tr("And %1 more: run `jitl-desktop lint` for all of them."),
                             self.count - len(shown)) if self.count > len(shown) else ""
        text = "\n".join(shown)
        fence = "`" * max(3, _longest_run(text, "`") + 1)
        return (f"# {self.tr(TITLE)} ({self.count})\n\n"
                + self.tr("These content files have problems: a file with an error is left "
                          "out of the search until it is fixed. Each line says the file, the "
                          "line and what is wrong; the list updates when a file is saved.")
                + f"\n\n{fence}text\n{text}\n{fence}{more}\n")


def _longest_run(text: str, char: str) -> int:
    longest = run = 0
    for c in text:
        run = run + 1 if c == char else 0
        longest = max(longest, run)
    return longest
