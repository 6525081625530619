"""What a node card says: its title, subtitle and key/value rows, from a Node and the options.

Content only, no geometry: :mod:`nnviz_core.styles.graph.cards` measures and draws it. Rows read
like a spec sheet (``shape  3×32×32 → 16×32×32``, ``params  448 · 0.7%``), so a reader finds the
same fact in the same place on every card.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from nnviz_core.ir import AttrValue, Layout, Node, TensorSpec
from nnviz_core.ir.fans import Fan
from nnviz_core.ir.graph import Dim
from nnviz_core.styles._common import GROUP_OPS, count_text, custom_type, in_place, shape_text
from nnviz_core.styles.graph.options import GraphOptions

#: Ops drawn as a small symbol in a circle when ``compact_merges`` is on.
MERGE_SYMBOLS: dict[str, str] = {
    "add": "+",
    "subtract": "−",
    "multiply": "×",
    "average": "avg",
    "maximum": "max",
    "minimum": "min",
}

_WORDS = {
    "avgpool": "AvgPool",
    "maxpool": "MaxPool",
    "batchnorm": "BatchNorm",
    "layernorm": "LayerNorm",
    "groupnorm": "GroupNorm",
    "instancenorm": "InstanceNorm",
    "relu": "ReLU",
    "gelu": "GELU",
    "elu": "ELU",
    "selu": "SELU",
    "silu": "SiLU",
    "prelu": "PReLU",
    "lstm": "LSTM",
    "gru": "GRU",
    "rnn": "RNN",
    "upsampling": "UpSampling",
    "concat": "Concatenate",
    "avg": "Avg",
    "max": "Max",
}
#: Characters per line of a wrapped note.
NOTE_WIDTH = 36
_DIMS = re.compile(r"^([a-z]*?)(\d)d$")


class Row(NamedTuple):
    """One line of a card; an empty ``key`` spans the card (used for notes).

    A named tuple, not a dataclass: cards hold thousands of rows, and tuples build twice as fast.
    """

    key: str
    value: str
    paint: str = "fg"
    italic: bool = False


@dataclass(frozen=True, slots=True)
class CardContent:
    """Everything a card shows; ``symbol`` set means a compact merge circle instead."""

    title: str
    subtitle: str
    rows: tuple[Row, ...]
    symbol: str | None = None


def op_title(op: str) -> str:
    """``conv2d_transpose`` → ``Conv2DTranspose``, ``global_avgpool2d`` → ``GlobalAvgPool2D``."""
    parts = []
    for word in op.split("_"):
        match = _DIMS.match(word)
        stem, dims = (match.group(1), match.group(2) + "D") if match else (word, "")
        parts.append(_WORDS.get(stem, stem[:1].upper() + stem[1:]) + dims)
    return "".join(parts)


def _is_generated(name: str, op: str) -> bool:
    """Names like ``conv2d_3`` say nothing the title does not: the op, maybe ``_`` and a number."""
    lowered = name.lower()
    if not lowered.startswith(op):
        return False
    suffix = lowered[len(op) :]
    return not suffix or suffix.removeprefix("_").isdecimal()


def _dims_text(value: AttrValue) -> str:
    if isinstance(value, tuple):
        return "×".join(str(item) for item in value)
    return str(value)


def _uniform_text(value: AttrValue) -> str:
    """``(2, 2)`` → ``2``; mixed values keep every dimension."""
    if isinstance(value, tuple) and len(set(value)) == 1:
        return str(value[0])
    return _dims_text(value)


def _counted(value: AttrValue, noun: str) -> str:
    """``1 unit``, ``64 units``."""
    return f"{value} {noun}" if value == 1 else f"{value} {noun}s"


def _ones(value: AttrValue) -> bool:
    if isinstance(value, tuple):
        return value.count(1) == len(value)
    return value == 1


def args_text(node: Node) -> str:
    """The arguments a reader looks for first: filters, kernel, strides, units, heads, rate."""
    attrs = node.attrs
    if not attrs:
        return ""
    parts: list[str] = []
    for key, noun in (("filters", "filter"), ("units", "unit")):
        if key in attrs:
            parts.append(_counted(attrs[key], noun))
    for key in ("kernel", "pool_size", "size"):
        if key in attrs and attrs[key] is not None:
            parts.append(_dims_text(attrs[key]))
    for key, label in (("strides", "stride"), ("dilation", "dilation"), ("groups", "groups")):
        if key in attrs and attrs[key] is not None and not _ones(attrs[key]):
            parts.append(f"{label} {_uniform_text(attrs[key])}")
    if attrs.get("padding") == "same":
        parts.append("same")
    if "num_heads" in attrs:
        parts.append(_counted(attrs["num_heads"], "head"))
    if attrs.get("key_dim"):
        parts.append(f"key dim {attrs['key_dim']}")
    if attrs.get("bidirectional"):
        parts.append("bidirectional")
    if attrs.get("return_sequences"):
        parts.append("returns sequences")
    if "input_dim" in attrs and "output_dim" in attrs:
        parts.append(f"{attrs['input_dim']:,} → {attrs['output_dim']}")
    if "rate" in attrs:
        parts.append(f"rate {attrs['rate']}")
    return ", ".join(parts)


def _tensors_text(tensors: tuple[TensorSpec, ...], layout: Layout) -> str:
    if len(tensors) == 1:  # the common case, memoised by its shape: a tuple hashes fastest
        return _shape_text(tensors[0].shape, layout)
    texts = [_shape_text(tensor.shape, layout) for tensor in tensors]
    if len(texts) > 1 and len(set(texts)) == 1:
        return f"{len(texts)} × ({texts[0]})"
    return ", ".join(texts)


@lru_cache(maxsize=1024)
def _shape_text(shape: tuple[Dim, ...], layout: Layout) -> str:
    """Memoised: the layers of a stage share their shapes, and each card shows two of them
    (``benchmarks/bench_core.py``: an eighth of ``prepare`` at 1,000 layers)."""
    return shape_text(TensorSpec(shape), layout)


#: Between a layer's input and output shapes on its card's shape row.
SHAPE_ARROW = " → "


def shape_rows(node: Node, layout: Layout) -> list[Row]:
    """``shape  in → out``; one shape when nothing changes; none when the node has no tensors."""
    out_text = _tensors_text(node.outputs, layout)
    in_text = _tensors_text(node.inputs, layout)
    if len(node.inputs) > 1 and node.outputs:
        return [Row("shape", out_text)]  # a merge: its producers' cards show the inputs
    if not node.inputs or in_text == out_text:
        return [Row("shape", out_text or in_text)] if (out_text or in_text) else []
    if not node.outputs:
        return [Row("shape", in_text)]
    return [Row("shape", f"{in_text}{SHAPE_ARROW}{out_text}")]


def params_text(params: int, total: int) -> str:
    """``448 · 0.7%`` of the whole network's parameters."""
    if total <= 0:
        return count_text(params)
    share = 100.0 * params / total
    share_text = "<0.1%" if share < 0.1 else f"{share:.1f}%"
    return f"{count_text(params)} · {share_text}"


