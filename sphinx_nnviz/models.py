"""``:model:`` sources: load a model while the page is read, so its errors are located warnings.

A model diagram's cache key is a hash of the Graph the model produces (not of the directive's
text), so editing the model's code redraws it and an unchanged model is never drawn twice. The
Graph loaded while reading is kept for the write phase of the same process, so a model is imported
and traced once per build.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nnviz_core.ir import Graph
from nnviz_core.options import declared
from nnviz_core.sources.resolve import SourceOptions, load_model, model_inputs, module_file
from nnviz_core.sources.resolve import fingerprint as graph_hash

__all__ = ["MODEL_OPTIONS", "fingerprint", "graph_for", "load", "module_file"]

#: The directive's source options, by kebab-case name, as the core declares them.
MODEL_OPTIONS: dict[str, str] = {info.kebab: info.name for info in declared(SourceOptions)}

_LOADED: dict[str, Graph] = {}


def fingerprint(target: str, graph: Graph) -> str:
    """What stands for the model in the cache key: its target and a hash of its Graph."""
    return f"model {target}\n{graph_hash(graph)}"


def load(target: str, values: Mapping[str, Any]) -> tuple[str, Graph]:
    """The model's Graph and fingerprint; the Graph is kept for :func:`graph_for`."""
    graph = load_model(target, model_inputs(values))
    key = fingerprint(target, graph)
    _LOADED[key] = graph
    return key, graph


def graph_for(key: str, model: tuple[tuple[str, Any], ...]) -> Graph:
    """The Graph behind a fingerprint: kept from reading, else loaded again (another process)."""
    found = _LOADED.get(key)
    if found is not None:
        return found
    values = dict(model)
    return load(str(values.pop("model")), values)[1]
