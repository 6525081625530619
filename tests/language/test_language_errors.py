"""Every author mistake is a located SpecError with the exact message the docs promise."""

from __future__ import annotations

import pytest

from nnviz_core.errors import (
    CycleError,
    LimitError,
    NnvizError,
    ReferenceError,
    ShapeError,
    SpecSyntaxError,
    SpecValueError,
    UnknownNameError,
)
from nnviz_core.sources.yaml_spec import load_mapping, load_text


def error_of(text: str, filename: str = "net.yaml") -> NnvizError:
    with pytest.raises(NnvizError) as caught:
        load_text(text, filename)
    return caught.value


CASES = [
    (
        "name: LeNet\ninput: [1, 32, 32]\nlayers:\n  - conv2d: {filters: 6, kernel: 5}\n"
        "  - avgpool2d: 2\n  - dense: 3\n  - conv2: {filters: 6, kernel: 5}\n",
        UnknownNameError,
        "net.yaml:7:5: unknown op 'conv2' (did you mean 'conv2d'?)",
    ),
    (
        "input: [64, 56, 56]\nlayers:\n"
        "  - {id: a, conv2d: {filters: 64, kernel: 3, padding: same}, inputs: [input]}\n"
        "  - {id: b, conv2d: {filters: 128, kernel: 3, strides: 2, padding: same},"
        " inputs: [input]}\n"
        "  - {add: [a, b]}\n",
        ShapeError,
        "net.yaml:5:6: add: shapes [64, 56, 56] (from 'a') and [128, 28, 28] (from 'b') "
        "do not match",
    ),
    (
        "input: [784]\nlayers:\n  - dense: 120\n  - conv2d: {filters: 6, kernel: 5}\n",
        ShapeError,
        "net.yaml:4:5: conv2d: expects a [channels, height, width] input, got [120] "
        "(from 'dense_1'); add a reshape layer before it (e.g. `reshape: [channels, height, "
        "width]`)",
    ),
    (
        "input: [10]\nlayers:\n  - {id: head, dense: 5}\n  - {dense: 3, inputs: [hed]}\n",
        ReferenceError,
        "net.yaml:4:25: unknown input 'hed' (did you mean 'head'?); ids defined here: head, "
        "input",
    ),
    (
        "input: [10]\nlayers:\n  - {id: a, dense: 5, inputs: [b]}\n  - {id: b, dense: 5}\n",
        CycleError,
        "net.yaml:3:13: the layers form a cycle: a → b → a; an `inputs` entry names a layer "
        "that depends on it",
    ),
    (
        "input: [10\nlayers:\n  - dense: 3\n",
        SpecSyntaxError,
        "net.yaml:2:7: invalid YAML: did not find expected ',' or ']' "
        "(while parsing a flow sequence)",
    ),
    (
        "input: [3]\nlayers:\n\t- relu\n",
        SpecSyntaxError,
        "net.yaml:3:1: invalid YAML: found character that cannot start any token (while "
        "scanning for the next token); indent with spaces, YAML does not allow tabs there",
    ),
    (
        "input: [3]\nlayers:\n  - re\x01lu\n",
        SpecSyntaxError,
        "net.yaml:3:7: invalid YAML: character #x0001 is not allowed (control characters are "
        "not allowed)",
    ),
    (
        "input: [3]\nlayers:\n  - {relu: {}, label: 'half \ud800'}\n",
        SpecSyntaxError,
        "net.yaml:3:29: invalid YAML: character #xd800 is not allowed (a lone surrogate)",
    ),
    (
        "input: [10]\nlayers:\n  - dense: {units: ten}\n",
        SpecValueError,
        "net.yaml:3:20: dense: 'units' expects an integer ≥ 1, got 'ten'",
    ),
    (
        "input: [10]\nlayers:\n  - dense: {unit: 10}\n",
        UnknownNameError,
        "net.yaml:3:13: dense: unknown argument 'unit' (did you mean 'units'?); its arguments "
        "are: units, use_bias, activation, in_features",
    ),
    (
        "input: [10]\nlayers:\n  - {dense: 10, lable: x}\n",
        UnknownNameError,
        "net.yaml:3:17: unknown key 'lable' (did you mean 'label'?)",
    ),
    (
        "input: [10]\nlayer:\n  - dense: 3\n",
        UnknownNameError,
        "net.yaml:2:1: unknown key 'layer' in the spec (did you mean 'layers'?); allowed: "
        "name, description, input, inputs, layout, blocks, layers",
    ),
    (
        "input: [10]\nblocks:\n  b:\n    args: {units: 3}\n    layers:\n      - dense: $unit\n"
        "layers:\n  - b\n",
        UnknownNameError,
        "net.yaml:6:16: unknown block argument '$unit' (did you mean '$units'?); this block's "
        "arguments are: $units",
    ),
    (
        "input: [10]\nblocks:\n  b:\n    args: {units: 3}\n    layers: [dense: $units]\n"
        "layers:\n  - b: {unit: 4}\n",
        UnknownNameError,
        "net.yaml:7:9: block 'b': unknown argument 'unit' (did you mean 'units'?); its "
        "arguments are: units",
    ),
    (
        "input: [1, 28, 28]\nlayers:\n  - conv2d: 3\n",
        SpecValueError,
        "net.yaml:3:5: conv2d: missing required argument 'kernel' (kernel size (one integer or "
        "one per dimension))",
    ),
    (
        "input: [1, 28, 28]\nlayers:\n  - conv2d: {in_channels: 3, out_channels: 8, "
        "kernel_size: 3}\n",
        ShapeError,
        "net.yaml:3:5: conv2d: in_channels is 3 but the input [1, 28, 28] (from 'input') "
        "has 1 channels",
    ),
    (
        "input: [10]\nlayers:\n  - {dense: 3, dropout: 0.5}\n",
        SpecValueError,
        "net.yaml:3:16: one layer names two ops, 'dense' and 'dropout'; put each on its own "
        "`-` item",
    ),
    (
        "input: [10]\nlayers:\n  - {id: a, dense: 3}\n  - {id: a, dense: 3}\n",
        SpecValueError,
        "net.yaml:4:10: duplicate id 'a' (first defined at net.yaml:3:10)",
    ),
    (
        "layers:\n  - dense: 3\n",
        SpecValueError,
        "net.yaml:2:5: the first layer has no input: add `input: [channels, height, width]` "
        "at the top of the spec, or start the layers with an `input` layer",
    ),
    (
        "inputs: {a: [3], b: [3]}\nlayers:\n  - dense: 3\n",
        SpecValueError,
        "net.yaml:3:5: the network has several inputs (a, b); say which ones this layer takes "
        "with `inputs: [...]`",
    ),
    (
        "input: [10]\nlayers:\n  - add: [input]\n",
        ShapeError,
        "net.yaml:3:5: add: needs at least 2 inputs, got 1; list them, e.g. `add: [a, b]`",
    ),
    (
        "input: [8, 10]\nlayers:\n  - {id: a, dense: 4}\n  - {concat: [a, input], axis: 1}\n",
        UnknownNameError,
        "net.yaml:4:26: 'axis' is an argument of concat; put it inside the op: "
        "`concat: {axis: ...}`",
    ),
    (
        "input: [8, 10]\nlayers:\n  - {id: a, dense: 4, inputs: [input]}\n"
        "  - {id: b, maxpool1d: 2, inputs: [input]}\n  - concat: {axis: 0}\n    inputs: [a, b]\n",
        ShapeError,
        "net.yaml:5:5: concat: shapes [4, 10] (from 'a') and [8, 5] (from 'b') differ outside "
        "the concatenation axis 0",
    ),
    (
        "input: [10]\nlayers:\n  - reshape: [3, 4]\n",
        ShapeError,
        "net.yaml:3:5: reshape: cannot reshape [10] (from 'input') (10 values) to [3, 4]; the "
        "sizes must multiply to the same total (use -1 for one inferred dimension)",
    ),
    (
        "input: [3, 4, 4]\nlayers:\n  - conv2d: {filters: 2, kernel: 5}\n",
        ShapeError,
        "net.yaml:3:5: conv2d: the input [3, 4, 4] (from 'input') is too small for a window of "
        "5 along axis 1; use padding: same or a smaller kernel",
    ),
    (
        "input: [10]\nlayers:\n  - custom: Capsules\n",
        ShapeError,
        "net.yaml:3:5: custom: custom op 'Capsules' needs an explicit `output_shape:`",
    ),
    (
        "input: [10]\nlayers:\n  - {dense: 3, color: red}\n",
        SpecValueError,
        "net.yaml:3:23: color must be #rrggbb or #rgb, got 'red'",
    ),
    (
        "input: [10]\nlayers:\n  - dense: {units: 3, activation: rleu}\n",
        SpecValueError,
        "net.yaml:3:35: dense: 'activation' does not accept 'rleu' (did you mean 'relu'?); "
        "choose one of celu, elu, exponential, gelu, hard_sigmoid, hard_silu, hard_swish, "
        "leaky_relu, linear, log_softmax, mish, relu, relu6, selu, sigmoid, silu, softmax, "
        "softplus, softsign, swish, tanh",
    ),
    (
        "input: [10]\nlayers:\n  - {dense: 3, repeat: 0}\n",
        SpecValueError,
        "net.yaml:3:24: `repeat` must be a positive integer, got 0",
    ),
    (
        "input: [10]\nlayers:\n  - flatten: 3\n",
        SpecValueError,
        "net.yaml:3:14: flatten takes no single value; give named arguments (`flatten: {...}`) "
        "or nothing, got 3",
    ),
    (
        "input: [10]\nlayers:\n  - lstm: 4\n",
        ShapeError,
        "net.yaml:3:5: lstm: expects a [features, steps] sequence, got [10] (from 'input'); "
        "add an embedding or a reshape layer before it",
    ),
    (
        "input: [10]\nlayers: {dense: 3}\n",
        SpecValueError,
        "net.yaml:2:9: `layers` must be a list, got a mapping",
    ),
    (
        "- dense: 3\n",
        SpecValueError,
        "net.yaml:1:1: a spec (the top level) must be a mapping, got a list",
    ),
    ("", SpecValueError, "net.yaml:1:1: the spec is empty; write at least `input: [...]` and "
     "`layers: [...]`"),
    (
        "input: [10]\nlayers:\n  - dense: 3\ninput: [4]\n",
        SpecValueError,
        "net.yaml:4:1: duplicate key 'input' (first given at net.yaml:1:1)",
    ),
    (
        "input: [10]\nlayers:\n  - !!python/object:os.system {}\n",
        SpecSyntaxError,
        "net.yaml:3:5: unsupported YAML tag 'tag:yaml.org,2002:python/object:os.system'; a spec "
        "holds plain values only",
    ),
    (
        "input: [10]\nblocks:\n  dense: {layers: [relu]}\nlayers: [relu]\n",
        SpecValueError,
        "net.yaml:3:3: block 'dense' has the name of an op; choose another name",
    ),
    (
        "input: [0, 3]\nlayers: [relu]\n",
        SpecValueError,
        "net.yaml:1:8: an input shape must be a list of positive integers (null for unknown), "
        "e.g. [3, 224, 224]; got a list",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "message"), CASES)
