"""Shape and parameter rules of every op in the catalogue, and the catalogue's own contracts."""

from __future__ import annotations

import contextlib
import itertools
from typing import Any

import pytest

from nnviz_core.errors import NnvizError, ShapeError, SpecValueError, UnknownNameError
from nnviz_core.ir import CATEGORIES
from nnviz_core.ir.ops import ALIASES, OPS, Incoming, apply, canonical, categories, lookup

ACTIVATION_NAMES = [name for name, op in OPS.items() if op.category == "activation"]

# (op, args, input shapes, output shape, parameters): at least one row per op.
RULES: list[tuple[str, dict[str, Any], list[tuple[Any, ...]], tuple[Any, ...], int]] = [
    ("input", {"shape": [3, None, 8]}, [], (3, None, 8), 0),
    ("dense", {"units": 10, "use_bias": False}, [(64,)], (10,), 640),
    ("embedding", {"input_dim": 100, "output_dim": 8}, [(5,)], (8, 5), 800),
    ("dropout", {}, [(4, 4)], (4, 4), 0),
    ("custom", {"type": "X", "params": 7}, [(4,)], (2,), 7),
    ("activation", {"activation": "relu"}, [(4, 2)], (4, 2), 0),
    ("softmax", {"axis": 1}, [(4, 2)], (4, 2), 0),
    ("conv1d", {"filters": 4, "kernel": 3, "padding": "same", "strides": 2}, [(2, 9)], (4, 5), 28),
    ("conv1d_transpose", {"filters": 2, "kernel": 3, "padding": "same", "strides": 2}, [(4, 5)],
     (2, 10), 26),
    ("conv2d", {"filters": 8, "kernel": 3, "padding": [1, 0]}, [(3, 10, 10)], (8, 10, 8), 224),
    ("conv2d", {"filters": 8, "kernel": 3}, [(3, None, 10)], (8, None, 8), 224),
    ("conv2d_transpose", {"filters": 3, "kernel": 4, "strides": 2, "padding": 1}, [(8, 8, 8)],
     (3, 16, 16), 387),
    ("conv3d", {"filters": 2, "kernel": [1, 3, 3], "padding": "same"}, [(1, 4, 8, 8)],
     (2, 4, 8, 8), 20),
    ("conv3d_transpose", {"filters": 1, "kernel": 2, "strides": 2}, [(2, 2, 3, 4)],
     (1, 4, 6, 8), 17),
    ("separable_conv1d", {"filters": 8, "kernel": 3}, [(4, 10)], (8, 8), 12 + 32 + 8),
    ("depthwise_conv1d", {"kernel": 3, "depth_multiplier": 2}, [(4, 10)], (8, 8), 24 + 8),
    ("separable_conv2d", {"filters": 8, "kernel": 3, "use_bias": False}, [(4, 6, 6)],
     (8, 4, 4), 36 + 32),
    ("depthwise_conv2d", {"kernel": 3}, [(4, 6, 6)], (4, 4, 4), 40),
    ("maxpool1d", {"pool_size": 3, "strides": 1}, [(4, 10)], (4, 8), 0),
    ("avgpool1d", {"pool_size": 2, "padding": "same"}, [(4, 11)], (4, 6), 0),
    ("global_maxpool1d", {}, [(4, 10)], (4,), 0),
    ("global_avgpool1d", {"keepdims": True}, [(4, 10)], (4, 1), 0),
    ("adaptive_maxpool1d", {"output_size": 3}, [(4, 10)], (4, 3), 0),
    ("adaptive_avgpool1d", {"output_size": 1}, [(4, 10)], (4, 1), 0),
    ("maxpool2d", {}, [(4, 9, 9)], (4, 4, 4), 0),
    ("avgpool2d", {"pool_size": [2, 3]}, [(4, 8, 9)], (4, 4, 3), 0),
    ("global_maxpool2d", {}, [(4, 9, 9)], (4,), 0),
    ("global_avgpool2d", {"keepdims": True}, [(4, 9, 9)], (4, 1, 1), 0),
    ("adaptive_maxpool2d", {"output_size": [2, 3]}, [(4, 9, 9)], (4, 2, 3), 0),
    ("adaptive_avgpool2d", {"output_size": 7}, [(4, 9, 9)], (4, 7, 7), 0),
    ("maxpool3d", {"pool_size": 2}, [(1, 4, 4, 5)], (1, 2, 2, 2), 0),
    ("avgpool3d", {"pool_size": 2, "padding": "same"}, [(1, 4, 4, 5)], (1, 2, 2, 3), 0),
    ("global_maxpool3d", {}, [(2, 4, 4, 4)], (2,), 0),
    ("global_avgpool3d", {}, [(2, 4, 4, 4)], (2,), 0),
    ("adaptive_maxpool3d", {"output_size": 1}, [(2, 4, 4, 4)], (2, 1, 1, 1), 0),
    ("adaptive_avgpool3d", {"output_size": [1, 2, 2]}, [(2, 4, 4, 4)], (2, 1, 2, 2), 0),
    ("batchnorm", {"center": False}, [(8, 4, 4)], (8, 4, 4), 24),
    ("layernorm", {}, [(16, 4)], (16, 4), 32),
    ("groupnorm", {"groups": 2, "affine": False}, [(8, 4, 4)], (8, 4, 4), 0),
    ("rescaling", {"scale": 1 / 255, "offset": -1.0}, [(3, 32, 32)], (3, 32, 32), 0),
    ("normalization", {}, [(3, 32, 32)], (3, 32, 32), 0),
    ("instancenorm", {}, [(8, 4, 4)], (8, 4, 4), 0),
    ("flatten", {}, [(2, None, 3)], (None,), 0),
    ("reshape", {"target_shape": [2, -1]}, [(4, 3)], (2, 6), 0),
    ("reshape", {"target_shape": [-1, 4]}, [(None, 8)], (None, 4), 0),
    ("permute", {"dims": [2, 1]}, [(4, 3)], (3, 4), 0),
    ("upsampling1d", {}, [(4, 5)], (4, 10), 0),
    ("upsampling2d", {"size": [2, 3], "interpolation": "bilinear"}, [(4, 5, 5)], (4, 10, 15), 0),
    ("upsampling3d", {"size": 2}, [(1, 2, 2, 2)], (1, 4, 4, 4), 0),
    ("zero_padding1d", {"padding": [[1, 2]]}, [(4, 5)], (4, 8), 0),
    ("zero_padding2d", {}, [(4, 5, 5)], (4, 7, 7), 0),
    ("zero_padding3d", {"padding": [1, 0, 2]}, [(1, 2, 2, 2)], (1, 4, 2, 6), 0),
    ("cropping1d", {"cropping": [[1, 2]]}, [(4, 5)], (4, 2), 0),
    ("cropping2d", {"cropping": 1}, [(4, 5, None)], (4, 3, None), 0),
    ("cropping3d", {"cropping": [1, 0, 2]}, [(1, 4, 4, 5)], (1, 2, 4, 1), 0),
    ("rmsnorm", {}, [(16, 4)], (16, 4), 16),
    ("scale", {"use_bias": True}, [(8, 4, 4)], (8, 4, 4), 16),
    ("lrn", {"size": 5}, [(8, 4, 4)], (8, 4, 4), 0),
    ("dot_product_attention", {}, [(8, 5), (8, 6), (3, 6)], (3, 5), 0),
    ("dot_product_attention", {}, [(8, 5)], (8, 5), 0),
    ("relative_position_bias", {"num_heads": 3, "window": 7}, [], (3, 49, 49), 13 * 13 * 3),
    ("relative_position_bias", {"num_heads": 2, "window": [2, 3]}, [], (2, 6, 6), 3 * 5 * 2),
    ("add", {}, [(4, None), (4, 6), (4, 6)], (4, 6), 0),
    ("subtract", {}, [(4,), (4,)], (4,), 0),
    ("multiply", {}, [(4,), (4,)], (4,), 0),
    ("average", {}, [(4,), (4,)], (4,), 0),
    ("maximum", {}, [(4,), (4,)], (4,), 0),
    ("minimum", {}, [(4,), (4,)], (4,), 0),
    ("concat", {"axis": -1}, [(4, 6), (4, 2)], (4, 8), 0),
    ("concat", {}, [(4, 6), (None, 6)], (None, 6), 0),
    ("simple_rnn", {"units": 4}, [(3, 7)], (4,), 3 * 4 + 4 * 4 + 4),
    ("lstm", {"units": 4, "use_bias": False}, [(3, 7)], (4,), 4 * (12 + 16)),
    ("gru", {"units": 4, "reset_after": False, "return_sequences": True}, [(3, 7)], (4, 7),
     3 * (12 + 16 + 4)),
    ("multi_head_attention", {"num_heads": 2, "key_dim": 3}, [(8, 5), (6, 4), (4, 4)], (8, 5),
     (8 * 6 + 6) + (4 * 6 + 6) + (6 * 6 + 6) + (6 * 8 + 8)),
    ("transformer_encoder", {"num_heads": 2, "ff_dim": 16}, [(8, 5)], (8, 5),
     4 * 64 + 32 + 8 * 16 + 16 + 16 * 8 + 8 + 32),
    ("transformer_decoder", {"num_heads": 2, "ff_dim": 16}, [(8, 5)], (8, 5),
     4 * 64 + 32 + 8 * 16 + 16 + 16 * 8 + 8 + 32),
    *[(name, {}, [(4, 2)], (4, 2), 0) for name in ACTIVATION_NAMES if name != "activation"],
]  # fmt: skip


