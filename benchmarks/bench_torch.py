"""Benchmark: drawing PyTorch models with nnviz vs torchview's ``draw_graph``, on the same models.

    .venv/bin/python benchmarks/bench_torch.py [--repeat 5]

Both draw an SVG of every layer with its input and output shapes and the module hierarchy:
torchview with ``depth=99, expand_nested=True`` (tensor nodes, module nodes, dashed clusters;
rendered by ``graphviz`` through Debian's ``dot``), nnviz with ``load_torch`` (model → Graph)
plus the ``graph`` style (cards with shapes, arguments and parameter counts; groups; its engine
is the ``graphviz-pure`` command). torchview runs the model on the CPU (its default device);
nnviz runs it on zeros on one thread, or on the meta device when that is cheaper (ResNet18, BERT).
Each (tool, model) runs in its own process: "first ms" is the first drawing (with the tools' lazy
imports: PyTorch's meta-device support imports sympy and friends once, about 1-3 s and 80 MiB),
"ms" the best later one, "RSS +MiB" how
much the first drawing raised the process's peak resident size (tensor memory, invisible to
tracemalloc, shows here), "heap MiB" the Python heap peak of a later drawing. The Graphviz
engine runs in a child process and is counted for neither tool. Prints a table; asserts nothing.
"""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import run_worker, worker_or_repeat

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "sources" / "torch"))


def _resnet18() -> Any:
    """A ResNet-18 layout (torchvision is not a dependency): 4 stages of 2 basic blocks."""
    from torch import nn

    class Block(nn.Module):
        def __init__(self, cin: int, cout: int, stride: int) -> None:
            super().__init__()
            self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
            self.bn1 = nn.BatchNorm2d(cout)
            self.relu = nn.ReLU()
            self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
            self.bn2 = nn.BatchNorm2d(cout)
            self.down = (
                nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
                if stride != 1 or cin != cout
                else nn.Identity()
            )

        def forward(self, x: Any) -> Any:
            out = self.bn2(self.conv2(self.relu(self.bn1(self.conv1(x)))))
            return self.relu(out + self.down(x))

    stages, cin = [], 64
    for cout, stride in ((64, 1), (128, 2), (256, 2), (512, 2)):
        stages.append(nn.Sequential(Block(cin, cout, stride), Block(cout, cout, 1)))
        cin = cout
    return nn.Sequential(
        nn.Conv2d(3, 64, 7, 2, 3, bias=False),
        nn.BatchNorm2d(64),
        nn.ReLU(),
        nn.MaxPool2d(3, 2, 1),
        *stages,
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten(),
        nn.Linear(512, 1000),
    )


def _encoder(width: int, layers: int) -> Any:
    """Transformer encoder layers on token ids, the first token classified (BERT-like)."""
    import torch
    from torch import nn

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embed = nn.Embedding(30000, width)
            layer = nn.TransformerEncoderLayer(width, width // 64, 4 * width, batch_first=True)
            self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
            self.head = nn.Linear(width, 2)

        def forward(self, ids: torch.Tensor) -> torch.Tensor:
            return self.head(self.encoder(self.embed(ids))[:, 0])

    return Encoder()


def models() -> dict[str, tuple[Callable[[], Any], tuple[int, ...], str]]:
    """name → (factory, input size with batch, dtype)."""
    import torch_fixtures as fx

    return {
        "MLP": (fx.MLP, (1, 20), "float32"),
        "CNN": (fx.cnn, (1, 1, 28, 28), "float32"),
        "ResNetTiny": (fx.ResNetTiny, (1, 3, 16, 16), "float32"),
        "Inception": (fx.Inception, (1, 8, 8, 8), "float32"),
        "UNetTiny": (fx.UNetTiny, (1, 1, 16, 16), "float32"),
        "LSTMTagger": (fx.LSTMTagger, (1, 7), "int64"),
        "ResNet18": (_resnet18, (1, 3, 224, 224), "float32"),
        "Encoder×6": (lambda: _encoder(256, 6), (1, 128), "int64"),
        # 108 M parameters
        "BERT-base": (lambda: _encoder(768, 12), (1, 128), "int64"),
    }


def nnviz_draw(model: Any, size: tuple[int, ...], dtype: str) -> int:
    import nnviz_core
    from nnviz_core.sources.inputs import InputShape
    from nnviz_core.sources.torch_model import load_torch

    graph = load_torch(model, input_shape=(InputShape(size, dtype),))
    return len(nnviz_core.render(graph, "graph").svg.encode("utf-8"))


def torchview_draw(model: Any, size: tuple[int, ...], dtype: str) -> int:
    import torch
    from torchview import draw_graph

    drawn = draw_graph(
        model, input_size=size, dtypes=[getattr(torch, dtype)], depth=99, expand_nested=True
    )
    return len(drawn.visual_graph.pipe(format="svg"))


TOOLS = {"nnviz": nnviz_draw, "torchview": torchview_draw}


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(tool: str, name: str, repeat: int) -> dict[str, float]:
    """Measure one (tool, model) pair; runs inside its own worker process.

    The first drawing after the imports is timed alone ("first ms": lazy imports inside the
    tools count, as they do in a docs build) and its growth of the process's peak resident size
    is kept (tensor memory, invisible to tracemalloc, shows there). Then the Python heap peak of
    a second drawing, and the best of ``repeat`` timed drawings.
    """
    import graphviz  # noqa: F401 - imported before the baseline, like the rest
    import torchview  # noqa: F401

    import nnviz_core.sources.torch_model.trace
    import nnviz_core.styles.graph  # noqa: F401

    factory, size, dtype = models()[name]
    model = factory()
    draw = TOOLS[tool]
    baseline = _rss_mib()
    started = time.perf_counter()
    svg_bytes = draw(model, size, dtype)
    first = time.perf_counter() - started
    grown = _rss_mib() - baseline
    tracemalloc.start()
    draw(model, size, dtype)
    heap = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        draw(model, size, dtype)
        times.append(time.perf_counter() - started)
    layers = sum(1 for m in model.modules() if not any(True for _ in m.children()))
    return {"ms": min(times) * 1000, "first": first * 1000, "heap": heap, "rss": grown,
            "kb": svg_bytes / 1024, "layers": layers}  # fmt: skip


def main() -> None:
    repeat = worker_or_repeat(__doc__, one)
    if repeat is None:
        return
    header = ("model", "leaves", "tool", "first ms", "ms", "heap MiB", "RSS +MiB", "svg KB")
    print("{:<12} {:>6} {:<9} {:>9} {:>8} {:>9} {:>9} {:>7}  {}".format(*header, "faster"))
    for name in models():
        found = {tool: run_worker(__file__, tool, name, repeat) for tool in TOOLS}
        for tool, row in found.items():
            other = found["torchview" if tool == "nnviz" else "nnviz"]
            ratio = other["ms"] / row["ms"]
            mark = f"×{ratio:.1f}" if ratio >= 1 else ""
            timing = f"{row['first']:>9.0f} {row['ms']:>8.1f}"
            print(
                f"{name:<12} {row['layers']:>6.0f} {tool:<9} {timing} "
                f"{row['heap']:>9.1f} {row['rss']:>9.1f} {row['kb']:>7.1f}  {mark}"
            )


if __name__ == "__main__":
    main()
