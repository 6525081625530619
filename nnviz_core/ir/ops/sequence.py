"""Recurrent layers, attention (multi-head, the bare scaled dot product, Swin's relative position
bias) and transformer blocks.

Sequences are channels-first like everything else: ``[features, steps]`` (an ``embedding`` turns
``[steps]`` token ids into ``[output_dim, steps]``; with ``layout: channels_last`` authors write
``[steps, features]`` as in Keras). Counts match Keras; ``recurrent_bias: true`` adds PyTorch's
second bias vector so a pasted ``nn.LSTM`` counts the same as in PyTorch.
"""

from __future__ import annotations

from nnviz_core.ir.ops.base import Arg, Call, Incoming, Op, Shape, channels_check, described

GATES = {"simple_rnn": 1, "lstm": 4, "gru": 3}


def _sequence(call: Call, tensor: Incoming) -> tuple[int, int | None]:
    if len(tensor.shape) != 2:
        call.fail(
            f"expects a [features, steps] sequence, got {described(tensor)}; "
            "add an embedding or a reshape layer before it"
        )
    features = tensor.shape[0]
    if features is None:
        call.fail(f"needs a known number of features, got {described(tensor)}")
    return features, tensor.shape[1]


def recurrent_shape(call: Call) -> Shape:
    """Shape: `[F, T]` → `[units·directions]`,
    or `[units·directions, T]` with `return_sequences`.
    """
    _, steps = _sequence(call, call.inputs[0])
    width = call.num("units") * (2 if call.flag("bidirectional") else 1)
    return (width, steps) if call.flag("return_sequences") else (width,)


def recurrent_params(call: Call) -> int:
    features, _ = _sequence(call, call.inputs[0])
    units, gates = call.num("units"), GATES[call.op.name]
    directions = 2 if call.flag("bidirectional") else 1
    two_biases = call.flag("reset_after" if call.op.name == "gru" else "recurrent_bias")
    biases = (2 if two_biases else 1) * gates * units if call.flag("use_bias") else 0
    total = 0
    for layer in range(call.num("num_layers")):
        width = features if layer == 0 else units * directions
        total += directions * (gates * (width * units + units * units) + biases)
    return total


def _recurrent_args(name: str) -> tuple[Arg, ...]:
    second = (
        Arg("reset_after", "bool", True, "Keras 3 / PyTorch GRU with two bias vectors.")
        if name == "gru"
        else Arg("recurrent_bias", "bool", False, "Count PyTorch's second bias vector.")
    )
    return (
        Arg(
            "units",
            "int",
            None,
            "Size of the hidden state.",
            ("hidden_size",),
            minimum=1,
            required=True,
        ),
        Arg("return_sequences", "bool", False, "Output every step, not only the last."),
        Arg("bidirectional", "bool", False, "Also run backwards and concatenate."),
        Arg("num_layers", "int", 1, "Stacked layers (PyTorch's num_layers).", minimum=1),
        Arg("use_bias", "bool", True, "Learn biases.", ("bias",)),
        second,
        Arg("activation", "activation", "tanh", "Activation of the state."),
        Arg("dropout", "float", 0.0, "Dropout on the inputs.", minimum=0.0),
        channels_check("input_size", "PyTorch's input features; checked, not needed."),
    )


def _dims(call: Call) -> tuple[int, int, int]:
    """Feature sizes of query, key and value (key and value default to the query)."""
    query = _sequence(call, call.inputs[0])[0]
    value = _sequence(call, call.inputs[1])[0] if len(call.inputs) > 1 else query
    key = _sequence(call, call.inputs[2])[0] if len(call.inputs) > 2 else value
    return query, key, value


def _head_dims(call: Call, model: int) -> tuple[int, int, int]:
    heads = call.num("num_heads")
    key_dim = call.attrs["key_dim"]
    if key_dim is None:
        if model % heads:
            call.fail(f"{heads} heads do not divide {model} features; give key_dim")
        key_dim = model // heads
    assert isinstance(key_dim, int)
    value_dim = call.attrs["value_dim"]
    return heads, key_dim, value_dim if isinstance(value_dim, int) else key_dim


def attention_shape(call: Call) -> Shape:
    """Shape: `[D, T]` (query) → `[D, T]`."""
    _dims(call)
    return call.shape


def attention_params(call: Call) -> int:
    query, key, value = _dims(call)
    heads, key_dim, value_dim = _head_dims(call, query)
    bias = call.flag("use_bias")
    projections = (query + key) * heads * key_dim + value * heads * value_dim
    output = heads * value_dim * query
    biases = (2 * heads * key_dim + heads * value_dim + query) if bias else 0
    return projections + output + biases


def _attention(width: int) -> int:
    return 4 * width * width + 4 * width


def transformer_shape(call: Call) -> Shape:
    """Shape: `[D, T]` → `[D, T]`."""
    width = _sequence(call, call.inputs[0])[0]
    if len(call.inputs) > 1 and _sequence(call, call.inputs[1])[0] != width:
        call.fail(
            f"the memory {described(call.inputs[1])} must have the same {width} features as "
            f"the target {described(call.inputs[0])}"
        )
    if width % call.num("num_heads"):
        call.fail(f"{call.num('num_heads')} heads do not divide {width} features")
    return call.shape


