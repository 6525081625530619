"""The public entry points: ``load`` a source into a Graph, ``render`` it into a Diagram."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from nnviz_core import readability, registry
from nnviz_core.budget import check_drawable
from nnviz_core.collector import collector_paused
from nnviz_core.detail import fit_detail, less_detail
from nnviz_core.errors import NnvizError, OptionError, SourceError, excerpt_text
from nnviz_core.files import is_file
from nnviz_core.ir import Graph
from nnviz_core.options import RenderOptions, declared, split
from nnviz_core.scene import Scene
from nnviz_core.theme import DEFAULT, Theme, using

SPEC_SUFFIXES = (".yaml", ".yml")
Source = Graph | Mapping[str, Any] | str | os.PathLike[str]


def load(
    source: Source | Any,
    *,
    model_args: Mapping[str, Any] | str | None = None,
    input_shape: Any = None,
    example_inputs: Any = None,
    show_plumbing: bool = False,
    name_groups: bool | None = None,
) -> Graph:
    """A Graph from a YAML spec (mapping, text, ``.yaml`` path) or a model.

    A model is an import path ``package.module:attribute`` (an instance, a class or a factory
    called with ``model_args``), an ``.onnx``/``.keras``/``.prototxt`` file, or a live PyTorch,
    Keras or ONNX model; ``input_shape`` or (PyTorch) ``example_inputs`` say what to trace it with.
    ``name_groups`` (Keras) frames layers whose names share a prefix as groups.
    """
    from nnviz_core.sources import resolve

    inputs = resolve.model_inputs(
        {
            "model_args": model_args,
            "input_shape": input_shape,
            "example_inputs": example_inputs,
            "show_plumbing": show_plumbing,
            "name_groups": name_groups,
        }
    )
    spec = _spec_loader(source)
    if spec is None:
        return resolve.load_model(source, inputs)
    if inputs.given():
        raise OptionError(
            f"{inputs.given()[0]} applies to models (import paths, model files, live models), "
            "not to a YAML spec or a Graph; remove it"
        )
    return spec()


def _spec_loader(source: Any) -> Callable[[], Graph] | None:
    """How to load ``source`` if it is a Graph or a YAML spec; ``None`` for a model."""
    from nnviz_core.sources import resolve, yaml_spec

    if isinstance(source, Graph):
        return lambda: source
    if isinstance(source, Mapping):
        return lambda: yaml_spec.load_mapping(source)
    if not isinstance(source, str | os.PathLike):
        return None
    text = os.fspath(source)
    if isinstance(source, str) and "\n" in text:
        return lambda: yaml_spec.load_text(text)
    suffix = Path(text.strip()).suffix.lower()
    if suffix in SPEC_SUFFIXES:
        return lambda: _load_path(Path(text.strip()))
    model_file = suffix in (*resolve.MODEL_SUFFIXES, *resolve.PICKLE_SUFFIXES)
    if isinstance(source, os.PathLike) or model_file or resolve.is_import_path(text):
        return None
    return lambda: yaml_spec.load_text(text)


def _load_path(path: Path) -> Graph:
    from nnviz_core.sources import yaml_spec

    if not is_file(path):
        raise SourceError(f"{excerpt_text(path)}: no such file")
    return yaml_spec.load_path(path)


def source_options(options: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split loose keyword options into (source options, style and output options)."""
    from nnviz_core.sources.resolve import SourceOptions

    names = {info.name for info in declared(SourceOptions)}
    source: dict[str, Any] = {}
    rest: dict[str, Any] = {}
    for key, value in options.items():
        name = key.replace("-", "_")
        if name in names:
            source[name] = value
        else:
            rest[key] = value
    return source, rest


def split_options(style: str, options: Mapping[str, Any]) -> tuple[Any, RenderOptions]:
    """Typed (style options, render options) from loose keyword values; unknown names fail."""
    style_class = registry.style(style).options
    style_options, render_options = split(options, (style_class, RenderOptions), f"style {style!r}")
    return style_options, render_options


