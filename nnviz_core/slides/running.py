"""Slides of diagrams that run their model (``activations``, ``weights``).

A deck holds each diagram's Graph; a diagram asking for real activations also needs the model
itself and its example input. This finds them as the hosts do: the import path or model the
diagram names, and an example input file relative to its site's root (the folder of
``conf.py`` or ``mkdocs.yml`` above the page; the current folder for sources given directly).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from nnviz_core.ir import Graph
from nnviz_core.options import declared
from nnviz_core.slides.pages import Site
from nnviz_core.sources.resolve import SourceOptions, is_import_path

__all__ = ["with_pictures"]

_SITE_FILES = ("conf.py", "mkdocs.yml", "mkdocs.yaml")


def _root(page: Path) -> Path:
    """The folder hosts resolve a page's files against: the nearest with a site's config."""
    for folder in page.resolve().parents:
        if any((folder / name).is_file() for name in _SITE_FILES):
            return folder
    return page.parent


def _model(site: Site, loading: Mapping[str, Any]) -> tuple[Any, dict[str, Any]]:
    """The model a page's diagram names (``model``) and the source options it is built with."""
    values = dict(site.options)
    target = str(values.pop("model")).strip()
    names = {info.name for info in declared(SourceOptions)}
    if not is_import_path(target):
        target = str(site.page.parent / target)
    return target, {key: value for key, value in values.items() if key in names}


def with_pictures(
    options: Any, source: Any, site: Site | None, loading: Mapping[str, Any], graph: Graph
) -> Any:
    """``options`` with the forward pass's pictures attached, when they ask for them; a page's
    diagram drawn from a spec has nothing to run, which :func:`observed` says."""
    from nnviz_core.activations import observed, wanted
    from nnviz_core.activations.inputs import is_file_input

    if not wanted(options):
        return options
    if site is None:
        return observed(options, source, loading, graph)
    example = options.example_input
    if example and is_file_input(example) and not Path(example).is_absolute():
        options = replace(options, example_input=str(_root(site.page) / example))
    if "model" not in site.options:
        return observed(options, graph, {}, graph)
    model, model_loading = _model(site, loading)
    return observed(options, model, model_loading, graph)
