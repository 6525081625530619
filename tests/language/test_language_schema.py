"""The generated JSON Schema is valid, accepts every example and catches typical mistakes."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import nnviz_core
from nnviz_core.schema import spec_schema

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@cache
def validator() -> jsonschema.Draft202012Validator:
    schema = spec_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def problems(spec: Any) -> list[str]:
    return [error.message for error in validator().iter_errors(spec)]


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_validate_and_load(path: Path) -> None:
    assert problems(yaml.safe_load(path.read_text(encoding="utf-8"))) == []
    assert nnviz_core.load(path).nodes


ACCEPTED = [
    {"input": [3, 8, 8], "layers": ["flatten", {"dense": 10}]},
    {"input": {"shape": [8, 8, 3], "layout": "channels_last"},
     "layers": [{"conv2d": {"filters": 4, "kernel": 3}}]},
    {"inputs": {"a": [4], "b": {"shape": [4], "dtype": "int32"}},
     "layers": [{"add": ["a", "b"], "id": "s", "color": "#ff0000"},
                {"concat": {"axis": 0, "inputs": ["a", "s"]}}]},
    {"input": [8], "blocks": {"mlp": {"args": {"w": 4}, "layers": [{"dense": "$w"}]}},
     "layers": [{"mlp": {"w": 8}, "repeat": 2, "label": "MLP"},
                {"label": "g", "layers": ["relu"]}]},
    {"input": [8], "layers": [{"custom": {"type": "Caps", "params": 3}, "output_shape": [2]}]},
    {"input": [3, 8, 8], "layers": [{"conv2d": {"out_channels": 4, "kernel_size": [3, 3],
                                                 "padding": 1, "name": "c"}}]},
]  # fmt: skip

REJECTED = [
    {"input": [8], "layer": ["relu"]},
    {"input": [8], "layers": [{"dense": {"unit": 3}}]},
    {"input": [8], "layers": [{"conv2d": {"filters": "six", "kernel": 3}}]},
    {"input": [8], "layers": [{"conv2d": {"filters": 4, "kernel": [3, 3, 3]}}]},
    {"input": [8], "layers": [{"dense": {"units": 3, "activation": "rleu"}}]},
    {"input": [8], "layers": [{"dense": 3, "repeat": 0}]},
    {"input": [8], "layers": [{"dense": 3, "color": "red"}]},
    {"input": [0, 3], "layers": ["relu"]},
    {"input": [8], "layout": "nhwc", "layers": ["relu"]},
]


@pytest.mark.parametrize("spec", ACCEPTED)
def test_accepted(spec: Any) -> None:
    assert problems(spec) == []
    nnviz_core.load(spec)


@pytest.mark.parametrize("spec", REJECTED)
def test_rejected_by_schema_and_loader(spec: Any) -> None:
    assert problems(spec)
    with pytest.raises(nnviz_core.NnvizError):
        nnviz_core.load(spec)


def test_schema_is_generated_from_the_catalogue() -> None:
    schema = spec_schema()
    ops = schema["$defs"]
    assert ops["op-conv2d"]["description"] == nnviz_core.ir.ops.lookup("conv2d").description
    kernel = ops["op-conv2d"]["anyOf"][1]["properties"]["kernel_size"]
    assert kernel["description"] == "Kernel size (one integer or one per dimension)."
    assert json.dumps(schema, sort_keys=True) == json.dumps(spec_schema(), sort_keys=True)
