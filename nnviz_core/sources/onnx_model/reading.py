"""Reading an ONNX model: the file (never its external weights), shapes and initializers.

Everything later stages need is collected here into plain Python tables, so the rest of the
source never touches protobuf objects except to read node attributes.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nnviz_core.errors import MissingDependencyError, SourceError
from nnviz_core.ir.graph import Dim

FullShape = tuple[Dim, ...]
FLOATS = frozenset({"float16", "float32", "float64", "bfloat16"})


def import_onnx() -> Any:
    """The ``onnx`` module, or the error that names the extra to install."""
    try:
        import onnx
    except ImportError:
        raise MissingDependencyError("Drawing an ONNX model", "onnx", "onnx") from None
    return onnx


def read_file(path: str | os.PathLike[str]) -> Any:
    """The ModelProto in ``path``; external data stays on disk (only shapes are needed)."""
    onnx = import_onnx()
    file = Path(path)
    if not file.is_file():
        raise SourceError(f"{file}: no such file")
    try:
        model = onnx.load(str(file), load_external_data=False)
    except Exception as error:  # protobuf raises several unrelated types for a bad file
        raise SourceError(f"{file}: not an ONNX model: {error}") from None
    if not model.graph.node and not model.graph.input:
        raise SourceError(f"{file}: not an ONNX model: it holds no graph")
    return model


@dataclass(frozen=True)
class Tensor:
    """What is known of one named value: its full shape (batch included) and element type."""

    shape: FullShape | None
    dtype: str
    #: Symbolic dimension names (``batch``) where the model has them.
    symbols: tuple[str | None, ...] = ()


@dataclass
class Tables:
    """Every value's shape and type, the initializers' dims, and small constant values."""

    values: dict[str, Tensor] = field(default_factory=dict)
    initializers: dict[str, Tensor] = field(default_factory=dict)
    constants: dict[str, tuple[float, ...]] = field(default_factory=dict)


def inferred(model: Any) -> Any:
    """The model with ONNX shape inference applied (shape values propagated too)."""
    onnx = import_onnx()
    try:
        return onnx.shape_inference.infer_shapes(model, data_prop=True)
    except Exception as error:  # inference is best effort: draw without the missing shapes
        warnings.warn(
            f"ONNX shape inference failed ({error}); some shapes are unknown", stacklevel=3
        )
        return model


def _dtype(onnx: Any, elem_type: int) -> str:
    try:
        return str(onnx.helper.tensor_dtype_to_np_dtype(elem_type))
    except Exception:  # undefined or exotic element types
        return "float32" if elem_type == 0 else onnx.TensorProto.DataType.Name(elem_type).lower()


def _value_tensor(onnx: Any, info: Any) -> Tensor:
    kind = info.type.tensor_type
    if not info.type.HasField("tensor_type"):
        return Tensor(None, "float32")
    shape: FullShape | None = None
    symbols: tuple[str | None, ...] = ()
    if kind.HasField("shape"):
        dims = kind.shape.dim
        shape = tuple(d.dim_value if d.HasField("dim_value") else None for d in dims)
        symbols = tuple(d.dim_param if d.HasField("dim_param") else None for d in dims)
    return Tensor(shape, _dtype(onnx, kind.elem_type), symbols)


def collect(graph: Any, tables: Tables) -> None:
    """Fill ``tables`` from a graph and, recursively, from the subgraphs of its nodes."""
    onnx = import_onnx()
    for info in [*graph.input, *graph.value_info, *graph.output]:
        tensor = _value_tensor(onnx, info)
        known = tables.values.get(info.name)
        if known is None or (known.shape is None and tensor.shape is not None):
            tables.values[info.name] = tensor
    for init in graph.initializer:
        tensor = Tensor(tuple(init.dims), _dtype(onnx, init.data_type))
        tables.initializers[init.name] = tensor
        tables.values.setdefault(init.name, tensor)
        _remember(onnx, init, init.name, tables)
    for node in graph.node:
        if node.op_type == "Constant" and node.output:
            _constant(onnx, node, tables)
        for attribute in node.attribute:
            for sub in subgraphs(attribute):
                collect(sub, tables)


def subgraphs(attribute: Any) -> list[Any]:
    if attribute.HasField("g"):
        return [attribute.g]
    return list(attribute.graphs)


def _constant(onnx: Any, node: Any, tables: Tables) -> None:
    for attribute in node.attribute:
        if attribute.name == "value":
            tensor = attribute.t
            tables.values.setdefault(
                node.output[0], Tensor(tuple(tensor.dims), _dtype(onnx, tensor.data_type))
            )
            _remember(onnx, tensor, node.output[0], tables)
        elif attribute.name in ("value_int", "value_float"):
            tables.constants[node.output[0]] = (float(attribute.i or attribute.f),)
        elif attribute.name in ("value_ints", "value_floats"):
            tables.constants[node.output[0]] = tuple(map(float, attribute.ints or attribute.floats))


def _remember(onnx: Any, tensor: Any, name: str, tables: Tables) -> None:
    """Keep small constant tensors (axes, scales, clip bounds) that shape the drawing."""
    count = 1
    for dim in tensor.dims:
        count *= dim
    if count > 16 or tensor.data_location == onnx.TensorProto.EXTERNAL:
        return
    try:
        array = onnx.numpy_helper.to_array(tensor)
    except Exception:  # an unreadable tensor only costs a detail of the drawing
        return
    tables.constants[name] = tuple(float(v) for v in array.reshape(-1).tolist())
