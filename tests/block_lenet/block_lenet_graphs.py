"""Hand-built graphs for the tensor-style tests: a LeNet, a residual chain, Inception, a U-Net."""

from __future__ import annotations

from collections.abc import Callable

from nnviz_core.ir import Edge, Graph, Group, Node, TensorSpec
from nnviz_core.ir.graph import AttrValue, Category, freeze


class Builder:
    """Appends layers; each takes the previous one unless ``inputs`` says otherwise."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []
        self.groups: list[Group] = []

    def add(
        self,
        op: str,
        category: Category,
        shape: tuple[int, ...],
        inputs: tuple[str, ...] | None = None,
        group: str | None = None,
        **attrs: AttrValue,
    ) -> str:
        node_id = f"n{len(self.nodes)}"
        sources = inputs if inputs is not None else ((self.nodes[-1].id,) if self.nodes else ())
        self.nodes.append(
            Node(
                node_id,
                op,
                f"{op}_{len(self.nodes)}",
                category,
                freeze(attrs),
                outputs=(TensorSpec(shape),),
                group=group,
            )
        )
        self.edges += [Edge(source, node_id) for source in sources]
        return node_id

    def graph(self) -> Graph:
        return Graph(self.name, tuple(self.nodes), tuple(self.edges), tuple(self.groups))


def lenet() -> Graph:
    b = Builder("LeNet-5")
    b.add("input", "input", (1, 32, 32))
    b.add("conv2d", "convolution", (6, 28, 28), filters=6, kernel=5)
    b.add("tanh", "activation", (6, 28, 28))
    b.add("avgpool2d", "pooling", (6, 14, 14), pool_size=2)
    b.add("conv2d", "convolution", (16, 10, 10), filters=16, kernel=5)
    b.add("avgpool2d", "pooling", (16, 5, 5), pool_size=2)
    b.add("flatten", "reshape", (400,))
    b.add("dense", "dense", (120,), units=120)
    b.add("dense", "dense", (84,), units=84)
    b.add("dense", "dense", (10,), units=10)
    return b.graph()


def _basic(b: Builder, channels: int, size: int, group: str | None = None) -> str:
    start = b.nodes[-1].id
    shape = (channels, size, size)
    b.add("conv2d", "convolution", shape, group=group, filters=channels, kernel=3)
    b.add("batchnorm", "normalization", shape, group=group)
    b.add("relu", "activation", shape, group=group)
    b.add("conv2d", "convolution", shape, group=group, filters=channels, kernel=3)
    main = b.add("batchnorm", "normalization", shape, group=group)
    b.add("add", "merge", shape, (start, main), group=group)
    return b.add("relu", "activation", shape, group=group)


def resnet(repeat: bool = False) -> Graph:
    """A stem, two basic blocks (a repeat of two when ``repeat``), a downsample block, a head."""
    b = Builder("Residual chain")
    b.add("input", "input", (3, 64, 64))
    b.add("conv2d", "convolution", (32, 32, 32), filters=32, kernel=7, strides=2)
    b.add("relu", "activation", (32, 32, 32))
    if repeat:
        b.groups += [Group("r", "repeat", "stage 1", count=2)]
        b.groups += [Group(f"r.{i}", "iteration", f"#{i}", parent="r", index=i) for i in range(2)]
    for i in range(2):
        _basic(b, 32, 32, group=f"r.{i}" if repeat else None)
    start = b.nodes[-1].id
    b.add("conv2d", "convolution", (64, 16, 16), filters=64, kernel=3, strides=2)
    b.add("batchnorm", "normalization", (64, 16, 16))
    b.add("relu", "activation", (64, 16, 16))
    b.add("conv2d", "convolution", (64, 16, 16), filters=64, kernel=3)
    main = b.add("batchnorm", "normalization", (64, 16, 16))
    b.add("conv2d", "convolution", (64, 16, 16), (start,), filters=64, kernel=1, strides=2)
    short = b.add("batchnorm", "normalization", (64, 16, 16))
    b.add("add", "merge", (64, 16, 16), (main, short))
    b.add("relu", "activation", (64, 16, 16))
    b.add("global_avgpool2d", "pooling", (64,))
    b.add("dense", "dense", (10,), units=10)
    return b.graph()


def inception() -> Graph:
    b = Builder("Inception module")
    x = b.add("input", "input", (192, 28, 28))
    one = b.add("conv2d", "convolution", (64, 28, 28), (x,), filters=64, kernel=1)
    b.add("conv2d", "convolution", (96, 28, 28), (x,), filters=96, kernel=1)
    three = b.add("conv2d", "convolution", (128, 28, 28), filters=128, kernel=3)
    b.add("conv2d", "convolution", (16, 28, 28), (x,), filters=16, kernel=1)
    five = b.add("conv2d", "convolution", (32, 28, 28), filters=32, kernel=5)
    b.add("maxpool2d", "pooling", (192, 28, 28), (x,), pool_size=3)
    proj = b.add("conv2d", "convolution", (32, 28, 28), filters=32, kernel=1)
    b.add("concat", "merge", (256, 28, 28), (one, three, five, proj))
    return b.graph()


def unet() -> Graph:
    b = Builder("U-Net (small)")
    b.add("input", "input", (1, 128, 128))
    skips: list[str] = []
    size, channels = 128, 32
    for _ in range(3):
        skips.append(
            b.add("conv2d", "convolution", (channels, size, size), filters=channels, kernel=3)
        )
        size //= 2
        b.add("maxpool2d", "pooling", (channels, size, size), pool_size=2)
        channels *= 2
    b.add("conv2d", "convolution", (channels, size, size), filters=channels, kernel=3)
    for skip in reversed(skips):
        size *= 2
        channels //= 2
        up = b.add(
            "conv2d_transpose",
            "upsampling",
            (channels, size, size),
            filters=channels,
            kernel=2,
            strides=2,
        )
        b.add("concat", "merge", (channels * 2, size, size), (skip, up))
        b.add("conv2d", "convolution", (channels, size, size), filters=channels, kernel=3)
    b.add("conv2d", "convolution", (1, 128, 128), filters=1, kernel=1)
    return b.graph()


def chain(layers: int) -> Graph:
    """A long plain chain of convolutions."""
    b = Builder(f"{layers}-layer chain")
    b.add("input", "input", (3, 64, 64))
    for index in range(layers - 1):
        b.add("conv2d", "convolution", (16 + index % 5 * 16, 32, 32), filters=16, kernel=3)
    return b.graph()


BY_NAME: dict[str, Callable[[], Graph]] = {
    "lenet": lenet,
    "resnet": resnet,
    "inception": inception,
    "unet": unet,
    "folded": lambda: resnet(repeat=True),
}
"""The graphs both tensor styles are checked on, by test id."""
