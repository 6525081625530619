"""ONNX models as diagram input (extra ``onnx``).

Ops are mapped onto the canonical vocabulary, shapes come from ONNX shape inference, parameter
counts from the initializers each node reads; plumbing (constants, shape arithmetic, casts,
identities, (un)squeezes) is hidden unless ``show_plumbing=True``; the branches of ``If`` and the
bodies of ``Loop``/``Scan`` become groups. External weight files are never read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from nnviz_core.ir import Graph
from nnviz_core.sources.onnx_model.build import build
from nnviz_core.sources.onnx_model.reading import read_file

__all__ = ["load_onnx", "load_onnx_file"]

#: Graph names exporters give when the author gave none.
_GENERIC_NAMES = frozenset({"", "main_graph", "torch_jit", "torch-jit-export", "graph"})


def load_onnx_file(path: str | os.PathLike[str], *, show_plumbing: bool = False) -> Graph:
    """The model in an ``.onnx`` file; a file that is not ONNX raises one ``SourceError``."""
    model = read_file(path)
    name = model.graph.name if model.graph.name not in _GENERIC_NAMES else Path(path).stem
    return build(model, show_plumbing=show_plumbing, name=name, source=str(path))


def load_onnx(model: Any, *, show_plumbing: bool = False, name: str | None = None) -> Graph:
    """A loaded ``onnx.ModelProto`` (left unchanged) as a Graph."""
    title = name or (model.graph.name if model.graph.name not in _GENERIC_NAMES else "ONNX model")
    return build(model, show_plumbing=show_plumbing, name=title, source="<onnx>")
