"""The ``.. nnviz-history::`` directive: training curves from a log file or inline CSV/JSON.

It is the ``nnviz`` directive with another source: the same cache, builders, figure options
(``:caption:``, ``:name:``, ``:align:``…), and located warnings. A log file (CSV, JSON, or a
TensorBoard event file or directory) is keyed by a digest of its bytes, so a new log redraws the
figure; NaN/inf values become a warning (``nnviz.history-gaps``) besides the note in the figure.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes

import nnviz_core
from nnviz_core.history import STYLE_NAME, HistoryOptions, HistoryWarning, plot_history
from nnviz_core.history.readers import log_digest
from nnviz_core.history.tensorboard import is_event_path
from nnviz_core.options import RenderOptions, declared
from sphinx_nnviz.cache import Request
from sphinx_nnviz.directive import NnvizDirective, configured_options
from sphinx_nnviz.options import FIGURE_OPTIONS, Converter, converter, diagram_options

__all__ = ["NnvizHistoryDirective", "draw_history", "history_option_spec"]


def history_option_spec() -> dict[str, Converter]:
    """Figure options, the history options and the output options, in kebab case."""
    spec: dict[str, Converter] = {}
    for info in (*declared(HistoryOptions), *declared(RenderOptions)):
        spec.setdefault(info.kebab, converter(info))
    spec.update(FIGURE_OPTIONS)
    return spec


def draw_history(request: Request) -> nnviz_core.Diagram:
    """The figure of a request: the logged file named in ``model``, or the inline text."""
    logged = dict(request.model).get("history")
    source: Any = Path(logged) if logged else request.source
    return plot_history(source, filename=request.filename, **dict(request.options))


class NnvizHistoryDirective(NnvizDirective):
    """Draw training curves from a log file argument, or from CSV/JSON written as content."""

    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        if self.arguments and self.content:
            return self._warn(
                "nnviz-history takes one log but got a file argument and inline content; "
                "keep only one",
                "source",
            )
        if not self.arguments and not self.content:
            return self._warn(
                "nnviz-history without a log: give a CSV, JSON or TensorBoard log as its "
                "argument, or write CSV or JSON as its content",
                "source",
            )
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", HistoryWarning)
            result = self._history()
        for warning in caught:
            if isinstance(warning.message, HistoryWarning):
                found = warning.message
                self._warn(found.note if self.content else str(found), "history-gaps")
        return result

    def _history(self) -> list[nodes.Node]:
        if self.content:
            return self._diagram()
        relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        path = Path(absolute)
        if not path.exists():
            return self._warn(
                f"training log {self.arguments[0]!r} not found (looked for {path}); paths are "
                "relative to the document, or to the source directory with a leading /",
                "source",
            )
        self.env.note_dependency(relative)
        if path.is_dir() or is_event_path(path):
            for file in sorted(path.rglob("*") if path.is_dir() else [path]):
                if file.is_file():
                    self.env.note_dependency(str(file))
        return self._logged(path)

    def _logged(self, path: Path) -> list[nodes.Node]:
        filename = path.as_posix()
        try:
            style, options = self._style_and_options()
            request = Request(log_digest(path), filename, style, options, (("history", filename),))
            key = self._ensure(request)
        except Exception as error:
            return self._failed(error, filename, False)
        return self._wrap(self._node(request, key, "training curves"))

    def _style_and_options(self) -> tuple[str, dict[str, Any]]:
        """conf.py's theme and ``nnviz_default_options["history"]``, then the directive's."""
        given = diagram_options(self.options)
        return STYLE_NAME, configured_options(self.config, STYLE_NAME, given)
