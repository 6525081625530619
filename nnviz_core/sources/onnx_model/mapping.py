"""ONNX operators onto the canonical op vocabulary, with Keras-style argument names.

A converter reads the node's attributes and what is known of its inputs (shapes without the
batch axis, weight dims) and returns ``(op, attributes)``; ``None`` means "draw it under its
own ONNX name". Axes are renumbered for the IR, which leaves the batch axis out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nnviz_core.ir.graph import AttrValue, Dim
from nnviz_core.ir.ops import lookup
from nnviz_core.sources.onnx_model.reading import FLOATS, Tensor

Shape = tuple[Dim, ...]
Converted = tuple[str, dict[str, AttrValue]] | None


@dataclass(frozen=True)
class Context:
    """A node as a converter sees it."""

    op_type: str
    attrs: dict[str, Any]
    ins: list[Shape | None]  # IR shape of each input that carries data, else None
    weights: list[Tensor | None]  # the initializer behind each input, if any
    constants: list[tuple[float, ...]]  # small constant values behind each input
    batch: int | None  # batch axis of the first data input
    out: Shape | None  # IR shape of the first output
    outputs_used: tuple[bool, ...]

    @property
    def data_count(self) -> int:
        return sum(1 for shape in self.ins if shape is not None)

    def first(self) -> Shape | None:
        return next((shape for shape in self.ins if shape is not None), None)

    def weight(self, index: int) -> Tensor | None:
        found = self.weights[index] if index < len(self.weights) else None
        return found if found is not None and found.dtype in FLOATS else None

    def axis(self, axis: int, rank: int | None) -> int:
        """An ONNX axis (batch included) as an axis of the IR shape."""
        if rank:
            axis %= rank
        if self.batch is None or axis < self.batch:
            return axis
        return axis - 1


Converter = Callable[[Context], Converted]


def _ints(value: Any, default: tuple[int, ...] = ()) -> tuple[int, ...]:
    return tuple(int(v) for v in value) if value is not None else default


def _padding(ctx: Context, rank: int) -> AttrValue:
    if str(ctx.attrs.get("auto_pad", b"NOTSET")).upper().find("SAME") >= 0:
        return "same"
    pads = _ints(ctx.attrs.get("pads"), (0,) * (2 * rank))
    begin = pads[:rank]
    return "valid" if not any(pads) else begin


def _window(ctx: Context, kernel: tuple[int, ...]) -> dict[str, AttrValue]:
    rank = len(kernel)
    return {
        "strides": _ints(ctx.attrs.get("strides"), (1,) * rank),
        "padding": _padding(ctx, rank),
    }


def conv(ctx: Context) -> Converted:
    weight = ctx.weight(1)
    if weight is None or weight.shape is None or len(weight.shape) < 3:
        return None
    kernel = _ints(ctx.attrs.get("kernel_shape"), tuple(int(d or 1) for d in weight.shape[2:]))
    rank, groups = len(kernel), int(ctx.attrs.get("group", 1))
    transposed = ctx.op_type == "ConvTranspose"
    filters = int(weight.shape[1] or 0) * groups if transposed else int(weight.shape[0] or 0)
    if rank > 3 or filters < 1:
        return None
    attrs: dict[str, AttrValue] = {
        "filters": filters,
        "kernel": kernel,
        **_window(ctx, kernel),
        "dilation": _ints(ctx.attrs.get("dilations"), (1,) * rank),
        "groups": groups,
        "use_bias": len(ctx.weights) > 2 and ctx.weights[2] is not None,
    }
    if transposed:
        attrs["output_padding"] = _ints(ctx.attrs.get("output_padding"), (0,) * rank)
    return (f"conv{rank}d_transpose" if transposed else f"conv{rank}d"), attrs


def gemm(ctx: Context) -> Converted:
    weight = ctx.weight(1)
    if weight is None or weight.shape is None or len(weight.shape) != 2:
        return None
    transposed = bool(ctx.attrs.get("transB", 0)) if ctx.op_type == "Gemm" else False
    units = weight.shape[0] if transposed else weight.shape[1]
    bias = len(ctx.weights) > 2 and ctx.weights[2] is not None  # MatMul: a folded-in Add
    return ("dense", {"units": int(units or 1), "use_bias": bias}) if units else None


def pool(kind: str) -> Converter:
    def convert(ctx: Context) -> Converted:
        kernel = _ints(ctx.attrs.get("kernel_shape"))
        if not 1 <= len(kernel) <= 3:
            return None
        return f"{kind}pool{len(kernel)}d", {"pool_size": kernel, **_window(ctx, kernel)}

    return convert


def global_pool(kind: str) -> Converter:
    def convert(ctx: Context) -> Converted:
        shape = ctx.first()
        rank = len(shape) - 1 if shape else 0
        return (f"global_{kind}pool{rank}d", {"keepdims": True}) if 1 <= rank <= 3 else None

    return convert


def simple(op: str, **renamed: str) -> Converter:
    """An op whose ONNX attributes map one to one (``renamed``: canonical ← ONNX name)."""

    def convert(ctx: Context) -> Converted:
        attrs: dict[str, AttrValue] = {}
        for canonical, onnx_name in renamed.items():
            if onnx_name in ctx.attrs:
                attrs[canonical] = ctx.attrs[onnx_name]
        return op, attrs

    return convert


def softmax(op: str) -> Converter:
    def convert(ctx: Context) -> Converted:
        shape = ctx.first()
        rank = len(shape) + (ctx.batch is not None) if shape is not None else None
        if op != "softmax":
            return op, {}  # the catalogue's log_softmax takes no axis
        axis = int(ctx.attrs.get("axis", -1))
        return op, {"axis": ctx.axis(axis, rank)}

    return convert


def instance_norm(ctx: Context) -> Converted:
    """ONNX's instance norm always has a scale and an offset."""
    return "instancenorm", {"epsilon": ctx.attrs.get("epsilon", 1e-5), "affine": True}


