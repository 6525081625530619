"""Drawing a subclassed Keras model from the layers its ``call`` runs, in call order.

Keras draws a subclassed model as a single box because it keeps no graph of its ``call``. We run
the model once on symbolic inputs (no real data: each backend traces shapes only) with
``Layer.__call__`` wrapped, so every sublayer call is recorded with its input and output tensors;
the wrapper is removed afterwards, whatever happens. Layers that only contain other layers
(custom blocks, nested models) become groups; mapped layers (``Dense``, ``LSTM``…) are leaves,
even though Keras builds some of them from inner layers.

Tensors made outside layers (``x + y``, ``keras.ops.reshape``) are followed on the torch backend
(see ``follow``); on other backends they leave no record, and a layer fed by one is connected to
the layer called just before it, which keeps the drawing in call order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from nnviz_core.ir.graph import GroupKind
from nnviz_core.sources.inputs import InputShape
from nnviz_core.sources.keras_model.builder import Builder, Ref
from nnviz_core.sources.keras_model.follow import following
from nnviz_core.sources.keras_model.layers import KERAS_OPS
from nnviz_core.sources.keras_model.recorder import Recorder

Feeds = Sequence[Ref | None] | None


def _tensors(value: Any, keras: Any) -> list[Any]:
    """The tensors inside a (nested) call argument or result, in order."""
    return [item for item in keras.tree.flatten(value) if hasattr(item, "shape")]


def _is_leaf(layer: Any) -> bool:
    """Mapped layers and layers without sublayers are drawn as one node each."""
    kind = type(layer).__name__
    if kind in KERAS_OPS or kind == "Bidirectional":
        return True
    return not list(layer._flatten_layers(include_self=False, recursive=False))


def _record(
    recorder: Recorder, layer: Any, original: Callable[..., Any], args: Any, kwargs: Any
) -> Any:
    """One sublayer call: a group around a container's calls, or a node for a leaf layer."""
    keras = _keras()
    builder = recorder.builder
    group = recorder.groups[-1] if recorder.groups else recorder.base
    if not _is_leaf(layer):
        kind: GroupKind = "submodel" if isinstance(layer, keras.Model) else "block"
        recorder.groups.append(builder.group(kind, layer.name, group))
        try:
            return original(layer, *args, **kwargs)
        finally:
            recorder.groups.pop()
    recorder.paused += 1
    try:
        result = original(layer, *args, **kwargs)
    finally:
        recorder.paused -= 1
    inputs = _tensors((args, kwargs), keras)
    outputs = _tensors(result, keras)
    refs = builder.layer(layer, inputs, outputs, recorder.sources(inputs), group)
    recorder.alive.extend(inputs)
    recorder.remember(outputs, refs)
    return result


def _keras() -> Any:
    import keras

    return keras


@contextmanager
def recording(recorder: Recorder) -> Iterator[None]:
    """``Layer.__call__`` records sublayer calls inside this block, and is restored after it."""
    from keras.src.layers.layer import Layer

    original = Layer.__call__

    def traced(layer: Any, *args: Any, **kwargs: Any) -> Any:
        if layer is recorder.model or recorder.paused:
            return original(layer, *args, **kwargs)
        return _record(recorder, layer, original, args, kwargs)

    Layer.__call__ = traced
    try:
        yield
    finally:
        Layer.__call__ = original


def _input_name(index: int) -> str:
    return f"input_{index + 1}" if index else "input"


def _enter(recorder: Recorder, received: list[Any], symbolic: list[Any], feeds: Feeds) -> None:
    """The tensors ``call`` receives: new input nodes, or the enclosing model's refs."""
    first: Ref | None = None
    for index, tensor in enumerate(received):
        if feeds is None:
            input_layer = symbolic[min(index, len(symbolic) - 1)]._keras_history.operation
            ref: Ref | None = recorder.builder.layer(input_layer, [], [tensor], [], None)[0]
        else:
            ref = feeds[index] if index < len(feeds) else None
        if ref is not None:
            recorder.remember([tensor], [ref])
            first = first or ref
    recorder.last = first


def trace(
    model: Any,
    shapes: tuple[InputShape, ...],
    builder: Builder,
    group: str | None = None,
    feeds: Feeds = None,
) -> list[Ref | None]:
    """Add every sublayer call of ``model`` to ``builder``; returns refs for its outputs.

    At the top level (``feeds`` is ``None``) the inputs become input nodes; a subclassed model
    nested in a Functional one is traced inside ``group``, fed by the enclosing model's refs.
    """
    keras = _keras()
    recorder = Recorder(builder, model, base=group)
    symbolic = [
        keras.Input(batch_shape=item.shape, dtype=item.dtype, name=_input_name(index))
        for index, item in enumerate(shapes)
    ]
    argument = symbolic[0] if len(symbolic) == 1 else symbolic
    model(argument)  # builds every sublayer first, so the recorded run builds nothing
    start = builder.checkpoint()
    original_call = model.call
    outputs: list[Ref | None] = []

    def entry(*args: Any, **kwargs: Any) -> Any:
        builder.rewind(start)  # only the last run of ``call`` counts
        recorder.restart()
        _enter(recorder, _tensors((args, kwargs), keras), symbolic, feeds)
        result = original_call(*args, **kwargs)
        produced = [recorder.produced.get(id(t)) for t in _tensors(result, keras)]
        outputs[:] = [ref or recorder.last for ref in produced]
        return result

    model.call = entry
    try:
        with recording(recorder), following(recorder, keras):
            model(argument)
    finally:
        del model.call
    return outputs
