"""How near a question comes, in context, to a passage of the items found first: what
"nothing answers" reads besides an item's words and its title's and summary's meaning.

A guide answers in its body ("the screen blanks when left idle"), in words a title and
summary do not have; a question no item answers comes near no passage. The passages
are an item's paragraphs and list entries (of four words or more, the first
:data:`core.content.PER_ITEM`, cut by :func:`core.content.passages`), read from its
file when a search needs them, by the context model (:mod:`core.context`; German
through its English gloss too: :func:`reading`), and kept for the last :data:`KEPT`
files (until a file changes). English items' passages also rank the first results:
their vectors are made after the build (core/incontext.py ``PassageStore``) and read
by core/search.py.
Measured in benchmarks/RESULTS.md ("Nothing answers" read in the answers' passages).
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jitl_desktop.core import context, gloss
from jitl_desktop.core.content import MAX_FILE_BYTES, passages
from jitl_desktop.core.files import read_limited

if TYPE_CHECKING:
    import numpy as np

    from jitl_desktop.core.context import ContextModel

#: the files whose passages' vectors are kept (a typed question's answers recur)
KEPT = 256

def reading(model: ContextModel, text: str, lang: str) -> np.ndarray | None:
    """``text`` (in ``lang``) as the context model reads it: English as it is; a language
    with an English gloss (German: core/gloss.py) as the text and its gloss together (the
    unit sum of both vectors: the model reads English best); None for no token."""
    import numpy as np

    glossed = gloss.english(text, lang) if lang not in context.ENGLISH.languages else None
    found = model.vectors([text, glossed] if glossed else [text])
    total = found.sum(axis=0)
    size = float(np.linalg.norm(total))
    return total / size if size else None


class PassageNearness:
    """The passages' vectors of the files searched last, and the nearest of them."""

    def __init__(self) -> None:
        self._kept: OrderedDict[tuple[str, str, int, int], np.ndarray] = OrderedDict()

    def nearest(self, model: ContextModel, question: np.ndarray,
                files: Sequence[tuple[str, str]], enough: float = 1.0,
                stop: Callable[[], bool] | None = None) -> float | None:
        """The cosine of ``question`` (a unit vector of ``model``, see :func:`reading`)
        and the nearest passage of the ``files`` (path and language; read in order, until
        one comes ``enough`` near); 0 when none has a passage. None when ``stop()`` said
        so before the end (it is asked before each passage read: a key typed meanwhile
        waits for one)."""
        best = 0.0
        for path, lang in files:
            vectors = self._vectors(model, path, lang, stop)
            if vectors is _STOPPED:
                return None
            if vectors is not None and len(vectors):
                best = max(best, float((vectors @ question).max()))
                if best >= enough:
                    break
        return best

    def _vectors(self, model: ContextModel, path: str, lang: str,
                 stop: Callable[[], bool] | None) -> Any:
        try:
            st = os.stat(path)
            key = (path, lang, st.st_mtime_ns, st.st_size)
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                return found
            text = read_limited(Path(path), MAX_FILE_BYTES).decode("utf-8", "replace")
        except OSError:
            return None  # gone (or swapped for no file) since it was indexed: no answer
        rows = []
        for passage in passages(text):
            if stop is not None and stop():
                return _STOPPED
            vector = reading(model, passage, lang)
            if vector is not None:
                rows.append(vector)
        import numpy as np

        found = np.stack(rows) if rows else np.zeros((0, 1), dtype=np.float32)
        self._kept[key] = found
        if len(self._kept) > KEPT:
            self._kept.popitem(last=False)
        return found


#: what :meth:`PassageNearness._vectors` returns when told to stop
_STOPPED = object()
