"""Inputs, dense layers, embeddings, dropout, activations and author-defined ``custom`` ops.

Dense layers act on the channel (feature) axis, which is the first axis of the channels-first IR:
``dense: 10`` maps ``[64]`` to ``[10]`` and ``[256, 128]`` (features × steps) to ``[10, 128]``.
"""

from __future__ import annotations

from nnviz_core.errors import excerpt
from nnviz_core.ir.ops.base import Arg, Call, Op, Shape, channels_check, same_shape
from nnviz_core.ir.ops.values import ACTIVATIONS


def input_shape(call: Call) -> Shape:
    """Shape: → `shape` (channels first)."""
    shape = call.attrs["shape"]
    assert isinstance(shape, tuple)
    if any(dim == -1 for dim in shape):
        call.fail("an input shape cannot contain -1; write null for an unknown dimension")
    return tuple(dim if isinstance(dim, int) else None for dim in shape)


def dense_shape(call: Call) -> Shape:
    """Shape: `[F, …]` → `[units, …]` (acts on the feature axis)."""
    if not call.shape:
        call.fail("expects at least one dimension, got a scalar; add a reshape layer first")
    return (call.num("units"), *call.shape[1:])


def dense_params(call: Call) -> int:
    units = call.num("units")
    return call.channels() * units + (units if call.flag("use_bias") else 0)


def embedding_shape(call: Call) -> Shape:
    """Shape: `[T]` → `[output_dim, T]`."""
    return (call.num("output_dim"), *call.shape)


def embedding_params(call: Call) -> int:
    return call.num("input_dim") * call.num("output_dim")


def custom_shape(call: Call) -> Shape:
    """Shape: → the explicit `output_shape`."""
    call.fail(f"custom op {excerpt(call.attrs['type'])} needs an explicit `output_shape:`")


def custom_params(call: Call) -> int:
    return call.num("params")


USE_BIAS = Arg("use_bias", "bool", True, "Add a learned bias per unit.", ("bias",))
ACTIVATION = Arg("activation", "activation", None, "Activation applied to the output.")

CORE = (
    Op(
        "input",
        "input",
        "A network input; `shape` is channels-first unless the spec says `layout: channels_last`.",
        input_shape,
        args=(
            Arg("shape", "shape", None, "Tensor shape without the batch dimension.", required=True),
            Arg("dtype", "str", "float32", "Element type, e.g. `int32` for token ids."),
        ),
        main="shape",
        arity=(0, 0),
    ),
    Op(
        "dense",
        "dense",
        "Fully connected layer on the feature axis (Keras Dense, PyTorch Linear).",
        dense_shape,
        dense_params,
        (
            Arg(
                "units",
                "int",
                None,
                "Number of output features.",
                ("out_features",),
                minimum=1,
                required=True,
            ),
            USE_BIAS,
            ACTIVATION,
            channels_check("in_features", "PyTorch's input features; checked, not needed."),
        ),
        "units",
        aliases=("linear", "fully_connected", "fc"),
    ),
    Op(
        "embedding",
        "embedding",
        "Lookup table from token ids to vectors: `[steps]` becomes `[output_dim, steps]`.",
        embedding_shape,
        embedding_params,
        (
            Arg(
                "input_dim",
                "int",
                None,
                "Vocabulary size.",
                ("num_embeddings",),
                minimum=1,
                required=True,
            ),
            Arg(
                "output_dim",
                "int",
                None,
                "Vector size.",
                ("embedding_dim",),
                minimum=1,
                required=True,
            ),
        ),
    ),
    Op(
        "dropout",
        "dropout",
        "Randomly zeroes activations while training.",
        args=(Arg("rate", "float", 0.5, "Fraction of units dropped.", ("p",), minimum=0.0),),
        main="rate",
        aliases=(
            "spatial_dropout1d",
            "spatial_dropout2d",
            "spatial_dropout3d",
            "dropout1d",
            "dropout2d",
            "dropout3d",
            "alpha_dropout",
        ),
    ),
    Op(
        "custom",
        "custom",
        "Any other op, drawn with its own name; give `output_shape:`.",
        custom_shape,
        custom_params,
        (
            Arg("type", "str", None, "The op's name as drawn.", required=True),
            Arg("params", "int", 0, "Its parameter count.", minimum=0),
        ),
        "type",
        arity=(0, None),
    ),
)

ACTIVATION_OPS = (
    Op(
        "activation",
        "activation",
        "Any activation by name (Keras Activation).",
        args=(Arg("activation", "activation", None, "The activation's name.", required=True),),
        main="activation",
    ),
    Op(
        "leaky_relu",
        "activation",
        "Leaky ReLU.",
        args=(Arg("negative_slope", "float", 0.3, "Slope for negative inputs.", ("alpha",)),),
        main="negative_slope",
        aliases=("leakyrelu",),
    ),
    Op(
        "elu",
        "activation",
        "Exponential linear unit.",
        args=(Arg("alpha", "float", 1.0, "Saturation value for negative inputs."),),
        main="alpha",
    ),
    Op(
        "gelu",
        "activation",
        "Gaussian error linear unit.",
        args=(
            Arg(
                "approximate",
                "choice",
                "none",
                "Exact or tanh approximation.",
                choices=("none", "tanh"),
            ),
        ),
        main="approximate",
    ),
    Op(
        "softmax",
        "activation",
        "Softmax along an axis (0 = channels).",
        args=(Arg("axis", "int", 0, "Axis of the IR shape to normalise over.", ("dim",)),),
        main="axis",
    ),
    *(
        Op(name, "activation", f"The {name} activation.", same_shape)
        for name in (
            "relu",
            "relu6",
            "sigmoid",
            "tanh",
            "silu",
            "selu",
            "softplus",
            "softsign",
            "hard_sigmoid",
            "hard_swish",
            "mish",
            "celu",
            "log_softmax",
        )
    ),
)

#: Op-name aliases for activations spelled differently in Keras, PyTorch and papers.
ACTIVATION_ALIASES = {
    "swish": "silu",
    "hardswish": "hard_swish",
    "hard_silu": "hard_swish",
    "hardsigmoid": "hard_sigmoid",
    "logsoftmax": "log_softmax",
}

assert all(op.name in ACTIVATIONS for op in ACTIVATION_OPS if op.name != "activation")
OPS = (*CORE, *ACTIVATION_OPS)
