"""Summary boxes for the non-dense parts, and the finished :class:`~.plan.Plan`.

Nodes that no column claims are split into connected regions (a collapsed group stays its own
region), and each region becomes one box named after what it holds: "Conv stack", "Embedding +
LSTM stack", or the group's label.
"""

from __future__ import annotations

from dataclasses import replace

from nnviz_core.ir import Category, Graph, Node
from nnviz_core.ir.transforms import levels
from nnviz_core.styles._common import count_text, shape_text

from .elements import Box, Column, Plan
from .options import FcnnOptions
from .panels import find_panels
from .plan import Planner

_WORDS: dict[str, str] = {
    "convolution": "Conv",
    "upsampling": "Conv",
    "attention": "Attention",
    "embedding": "Embedding",
}
#: The category that colours a box: the first of these among its layers.
_BOX_COLOURS: tuple[Category, ...] = (
    "attention",
    "recurrent",
    "convolution",
    "upsampling",
    "embedding",
    "custom",
    "pooling",
    "dense",
)
_SIZE_KEEPING = ("activation", "dropout", "normalization", "reshape", "merge", "input", "output")


def make_plan(graph: Graph, options: FcnnOptions) -> Plan:
    """Analyse ``graph`` into columns, boxes and links (raises if it has no dense layer)."""
    planner = Planner(graph, options)
    columns, links = planner.run()
    boxes, box_of = _regions(graph, planner, options)
    for source, target in _box_links(graph, planner, box_of):
        links[(source, target)] = None
    finished = _finish_columns(graph, planner, columns, links)
    index = {node.id: position for position, node in enumerate(graph.nodes)}
    keys = {box.id: (index[box.nodes[0]], 0) for box in boxes.values()}
    keys.update({c.id: (index[c.node], 1 if c.kind == "input" else 2) for c in finished.values()})
    columns_in_order = tuple(sorted(finished.values(), key=lambda c: keys[c.id]))
    order = tuple(sorted(keys, key=lambda element: keys[element]))
    panels = find_panels(graph, columns_in_order, bool(options.fold_repeats))
    return Plan(columns_in_order, tuple(boxes.values()), tuple(links), order, panels)


def _collapse_key(graph: Graph, node: Node, options: FcnnOptions) -> str:
    """The group a node is drawn inside of at ``depth`` (its level there), or none."""
    nested = levels(graph, node)
    if options.depth is not None and len(nested) > options.depth:
        return nested[options.depth].id
    return ""


def _regions(
    graph: Graph, planner: Planner, options: FcnnOptions
) -> tuple[dict[str, Box], dict[str, str]]:
    """Boxes keyed by id, and the box id of every node inside one."""
    free = [n for n in graph.nodes if not planner.element_of(n.id)]
    keys = {n.id: _collapse_key(graph, n, options) for n in free}
    alike = _alike_edges(graph, planner, set(keys))
    parent = {n.id: n.id for n in free}

    def find(node_id: str) -> str:
        while parent[node_id] != node_id:
            parent[node_id] = parent[parent[node_id]]
            node_id = parent[node_id]
        return node_id

    for edge in graph.edges:
        if (edge.source, edge.target) in alike and keys[edge.source] == keys[edge.target]:
            parent[find(edge.target)] = find(edge.source)
    for cycle in _cycles(graph, {n.id: find(n.id) for n in free}):
        for root in cycle[1:]:  # boxes feeding each other around a collapsed group: one box
            parent[find(root)] = find(cycle[0])
    members: dict[str, list[Node]] = {}
    for node in free:
        members.setdefault(find(node.id), []).append(node)
    boxes: dict[str, Box] = {}
    box_of: dict[str, str] = {}
    for nodes in members.values():
        shared = {keys[node.id] for node in nodes}
        box = _box(graph, nodes, shared.pop() if len(shared) == 1 else "")
        boxes[box.id] = box
        box_of.update({node.id: box.id for node in nodes})
    return boxes, box_of


def _cycles(graph: Graph, root: dict[str, str]) -> list[list[str]]:
    """The sets of would-be boxes (by root node) that feed each other in a circle.

    Nodes left out of a collapsed group on both of its sides (a residual add around attention
    drawn as one box) join one box that both feeds that group's box and is fed by it; such
    boxes must become one, or the drawing's links are circular. Strongly connected components
    of the box graph, found iteratively (Kosaraju) so deep graphs need no recursion.
    """
    links: dict[str, set[str]] = {box: set() for box in set(root.values())}
    back: dict[str, set[str]] = {box: set() for box in links}
    for edge in graph.edges:
        source, target = root.get(edge.source), root.get(edge.target)
        if source is not None and target is not None and source != target:
            links[source].add(target)
            back[target].add(source)
    finished: list[str] = []
    seen: set[str] = set()
    for start in sorted(links):
        if start in seen:
            continue
        seen.add(start)
        stack = [(start, iter(sorted(links[start])))]
        while stack:
            box, pending = stack[-1]
            following = next((b for b in pending if b not in seen), None)
            if following is None:
                finished.append(box)
                stack.pop()
            else:
                seen.add(following)
                stack.append((following, iter(sorted(links[following]))))
    assigned: set[str] = set()
    found: list[list[str]] = []
    for start in reversed(finished):
        if start in assigned:
            continue
        component, todo = [], [start]
        assigned.add(start)
        while todo:
            box = todo.pop()
            component.append(box)
            for source in back[box] - assigned:
                assigned.add(source)
                todo.append(source)
        if len(component) > 1:
            found.append(sorted(component))
    return found