def merge(op: str) -> Converter:
    def convert(ctx: Context) -> Converted:
        return (op, {}) if ctx.data_count >= 2 else None

    return convert


def concat(ctx: Context) -> Converted:
    shape = ctx.first()
    if ctx.data_count < 2 or shape is None:
        return None
    return "concat", {"axis": ctx.axis(int(ctx.attrs.get("axis", 1)), len(shape) + 1)}


def clip(ctx: Context) -> Converted:
    bounds = [ctx.constants[i] if i < len(ctx.constants) else () for i in (1, 2)]
    low = bounds[0][0] if bounds[0] else ctx.attrs.get("min")
    high = bounds[1][0] if bounds[1] else ctx.attrs.get("max")
    if low == 0 and high == 6:
        return "relu6", {}
    return ("relu", {}) if low == 0 and high is None else None


def dropout(ctx: Context) -> Converted:
    ratio = ctx.constants[1][0] if len(ctx.constants) > 1 and ctx.constants[1] else None
    return "dropout", {"rate": float(ratio if ratio is not None else ctx.attrs.get("ratio", 0.5))}


def flatten(ctx: Context) -> Converted:
    if int(ctx.attrs.get("axis", 1)) == 1 and ctx.batch == 0:
        return "flatten", {}
    return reshape(ctx)


def reshape(ctx: Context) -> Converted:
    out = ctx.out
    if out is None or sum(1 for d in out if d is None) > 1:
        return None
    return "reshape", {"target_shape": tuple(-1 if d is None else d for d in out)}


def transpose(ctx: Context) -> Converted:
    perm = _ints(ctx.attrs.get("perm"))
    if not perm or ctx.batch is None or ctx.batch not in perm:
        return None
    kept = [axis for axis in perm if axis != ctx.batch]
    return "permute", {"dims": tuple(ctx.axis(axis, None) + 1 for axis in kept)}


def recurrent(op: str) -> Converter:
    def convert(ctx: Context) -> Converted:
        attrs: dict[str, AttrValue] = {
            "units": int(ctx.attrs.get("hidden_size", 1)),
            "bidirectional": ctx.attrs.get("direction", b"forward") == b"bidirectional",
            "return_sequences": bool(ctx.outputs_used[:1] == (True,)),
            "use_bias": len(ctx.weights) > 3 and ctx.weights[3] is not None,
        }
        if op == "gru":
            attrs["reset_after"] = bool(ctx.attrs.get("linear_before_reset", 0))
        else:
            attrs["recurrent_bias"] = attrs["use_bias"]
        return op, attrs

    return convert


def gather(ctx: Context) -> Converted:
    table = ctx.weight(0)
    if table is None or table.shape is None or len(table.shape) != 2 or ctx.data_count != 1:
        return None
    rows, width = table.shape
    return "embedding", {"input_dim": int(rows or 1), "output_dim": int(width or 1)}


def resize(ctx: Context) -> Converted:
    index = 1 if ctx.op_type == "Upsample" else 2
    scales = ctx.constants[index] if len(ctx.constants) > index else ()
    shape = ctx.first()
    if not scales or shape is None or not all(s == int(s) and s >= 1 for s in scales):
        return None
    factors = tuple(int(s) for s in scales[2:])
    mode = str(ctx.attrs.get("mode", b"nearest"), "utf-8") if ctx.attrs.get("mode") else "nearest"
    interpolation = {"linear": "bilinear", "cubic": "bicubic"}.get(mode, "nearest")
    if not 1 <= len(factors) <= 3:
        return None
    return f"upsampling{len(factors)}d", {"size": factors, "interpolation": interpolation}


CONVERTERS: dict[str, Converter] = {
    "Conv": conv,
    "ConvTranspose": conv,
    "Gemm": gemm,
    "MatMul": gemm,
    "MaxPool": pool("max"),
    "AveragePool": pool("avg"),
    "GlobalAveragePool": global_pool("avg"),
    "GlobalMaxPool": global_pool("max"),
    "Elu": simple("elu", alpha="alpha"),
    "LeakyRelu": simple("leaky_relu", negative_slope="alpha"),
    "Softmax": softmax("softmax"),
    "LogSoftmax": softmax("log_softmax"),
    "Clip": clip,
    "BatchNormalization": simple("batchnorm", epsilon="epsilon", momentum="momentum"),
    "InstanceNormalization": instance_norm,
    "LayerNormalization": simple("layernorm", epsilon="epsilon"),
    "GroupNormalization": simple("groupnorm", groups="num_groups", epsilon="epsilon"),
    "Dropout": dropout,
    "Add": merge("add"),
    "Sum": merge("add"),
    "Sub": merge("subtract"),
    "Mul": merge("multiply"),
    "Max": merge("maximum"),
    "Min": merge("minimum"),
    "Mean": merge("average"),
    "Concat": concat,
    "Flatten": flatten,
    "Reshape": reshape,
    "Squeeze": reshape,
    "Unsqueeze": reshape,
    "Transpose": transpose,
    "LSTM": recurrent("lstm"),
    "GRU": recurrent("gru"),
    "RNN": recurrent("simple_rnn"),
    "Gather": gather,
    "Resize": resize,
    "Upsample": resize,
}

# plain activations: the catalogue knows ONNX's spellings (``HardSwish`` → ``hard_swish``)
CONVERTERS |= {
    name: simple(lookup(name).name)
    for name in (
        *("Relu", "Sigmoid", "Tanh", "Selu", "Celu", "Softplus", "Softsign", "Mish", "Gelu"),
        *("HardSigmoid", "HardSwish"),
    )
}
