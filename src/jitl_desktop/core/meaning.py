"""Meaning beyond the author's words: a small static embedding model that places a
question near the items about the same thing even when they share no word ("storage
almost used up" → "Find what is filling your disk").

The model is WordLlama's ``l2_supercat`` (MIT licence, by Lee Miller): one 256-number
vector per token of the Llama 2 tokenizer, trained so that the average of a text's
token vectors says what the text is about. It ships inside the ``wordllama`` wheel on
Linux, Windows and macOS; this module reads its two files (the token vectors, mapped
from their safetensors file, and the tokenizer, with ``tokenizers``) and never imports
the package, which would want to download. No network, no second process: a text's
vector is a table lookup and a mean, tens of microseconds.

Without the model (not installed, a damaged file) :func:`model` is None and search
ranks by words alone.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import struct
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jitl_desktop.core import gloss
from jitl_desktop.core.system import loaded_once

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

PACKAGE = "wordllama"
WEIGHTS = "weights/l2_supercat_256.safetensors"
TENSOR = "embedding.weight"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
#: numbers per vector, and the bytes one vector takes in the index (float16)
SIZE = 256
VECTOR_BYTES = SIZE * 2
#: tokens read of one text: an item's title, summary and headings, a question
MAX_TOKENS = 256
#: how much a text's English gloss counts beside the text (:meth:`Model.vector`)
GLOSS_SHARE = 1.0


class Model:
    """Texts → unit vectors (the mean of their token vectors, normalised)."""

    def __init__(self, tokenizer: Any, table: np.ndarray) -> None:
        self.tokenizer = tokenizer
        self.table = table

    def vector(self, text: str, lang: str | None = None) -> np.ndarray | None:
        """The unit vector of ``text`` (float32), None when it has no token. A text in
        a language with an English gloss (:mod:`core.gloss`: German) is read twice, as
        written and glossed, and its vector is the sum of the two readings'."""
        own = self._mean(text)
        english = gloss.english(text, lang)
        if not english or own is None:
            return own
        other = self._mean(english)
        if other is None:
            return own
        import numpy as np

        both = own + GLOSS_SHARE * other
        norm = float(np.linalg.norm(both))
        return both / norm if norm else own

    def _mean(self, text: str) -> np.ndarray | None:
        import numpy as np

        ids = self.tokenizer.encode(text, add_special_tokens=False).ids[:MAX_TOKENS]
        if not ids:
            return None
        mean = self.table[ids].astype(np.float32).mean(axis=0)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm else None

    def vector_bytes(self, text: str, lang: str | None = None) -> bytes:
        """:meth:`vector` as the index stores it (float16 bytes; empty: no vector)."""
        return _stored(self.vector(text, lang))

    def item_vector(self, title: str, summary: str, body: str = "",
                    lang: str | None = None) -> np.ndarray | None:
        """What an item is about: the vector of its title and summary
        (:func:`item_text`), plus :data:`BODY_SHARE` of the vector of the same with
        the start of its body (where the symptoms and steps are said: "the screen
        turns off after a few minutes" under "Set screen blanking time"), as one unit
        vector. Two readings summed rather than one text: the title and summary keep
        their weight however long the body is (measured in benchmarks/RESULTS.md)."""
        said_first = item_text(title, summary, body)
        about = self.vector(said_first, lang)
        # the body beyond the summary (a tldr page's body is its summary, nothing more)
        text, said = " ".join(body[:BODY_TEXT_CHARS].split()), " ".join(summary.split())
        if said and text.startswith(said):
            text = text[len(said):].strip()
        if about is None or not text or not BODY_SHARE:
            return about
        whole = self.vector(f"{said_first}. {text}", lang)
        if whole is None:
            return about
        import numpy as np

        both = about + BODY_SHARE * whole
        norm = float(np.linalg.norm(both))
        return both / norm if norm else about

    def item_bytes(self, title: str, summary: str, body: str = "",
                   lang: str | None = None) -> bytes:
        """:meth:`item_vector` as the index stores it."""
        return _stored(self.item_vector(title, summary, body, lang))


def _stored(vector: np.ndarray | None) -> bytes:
    """A vector as the index stores it (float16 bytes; empty: no vector)."""
    import numpy as np

    return b"" if vector is None else vector.astype(np.float16).tobytes()


def describe() -> dict[str, Any]:
    """What ``diagnose`` says of the model: where it is and whether it loads."""
    folder = _package_dir()
    loaded = model()
    return {"model": "WordLlama l2_supercat (256)", "folder": str(folder) if folder else None,
            "loaded": loaded is not None,
            "effect": "words and meaning" if loaded is not None else
            "words alone (the wordllama package is missing or its files are damaged)"}


def available() -> bool:
    """Whether the model's package is installed (without loading it)."""
    return _package_dir() is not None


def _package_dir() -> Path | None:
    """Where the model's package is installed, found without importing it (in a
    PyInstaller bundle: its two files, beside the program)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        folder = Path(bundle) / PACKAGE
        return folder if (folder / WEIGHTS).is_file() else None
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@loaded_once
def model() -> Model | None:
    """The model, loaded once (about 0.1 s; the vectors are mapped, not read); None
    when it is not there."""
    try:
        folder = _package_dir()
        if folder is None:
            log.info("no %s package: search ranks by words alone", PACKAGE)
            return None
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(folder / TOKENIZER))
        return Model(tokenizer, _mapped_table(folder / WEIGHTS))
    except Exception as exc:  # a missing or damaged file must not stop search
        log.warning("cannot load the meaning model (%s): search ranks by words alone", exc)
        return None


#: characters of the body that stand in for a missing summary
BODY_CHARS = 300
#: how much an item's body counts in its vector beside its title and summary, and how
#: much of the body is read (:meth:`Model.item_vector`; the model reads at most
#: MAX_TOKENS tokens of it)
BODY_SHARE = 0.5
BODY_TEXT_CHARS = 2000


def _mapped_table(path: Path) -> np.ndarray:
    """The token vectors of a safetensors file, mapped rather than read: only the pages
    of the tokens a search meets take memory. The format is an 8-byte little-endian
    header length, a JSON header (dtype, shape, data offsets), then the raw numbers."""
    import numpy as np

    with path.open("rb") as fh:
        (length,) = struct.unpack("<Q", fh.read(8))
        if not 2 <= length <= 1 << 20:
            raise ValueError(f"not a safetensors file (header of {length} bytes)")
        header = json.loads(fh.read(length))
    entry = header.get(TENSOR)
    if not isinstance(entry, dict) or entry.get("dtype") != "F16":
        raise ValueError(f"no float16 {TENSOR!r} in the file")
    rows, size = entry["shape"]
    start, end = entry["data_offsets"]
    if size != SIZE or end - start != rows * size * 2 or \
            8 + length + end > path.stat().st_size:
        raise ValueError(f"unexpected shape {entry['shape']} or offsets {entry['data_offsets']}")
    return np.memmap(path, dtype=np.float16, mode="r", offset=8 + length + start,
                     shape=(rows, size))


def item_text(title: str, summary: str, body: str = "") -> str:
    """What an item's vector is made of: what it is about (its title and summary),
    not every word of it (the average of a whole page, or of tldr's dozen examples,
    says less about its subject: measured in benchmarks/RESULTS.md)."""
    return ". ".join(part for part in (title, summary or body[:BODY_CHARS]) if part)
