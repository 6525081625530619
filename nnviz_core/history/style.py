"""The ``history`` style: training curves, drawn from a source of its own (training logs).

It is registered like every style (``nnviz.styles``), so ``nnviz_core.render(log, "history")``,
the ``.. nnviz-history::`` directive and the ```` ```nnviz-history ```` fence (aliases of the
plain ``nnviz`` ones with this style fixed) and ``nnviz history`` all reach it by name. Where
network styles lay out a Graph, this one reads a log (:meth:`HistoryStyle.read`) and lays that out.
"""

from __future__ import annotations

from typing import Any

from nnviz_core.history.data import Log
from nnviz_core.history.figure import compose
from nnviz_core.history.options import HistoryOptions
from nnviz_core.history.readers import read
from nnviz_core.scene import Scene

__all__ = ["STYLE", "HistoryStyle"]


class HistoryStyle:
    """Loss and metric curves from Keras, CSV, JSON and TensorBoard logs."""

    name = "history"
    description = (
        "Training curves (loss and metrics per epoch or step) from a Keras History, a CSV or "
        "JSON log, or TensorBoard events."
    )
    options = HistoryOptions
    source_name = "training log"
    """What hosts call the files this style reads, in messages."""

    def read(self, source: Any, options: HistoryOptions, *, filename: str | None = None) -> Log:
        """The log of ``source``: a Keras ``History`` or its dict, a log path, or CSV/JSON text
        (``filename`` names inline text in messages)."""
        axis = None if options.x == "auto" else options.x
        return read(source, filename=filename, axis=axis)

    def layout(self, log: Log, options: HistoryOptions) -> Scene:
        return compose(log, options)


STYLE = HistoryStyle()
