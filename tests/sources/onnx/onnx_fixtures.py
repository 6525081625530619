"""Tiny PyTorch models exported to ONNX in the tests, and hand-built ONNX graphs.

Importable as ``onnx_fixtures`` from the tests beside it.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import onnx
import torch
from onnx import TensorProto, helper
from torch import nn


class MLP(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.hidden = nn.Linear(20, 32)
        self.out = nn.Linear(32, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.out(torch.relu(self.hidden(x))), dim=-1)


class CNN(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(8, 16, 3, stride=2)
        self.fc = nn.Linear(16 * 3 * 3, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool(torch.relu(self.bn(self.conv(x))))
        x = torch.relu(self.conv2(x))
        return self.fc(x.view(x.size(0), -1))


class Residual(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(8, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 8, 3, padding=1)
        self.head = nn.Linear(8, 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.conv2(torch.relu(self.conv1(x)))
        y = torch.relu(x + y)
        return self.head(torch.flatten(nn.functional.adaptive_avg_pool2d(y, 1), 1))


class Branches(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.a = nn.Conv2d(16, 8, 1)
        self.b = nn.Conv2d(16, 12, 3, padding=1)
        self.c = nn.Conv2d(16, 4, 5, padding=2)
        self.fc = nn.Linear(24, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = torch.cat([self.a(x), self.b(x), self.c(x)], dim=1)
        return self.fc(y.mean(dim=(2, 3)))


class Recurrent(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.lstm = nn.LSTM(12, 24, batch_first=True)
        self.fc = nn.Linear(24, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.lstm(x)
        return self.fc(out[:, -1])


class Encoder(nn.Module):
    """Token ids → embedding → two transformer encoder layers → mean → classifier."""

    def __init__(self) -> None:
        super().__init__()
        self.emb = nn.Embedding(100, 16)
        layer = nn.TransformerEncoderLayer(16, 2, 32, batch_first=True)
        self.enc = nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)
        self.head = nn.Linear(16, 5)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.head(self.enc(self.emb(ids)).mean(1))


#: name → (model, example input shape)
MODELS: dict[str, tuple[type[nn.Module], tuple[int, ...]]] = {
    "mlp": (MLP, (1, 20)),
    "cnn": (CNN, (1, 1, 14, 14)),
    "residual": (Residual, (1, 8, 6, 6)),
    "branches": (Branches, (1, 16, 5, 5)),
    "lstm": (Recurrent, (1, 7, 12)),
    "transformer": (Encoder, (1, 6)),
}


def export(name: str, folder: Path) -> tuple[Path, nn.Module]:
    """Export fixture ``name`` to ``folder/name.onnx``; returns the file and the torch model."""
    factory, shape = MODELS[name]
    torch.manual_seed(0)
    model = factory().eval()
    path = folder / f"{name}.onnx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # Without constant folding the exporter keeps batch norm apart from its convolution.
        # A dynamic batch makes the exporter compute shapes at run time (Shape → Gather → …),
        # the plumbing a real deployment model has.
        torch.onnx.export(
            model,
            (torch.zeros(shape, dtype=torch.long if name == "transformer" else torch.float),),
            str(path),
            dynamo=False,
            do_constant_folding=False,
            input_names=["x"],
            dynamic_axes={"x": {0: "batch"}},
        )
    return path, model


def torch_params(model: nn.Module) -> tuple[int, int]:
    """(trainable parameters, buffers such as batch-norm statistics) of a torch model."""
    params = sum(p.numel() for p in model.parameters())
    buffers = sum(b.numel() for n, b in model.named_buffers() if "num_batches" not in n)
    return params, buffers


def _tensor(name: str, shape: list[int]) -> onnx.ValueInfoProto:
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)


def branching_model() -> onnx.ModelProto:
    """``If`` choosing between a Relu branch and a Sigmoid branch, both reading the outer x."""
    then_ = helper.make_graph(
        [helper.make_node("Relu", ["x"], ["then_out"], name="then_relu")],
        "then",
        [],
        [_tensor("then_out", [1, 4])],
    )
    else_ = helper.make_graph(
        [helper.make_node("Sigmoid", ["x"], ["else_out"], name="else_sigmoid")],
        "else",
        [],
        [_tensor("else_out", [1, 4])],
    )
    nodes = [
        helper.make_node("ReduceSum", ["x"], ["total"], name="total", keepdims=0),
        helper.make_node("Greater", ["total", "zero"], ["cond"], name="positive"),
        helper.make_node(
            "If",
            ["cond"],
            ["chosen"],
            name="choose",
            then_branch=then_,
            else_branch=else_,
        ),
    ]
    zero = helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0])
    graph = helper.make_graph(
        nodes, "branching", [_tensor("x", [1, 4])], [_tensor("chosen", [1, 4])], [zero]
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def custom_op_model() -> onnx.ModelProto:
    """A Relu followed by an op no ONNX runtime knows, from a vendor domain."""
    nodes = [
        helper.make_node("Relu", ["x"], ["r"], name="relu"),
        helper.make_node("FancyWarp", ["r"], ["y"], name="warp", domain="com.example"),
    ]
    graph = helper.make_graph(nodes, "custom", [_tensor("x", [1, 4])], [_tensor("y", [1, 4])])
    opsets = [helper.make_opsetid("", 17), helper.make_opsetid("com.example", 1)]
    return helper.make_model(graph, opset_imports=opsets)


def looping_model() -> onnx.ModelProto:
    """``Loop`` adding the outer x to a carried value three times."""
    body = helper.make_graph(
        [
            helper.make_node("Identity", ["cond_in"], ["cond_out"], name="keep_going"),
            helper.make_node("Add", ["carried", "x"], ["carried_out"], name="accumulate"),
        ],
        "body",
        [
            helper.make_tensor_value_info("step", TensorProto.INT64, []),
            helper.make_tensor_value_info("cond_in", TensorProto.BOOL, []),
            _tensor("carried", [1, 4]),
        ],
        [
            helper.make_tensor_value_info("cond_out", TensorProto.BOOL, []),
            _tensor("carried_out", [1, 4]),
        ],
    )
    nodes = [
        helper.make_node("Relu", ["x"], ["start"], name="start"),
        helper.make_node("Loop", ["trips", "", "start"], ["total"], name="repeat", body=body),
    ]
    trips = helper.make_tensor("trips", TensorProto.INT64, [], [3])
    graph = helper.make_graph(
        nodes, "looping", [_tensor("x", [1, 4])], [_tensor("total", [1, 4])], [trips]
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
