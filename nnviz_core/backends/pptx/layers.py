"""Scene items → PowerPoint shapes, one named group per layer.

A user edits an exported diagram a layer at a time (move it, recolour it, delete it), so every
item of a layer (a named scene ``Group``, or loose items sharing a ``layer`` id) lands in one
group shape named after it. Edges outside a layer's group all go into one "Edges" group (each
named after its own ``layer`` id, such as ``conv1->pool1``), a loose legend into "Legend".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nnviz_core.backends.pptx import shapes as draw
from nnviz_core.backends.pptx.geometry import Placement
from nnviz_core.scene import Circle, Group, Item, Path, Polygon, Rect, Text
from nnviz_core.theme import ThemeMode

Primitive = Rect | Circle | Polygon | Path | Text
Drawer = Callable[[Any, Any, Placement, ThemeMode], Any]

_DRAWERS: dict[type, Drawer] = {
    Rect: draw.add_rect,
    Circle: draw.add_circle,
    Polygon: draw.add_polygon,
    Path: draw.add_path,
    Text: draw.add_text,
}
_LOOSE_ROLES = {"edge": "Edges", "legend": "Legend"}


@dataclass
class Bundle:
    """Items that become one group shape called ``name``."""

    name: str
    units: list[Bundle | Primitive] = field(default_factory=list)


def plan(items: tuple[Item, ...], inside: str | None = None) -> list[Bundle | Primitive]:
    """Units in drawing order; a layer's items gather where the layer first appears.

    ``inside`` is the layer whose group is being planned: its own items stay loose in it.
    """
    units: list[Bundle | Primitive] = []
    bundles: dict[str, Bundle] = {}

    def bundle(key: str, name: str) -> Bundle:
        if key not in bundles:
            bundles[key] = Bundle(name)
            units.append(bundles[key])
        return bundles[key]

    def visit(item: Item) -> None:
        own = inside is not None and item.layer == inside
        if isinstance(item, Group):
            if (item.name or item.layer) and not own:
                key = item.layer or f"group:{item.name}"
                target = bundle(key, item.name or item.layer or "")
                if item.name:
                    target.name = item.name
                target.units.extend(plan(item.items, item.layer))
            else:
                for child in item.items:
                    visit(child)
        elif own:
            units.append(item)
        elif item.role in _LOOSE_ROLES:
            name = _LOOSE_ROLES[item.role]
            bundle(f"role:{name}", name).units.append(item)
        elif item.layer:
            bundle(item.layer, item.layer).units.append(item)
        else:
            units.append(item)

    for item in items:
        visit(item)
    return units


def _later() -> None:
    """Stands in for python-pptx's per-shape group refit while a group is filled."""


def render_units(
    shapes: Any, units: list[Bundle | Primitive], place: Placement, mode: ThemeMode
) -> int:
    """Draw units into a shape tree; returns how many shapes were made."""
    made = 0
    for unit in units:
        if isinstance(unit, Bundle):
            if not unit.units:
                continue
            group = shapes.add_group_shape()
            group.name = unit.name
            # python-pptx refits a group after every shape added; fit it once at the end.
            group.shapes._recalculate_extents = _later
            inner = render_units(group.shapes, unit.units, place, mode)
            if inner == 0:
                group._element.getparent().remove(group._element)
                continue
            group._element.recalculate_extents()
            made += inner + 1
        else:
            shape = _DRAWERS[type(unit)](shapes, unit, place, mode)
            if shape is None:
                continue
            if unit.role == "edge" and unit.layer:
                shape.name = unit.layer
            made += 1
    return made
