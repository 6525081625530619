"""The readability benchmark's ``zoo``: real models nobody here wrote, built offline (issue 20).

- ``transformers`` models from their default configs with random weights (nothing downloaded),
  traced by the PyTorch source on 128 token ids or a 224×224 image;
- Keras Applications with ``weights=None`` on the torch backend;
- ONNX exports (TorchScript exporter) of two of the ``transformers`` models;
- Caffe model-zoo ``.prototxt`` files from a folder the caller names (they are third-party files,
  so none ship here): e.g. BVLC Caffe's ``models/*/deploy.prototxt`` and Kaiming He's ResNet ones.

timm is left out: it needs torchvision, which does not install beside this torch.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("KERAS_BACKEND", "torch")  # before anything imports keras

Source = Callable[[], Any]  # a Graph, or a model file's path, made on demand

TEXT = ((1, 128), "int64")  # a batch of 128 token ids
IMAGE = ((1, 3, 224, 224), "float32")

# name → (model class, config class, input); every model at its config's default size
TRANSFORMERS: dict[str, tuple[str, str, tuple[tuple[int, ...], str]]] = {
    "GPT-2": ("GPT2LMHeadModel", "GPT2Config", TEXT),
    "BERT": ("BertModel", "BertConfig", TEXT),
    "DistilBERT": ("DistilBertModel", "DistilBertConfig", TEXT),
    "RoBERTa": ("RobertaModel", "RobertaConfig", TEXT),
    "T5 encoder": ("T5EncoderModel", "T5Config", TEXT),
    "ViT": ("ViTModel", "ViTConfig", IMAGE),
    "DeiT": ("DeiTModel", "DeiTConfig", IMAGE),
    "Swin-T": ("SwinModel", "SwinConfig", IMAGE),
    "ConvNeXt": ("ConvNextModel", "ConvNextConfig", IMAGE),
    "ResNet-50 (HF)": ("ResNetModel", "ResNetConfig", IMAGE),
}

KERAS = (
    "ResNet50",
    "MobileNetV2",
    "DenseNet121",
    "NASNetLarge",
    "EfficientNetB0",
    "InceptionV3",
    "Xception",
    "VGG16",
    "ConvNeXtTiny",
)

ONNX = ("ResNet-50 (HF)", "BERT")


def _hf_model(name: str) -> Any:
    """A ``transformers`` model from its default config, random weights, in eval mode."""
    import torch
    import transformers

    model_class, config_class, _ = TRANSFORMERS[name]
    torch.manual_seed(0)
    config = getattr(transformers, config_class)()
    return getattr(transformers, model_class)(config).eval()


def _traced(name: str) -> Any:
    from nnviz_core.sources.inputs import InputShape
    from nnviz_core.sources.torch_model import load_torch

    size, dtype = TRANSFORMERS[name][2]
    return load_torch(_hf_model(name), input_shape=(InputShape(size, dtype),), name=name)


def _exported(name: str, folder: Path) -> Path:
    """``name`` exported to ONNX with the TorchScript exporter (``dynamo=False``), through a
    wrapper that passes the input by keyword and returns the first output: called positionally,
    newer ``transformers`` models reject the exporter's call ("multiple values for use_cache")."""
    import torch

    class FirstOutput(torch.nn.Module):
        def __init__(self, model: Any) -> None:
            super().__init__()
            self.model = model

        def forward(self, x: Any) -> Any:
            key = "input_ids" if TRANSFORMERS[name][2] is TEXT else "pixel_values"
            return self.model(**{key: x})[0]

    size, dtype = TRANSFORMERS[name][2]
    path = folder / f"{name.split()[0]}.onnx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        example = (torch.zeros(size, dtype=getattr(torch, dtype)),)
        model = FirstOutput(_hf_model(name))
        torch.onnx.export(model, example, str(path), dynamo=False, input_names=["x"])
    return path


def _keras(name: str) -> Any:
    import keras

    from nnviz_core.sources.keras_model import load_keras

    return load_keras(getattr(keras.applications, name)(weights=None))


def models(caffe_dir: Path | None = None) -> Iterator[tuple[str, Source]]:
    """(name, source) of every zoo model; Caffe's only when ``caffe_dir`` is given."""
    import transformers  # noqa: F401 - a missing extra skips the group, not one model at a time

    for name in TRANSFORMERS:
        yield f"hf {name}", lambda name=name: _traced(name)
    for name in KERAS:
        yield f"keras {name}", lambda name=name: _keras(name)
    folder = Path(tempfile.mkdtemp(prefix="nnviz-zoo-"))
    for name in ONNX:
        yield f"onnx {name}", lambda name=name: _exported(name, folder)
    if caffe_dir is not None:
        for path in sorted(caffe_dir.glob("*.prototxt")):
            yield f"caffe {path.stem}", lambda path=path: path
