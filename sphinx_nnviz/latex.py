"""The LaTeX builder with ``nnviz_latex_format = "tikz"``: diagrams as ``\\input`` TikZ pictures.

The ``.tikz`` picture of each diagram is copied beside the ``.tex`` file Sphinx writes and
``\\input`` there, so its text is set in the document's fonts and the preamble can restyle it
(``\\tikzset{nnviz/convolution/.style=…}``). It is placed as Sphinx places an image:
``:width:``/``:height:`` (and ``:scale:``) size it, ``:align:`` places it, and a picture wider
than the text column is shrunk to fit it, as ``\\sphinxincludegraphics`` does.
"""

from __future__ import annotations

import re
import weakref
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from nnviz_core.hosting import write_atomic

__all__ = ["add_tikz_package", "copy_pictures", "note_picture", "tikz_input"]

_LENGTH = re.compile(r"([0-9]*\.?[0-9]+)\s*([a-z%]*)")
_ALIGN = {
    "center": (r"{\hspace*{\fill}", r"\hspace*{\fill}}"),
    "left": ("{", r"\hspace*{\fill}}"),
    "right": (r"{\hspace*{\fill}", "}"),
}


def add_tikz_package(app: Sphinx, config: Config) -> None:
    """``\\usepackage{tikz}`` in the preamble when diagrams are TikZ (``config-inited``)."""
    if config.nnviz_latex_format == "tikz":
        app.add_latex_package("tikz")


#: The pictures each build's LaTeX inputs, by name, copied beside it when the build ends.
_PICTURES: weakref.WeakKeyDictionary[Any, dict[str, Path]] = weakref.WeakKeyDictionary()


def note_picture(env: Any, source: Path) -> str:
    """Remember a cached picture for the LaTeX folder; the name the document inputs."""
    _PICTURES.setdefault(env, {})[source.name] = source
    return source.name


def copy_pictures(app: Sphinx, exception: Exception | None) -> None:
    """Put the pictures beside the LaTeX document (``build-finished``); unchanged files stay."""
    pictures = _PICTURES.pop(app.env, {})
    if exception is not None:
        return
    for name, source in sorted(pictures.items()):
        target = Path(app.outdir) / name
        data = source.read_bytes()
        if not target.is_file() or target.read_bytes() != data:
            write_atomic(target, data)


def _length(value: str, scale: float) -> str | None:
    """A docutils length as LaTeX, as Sphinx sizes images: ``80%`` of the line, px as
    ``\\sphinxpxdimen``, other units as they are."""
    found = _LENGTH.fullmatch(value.strip())
    if found is None:
        return None
    amount, unit = float(found.group(1)) * scale, found.group(2)
    if unit == "%":
        return f"{amount / 100:g}\\linewidth"
    if unit in ("", "px"):
        return f"{amount:g}\\sphinxpxdimen"
    return f"{amount:g}{unit}"


def _sized(node: nodes.Element) -> str:
    """The commands that place box 0 at the size the directive asked for."""
    scale = float(node.get("scale", 100)) / 100
    width = _length(node["width"], scale) if "width" in node else None
    height = _length(node["height"], scale) if "height" in node else None
    if width or height:
        return f"\\resizebox{{{width or '!'}}}{{{height or '!'}}}{{\\usebox0}}"
    fit = r"\ifdim\wd0>\linewidth\resizebox{\linewidth}{!}{\usebox0}\else\usebox0\fi"
    if scale != 1:
        return f"\\sbox0{{\\scalebox{{{scale:g}}}{{\\usebox0}}}}{fit}"
    return fit


def tikz_input(name: str, node: Any) -> str:
    """The LaTeX that inputs the picture ``name`` where the diagram ``node`` stands."""
    before, after = _ALIGN.get(node.get("align", ""), ("", ""))
    box = f"\\begingroup\\sbox0{{\\input{{{name}}}}}{_sized(node)}\\endgroup"
    return f"\\noindent{before}{box}{after}"
