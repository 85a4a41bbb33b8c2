"""Meaning in context: a small transformer that reads a question's words together, so
that "beamer shows no picture" is about a projector that stays dark rather than the sum
of "beamer", "shows", "no" and "picture" (what the static model of
:mod:`core.meaning` reads).

Two models read, each its own languages (:data:`READERS`):

- English: ``all-MiniLM-L6-v2`` (sentence-transformers, Apache-2.0): six layers, one
  384-number vector per text, the mean of its last layer's token vectors. It ships in
  ``core/data/context/`` as an ONNX file whose weights are int8
  (``tools/make_context_model.py`` made it from the published weights: 23 MB) with its
  tokenizer: a question's vector takes about 1.3 ms.
- German, French, Spanish, Italian, Portuguese and Dutch: ``multilingual-e5-small``
  (MIT): twelve layers, 384 numbers, told whether it reads a question or a passage. It
  ships in ``core/data/multilingual/`` (``tools/make_multilingual_model.py``: int8
  layers, a 4-bit word table, 38 MB), and loads only when an item or a question in one
  of its languages is read: a question's vector takes about 5 ms. Its cosines
  are close together (a question and an unrelated item about 0.81, its answer about
  0.87): :func:`calibrated` puts them on the English model's scale.

Both run on onnxruntime, on one thread. The index keeps one store of vectors for both
(core/incontext.py): a text the second model reads is marked (:func:`marked`).
Measured in benchmarks/RESULTS.md.

Without onnxruntime or with a damaged model file, :func:`model` is None and search uses
the static model alone (one warning).
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jitl_desktop.core.system import loaded_once

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

FOLDER = Path(__file__).resolve().parent / "data" / "context"
MODEL_FILE = "all-minilm-l6-v2.int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
#: numbers per vector, and the bytes one vector takes when kept (float16: core/incontext.py)
SIZE = 384
VECTOR_BYTES = SIZE * 2
#: tokens read of one text (a title is a few)
MAX_TOKENS = 128
#: what an item's vector is made of (core/reading.py ``context_text``; a change rebuilds)
TEXT = "title and summary"
#: the questions whose vectors a model keeps (a question settled is searched again, and
#: a word typed and taken back asks again what was asked a moment before)
KEPT_QUESTIONS = 64


@dataclass(frozen=True)
class Reader:
    """One model that reads texts in context, and the languages it reads."""

    name: str
    folder: str
    model_file: str
    languages: frozenset[str]
    #: what the model is told before a question, and before an item's or passage's text
    query_prefix: str = ""
    text_prefix: str = ""
    #: what starts a text of its in the index (the two models' vectors share one store)
    mark: str = ""
    #: a question's cosine with an unrelated item, and how far they spread: mapped onto
    #: the English model's (:data:`SCALE`) by :func:`calibrated`
    scale: tuple[float, float] | None = None


ENGLISH = Reader("all-MiniLM-L6-v2 (int8, 384)", "context", MODEL_FILE,
                 frozenset(["en"]))
MULTILINGUAL = Reader("multilingual-e5-small (int8 and 4-bit, 384)", "multilingual",
                      "multilingual-e5-small.onnx",
                      frozenset(["de", "fr", "es", "it", "pt", "nl"]),
                      query_prefix="query: ", text_prefix="passage: ", mark="\x1d",
                      scale=(0.81, 0.022))
READERS = (ENGLISH, MULTILINGUAL)
#: the English model's cosines of a question and an unrelated item (mean, spread),
#: measured on the GNOME help questions (benchmarks/RESULTS.md)
SCALE = (0.08, 0.112)


def reader_for(lang: str | None) -> Reader | None:
    """The model that reads ``lang`` (None for a language neither reads)."""
    return next((r for r in READERS if lang in r.languages), None)


def marked(text: str, lang: str | None) -> str:
    """An item's or passage's ``text`` (in ``lang``) as the index keeps it for the model
    that reads it (empty when none does)."""
    reader = reader_for(lang)
    return reader.mark + text if reader is not None and text else ""


def reader_of(text: str) -> Reader:
    """Which model reads a text the index keeps (see :func:`marked`)."""
    return MULTILINGUAL if text.startswith(MULTILINGUAL.mark) else ENGLISH


def calibrated(reader: Reader, cosines: np.ndarray) -> np.ndarray:
    """``reader``'s cosines on the English model's scale (unchanged for it)."""
    if reader.scale is None:
        return cosines
    centre, spread = reader.scale
    return (cosines - centre) * (SCALE[1] / spread) + SCALE[0]


class ContextModel:
    """Texts → unit vectors (float32), read in context by one of :data:`READERS`."""

    def __init__(self, session: Any, tokenizer: Any, reader: Reader = ENGLISH) -> None:
        self.session = session
        self.tokenizer = tokenizer
        self.reader = reader
        self._question = functools.lru_cache(maxsize=KEPT_QUESTIONS)(self._read_question)

    def vector(self, text: str) -> np.ndarray | None:
        """The unit vector of ``text``; None when it has no token."""
        found = self.vectors([text])[0]
        return found if found.any() else None

    def question(self, text: str) -> np.ndarray | None:
        """A question's unit vector, as the model is told to read one (read-only: the
        last :data:`KEPT_QUESTIONS` are kept); None when it has no word."""
        return self._question(text) if text.strip() else None

    def _read_question(self, text: str) -> np.ndarray | None:
        found = self.vector(self.reader.query_prefix + text)
        if found is not None:
            found.flags.writeable = False
        return found

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """The unit vectors of ``texts`` as one matrix (a row of zeros for a text of no
        token). One text at a time: the int8 model scales its numbers by the whole
        input's range, so a text read beside others would get another vector than alone
        (cosine 0.97–0.99), and an item's vector would depend on the files indexed with
        it."""
        import numpy as np

        out = np.zeros((len(texts), SIZE), dtype=np.float32)
        for row, encoded in enumerate(self.tokenizer.encode_batch(list(texts))):
            if len(encoded.ids) > 2:  # more than the start and end marks
                ids = np.array([encoded.ids], dtype=np.int64)
                (found,) = self.session.run(None, {"input_ids": ids,
                                                   "attention_mask": np.ones_like(ids)})
                out[row] = found[0]
        return out


def read(texts: Sequence[str]) -> np.ndarray:
    """The vectors of texts as the index keeps them (:func:`marked`), each read by its
    model as an item's or passage's text. Every text's model must load
    (:func:`loads`)."""
    import numpy as np

    out = np.zeros((len(texts), SIZE), dtype=np.float32)
    for reader in READERS:
        rows = [i for i, text in enumerate(texts) if reader_of(text) is reader]
        found = model_for(reader) if rows else None
        if found is not None:
            out[rows] = found.vectors([reader.text_prefix + texts[i][len(reader.mark):]
                                       for i in rows])
    return out


def loads(text: str) -> bool:
    """Whether the model that reads a text the index keeps can load (loads it)."""
    return model_for(reader_of(text)) is not None


def available(reader: Reader = ENGLISH) -> bool:
    """Whether ``reader``'s model can load (onnxruntime installed, the model's files
    there), without loading it."""
    folder = _folder(reader)
    return (_runtime() and (folder / reader.model_file).is_file()
            and (folder / TOKENIZER_FILE).is_file())


def _runtime() -> bool:
    """Whether onnxruntime is installed."""
    return importlib.util.find_spec("onnxruntime") is not None


def _folder(reader: Reader = ENGLISH) -> Path:
    """Where a model's files are (in a PyInstaller bundle: beside the program)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "jitl_desktop" / "core" / "data" / reader.folder
    return FOLDER.parent / reader.folder


