"""The public entry points: ``load`` a source into a Graph, ``render`` it into a Diagram."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from nnviz_core import registry
from nnviz_core.errors import OptionError, SourceError, did_you_mean
from nnviz_core.ir import Graph
from nnviz_core.options import RenderOptions, build, declared
from nnviz_core.scene import Scene

SPEC_SUFFIXES = (".yaml", ".yml")
Source = Graph | Mapping[str, Any] | str | os.PathLike[str]


def load(source: Source) -> Graph:
    """A Graph from a Graph, a spec mapping, a spec file path or YAML text."""
    from nnviz_core.sources import yaml_spec

    if isinstance(source, Graph):
        return source
    if isinstance(source, Mapping):
        return yaml_spec.load_mapping(source)
    if isinstance(source, os.PathLike):
        return _load_path(Path(source))
    if isinstance(source, str):
        return _load_path(Path(source)) if _looks_like_path(source) else yaml_spec.load_text(source)
    raise SourceError(
        f"cannot draw a {type(source).__name__}; pass a Graph, a spec mapping, "
        "a path to a .yaml spec, or YAML text"
    )


def _looks_like_path(text: str) -> bool:
    return "\n" not in text and text.strip().lower().endswith(SPEC_SUFFIXES)


def _load_path(path: Path) -> Graph:
    from nnviz_core.sources import yaml_spec

    if path.suffix.lower() not in SPEC_SUFFIXES:
        raise SourceError(f"{path}: unsupported file type {path.suffix!r}; expected a .yaml spec")
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    return yaml_spec.load_path(path)


def split_options(style: str, options: Mapping[str, Any]) -> tuple[Any, RenderOptions]:
    """Typed (style options, render options) from loose keyword values; unknown names fail."""
    style_class = registry.style(style).options
    style_names = {info.name for info in declared(style_class)}
    render_names = {info.name for info in declared(RenderOptions)}
    style_values: dict[str, Any] = {}
    render_values: dict[str, Any] = {}
    for raw_name, value in options.items():
        name = raw_name.replace("-", "_")
        if name in style_names:
            style_values[name] = value
        elif name in render_names:
            render_values[name] = value
        else:
            known = sorted(style_names | render_names)
            raise OptionError(
                f"unknown option {raw_name!r} for style {style!r}{did_you_mean(name, known)}; "
                f"known options: {', '.join(known)}"
            )
    owner = f"style {style!r}"
    return build(style_class, style_values, owner=owner), build(RenderOptions, render_values)


@dataclass(frozen=True)
class Diagram:
    """A laid-out diagram, ready to be written in any format.

    ``graph`` is the network drawn, or ``None`` for figures that are not of a network (training
    curves from :func:`nnviz_core.plot_history`, whose ``style`` is ``"history"``).
    """

    scene: Scene
    graph: Graph | None
    style: str
    options: RenderOptions

    def to_bytes(self, format: str = "svg") -> bytes:
        """The diagram in one format (``svg``, ``png``, ``pdf``, ``dot``, or a plug-in's)."""
        return bytes(registry.backend(format.lower().lstrip(".")).render(self.scene, self.options))

    @property
    def svg(self) -> str:
        return self.to_bytes("svg").decode("utf-8")

    def save(self, path: str | os.PathLike[str], format: str | None = None) -> Path:
        """Write the diagram; the format comes from the suffix unless given."""
        target = Path(path)
        chosen = format or target.suffix.lstrip(".")
        if not chosen:
            raise OptionError(
                f"{target}: cannot tell the format; add a suffix such as .svg or .png"
            )
        data = self.to_bytes(chosen)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return target

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        # Notebooks often show SVG output as an <img>, where only the OS colour scheme reaches
        # it; a solid background keeps the diagram readable on a dark notebook with a light OS.
        solid = replace(self.options, background="solid")
        svg = registry.backend("svg").render(self.scene, solid)
        return {"image/svg+xml": bytes(svg).decode("utf-8")}


def render(source: Source, style: str = "graph", **options: Any) -> Diagram:
    """Load ``source`` and lay it out in ``style``; options are the style's and the output's."""
    style_options, render_options = split_options(style, options)
    graph = load(source)
    scene = registry.style(style).layout(graph, style_options)
    return Diagram(scene=scene, graph=graph, style=style, options=render_options)


def to_dot(source: Source, **options: Any) -> Any:
    """The ``graph`` style's Graphviz graph as a ``pydot.Dot`` (like Keras ``model_to_dot``)."""
    from nnviz_core.styles.graph import to_dot as graph_to_dot

    return graph_to_dot(source, **options)
