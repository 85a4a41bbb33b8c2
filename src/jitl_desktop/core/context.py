"""Meaning in context: a small transformer that reads a question's words together, so
that "beamer shows no picture" is about a projector that stays dark rather than the sum
of "beamer", "shows", "no" and "picture" (what the static model of
:mod:`core.meaning` reads).

The model is ``all-MiniLM-L6-v2`` (sentence-transformers, Apache-2.0): six layers, one
384-number vector per text, the mean of its last layer's token vectors. It ships with the
app in ``core/data/context/`` as an ONNX file whose weights are int8
(``tools/make_context_model.py`` made it from the published weights: 23 MB) with its
tokenizer, and runs on onnxruntime, on one thread: a question's vector takes about 1.3 ms.
It reads English only: German and the other languages keep the static model alone
(measured in benchmarks/RESULTS.md).

Without onnxruntime or with a damaged model file, :func:`model` is None and search uses
the static model alone (one warning).
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from collections.abc import Sequence
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
#: the languages the model reads
LANGUAGES = frozenset(["en"])
#: what an item's vector is made of (core/reading.py ``context_text``; a change rebuilds)
TEXT = "title and summary"


class ContextModel:
    """Texts → unit vectors (float32), read in context."""

    def __init__(self, session: Any, tokenizer: Any) -> None:
        self.session = session
        self.tokenizer = tokenizer

    def vector(self, text: str) -> np.ndarray | None:
        """The unit vector of ``text``; None when it has no token."""
        found = self.vectors([text])[0]
        return found if found.any() else None

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


def available() -> bool:
    """Whether the model can load (onnxruntime installed, the model's files there),
    without loading it."""
    return (_runtime() and (_folder() / MODEL_FILE).is_file()
            and (_folder() / TOKENIZER_FILE).is_file())


def _runtime() -> bool:
    """Whether onnxruntime is installed."""
    return importlib.util.find_spec("onnxruntime") is not None


def _folder() -> Path:
    """Where the model's files are (in a PyInstaller bundle: beside the program)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "jitl_desktop" / "core" / "data" / "context"
    return FOLDER


@loaded_once
def model() -> ContextModel | None:
    """The model, loaded once (about 0.35 s); None when it cannot load."""
    folder = _folder()
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
        session = onnxruntime.InferenceSession(str(folder / MODEL_FILE), options,
                                               providers=["CPUExecutionProvider"])
        found = ContextModel(session, tokenizer)
        check = found.vector("a check")
        if check is None or check.shape != (SIZE,):
            raise ValueError("the model gives no vector of the expected size")
        return found
    except Exception as exc:  # a missing or damaged file must not stop search
        log.warning("cannot load the context model in %s (%s): search reads meaning "
                    "without context", folder, exc)
        return None


def describe() -> dict[str, Any]:
    """What ``diagnose`` says of the model."""
    loaded = model()
    return {"model": "all-MiniLM-L6-v2 (int8, 384)", "folder": str(_folder()),
            "loaded": loaded is not None, "languages": sorted(LANGUAGES),
            "effect": "questions in English read in context" if loaded is not None else
            "meaning without context (onnxruntime is missing or the model's files are "
            "damaged)"}
