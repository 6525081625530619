"""Caption text of the tensor styles: "conv 3×3/2, 64" under a block, "Max-pool 2×2" in a gap.

Captions name the op and its key arguments the way papers do, and list the in-place layers
merged into a block ("BN · ReLU") on a second, muted line.
"""

from __future__ import annotations

from nnviz_core.ir import Graph, Node, TensorSpec
from nnviz_core.ir.graph import AttrValue
from nnviz_core.styles._common import (
    CATEGORY_LABELS,
    GROUP_OPS,
    custom_type,
    in_place,
    shape_text,
)
from nnviz_core.styles.tensor.layout import CAPTION_SIZE
from nnviz_core.styles.tensor.sizes import spatial_dims
from nnviz_core.text import text_width

_SHORT = {
    "batchnorm": "BN",
    "batch_norm": "BN",
    "batchnorm2d": "BN",
    "layernorm": "LN",
    "layer_norm": "LN",
    "groupnorm": "GN",
    "relu": "ReLU",
    "gelu": "GELU",
    "sigmoid": "sigmoid",
    "tanh": "tanh",
    "softmax": "softmax",
    "leaky_relu": "LeakyReLU",
    "dropout": "dropout",
    "scale": "scale",
}


#: Layers whose ``activation`` is part of their cell, not a layer after them.
_OWN_GATES = frozenset({"recurrent", "attention"})


def _ints(value: AttrValue) -> tuple[int, ...]:
    if isinstance(value, bool) or value is None:
        return ()
    if isinstance(value, (int, float)):
        return (int(value),)
    if isinstance(value, tuple):
        return tuple(int(v) for v in value if isinstance(v, (int, float)))
    return ()


def _attr(node: Node, *names: str) -> AttrValue:
    for name in names:
        if node.attrs.get(name) is not None:
            return node.attrs[name]
    return None


def kernel_size(node: Node) -> tuple[int, ...]:
    """The kernel or pool window of a convolution or pooling layer, ``()`` if it has none."""
    return _ints(_attr(node, "kernel", "kernel_size", "pool_size", "pool"))


def kernel_window(source: Node, target: Node) -> tuple[int, int, int, int] | None:
    """``target``'s window rows and columns, then ``source``'s height and width, if known.

    A kernel given as one number is square; a map without a width counts as square too.
    """
    kernel = kernel_size(target)
    height, width = spatial_dims(source.output)
    if not kernel or not height:
        return None
    kh, kw = (kernel * 2)[:2]
    return kh, kw, height, width or height


def _window(node: Node) -> str:
    kernel = kernel_size(node)
    if not kernel:
        return ""
    dims = kernel * 2 if len(kernel) == 1 and "1d" not in node.op else kernel
    text = "×".join(str(k) for k in dims)
    stride = _ints(_attr(node, "strides", "stride"))
    if stride and max(stride) > 1:
        text += "/" + str(max(stride))
    return text


def _summary(node: Node) -> str:
    """``conv2_x ×2`` for a collapsed repeat, the group's label for a block."""
    count = node.attrs.get("count")
    return f"{node.name} ×{count}" if isinstance(count, int) and count > 1 else node.name


def _units(node: Node) -> str:
    value = _attr(node, "filters", "out_channels", "units", "out_features", "output_dim")
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else ""


def _op_name(node: Node) -> str:
    custom = custom_type(node)
    if custom:
        return custom
    op = node.op.lower()
    if node.category == "convolution":
        return "up-conv" if "transpose" in op else "conv"
    if node.category == "pooling":
        kind = "max-pool" if "max" in op else "avg-pool"
        return f"global {kind}" if "global" in op or "adaptive" in op else kind
    if node.category == "upsampling":
        return "up-conv" if "transpose" in op or "deconv" in op else "upsample"
    if node.category == "recurrent":
        return node.op.upper() if len(node.op) <= 4 else node.op
    if node.category == "attention":
        heads = _attr(node, "num_heads", "heads")
        return f"attention ×{heads}" if heads else "attention"
    return _SHORT.get(op, op.replace("_", " "))


def short_caption(node: Node) -> str:
    """``conv 3×3/2, 64``, ``max-pool 2×2``, ``dense 1000`` — or the author's label."""
    if node.display.label:
        return node.display.label
    if node.op in GROUP_OPS:
        return _summary(node)
    if node.category == "input":
        return "input"
    name = _op_name(node)
    window = _window(node) if node.category in ("convolution", "pooling", "upsampling") else ""
    units = _units(node) if node.category != "pooling" else ""
    head = f"{name} {window}".strip()
    if node.category == "recurrent" and units:
        return f"{name} ×{units}"
    return f"{head}, {units}" if window and units else f"{head} {units}".strip()


def long_caption(node: Node) -> str:
    """``Convolution 5×5``, ``Max-pool 2×2``, ``Dense`` (NN-SVG's gap captions)."""
    if node.display.label:
        return node.display.label
    if node.op in GROUP_OPS:
        return _summary(node)
    window = _window(node)
    if node.category == "pooling":
        return f"{_op_name(node).capitalize()} {window}".strip()
    if node.category == "convolution":
        name = "Transposed conv" if "transpose" in node.op else "Convolution"
        return f"{name} {window}".strip()
    if node.category == "upsampling":
        transposed = "transpose" in node.op or "deconv" in node.op
        return f"{'Transposed conv' if transposed else 'Upsample'} {window}".strip()
    if node.category in ("input", "output"):
        return CATEGORY_LABELS[node.category]
    return custom_type(node) or node.op.replace("_", " ").capitalize()


def merged_caption(node: Node, merged: tuple[Node, ...]) -> str:
    """The in-place layers riding on a block: ``BN · ReLU`` (activations given as args too)."""
    own = node.activation and node.activation != "linear" and node.category not in _OWN_GATES
    names = list(in_place(node)) or ([node.activation] if own and node.activation else [])
    names += [n.display.label or n.activation or n.op for n in merged]
    return " · ".join(_SHORT.get(name.lower(), name) for name in names)


def dims_text(spec: TensorSpec | None, graph: Graph) -> str:
    """``56×56×64`` in the author's layout, empty when the shape is unknown."""
    return shape_text(spec, graph.layout) if spec is not None else ""


def narrowed(lines: tuple[str, ...], width: float) -> tuple[str, ...]:
    """``lines`` with each one wider than ``width`` px broken, so a chain of tensors can stand
    closer: before its arguments when the name fits ("Transposed conv", "2×2/2"), else at the
    space that makes the pieces most even, again until each fits; a word stays whole."""
    result: list[str] = []
    for line in lines:
        spaces = [index for index, char in enumerate(line) if char == " "]
        if not spaces or text_width(line, CAPTION_SIZE) <= width:
            result.append(line)
            continue
        named = [i for i in spaces if line[i + 1].isdigit() and _wider_half(line, i) <= width]
        cut = named[0] if named else min(spaces, key=lambda index: _wider_half(line, index))
        result += narrowed((line[:cut], line[cut + 1 :]), width)
    return tuple(result)


def _wider_half(line: str, cut: int) -> float:
    return max(text_width(line[:cut], CAPTION_SIZE), text_width(line[cut + 1 :], CAPTION_SIZE))
