"""WebVTT and SRT transcript parsing: every cue with its start time."""

from __future__ import annotations

import re
from pathlib import Path

from jitl_desktop.core.files import FileTooLargeError, read_limited
from jitl_desktop.core.model import Cue, Problem

_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}")
_TAG = re.compile(r"<[^>]*>")


def _seconds(h: str | None, m: str, s: str, frac: str) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(frac.ljust(3, "0")) / 1000


def clock(seconds: float) -> str:
    """Seconds as ``M:SS`` (or ``H:MM:SS``), the way players show a time."""
    s = int(seconds)
    if s >= 3600:
        return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"


def parse_timestamp(value: object) -> float | None:
    """``90``, ``"1:30"``, ``"01:02:03"`` or ``"1:30.5"`` → seconds; None if invalid."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if value >= 0 else None
    if not isinstance(value, str):
        return None
    parts = value.strip().split(":")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        return None
    if not 1 <= len(numbers) <= 3 or any(n < 0 for n in numbers):
        return None
    total = 0.0
    for n in numbers:
        total = total * 60 + n
    return total


def parse_transcript(text: str, path: str) -> tuple[list[Cue], list[Problem]]:
    """Parse WebVTT or SRT text (chosen by content, not suffix)."""
    lines = text.splitlines()
    cues: list[Cue] = []
    problems: list[Problem] = []
    is_vtt = bool(lines) and lines[0].lstrip("\ufeff").startswith("WEBVTT")
    if path.lower().endswith(".vtt") and not is_vtt:
        problems.append(Problem(path, 1, "error", "WebVTT file must start with 'WEBVTT'"))
    i = 1 if is_vtt else 0
    while i < len(lines):
        line = lines[i]
        if is_vtt and line.startswith(("NOTE", "STYLE", "REGION")):
            while i < len(lines) and lines[i].strip():
                i += 1
            continue
        match = _TIMING.match(line)
        if not match:
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if line.strip() and not _TIMING.match(nxt) and not line.strip().isdigit():
                problems.append(Problem(path, i + 1, "error",
                                        f"expected a cue timing line, got {line.strip()[:40]!r}"))
                while i < len(lines) and lines[i].strip():
                    i += 1
            i += 1
            continue
        g = match.groups()
        start, end = _seconds(*g[0:4]), _seconds(*g[4:8])
        if end < start:
            problems.append(Problem(path, i + 1, "error", "cue ends before it starts"))
        i += 1
        text_lines = []
        while i < len(lines) and lines[i].strip():
            text_lines.append(_TAG.sub("", lines[i]).strip())
            i += 1
        cue_text = " ".join(t for t in text_lines if t)
        if cue_text:
            cues.append(Cue(start, end, cue_text))
    if not cues and not problems:
        problems.append(Problem(path, 1, "error", "transcript has no cues"))
    return cues, problems


#: Transcripts of long videos are big, but not this big.
MAX_TRANSCRIPT_BYTES = 32 * 1024 * 1024


def load_transcript(path: Path) -> tuple[list[Cue], list[Problem]]:
    try:
        text = read_limited(path, MAX_TRANSCRIPT_BYTES).decode("utf-8-sig")
    except FileTooLargeError as exc:
        return [], [Problem(str(path), 0, "error", f"{exc.args[0]}; skipped")]
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(str(path), 1, "error", f"cannot read transcript: {exc}")]
    return parse_transcript(text, str(path))
