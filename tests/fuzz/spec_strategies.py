"""Hypothesis strategies for YAML architecture specs: valid ones and near-valid ones.

Ops come from the catalogue (``nnviz_core.ir.ops.OPS``) with arguments drawn per argument kind,
plus ids, ``inputs``, merges, repeats, blocks with ``$args``, inline groups, wide merges, and
labels with odd Unicode and control characters. Two thirds of the specs are drawn in "valid"
mode (every value plausible, so most of them draw); the rest in "near-valid" mode, where each
choice may instead be anything at all: a value of the wrong type, an extreme number, a missing
or misspelt argument, an unknown id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st
from values import ANY_SCALAR, EXTREME_INTS, ODD_TEXT, PLAIN_NAMES, small_ints

from nnviz_core.ir.ops import ACTIVATIONS, ALIASES, OPS, Arg

_ACTIVATIONS = sorted(ACTIVATIONS)
_MERGES = [name for name, op in OPS.items() if op.category == "merge"]
_SAME_SHAPE = ["relu", "batchnorm", "dropout", "tanh", "layernorm", "sigmoid", "activation"]
#: Ops that suit an input of each rank, so that a good share of the specs draw.
_FAMILIES: dict[int, list[str]] = {
    1: ["dense", "dropout", "relu", "batchnorm", "layernorm", "softmax", "reshape", "custom"],
    2: ["conv1d", "maxpool1d", "lstm", "gru", "simple_rnn", "dense", "multi_head_attention",
        "transformer_encoder", "global_avgpool1d", "upsampling1d", "zero_padding1d", "flatten",
        "embedding", "permute", "conv1d_transpose", "separable_conv1d"],
    3: ["conv2d", "maxpool2d", "avgpool2d", "batchnorm", "relu", "global_avgpool2d", "flatten",
        "dense", "upsampling2d", "conv2d_transpose", "depthwise_conv2d", "separable_conv2d",
        "zero_padding2d", "adaptive_avgpool2d", "groupnorm", "instancenorm", "dropout"],
    4: ["conv3d", "maxpool3d", "avgpool3d", "global_maxpool3d", "upsampling3d", "flatten",
        "conv3d_transpose", "zero_padding3d", "adaptive_maxpool3d"],
}  # fmt: skip
_ALIAS_NAMES = sorted(ALIASES)


@dataclass
class Built:
    """A spec being drawn: the ids given so far (merges and ``inputs`` refer to them)."""

    odd: bool = False
    ids: list[str] = field(default_factory=lambda: ["input"])

    def strays(self, draw: st.DrawFn) -> bool:
        """Whether this choice goes astray: never in valid mode, a quarter of the time else."""
        return self.odd and draw(st.booleans()) and draw(st.booleans())

    def new_id(self) -> str:
        self.ids.append(f"l{len(self.ids)}")
        return self.ids[-1]


def _plausible(arg: Arg, rank: int) -> st.SearchStrategy[Any]:
    kind = arg.kind
    if kind == "int":
        return small_ints(1, 16)
    if kind == "ints":
        return small_ints(1, 4) | st.lists(small_ints(1, 4), min_size=rank, max_size=rank)
    if kind == "float":
        return st.floats(0, 1)
    if kind == "bool":
        return st.booleans()
    if kind == "activation":
        return st.sampled_from(_ACTIVATIONS)
    if kind == "choice":
        return st.sampled_from(list(arg.choices))
    if kind == "padding":
        return st.sampled_from(["valid", "same", 0, 1, 2])
    if kind == "shape":
        return st.lists(small_ints(1, 16), min_size=1, max_size=3)
    if kind == "pairs":
        return small_ints(0, 3) | st.lists(
            st.tuples(small_ints(0, 2), small_ints(0, 2)).map(list), max_size=rank
        )
    return PLAIN_NAMES


ODD_VALUE = st.one_of(
    ANY_SCALAR, st.lists(ANY_SCALAR, max_size=4), st.lists(EXTREME_INTS, max_size=3)
)


def _arg_value(draw: st.DrawFn, built: Built, arg: Arg, rank: int) -> Any:
    return draw(ODD_VALUE if built.strays(draw) else _plausible(arg, rank))


@st.composite
def _op_args(draw: st.DrawFn, built: Built, name: str) -> Any:
    op = OPS[name]
    required = [arg for arg in op.args if arg.required]
    form = draw(st.sampled_from(["none", "main", "dict", "dict"]))
    if required and not built.strays(draw):  # all required arguments, by name
        form = "main" if [arg.name for arg in required] == [op.main] and form == "main" else "dict"
    if form == "none" or not op.args:
        return None
    if form == "main" and op.main:
        main = next((arg for arg in op.args if arg.name == op.main), op.args[0])
        return _arg_value(draw, built, main, op.rank)
    chosen = [
        arg for arg in op.args if arg.required or (draw(st.booleans()) and draw(st.booleans()))
    ]
    if built.strays(draw) and chosen:
        chosen.pop(draw(st.integers(0, len(chosen) - 1)))  # maybe a required one
    args = {arg.name: _arg_value(draw, built, arg, op.rank) for arg in chosen}
    if built.strays(draw):  # a misspelt or unknown argument
        args[draw(PLAIN_NAMES)] = draw(ANY_SCALAR)
    return args


#: Labels: plain, with odd Unicode and control characters (as valid as any), or not text at all.
LABEL = ODD_TEXT.filter(str.strip) | PLAIN_NAMES
_DISPLAY = {  # key: (plausible, odd)
    "label": (LABEL, ANY_SCALAR),
    "name": (LABEL, ANY_SCALAR),
    "note": (LABEL, ANY_SCALAR),
    "color": (st.sampled_from(["#ff0000", "#0a0", "#123456"]), st.sampled_from(["red", "#12"])),
    "hidden": (st.booleans(), ANY_SCALAR),
    "output_shape": (st.lists(small_ints(1, 8), min_size=1, max_size=3), st.lists(EXTREME_INTS)),
    "repeat": (small_ints(1, 4), EXTREME_INTS | ANY_SCALAR),
}


def _display(draw: st.DrawFn, built: Built, entry: dict[str, Any]) -> None:
    """Display keys beside the op: labels and notes with odd text, colours, hidden, shapes."""
    keys = draw(st.lists(st.sampled_from(sorted(_DISPLAY)), max_size=2, unique=True))
    for key in keys:
        plausible, odd = _DISPLAY[key]
        entry[key] = draw(odd if built.strays(draw) else plausible)


@st.composite
def op_layer(draw: st.DrawFn, built: Built, rank: int) -> Any:
    name = draw(st.sampled_from(_FAMILIES.get(rank, list(OPS))))
    if built.strays(draw):
        name = draw(st.sampled_from(list(OPS)) | st.sampled_from(_ALIAS_NAMES) | PLAIN_NAMES)
    canonical = ALIASES.get(name, name)
    if canonical not in OPS:
        return name
    args = draw(_op_args(built, canonical))
    if args is None and draw(st.booleans()):
        return name  # the bare form: `- relu`
    entry: dict[str, Any] = {name: args if args is not None else {}}
    if draw(st.booleans()):
        entry["id"] = built.new_id()
    if built.strays(draw):
        entry["inputs"] = [draw(st.sampled_from(built.ids))]
    _display(draw, built, entry)
    return entry


@st.composite
def merge_layer(draw: st.DrawFn, built: Built) -> Any:
    """A merge naming earlier layers; near-valid, any number of any ids (or one that is not)."""
    op = draw(st.sampled_from(_MERGES))
    if not built.strays(draw):
        return wide_merge(built, 2, op)
    choices = st.sampled_from([*built.ids, "nowhere"])
    names = draw(st.lists(choices, min_size=1, max_size=4))
    return [{op: names} if draw(st.booleans()) else {"id": built.new_id(), op: names}]


def wide_merge(built: Built, width: int, op: str = "add") -> list[Any]:
    """``width`` parallel same-shape branches from the last layer, merged by ``op``."""
    source = built.ids[-1]
    start = built.new_id()
    layers: list[Any] = [{"id": start, "relu": {}, "inputs": [source]}]
    branches = []
    for index in range(width):
        branch = f"w{len(built.ids)}_{index}"
        branches.append(branch)
        layers.append({"id": branch, _SAME_SHAPE[index % 3]: {}, "inputs": [start]})
    layers.append({op: branches})
    return layers


BLOCK = {
    "args": {"filters": 8, "k": 3},
    "layers": [
        {"id": "a", "conv2d": {"filters": "$filters", "kernel": "$k", "padding": "same"}},
        "relu",
        {"add": ["input", "a"]},
    ],
}


@st.composite
def block_call(draw: st.DrawFn, built: Built) -> Any:
    """A call of the ``blk`` block: its ``$args`` plausible or not, repeated, labelled."""
    args = {}
    if draw(st.booleans()):
        args["filters"] = draw(ANY_SCALAR if built.strays(draw) else st.sampled_from([8, 16]))
    if draw(st.booleans()):
        args["k"] = draw(ANY_SCALAR if built.strays(draw) else st.sampled_from([1, 3]))
    if built.strays(draw):
        args[draw(PLAIN_NAMES)] = draw(ANY_SCALAR)
    entry: dict[str, Any] = {"blk": args}
    if draw(st.booleans()):
        entry["repeat"] = draw(EXTREME_INTS if built.strays(draw) else small_ints(1, 4))
    if draw(st.booleans()):
        entry["label"] = draw(LABEL)
    return entry


@st.composite
def inline_group(draw: st.DrawFn, built: Built, rank: int) -> Any:
    layers = draw(st.lists(op_layer(built, rank), min_size=1, max_size=3))
    entry: dict[str, Any] = {"label": draw(LABEL), "layers": layers}
    if draw(st.booleans()):
        entry["repeat"] = draw(EXTREME_INTS if built.strays(draw) else small_ints(1, 4))
    return entry


_SHAPES = {1: [32], 2: [16, 8], 3: [8, 16, 16], 4: [4, 8, 8, 8]}


@st.composite
def specs(draw: st.DrawFn, max_width: int = 300) -> tuple[dict[str, Any], Built]:
    """A spec mapping (mostly valid, often near-valid) and what was drawn into it."""
    built = Built(odd=draw(st.sampled_from([False, False, True])))
    rank = draw(st.sampled_from([1, 2, 3, 3, 4]))
    shape = _SHAPES[rank]
    if built.strays(draw):
        shape = draw(st.lists(ANY_SCALAR | EXTREME_INTS, max_size=4))
    spec: dict[str, Any] = {"input": shape, "layers": []}
    if draw(st.booleans()):
        spec["name"] = draw(ANY_SCALAR if built.strays(draw) else LABEL)
    uses_block = rank == 3 and draw(st.booleans())
    if uses_block:
        spec["blocks"] = {"blk": BLOCK}
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["op"] * 6 + ["merge", "group", "block", "wide"]))
        if kind == "merge":
            spec["layers"].extend(draw(merge_layer(built)))
        elif kind == "group":
            spec["layers"].append(draw(inline_group(built, rank)))
        elif kind == "block" and uses_block:
            spec["layers"].append(draw(block_call(built)))
        elif kind == "wide":
            width = draw(st.sampled_from([2, 3, 17]) | st.integers(2, max_width))
            spec["layers"].extend(wide_merge(built, width, draw(st.sampled_from(_MERGES))))
        else:
            spec["layers"].append(draw(op_layer(built, rank)))
    return spec, built
