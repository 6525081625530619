"""The HTML a fence becomes: the inline SVG in a figure, or a visible error box (made by
:mod:`nnviz_core.hosting`, which draws the same block for every Markdown host)."""

from nnviz_core.hosting import error_html, figure_html, inline_svg

__all__ = ["error_html", "figure_html", "inline_svg"]
