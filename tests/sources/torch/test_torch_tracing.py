"""How PyTorch models are traced, what they look like afterwards, and the errors users see."""

from __future__ import annotations

import contextlib
import subprocess
import sys

import pytest
import torch
import torch_fixtures as fx
from torch import nn

from nnviz_core.errors import MissingDependencyError, SourceError
from nnviz_core.sources.inputs import parse_input_shapes
from nnviz_core.sources.torch_model import load_torch
from nnviz_core.sources.torch_model import trace as trace_module
from nnviz_core.sources.torch_model.trace import trace

pytestmark = pytest.mark.torch


def method(model: nn.Module, shape: str) -> str:
    return trace(model, parse_input_shapes(shape), None, "m")[1]


@pytest.mark.parametrize(
    ("model", "shape", "expected"),
    [
        # small models run on real zeros: exact, and no seconds of meta-device imports
        (fx.MLP(), "2,20", "fx/cpu"),
        (fx.ResNetTiny(), "1,3,16,16", "fx/cpu"),
        (fx.TwoInTwoOut(), "2,3,8,8; 2,5", "fx/cpu"),
        # a loop over a tensor's length: fx gives up, hooks run it
        (fx.ShapeLoop(), "2,3,4", "hooks/cpu"),
        # TransformerEncoder's checks on its input defeat fx too
        (fx.TinyTransformer(), "2,8:int64", "hooks/cpu"),
        (fx.ValueBranch(), "2,4", "hooks/cpu"),
    ],
)
def test_fx_first_then_hooks(
    model: nn.Module, shape: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(trace_module, "_meta_is_warm", lambda: False)
    assert method(model, shape) == expected


def test_meta_goes_first_once_its_imports_are_paid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trace_module, "_meta_is_warm", lambda: True)
    assert method(fx.MLP(), "2,20") == "fx/meta"


