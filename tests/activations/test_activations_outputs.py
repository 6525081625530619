"""The docs' digit CNN with activations, in hosts and in PowerPoint: pictures of real maps."""

from __future__ import annotations

import io
import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("colorcet")

import nnviz_core
from nnviz_core.hosting import Host, HostSettings
from nnviz_core.hosting.draw import Request, given

pytestmark = pytest.mark.torch

DOCS = Path(__file__).resolve().parents[2] / "docs"
MODELS = DOCS / "models"


@pytest.fixture(autouse=True)
def _importable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(MODELS))


def _request(example: str, style: str = "lenet") -> Request:
    options = {"activations": "true", "example_input": example}
    return Request(
        style=style,
        options=given(options),
        model="digits_cnn:trained",
        source_options=given({"input_shape": "1,1,8,8"}),
    )


def test_a_host_draws_the_model_run_on_an_input_relative_to_its_base(tmp_path: Path) -> None:
    host = Host(HostSettings(theme_base=DOCS))
    three, seven = _request("models/digit-3.png"), _request("models/digit-7.png")
    svg = host.draw(three).svg
    assert len(re.findall(r'<image [^>]*href="data:image/png;base64,', svg)) > 20
    assert host.key(three) != host.key(seven)  # the input is part of the picture


def test_the_cache_key_follows_the_example_file_s_bytes(tmp_path: Path) -> None:
    host = Host(HostSettings(theme_base=tmp_path))
    shutil.copy(MODELS / "digit-3.png", tmp_path / "digit.png")
    before = host.key(_request("digit.png"))
    shutil.copy(MODELS / "digit-7.png", tmp_path / "digit.png")
    assert host.key(_request("digit.png")) != before


def test_powerpoint_places_every_tile_as_a_picture() -> None:
    pptx = pytest.importorskip("pptx")
    from digits_cnn import trained

    diagram = nnviz_core.render(
        trained(),
        "lenet",
        input_shape="1,1,8,8",
        activations=True,
        example_input=str(MODELS / "digit-7.png"),
    )
    tiles = re.findall(r'<image [^>]*href="data:image/png;base64,', diagram.svg)
    data = diagram.to_bytes("pptx")
    assert data == diagram.to_bytes("pptx")
    slide = pptx.Presentation(io.BytesIO(data)).slides[0]

    def pictures(shapes: object) -> list[object]:
        found = []
        for shape in shapes:  # type: ignore[attr-defined]
            if shape.shape_type == pptx.enum.shapes.MSO_SHAPE_TYPE.GROUP:
                found += pictures(shape.shapes)
            elif shape.shape_type == pptx.enum.shapes.MSO_SHAPE_TYPE.PICTURE:
                found.append(shape)
        return found

    placed = pictures(slide.shapes)
    assert len(placed) == len(tiles)
    assert all(p.image.content_type == "image/png" for p in placed)  # type: ignore[attr-defined]
    assert any(p.name.startswith("channel 0 ·") for p in placed)  # type: ignore[attr-defined]


def test_the_training_script_is_importable_without_training() -> None:
    sys.path.insert(0, str(DOCS.parent / "tools"))
    try:
        pytest.importorskip("sklearn")
        import train_digits

        assert train_digits.MODELS == MODELS
    finally:
        sys.path.remove(str(DOCS.parent / "tools"))


def test_a_slide_deck_draws_the_activations_of_the_docs_page() -> None:
    pytest.importorskip("pptx")
    from nnviz_core.slides import build_deck

    deck = build_deck([str(DOCS / "activations.rst")], styles=("lenet",))
    assert deck.diagrams == deck.slides >= 6
    with zipfile.ZipFile(io.BytesIO(deck.data)) as archive:
        media = [name for name in archive.namelist() if name.startswith("ppt/media/")]
    assert len(media) > 40  # the tiles, each distinct picture once


def test_layout_refuses_activations_without_their_pictures() -> None:
    from nnviz_core.api import lay_out, split_options
    from nnviz_core.errors import OptionError

    graph = nnviz_core.load("input: [1, 8, 8]\nlayers:\n  - conv2d: {filters: 2, kernel: 3}\n")
    options, _ = split_options("lenet", {"activations": True})
    with pytest.raises(OptionError, match="nnviz render MODEL --example-input INPUT"):
        lay_out(graph, "lenet", options)
