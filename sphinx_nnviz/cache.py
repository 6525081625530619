"""Rendering with a content-addressed cache shared by every builder of a project.

A diagram's files are named by a hash of its canonical source, its fully typed options and the
package version, so an unchanged diagram is never rendered twice: not on a warm rebuild, not by a
second builder, not by a second page that shows it. Files are written to a temporary name and
renamed, so parallel readers that race on the same diagram both leave a complete file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nnviz_core
from nnviz_core.api import split_options
from nnviz_core.files import write_atomic

__all__ = ["DiagramCache", "Request", "cache_key", "canonical_source"]

FORMATS = {"svg": "image/svg+xml", "pdf": "application/pdf", "png": "image/png"}


@dataclass(frozen=True)
class Request:
    """One diagram to draw: YAML text, the name errors should use, the style and its options.

    For a ``:model:`` diagram, ``source`` is the model's fingerprint and ``model`` holds the
    import path (or file) and source options that load it again.
    """

    source: str
    filename: str
    style: str
    options: Mapping[str, Any]
    model: tuple[tuple[str, Any], ...] = ()


def canonical_source(text: str) -> str:
    """The source as it matters for the picture: no trailing spaces, no blank edges, LF ends."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def cache_key(request: Request) -> str:
    """A hash of everything that changes the picture; raises the core's ``OptionError`` early."""
    if request.style == "history":  # training curves: `.. nnviz-history::`
        from nnviz_core.history import split_history_options

        style_options, render_options = split_history_options(request.options)
    else:
        style_options, render_options = split_options(request.style, request.options)
    payload = {
        "source": canonical_source(request.source),
        "style": request.style,
        "style_options": dataclasses.asdict(style_options),
        "render_options": dataclasses.asdict(render_options),
        "version": nnviz_core.__version__,
    }
    text = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def alt_text(diagram: nnviz_core.Diagram) -> str:
    """A short description for screen readers and text builders."""
    if diagram.graph is None:
        return diagram.scene.description or diagram.scene.title or f"{diagram.style} figure"
    count = len(diagram.graph.nodes)
    noun = "layer" if count == 1 else "layers"
    return f"{diagram.graph.name}: neural-network diagram, {count} {noun} ({diagram.style} style)"


def draw(request: Request) -> nnviz_core.Diagram:
    """Load and lay out the diagram (the slow part; tests count calls to it)."""
    from nnviz_core.sources import yaml_spec
    from sphinx_nnviz import models

    if request.style == "history":
        from sphinx_nnviz.history import draw_history

        return draw_history(request)
    if request.model:
        graph = models.graph_for(request.source, request.model)
    else:
        graph = yaml_spec.load_text(request.source, filename=request.filename)
    return nnviz_core.render(graph, request.style, **dict(request.options))


@dataclass(frozen=True)
class DiagramCache:
    """The cache directory: ``nnviz-<key>.<format>`` plus ``nnviz-<key>.json`` (the alt text)."""

    root: Path

    def path(self, key: str, fmt: str) -> Path:
        return self.root / f"nnviz-{key}.{fmt}"

    def alt(self, key: str) -> str | None:
        """The stored alt text of a rendered diagram, or ``None`` when it is not cached."""
        meta = self.path(key, "json")
        if not (meta.is_file() and self.path(key, "svg").is_file()):
            return None
        return str(json.loads(meta.read_text(encoding="utf-8"))["alt"])

    def ensure(self, request: Request, key: str, fmt: str = "svg") -> Path:
        """The file of one format, rendering it (and the SVG with its alt text) when missing."""
        target = self.path(key, fmt)
        if target.is_file() and (fmt != "svg" or self.alt(key) is not None):
            return target
        diagram = draw(request)
        if fmt != "svg":
            write_atomic(target, diagram.to_bytes(fmt))
        if self.alt(key) is None:
            write_atomic(self.path(key, "svg"), diagram.to_bytes("svg"))
            meta = json.dumps({"alt": alt_text(diagram)}, sort_keys=True).encode("utf-8")
            write_atomic(self.path(key, "json"), meta)
        return target