def transformer_params(call: Call) -> int:
    width = _sequence(call, call.inputs[0])[0]
    ff = call.num("ff_dim")
    attentions = 2 if len(call.inputs) > 1 else 1
    norms = attentions + 1
    layer = attentions * _attention(width) + 2 * width * ff + ff + width + norms * 2 * width
    return call.num("num_layers") * layer


def dot_product_shape(call: Call) -> Shape:
    """Shape: query `[F, T]`, key `[F, S]`, value `[Fv, S]` → `[Fv, T]`."""
    query, key, value = (*call.inputs, call.inputs[-1], call.inputs[-1])[:3]
    if not query.shape or len({len(query.shape), len(key.shape), len(value.shape)}) != 1:
        call.fail(
            f"query {described(query)}, key {described(key)} and value {described(value)} "
            "must be [features, steps] tensors of the same rank"
        )
    return (value.shape[0], *query.shape[1:])


def _window(call: Call) -> tuple[int, int]:
    sides = call.ints("window")  # validated: one size per spatial axis
    return sides[0], sides[-1]


def position_bias_shape(call: Call) -> Shape:
    """Shape: → `[num_heads, A, A]`, A = the window's area (one bias per head and pair)."""
    height, width = _window(call)
    return (call.num("num_heads"), height * width, height * width)


def position_bias_params(call: Call) -> int:
    """A learned bias per head for each of the (2h − 1)(2w − 1) relative offsets."""
    height, width = _window(call)
    return (2 * height - 1) * (2 * width - 1) * call.num("num_heads")


def _transformer_args() -> tuple[Arg, ...]:
    return (
        Arg("num_heads", "int", None, "Attention heads.", ("nhead",), minimum=1, required=True),
        Arg(
            "ff_dim",
            "int",
            2048,
            "Width of the feed-forward layer.",
            ("dim_feedforward",),
            minimum=1,
        ),
        Arg("num_layers", "int", 1, "Identical layers stacked (nn.TransformerEncoder).", minimum=1),
        Arg("dropout", "float", 0.1, "Dropout rate.", minimum=0.0),
        Arg("activation", "activation", "relu", "Feed-forward activation."),
        Arg("norm_first", "bool", False, "Pre-norm instead of post-norm."),
        channels_check("d_model", "PyTorch's model width; checked, not needed."),
    )


OPS = (
    *(
        Op(
            name,
            "recurrent",
            f"{label} layer over a [features, steps] sequence.",
            recurrent_shape,
            recurrent_params,
            _recurrent_args(name),
            "units",
            aliases=aliases,
        )
        for name, label, aliases in (
            ("simple_rnn", "Simple RNN", ("rnn", "simplernn")),
            ("lstm", "LSTM", ()),
            ("gru", "GRU", ()),
        )
    ),
    Op(
        "multi_head_attention",
        "attention",
        "Multi-head attention; one input attends to itself, "
        "or name [query, value] or [query, value, key].",
        attention_shape,
        attention_params,
        (
            Arg("num_heads", "int", None, "Attention heads.", minimum=1, required=True),
            Arg(
                "key_dim", "int", None, "Size of each head (default: features / heads).", minimum=1
            ),
            Arg("value_dim", "int", None, "Size of each value head (default: key_dim).", minimum=1),
            Arg("use_bias", "bool", True, "Learn biases.", ("bias",)),
            Arg("dropout", "float", 0.0, "Dropout on the attention weights.", minimum=0.0),
            channels_check("embed_dim", "PyTorch's model width; checked, not needed."),
        ),
        "num_heads",
        arity=(1, 3),
        aliases=("multihead_attention", "multiheadattention", "mha", "attention"),
    ),
    Op(
        "dot_product_attention",
        "attention",
        "Scaled dot-product attention of a query over keys and values, softmax(QKᵀ/√d)·V, "
        "with no weights of its own (PyTorch scaled_dot_product_attention); name "
        "[query, key, value], or one input for self-attention.",
        dot_product_shape,
        arity=(1, 4),
        aliases=("scaled_dot_product_attention", "sdpa"),
    ),
    Op(
        "relative_position_bias",
        "embedding",
        "A learned attention bias per head for every pair of positions in a window, looked up "
        "by their relative offset (Swin).",
        position_bias_shape,
        position_bias_params,
        (
            Arg("num_heads", "int", None, "Attention heads.", minimum=1, required=True),
            Arg("window", "ints", None, "Window height and width.", minimum=1, required=True),
        ),
        "window",
        rank=2,
        arity=(0, 1),
    ),
    Op(
        "transformer_encoder",
        "attention",
        "A transformer encoder layer: self-attention and a "
        "feed-forward network, each with a residual and a layer norm (PyTorch "
        "TransformerEncoderLayer).",
        transformer_shape,
        transformer_params,
        _transformer_args(),
        "num_heads",
        aliases=("transformer_encoder_layer",),
    ),
    Op(
        "transformer_decoder",
        "attention",
        "A transformer decoder layer; name [target, memory] "
        "for cross-attention, or one input for a decoder-only block.",
        transformer_shape,
        transformer_params,
        _transformer_args(),
        "num_heads",
        arity=(1, 2),
        aliases=("transformer_decoder_layer",),
    ),
)