@pytest.mark.parametrize(("op", "args", "inputs", "shape", "params"), RULES)
def test_rule(op: str, args: dict[str, Any], inputs: list[Any], shape: Any, params: int) -> None:
    tensors = [Incoming(tensor, f"in{i}") for i, tensor in enumerate(inputs)]
    kwargs = {"output_shape": (2,)} if op == "custom" else {}
    applied = apply(lookup(op), args, tensors, **kwargs)
    assert (applied.shape, applied.params) == (shape, params)


def test_every_op_has_a_rule() -> None:
    assert set(OPS) == {row[0] for row in RULES}


def test_catalogue_contracts() -> None:
    for name, op in OPS.items():
        assert op.category in CATEGORIES
        assert categories[name] == op.category
        assert op.description.endswith(".")
        if op.main is not None:
            assert op.arg(op.main) is not None, name
        for arg in op.args:
            assert arg.description, (name, arg.name)
    for alias, name in ALIASES.items():
        assert canonical(alias) == name
        assert alias not in OPS


def test_lookup_accepts_aliases_and_case() -> None:
    assert lookup("Conv2D").name == "conv2d"
    assert lookup("linear").name == "dense"
    assert lookup("swish").name == "silu"
    assert canonical("GlobalAveragePooling2D") == "global_avgpool2d"
    assert canonical("Conv2DTranspose") == canonical("ConvTranspose2d") == "conv2d_transpose"
    assert canonical("TransformerEncoderLayer") == "transformer_encoder"
    assert canonical("BatchNormalization") == canonical("BatchNorm2d") == "batchnorm"
    assert canonical("PixelShuffle") is None
    with pytest.raises(UnknownNameError, match=r"^unknown op 'conv2' \(did you mean 'conv2d'\?\)$"):
        lookup("conv2")


