"""DOT as plain data, and its text: written directly, byte for byte as pydot writes it.

Building pydot objects costs more than the rest of the graph style's preparation, and only
``to_dot`` callers need them, so :func:`dot_source` writes the text itself and :func:`to_pydot`
builds the objects on demand. Names are positional IDs that never need quotes; values are quoted
as pydot quotes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

import pydot

__all__ = [
    "Attrs",
    "DotGraph",
    "DotScope",
    "attribute_lines",
    "attribute_list",
    "dot_source",
    "to_pydot",
]

#: DOT attributes by name, in the order they are written.
Attrs = dict[str, str]
_Element = TypeVar("_Element", bound=pydot.Common)


@dataclass
class DotScope:
    """The body of the graph or of one cluster: its attributes, nested clusters and nodes."""

    name: str
    attrs: Attrs
    clusters: list[DotScope] = field(default_factory=list)
    nodes: list[tuple[str, Attrs]] = field(default_factory=list)


@dataclass(frozen=True)
class DotGraph:
    """The DOT graph as plain data, written by two emitters: :func:`dot_source` writes the text
    directly and :func:`to_pydot` builds the ``pydot.Dot`` that ``to_dot`` returns (both write
    the same bytes)."""

    body: DotScope
    node_defaults: Attrs
    edge_defaults: Attrs
    edges: list[tuple[str, str, Attrs]]


def to_pydot(dot: DotGraph) -> pydot.Dot:
    """The graph as a ``pydot.Dot`` (what ``to_dot`` returns); its text is :func:`dot_source`'s."""
    built = pydot.Dot(dot.body.name, graph_type="digraph", **dot.body.attrs)
    built.set_node_defaults(**dot.node_defaults)
    built.set_edge_defaults(**dot.edge_defaults)
    _add_scope(built, dot.body)
    for source, target, attrs in dot.edges:
        built.add_edge(_with_attributes(pydot.Edge(source, target), attrs))
    return built


def _add_scope(holder: pydot.Graph, scope: DotScope) -> None:
    for cluster in scope.clusters:
        sub = _with_attributes(pydot.Cluster(cluster.name), cluster.attrs)
        # pydot annotates add_subgraph with Subgraph, but Cluster is its documented argument too.
        holder.add_subgraph(sub)  # type: ignore[arg-type]
        _add_scope(sub, cluster)
    for name, attrs in scope.nodes:
        holder.add_node(_with_attributes(pydot.Node(name), attrs))


def _with_attributes(element: _Element, attrs: Attrs) -> _Element:
    """Attributes set one by one: pydot's constructors mix them with typed keyword parameters."""
    for key, value in attrs.items():
        element.set(key, value)
    return element


def dot_source(dot: DotGraph) -> str:
    """The text ``to_pydot(dot).to_string()`` returns, written directly in a tenth of the time.

    Names are positional IDs that never need quotes; values are quoted as pydot quotes them.
    """
    lines = [f"digraph {dot.body.name} {{", *attribute_lines(dot.body.attrs)]
    lines.append(f"node {attribute_list(dot.node_defaults)};")
    lines.append(f"edge {attribute_list(dot.edge_defaults)};")
    _scope_lines(dot.body, lines)
    lines += [
        f"{source} -> {target} {attribute_list(attrs)};" for source, target, attrs in dot.edges
    ]
    lines.append("}\n")
    return "\n".join(lines)


def _scope_lines(scope: DotScope, lines: list[str]) -> None:
    """A body's clusters, then its nodes: the order they were added to pydot in."""
    for cluster in scope.clusters:
        lines.append(f"subgraph cluster_{cluster.name} {{")
        lines += attribute_lines(cluster.attrs)
        _scope_lines(cluster, lines)
        lines.append("}")
    lines += [f"{name} {attribute_list(attrs)};" for name, attrs in scope.nodes]


def attribute_lines(attrs: Attrs) -> list[str]:
    return [f"{key}={_quote(value)};" for key, value in attrs.items()]


def attribute_list(attrs: Attrs) -> str:
    return "[" + ", ".join([f"{key}={_quote(value)}" for key, value in attrs.items()]) + "]"


def _quote(value: str) -> str:
    """An attribute value as pydot writes it.

    A value ending in ``\\l`` (every plain-text card label) is never a bare ID, number or HTML
    string, so pydot always quotes it; escaping it here spares pydot's per-character scan.
    """
    if value.endswith("\\l"):
        return _quoted(value)
    return _quote_short(value)


@lru_cache(maxsize=1024)
def _quote_short(value: str) -> str:
    """pydot's own quoting, memoised: sizes, colours, shapes and symbols repeat across cards.

    An empty value becomes ``""`` first, as pydot does before quoting.
    """
    return str(pydot.quote_attr_if_necessary(value or '""'))


def _quoted(text: str) -> str:
    """A double-quoted DOT string, escaping quotes and line breaks the way pydot does."""
    escaped = text.replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'
