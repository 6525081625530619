"""``torch.nn`` modules → canonical ops with their arguments in the catalogue's (Keras) names.

Only classes defined by PyTorch itself are mapped (a user's class that happens to be called
``Linear`` is not); subclasses of them (``NonDynamicallyQuantizableLinear``) map like their base.
A few layers of libraries whole model families are built from (Hugging Face ``transformers``:
GPT-2's ``Conv1D``, the GELU variants) are mapped too, by their full import name.
Arguments are spelt as PyTorch spells them where the catalogue has the alias, so the catalogue's
own normaliser does the renaming and validation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from torch import nn

from nnviz_core.ir.ops import OPS, canonical, lookup
from nnviz_core.ir.ops.base import same_shape
from nnviz_core.sources.torch_model.layer_functions import adaptive

Mapped = tuple[str, dict[str, Any]]
# Modules are typed ``Any``: their attributes (``out_channels``, ``padding``) are not declared.
Mapper = Callable[[Any], Mapped]

#: Modules that only pass their input through; they are left out of the drawing.
PASSTHROUGH = frozenset({"Identity"})


def _conv(dims: int, transpose: bool = False) -> Mapper:
    def mapped(module: Any) -> Mapped:
        padding = module.padding
        args: dict[str, Any] = {
            "out_channels": module.out_channels,
            "kernel_size": list(module.kernel_size),
            "stride": list(module.stride),
            "padding": padding if isinstance(padding, str) or any(padding) else "valid",
            "dilation": list(module.dilation),
            "groups": module.groups,
            "bias": module.bias is not None,
        }
        if transpose:
            args["output_padding"] = list(module.output_padding)
        return f"conv{dims}d{'_transpose' if transpose else ''}", args

    return mapped


def _pool(kind: str, dims: int) -> Mapper:
    def mapped(module: Any) -> Mapped:
        padding = module.padding
        return f"{kind}pool{dims}d", {
            "pool_size": module.kernel_size,
            "strides": module.stride,
            "padding": padding if padding else "valid",
        }

    return mapped


def _adaptive(kind: str, dims: int) -> Mapper:
    return lambda module: adaptive(kind, dims, module.output_size)


def _batchnorm(module: Any) -> Mapped:
    momentum = module.momentum
    return "batchnorm", {
        "momentum": 1.0 - momentum if momentum is not None else 0.99,
        "eps": module.eps,
        "center": module.affine,
        "scale": module.affine,
    }


def _layernorm(module: Any) -> Mapped:
    affine = module.elementwise_affine
    return "layernorm", {
        "eps": module.eps,
        "center": affine and module.bias is not None,
        "scale": affine,
    }


def _recurrent(op: str) -> Mapper:
    def mapped(module: Any) -> Mapped:
        return op, {
            "hidden_size": module.hidden_size,
            "num_layers": module.num_layers,
            "bidirectional": module.bidirectional,
            "bias": module.bias,
            "dropout": float(module.dropout),
            "return_sequences": True,
        }

    return mapped


def _attention(module: Any) -> Mapped:
    heads = module.num_heads
    return "multi_head_attention", {
        "num_heads": heads,
        "key_dim": module.embed_dim // heads,
        "value_dim": module.vdim // heads,
        "bias": module.in_proj_bias is not None,
        "dropout": float(module.dropout),
    }


def _upsample(module: Any) -> Mapped:
    """An integer scale factor maps; a target size or a fractional factor stays generic."""
    scale = module.scale_factor
    scales = list(scale) if isinstance(scale, (tuple, list)) else [scale]
    if scale is None or not all(float(value).is_integer() for value in scales):
        return "custom", {"type": type(module).__name__}
    size = [int(value) for value in scales]
    return "upsampling2d", {"size": size if len(size) > 1 else size[0], "mode": module.mode}


def _zero_pad(dims: int) -> Mapper:
    def mapped(module: Any) -> Mapped:
        # PyTorch lists (left, right) for the last axis first; the catalogue goes outer to inner.
        flat = list(module.padding)
        pairs = [flat[i : i + 2] for i in range(0, len(flat), 2)]
        return f"zero_padding{dims}d", {"padding": list(reversed(pairs))}

    return mapped


def _simple(op: str, **fields: str) -> Mapper:
    """An op whose arguments are plain module attributes (``catalogue name → attribute``)."""

    def mapped(module: Any) -> Mapped:
        return op, {name: getattr(module, attr) for name, attr in fields.items()}

    return mapped


def _softmax(op: str) -> Mapper:
    def mapped(module: Any) -> Mapped:
        dim = module.dim
        return op, ({"axis": dim - 1 if dim and dim > 0 else dim} if op == "softmax" else {})

    return mapped


MODULES: dict[str, Mapper] = {
    "Linear": _simple("dense", out_features="out_features"),
    "Embedding": _simple("embedding", num_embeddings="num_embeddings", output_dim="embedding_dim"),
    "BatchNorm1d": _batchnorm,
    "BatchNorm2d": _batchnorm,
    "BatchNorm3d": _batchnorm,
    "LayerNorm": _layernorm,
    "GroupNorm": _simple("groupnorm", groups="num_groups", eps="eps", affine="affine"),
    "InstanceNorm1d": _simple("instancenorm", eps="eps", affine="affine"),
    "InstanceNorm2d": _simple("instancenorm", eps="eps", affine="affine"),
    "InstanceNorm3d": _simple("instancenorm", eps="eps", affine="affine"),
    "Dropout": _simple("dropout", p="p"),
    "Dropout1d": _simple("dropout", p="p"),
    "Dropout2d": _simple("dropout", p="p"),
    "Dropout3d": _simple("dropout", p="p"),
    "AlphaDropout": _simple("dropout", p="p"),
    "LSTM": _recurrent("lstm"),
    "GRU": _recurrent("gru"),
    "RNN": _recurrent("simple_rnn"),
    "MultiheadAttention": _attention,
    "Upsample": _upsample,
    "UpsamplingNearest2d": _upsample,
    "UpsamplingBilinear2d": _upsample,
    "LeakyReLU": _simple("leaky_relu", negative_slope="negative_slope"),
    "ELU": _simple("elu", alpha="alpha"),
    "GELU": _simple("gelu", approximate="approximate"),
    "Softmax": _softmax("softmax"),
    "LogSoftmax": _softmax("log_softmax"),
    "RMSNorm": lambda module: (
        "rmsnorm",
        {
            **({"eps": module.eps} if module.eps is not None else {}),
            "scale": module.elementwise_affine,
        },
    ),
    "LocalResponseNorm": _simple("lrn", size="size", alpha="alpha", beta="beta", k="k"),
}
#: Layers of other libraries, by module and class name: what they compute in catalogue terms.
#: ``transformers``' ``Conv1D`` is a dense layer with its weight stored transposed (GPT-2).
FOREIGN: dict[str, Mapper] = {
    "transformers.pytorch_utils.Conv1D": lambda module: ("dense", {"out_features": module.nf}),
    **{
        f"transformers.activations.{name}": _simple("gelu")
        for name in ("GELUActivation", "QuickGELUActivation")
    },
    **{
        f"transformers.activations.{name}": lambda module: ("gelu", {"approximate": "tanh"})
        for name in (
            "NewGELUActivation",
            "FastGELUActivation",
            "AccurateGELUActivation",
            "GELUTanh",
            "PytorchGELUTanh",
        )
    },
    "transformers.activations.SiLUActivation": _simple("silu"),
    **{
        f"transformers.models.{path}": _simple("rmsnorm", eps="variance_epsilon")
        for path in ("t5.modeling_t5.T5LayerNorm", "llama.modeling_llama.LlamaRMSNorm")
    },
    "transformers.models.swin.modeling_swin.SwinRelativePositionBias": lambda module: (
        "relative_position_bias",
        {
            "num_heads": module.relative_position_bias_table.shape[1],
            "window": list(module.window_size),
        },
    ),
}
for _dims in (1, 2, 3):
    MODULES[f"Conv{_dims}d"] = _conv(_dims)
    MODULES[f"ConvTranspose{_dims}d"] = _conv(_dims, transpose=True)
    MODULES[f"ZeroPad{_dims}d"] = _zero_pad(_dims)
    for _kind, _name in (("max", "Max"), ("avg", "Avg")):
        MODULES[f"{_name}Pool{_dims}d"] = _pool(_kind, _dims)
        MODULES[f"Adaptive{_name}Pool{_dims}d"] = _adaptive(_kind, _dims)
for _class in (
    *("ReLU", "ReLU6", "Sigmoid", "Tanh", "SiLU", "SELU", "CELU", "Softplus", "Softsign"),
    *("Hardsigmoid", "Hardswish", "Mish"),
):
    # the catalogue knows PyTorch's class names (``Hardsigmoid`` → ``hard_sigmoid``)
    MODULES[_class] = _simple(lookup(_class).name)


#: Classes whose output has their input's shape and dtype (by the catalogue's shape rule):
#: the fx run skips computing them.
SAME_SHAPE = PASSTHROUGH | {
    name for name in MODULES if (op := canonical(name)) and OPS[op].infer is same_shape
}


def torch_class(module: nn.Module) -> str | None:
    """The name of the nearest PyTorch-defined class of ``module`` that we can map (or the full
    name of a mapped class of another library), if any."""
    for klass in type(module).__mro__:
        owner = klass.__module__
        if f"{owner}.{klass.__name__}" in FOREIGN:
            return f"{owner}.{klass.__name__}"
        if owner.startswith(("torch.nn", "torch.ao.nn")) and (
            klass.__name__ in MODULES
            or klass.__name__ in PASSTHROUGH
            or klass.__name__ == "Flatten"
        ):
            return klass.__name__
    return None


def map_module(module: nn.Module) -> Mapped | None:
    """``(op, loose arguments)`` for a mapped module; ``None`` when the catalogue lacks it.

    ``Flatten`` is mapped by the graph builder, which sees the shapes it needs.
    """
    name = torch_class(module) or ""
    mapper = MODULES.get(name) or FOREIGN.get(name)
    return mapper(module) if mapper else None
