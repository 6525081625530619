"""Choosing how to read a Keras model (walk its graph, or trace its call) and checking it."""

from __future__ import annotations

import re
from typing import Any

from nnviz_core.detail import CARD_BUDGET
from nnviz_core.errors import SourceError
from nnviz_core.ir.branches import branch_blocks
from nnviz_core.ir.graph import Graph
from nnviz_core.ir.repeats import find_named_repeats
from nnviz_core.sources.inputs import InputShape
from nnviz_core.sources.keras_model.builder import Builder
from nnviz_core.sources.keras_model.name_groups import infer_name_groups
from nnviz_core.sources.keras_model.trace import trace
from nnviz_core.sources.keras_model.walk import is_graph_model, walk


def convert(
    keras: Any,
    model: Any,
    shapes: tuple[InputShape, ...],
    name: str | None,
    name_groups: bool | None = None,
) -> Graph:
    """The Graph of ``model`` (see :func:`nnviz_core.sources.keras_model.load_keras`)."""
    if not isinstance(model, keras.Model):
        raise SourceError(
            f"expected a keras.Model, got {type(model).__module__}.{type(model).__name__}"
        )
    channels_last = keras.config.image_data_format() == "channels_last"
    builder = Builder(channels_last)
    title = name or model.name
    try:
        if is_graph_model(model, keras):
            _build(model, shapes)
            walk(model, keras, builder)
        else:
            trace(model, shapes or _known_shapes(model), builder)
    except SourceError:
        raise
    except Exception as error:  # a model's own code failing: name it and quote Keras
        root = root_cause(error)
        raise SourceError(
            f"Keras model {model.name!r} ({type(model).__name__}) could not be drawn "
            f"(Keras {keras.__version__}): {type(root).__name__}: {plain(root)}"
        ) from error
    graph = builder.graph(title, f"<keras model {model.name}>")
    if name_groups or (name_groups is None and len(graph.nodes) > CARD_BUDGET):
        # a stage whose blocks are all alike folds (ConvNeXt's stage_2 ×9); other first views
        # keep their blocks as cards (ResNet50's conv2_block1 differs from block2 and block3)
        named = infer_name_groups(graph, builder.generated)
        if not named.groups:  # names tell nothing (InceptionV3's conv2d_7): read the wiring
            return branch_blocks(graph, builder.generated)
        return find_named_repeats(named, whole=True)
    return graph


def root_cause(error: BaseException) -> BaseException:
    """The exception that started it all: Keras re-wraps a model's error in longer messages."""
    seen = {id(error)}
    while (inner := error.__cause__ or error.__context__) is not None and id(inner) not in seen:
        seen.add(id(inner))
        error = inner
    return error


def plain(error: BaseException) -> str:
    """An exception's message without the terminal colour codes Keras adds."""
    text = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
    return re.sub(r"\x1b\[[0-9;]*m", "", text).strip()


def _build(model: Any, shapes: tuple[InputShape, ...]) -> None:
    """Build an unbuilt Sequential from ``input_shape``; a built one is left alone."""
    if getattr(model, "_functional", True) is not None or not shapes:
        return
    model.build(shapes[0].shape if len(shapes) == 1 else [s.shape for s in shapes])


def _known_shapes(model: Any) -> tuple[InputShape, ...]:
    """The input shape a built subclassed model remembers, or an error asking for one."""
    recorded = getattr(model, "_build_shapes_dict", None) or {}
    shapes = [tuple(1 if d is None else int(d) for d in shape) for shape in recorded.values()
              if isinstance(shape, tuple)]  # fmt: skip
    if len(shapes) == 1 and model.built:
        return (InputShape(shapes[0]),)
    raise SourceError(
        f"Keras model {model.name!r} ({type(model).__name__}) is subclassed and its input shape "
        "is unknown; pass input_shape with the batch dimension, e.g. input_shape='1,28,28,1' "
        "(several inputs: '1,28,28,1; 1,10:int64')"
    )