def _detail_rows(node: Node, options: GraphOptions, total: int, count: int) -> list[Row]:
    rows: list[Row] = []
    if options.show_args and node.op not in GROUP_OPS and (args := args_text(node)):
        rows.append(Row("args", args))
    activation = node.activation
    folded = in_place(node)  # the activation runs among them, in its place in their order
    if options.show_layer_activations and folded:
        rows.append(Row("in place", " · ".join(folded)))
    elif options.show_layer_activations and activation and activation not in ("linear", node.op):
        rows.append(Row("activation", activation))
    if options.show_dtype and node.output is not None:
        rows.append(Row("dtype", node.output.dtype))
    if options.show_params and node.params:
        rows.append(Row("params", params_text(node.params * count, total)))
    if options.show_trainable and node.params and node.trainable is not None:
        state, paint = ("trainable", "trainable") if node.trainable else ("frozen", "frozen")
        rows.append(Row("weights", state, paint))
    if node.display.note:
        rows += [Row("", line, "muted", italic=True) for line in _note_lines(node.display.note)]
    return rows


def _note_lines(note: str) -> list[str]:
    """An author's note, wrapped so it never makes its card wider than the facts above it."""
    return [part for line in note.splitlines() for part in textwrap.wrap(line, NOTE_WIDTH)]


def _titles(node: Node, options: GraphOptions) -> tuple[str, str]:
    if node.op in GROUP_OPS:
        layers = node.attrs.get("layers")
        count = node.attrs.get("count")
        parts = [f"×{count}"] if isinstance(count, int) and count > 1 else []
        parts += [f"{layers} layers"] if isinstance(layers, int) else []
        return node.display.label or node.name, " · ".join(parts)
    title = node.display.label or custom_type(node) or op_title(node.op)
    shown = options.show_layer_names and node.name and node.name != title
    if not shown or _is_generated(node.name, node.op):
        return title, ""
    return title, node.name


def _fan_subtitle(node: Node, subtitle: str, fan: Fan) -> str:
    """``b0 … b999 ×1000``: the names the card stands for (when names are shown) and the count."""
    names = f"{node.name} … {fan.last}" if subtitle == node.name else subtitle
    return " ".join(filter(None, (names, f"×{fan.count}")))


def card_content(
    node: Node, options: GraphOptions, total: int, layout: Layout, fan: Fan | None = None
) -> CardContent:
    """The card of one node: title, subtitle and rows in a fixed order.

    A node standing for a ``fan`` of interchangeable layers says how many, and counts all their
    parameters; it is never a compact merge circle, which would have no room to say so.
    """
    symbol = MERGE_SYMBOLS.get(node.op) if options.compact_merges and fan is None else None
    if symbol and not (node.display.label or node.display.note):
        return CardContent(op_title(node.op), node.name, (), symbol)
    title, subtitle = _titles(node, options)
    count = 1
    if fan is not None:
        subtitle, count = _fan_subtitle(node, subtitle, fan), fan.count
    rows = shape_rows(node, layout) if options.show_shapes else []
    return CardContent(title, subtitle, (*rows, *_detail_rows(node, options, total, count)))
