"""The source options, declared once: how a model is built and traced, in every host.

Hosts give text (``model_args='{"n": 10}'``, ``input_shape="1,3,224,224"``); the API gives Python
values (a dict, a shape tuple, real tensors). :func:`model_inputs` turns either into one typed
:class:`ModelInputs`, so every host rejects a bad value with the same message.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from nnviz_core.errors import OptionError, did_you_mean, excerpt
from nnviz_core.options import coerce, declared, option
from nnviz_core.sources.inputs import InputShape, parse_input_shapes

__all__ = ["ModelInputs", "SourceOptions", "model_inputs"]


@dataclass(frozen=True)
class SourceOptions:
    """Options of model sources (import paths, model files, live models); not of YAML specs."""

    model_args: str | None = option(
        None,
        'Keyword arguments for a model class or factory, as a JSON object: {"num_classes": 10}.',
    )
    input_shape: str | None = option(
        None,
        "Input tensor shape to trace the model with, batch included: 1,3,224,224 "
        "(several inputs: 1,3,224,224; 1,10:int64).",
    )
    example_inputs: str | None = option(
        None,
        "PyTorch: module:function returning the example input tensor (or a tuple of them), "
        "instead of input_shape.",
    )
    show_plumbing: bool = option(
        False, "ONNX: also draw the shape plumbing (Constant, Shape, Gather, Unsqueeze ops)."
    )
    name_groups: bool | None = option(
        None,
        "Keras: frame the layers of a flat model whose names share a prefix (`conv2_block1_…`) "
        "as nested groups, which `detail: auto` collapses (default: for models of over 60 "
        "layers; never in `to_dot`, which draws what Keras draws).",
    )


@dataclass(frozen=True)
class ModelInputs:
    """Typed source options: factory arguments, input shapes, example inputs, ONNX plumbing,
    Keras name groups."""

    model_args: Mapping[str, Any] = field(default_factory=dict)
    input_shape: tuple[InputShape, ...] = ()
    example_inputs: Any = None
    """Tensors (API), or a ``module:function`` import path that returns them (hosts)."""
    show_plumbing: bool = False
    name_groups: bool | None = None
    exact: bool = False
    """Read the model as its framework draws it (``to_dot``): no groups unless asked. Set by
    the API, never by the author, so no source refuses it."""

    def keras_groups(self) -> bool | None:
        """What the Keras source is told about ``name_groups`` (``None``: it decides)."""
        if self.name_groups is None and self.exact:
            return False
        return self.name_groups

    def given(self) -> tuple[str, ...]:
        """The names of the options set to something other than their default."""
        names = (
            ("model_args", bool(self.model_args)),
            ("input_shape", bool(self.input_shape)),
            ("example_inputs", self.example_inputs is not None),
            ("show_plumbing", self.show_plumbing),
            ("name_groups", self.name_groups is not None),
        )
        return tuple(name for name, present in names if present)


def _model_args(value: Any) -> dict[str, Any]:
    example = 'a JSON object such as {"num_classes": 10}'
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as error:
            raise OptionError(f"model_args: expects {example} ({error})") from None
        if isinstance(value, dict):
            return value
    raise OptionError(f"model_args: expects {example}, got {excerpt(value)}")


def model_inputs(values: Mapping[str, Any]) -> ModelInputs:
    """Typed source options from host text or Python values; ``None`` means the default."""
    infos = {info.name: info for info in declared(SourceOptions)}
    typed: dict[str, Any] = {}
    for raw_name, value in values.items():
        name = raw_name.replace("-", "_")
        if name not in infos:
            raise OptionError(
                f"unknown source option {excerpt(raw_name)}{did_you_mean(name, infos)}; "
                f"known source options: {', '.join(infos)}"
            )
        if value is None:
            continue
        if name == "model_args":
            typed[name] = _model_args(value)
        elif name == "input_shape":
            typed[name] = parse_input_shapes(value)
        elif name in ("show_plumbing", "name_groups"):
            typed[name] = coerce(infos[name], value)
        else:
            typed[name] = value.strip() if isinstance(value, str) else value
    return ModelInputs(**typed)
