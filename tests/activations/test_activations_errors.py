"""What is needed for activations is said, with the fix, when it is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

import nnviz_core
from nnviz_core.errors import OptionError

SPEC = "input: [1, 8, 8]\nlayers:\n  - conv2d: {filters: 4, kernel: 3}\n"


def test_a_yaml_spec_has_no_weights_to_run() -> None:
    with pytest.raises(OptionError, match="a YAML spec is not one") as caught:
        nnviz_core.render(SPEC, "lenet", activations=True, example_input="x.png")
    assert "needs a model with weights" in str(caught.value)


def test_the_fcnn_style_s_own_activations_option_runs_nothing() -> None:
    dense = "input: [8]\nlayers:\n  - dense: 4\n"  # fcnn's `activations` labels neurons
    assert "<image" not in nnviz_core.render(dense, "fcnn", activations=True).svg


def test_the_pictures_are_no_option_an_author_can_set() -> None:
    with pytest.raises(OptionError, match="unknown option 'pictures'"):
        nnviz_core.render(SPEC, "lenet", pictures="x")


@pytest.mark.torch
def test_a_model_needs_an_example_input() -> None:
    torch = pytest.importorskip("torch")
    net = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3))
    with pytest.raises(OptionError, match="activations: true needs example_input: an image"):
        nnviz_core.render(net, "lenet", input_shape="1,1,8,8", activations=True)


@pytest.mark.torch
def test_an_example_input_of_the_wrong_shape_is_refused(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch")
    np = pytest.importorskip("numpy")
    np.save(tmp_path / "a.npy", np.zeros((2, 5, 5), dtype="float32"))
    net = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3))
    with pytest.raises(
        OptionError, match=r"shape \[1, 2, 5, 5\] does not match the model's input \[1, 1, 8, 8\]"
    ):
        nnviz_core.render(
            net,
            "lenet",
            input_shape="1,1,8,8",
            activations=True,
            example_input=str(tmp_path / "a.npy"),
        )


def test_long_vectors_and_large_maps_are_averaged_down_to_the_cap() -> None:
    np = pytest.importorskip("numpy")
    from nnviz_core.activations.tiles import MAX_SIDE, shrunk

    column = np.arange(4096, dtype=float)[:, None]
    assert shrunk(column).shape == (4096 // 37, 1)  # ceil(4096 / 112) = 37 units a pixel
    assert shrunk(np.ones((224, 224))).shape == (MAX_SIDE, MAX_SIDE)
    assert shrunk(column)[0, 0] == column[:37].mean()


def test_a_model_file_without_weights_is_named(tmp_path: Path) -> None:
    prototxt = Path(__file__).resolve().parents[2] / "docs" / "models" / "tiny.prototxt"
    with pytest.raises(
        OptionError, match=r"tiny\.prototxt: activations: true needs a model with"
    ) as caught:
        nnviz_core.render(str(prototxt), "lenet", activations=True, example_input="x.png")
    assert "a .prototxt file is not one" in str(caught.value)
