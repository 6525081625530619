"""Integers too large to draw are refused where they are written, in every source."""

from __future__ import annotations

import pytest

import nnviz_core
from nnviz_core.errors import NnvizError, OptionError, ShapeError, SpecValueError
from nnviz_core.limits import MAX_DIMENSION, MAX_RANK
from nnviz_core.sources.caffe import load_prototxt_text
from nnviz_core.sources.inputs import parse_input_shapes
from nnviz_core.sources.yaml_spec import load_text

HUGE = "9" * 400
TOO_LARGE = "is larger than 9,007,199,254,740,992, the largest a spec may hold"


def _error(action, *args) -> NnvizError:
    with pytest.raises(NnvizError) as caught:
        action(*args)
    return caught.value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            f"input: [{HUGE}]\nlayers:\n  - dense: 3\n",
            f"1:9: an integer (400 characters long) {TOO_LARGE}",
        ),
        (
            f"input: [3, 8, 8]\nlayers:\n  - conv2d: {{filters: {HUGE}, kernel: 3}}\n",
            f"3:23: an integer (400 characters long) {TOO_LARGE}",
        ),
        (
            f"input: [3]\nlayers:\n  - dense: {HUGE}\n",
            f"3:12: an integer (400 characters long) {TOO_LARGE}",
        ),
        (
            "input: [" + "9" * 5000 + "]\nlayers: [dense: 3]\n",
            f"1:9: an integer (5,000 characters long) {TOO_LARGE}",
        ),
        (
            "input: [-0x" + "f" * 40 + "]\nlayers: [dense: 3]\n",
            f"1:9: an integer (a negative integer of about 49 digits) {TOO_LARGE}",
        ),
        (
            "input: [3]\nlayers:\n  - dense: 99999999999999999999\n",
            f"3:12: an integer (99999999999999999999) {TOO_LARGE}",
        ),
    ],
)
def test_huge_integers_in_a_spec_are_located_value_errors(text, message):
    error = _error(load_text, text, "net.yaml")
    assert isinstance(error, SpecValueError)
    assert str(error) == f"net.yaml:{message}"


def test_a_dimension_past_the_limit_is_refused_where_it_is_written():
    error = _error(load_text, f"input: [3, {MAX_DIMENSION + 1}]\nlayers: [dense: 3]\n", "n.yaml")
    assert str(error) == (
        "n.yaml:1:8: an input shape [3, 2147483648] has a dimension larger than 2,147,483,647, "
        "the largest nnviz accepts"
    )
    rank = ", ".join(["2"] * (MAX_RANK + 1))
    error = _error(load_text, f"input: [{rank}]\nlayers: [dense: 3]\n", "n.yaml")
    assert str(error) == (
        "n.yaml:1:8: an input shape [2, 2, 2, 2, 2, 2, 2, 2, … 33 dimensions] has 33 "
        "dimensions, more than the 32 nnviz accepts"
    )


def test_an_inferred_dimension_past_the_limit_is_a_located_shape_error():
    text = "input: [3, 8, 8]\nlayers:\n  - {upsampling2d: {size: 1000000000}, repeat: 3}\n"
    error = _error(load_text, text, "net.yaml")
    assert isinstance(error, ShapeError)
    assert str(error) == (
        "net.yaml:3:6: upsampling2d: the output shape [3, 8000000000, 8000000000] has a "
        "dimension larger than 2,147,483,647, the largest nnviz accepts"
    )


@pytest.mark.parametrize(
    ("value", "shown"), [(".nan", "nan"), (".inf", "inf"), ("1.0e+400", "inf")]
)
def test_non_finite_float_arguments_are_refused(value, shown):
    error = _error(
        load_text, f"input: [3]\nlayers:\n  - leaky_relu: {{alpha: {value}}}\n", "n.yaml"
    )
    assert str(error) == f"n.yaml:3:25: leaky_relu: 'negative_slope' expects a number, got {shown}"


@pytest.mark.parametrize("style", ["graph", "fcnn", "lenet", "block"])
def test_every_style_gets_the_error_instead_of_an_overflow(style):
    with pytest.raises(SpecValueError, match="an integer"):
        nnviz_core.render(f"input: [{HUGE}]\nlayers:\n  - dense: 3\n", style=style)


CAFFE = 'name: "t"\ninput: "data"\ninput_shape {{ dim: 1 dim: {dim} }}\n{layers}'


@pytest.mark.parametrize(
    ("dim", "layers", "message"),
    [
        (HUGE, "", "n.prototxt:3:27: a number 400 characters long is larger than nnviz accepts"),
        (
            "99999999999",
            "",
            "n.prototxt:3:22: dim must be at most 2,147,483,647 (the largest dimension nnviz "
            "accepts), got 99999999999",
        ),
        (
            "3",
            'layer { name: "fc" type: "InnerProduct" bottom: "data" top: "fc" '
            f"inner_product_param {{ num_output: {HUGE} }} }}\n",
            "n.prototxt:4:100: a number 400 characters long is larger than nnviz accepts",
        ),
    ],
)
def test_huge_integers_in_a_prototxt_are_located_errors(dim, layers, message):
    error = _error(load_prototxt_text, CAFFE.format(dim=dim, layers=layers), "n.prototxt")
    assert str(error) == message


def test_an_inferred_caffe_dimension_past_the_limit_is_a_located_shape_error():
    deconv = (
        'layer {{ name: "c{i}" type: "Deconvolution" bottom: "{bottom}" top: "c{i}" '
        "convolution_param {{ num_output: 3 kernel_size: 2 stride: 1000000 }} }}\n"
    )
    layers = "".join(deconv.format(i=i, bottom="data" if i == 0 else f"c{i - 1}") for i in range(3))
    text = CAFFE.format(dim="3 dim: 8 dim: 8", layers=layers)
    error = _error(load_prototxt_text, text, "n.prototxt")
    assert isinstance(error, ShapeError)
    assert str(error) == (
        "n.prototxt:5:1: layer 'c1': the output shape [3, 7000001000002, 7000001000002] has a "
        "dimension larger than 2,147,483,647, the largest nnviz accepts"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1," + "9" * 5000, "has a dimension larger than 2,147,483,647, the largest nnviz accepts"),
        ((1, 10**400), "has a dimension larger than 2,147,483,647, the largest nnviz accepts"),
        ((1, 3.0), "is not a shape; write positive integers such as 1,3,224,224"),
        (5, "is not a shape; write positive integers such as 1,3,224,224"),
    ],
)
def test_model_input_shapes_refuse_huge_and_malformed_dimensions(value, message):
    with pytest.raises(OptionError) as caught:
        parse_input_shapes(value)
    assert str(caught.value).startswith("input_shape: ")
    assert message in str(caught.value)
    assert len(str(caught.value)) < 250
