"""Bias additions folded back into their layer.

PyTorch exports ``nn.Linear`` on a sequence (``[batch, steps, features]``) as ``MatMul`` followed
by ``Add`` of the bias; drawn literally that is a dense layer without bias and a mysterious "Add"
holding parameters. The pair is one layer to its author, so the Add is hidden and its bias
counted (and shown as ``use_bias``) on the dense layer.
"""

from __future__ import annotations

from nnviz_core.sources.onnx_model.flow import Flow, Item
from nnviz_core.sources.onnx_model.params import ParamCounter
from nnviz_core.sources.onnx_model.reading import FLOATS


def fold_biases(flow: Flow, counter: ParamCounter) -> dict[str, str]:
    """Hide each ``Add(MatMul(x, W), b)``'s Add; returns {MatMul item id: bias value}."""
    readers: dict[str, int] = {}
    for item in flow.items:
        for value in item.reads:
            readers[flow.resolve(value)] = readers.get(flow.resolve(value), 0) + 1
    folded: dict[str, str] = {}
    for item in flow.items:
        found = _matmul_and_bias(flow, counter, item, readers)
        if found is not None:
            matmul, bias = found
            item.hidden = True
            folded[matmul.id] = bias
    return folded


def _matmul_and_bias(
    flow: Flow, counter: ParamCounter, item: Item, readers: dict[str, int]
) -> tuple[Item, str] | None:
    node = item.node
    if node.op_type != "Add" or item.hidden or len(node.input) != 2:
        return None
    data = [v for v in node.input if flow.resolve(v) in flow.data]
    constant = [v for v in node.input if flow.resolve(v) not in flow.data]
    if len(data) != 1 or len(constant) != 1 or readers.get(flow.resolve(data[0])) != 1:
        return None
    bias = counter.weight(constant[0])
    if bias is None or bias.shape is None or len(bias.shape) != 1 or bias.dtype not in FLOATS:
        return None
    producer = flow.producer.get(flow.resolve(data[0]))
    if producer is None:
        return None
    matmul = flow.items[producer[0]]
    weight = counter.weight(matmul.node.input[1]) if len(matmul.node.input) > 1 else None
    if matmul.node.op_type != "MatMul" or matmul.hidden or weight is None:
        return None
    if weight.shape is None or len(weight.shape) != 2 or weight.shape[1] != bias.shape[0]:
        return None
    return matmul, constant[0]
