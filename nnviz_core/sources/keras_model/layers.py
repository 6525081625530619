"""Keras layer classes mapped onto the canonical op vocabulary, with canonical argument names.

Each entry names the op and which ``get_config()`` keys become which canonical arguments, so a
Keras ``Conv2D(kernel_size=3)`` and a YAML ``conv2d: {kernel: 3}`` give the same attributes. A class
missing here becomes a generic ``custom`` node carrying the class name, with a warning: the
diagram still renders, and the warning tells the user which layer was not understood.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from nnviz_core.errors import NnvizError
from nnviz_core.ir.graph import AttrValue, Category
from nnviz_core.ir.ops import canonical, lookup, normalise

_CONV = {
    "filters": "filters",
    "kernel": "kernel_size",
    "strides": "strides",
    "padding": "padding",
    "dilation": "dilation_rate",
    "use_bias": "use_bias",
    "activation": "activation",
}
_DEPTHWISE = {
    "kernel": "kernel_size",
    "strides": "strides",
    "padding": "padding",
    "dilation": "dilation_rate",
    "depth_multiplier": "depth_multiplier",
    "use_bias": "use_bias",
    "activation": "activation",
}
_POOL = {"pool_size": "pool_size", "strides": "strides", "padding": "padding"}
_RNN = {
    "units": "units",
    "return_sequences": "return_sequences",
    "use_bias": "use_bias",
    "activation": "activation",
    "dropout": "dropout",
}


@dataclass(frozen=True)
class KerasOp:
    """How one Keras class becomes a canonical op: the op and config key per argument."""

    op: str
    keys: Mapping[str, str] = field(default_factory=dict)


def _table() -> dict[str, KerasOp]:
    table: dict[str, KerasOp] = {
        "InputLayer": KerasOp("input"),
        "Dense": KerasOp("dense", {"units": "units", "use_bias": "use_bias",
                                    "activation": "activation"}),
        "BatchNormalization": KerasOp("batchnorm", {"momentum": "momentum",
                                                     "epsilon": "epsilon", "center": "center",
                                                     "scale": "scale"}),
        "LayerNormalization": KerasOp("layernorm", {"epsilon": "epsilon", "center": "center",
                                                     "scale": "scale"}),
        "GroupNormalization": KerasOp("groupnorm", {"groups": "groups", "epsilon": "epsilon"}),
        "Rescaling": KerasOp("rescaling", {"scale": "scale", "offset": "offset"}),
        "Normalization": KerasOp("normalization"),
        "LayerScale": KerasOp("scale"),  # ConvNeXt's per-channel factor (keras.applications)
        "Activation": KerasOp("activation", {"activation": "activation"}),
        "ReLU": KerasOp("relu"),
        "ELU": KerasOp("elu"),
        "LeakyReLU": KerasOp("leaky_relu", {"negative_slope": "negative_slope"}),
        "Softmax": KerasOp("softmax"),
        "Dropout": KerasOp("dropout", {"rate": "rate"}),
        "AlphaDropout": KerasOp("dropout", {"rate": "rate"}),
        "Flatten": KerasOp("flatten"),
        "Reshape": KerasOp("reshape"),
        "Permute": KerasOp("permute"),
        "Concatenate": KerasOp("concat"),
        "Embedding": KerasOp("embedding", {"input_dim": "input_dim",
                                            "output_dim": "output_dim"}),
        "MultiHeadAttention": KerasOp("multi_head_attention", {
            "num_heads": "num_heads", "key_dim": "key_dim", "value_dim": "value_dim",
            "use_bias": "use_bias", "dropout": "dropout"}),
        "LSTM": KerasOp("lstm", _RNN),
        "GRU": KerasOp("gru", _RNN),
        "SimpleRNN": KerasOp("simple_rnn", _RNN),
    }  # fmt: skip
    for merge in ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"):
        table[merge] = KerasOp(merge.lower())
    for rank in (1, 2, 3):
        table[f"Conv{rank}D"] = KerasOp(f"conv{rank}d", {**_CONV, "groups": "groups"})
        table[f"Conv{rank}DTranspose"] = KerasOp(f"conv{rank}d_transpose", _CONV)
        table[f"MaxPooling{rank}D"] = KerasOp(f"maxpool{rank}d", _POOL)
        table[f"AveragePooling{rank}D"] = KerasOp(f"avgpool{rank}d", _POOL)
        table[f"GlobalMaxPooling{rank}D"] = KerasOp(
            f"global_maxpool{rank}d", {"keepdims": "keepdims"}
        )
        table[f"GlobalAveragePooling{rank}D"] = KerasOp(
            f"global_avgpool{rank}d", {"keepdims": "keepdims"}
        )
        table[f"UpSampling{rank}D"] = KerasOp(f"upsampling{rank}d", {"size": "size"})
        table[f"ZeroPadding{rank}D"] = KerasOp(f"zero_padding{rank}d", {"padding": "padding"})
        table[f"Cropping{rank}D"] = KerasOp(f"cropping{rank}d", {"cropping": "cropping"})
        table[f"SpatialDropout{rank}D"] = KerasOp("dropout", {"rate": "rate"})
    for rank in (1, 2):
        table[f"SeparableConv{rank}D"] = KerasOp(
            f"separable_conv{rank}d", {**_CONV, "depth_multiplier": "depth_multiplier"}
        )
        table[f"DepthwiseConv{rank}D"] = KerasOp(f"depthwise_conv{rank}d", _DEPTHWISE)
    return table


#: Keras class name → canonical op (the layers this source understands).
KERAS_OPS: Mapping[str, KerasOp] = _table()


@dataclass(frozen=True)
class LayerOp:
    """What a Keras layer is drawn as."""

    op: str
    category: Category
    attrs: Mapping[str, AttrValue]
    activation: str | None


def activation_name(value: Any) -> str | None:
    """A layer's activation as a name (``None`` for linear or absent)."""
    if value is None:
        return None
    if isinstance(value, Mapping):  # a serialised custom activation
        value = value.get("config", value).get("name") or value.get("class_name")
    name = str(getattr(value, "__name__", value)).lower()
    return None if name in ("linear", "none", "") else name


