"""Hand-built graphs for the fcnn tests (they do not depend on the YAML loader)."""

from __future__ import annotations

from nnviz_core.ir import Category, Display, Edge, Graph, Group, Node, TensorSpec


class Builder:
    """Appends nodes in topological order, wiring each to the previous one unless told."""

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
        *,
        inputs: list[str] | None = None,
        node_id: str | None = None,
        activation: str | None = None,
        label: str | None = None,
        group: str | None = None,
        params: int = 0,
    ) -> str:
        node_id = node_id or f"{op}_{len(self.nodes)}"
        sources = inputs if inputs is not None else ([self.nodes[-1].id] if self.nodes else [])
        in_specs = tuple(self._output(source) for source in sources)
        self.nodes.append(
            Node(
                id=node_id,
                op=op,
                name=node_id,
                category=category,
                inputs=in_specs,
                outputs=(TensorSpec(shape),),
                params=params,
                activation=activation,
                group=group,
                display=Display(label=label),
            )
        )
        self.edges.extend(Edge(source, node_id) for source in sources)
        return node_id

    def _output(self, node_id: str) -> TensorSpec:
        return next(node.outputs[0] for node in self.nodes if node.id == node_id)

    def dense(self, units: int, **kwargs: object) -> str:
        before = self.nodes[-1].outputs[0].size if self.nodes else 0
        inputs = kwargs.get("inputs")
        if isinstance(inputs, list):
            before = sum(self._output(i).size or 0 for i in inputs)
        return self.add("dense", "dense", (units,), params=(before or 0) * units + units, **kwargs)  # type: ignore[arg-type]

    def graph(self) -> Graph:
        return Graph(self.name, tuple(self.nodes), tuple(self.edges), tuple(self.groups))


def mlp(*sizes: int, name: str = "MLP", activation: str = "relu") -> Graph:
    builder = Builder(name)
    builder.add("input", "input", (sizes[0],), node_id="input")
    for index, size in enumerate(sizes[1:]):
        last = index == len(sizes) - 2
        builder.dense(size, activation="softmax" if last else activation)
    return builder.graph()


def lenet() -> Graph:
    builder = Builder("LeNet-5")
    builder.add("input", "input", (1, 32, 32), node_id="input")
    builder.add("conv2d", "convolution", (6, 28, 28), params=156)
    builder.add("avgpool2d", "pooling", (6, 14, 14))
    builder.add("conv2d", "convolution", (16, 10, 10), params=2416)
    builder.add("avgpool2d", "pooling", (16, 5, 5))
    builder.add("flatten", "reshape", (400,))
    builder.dense(120, activation="tanh")
    builder.dense(84, activation="tanh")
    builder.dense(10, activation="softmax")
    return builder.graph()


def two_tower() -> Graph:
    builder = Builder("Two-tower MLP")
    builder.add("input", "input", (32,), node_id="user", inputs=[])
    builder.dense(64, activation="relu", node_id="user_1")
    builder.dense(16, activation="relu", node_id="user_2")
    builder.add("input", "input", (24,), node_id="item", inputs=[])
    builder.dense(48, activation="relu", node_id="item_1")
    builder.dense(16, activation="relu", node_id="item_2")
    builder.add("concat", "merge", (32,), node_id="join", inputs=["user_2", "item_2"])
    builder.dense(32, activation="relu", node_id="joint")
    builder.dense(1, activation="sigmoid", node_id="score")
    return builder.graph()


def conv_only() -> Graph:
    builder = Builder("All-conv")
    builder.add("input", "input", (3, 32, 32), node_id="input")
    builder.add("conv2d", "convolution", (16, 30, 30))
    builder.add("global_avgpool2d", "pooling", (16,))
    return builder.graph()


def repeated(count: int = 3) -> Graph:
    """input 64 → (dense 32 → relu) × count → dense 4, as a repeat group with iterations."""
    builder = Builder("Repeated MLP")
    builder.add("input", "input", (64,), node_id="input")
    builder.groups.append(Group("stack", "repeat", "Stack", count=count))
    for index in range(count):
        iteration = f"stack.{index}"
        builder.groups.append(Group(iteration, "iteration", "Stack", parent="stack", index=index))
        builder.dense(32, node_id=f"d{index}", group=iteration)
        builder.add("relu", "activation", (32,), node_id=f"a{index}", group=iteration)
    builder.dense(4, node_id="head")
    return builder.graph()


def autoencoder() -> Graph:
    """Encoder and decoder as labelled blocks, then a reshape back to an image."""
    builder = Builder("Autoencoder")
    builder.add("input", "input", (784,), node_id="input")
    builder.groups += [Group("enc", "block", "Encoder"), Group("dec", "block", "Decoder")]
    builder.dense(128, node_id="e1", group="enc", activation="relu")
    builder.dense(32, node_id="code", group="enc", activation="relu")
    builder.dense(128, node_id="d1", group="dec", activation="relu")
    builder.dense(784, node_id="d2", group="dec", activation="sigmoid")
    builder.add("reshape", "reshape", (1, 28, 28), node_id="image")
    return builder.graph()


def sequence_head() -> Graph:
    """Embedding → LSTM → token-wise dense → pool → dense: only the last dense is a column."""
    builder = Builder("Sequence head")
    builder.add("input", "input", (20,), node_id="tokens")
    builder.add("embedding", "embedding", (20, 16), params=16000)
    builder.add("lstm", "recurrent", (20, 32), params=6272)
    builder.add("dense", "dense", (20, 8), node_id="per_token", params=264)
    builder.add("global_avgpool1d", "pooling", (8,))
    builder.dense(3, node_id="classes", activation="softmax")
    return builder.graph()


def dot_product() -> Graph:
    """Two towers ending in a dot product: the final merge becomes a column of its own."""
    builder = Builder("Dot product")
    builder.add("input", "input", (10,), node_id="a", inputs=[])
    builder.dense(4, node_id="a1")
    builder.add("input", "input", (6,), node_id="b", inputs=[])
    builder.dense(4, node_id="b1")
    builder.add("dot", "merge", (1,), node_id="similarity", inputs=["a1", "b1"])
    builder.add("sigmoid", "activation", (1,), node_id="prob")
    return builder.graph()


def decoder_tail() -> Graph:
    """A dense layer feeding a transposed convolution: the tail is a box after the column."""
    builder = Builder("Decoder")
    builder.add("input", "input", (16,), node_id="z")
    builder.dense(128, node_id="project", activation="relu")
    builder.add("reshape", "reshape", (8, 4, 4), node_id="grid")
    builder.add("conv2d_transpose", "convolution", (1, 8, 8), node_id="deconv", params=129)
    return builder.graph()


def headless() -> Graph:
    """A dense layer with no input node (as some importers produce)."""
    builder = Builder("Headless")
    builder.add("dense", "dense", (5,), node_id="first", inputs=[])
    builder.nodes[0] = Node(
        "first", "dense", "first", "dense", inputs=(TensorSpec((7,)),), outputs=(TensorSpec((5,)),)
    )
    builder.dense(2, node_id="second")
    return builder.graph()
