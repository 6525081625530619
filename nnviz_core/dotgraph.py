"""A Graphviz graph as plain data, and its DOT text written two ways.

A Graphviz-based style builds one :class:`DotGraph` and keeps it in ``Scene.dot``. It is written
:func:`for_layout` for the engine — only what can move a node or an edge: sizes, shapes, clusters,
edges and their weights — and :func:`full` for the ``dot`` format and ``to_dot``, which render
sensibly on their own (``dot -Tsvg``) with card text and colours. Both write the same statements
in the same order, so Graphviz places them alike; the full text is written only when asked for,
and so are node labels and colours: a node keeps its style's record (``source``), and the graph's
``paint`` turns it into them only for :func:`full` (a render never pays for text it never writes).

Names are positional IDs (``n0``, ``cluster_c0``) that never need quotes; values are quoted as
pydot quotes them, so the text equals what pydot writes for the same graph.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

__all__ = [
    "Attrs",
    "DotCluster",
    "DotEdge",
    "DotGraph",
    "DotNode",
    "Layered",
    "NodePaint",
    "for_layout",
    "full",
    "quote",
]

#: DOT attributes by name, in the order they are written.
Attrs = dict[str, str]


class DotNode(NamedTuple):
    """A fixed-size node; ``source`` is what :attr:`DotGraph.paint` paints it from.

    A named tuple: a large graph has thousands, and tuples build fastest.
    """

    name: str
    shape: str
    width: str
    height: str
    source: object
    #: Graphviz ``group``: edges between nodes of one group are kept straight (the main line).
    group: str = ""


class NodePaint(NamedTuple):
    """What only paints a stand-alone render of a node: its text and light-theme colours."""

    label: str
    fill: str
    stroke: str


class DotEdge(NamedTuple):
    tail: str
    head: str
    weight: int


@dataclass(frozen=True)
class DotCluster:
    """A labelled box: its attributes (all of which shape the layout), nested clusters, nodes."""

    name: str
    attrs: Attrs
    clusters: tuple[DotCluster, ...]
    nodes: tuple[DotNode, ...]


@dataclass(frozen=True)
class Layered:
    """Attributes that shape the layout, and those written only in the full text (after them)."""

    layout: Attrs
    paint: Attrs

    def everything(self) -> Attrs:
        return {**self.layout, **self.paint}


@dataclass(frozen=True)
class DotGraph:
    """A directed graph: its attributes, node and edge defaults, then its clusters, the nodes
    outside them, and the edges; ``paint`` gives a node's label and colours from its source."""

    name: str
    attrs: Layered
    node_defaults: Layered
    edge_defaults: Layered
    clusters: tuple[DotCluster, ...]
    nodes: tuple[DotNode, ...]
    edges: tuple[DotEdge, ...]
    paint: Callable[[object], NodePaint]


def full(dot: DotGraph) -> str:
    """The whole DOT text, as the ``dot`` format writes it and pydot would."""

    def node(item: DotNode) -> str:
        label, fill, stroke = dot.paint(item.source)
        return (
            f"{item.name} [label={quote(label)}, shape={item.shape}, "
            f"width={item.width}, height={item.height}{_group(item)}, "
            f"fillcolor={quote(fill)}, color={quote(stroke)}];"
        )

    lines = _head(dot.name, dot.attrs.everything(), dot.node_defaults, dot.edge_defaults, True)
    _body(dot.clusters, dot.nodes, node, lines)
    return _tail(dot.edges, lines)


def for_layout(dot: DotGraph) -> str:
    """The DOT text the engine reads: the full text without what only paints it.

    Node sizes are fixed and cluster labels are boxes of fixed size, so the engine answers the
    same positions and routes as for :func:`full`, with less to read and echo back.
    """

    def node(item: DotNode) -> str:
        return (
            f"{item.name} [shape={item.shape}, width={item.width}, "
            f"height={item.height}{_group(item)}];"
        )

    lines = _head(dot.name, dot.attrs.layout, dot.node_defaults, dot.edge_defaults, False)
    _body(dot.clusters, dot.nodes, node, lines)
    return _tail(dot.edges, lines)


def _group(item: DotNode) -> str:
    return f", group={item.group}" if item.group else ""


def _head(name: str, attrs: Attrs, nodes: Layered, edges: Layered, painted: bool) -> list[str]:
    node_attrs = nodes.everything() if painted else nodes.layout
    edge_attrs = edges.everything() if painted else edges.layout
    return [
        f"digraph {name} {{",
        *attribute_lines(attrs),
        f"node {attribute_list(node_attrs)};",
        f"edge {attribute_list(edge_attrs)};",
    ]


def _body(
    clusters: tuple[DotCluster, ...],
    nodes: tuple[DotNode, ...],
    node: Callable[[DotNode], str],
    lines: list[str],
) -> None:
    """Clusters (each with its own body), then the nodes outside them."""
    for cluster in clusters:
        lines.append(f"subgraph cluster_{cluster.name} {{")
        lines += attribute_lines(cluster.attrs)
        _body(cluster.clusters, cluster.nodes, node, lines)
        lines.append("}")
    lines += map(node, nodes)


def _tail(edges: tuple[DotEdge, ...], lines: list[str]) -> str:
    lines += [f"{edge.tail} -> {edge.head} [weight={edge.weight}];" for edge in edges]
    lines.append("}\n")
    return "\n".join(lines)


def attribute_lines(attrs: Attrs) -> list[str]:
    return [f"{key}={quote(value)};" for key, value in attrs.items()]


def attribute_list(attrs: Attrs) -> str:
    return "[" + ", ".join([f"{key}={quote(value)}" for key, value in attrs.items()]) + "]"


_KEYWORDS = frozenset({"graph", "subgraph", "digraph", "node", "edge", "strict"})
#: Values pydot leaves bare besides IDs: numbers, double-quoted strings and HTML labels.
_NUMBER = re.compile(r"^([0-9]+\.?[0-9]*|[0-9]*\.[0-9]+)$")
_QUOTED = re.compile(r'^".*"$', re.S)
_HTML = re.compile(r"^<.*>$", re.S)


def quote(value: str) -> str:
    """An attribute value as pydot writes it: bare when DOT reads it as one ID, else quoted.

    An empty value is ``""``, as in pydot.
    """
    if not value:
        return '""'
    if value.lower() in _KEYWORDS:
        return _quoted(value)
    if value.isalnum():  # digits alone, or letters and digits not starting with a digit
        return _quoted(value) if value[0].isdigit() and not value.isdigit() else value
    marked = _QUOTED.match(value) or _HTML.match(value)
    if marked or _NUMBER.match(value):
        return value
    return _quoted(value)


def _quoted(text: str) -> str:
    """A double-quoted DOT string, escaping quotes and line breaks as pydot does."""
    escaped = text.replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'