def _raw(config: Mapping[str, Any], spec: KerasOp) -> dict[str, Any]:
    """Canonical argument names with the layer's values (lists made tuples, None dropped)."""
    raw: dict[str, Any] = {}
    for argument, key in spec.keys.items():
        value = config.get(key)
        if argument == "activation":
            value = activation_name(value)  # linear (no activation) is left out, as in specs
        if value is not None:
            raw[argument] = tuple(value) if isinstance(value, list) else value
    return raw


def _activation_op(config: Mapping[str, Any]) -> str:
    """``Activation("relu")`` is drawn as the ``relu`` op when the catalogue has it."""
    name = activation_name(config.get("activation")) or "linear"
    try:
        return "activation" if lookup(name).category != "activation" else name
    except NnvizError:
        return "activation"


def _operation(layer: Any) -> KerasOp | None:
    """A ``keras.ops`` call in a Functional model (``Relu``, ``Add``…) by its class name."""
    if getattr(layer, "weights", None) is not None:
        return None  # a real layer: only the table above maps those
    name = canonical(type(layer).__name__)
    return KerasOp(name) if name else None


def custom(layer: Any, reason: str) -> LayerOp:
    """A generic node for a layer we cannot map, with a warning that says why."""
    kind = type(layer).__name__
    what = "layer" if getattr(layer, "weights", None) is not None else "operation"
    warnings.warn(
        f"Keras {what} {layer.name!r} ({kind}): {reason}; drawn as a generic {kind!r} node",
        stacklevel=3,
    )
    attrs = normalise(lookup("custom"), {"type": kind})
    return LayerOp("custom", "custom", attrs, activation_name(getattr(layer, "activation", None)))


def drawn_layer(layer: Any) -> Any:
    """The layer drawn for ``layer``: ``Bidirectional(LSTM(...))`` is drawn as its ``LSTM``."""
    wrapped = getattr(layer, "forward_layer", None)
    return wrapped if type(layer).__name__ == "Bidirectional" and wrapped else layer


def layer_op(
    layer: Any, config: Mapping[str, Any], extra: Mapping[str, AttrValue] | None = None
) -> LayerOp:
    """The canonical op, attributes and activation of a Keras layer instance.

    ``config`` is the layer's ``get_config()`` (for ``Bidirectional``, its forward layer's).
    """
    kind = type(drawn_layer(layer)).__name__
    spec = KERAS_OPS.get(kind) or _operation(layer)
    if spec is None:
        return custom(layer, "no canonical op for this class")
    name = _activation_op(config) if kind == "Activation" else spec.op
    raw = {**_raw(config, spec), **(extra or {})}
    if kind == "Activation":  # Activation("linear") still names its (identity) activation
        raw["activation"] = activation_name(config.get("activation")) or "linear"
    op = lookup(name)
    try:
        attrs = normalise(op, {k: v for k, v in raw.items() if op.arg(k) is not None})
    except NnvizError as error:
        return custom(layer, f"its arguments do not fit {name!r} ({error.message})")
    activation = activation_name(config.get("activation")) if "activation" in config else None
    if op.category == "activation":
        activation = activation or str(attrs.get("activation") or name)
    return LayerOp(name, op.category, attrs, activation)