@dataclass(frozen=True)
class Diagram:
    """A laid-out diagram, ready to be written in any format.

    ``graph`` is the network drawn, or ``None`` for figures that are not of a network (training
    curves, drawn by a style that reads a source of its own).
    """

    scene: Scene
    graph: Graph | None
    style: str
    options: RenderOptions
    style_options: Any = None
    """The style's options the scene was laid out with, when it can be laid out again."""
    fit_given: bool = True
    """Whether the user chose ``fit``; if not, PowerPoint output is laid out for its slide."""
    asked_options: Any = None
    """The style's options as given, before ``detail`` decided: a slide decides afresh."""

    def to_bytes(self, format: str = "svg") -> bytes:
        """The diagram in one format (``svg``, ``png``, ``pdf``, ``pptx``, ``dot``, ``tex``,
        ``tikz``, ``html``, or a plug-in's). PowerPoint re-lays the diagram for the slide unless
        ``fit`` was chosen."""
        name = format.lower().lstrip(".")
        backend = registry.backend(name)
        whole = getattr(backend, "render_diagram", None)
        if callable(whole):  # a page with the viewer (html): it needs the graph, not the scene
            with collector_paused(), using(self.theme):
                return bytes(whole(self))
        with collector_paused(), using(self.theme):  # a plug-in backend resolves paints too
            scene = self._slide_scene() if name == "pptx" else self.scene
            return bytes(backend.render(scene, self.options))

    @property
    def theme(self) -> Theme:
        """The theme the diagram is drawn in (its ``theme`` option)."""
        from nnviz_core.theming import chosen

        return chosen(self.options.theme, self.options.mode)[0]

    def _slide_scene(self) -> Scene:
        """The scene laid out with ``fit: slide`` for this diagram's slides (see above)."""
        if self.fit_given or self.graph is None or self.style_options is None:
            return self.scene
        from nnviz_core.backends.pptx import slide_canvas_width

        width = slide_canvas_width(self.options)
        asked = self.style_options if self.asked_options is None else self.asked_options
        slide = replace(asked, fit="slide", width=width)
        scene, _ = lay_out(self.graph, self.style, slide, self.theme)
        return scene

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
        # The HTML form adds the viewer (zoom, full screen, details); a notebook that does not
        # run its outputs' scripts (an untrusted one) shows the same SVG in it.
        from nnviz_core.viewer import notebook_html, payload

        solid = replace(self.options, background="solid")
        svg = bytes(registry.backend("svg").render(self.scene, solid)).decode("utf-8")
        return {"image/svg+xml": svg, "text/html": notebook_html(svg, payload(self, svg))}


def render(source: Source | Any, style: str = "graph", **options: Any) -> Diagram:
    """Load ``source`` and lay it out in ``style``.

    Options are the style's, the output's and, for a model, the source options of :func:`load`
    (``model_args``, ``input_shape``, ``example_inputs``, ``show_plumbing``, ``name_groups``). A
    style that reads a source of its own takes that instead (training curves: a log path, a Keras
    ``History``).

    A network whose text its canvas (``fit``, ``width``) would show below that canvas's floor
    is drawn all the same, with a :class:`~nnviz_core.readability.ReadabilityWarning`.
    """
    from nnviz_core.theming import chosen as chosen_theme

    chosen = registry.style(style)
    if callable(getattr(chosen, "read", None)):  # a style with a source of its own (logs)
        own_options, render_options = split_options(style, options)
        theme, _ = chosen_theme(render_options.theme, render_options.mode)
        with collector_paused(), using(theme):
            scene = chosen.layout(chosen.read(source, own_options), own_options)
        return Diagram(scene=scene, graph=None, style=style, options=render_options)
    loading, drawing = source_options(options)
    style_options, render_options = split_options(style, drawing)
    theme, _ = chosen_theme(render_options.theme, render_options.mode)
    with collector_paused():
        graph = load(source, **loading)
        style_options = _observed(style_options, source, loading, graph)
        scene, fitted = lay_out(graph, style, style_options, theme)
    readability.check(scene, graph, style, fitted)
    return Diagram(scene, graph, style, render_options, fitted, fit_chosen(drawing), style_options)


