"""The content model: items, transcript cues, chapters, app rules and problems."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from jitl_desktop.core.quiz import Question

KINDS = ("guide", "snippet", "video", "link", "quiz")
LEVELS = ("beginner", "intermediate", "advanced")
OSES = ("linux", "windows", "macos")

Severity = Literal["error", "warning"]

#: Characters that would break one-problem-per-line output: controls (newline, carriage
#: return, escape…), Unicode line and paragraph separators, and the lone surrogates that
#: stand for the bytes of a file name that is not valid UTF-8.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def shown(text: str) -> str:
    """``text`` safe to print on one line: unprintable characters as Python escapes
    (``\\n``, ``\\x1b``), a byte that is not UTF-8 in a file name as ``\\xff``."""
    if not _UNSHOWABLE.search(text):
        return text
    return _UNSHOWABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if "\udc80" <= char <= "\udcff":  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{ord(char) - 0xdc00:02x}"
    return char.encode("unicode_escape").decode("ascii")


@dataclass(frozen=True)
class Problem:
    """Something wrong with a content file, with where it is."""

    path: str
    line: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{shown(self.path)}:{self.line}: {self.severity}: {shown(self.message)}"


@dataclass(frozen=True)
class Cue:
    """One transcript cue: start and end in seconds, plain text."""

    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Chapter:
    at: float
    title: str


@dataclass(frozen=True)
class AppRule:
    """Where an item is relevant.

    ``name`` is an app id, a category id or a glob on process name / WM class;
    the other fields come from a mapping rule and are globs (``os`` is exact).
    """

    name: str | None = None
    process: str | None = None
    wm_class: str | None = None
    title: str | None = None
    os: str | None = None

    def to_json(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v is not None}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> AppRule:
        return cls(**data)


@dataclass
class Item:
    """One piece of learning content, as loaded from a file."""

    id: str
    root: str
    path: str
    title: str
    summary: str = ""
    kind: str = "guide"
    #: a BCP 47 tag: from the front matter, else the file name's suffix (``x.de.md``),
    #: else the folder's default, else the content root's, else English
    lang: str = "en"
    #: for a translation (``x.de.md``), the path of the file it translates (``x.md``)
    original: str | None = None
    tags: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    apps: list[AppRule] = field(default_factory=list)
    level: str | None = None
    duration: int | None = None  # seconds
    owner: str | None = None
    reviewed: dt.date | None = None
    review_every: str | None = None
    expires: dt.date | None = None
    version: str | None = None
    related: list[str] = field(default_factory=list)
    prerequisites: list[str] = field(default_factory=list)
    os: str | None = None
    url: str | None = None
    video: str | None = None
    transcript: str | None = None
    #: every transcript of the video by language (``{"en": "talk.vtt", "de": "talk.de.vtt"}``)
    transcripts: dict[str, str] = field(default_factory=dict)
    chapters: list[Chapter] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)  # a quiz's
    checks: str | None = None  # the item a quiz checks (its guide)
    body: str = ""
    #: its paragraphs and list entries, as written (content.passages)
    passages: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    line_of: dict[str, int] = field(default_factory=dict)