def test_error_message(text: str, kind: type[NnvizError], message: str) -> None:
    error = error_of(text)
    assert str(error) == message
    assert type(error) is kind
    assert error.location is not None


def test_block_that_uses_itself_is_a_cycle() -> None:
    error = error_of("input: [10]\nblocks:\n  a: {layers: [b]}\n  b: {layers: [a]}\nlayers: [a]\n")
    assert isinstance(error, CycleError)
    assert str(error) == "net.yaml:4:16: block 'a' uses itself (a → b → a)"


def test_repeat_past_the_node_limit_is_refused() -> None:
    text = (
        "input: [10]\nblocks:\n  b:\n    layers:\n      - {dense: 3, repeat: 1000}\n"
        "layers:\n  - {b: {}, repeat: 1000}\n"
    )
    error = error_of(text)
    assert isinstance(error, LimitError)
    assert str(error) == (
        "net.yaml:7:6: `repeat: 1000` expands the spec to 1,000,001 layers, more than the "
        "100,000 allowed; lower the count"
    )


def test_nesting_past_the_limit_is_refused() -> None:
    blocks = "".join(f"  b{i}: {{layers: [b{i + 1}]}}\n" for i in range(70))
    text = f"input: [4]\nblocks:\n{blocks}  b70: {{layers: [relu]}}\nlayers: [b0]\n"
    error = error_of(text)
    assert isinstance(error, LimitError)
    assert error.message == "blocks and groups nest deeper than 64 levels"