REFUSED = [
    ("groupnorm", {"groups": 3}, [(8, 4, 4)],
     "groupnorm: groups=3 must divide the 8 input channels"),
    ("conv2d", {"filters": 6, "kernel": 3, "groups": 4}, [(3, 8, 8)],
     "conv2d: groups=4 must divide both the input channels (3) and filters (6)"),
    ("permute", {"dims": [1, 1]}, [(4, 3)],
     "permute: dims [1, 1] must order the axes 1..2 of [4, 3] (from 'in0') (1-based, batch "
     "excluded, like Keras Permute)"),
    ("reshape", {"target_shape": [-1, -1]}, [(4, 3)],
     "reshape: at most one -1 is allowed in the target shape, got [-1, -1]"),
    ("concat", {"axis": 2}, [(4, 3), (4, 3)],
     "concat: axis 2 is out of range for 2-dimensional inputs [4, 3]"),
    ("transformer_decoder", {"num_heads": 2}, [(8, 5), (6, 5)],
     "transformer_decoder: the memory [6, 5] (from 'in1') must have the same 8 features as the "
     "target [8, 5] (from 'in0')"),
    ("transformer_encoder", {"num_heads": 3}, [(8, 5)],
     "transformer_encoder: 3 heads do not divide 8 features"),
    ("multi_head_attention", {"num_heads": 3}, [(8, 5)],
     "multi_head_attention: 3 heads do not divide 8 features; give key_dim"),
    ("conv2d", {"filters": 3, "kernel": 3}, [(784,)],
     "conv2d: expects a [channels, height, width] input, got [784] (from 'in0'); add a reshape "
     "layer before it (e.g. `reshape: [1, 28, 28]`)"),
    ("conv1d", {"filters": 3, "kernel": 3}, [(50,)],
     "conv1d: expects a [channels, length] input, got [50] (from 'in0'); add a reshape layer "
     "before it (e.g. `reshape: [1, 50]`)"),
    ("dense", {"units": 3}, [(None,)],
     "dense: needs a known number of channels, got [?] (from 'in0')"),
    ("dense", {"units": 3}, [(4,), (4,)], "dense: takes 1 input, got 2"),
    ("input", {"shape": [-1]}, [],
     "input: an input shape cannot contain -1; write null for an unknown dimension"),
    ("input", {"shape": [3]}, [(3,)], "input: takes no inputs, got 1"),
    ("dense", {"units": 3, "in_features": 5}, [(4,)],
     "dense: in_features is 5 but the input [4] (from 'in0') has 4 channels"),
    ("cropping2d", {"cropping": [[2, 3], 0]}, [(4, 5, 5)],
     "cropping2d: cropping 5 of 5 positions leaves nothing of [4, 5, 5] (from 'in0')"),
    ("dot_product_attention", {}, [(8, 5), (8,), (8, 5)],
     "dot_product_attention: query [8, 5] (from 'in0'), key [8] (from 'in1') and value [8, 5] "
     "(from 'in2') must be [features, steps] tensors of the same rank"),
    ("not_equal", {}, [(4, 5), (4, 6)],
     "not_equal: shapes [4, 5] (from 'in0') and [4, 6] (from 'in1') do not match"),
]  # fmt: skip