def test_costly_forwards_trace_on_the_meta_device(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(trace_module, "_meta_is_warm", lambda: False)
    monkeypatch.setattr(trace_module, "REAL_WORK", 100_000)  # parameters × input elements
    assert method(nn.Sequential(nn.Conv2d(3, 8, 3)), "1,3,32,32") == "fx/meta"  # 224 × 3072
    assert method(nn.Sequential(nn.Conv2d(3, 8, 3)), "4,3,8,8") == "fx/cpu"  # 224 × 192


@pytest.mark.parametrize(
    ("model", "shape", "expected"),
    [
        (fx.MLP(), "2,20", "fx/meta"),
        (fx.ShapeLoop(), "2,3,4", "hooks/meta"),
        (fx.TinyTransformer(), "2,8:int64", "hooks/meta"),
        # branching on a tensor value needs real numbers, even for a large forward
        (fx.ValueBranch(), "2,4", "hooks/cpu"),
    ],
)
def test_large_forwards_trace_on_the_meta_device_first(
    model: nn.Module, shape: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(trace_module, "REAL_BUDGET", 0)
    monkeypatch.setattr(trace_module, "_meta_is_warm", lambda: False)
    assert method(model, shape) == expected


def test_tied_weights_trace_on_the_meta_device(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tied(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embed = nn.Embedding(10, 4)
            self.head = nn.Linear(4, 10, bias=False)
            self.head.weight = self.embed.weight

        def forward(self, ids: torch.Tensor) -> torch.Tensor:
            return self.head(self.embed(ids))

    monkeypatch.setattr(trace_module, "REAL_BUDGET", 0)
    model = Tied()
    assert method(model, "1,3:int64") == "fx/meta"
    graph = load_torch(model, input_shape="1,3:int64")
    assert (graph.node("embed").params, graph.node("head").params) == (40, 0)
    assert graph.node("head").display.note == "shares weights with embed"
    assert graph.total_params == 40


def test_a_large_input_is_never_allocated() -> None:
    model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU())  # 768 MiB in, 1 GiB out on real zeros
    assert method(model, "1,3,8192,8192") == "fx/meta"
    graph = load_torch(model, input_shape="1,3,8192,8192")
    assert graph.node("1").outputs[0].shape == (4, 8190, 8190)


def test_control_flow_probes_are_not_drawn() -> None:
    graph = load_torch(fx.ValueBranch(), input_shape="2,4")
    assert [node.id for node in graph.nodes] == ["x", "b"]


def test_shape_loop_draws_its_slices_and_additions() -> None:
    graph = load_torch(fx.ShapeLoop(), input_shape="2,3,4")
    assert [node.op for node in graph.nodes] == [
        "input",
        "custom",
        "custom",
        "add",
        "custom",
        "add",
        "dense",
    ]


def test_a_model_larger_than_memory_draws_from_the_meta_device() -> None:
    with torch.device("meta"):
        model = nn.Sequential(nn.Linear(100_000, 100_000), nn.ReLU(), nn.Linear(100_000, 10))
    graph = load_torch(model, input_shape="1,100000")
    assert graph.total_params == 100_000 * 100_001 + 100_000 * 10 + 10
    assert graph.node("2").outputs[0].shape == (10,)


def snapshot(model: nn.Module) -> dict[str, object]:
    return {
        "modes": [m.training for m in model.modules()],
        "devices": {p.device.type for p in model.parameters()},
        "weights": {k: v.clone() for k, v in model.state_dict().items()},
        "hooks": sum(len(m._forward_hooks) + len(m._forward_pre_hooks) for m in model.modules()),
    }


def same(before: dict[str, object], after: dict[str, object]) -> bool:
    weights_a, weights_b = before.pop("weights"), after.pop("weights")
    assert isinstance(weights_a, dict) and isinstance(weights_b, dict)
    equal = all(torch.equal(weights_a[k], weights_b[k]) for k in weights_a)
    return equal and before == after


@pytest.mark.parametrize(
    ("model", "shape"),
    [
        (fx.ResNetTiny(), "1,3,16,16"),  # fx
        (fx.TinyTransformer(), "2,8:int64"),  # hooks on meta
        (fx.ValueBranch(), "2,4"),  # hooks on real tensors
        (fx.Broken(), "2,5"),  # every attempt fails
    ],
)
@pytest.mark.parametrize("budget", [0, trace_module.REAL_BUDGET], ids=["meta", "real"])
def test_model_and_global_state_are_restored(
    model: nn.Module, shape: str, budget: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(trace_module, "REAL_BUDGET", budget)
    monkeypatch.setattr(trace_module, "_meta_is_warm", lambda: False)
    model.train()
    model.get_submodule(next(n for n, _ in model.named_children())).eval()
    before = snapshot(model)
    rng = torch.get_rng_state()
    threads = torch.get_num_threads()
    torch.backends.mha.set_fastpath_enabled(True)
    with torch.enable_grad():
        with contextlib.suppress(SourceError):
            load_torch(model, input_shape=shape)
        assert torch.is_grad_enabled()
    assert same(before, snapshot(model))
    assert torch.equal(rng, torch.get_rng_state())
    assert torch.backends.mha.get_fastpath_enabled()
    assert torch.get_default_dtype() == torch.float32
    assert torch.get_num_threads() == threads


GLOBAL_SCALE = torch.ones(4)


def test_fx_leaves_no_constants_on_the_model() -> None:
    class Scaled(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.fc = nn.Linear(4, 4)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.fc(x) * GLOBAL_SCALE

    model = Scaled()
    before = set(vars(model))
    assert method(model, "1,4").startswith("fx/")
    assert set(vars(model)) == before


def test_a_forward_that_raises_is_one_source_error_quoting_it() -> None:
    with pytest.raises(SourceError) as caught:
        load_torch(fx.Broken(), input_shape="2,5")
    message = str(caught.value)
    assert message.startswith("Broken: forward() raised RuntimeError: mat1 and mat2 shapes")
    assert "(inputs: [2, 5]); check that the inputs match what the model expects" in message


def test_the_error_names_the_model_as_the_caller_calls_it() -> None:
    with pytest.raises(SourceError, match=r"^pkg\.models:broken: forward\(\) raised"):
        load_torch(fx.Broken(), input_shape="2,5:float64", name="pkg.models:broken")


def test_inputs_are_required() -> None:
    with pytest.raises(SourceError) as caught:
        load_torch(fx.MLP())
    assert str(caught.value) == (
        "MLP: drawing a PyTorch model needs its inputs; pass input_shape, e.g. "
        '"1,3,224,224" (batch included; several: "1,3,224,224; 1,10:int64"), '
        "or example_inputs=(tensor, ...)"
    )


def test_only_modules_are_drawn() -> None:
    with pytest.raises(SourceError, match=r"^dict: not a torch\.nn\.Module, so it cannot be drawn"):
        load_torch({}, input_shape="1,2")


@pytest.mark.filterwarnings("ignore:`torch.jit.script` is deprecated:DeprecationWarning")
def test_torchscript_is_refused_with_the_fix() -> None:
    scripted = torch.jit.script(nn.Sequential(nn.Linear(4, 4)))
    with pytest.raises(SourceError) as caught:
        load_torch(scripted, input_shape="1,4")
    assert str(caught.value) == (
        "RecursiveScriptModule: a TorchScript module hides its layers from tracing; draw the "
        "nn.Module it was made from (before torch.jit.script or torch.jit.trace)"
    )


def test_missing_torch_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(MissingDependencyError) as caught:
        load_torch(object(), input_shape="1,2")
    assert str(caught.value) == (
        "Drawing a PyTorch model needs the optional dependency 'torch', which is not installed; "
        'install it with: pip install "nnviz-docs[torch]"'
    )


def test_the_package_imports_without_torch() -> None:
    code = (
        "import sys; sys.modules['torch'] = None; "
        "import nnviz_core.sources.torch_model as m; print(m.load_torch.__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "load_torch"
