"""Slides: size, title, background, notes, and the diagram fitted into the space left.

A diagram is scaled to fill the area below the title inside the margins, keeping its aspect
ratio, and centred there: one diagram, one slide, never cut into pieces. Its text is readable
because the style laid it out for that area (``fit: slide``, :meth:`DeckBuilder.canvas_width`); a
diagram whose text still ends up below :data:`MIN_FONT_PT` is drawn all the same, with a warning
naming the options that help. A ``--template`` deck keeps its master, layouts and size; its own
slides are dropped.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import replace
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu, Inches, Pt

from nnviz_core.backends.pptx.arrange import (
    MIN_FONT_PT,
    Area,
    Placed,
    canvas_width,
    fit,
)
from nnviz_core.backends.pptx.geometry import EMU_PER_PX, bounds, forget_bounds, union
from nnviz_core.backends.pptx.layers import plan, render_units
from nnviz_core.backends.pptx.shapes import xml_safe
from nnviz_core.backends.pptx.slide_parts import rgb, without_titles, write_notes
from nnviz_core.canvas import smallest_size
from nnviz_core.errors import OptionError, excerpt
from nnviz_core.options import RenderOptions
from nnviz_core.scene import Scene, placed
from nnviz_core.text import font_family, text_width
from nnviz_core.theme import fixed_mode, using
from nnviz_core.theming import chosen, dressed

MARGIN = Inches(0.4)
TITLE_HEIGHT = Inches(0.8)
TITLE_PT = 28

_NAMED_SIZES = {
    "16:9": (12192000, 6858000),
    "4:3": (9144000, 6858000),
    "16:10": (12192000, 7620000),
}
_NUMBER = r"([0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_CUSTOM = re.compile(rf"^\s*{_NUMBER}\s*[x×]\s*{_NUMBER}\s*(in|cm)?\s*$", re.IGNORECASE)


def slide_size(text: str) -> tuple[int, int]:
    """Slide width and height in EMU from ``16:9``, ``4:3``, ``16:10`` or ``WxH[in|cm]``."""
    if text in _NAMED_SIZES:
        return _NAMED_SIZES[text]
    match = _CUSTOM.match(text)
    if match:
        unit = 360000 if (match.group(3) or "in").lower() == "cm" else 914400
        width, height = float(match.group(1)) * unit, float(match.group(2)) * unit
        if 914400 <= width <= 51206400 and 914400 <= height <= 51206400:
            return round(width), round(height)
    raise OptionError(
        f"slide_size {excerpt(text)} is not a slide size; use 16:9, 4:3, 16:10, or WIDTHxHEIGHT "
        "between 1 and 56 inches, e.g. 10x5.625 (inches) or 25.4x14.29cm"
    )


class DeckBuilder:
    """A presentation being filled with diagram slides; ``to_bytes`` gives the finished file."""

    def __init__(self, options: RenderOptions, template: bytes | None = None) -> None:
        from pptx import Presentation

        self.options = options
        self.theme, mode = chosen(options.theme, options.mode)
        self.mode = fixed_mode(mode)  # slides have no page to follow
        self.templated = template is not None
        self.prs = Presentation(io.BytesIO(template) if template else None)
        if self.templated:
            _drop_slides(self.prs)
        if options.slide_size or not self.templated:
            width, height = slide_size(options.slide_size or "16:9")
            self.prs.slide_width, self.prs.slide_height = Emu(width), Emu(height)
        self.layout = _title_layout(self.prs)

    def add(self, scene: Scene, title: str | None = None, notes: str = "") -> int:
        """A slide for one diagram, in the deck's theme; returns how many slides were added."""
        with using(self.theme):
            if self.options.as_picture:  # the PNG backend dresses the scene itself
                return self._add(scene, title, notes)
            return self._add(dressed(scene, self.theme), title, notes)

    def _add(self, scene: Scene, title: str | None, notes: str) -> int:
        scene = replace(scene, items=placed(scene.items))  # shapes go in page coordinates
        items, drawn_title = without_titles(scene.items)
        heading = xml_safe(title or scene.title or drawn_title)
        if self.options.as_picture:
            self._picture_slide(scene, heading, notes)
            return 1
        if scene.charts:  # training curves: native, editable charts
            from nnviz_core.backends.pptx.charts import draw_charts

            slide, area = self._new_slide(heading)
            draw_charts(slide, area, scene, self.mode)
            write_notes(slide, notes)
            return 1
        slide, area = self._new_slide(heading)
        forget_bounds()
        box = union(b for b in map(bounds, items) if b is not None)
        if box is not None:
            self._draw(slide, Placed(items, fit(box, area)), heading)
        write_notes(slide, notes)
        return 1

    def canvas_width(self, titled: bool = True) -> float:
        """Width in CSS px of the slide canvas a style lays out for to fill this deck's slides."""
        return canvas_width(self.area(titled))

    def area(self, titled: bool) -> Area:
        """Where the diagram may go: inside the margins, below the title if there is one."""
        width, height = int(self.prs.slide_width or 0), int(self.prs.slide_height or 0)
        top = int(MARGIN)
        if titled:
            placeholder = _title_placeholder(self.layout)
            if placeholder is not None and self.templated:
                top = int(placeholder.top or 0) + int(placeholder.height or 0)
            else:
                top = int(MARGIN // 2 + TITLE_HEIGHT)
            top += int(Inches(0.15))
        return Area(int(MARGIN), top, width - 2 * int(MARGIN), height - top - int(MARGIN))

    def _draw(self, slide: Any, part: Placed, heading: str) -> None:
        smallest = smallest_size(part.items)
        place = part.place
        if smallest is not None and place.points(smallest) < MIN_FONT_PT - 0.05:
            name = f"{heading!r}" if heading else "the diagram"
            warnings.warn(
                f"slide {name}: the diagram is too large for readable text on one slide (its "
                f"text is {place.points(smallest):.1f} pt, under {MIN_FONT_PT:g} pt); draw fewer "
                "layers with `depth` or `fold_repeats`, try another style, or use a wider "
                "`slide_size`",
                stacklevel=4,
            )
        render_units(slide.shapes._spTree, plan(part.items), place, self.mode, slide.part)

    def _picture_slide(self, scene: Scene, heading: str, notes: str) -> None:
        """One PNG of the diagram (its drawn title left to the slide), ``dpi`` dots per inch
        of slide, so a picture enlarged to fit stays as sharp as asked."""
        from nnviz_core import registry

        items, _ = without_titles(scene.items)
        slide, area = self._new_slide(heading)
        place = fit((0.0, 0.0, scene.width, scene.height), area)
        sharp = replace(self.options, dpi=min(1200.0, self.options.dpi * place.scale))
        png = registry.backend("png").render(replace(scene, items=items), sharp)
        picture = slide.shapes.add_picture(
            io.BytesIO(png),
            Emu(place.x(0)),
            Emu(place.y(0)),
            Emu(place.length(scene.width)),
            Emu(place.length(scene.height)),
        )
        picture.name = heading or "Diagram"
        write_notes(slide, notes)

    def _new_slide(self, heading: str) -> tuple[Any, Area]:
        slide = self.prs.slides.add_slide(self.layout)
        if self.mode == "dark" or self.options.background == "solid":
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = rgb("bg", self.mode)
        self._title(slide, heading)
        return slide, self.area(bool(heading))

    def _title(self, slide: Any, heading: str) -> None:
        """Fill the title placeholder, or a text box where the master has none."""
        shape = slide.shapes.title
        width = int(self.prs.slide_width or 0)
        if not heading:
            if shape is not None:
                shape._element.getparent().remove(shape._element)
            return
        if shape is None:
            shape = slide.shapes.add_textbox(MARGIN, MARGIN // 2, width - 2 * MARGIN, TITLE_HEIGHT)
        elif not self.templated:
            shape.left, shape.top = MARGIN, MARGIN // 2
            shape.width, shape.height = width - 2 * MARGIN, TITLE_HEIGHT
        shape.text_frame.text = heading
        size = Pt(_title_size(heading, width - 2 * int(MARGIN)))
        # Every run: a title with line breaks ("\nInf") has an empty first paragraph.
        for paragraph in shape.text_frame.paragraphs:
            for run in paragraph.runs:
                if not self.templated:  # a template's master chooses its own title font
                    run.font.size = size
                    run.font.name = font_family()
                if self.mode == "dark" or not self.templated:
                    run.font.color.rgb = rgb("fg", self.mode)

    def to_bytes(self) -> bytes:
        self.prs.core_properties.last_modified_by = "nnviz"
        self.prs.core_properties.revision = 1
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return _stable_zip(buffer.getvalue())


def _title_size(heading: str, width: int) -> float:
    """Title points: the full size if the line fits, smaller (not below 18 pt) if it is long."""
    wide = text_width(heading, TITLE_PT / 0.75) * EMU_PER_PX
    return max(18.0, round(TITLE_PT * min(1.0, width * 0.9 / max(wide, 1.0))))


def _title_layout(prs: Any) -> Any:
    """ "Title Only" if the master has it, else the layout with a title and fewest placeholders."""
    layouts = list(prs.slide_layouts)
    for layout in layouts:
        if layout.name.strip().lower() == "title only":
            return layout
    titled = [lay for lay in layouts if _title_placeholder(lay) is not None]
    pool = titled or layouts
    return min(pool, key=lambda lay: len(lay.placeholders))


def _title_placeholder(layout: Any) -> Any:
    for placeholder in layout.placeholders:
        if placeholder.placeholder_format.type in (
            PP_PLACEHOLDER.TITLE,
            PP_PLACEHOLDER.CENTER_TITLE,
        ):
            return placeholder
    return None


def _drop_slides(prs: Any) -> None:
    while len(prs.slides):
        _delete_last_slide(prs)


def _delete_last_slide(prs: Any) -> None:
    ids = prs.slides._sldIdLst
    last = ids[-1]
    prs.part.drop_rel(last.rId)
    ids.remove(last)


def _stable_zip(data: bytes, workbook: bool = False) -> bytes:
    """The same package with fixed member timestamps, so equal decks are equal bytes.

    Native charts embed a workbook whose core properties carry the time it was written; those
    are fixed too.
    """
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.endswith(".xlsx"):
                content = _stable_zip(content, workbook=True)
            elif workbook and info.filename == "docProps/core.xml":
                content = _WRITTEN_AT.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()


_WRITTEN_AT = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
