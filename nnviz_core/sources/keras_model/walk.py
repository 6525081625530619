"""Walking a built Functional or Sequential model: one node per layer call, as the author wrote.

Keras keeps, for every model, its layer calls ("nodes") and, on every symbolic tensor, the call
that produced it (``_keras_history``); ``keras.utils.model_to_dot`` reads the same structures,
which is what makes our drawing match Keras's. Nested Functional and Sequential
models become ``submodel`` groups, drawn as Keras draws them with ``expand_nested=True``: a nested
Functional model keeps its input layers, a nested Sequential one starts at its first layer. A
nested subclassed model, one box for Keras, is traced into its group (see ``trace``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nnviz_core.errors import SourceError
from nnviz_core.sources.inputs import InputShape
from nnviz_core.sources.keras_model.axes import dtype_name
from nnviz_core.sources.keras_model.builder import Builder, Ref
from nnviz_core.sources.keras_model.order import ordered_calls
from nnviz_core.sources.keras_model.trace import trace

Key = tuple[int, int, int]  # (id(operation), node_index, tensor_index)


def is_graph_model(obj: Any, keras: Any) -> bool:
    """A model Keras itself can walk: Functional or Sequential (not subclassed)."""
    from keras.src.models.functional import Functional

    return isinstance(obj, keras.Sequential | Functional)


def function_of(model: Any, keras: Any) -> Any:
    """The Functional graph behind a model (a built Sequential keeps one)."""
    if isinstance(model, keras.Sequential):
        inner = getattr(model, "_functional", None)
        if inner is None:
            raise SourceError(
                f"Keras Sequential model {model.name!r} has no input shape; start it with "
                "keras.Input(shape=...) or pass input_shape (e.g. input_shape='1,28,28,1')"
            )
        return inner
    return model


def _history(tensor: Any) -> Key:
    history = tensor._keras_history
    return (id(history.operation), history.node_index, history.tensor_index)


def _call_counts(function: Any) -> dict[int, int]:
    """How often each layer is called inside this model (a shared layer: more than once)."""
    counts: dict[int, int] = {}
    for nodes in function._nodes_by_depth.values():
        for node in nodes:
            counts[id(node.operation)] = counts.get(id(node.operation), 0) + 1
    return counts


def walk(
    model: Any,
    keras: Any,
    builder: Builder,
    group: str | None = None,
    feeds: Sequence[Ref | None] | None = None,
) -> list[Ref | None]:
    """Add ``model``'s calls to ``builder``; returns a ref for each of the model's outputs.

    ``feeds`` are the refs entering a nested model (``None`` at the top level, where the model's
    own input layers are the graph's inputs).
    """
    function = function_of(model, keras)
    nested_sequential = feeds is not None and isinstance(model, keras.Sequential)
    produced: dict[Key, Ref | None] = {}
    counts = _call_counts(function)
    for node, index in ordered_calls(function):
        operation = node.operation
        sources = [produced.get(_history(t)) for t in node.input_tensors]
        if type(operation).__name__ == "InputLayer":
            sources = _feed(function, operation, feeds)
            if nested_sequential:
                produced[(id(operation), index, 0)] = sources[0]
                continue
        refs = _call(operation, node, sources, keras, builder, group, counts)
        for port, ref in enumerate(refs):
            produced[(id(operation), index, port)] = ref
    return [produced.get(_history(t)) for t in function.outputs]


def _shapes(tensors: Sequence[Any]) -> tuple[InputShape, ...]:
    """Concrete shapes for tracing a nested model (an unknown batch becomes 1)."""
    return tuple(
        InputShape(tuple(1 if d is None else int(d) for d in t.shape), dtype_name(t.dtype))
        for t in tensors
    )


def _feed(function: Any, input_layer: Any, feeds: Sequence[Ref | None] | None) -> list[Ref | None]:
    """What flows into a nested model's input layer from the enclosing model."""
    if feeds is None:
        return []
    for position, tensor in enumerate(function.inputs):
        if tensor._keras_history.operation is input_layer and position < len(feeds):
            return [feeds[position]]
    return [None]


def _call(
    operation: Any,
    node: Any,
    sources: list[Ref | None],
    keras: Any,
    builder: Builder,
    group: str | None,
    counts: dict[int, int],
) -> list[Ref | None]:
    """One call: a layer node, or a nested model's group (walked or traced)."""
    if is_graph_model(operation, keras):
        inner = builder.group("submodel", operation.name, group)
        return walk(operation, keras, builder, inner, sources)
    inputs = node.input_tensors
    if isinstance(operation, keras.Model):  # subclassed: traced, where Keras draws one box
        inner = builder.group("submodel", operation.name, group)
        return trace(operation, _shapes(inputs), builder, inner, sources)
    shared = counts.get(id(operation), 1)
    return list(builder.layer(operation, inputs, node.outputs, sources, group, shared))
