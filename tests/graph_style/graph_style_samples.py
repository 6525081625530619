"""Hand-built graphs for the graph style and transform tests (no YAML loader needed)."""

from __future__ import annotations

import itertools

import scene_checks

from nnviz_core.ir import Display, Edge, Graph, Group, Node, TensorSpec, freeze
from nnviz_core.ir.graph import AttrValue, Category
from nnviz_core.scene import Circle, Rect, Scene, Text, walk


def node(
    node_id: str,
    op: str,
    category: Category,
    shape_in: tuple[int, ...] | None,
    shape_out: tuple[int, ...],
    *,
    params: int = 0,
    group: str | None = None,
    activation: str | None = None,
    display: Display | None = None,
    n_inputs: int = 1,
    **attrs: AttrValue,
) -> Node:
    inputs = (TensorSpec(shape_in),) * n_inputs if shape_in is not None else ()
    return Node(
        id=node_id,
        op=op,
        name=node_id,
        category=category,
        attrs=freeze(attrs),
        inputs=inputs,
        outputs=(TensorSpec(shape_out),),
        params=params,
        trainable=True if params else None,
        activation=activation,
        group=group,
        display=display or Display(),
    )


def chain(*ids: str) -> tuple[Edge, ...]:
    return tuple(Edge(a, b) for a, b in itertools.pairwise(ids))


def lenet() -> Graph:
    """LeNet-5, a plain chain."""
    nodes = (
        node("input", "input", "input", None, (1, 32, 32)),
        node(
            "conv1",
            "conv2d",
            "convolution",
            (1, 32, 32),
            (6, 28, 28),
            params=156,
            activation="tanh",
            filters=6,
            kernel=(5, 5),
            strides=(1, 1),
            padding="valid",
        ),
        node(
            "pool1",
            "avgpool2d",
            "pooling",
            (6, 28, 28),
            (6, 14, 14),
            pool_size=(2, 2),
            strides=(2, 2),
        ),
        node(
            "conv2",
            "conv2d",
            "convolution",
            (6, 14, 14),
            (16, 10, 10),
            params=2416,
            activation="tanh",
            filters=16,
            kernel=(5, 5),
        ),
        node("pool2", "avgpool2d", "pooling", (16, 10, 10), (16, 5, 5), pool_size=(2, 2)),
        node("flatten", "flatten", "reshape", (16, 5, 5), (400,)),
        node("fc1", "dense", "dense", (400,), (120,), params=48120, activation="tanh", units=120),
        node("fc2", "dense", "dense", (120,), (84,), params=10164, activation="tanh", units=84),
        node("logits", "dense", "dense", (84,), (10,), params=850, activation="softmax", units=10),
    )
    return Graph("LeNet-5", nodes, chain(*(n.id for n in nodes)))


def _residual(prefix: str, group: str, source: str) -> tuple[list[Node], list[Edge]]:
    shape = (16, 32, 32)
    nodes = [
        node(
            f"{prefix}_conv_a",
            "conv2d",
            "convolution",
            shape,
            shape,
            params=2320,
            group=group,
            filters=16,
            kernel=(3, 3),
            padding="same",
        ),
        node(f"{prefix}_bn", "batchnorm", "normalization", shape, shape, params=64, group=group),
        node(f"{prefix}_relu", "relu", "activation", shape, shape, group=group),
        node(
            f"{prefix}_conv_b",
            "conv2d",
            "convolution",
            shape,
            shape,
            params=2320,
            group=group,
            filters=16,
            kernel=(3, 3),
            padding="same",
        ),
        node(f"{prefix}_add", "add", "merge", shape, shape, group=group, n_inputs=2),
    ]
    ids = [n.id for n in nodes]
    edges = [Edge(source, ids[0]), *chain(*ids[:4]), Edge(ids[3], ids[4]), Edge(source, ids[4])]
    return nodes, edges


def tiny_resnet(count: int = 3) -> Graph:
    """A stem, a residual block repeated ``count`` times (a repeat group), and a head."""
    nodes = [
        node("input", "input", "input", None, (3, 32, 32)),
        node(
            "stem",
            "conv2d",
            "convolution",
            (3, 32, 32),
            (16, 32, 32),
            params=448,
            activation="relu",
            filters=16,
            kernel=(3, 3),
            padding="same",
        ),
    ]
    edges = list(chain("input", "stem"))
    groups = [Group("stage", "repeat", "stage1", count=count)]
    source = "stem"
    for index in range(count):
        groups.append(Group(f"stage.{index}", "iteration", f"#{index + 1}", "stage", index=index))
        more_nodes, more_edges = _residual(f"b{index}", f"stage.{index}", source)
        nodes += more_nodes
        edges += more_edges
        source = more_nodes[-1].id
    nodes += [
        node("gap", "global_avgpool2d", "pooling", (16, 32, 32), (16,)),
        node("head", "dense", "dense", (16,), (10,), params=170, activation="softmax", units=10),
    ]
    edges += [Edge(source, "gap"), Edge("gap", "head")]
    return Graph("Tiny ResNet", tuple(nodes), tuple(edges), tuple(groups))


def nested() -> Graph:
    """Two levels of blocks: encoder ⊃ (down1, down2), then a head outside any group."""
    shape = (8, 16, 16)
    nodes = (
        node("x", "input", "input", None, shape),
        node("d1_conv", "conv2d", "convolution", shape, shape, params=10, group="down1"),
        node("d1_relu", "relu", "activation", shape, shape, group="down1"),
        node("d2_conv", "conv2d", "convolution", shape, shape, params=20, group="down2"),
        node("d2_relu", "relu", "activation", shape, shape, group="down2"),
        node("mid", "batchnorm", "normalization", shape, shape, params=4, group="encoder"),
        node("out", "dense", "dense", shape, (4,), params=6),
    )
    groups = (
        Group("encoder", "block", "Encoder"),
        Group("down1", "block", "Down 1", "encoder"),
        Group("down2", "block", "Down 2", "encoder"),
    )
    return Graph("Nested", nodes, chain(*(n.id for n in nodes)), groups)


def layers(scene: Scene) -> list:
    """The layer groups (cards and merge circles) of a scene."""
    return list(scene_checks.with_role(scene.items, "layer"))


def assert_texts_inside_shapes(scene: Scene) -> None:
    """Each card's text fits its box; a compact merge's symbol fits its circle's square."""
    for group in layers(scene):
        leaves = walk(group.items)
        shape = next(leaf for leaf in leaves if isinstance(leaf, (Rect, Circle)))
        if isinstance(shape, Circle):
            side = shape.r * 2
            shape = Rect(shape.cx - shape.r, shape.cy - shape.r, side, side)
        for leaf in leaves:
            if isinstance(leaf, Text):
                scene_checks.assert_text_fits(leaf, shape, padding=2.0)
