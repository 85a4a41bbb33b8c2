#!/usr/bin/env python3
"""Rebuild the narrated tutorial videos of the JITL Desktop content pack.

Needs (Debian/Ubuntu):
    apt-get update && apt-get install -y ffmpeg espeak-ng fonts-dejavu-core

Usage (from the repository root):
    python3 tools/make_videos.py                 # rebuild every video in tools/videos/
    python3 tools/make_videos.py tools/videos/phishing.txt   # rebuild one

Each narration source in tools/videos/*.txt describes one video:

    title: Spot a phishing e-mail            shown in the slide footer
    item: security/spot-phishing-video.md    item whose duration/chapters get updated
    video: security/media/spot-phishing.webm (paths relative to content/)
    transcript: security/media/spot-phishing.srt   (.vtt or .srt)

    == Chapter title                         starts a chapter = one slide
    * Bullet line on the slide               normal text
    $ tar -xzf file.tar.gz                   monospaced line (for commands)
    > One sentence that is spoken.           one spoken cue = one transcript cue

Every "> " line is spoken with espeak-ng into its own WAV file. The WAV files
are joined with short pauses, so every transcript cue starts exactly where its
sentence starts in the audio and ends where that sentence's audio ends. Each
chapter starts on a whole second; the slide changes at that moment, which is
also the chapter time written into the item's front matter. The transcript is
therefore exactly what is spoken: edit the "> " lines, then rerun this script.

Output is deterministic for a given espeak-ng/ffmpeg version (single thread,
bit-exact muxing, no metadata).
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import wave
from collections.abc import Sequence
from typing import TypedDict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONTENT = os.path.join(ROOT, "content")
SOURCES = os.path.join(ROOT, "tools", "videos")

VOICE = "en-us"
WPM = "150"
FPS = 5
W, H = 640, 360
BG = "0x1d2433"
ACCENT = "0x4fb3ff"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"

LEAD_IN = 0.5        # silence before the first sentence
GAP = 0.30           # pause between sentences of one chapter
CHAPTER_LEAD = 0.30  # pause between a slide change and its first sentence
TAIL = 0.8           # minimum silence after the last sentence

#: (start, end, text) of one spoken sentence, in seconds
Cue = tuple[float, float, str]
#: (frames per second, bytes per sample, channels) of a WAV file
Format = tuple[int, int, int]


class Chapter(TypedDict):
    title: str
    bullets: list[tuple[str, str]]  # ("*" or "$", text)
    cues: list[str]


def parse(path: str) -> tuple[dict[str, str], list[Chapter]]:
    meta: dict[str, str] = {}
    chapters: list[Chapter] = []
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line.startswith("== "):
                chapters.append({"title": line[3:].strip(), "bullets": [], "cues": []})
            elif line.startswith("* ") or line.startswith("$ "):
                chapters[-1]["bullets"].append((line[0], line[2:].strip()))
            elif line.startswith("> "):
                chapters[-1]["cues"].append(line[2:].strip())
            elif not chapters and ":" in line:
                key, value = line.split(":", 1)
                meta[key.strip()] = value.strip()
            else:
                sys.exit(f"{path}:{n}: cannot parse line: {line!r}")
    for key in ("title", "item", "video", "transcript"):
        if key not in meta:
            sys.exit(f"{path}: missing '{key}:'")
    if not chapters or any(not c["cues"] for c in chapters):
        sys.exit(f"{path}: every chapter needs at least one '> ' sentence")
    return meta, chapters


def run(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def speak(text: str, out: str) -> tuple[Format, bytes]:
    run(["espeak-ng", "-v", VOICE, "-s", WPM, "-w", out, text])
    with wave.open(out, "rb") as w:
        fmt = (w.getframerate(), w.getsampwidth(), w.getnchannels())
        return fmt, w.readframes(w.getnframes())


def ffprobe_duration(path: str) -> float:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration",
         "-of", "default=nw=1:nk=1", path],
        check=True, capture_output=True, text=True).stdout
    return float(out.strip())


def build_audio(chapters: list[Chapter], tmp: str
                ) -> tuple[str, list[Cue], list[float], float]:
    """Speak every cue, join them, return (wav path, cues, chapter starts, total)."""
    fmt: Format | None = None
    pcm = bytearray()
    cues: list[Cue] = []
    starts: list[float] = []
    rate = width = 0  # frames per second, bytes per frame

    def now() -> float:
        return len(pcm) / (rate * width)

    def pad_to(t: float) -> None:
        frames = round(t * rate) - len(pcm) // width
        if frames > 0:
            pcm.extend(b"\x00" * (frames * width))

    k = 0
    for ci, chapter in enumerate(chapters):
        for si, text in enumerate(chapter["cues"]):
            spoken, frames = speak(text, os.path.join(tmp, f"cue{k:03d}.wav"))
            k += 1
            if fmt is None:
                fmt = spoken
                rate, width = spoken[0], spoken[1] * spoken[2]
            if spoken != fmt:
                sys.exit("espeak-ng produced WAV files of different formats")
            if si == 0:
                if ci == 0:
                    start_chapter = 0.0
                    pad_to(LEAD_IN)
                else:
                    start_chapter = float(math.ceil(now() + GAP))
                    pad_to(start_chapter + CHAPTER_LEAD)
                starts.append(start_chapter)
            else:
                pad_to(now() + GAP)
            begin = now()
            pcm.extend(frames)
            cues.append((begin, now(), text))
    if fmt is None:
        sys.exit("nothing to speak")
    total = float(math.ceil(now() + TAIL))
    pad_to(total)
    path = os.path.join(tmp, "narration.wav")
    with wave.open(path, "wb") as w:
        w.setnchannels(fmt[2])
        w.setsampwidth(fmt[1])
        w.setframerate(rate)
        w.writeframes(bytes(pcm))
    # Cross-check the joined file with ffprobe (what a player will see).
    measured = ffprobe_duration(path)
    if abs(measured - total) > 0.01:
        sys.exit(f"audio length mismatch: {measured} vs {total}")
    return path, cues, starts, total


def draw_slide(chapter: Chapter, index: int, count: int, title: str, tmp: str) -> str:
    filters = [
        f"drawbox=x=0:y=0:w={W}:h=6:color={ACCENT}:t=fill",
        f"drawbox=x=40:y=78:w=80:h=3:color={ACCENT}:t=fill",
    ]

    def text(s: str, name: str) -> str:
        p = os.path.join(tmp, name)
        with open(p, "w", encoding="utf-8") as fh:
            fh.write(s)
        return p

    filters.append(
        f"drawtext=fontfile={FONT_BOLD}:textfile={text(chapter['title'], f's{index}t.txt')}"
        f":fontsize=30:fontcolor=white:x=40:y=34")
    y = 104
    step = min(48, 200 // max(1, len(chapter["bullets"])))
    for bi, (kind, line) in enumerate(chapter["bullets"]):
        if kind == "$":
            f = text(line, f"s{index}b{bi}.txt")
            filters.append(f"drawbox=x=40:y={y - 8}:w={W - 80}:h=36:color=0x0f141d:t=fill")
            filters.append(f"drawtext=fontfile={FONT_MONO}:textfile={f}:fontsize=20"
                           f":fontcolor=0x9ef0a0:x=52:y={y}")
        else:
            dot = text(chr(0x2022), f"s{index}d{bi}.txt")
            filters.append(f"drawtext=fontfile={FONT}:textfile={dot}"
                           f":fontsize=22:fontcolor={ACCENT}:x=44:y={y}")
            filters.append(f"drawtext=fontfile={FONT}:textfile={text(line, f's{index}b{bi}.txt')}"
                           f":fontsize=22:fontcolor=white:x=70:y={y}")
        y += step
    footer = f"JITL Desktop  |  {title}  |  {index + 1}/{count}"
    filters.append(f"drawtext=fontfile={FONT}:textfile={text(footer, f's{index}f.txt')}"
                   f":fontsize=14:fontcolor=0x8a94a6:x=40:y={H - 30}")
    out = os.path.join(tmp, f"slide{index}.png")
    run(["ffmpeg", "-y", "-v", "error", "-f", "lavfi", "-i", f"color=c={BG}:s={W}x{H}",
         "-vf", ",".join(filters), "-frames:v", "1", out])
    return out


def ts(t: float, sep: str) -> str:
    ms = round(t * 1000)
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def write_transcript(path: str, cues: list[Cue]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        if path.endswith(".vtt"):
            fh.write("WEBVTT\n\n")
            for i, (a, b, text) in enumerate(cues, 1):
                fh.write(f"{i}\n{ts(a, '.')} --> {ts(b, '.')}\n{text}\n\n")
        elif path.endswith(".srt"):
            for i, (a, b, text) in enumerate(cues, 1):
                fh.write(f"{i}\n{ts(a, ',')} --> {ts(b, ',')}\n{text}\n\n")
        else:
            sys.exit(f"transcript must be .vtt or .srt: {path}")


def mmss(t: float) -> str:
    s = round(t)
    return f"{s // 60}:{s % 60:02d}"


def update_item(path: str, chapters: list[Chapter], starts: list[float], total: float
                ) -> None:
    """Rewrite duration: and chapters: in the item's front matter."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    m = re.match(r"---\n(.*?\n)---\n", text, re.S)
    if not m:
        sys.exit(f"{path}: no front matter")
    lines = m.group(1).splitlines()
    out: list[str] = []
    skipping = False
    for line in lines:
        if skipping:
            if line.startswith((" ", "\t", "-")):
                continue
            skipping = False
        if line.startswith("chapters:"):
            skipping = True
            continue
        out.append(f'duration: "{mmss(total)}"' if line.startswith("duration:") else line)
    out.append("chapters:")
    for chapter, start in zip(chapters, starts, strict=True):
        title = chapter["title"].replace('"', "'")
        out.append(f'  - {{at: "{mmss(start)}", title: "{title}"}}')
    new = "---\n" + "\n".join(out) + "\n---\n" + text[m.end():]
    if new != text:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(new)


