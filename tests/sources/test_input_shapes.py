"""``input_shape`` is written the same way in the API, the CLI, Sphinx and MkDocs."""

from __future__ import annotations

import pytest

from nnviz_core.errors import OptionError
from nnviz_core.sources.inputs import InputShape, parse_input_shapes


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1,3,224,224", (InputShape((1, 3, 224, 224)),)),
        ("(1, 3, 32, 32)", (InputShape((1, 3, 32, 32)),)),
        ("1x784", (InputShape((1, 784)),)),
        ("1,3,8,8; 1,10:int64", (InputShape((1, 3, 8, 8)), InputShape((1, 10), "int64"))),
        ((1, 3, 8, 8), (InputShape((1, 3, 8, 8)),)),
        ([(1, 3), (1, 4)], (InputShape((1, 3)), InputShape((1, 4)))),
        ({"shape": [1, 5], "dtype": "INT64"}, (InputShape((1, 5), "int64"),)),
        (None, ()),
    ],
)
def test_every_spelling(value, expected):
    assert parse_input_shapes(value) == expected


def test_bad_dimension_says_how_to_write_it():
    with pytest.raises(OptionError) as caught:
        parse_input_shapes("1,a,3")
    assert str(caught.value) == (
        "input_shape: '1,a,3' is not a shape; write positive integers such as 1,3,224,224 "
        "(several inputs: 1,3,224,224; 1,10:int64)"
    )


def test_unknown_dtype_lists_the_known_ones():
    with pytest.raises(OptionError, match=r"^input_shape: unknown dtype 'int7' in '1,2:int7'; use"):
        parse_input_shapes("1,2:int7")
