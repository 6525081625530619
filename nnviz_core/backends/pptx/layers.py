"""Scene items → PowerPoint shapes, one named group per layer.

A user edits an exported diagram a layer at a time (move it, recolour it, delete it), so every
item of a layer (a named scene ``Group``, or loose items sharing a ``layer`` id) lands in one
group shape named after it. Edges outside a layer's group all go into one "Edges" group (each
named after its own ``layer`` id, such as ``conv1->pool1``), a loose legend into "Legend".
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pptx.oxml import parse_xml

from nnviz_core.backends.pptx import shapes as draw
from nnviz_core.backends.pptx.geometry import Placement
from nnviz_core.scene import Circle, Group, Image, Item, Path, Polygon, Rect, Text
from nnviz_core.theme import ThemeMode

Primitive = Rect | Circle | Polygon | Path | Text | Image
Drawer = Callable[[int, Any, Placement, ThemeMode], Any]

_DRAWERS: dict[type, Drawer] = {
    Rect: draw.rect,
    Circle: draw.circle,
    Polygon: draw.polygon,
    Path: draw.path,
    Text: draw.text,
}
_NAMESPACES = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
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
    named: set[str] = set()

    def bundle(key: str, name: str) -> Bundle:
        if key not in bundles:
            bundles[key] = Bundle(name)
            units.append(bundles[key])
        return bundles[key]

    def group_bundle(item: Group) -> Bundle:
        """The layer's bundle, unless another named group already took it under another name."""
        key = item.layer or f"group:{item.name}"
        if item.name and key in named and bundles[key].name != item.name:
            key = f"{key}|{item.name}"
        target = bundle(key, item.name or item.layer or "")
        if item.name and key not in named:
            target.name = item.name
            named.add(key)
        return target

    def visit(item: Item) -> None:
        own = inside is not None and item.layer == inside
        if isinstance(item, Group):
            if (item.name or item.layer) and not own:
                group_bundle(item).units.extend(plan(item.items, item.layer))
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


def _fragments(
    units: list[Bundle | Primitive],
    place: Placement,
    mode: ThemeMode,
    ids: Iterator[int],
    embeds: dict[bytes, str],
) -> list[draw.Fragment]:
    made: list[draw.Fragment] = []
    for unit in units:
        if isinstance(unit, Bundle):
            group_id = next(ids)
            children = _fragments(unit.units, place, mode, ids, embeds)
            if children:
                made.append(draw.group(group_id, unit.name, children))
        elif isinstance(unit, Image):
            made.append(draw.picture(next(ids), unit, place, mode, embeds[unit.png]))
        else:
            fragment = _DRAWERS[type(unit)](next(ids), unit, place, mode)
            if fragment is not None:
                made.append(fragment)
    return made


def _images(units: list[Bundle | Primitive]) -> Iterator[Image]:
    for unit in units:
        if isinstance(unit, Bundle):
            yield from _images(unit.units)
        elif isinstance(unit, Image):
            yield unit


def _embeds(units: list[Bundle | Primitive], part: Any) -> dict[bytes, str]:
    """The slide's relationship id of each picture's image part (one part per distinct PNG)."""
    embeds: dict[bytes, str] = {}
    for image in _images(units):
        if image.png not in embeds:
            embeds[image.png] = part.get_or_add_image_part(io.BytesIO(image.png))[1]
    return embeds


def render_units(
    tree: Any,
    units: list[Bundle | Primitive],
    place: Placement,
    mode: ThemeMode,
    part: Any = None,
) -> int:
    """Draw units into a slide's shape tree (``p:spTree``); returns how many top-level shapes.

    ``part`` is the slide's part, which holds the image parts of pictures (real feature maps).
    """
    used = [int(value) for value in tree.xpath("//p:cNvPr/@id")]
    embeds = _embeds(units, part) if part is not None else {}
    ids = itertools.count(max(used, default=1) + 1)
    fragments = _fragments(units, place, mode, ids, embeds)
    parsed = parse_xml(f"<p:spTree {_NAMESPACES}>{''.join(f.xml for f in fragments)}</p:spTree>")
    for child in list(parsed):
        tree.append(child)
    return len(fragments)