def _alike_edges(graph: Graph, planner: Planner, free: set[str]) -> set[tuple[str, str]]:
    """Edges between two free nodes that are downstream of the same columns.

    Boxes only join such nodes, so a box never both feeds a column and hangs off it (which
    would make the drawing's links circular). The columns above a node are a bit set (an
    int), the union of its predecessors' sets and columns; a node's set is dropped once its
    last successor has read it, so memory stays that of the widest frontier.
    """
    bit: dict[str, int] = {}
    above: dict[str, int] = {}
    unread = {node.id: len(set(graph.successors(node.id))) for node in graph.nodes}
    alike: set[tuple[str, str]] = set()
    for node in graph.nodes:
        found = 0
        predecessors = graph.predecessors(node.id)
        for pred in predecessors:
            found |= above[pred]
            for element in planner.element_of(pred):
                found |= 1 << bit.setdefault(element, len(bit))
        above[node.id] = found
        if node.id in free:
            alike.update((pred, node.id) for pred in predecessors if above[pred] == found)
        for pred in set(predecessors):
            unread[pred] -= 1
            if not unread[pred]:
                del above[pred]
    return {(source, target) for source, target in alike if source in free}


def _box(graph: Graph, nodes: list[Node], key: str) -> Box:
    layers = [node for node in nodes if node.category != "input"]
    present = {node.category for node in layers}
    category: Category = next((c for c in _BOX_COLOURS if c in present), "custom")
    title = graph.group(key).label if key else _title(layers)
    lines = [
        f"input {shape_text(node.output, graph.layout)}"
        for node in nodes
        if node.output and node.category == "input"
    ]
    params = sum(node.params for node in layers)
    detail = f"{len(layers)} layer{'s' if len(layers) != 1 else ''}"
    lines.append(detail + (f" · {count_text(params)} params" if params else ""))
    last = nodes[-1].output
    output = shape_text(last, graph.layout) if last else ""
    ids = tuple(node.id for node in nodes)
    return Box(f"box:{nodes[0].id}", ids, title, tuple(lines), category, output)


def _title(layers: list[Node]) -> str:
    heavy = [node for node in layers if node.category not in _SIZE_KEEPING]
    if len(heavy) == 1:
        node = heavy[0]
        return node.display.label or node.op.replace("_", " ").capitalize()
    words: list[str] = []
    for node in heavy:
        word = _WORDS.get(node.category)
        if node.category == "recurrent":
            word = node.op.upper().replace("SIMPLE_", "")
        elif node.category == "custom":
            word = node.display.label or node.op
        if word and word not in words:
            words.append(word)
    if not words:
        pooling = any(node.category == "pooling" for node in heavy)
        words = ["Pooling" if pooling else "Dense" if heavy else "Layers"]
    return " + ".join(words) + (" stack" if heavy else "")


def _box_links(graph: Graph, planner: Planner, box_of: dict[str, str]) -> list[tuple[str, str]]:
    found: dict[tuple[str, str], None] = {}
    for edge in graph.edges:
        target_box = box_of.get(edge.target)
        if target_box is None:
            continue
        source_box = box_of.get(edge.source)
        if source_box is not None and source_box != target_box:
            found[(source_box, target_box)] = None
        for element in planner.element_of(edge.source):
            found[(element, target_box)] = None
    for column in planner.columns.values():
        if column.kind == "features":
            found[(box_of[column.node], column.id)] = None
    return list(found)


def _finish_columns(
    graph: Graph,
    planner: Planner,
    columns: dict[str, Column],
    links: dict[tuple[str, str], None],
) -> dict[str, Column]:
    """Output kinds, absorbed activations, feature colours and input titles."""
    sources = {source for source, _ in links}
    inputs = [c for c in columns.values() if c.kind == "input"]
    folded: dict[str, list[str]] = {}
    for node_id, elements in planner.covered.items():
        if len(elements) == 1:
            folded.setdefault(elements[0], []).append(node_id)
    finished: dict[str, Column] = {}
    for column in columns.values():
        if column.kind == "hidden" and column.id not in sources:
            column = replace(column, kind="output")
            if column.title == "Hidden Layer":
                column = replace(column, title="Output Layer")
        elif column.kind == "features":
            column = replace(column, category=_feature_category(graph.node(column.node)))
        elif column.kind == "input" and len(inputs) == 1:
            node = graph.node(column.node)
            label = node.display.label if node.category == "input" else None
            column = replace(column, title=label or "Input Layer")
        column = _with_folded_layers(graph, folded.get(column.id, []), column)
        finished[column.id] = column
    return finished


def _feature_category(node: Node) -> Category:
    """Features are coloured as what makes them, not as the box they leave: a map flattened
    into a vector is a reshape; a vector already (global pooling, a last state) is its layer's."""
    output = node.output
    return "reshape" if output is not None and output.rank > 1 else node.category


def _with_folded_layers(graph: Graph, folded: list[str], column: Column) -> Column:
    """Name what was folded into a column (``folded``: those nodes, in the planner's order):
    its activation, dropout, normalisation, reshape."""
    activation, extras, note = column.activation, list(column.extras), column.note
    for node_id in folded:
        node, output = graph.node(node_id), graph.node(node_id).output
        if node.category == "activation" and activation is None:
            activation = node.activation or node.op
        elif node.category == "dropout":
            rate = node.attrs.get("rate")
            extras.append(f"dropout {rate:g}" if isinstance(rate, float) else "dropout")
        elif node.category == "normalization":
            extras.append(node.op.replace("_", " "))
        elif node.category == "reshape" and output and output.rank > 1 and note is None:
            note = f"→ {shape_text(output, graph.layout)}"
    return replace(column, activation=activation, extras=tuple(extras), note=note)