@loaded_once
def model() -> ContextModel | None:
    """The English model, loaded once (about 0.35 s); None when it cannot load."""
    return _load(ENGLISH)


@loaded_once
def multilingual() -> ContextModel | None:
    """The model of the other languages, loaded once, when first needed (about 0.6 s);
    None when it cannot load."""
    return _load(MULTILINGUAL)


def model_for(reader: Reader) -> ContextModel | None:
    """``reader``'s model, loaded once; None when it cannot load."""
    return model() if reader is ENGLISH else multilingual()


def _load(reader: Reader) -> ContextModel | None:
    folder = _folder(reader)
    if not _runtime():
        log.info("no onnxruntime: search reads meaning without context")
        return None
    try:
        import onnxruntime
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        tokenizer.no_padding()
        tokenizer.enable_truncation(MAX_TOKENS)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # the search thread's own core, no spinning pool
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # no arena of its own: it would keep what the longest text read needed (4 MB
        # less with a query as fast: benchmarks/RESULTS.md)
        options.enable_cpu_mem_arena = False
        session = onnxruntime.InferenceSession(str(folder / reader.model_file), options,
                                               providers=["CPUExecutionProvider"])
        found = ContextModel(session, tokenizer, reader)
        check = found.vector("a check")
        if check is None or check.shape != (SIZE,):
            raise ValueError("the model gives no vector of the expected size")
        return found
    except Exception as exc:  # a missing or damaged file must not stop search
        log.warning("cannot load the context model in %s (%s): search reads meaning "
                    "without context", folder, exc)
        return None


def describe() -> dict[str, Any]:
    """What ``diagnose`` says of the models (the second one is not loaded for this)."""
    loaded = model()
    return {"model": ENGLISH.name, "folder": str(_folder()),
            "loaded": loaded is not None, "languages": sorted(ENGLISH.languages),
            "effect": "questions in English read in context" if loaded is not None else
            "meaning without context (onnxruntime is missing or the model's files are "
            "damaged)",
            "multilingual": {"model": MULTILINGUAL.name,
                             "folder": str(_folder(MULTILINGUAL)),
                             "available": available(MULTILINGUAL),
                             "languages": sorted(MULTILINGUAL.languages)}}
