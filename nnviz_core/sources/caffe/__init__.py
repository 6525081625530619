"""Caffe ``.prototxt`` nets as diagram input, with no dependency (netscope parity).

>>> from nnviz_core.sources.caffe import load_prototxt_text
>>> graph = load_prototxt_text('input: "data" input_shape { dim: 1 dim: 1 dim: 28 dim: 28 }')
>>> graph.nodes[0].outputs[0].shape
(1, 28, 28)
"""

from __future__ import annotations

import os
from pathlib import Path

from nnviz_core.errors import SourceError
from nnviz_core.ir import Graph
from nnviz_core.sources.caffe.net import NetBuilder
from nnviz_core.sources.caffe.text_format import parse

__all__ = ["load_prototxt", "load_prototxt_text"]


def load_prototxt(path: str | os.PathLike[str]) -> Graph:
    """The net in a ``.prototxt`` file; errors point at ``file:line:column``."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(f"{file}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(f"{file}: cannot read the prototxt: {error}") from None
    return load_prototxt_text(text, str(file))


def load_prototxt_text(text: str, filename: str = "<string>") -> Graph:
    """The net described by prototxt ``text``; ``filename`` names it in error messages."""
    net = parse(text, filename)
    default = Path(filename).stem if not filename.startswith("<") else "Caffe net"
    name = net.scalar("name", default)
    return NetBuilder(net, str(name), filename).build()
