"""```` ```nnviz ```` fences for MkDocs and Python-Markdown.

Three ways in, one implementation (:class:`~mkdocs_nnviz.renderer.FenceRenderer`):

* the MkDocs plugin: ``plugins: [nnviz]``;
* the Python-Markdown extension: ``Markdown(extensions=["mkdocs_nnviz"])``;
* the ``pymdownx.superfences`` custom fence: :func:`fence_format` and :func:`fence_validator`.
"""

from mkdocs_nnviz.extension import NnvizExtension, makeExtension
from mkdocs_nnviz.fences import fence_format, fence_validator
from mkdocs_nnviz.renderer import FenceRenderer, Settings

__all__ = [
    "FenceRenderer",
    "NnvizExtension",
    "Settings",
    "fence_format",
    "fence_validator",
    "makeExtension",
]