def test_deep_inline_groups_are_refused() -> None:
    text = "input: [4]\nlayers: " + "[{layers: " * 70 + "[relu]" + "}]" * 70 + "\n"
    error = error_of(text)
    assert isinstance(error, LimitError)
    assert error.message == "blocks and groups nest deeper than 64 levels"


def test_deep_yaml_is_refused_without_recursion_errors() -> None:
    error = error_of("input: [4]\nlayers: " + "[" * 900 + "]" * 900 + "\n")
    assert isinstance(error, LimitError)
    assert error.message == "the YAML nests deeper than 256 levels"


def test_alias_bombs_are_refused() -> None:
    lines = ["a0: &a0 [relu, relu, relu, relu, relu, relu, relu, relu, relu, relu]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    text = "\n".join(["description:", *("  " + line for line in lines)])
    error = error_of(f"input: [4]\n{text}\nlayers: [relu]\n")
    assert isinstance(error, LimitError)
    assert str(error) == (
        "net.yaml:9:7: the document expands to more than 2,000,000 values (through anchors "
        "and aliases); write the network with `blocks` and `repeat`"
    )


def test_shared_python_lists_cannot_explode() -> None:
    inner: list[object] = ["relu"] * 10
    for _ in range(8):
        inner = [inner] * 10
    with pytest.raises(LimitError, match="holds more than 2,000,000 values"):
        load_mapping({"input": [4], "description": inner, "layers": ["relu"]})
    looped: list[object] = []
    looped.append(looped)
    with pytest.raises(LimitError, match="nests deeper than 256 levels"):
        load_mapping({"input": [4], "layers": looped})


def test_mapping_errors_are_located_in_the_mapping() -> None:
    with pytest.raises(UnknownNameError) as caught:
        load_mapping({"input": [4], "layers": [{"dnse": 3}]})
    assert str(caught.value) == "<dict>:1:1: unknown op 'dnse' (did you mean 'dense'?)"
