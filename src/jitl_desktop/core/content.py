"""Content roots: find item files, parse Markdown + YAML front matter, report problems.

A broken file never stops loading: it yields no item and one :class:`Problem`
saying what and where; every good file still loads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import errno
import logging
import os
import re
import stat
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from dateutil.relativedelta import relativedelta
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.container import container_plugin

from jitl_desktop.core import languages
from jitl_desktop.core.files import inside, read_limited
from jitl_desktop.core.model import KINDS, LEVELS, OSES, AppRule, Chapter, Item, Problem, shown
from jitl_desktop.core.quiz import Question, parse_questions, questions_from_markdown
from jitl_desktop.core.transcripts import load_transcript, parse_timestamp
from jitl_desktop.core.variants import split_suffix

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 1024 * 1024
ITEM_SUFFIX = ".md"
#: Files at the top of a root that describe the root rather than being items.
ROOT_DOCS = frozenset({"readme.md", "contributing.md", "license.md", "credits.md",
                       "changelog.md"})
#: Folder names that say which operating system an item is for (tldr layout and common ones).
OS_FOLDERS = {
    "linux": "linux", "windows": "windows", "win": "windows", "dos": "windows",
    "osx": "macos", "macos": "macos", "mac": "macos",
    "android": "android", "freebsd": "freebsd", "openbsd": "openbsd",
    "netbsd": "netbsd", "sunos": "sunos", "cisco-ios": "cisco-ios",
}

_yaml_loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SourceFile(NamedTuple):
    """An item file found under a root (a tuple: an update of one saved file among 74k
    makes one for each file the manifest lists)."""

    root: Path
    path: str  # a plain string: building 74k Path objects costs more than the scan
    relpath: str  # with "/" separators, suffix kept
    size: int
    mtime_ns: int
    #: the language of its folder (``.jitl.yaml``), else of its root (``topics.yaml``)
    lang: str = languages.DEFAULT


def item_id_for(relpath: str) -> str:
    """``folder/x`` for ``folder/x.md`` (a translation, ``folder/x.de.md``, has its
    original's id instead)."""
    return relpath[: -len(ITEM_SUFFIX)] if relpath.endswith(ITEM_SUFFIX) else relpath


def original_of(path: str) -> tuple[str, str] | None:
    """For a translation ``…/x.de.md``: the path of its original ``…/x.md`` and its
    language (``de``); None for any other file."""
    folder, sep, name = path.rpartition(os.sep if os.sep in path else "/")
    variant = split_suffix(name, ITEM_SUFFIX)
    if variant is None:
        return None
    return folder + sep + variant[0], variant[1]


def unique_id(item_id: str, taken: Container[str]) -> str:
    """``item_id``, or when another item has it, the first free ``item_id-2``, ``-3``…:
    ids are unique in an index, and the file found first keeps its id."""
    if item_id not in taken:
        return item_id
    n = 2
    while f"{item_id}-{n}" in taken:
        n += 1
    return f"{item_id}-{n}"


def duplicate_problem(item: Item, first_path: str, derived: str) -> Problem:
    return Problem(item.path, item.line_of.get("id", 1), "error",
                   f"duplicate id '{item.id}' (also {first_path}); this file is indexed as "
                   f"'{derived}'")


def scan_root(root: Path) -> tuple[list[SourceFile], list[Problem]]:
    """All item files under ``root`` (following symlinks, loops reported), each with its
    folder's language."""
    walker = _Walker(root)
    lang = _default_language(root / TOPICS_FILE, languages.DEFAULT, walker.problems)
    walker.walk(root, "", lang)
    return walker.files, walker.problems


#: a content root's file of topic names; its ``lang:`` key is the root's language
TOPICS_FILE = "topics.yaml"
#: a folder's settings for the folder and everything under it (``lang:``)
FOLDER_FILE = ".jitl.yaml"
SETTINGS_FILE_BYTES = 256 * 1024


def _default_language(path: Path, inherited: str, problems: list[Problem],
                      *, only_lang: bool = False) -> str:
    """The ``lang:`` of a ``topics.yaml`` or ``.jitl.yaml`` (when it has one), else
    ``inherited``; a bad value or file is reported where it is."""
    if not path.is_file():
        return inherited
    try:
        text = read_limited(path, SETTINGS_FILE_BYTES).decode("utf-8")
        node = yaml.compose(text, Loader=_yaml_loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(str(path), mark.line + 1 if mark else 1, "error",
                                f"not read: {str(exc).splitlines()[0]}"))
        return inherited
    if not isinstance(node, yaml.MappingNode):
        if only_lang and node is not None:
            problems.append(Problem(str(path), 1, "error", "expected a mapping such as "
                                    "'lang: de'"))
        return inherited
    found = inherited
    for key, value in node.value:
        line = key.start_mark.line + 1
        if key.value != "lang":
            if only_lang:
                problems.append(Problem(str(path), line, "warning",
                                        f"unknown key '{key.value}' (only 'lang' is read)"))
            continue
        tag = languages.normalize(value.value) if isinstance(value, yaml.ScalarNode) else None
        if tag is None:
            problems.append(Problem(str(path), line, "error",
                                    "'lang' must be a language tag such as de, fr or pt-BR "
                                    f"(BCP 47), got {str(value.value)!r:.60}; ignored"))
        else:
            found = tag
    return found


class _Walker:
    """The item files under one root, depth first in name order, and what was skipped."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.real_root = os.path.realpath(root)
        self.files: list[SourceFile] = []
        self.problems: list[Problem] = []
        self.seen_dirs: set[tuple[int, int]] = set()

    def skipped(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, 0, "error", message))

    def walk(self, directory: Path, rel: str, lang: str) -> None:
        """The folder ``directory`` (``rel`` from the root, ending in "/" unless empty),
        whose items are in ``lang`` unless its ``.jitl.yaml`` says otherwise."""
        entries = self._entries(directory)
        if any(e.name == FOLDER_FILE for e in entries):
            lang = _default_language(directory / FOLDER_FILE, lang, self.problems,
                                     only_lang=True)
        for entry in entries:
            self._entry(entry, rel, lang)

    def _entries(self, directory: Path) -> list[os.DirEntry[str]]:
        """A folder's entries by name; none when it was visited already or cannot be read."""
        try:
            st = directory.stat()
        except OSError as exc:
            self.skipped(str(directory), _os_reason(exc))
            return []
        key = (st.st_dev, st.st_ino)
        if key in self.seen_dirs:
            self.skipped(str(directory), "symlink loop: this folder was already visited; skipped")
            return []
        self.seen_dirs.add(key)
        try:
            with os.scandir(directory) as scan:
                return sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            self.skipped(str(directory), _os_reason(exc))
            return []

    def _entry(self, entry: os.DirEntry[str], rel: str, lang: str) -> None:
        if not _utf8(entry.name):
            # Whoosh, JSON and the terminal all need text: report it, escaped, and go on.
            self.skipped(shown(entry.path), "the name is not valid UTF-8; skipped (rename it)")
            return
        child_rel = f"{rel}{entry.name}"
        if entry.is_symlink() and not _within(os.path.realpath(entry.path), self.real_root):
            if entry.name.endswith(ITEM_SUFFIX) or entry.is_dir():
                self.skipped(entry.path, "symlink to a place outside the content folder; skipped")
            return
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError as exc:
            self.skipped(entry.path, _os_reason(exc))
            return
        if is_dir:
            if not skipped_folder(entry.name):
                self.walk(Path(entry.path), child_rel + "/", lang)
        elif entry.name.endswith(ITEM_SUFFIX) and (rel or not _root_doc(entry.name)):
            self._file(entry, child_rel, is_file, lang)

    def _file(self, entry: os.DirEntry[str], child_rel: str, is_file: bool,
              lang: str) -> None:
        if not is_file:
            reason = "broken symlink" if entry.is_symlink() else "not a regular file"
            try:
                os.stat(entry.path)
            except OSError as exc:
                reason = _os_reason(exc)
            self.skipped(entry.path, f"{reason}; skipped")
            return
        try:
            fst = entry.stat()
        except OSError as exc:
            self.skipped(entry.path, _os_reason(exc))
            return
        self.files.append(SourceFile(self.root, entry.path, child_rel, fst.st_size,
                                     fst.st_mtime_ns, lang))


class Look(enum.Enum):
    """What a change at one path under a root needs (:func:`look_at`)."""

    FILE = "an item file, to read"
    FOLDER = "a folder whose entries changed"
    GONE = "nothing there any more"
    IGNORE = "a path the scan skips"
    SCAN = "only a look at every file can tell"


def look_at(root: Path, path: str) -> tuple[Look, SourceFile | None]:
    """What a change reported at ``path`` (``root`` or under it, as a watcher reports it)
    needs, and for an item file, the file as :func:`scan_root` would list it (with its
    folder's language). A settings file (``topics.yaml``, ``.jitl.yaml``), a symlink or a
    name that is not text needs a full scan; a path the scan skips (in a hidden or ``_``
    folder, not Markdown, a root's README) needs nothing."""
    base = str(root).rstrip(os.sep)
    if path == base:
        return Look.FOLDER, None
    if not path.startswith(base + os.sep) or not _utf8(path):
        return Look.SCAN, None
    parts = path[len(base) + 1:].split(os.sep)
    name = parts[-1]
    if name in (TOPICS_FILE, FOLDER_FILE) or "" in parts or ".." in parts:
        return Look.SCAN, None
    if any(skipped_folder(p) for p in parts[:-1]):
        return Look.IGNORE, None
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return Look.GONE, None
    except OSError:
        return Look.SCAN, None
    real = os.path.join(os.path.realpath(root), *parts)
    if stat.S_ISDIR(st.st_mode):
        if skipped_folder(name):
            return Look.IGNORE, None
        return (Look.FOLDER if os.path.realpath(path) == real else Look.SCAN), None
    if not stat.S_ISREG(st.st_mode):
        return Look.SCAN, None
    if not name.endswith(ITEM_SUFFIX) or (len(parts) == 1 and _root_doc(name)):
        return Look.IGNORE, None
    if os.path.realpath(path) != real:
        return Look.SCAN, None  # reached through a symlinked folder
    ignored: list[Problem] = []  # said by the full scan that came before
    lang = _default_language(root / TOPICS_FILE, languages.DEFAULT, ignored)
    here = root
    for part in ["", *parts[:-1]]:
        here = here / part if part else here
        lang = _default_language(here / FOLDER_FILE, lang, ignored, only_lang=True)
    return Look.FILE, SourceFile(root, path, "/".join(parts), st.st_size, st.st_mtime_ns,
                                 lang)


def skipped_folder(name: str) -> bool:
    """Whether the scan leaves out a folder of this name (hidden, ``_drafts``, …)."""
    return name.startswith((".", "_")) or name == "node_modules"


def _root_doc(name: str) -> bool:
    """Whether a file at the top of a root describes the root (``README.md``, and its
    translations ``README.de.md``)."""
    variant = split_suffix(name, ITEM_SUFFIX)
    return (variant[0] if variant else name).lower() in ROOT_DOCS


def _within(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _utf8(name: str) -> bool:
    """Whether a name from the file system is text (undecodable bytes come as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno == errno.ENOENT:
        return "broken symlink or file vanished"
    if exc.errno == errno.EACCES:
        return "permission denied"
    return exc.strerror or str(exc)


def read_source(src: SourceFile) -> tuple[bytes | None, Problem | None]:
    """Read a file's bytes, refusing what cannot be content."""
    where = src.path
    try:
        st = os.stat(src.path)
        if not stat.S_ISREG(st.st_mode):
            return None, Problem(where, 0, "error", "not a regular file; skipped")
        if st.st_size > MAX_FILE_BYTES:
            return None, Problem(where, 0, "error",
                                 f"file too large ({st.st_size:,} bytes; the limit is "
                                 f"{MAX_FILE_BYTES:,}); skipped")
        with open(src.path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return None, Problem(where, 0, "error", f"{_os_reason(exc)}; skipped")
    return data, None


def parse_item(src: SourceFile, data: bytes) -> tuple[Item | None, list[Problem]]:
    """Turn one file's bytes into an item; ``None`` with the reason when it cannot be."""
    where = src.path
    if not data.strip():
        return None, [Problem(where, 1, "error", "empty file; skipped")]
    if b"\x00" in data[:8192]:
        return None, [Problem(where, 1, "error", "binary file (contains NUL bytes); skipped")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(where, line, "error",
                              f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); skipped")]
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    meta, line_of, body, problem = split_front_matter(text, where)
    if problem is not None:
        return None, [problem]
    item, problems = build_item(src, meta, line_of, body)
    if item is not None:
        item.passages = passages(body)
    return item, problems


# --- passages (read in context by core/passages.py and core/search.py) -----------------

#: an item's passages kept (its first ones: a guide says what it is about early)
PER_ITEM = 24
#: a passage has at least this many words (shorter lines are headings, code, labels)
MIN_WORDS = 4

_FRONT_MATTER = re.compile(r"\A---\r?\n.*?\r?\n---\r?\n", re.S)
_CODE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
_BREAKS = re.compile(r"\r?\n\s*\r?\n|\r?\n(?=\s*(?:[-*+]|\d+[.)])\s)")
_LIST_MARK = re.compile(r"\A\s*(?:[-*+]|\d+[.)])\s+")
_MARKUP = re.compile(r"[#>*`_\[\]()|]+")


def passages(markdown: str) -> list[str]:
    """The passages of an item's Markdown: paragraphs and list entries, markup and
    code blocks taken out, those of :data:`MIN_WORDS` words or more, the first
    :data:`PER_ITEM`."""
    body = _CODE.sub("", _FRONT_MATTER.sub("", markdown, count=1))
    found = []
    for part in _BREAKS.split(body):
        text = " ".join(_MARKUP.sub(" ", _LIST_MARK.sub("", part)).split())
        if len(text.split()) >= MIN_WORDS:
            found.append(text)
            if len(found) == PER_ITEM:
                break
    return found



def split_front_matter(
    text: str, where: str
) -> tuple[dict[str, Any], dict[str, int], str, Problem | None]:
    """Separate YAML front matter from the Markdown body.

    Returns (meta, line of each key, body, problem).
    """
    if not text.startswith("---\n") and text.rstrip("\n") != "---":
        return {}, {}, text, None
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return {}, {}, "", Problem(where, 1, "error",
                                      "front matter starts with '---' but never ends; skipped")
    yaml_text = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1:])
    loader = _yaml_loader(yaml_text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        last = max(end - 2, 0)  # the last line of the YAML text, counted from 0
        line = (min(mark.line, last) + 2) if mark is not None else 2
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, {}, "", Problem(where, line, "error",
                                      f"bad YAML in front matter: {reason}; skipped")
    finally:
        loader.dispose()
    if data is None:
        return {}, {}, body, None
    if not isinstance(data, dict):
        return {}, {}, "", Problem(where, 2, "error",
                                      "front matter must be a mapping of keys to values; skipped")
    line_of: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            line_of[str(key_node.value)] = key_node.start_mark.line + 2
    return {str(k): v for k, v in data.items()}, line_of, body, None


# --- Markdown -------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
_MNEMONIC = re.compile(r"(?<=\w)\[(\w{1,3})\]|\[(\w{1,3})\](?=\w)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_INLINE_MARKUP = re.compile(r"[{\[<*_`]")


def plain(text: str) -> str:
    """Markdown inline syntax → readable text."""
    if not _INLINE_MARKUP.search(text):
        return text.strip()
    text = _PLACEHOLDER.sub(r"\1", text)
    text = _MNEMONIC.sub(lambda m: m.group(1) or m.group(2), text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    return _EMPHASIS.sub("", text).strip()


@dataclass
class MarkdownParts:
    title: str | None
    summary: str
    headings: list[str]
    code: list[str]
    text: str


def _aside(params: str, _markup: str) -> bool:
    """Any named Docusaurus admonition (``:::tip``, ``:::note Title``…); a bare ``:::``
    only closes one."""
    return bool(params.strip())


def _new_parser() -> MarkdownIt:
    """CommonMark blocks, GFM tables, MkDocs admonitions (``!!! note``, ``??? tip`` with an
    indented body) and Docusaurus ones (``:::tip`` … ``:::``). Inline markup is left as text
    for :func:`plain`: parsing it would cost more than the rest and give nothing indexed."""
    return (MarkdownIt("commonmark")
            .disable(["inline", "text_join"])
            .enable("table")
            .use(admon_plugin)
            .use(container_plugin, name="aside", validate=_aside))


#: Block rules that can only start where one of their markers is in the text. The parser
#: tries every rule at the start of every block; leaving out those that cannot match
#: saves a fifth of the parse of a tldr page, and the tokens are the same.
_RULE_MARKERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("table", ("|",)),
    ("code", ("    ", "\t")),
    ("fence", ("```", "~~~")),
    ("blockquote", (">",)),
    ("reference", ("]:",)),
    ("html_block", ("<",)),
    ("heading", ("#",)),
    ("admonition", ("!!!", "???")),
    ("container_aside", (":::",)),
)
_PARSERS: dict[tuple[bool, ...], MarkdownIt] = {}


def _parser_for(body: str) -> MarkdownIt:
    """The parser with only the block rules that can match in ``body``."""
    key = tuple(any(marker in body for marker in markers) for _, markers in _RULE_MARKERS)
    parser = _PARSERS.get(key)
    if parser is None:
        parser = _new_parser()
        unused = [name for (name, _), used in zip(_RULE_MARKERS, key, strict=True)
                  if not used]
        if unused:
            parser.disable(unused)
        _PARSERS[key] = parser
    return parser


_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_TAG = re.compile(r"<[^>]*>")
_TASK = re.compile(r"\[[ xX]\]\s+")
_CODE_SPAN = re.compile(r"(`+)([^`](?:.*[^`])?)\1", re.S)
_MORE_INFORMATION = "more information:"


def _code_span(content: str) -> str | None:
    """The code of a paragraph that is one code span (`` `tar xf a.tar` ``), else None."""
    if content[:1] != "`" or content[-1:] != "`":
        return None
    if "`" not in content[1:-1]:  # the usual case: `tar xf {{archive}}`
        return plain(content[1:-1]) if content[1:-1].strip() else None
    match = _CODE_SPAN.fullmatch(content)
    if match is None:
        return None
    fence, code = match.groups()
    if re.search(f"(?<!`){fence}(?!`)", code):  # closes earlier: more than one span
        return None
    return plain(code)


def _lines(content: str) -> Iterator[str]:
    """The non-blank lines of a block's text, stripped."""
    for raw in content.split("\n"):
        line = raw.strip()
        if line:
            yield line


_Handler = Callable[["_Reader", list[Token], int], None]


class _Reader:
    """One pass over the block tokens of a body, filling :class:`MarkdownParts`.

    :data:`_HANDLERS` names a handler for each token type that matters; a handler gets the
    tokens and its token's index, as a block's text is in the ``inline`` token after its
    ``*_open`` token."""

    def __init__(self) -> None:
        self.title: str | None = None
        self.quote: list[str] = []
        self.summary: list[str] = []
        self.headings: list[str] = []
        self.code: list[str] = []
        self.text: list[str] = []
        self.lists: list[str] = []  # the open lists' token types, innermost last
        self.items: list[bool] = []  # per open list item: whether its first block was read
        self.quotes = 0  # open block quotes
        self.asides = 0  # open admonitions: searchable, never the title or summary
        self.first_quote = True  # no block quote has ended yet (the first is the summary)
        self.row: list[str] = []

    def read(self, tokens: list[Token]) -> MarkdownParts:
        handlers = _HANDLERS
        for i, tok in enumerate(tokens):
            handler = handlers.get(tok.type)
            if handler is not None:
                handler(self, tokens, i)
        summary = self.quote or self.summary
        return MarkdownParts(self.title, " ".join(summary), self.headings, self.code,
                             "\n".join(self.text))

    def heading(self, tokens: list[Token], i: int) -> None:
        content = plain(tokens[i + 1].content)
        if (tokens[i].tag == "h1" and self.title is None
                and not (self.quotes or self.asides)):
            self.title = content
        elif content:
            self.headings.append(content)

    def paragraph(self, tokens: list[Token], i: int) -> None:
        """Where a paragraph is says what it is."""
        content = tokens[i + 1].content
        if self.quotes:
            self.quoted(content)
        elif self.items and not self.items[-1]:
            self.items[-1] = True
            self.item_lead(content)
        elif self.lists or self.asides:
            self.prose(content)
        else:
            self.top_paragraph(content)

    def top_paragraph(self, content: str) -> None:
        """A paragraph outside lists, quotes and asides: the summary when it is the first
        with words once images are left out."""
        code = _code_span(content)
        if code is not None:
            self.code.append(code)
            return
        if not self.summary:
            words = _IMAGE.sub("", content) if "!" in content else content
            self.summary = [w for w in map(plain, _lines(words)) if w]
        self.text.extend(map(plain, _lines(content)))

    def prose(self, content: str) -> None:
        code = _code_span(content)
        if code is not None:
            self.code.append(code)
        else:
            self.text.extend(map(plain, _lines(content)))

    def item_lead(self, content: str) -> None:
        """The first paragraph of a list item: a one-line bullet item ending in ``:`` names
        the example after it (tldr pages); a task-list box is dropped."""
        task = _TASK.match(content) if content[:1] == "[" else None
        if task is not None:
            content = content[task.end():]
        if self.lists[-1] == "bullet_list_open" and content.endswith(":") and (
                "\n" not in content):
            self.headings.append(plain(content[:-1]))
        else:
            self.text.extend(map(plain, _lines(content)))

    def quoted(self, content: str) -> None:
        """A block quote's text, but for tldr's ``More information: <url>`` line; the
        first quote outside asides is the summary."""
        lines = [plain(line) for line in _lines(content)
                 if not line.lower().startswith(_MORE_INFORMATION)]
        if self.first_quote and not self.asides:
            self.quote.extend(lines)
        self.text.extend(lines)

    def list_open(self, tokens: list[Token], i: int) -> None:
        self.lists.append(tokens[i].type)

    def list_close(self, tokens: list[Token], i: int) -> None:
        self.lists.pop()

    def item_open(self, tokens: list[Token], i: int) -> None:
        self.items.append(False)

    def item_close(self, tokens: list[Token], i: int) -> None:
        self.items.pop()

    def quote_open(self, tokens: list[Token], i: int) -> None:
        self.quotes += 1

    def quote_close(self, tokens: list[Token], i: int) -> None:
        self.quotes -= 1
        if not self.quotes and self.quote:
            self.first_quote = False

    def aside_open(self, tokens: list[Token], i: int) -> None:
        self.asides += 1

    def aside_close(self, tokens: list[Token], i: int) -> None:
        self.asides -= 1

    def row_open(self, tokens: list[Token], i: int) -> None:
        self.row = []

    def cell(self, tokens: list[Token], i: int) -> None:
        cell = plain(tokens[i + 1].content)
        if cell:
            self.row.append(cell)

    def row_close(self, tokens: list[Token], i: int) -> None:
        """A table row is one line of text: its cells without pipes."""
        if self.row:
            self.text.append(" ".join(self.row))

    def code_block(self, tokens: list[Token], i: int) -> None:
        content = tokens[i].content.rstrip("\n")
        self.code.append("\n".join(line.rstrip() for line in content.split("\n")))

    def html(self, tokens: list[Token], i: int) -> None:
        content = tokens[i].content
        if content.lstrip().startswith("<!--"):
            return
        words = _TAG.sub(" ", content).split()
        if words:
            self.text.append(" ".join(words))


_HANDLERS: dict[str, _Handler] = {
    "heading_open": _Reader.heading,
    "paragraph_open": _Reader.paragraph,
    "bullet_list_open": _Reader.list_open, "ordered_list_open": _Reader.list_open,
    "bullet_list_close": _Reader.list_close, "ordered_list_close": _Reader.list_close,
    "list_item_open": _Reader.item_open, "list_item_close": _Reader.item_close,
    "blockquote_open": _Reader.quote_open, "blockquote_close": _Reader.quote_close,
    "admonition_open": _Reader.aside_open, "admonition_close": _Reader.aside_close,
    "container_aside_open": _Reader.aside_open, "container_aside_close": _Reader.aside_close,
    "tr_open": _Reader.row_open, "tr_close": _Reader.row_close,
    "th_open": _Reader.cell, "td_open": _Reader.cell,
    "fence": _Reader.code_block, "code_block": _Reader.code_block,
    "html_block": _Reader.html,
}


def parse_markdown(body: str) -> MarkdownParts:
    """Title (first level-1 heading, ``# x`` or setext), summary (first block quote, else
    first paragraph that is not a list, table, image, admonition or HTML), headings and
    example leads (other headings, bullet items ending in ``:``), code (fenced, indented,
    paragraphs that are one code span), plain text.

    HTML blocks give neither title nor summary; comments give no text at all."""
    return _Reader().read(_parser_for(body).parse(body))


#: The whole of CommonMark, to find raw HTML (blocks and inline) for the preview.
_PREVIEW_PARSER = MarkdownIt("commonmark")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_HTML_DROPPED = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)", re.S | re.I)
_HTML_VOID = re.compile(
    r"<(area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)\b([^>]*?)/?>",
    re.I)


#: The opening tag of a raw-text element not closed before the next blank line (CommonMark
#: would make the rest of the file part of it, as a browser would hide it).
_UNCLOSED_RAW = re.compile(
    r"\s*<(script|style|pre|textarea)\b[^>]*>(?!(?:(?!\n[ \t]*\n)[\s\S])*</\1\s*>)", re.I)


def _tame_html(fragment: str) -> str:
    fragment = _HTML_DROPPED.sub("", _HTML_COMMENT.sub("", fragment))
    return _HTML_VOID.sub(r"<\1\2/>", fragment)


def preview_markdown(body: str) -> str:
    """``body`` made safe to hand to Qt's Markdown reader, which drops everything after an
    unclosed ``<img>``, ``<br>`` or ``<script src=…>``: comments, scripts and styles are
    removed from raw HTML and void elements are closed (``<img …/>``). Code is untouched."""
    if "<" not in body:
        return body
    lines = body.split("\n")
    tokens = _PREVIEW_PARSER.parse(body)
    for _ in range(100):  # an unclosed <script> makes the rest of the file one HTML block
        unclosed = next((t for t in tokens if t.type == "html_block" and t.map
                         and _UNCLOSED_RAW.match(t.content)), None)
        if unclosed is None or unclosed.map is None:
            break
        first = unclosed.map[0]
        lines[first] = _UNCLOSED_RAW.sub("", lines[first], count=1)
        tokens = _PREVIEW_PARSER.parse("\n".join(lines))
    for tok in tokens:
        if tok.map is None:
            continue
        start, end = tok.map
        if tok.type == "html_block":
            tamed = _tame_html("\n".join(lines[start:end]))
            lines[start:end] = [tamed, *[""] * (end - start - 1)]  # keep the line count
        elif tok.type == "inline" and tok.children:
            for child in tok.children:
                if child.type == "html_inline":
                    for n in range(start, end):
                        if child.content in lines[n]:
                            lines[n] = lines[n].replace(child.content,
                                                        _tame_html(child.content), 1)
                            break
    return "\n".join(lines)


# --- Front matter → item --------------------------------------------------------------

def _text(value: Any) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    return None


def _name(value: Any) -> str | None:
    text = _text(value)
    return text or None


def _str_list(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return [str(v).strip() for v in value if str(v).strip()]
    return None


def _lower_list(value: Any) -> list[str] | None:
    items = _str_list(value)
    return None if items is None else [v.lower() for v in items]


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], str | None]:
    def read(value: Any) -> str | None:
        return value if value in choices else None
    return read


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


_DURATION = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?)\s*$",
    re.IGNORECASE)


def parse_duration(value: Any) -> int | None:
    """``"90s"``, ``"2m"``, ``"1h"``, ``"2:30"`` → seconds; a bare number means minutes."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value * 60) if value >= 0 else None
    if not isinstance(value, str):
        return None
    match = _DURATION.match(value)
    if match:
        number, unit = float(match.group(1)), match.group(2)[0].lower()
        return int(number * {"s": 1, "m": 60, "h": 3600}[unit])
    if ":" in value:
        seconds = parse_timestamp(value)
        return int(seconds) if seconds is not None else None
    return None


_PERIOD = re.compile(r"^\s*(\d+)\s*(d|days?|w|weeks?|m|months?|y|years?)\s*$", re.IGNORECASE)
_PERIOD_UNIT: dict[str, Callable[[int], relativedelta]] = {
    "d": lambda n: relativedelta(days=n), "w": lambda n: relativedelta(weeks=n),
    "m": lambda n: relativedelta(months=n), "y": lambda n: relativedelta(years=n)}


def parse_period(every: Any) -> relativedelta | None:
    """``"6 months"``, ``"90 days"``, ``"2w"``, ``"1y"``; an int is days."""
    if isinstance(every, bool):
        return None
    if isinstance(every, int):
        return relativedelta(days=every)
    match = _PERIOD.match(str(every))
    if not match:
        return None
    return _PERIOD_UNIT[match.group(2)[0].lower()](int(match.group(1)))


def review_due(reviewed: dt.date, every: str | int) -> dt.date | None:
    """The date ``reviewed + every``, by the calendar (31 August + 6 months is 28 February)."""
    period = parse_period(every)
    return None if period is None else reviewed + period


def _review_every(value: Any) -> str | None:
    return str(value) if parse_period(value) is not None else None


def parse_app_rules(value: Any) -> list[AppRule] | None:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return None
    rules: list[AppRule] = []
    for entry in value:
        if isinstance(entry, str) and entry.strip():
            rules.append(AppRule(name=entry.strip()))
        elif isinstance(entry, dict):
            keys = set(entry) - {"app", "process", "wm_class", "title", "os"}
            if keys or not entry or not all(isinstance(v, str) for v in entry.values()):
                return None
            os_name = entry.get("os")
            if os_name is not None and os_name not in OSES:
                return None
            rules.append(AppRule(name=entry.get("app"), process=entry.get("process"),
                                 wm_class=entry.get("wm_class"), title=entry.get("title"),
                                 os=os_name))
        else:
            return None
    return rules


def parse_chapters(value: Any) -> list[Chapter] | None:
    if not isinstance(value, list):
        return None
    chapters = []
    for entry in value:
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
            return None
        at = parse_timestamp(entry.get("at"))
        if at is None:
            return None
        chapters.append(Chapter(at, entry["title"]))
    return sorted(chapters, key=lambda c: c.at)


class PartlyWrong(Exception):
    """A value with wrong parts: ``keep`` is what is still used, ``messages`` say why."""

    def __init__(self, keep: Any, messages: list[str]) -> None:
        super().__init__(messages)
        self.keep = keep
        self.messages = messages


def _questions(value: Any) -> list[Question]:
    questions, errors = parse_questions(value)
    if errors:
        raise PartlyWrong(questions, errors)
    return questions


def _language(value: Any) -> str | None:
    return languages.normalize(value) if isinstance(value, str) else None


@dataclass(frozen=True)
class Field:
    """One front-matter key.

    ``read`` turns a YAML value into the item's attribute, or returns None when the
    value is wrong: then lint says "'key' must be <expected>, got …; ignored" and the
    attribute keeps its default. A reader may raise :class:`PartlyWrong` to keep the good
    part and report each bad one. ``needed_by`` lists the kinds that must have the key.
    """

    key: str
    read: Callable[[Any], Any]
    expected: str
    needed_by: tuple[str, ...] = ()
    what: str = ""  # how lint names the value when a kind needs it


FIELDS: tuple[Field, ...] = (
    Field("id", _name, "a non-empty string"),
    Field("title", _text, "a string"),
    Field("summary", _text, "a string"),
    Field("kind", _one_of(KINDS), "one of " + ", ".join(KINDS)),
    Field("lang", _language, "a language tag such as de, fr or pt-BR (BCP 47)"),
    Field("tags", _lower_list, "a list of strings"),
    Field("topics", _str_list, "a list of strings"),
    Field("apps", parse_app_rules,
          "a list of app ids/globs or mappings of process, wm_class, title, os"),
    Field("level", _one_of(LEVELS), "one of " + ", ".join(LEVELS)),
    Field("duration", parse_duration, "a duration such as 90s, 2m, 1h or 2:30"),
    Field("owner", _text, "a string"),
    Field("reviewed", _date, "a date (YYYY-MM-DD)"),
    Field("review_every", _review_every, "a period such as '90 days', '6 months' or '1 year'"),
    Field("expires", _date, "a date (YYYY-MM-DD)"),
    Field("version", _text, "a string"),
    Field("related", _str_list, "a list of strings"),
    Field("prerequisites", _str_list, "a list of strings"),
    Field("video", _text, "a string", needed_by=("video",), what="(a file or URL)"),
    Field("transcript", _text, "a string"),
    Field("chapters", parse_chapters, "a list of {at: M:SS, title: text}"),
    # extensions to the contract (documented in docs/CONTENT.md)
    Field("os", _one_of(OSES), "one of " + ", ".join(OSES)),
    Field("url", _text, "a string", needed_by=("link",)),
    Field("questions", _questions, "a list of {ask, choices or answer}"),
    Field("checks", _text, "a string"),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}
KNOWN_KEYS = frozenset(FIELD_BY_KEY)


def os_from_path(relpath: str) -> str | None:
    for part in relpath.split("/")[:-1]:
        name = OS_FOLDERS.get(part.lower())
        if name:
            return name
    return None


#: Reports an error on the line of a front-matter key: ``error(key, message)``.
ErrorAt = Callable[[str, str], None]


def build_item(src: SourceFile, meta: dict[str, Any], line_of: dict[str, int], body: str
               ) -> tuple[Item, list[Problem]]:
    """Fill an item from front matter (read by :data:`FIELDS`) and body; a key with a wrong
    value is dropped and reported, the item is still built. A translation (``x.de.md``)
    starts from its original (``x.md``): what it leaves out is the original's."""
    where = src.path
    problems: list[Problem] = []

    def error(key: str, message: str) -> None:
        problems.append(Problem(where, line_of.get(key, 1), "error", message))

    md = parse_markdown(body)
    variant = original_of(src.path)
    original = _load_original(src, variant[0]) if variant else None
    if variant and original is None:  # (or a name such as trunk.io.md: no translation)
        problems.append(Problem(where, 1, "warning", "translation without its original: "
                                f"expected {Path(variant[0]).name} beside it; indexed as "
                                f"an item of its own, '{item_id_for(src.relpath)}'"))
    if original is not None and variant is not None:
        item = _translation(src, original, md, variant[1], line_of)
    else:
        item = Item(
            id=item_id_for(src.relpath),
            root=str(src.root),
            path=src.path,
            title=md.title or Path(src.relpath).stem,
            summary=md.summary,
            lang=src.lang,
            topics=[d for d in src.relpath.split("/")[:-1]
                    if d.lower() not in OS_FOLDERS and d != "common"],
            body=md.text,
            headings=md.headings,
            code=md.code,
            os=os_from_path(src.relpath),
            line_of=line_of,
        )
    _read_front_matter(item, meta, problems, error)
    if original is not None:
        _keep_identity(item, original, error)
    for spec in FIELDS:
        if item.kind in spec.needed_by and not getattr(item, spec.key):
            error("kind", f"a {item.kind} item needs '{spec.key}'"
                  + (f" {spec.what}" if spec.what else ""))
    folder = Path(src.path).parent
    if original is not None and "transcript" not in meta:
        item.transcript = _transcript_in(item.lang, original.transcripts) or item.transcript
    _check_transcript(item, folder, src.root, problems, error)
    if item.transcript:
        item.transcripts = _transcripts(item.transcript, folder,
                                        original.lang if original else item.lang)
    _check_video(item, folder, src.root, error)
    if item.kind == "quiz":
        if original is not None and "questions" not in meta:
            _translated_questions(item, body, problems)
        else:
            _check_quiz(item, "questions" in meta, body, problems, error)
    return item, problems


def _load_original(src: SourceFile, path: str) -> Item | None:
    """The item a translation translates, as its own file gives it (its problems are
    its own file's: not reported again here)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    relpath = src.relpath.rpartition("/")[0]
    relpath = f"{relpath}/{Path(path).name}" if relpath else Path(path).name
    item, _ = load_file(SourceFile(src.root, path, relpath, st.st_size, st.st_mtime_ns,
                                   src.lang))
    return item


def _translation(src: SourceFile, original: Item, md: MarkdownParts, lang: str,
                 line_of: dict[str, int]) -> Item:
    """A translation before its own front matter is read: the original, with the
    translation's file, language and (when it has a body) text."""
    item = dataclasses.replace(original, path=src.path, lang=lang, original=original.path,
                               line_of=line_of, extra={})
    if md.title or md.summary or md.text or md.headings or md.code:
        item.title = md.title or original.title
        item.summary = md.summary or original.summary
        item.body, item.headings, item.code = md.text, md.headings, md.code
    return item


def _keep_identity(item: Item, original: Item, error: ErrorAt) -> None:
    """A translation is its original in another language: same id, same kind."""
    if item.id != original.id:
        error("id", f"a translation keeps the id of its original ('{original.id}'); "
              f"'{item.id}' ignored")
        item.id = original.id
    if item.kind != original.kind:
        error("kind", f"a translation has the kind of its original ({original.kind}), "
              f"not {item.kind}; ignored")
        item.kind = original.kind


def _transcript_in(lang: str, transcripts: dict[str, str]) -> str | None:
    """The transcript in ``lang`` among an item's transcripts, if there is one."""
    chosen = languages.pick([lang], transcripts, default="")
    return transcripts[chosen] if chosen else None


def _transcripts(named: str, folder: Path, lang: str) -> dict[str, str]:
    """The transcripts of one video by language: the file ``named`` without a language
    suffix (``talk.vtt``, in ``lang``: the original item's) and its translations beside
    it (``talk.de.vtt``), as paths from the item's folder."""
    where, slash, name = named.rpartition("/")
    extension = Path(name).suffix.lower()
    variant = split_suffix(name, extension)
    first = variant[0] if variant else name
    found: dict[str, str] = {}
    try:
        names = sorted(os.listdir(folder / where)) if extension else []
    except OSError:
        return found
    for other in names:
        if other == first:
            found.setdefault(lang, where + slash + other)
            continue
        translated = split_suffix(other, extension)
        if translated is not None and translated[0] == first:
            found.setdefault(translated[1], where + slash + other)
    return dict(sorted(found.items()))


def _translated_questions(item: Item, body: str, problems: list[Problem]) -> None:
    """A translated quiz asks its own questions when its body has them, else the
    original's."""
    questions, errors = questions_from_markdown(body)
    if questions:
        item.questions = questions
        problems.extend(Problem(item.path, 1, "error", e) for e in errors)


def _read_front_matter(item: Item, meta: dict[str, Any], problems: list[Problem],
                       error: ErrorAt) -> None:
    """Set each known key's value on ``item``; keep unknown keys in ``item.extra``."""
    for key, value in meta.items():
        spec = FIELD_BY_KEY.get(key)
        if spec is None:
            problems.append(Problem(item.path, item.line_of.get(key, 1), "warning",
                                    f"unknown key '{key}' (kept, but nothing uses it)"))
            item.extra[key] = value
        elif value is not None:
            try:
                read = spec.read(value)
            except PartlyWrong as partly:
                read = partly.keep
                for message in partly.messages:
                    error(key, message)
            if read is None:
                error(key, f"'{key}' must be {spec.expected}, got {value!r:.60}; ignored")
            else:
                setattr(item, key, read)


def _check_transcript(item: Item, folder: Path, root: Path, problems: list[Problem],
                      error: ErrorAt) -> None:
    """Load the transcript's cues; one outside the content folder is ignored."""
    if not item.transcript:
        return
    transcript_path = inside(folder / item.transcript, root)
    if transcript_path is None:
        error("transcript", f"transcript is outside the content folder: {item.transcript}; "
              "ignored")
        item.transcript = None
    elif transcript_path.is_file():
        cues, cue_problems = load_transcript(transcript_path)
        item.cues = cues
        problems.extend(cue_problems)
    else:
        error("transcript", f"transcript file not found: {item.transcript}")


def _check_video(item: Item, folder: Path, root: Path, error: ErrorAt) -> None:
    """A local video must be a file inside the content folder (a URL is not checked)."""
    if not item.video or "://" in item.video:
        return
    video_path = inside(folder / item.video, root)
    if video_path is None:
        error("video", f"video file is outside the content folder: {item.video}; ignored")
        item.video = None
    elif not video_path.is_file():
        error("video", f"video file not found: {item.video}")


def _check_quiz(item: Item, in_front_matter: bool, body: str, problems: list[Problem],
                error: ErrorAt) -> None:
    """A quiz's questions come from the front matter, else from the body's Markdown."""
    if not in_front_matter:
        questions, errors = questions_from_markdown(body)
        item.questions = questions
        problems.extend(Problem(item.path, 1, "error", e) for e in errors)
    if not item.questions:
        error("kind", "a quiz item needs questions ('questions:' in the front matter, "
              "or '## question' with '- [x]' choices)")


def load_file(src: SourceFile) -> tuple[Item | None, list[Problem]]:
    data, problem = read_source(src)
    if problem is not None or data is None:
        return None, [problem] if problem else []
    return parse_item(src, data)


def iter_items(roots: list[Path]) -> Iterator[tuple[Item | None, list[Problem]]]:
    """Every item of every root, with its problems (used by lint and full rebuilds)."""
    for root in roots:
        files, problems = scan_root(root)
        for p in problems:
            yield None, [p]
        for src in files:
            yield load_file(src)
