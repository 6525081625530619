"""Hypothesis strategies for Caffe ``.prototxt`` text (protobuf text format).

A net declares its input (``input``/``input_dim``, ``input_shape``, or an ``Input`` layer), then
layers of the types the Caffe source knows (and some it does not), wired by ``bottom``/``top``,
with parameter blocks whose numbers are plausible or extreme; now and then the text itself is
cut or gets a stray character.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st
from values import EXTREME_INTS, ODD_TEXT, small_ints

from nnviz_core.sources.caffe.catalogue import KNOWN

TYPES = sorted(KNOWN)
_PARAMS = {
    "Convolution": "convolution_param",
    "Deconvolution": "convolution_param",
    "Pooling": "pooling_param",
    "InnerProduct": "inner_product_param",
    "Concat": "concat_param",
    "Eltwise": "eltwise_param",
    "Dropout": "dropout_param",
    "Flatten": "flatten_param",
    "Reshape": "reshape_param",
    "Slice": "slice_param",
    "Crop": "crop_param",
    "Softmax": "softmax_param",
    "ReLU": "relu_param",
    "Upsample": "upsample_param",
    "Scale": "scale_param",
}
_FIELDS = ["num_output", "kernel_size", "stride", "pad", "dilation", "group", "axis", "pool",
           "global_pooling", "operation", "dropout_ratio", "slice_point", "bias_term",
           "negative_slope", "scale", "offset", "round_mode"]  # fmt: skip
NUMBER = small_ints(0, 8) | EXTREME_INTS | st.sampled_from(["-3", "1.5", "1e400", "nan"])
COMMON_TYPES = st.sampled_from(["Convolution", "Pooling", "ReLU", "InnerProduct", "Concat"])
STRAY = st.sampled_from(["", "{", "}", '"', ":", "\\", "\x00", "#"])
ENUM = st.sampled_from(["MAX", "AVE", "SUM", "PROD", "FLOOR", "CEIL", "STOCHASTIC", "WHAT"])


def quoted(text: str) -> str:
    """A protobuf string literal (JSON escapes are a superset the parser must cope with)."""
    return json.dumps(text, ensure_ascii=False)


@st.composite
def _param_block(draw: st.DrawFn, kind: str) -> str:
    name = _PARAMS.get(kind, "convolution_param")
    fields = draw(st.lists(st.sampled_from(_FIELDS), max_size=4))
    body = []
    for field in fields:
        value = draw(ENUM) if field in ("pool", "operation", "round_mode") else draw(NUMBER)
        body.append(f"{field}: {value}")
    if kind == "Reshape" or draw(st.booleans()):
        dims = draw(st.lists(st.integers(-1, 8) | EXTREME_INTS, max_size=4))
        body.append("shape { " + " ".join(f"dim: {dim}" for dim in dims) + " }")
    return f"  {name} {{ {' '.join(body)} }}"


#: Valid-mode layers: a type and a parameter block that suits it.
_VALID = {
    "Convolution": "convolution_param {{ num_output: {n} kernel_size: {k} pad: {p} }}",
    "Deconvolution": "convolution_param {{ num_output: {n} kernel_size: 2 stride: 2 }}",
    "Pooling": "pooling_param {{ pool: MAX kernel_size: 2 stride: 2 }}",
    "InnerProduct": "inner_product_param {{ num_output: {n} }}",
    "ReLU": "",
    "Sigmoid": "",
    "BatchNorm": "",
    "Scale": "scale_param {{ bias_term: true }}",
    "Dropout": "dropout_param {{ dropout_ratio: 0.5 }}",
    "Softmax": "",
    "Flatten": "",
    "LRN": "",
    "Concat": "",
    "Eltwise": "eltwise_param {{ operation: SUM }}",
}


@st.composite
def _layer(draw: st.DrawFn, tops: list[str], odd: bool) -> str:
    if not odd:
        return draw(_valid_layer(tops))
    kind = draw(st.sampled_from(TYPES) | COMMON_TYPES | ODD_TEXT)
    name = draw(st.sampled_from([f"l{len(tops)}"]) | ODD_TEXT)
    bottoms = draw(st.lists(st.sampled_from([*tops, "missing"]), min_size=1, max_size=3))
    top = draw(st.sampled_from([f"l{len(tops)}", bottoms[0]]) | ODD_TEXT)
    params = draw(_param_block(kind)) if draw(st.booleans()) else ""
    return _layer_text(name, kind, bottoms, top, params)


@st.composite
def _valid_layer(draw: st.DrawFn, tops: list[str]) -> str:
    kind = draw(st.sampled_from(sorted(_VALID)))
    count = 2 if kind in ("Concat", "Eltwise") else 1
    bottoms = [tops[-1]] * count if kind == "Eltwise" else [draw(st.sampled_from(tops))] * count
    params = _VALID[kind].format(n=draw(small_ints(1, 16)), k=draw(small_ints(1, 3)), p=0)
    name = f"l{len(tops)}"
    return _layer_text(name, kind, bottoms, name, f"  {params}" if params else "", tops)


def _layer_text(
    name: str, kind: str, bottoms: list[str], top: str, params: str, tops: list[str] | None = None
) -> str:
    lines = [f"  name: {quoted(name)}", f"  type: {quoted(kind)}"]
    lines += [f"  bottom: {quoted(bottom)}" for bottom in bottoms]
    lines.append(f"  top: {quoted(top)}")
    if params:
        lines.append(params)
    if tops is not None:
        tops.append(top)
    return "layer {\n" + "\n".join(lines) + "\n}"


@st.composite
def _inputs(draw: st.DrawFn, odd: bool) -> str:
    strange = st.lists(small_ints(0, 16) | EXTREME_INTS, max_size=5)
    dims = draw(strange) if odd and draw(st.booleans()) else [1, 3, 16, 16]
    form = draw(st.sampled_from(["input_dim", "input_shape", "layer"]))
    if form == "input_dim":
        return 'input: "data"\n' + "".join(f"input_dim: {dim}\n" for dim in dims)
    shape = "shape { " + " ".join(f"dim: {dim}" for dim in dims) + " }"
    if form == "input_shape":
        return f'input: "data"\ninput_shape {{ {" ".join(f"dim: {dim}" for dim in dims)} }}\n'
    return f'layer {{ name: "data" type: "Input" top: "data" input_param {{ {shape} }} }}\n'


@st.composite
def prototxts(draw: st.DrawFn) -> str:
    tops = ["data"]
    odd = draw(st.sampled_from([False, False, True]))
    name = draw(ODD_TEXT if odd else st.sampled_from(["net", "LeNet"]))
    text = f"name: {quoted(name)}\n" + draw(_inputs(odd))
    text += "\n".join(draw(_layer(tops, odd)) for _ in range(draw(st.integers(0, 6))))
    if odd and draw(st.booleans()):  # damaged text
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 5))
        text = text[:at] + draw(STRAY) + text[at + cut :]
    return text
