"""Plots as native PowerPoint charts, so the numbers of training curves stay editable.

A Scene with :class:`~nnviz_core.scene.Chart` data (training-history figures) is placed like any
diagram, but each chart's drawn Group is replaced by an XY scatter-with-lines chart at the same
place, coloured with the same theme tokens; gaps (NaN) stay gaps, log axes stay logarithmic.
Everything else (title, legend, notes) is drawn as ordinary shapes. Text set through python-pptx
(series names, titles) drops the characters XML cannot carry, as the shapes do.
"""

from __future__ import annotations

import math
from typing import Any

from pptx.chart.data import XyChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE
from pptx.oxml.ns import qn
from pptx.util import Pt

from nnviz_core.backends.pptx.arrange import Area, fit
from nnviz_core.backends.pptx.geometry import Placement
from nnviz_core.backends.pptx.layers import plan, render_units
from nnviz_core.backends.pptx.shapes import xml_safe
from nnviz_core.backends.pptx.slide_parts import rgb, without_titles
from nnviz_core.scene import Chart, Group, Item, Scene
from nnviz_core.text import font_family
from nnviz_core.theme import ThemeMode, active

#: Font sizes of the chart, in scene pixels (as the SVG draws its tick labels and panel titles).
TICK_PX = 10.0
TITLE_PX = 12.0


def without_charts(items: tuple[Item, ...], layers: set[str]) -> tuple[Item, ...]:
    """The items minus the Groups that draw a chart (the native chart replaces them)."""
    return tuple(item for item in items if not (isinstance(item, Group) and item.layer in layers))


def _data(chart: Chart) -> XyChartData:
    data = XyChartData()  # type: ignore[no-untyped-call]
    for series in chart.series:
        entry = data.add_series(xml_safe(series.name))  # type: ignore[no-untyped-call]
        for x, y in zip(series.x, series.y, strict=True):
            entry.add_data_point(x, y)
    return data


def _style_series(plot: Any, chart: Chart, mode: ThemeMode, place: Placement) -> None:
    for drawn, series in zip(plot.series, chart.series, strict=True):
        line = drawn.format.line
        line.color.rgb = rgb(series.paint, mode)
        line.width = Pt(max(0.75, place.points(1.2 if series.name.endswith("(raw)") else 1.8)))
        dash = dict(active().dashes).get(series.paint)
        if dash:  # the theme dashes this series (print): PowerPoint's nearest preset
            line.dash_style = MSO_LINE.ROUND_DOT if dash[0] <= 2 else MSO_LINE.DASH
        drawn.smooth = False
        if series.marker:  # one point: no line to hide (hiding it hides the ring in Impress)
            drawn.marker.style = XL_MARKER_STYLE.CIRCLE
            drawn.marker.size = max(3, round(place.points(9)))
            drawn.marker.format.fill.solid()
            drawn.marker.format.fill.fore_color.rgb = rgb("bg", mode)
            drawn.marker.format.line.color.rgb = rgb(series.paint, mode)
            _label_point(drawn, series.name, series.paint, mode, place)
        else:
            drawn.marker.style = XL_MARKER_STYLE.NONE


def _text(frame: Any, text: str) -> Any:
    """Set a frame's text and return the font of its first run, which an empty text (a metric
    named "" or only control characters) does not have until one is added."""
    frame.text = xml_safe(text)
    paragraph = frame.paragraphs[0]
    return (paragraph.runs or [paragraph.add_run()])[0].font


def _label_point(drawn: Any, label: str, paint: str, mode: ThemeMode, place: Placement) -> None:
    data_label = drawn.points[0].data_label
    data_label.position = XL_LABEL_POSITION.ABOVE
    font = _text(data_label.text_frame, label)
    font.size, font.name = Pt(place.points(TICK_PX)), font_family()
    font.color.rgb = rgb(paint, mode)


def _style_axis(axis: Any, title: str, mode: ThemeMode, place: Placement) -> None:
    axis.has_title = True
    font = _text(axis.axis_title.text_frame, title)
    font.size, font.bold, font.name = Pt(place.points(TICK_PX)), False, font_family()
    font.color.rgb = rgb("muted", mode)
    axis.tick_labels.font.size = Pt(place.points(TICK_PX))
    axis.tick_labels.font.color.rgb = rgb("muted", mode)
    axis.format.line.color.rgb = rgb("plot.axis", mode)
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = rgb("plot.grid", mode)


def _log_scale(axis: Any) -> None:
    """python-pptx has no switch for it: ``<c:logBase val="10"/>`` opens ``<c:scaling>``."""
    scaling = axis._element.find(qn("c:scaling"))
    log_base = scaling.makeelement(qn("c:logBase"), {"val": "10"})
    scaling.insert(0, log_base)


def add_chart(slide: Any, chart: Chart, place: Placement, mode: ThemeMode) -> Any:
    """One native chart where the Scene drew the panel."""
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.XY_SCATTER_LINES_NO_MARKERS,
        place.x(chart.x),
        place.y(chart.y),
        place.length(chart.width),
        place.length(chart.height),
        _data(chart),
    )
    title = xml_safe(chart.title)
    frame.name = f"{title} chart"
    plot_chart = frame.chart
    plot_chart.font.name = font_family()
    plot_chart.has_legend = False  # the figure's own legend names the colours once
    plot_chart.has_title = True
    title_font = _text(plot_chart.chart_title.text_frame, title[:1].upper() + title[1:])
    title_font.size, title_font.bold = Pt(place.points(TITLE_PX)), True
    title_font.color.rgb = rgb("fg", mode)
    _style_series(plot_chart.plots[0], chart, mode, place)
    x_axis, y_axis = plot_chart.category_axis, plot_chart.value_axis
    _style_axis(x_axis, chart.x_title, mode, place)
    _style_axis(y_axis, chart.y_title, mode, place)
    xs = [x for series in chart.series for x in series.x]
    if xs:
        x_axis.minimum_scale, x_axis.maximum_scale = min(xs), max(xs)
    if chart.log_y:
        _log_scale(y_axis)
    else:
        _value_scale(y_axis, chart)
    return frame


def _value_scale(axis: Any, chart: Chart) -> None:
    """The SVG's tick step and number format; the range is the SVG's widened to whole steps
    (a chart ticks from its minimum), so a ratio still stays within 0–1."""
    ticks = chart.y_ticks
    if chart.y_range is None or len(ticks) < 2:
        return
    step = ticks[1] - ticks[0]
    low, high = chart.y_range
    axis.minimum_scale = math.floor(low / step + 1e-9) * step
    axis.maximum_scale = math.ceil(high / step - 1e-9) * step
    axis.major_unit = step
    largest = max(abs(tick) for tick in ticks)
    if largest >= 1e7 or largest < 1e-2:
        axis.tick_labels.number_format = "0.00E+0"
    else:
        decimals = max(0, -math.floor(math.log10(step) + 1e-9))
        axis.tick_labels.number_format = "#,##0" + ("." + "0" * decimals if decimals else "")
    axis.tick_labels.number_format_is_linked = False


def draw_charts(slide: Any, area: Area, scene: Scene, mode: ThemeMode) -> None:
    """The scene's shapes fitted into ``area`` of ``slide``, each chart drawn natively."""
    items, _ = without_titles(scene.items)
    rest = without_charts(items, {chart.layer for chart in scene.charts})
    place = fit((0.0, 0.0, scene.width, scene.height), area)
    if rest:
        render_units(slide.shapes._spTree, plan(rest), place, mode, slide.part)
    for chart in scene.charts:
        add_chart(slide, chart, place, mode)