@pytest.mark.parametrize(("op", "args", "inputs", "message"), REFUSED)
def test_refused(op: str, args: dict[str, Any], inputs: list[Any], message: str) -> None:
    tensors = [Incoming(tensor, f"in{i}") for i, tensor in enumerate(inputs)]
    with pytest.raises(ShapeError) as caught:
        apply(lookup(op), args, tensors)
    assert str(caught.value) == message


BAD_VALUES = [
    ("conv2d", {"filters": 4, "kernel": [3, 3, 3]},
     "conv2d: 'kernel' expects an integer or a list of 2 integers ≥ 1, got [3, 3, 3]"),
    ("conv2d", {"filters": 4, "kernel": 3, "padding": "full"},
     "conv2d: 'padding' expects 'valid', 'same', an integer or a list of 2 integers, got 'full'"),
    ("dense", {"units": True}, "dense: 'units' expects an integer ≥ 1, got True"),
    ("dropout", {"rate": "half"}, "dropout: 'rate' expects a number ≥ 0, got 'half'"),
    ("lstm", {"units": 4, "bidirectional": "yes"},
     "lstm: 'bidirectional' expects true or false, got 'yes'"),
    ("relative_position_bias", {"num_heads": 2, "window": [2, 3, 4]},
     "relative_position_bias: 'window' expects an integer or a list of 2 integers ≥ 1, "
     "got [2, 3, 4]"),
    ("gelu", {"approximate": "fast"},
     "gelu: 'approximate' does not accept 'fast'; choose one of none, tanh"),
    ("dense", {"units": 3, "out_features": 3}, "dense: 'units' is given twice (as 'out_features')"),
    ("conv1d", {"filters": 4}, "conv1d: missing required argument 'kernel' (kernel size (one "
     "integer or one per dimension))"),
]  # fmt: skip


@pytest.mark.parametrize(("op", "args", "message"), BAD_VALUES)
def test_bad_values(op: str, args: dict[str, Any], message: str) -> None:
    with pytest.raises(SpecValueError) as caught:
        apply(lookup(op), args, [Incoming((4, 8, 8))])
    assert str(caught.value) == message


ODD_VALUES = [None, 0, -1, 2, "x", "same", "causal", [], [1, 2], [1, 2, 3], [[1, 2], [3, 4]],
              True, 1.5, float("nan"), [None], [-1, 2], {"a": 1}]  # fmt: skip


@pytest.mark.parametrize("name", sorted(OPS))
def test_odd_argument_values_fail_cleanly(name: str) -> None:
    """Every argument given every odd value, on normal, unknown and scalar inputs: a result
    or an NnvizError, never another exception."""
    op = OPS[name]
    args, inputs, *_ = next(row[1:] for row in RULES if row[0] == name)
    normal = [Incoming(shape, f"in{i}") for i, shape in enumerate(inputs)]
    unknown = [Incoming((None,) * len(t.shape), t.source) for t in normal]
    scalar = [Incoming((), t.source) for t in normal]
    explicit = (2,) if name == "custom" else None
    for arg, value in itertools.product(op.args, ODD_VALUES):
        for tensors in (normal, unknown, scalar):
            with contextlib.suppress(NnvizError):
                apply(op, {**args, arg.name: value}, tensors, output_shape=explicit)
