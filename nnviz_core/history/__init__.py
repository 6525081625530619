"""Training-history figures: loss and metric curves from Keras, CSV and TensorBoard logs.

>>> import nnviz_core
>>> figure = nnviz_core.plot_history("logs/history.csv", mark_best="val_loss")  # doctest: +SKIP
>>> figure.save("curves.svg")  # doctest: +SKIP

A figure is a :class:`~nnviz_core.api.Diagram` (``style == "history"``, ``graph is None``): it is
drawn through the same Scene, fonts and theme tokens as the architecture diagrams, so it writes
SVG, PNG, PDF and PPTX (a native, editable line chart per panel) the same way.
"""

from __future__ import annotations

from typing import Any

from nnviz_core.api import Diagram
from nnviz_core.history.data import Log, Metric, Series
from nnviz_core.history.figure import HistoryWarning
from nnviz_core.history.options import HistoryOptions, split_history_options
from nnviz_core.history.readers import read
from nnviz_core.history.style import STYLE

__all__ = [
    "STYLE_NAME",
    "HistoryOptions",
    "HistoryWarning",
    "Log",
    "Metric",
    "Series",
    "plot_history",
    "read",
    "split_history_options",
]

#: The ``Diagram.style`` of history figures: the registered name of :data:`STYLE`.
STYLE_NAME = STYLE.name


def plot_history(source: Any, *, filename: str | None = None, **options: Any) -> Diagram:
    """Draw a training log: a Keras ``History`` or its dict, a CSV/JSON/TensorBoard log path, or
    inline CSV/JSON text (``filename`` names it in messages); options as in ``HistoryOptions``
    plus the output options (``theme``, ``dpi``, ``background``…)."""
    history_options, render_options = split_history_options(options)
    scene = STYLE.layout(STYLE.read(source, history_options, filename=filename), history_options)
    return Diagram(scene=scene, graph=None, style=STYLE.name, options=render_options)