def build(source: str) -> None:
    meta, chapters = parse(source)
    video = os.path.join(CONTENT, meta["video"])
    transcript = os.path.join(CONTENT, meta["transcript"])
    item = os.path.join(CONTENT, meta["item"])
    os.makedirs(os.path.dirname(video), exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="jitl-video-")
    try:
        wav, cues, starts, total = build_audio(chapters, tmp)
        slides = [draw_slide(c, i, len(chapters), meta["title"], tmp)
                  for i, c in enumerate(chapters)]
        ends = [*starts[1:], total]
        cmd = ["ffmpeg", "-y", "-v", "error"]
        for slide, a, b in zip(slides, starts, ends, strict=True):
            cmd += ["-loop", "1", "-framerate", str(FPS), "-t", f"{b - a:.3f}", "-i", slide]
        cmd += ["-i", wav]
        n = len(slides)
        graph = ("".join(f"[{i}:v]" for i in range(n))
                 + f"concat=n={n}:v=1:a=0,format=yuv420p[v]")
        cmd += ["-filter_complex", graph, "-map", "[v]", "-map", f"{n}:a",
                "-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "42", "-g", str(FPS * 10),
                "-deadline", "good", "-cpu-used", "2", "-threads", "1", "-row-mt", "0",
                "-c:a", "libopus", "-b:a", "24k", "-ac", "1", "-ar", "24000",
                "-t", f"{total:.3f}", "-map_metadata", "-1",
                "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
                video]
        run(cmd)
        write_transcript(transcript, cues)
        update_item(item, chapters, starts, total)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    dur = ffprobe_duration(video)
    if cues[-1][1] >= dur:
        sys.exit(f"{video}: last cue ends at {cues[-1][1]:.2f}s, after the video ({dur:.2f}s)")
    print(f"{os.path.relpath(video, ROOT)}: {dur:.2f}s, {os.path.getsize(video) // 1024} KiB, "
          f"{len(cues)} cues, chapters at {', '.join(mmss(s) for s in starts)}")


def main(argv: Sequence[str]) -> None:
    for tool in ("espeak-ng", "ffmpeg", "ffprobe"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found: apt-get install -y ffmpeg espeak-ng fonts-dejavu-core")
    sources = argv or sorted(os.path.join(SOURCES, f) for f in os.listdir(SOURCES)
                             if f.endswith(".txt"))
    for source in sources:
        build(source)


if __name__ == "__main__":
    main(sys.argv[1:])