def _observed(style_options: Any, source: Any, loading: Mapping[str, Any], graph: Graph) -> Any:
    """The style options with a forward pass's pictures attached when they ask for
    ``activations`` or ``weights`` (see :mod:`nnviz_core.activations`)."""
    from nnviz_core.activations import observed, wanted

    if not wanted(style_options):
        return style_options
    return observed(style_options, source, loading, graph)


def _check_observed(style_options: Any) -> None:
    """Options asking for a forward pass must carry its pictures: a caller that lays out a
    Graph alone (a slide deck) says so rather than drawing the plain diagram instead."""
    from nnviz_core.activations import wanted

    if wanted(style_options) and style_options.pictures is None:
        raise OptionError(
            "activations and weights are drawn by nnviz render, the docs hosts and the Python "
            "API, which run the model; here only its graph is at hand: draw that diagram with "
            "nnviz render MODEL --example-input INPUT -o slide.pptx"
        )


def fit_chosen(options: Mapping[str, Any]) -> bool:
    """Whether loose options (``fit`` or ``fit``'s spelling with a dash) choose the canvas:
    if not, PowerPoint output is laid out again for its slide."""
    return any(key.replace("-", "_") == "fit" for key in options)


def lay_out(
    graph: Graph, style: str, style_options: Any, theme: Theme = DEFAULT
) -> tuple[Scene, Any]:
    """The one way from a Graph to a Scene, for every host: ``detail`` decides how much is
    drawn (``fold_repeats``, ``depth``), the limits are checked, then the style lays it out,
    measuring text in ``theme``'s font.

    Returns the scene and the options it was laid out with (``fold_repeats`` and ``depth``
    decided), which a later re-layout (PowerPoint's slide fit) reuses as they are.

    A theme with larger text (``fonts.size``, e.g. ``slides``) lays the diagram out for a canvas
    that much narrower and draws it that much larger: text, lines and gaps grow together.
    """
    _check_observed(style_options)
    with using(theme):
        size = theme.fonts.size
        if size == 1.0 or not hasattr(style_options, "fit"):
            return _lay_out(graph, style, style_options)
        from nnviz_core.canvas import canvas_for
        from nnviz_core.zoom import zoomed

        width = canvas_for(style_options.fit, style_options.width).width
        narrower = replace(style_options, width=width / size) if width != float("inf") else None
        scene, fitted = _lay_out(graph, style, narrower or style_options)
        return zoomed(scene, size), replace(fitted, width=style_options.width)


def _lay_out(graph: Graph, style: str, style_options: Any) -> tuple[Scene, Any]:
    chosen = registry.style(style)
    fitted = fit_detail(graph, style_options, style=chosen)
    check_drawable(graph, style, fitted)
    scene: Scene = chosen.layout(graph, fitted)
    if readability.legible(scene, fitted):
        return scene, fitted
    best = (readability.shown_text(scene, fitted), scene, fitted)
    for shown, trial in less_detail(graph, style_options, fitted):
        # Counting cards could not tell: re-lay with less detail until the text keeps its floor.
        try:
            scene = chosen.layout(shown, trial)
        except NnvizError:  # a style that cannot draw this little (no dense layer left): stop
            break
        if readability.legible(scene, trial):
            return scene, trial
        best = max(best, (readability.shown_text(scene, trial), scene, trial), key=_first)
    return best[1], best[2]


def _first(candidate: tuple[float, Scene, Any]) -> float:
    return candidate[0]


def to_dot(source: Source | Any, **options: Any) -> Any:
    """The ``graph`` style's Graphviz graph as a ``pydot.Dot`` (like Keras ``model_to_dot``).

    Options are the graph style's and, for a model, the source options of :func:`load`. A Keras
    model's layers are drawn as Keras draws them, without groups read from their names unless
    ``name_groups`` asks for them.
    """
    from nnviz_core.styles.graph import to_dot as graph_to_dot

    loading, drawing = source_options(options)
    if _spec_loader(source) is not None:
        return graph_to_dot(load(source, **loading), **drawing)
    from nnviz_core.sources import resolve

    exact = replace(resolve.model_inputs(loading), exact=True)  # Keras's view unless asked
    return graph_to_dot(resolve.load_model(source, exact), **drawing)
