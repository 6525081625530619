"""``model=`` / ``:model:`` sources: each model is imported and traced once per process.

A model diagram's cache key is a hash of the Graph the model produces (not of the page's text),
so editing the model's code redraws it. The Graph loaded for the key is kept for drawing, and
for Sphinx's write phase in the same process.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nnviz_core.ir import Graph

__all__ = ["load_graph", "model_digest", "model_graph", "runs_model"]

_LOADED: dict[tuple[str, tuple[tuple[str, Any], ...]], Graph] = {}


def load_graph(target: str, source_options: tuple[tuple[str, Any], ...]) -> Graph:
    """The Graph of ``target`` (an import path or an allowed model file) as it is now.

    The import machinery reloads a module whose file changed, so ``mkdocs serve`` sees edits.
    """
    from nnviz_core.sources.resolve import load_model, model_inputs

    graph = load_model(target, model_inputs(dict(source_options)))
    _LOADED[(target, source_options)] = graph
    return graph


def model_graph(target: str, source_options: tuple[tuple[str, Any], ...]) -> Graph:
    """The Graph last loaded for ``target`` in this process, else loaded now."""
    found = _LOADED.get((target, source_options))
    return found if found is not None else load_graph(target, source_options)


def runs_model(options: dict[str, Any]) -> bool:
    """Whether options as written ask for the model to be run (``activations``, ``weights``)."""
    return any(str(options.get(name, "")).strip().lower() in _TRUE for name in _RUNS)


_RUNS = ("activations", "weights")
_TRUE = {"true", "yes", "on", "1"}


def model_digest(
    target: str, source_options: tuple[tuple[str, Any], ...], example: str | None
) -> str:
    """A hash of what a model's activations are drawn from: its weights and the example
    input's file (an import path counts as its text)."""
    from nnviz_core.activations import weights_digest
    from nnviz_core.sources.resolve import live_model, model_inputs

    digest = hashlib.sha256(
        weights_digest(live_model(target, model_inputs(dict(source_options)))).encode()
    )
    if example:
        path = Path(example)
        digest.update(path.read_bytes() if path.is_file() else example.encode("utf-8"))
    return digest.hexdigest()
