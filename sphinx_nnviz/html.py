"""The HTML of an inline diagram in a Sphinx page (made by :mod:`nnviz_core.hosting`)."""

from nnviz_core.hosting import directive_html as inline_svg

__all__ = ["inline_svg"]
