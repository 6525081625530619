"""Labelled panels behind the columns of a block, so "Encoder" and "Decoder" stay visible.

Only the outermost group holding columns gets a panel (nested panels would stack their labels),
and a group that holds every column gets none: it would only frame the whole drawing.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz_core.ir import Graph
from nnviz_core.scene import Span

from .elements import Column, Panel
from .labels import NOTE_SIZE, Block, Line

PANEL_PAD = 6.0
LABEL_GAP = 4.0


@dataclass(frozen=True)
class PanelShape:
    panel: Panel
    x: float
    y: float
    width: float
    height: float
    label: Block
    label_x: float
    label_top: float
    centred: bool


def find_panels(graph: Graph, columns: tuple[Column, ...], folded: bool) -> tuple[Panel, ...]:
    """One panel per outermost group (repeats and blocks, not iterations) holding columns."""
    members: dict[str, list[str]] = {}
    for column in columns:
        node = graph.node(column.node)
        if column.kind == "features" or node.group is None:
            continue
        chain = [group for group in graph.group_chain(node) if group.kind != "iteration"]
        if chain:
            members.setdefault(chain[0].id, []).append(column.id)
    groupable = sum(1 for c in columns if c.kind not in ("features", "input"))
    panels = []
    for group_id, ids in members.items():
        if len(ids) == groupable:
            continue
        group = graph.group(group_id)
        counted = group.kind == "repeat" and group.count > 1 and not folded
        label = f"{group.label} ×{group.count}" if counted else group.label
        panels.append(Panel(group_id, label, tuple(ids)))
    return tuple(panels)


def label_block(panel: Panel) -> Block:
    return Block((Line((Span(panel.label, "bold"),), NOTE_SIZE, "muted"),))


def room(panel: Panel, lr: bool) -> tuple[float, float]:
    """Cross-axis room a panel needs before (its label band) and after its columns."""
    block = label_block(panel)
    band = block.height if lr else block.width
    return PANEL_PAD + band + LABEL_GAP, PANEL_PAD


def shape(panel: Panel, boxes: list[tuple[float, float, float, float]], lr: bool) -> PanelShape:
    """The panel around the given content boxes, its label band on the before side."""
    block = label_block(panel)
    left = min(b[0] for b in boxes) - PANEL_PAD
    top = min(b[1] for b in boxes) - PANEL_PAD
    right = max(b[2] for b in boxes) + PANEL_PAD
    bottom = max(b[3] for b in boxes) + PANEL_PAD
    if lr:
        top -= block.height + LABEL_GAP
        right = max(right, left + block.width + 2 * PANEL_PAD)
        return PanelShape(
            panel, left, top, right - left, bottom - top, block, (left + right) / 2, top + 3, True
        )
    left -= block.width + LABEL_GAP
    label_top = (top + bottom - block.height) / 2
    return PanelShape(
        panel, left, top, right - left, bottom - top, block, left + PANEL_PAD - 2, label_top, False
    )
