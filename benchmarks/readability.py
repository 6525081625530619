"""Benchmark: is every diagram readable where it lands? (issue 20: readable by default at any size)

    .venv/bin/python benchmarks/readability.py [--fit page|slide|paper|none] [--width PX]
        [--only examples,torch,keras,onnx,zoo] [--styles graph,block,lenet,fcnn]
        [--caffe-dir DIR] [--png DIR]

Renders every example (``examples/*.yaml``) in every network style, then the framework models
the tests and the other benchmarks build (PyTorch fixtures and a ResNet-18 and BERT-like encoder,
Keras fixtures and Applications built with ``weights=None`` on the torch backend, ONNX exports)
and, in the ``zoo`` group, real models nobody here wrote (:mod:`zoo_models`; Caffe prototxts from
``--caffe-dir``), all at one canvas (default: a docs page, 720 px), with each style's default
options. For each diagram it prints the drawn size, its aspect (height / width), the layers drawn,
the smallest text drawn, that text as the canvas shows it (drawn size × the host's shrink, see
:mod:`nnviz_core.canvas`), whether it meets the canvas's floor and the seconds it took to draw;
a style that refuses a model says why, and each model's load time is printed. Ends with
``met / total``. ``--png DIR`` also saves each diagram as a PNG (as ``Diagram.save`` writes it),
naming the ones that fail. Measures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
os.environ.setdefault("KERAS_BACKEND", "torch")  # before anything imports keras

STYLES = ("graph", "block", "lenet", "fcnn")
GROUPS = ("examples", "torch", "keras", "onnx", "zoo")


@dataclass(frozen=True)
class Reading:
    """One diagram measured on one canvas (sizes in CSS px)."""

    width: float
    height: float
    cards: int
    smallest: float | None
    effective: float | None
    floor: float

    @property
    def aspect(self) -> float:
        return self.height / self.width if self.width else 0.0

    @property
    def met(self) -> bool:
        """Whether the smallest text, as shown, reaches the floor (no text: nothing to read)."""
        return self.effective is None or self.effective >= self.floor - 1e-9


def cards(scene: Any) -> int:
    """How many layers a scene draws: the distinct ``layer`` ids of its ``layer`` items (a card,
    a block, a stack of maps, a column of neurons; edges carry ids of their own)."""
    from nnviz_core.scene import Group

    found: set[str] = set()

    def walk(items: tuple[Any, ...]) -> None:
        for item in items:
            if item.role == "layer" and item.layer is not None:
                found.add(item.layer)
            if isinstance(item, Group):
                walk(item.items)

    walk(scene.items)
    return len(found)


def measure(scene: Any, fit: str = "page", width: float | None = None) -> Reading:
    """Measure ``scene`` as it lands on the canvas ``fit`` (at ``width``, if given)."""
    from nnviz_core.canvas import canvas_for, effective_text, smallest_text

    canvas = canvas_for(fit, width)  # type: ignore[arg-type]
    return Reading(
        scene.width,
        scene.height,
        cards(scene),
        smallest_text(scene),
        effective_text(scene, canvas),
        canvas.floor,
    )


# --- the models ---------------------------------------------------------------------------

Source = Callable[[], Any]  # a Graph, or a spec path, made on demand


def examples() -> Iterator[tuple[str, Source]]:
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        yield path.stem, lambda path=path: path


def torch_models() -> Iterator[tuple[str, Source]]:
    sys.path.insert(0, str(HERE))
    import bench_torch  # the benchmark's models: the test fixtures, ResNet-18, BERT-like encoders

    from nnviz_core.sources.inputs import InputShape
    from nnviz_core.sources.torch_model import load_torch

    for name, (factory, size, dtype) in bench_torch.models().items():
        shape = (InputShape(size, dtype),)
        yield f"torch {name}", lambda f=factory, s=shape: load_torch(f(), input_shape=s)


def keras_models() -> Iterator[tuple[str, Source]]:
    sys.path.insert(0, str(ROOT / "tests" / "sources" / "keras"))
    import keras
    import keras_fixtures as fixtures

    from nnviz_core.sources.keras_model import load_keras

    apps: dict[str, Callable[[], Any]] = {
        "ResNet50": lambda: keras.applications.ResNet50(weights=None),
        "MobileNetV2": lambda: keras.applications.MobileNetV2(weights=None),
        "DenseNet121": lambda: keras.applications.DenseNet121(weights=None),
    }
    chosen = ("sequential_cnn", "inception", "unet", "transformer", "residual")
    for name in chosen:
        yield f"keras {name}", lambda f=fixtures.GRAPH_MODELS[name]: load_keras(f())
    for name, factory in apps.items():
        yield f"keras {name}", lambda f=factory: load_keras(f())


def onnx_models() -> Iterator[tuple[str, Source]]:
    import tempfile

    sys.path.insert(0, str(ROOT / "tests" / "sources" / "onnx"))
    import onnx_fixtures

    folder = Path(tempfile.mkdtemp(prefix="nnviz-readability-"))
    for name in ("cnn", "residual", "branches", "transformer"):
        yield f"onnx {name}", lambda n=name: onnx_fixtures.export(n, folder)[0]


def zoo_models(caffe_dir: Path | None) -> Iterator[tuple[str, Source]]:
    sys.path.insert(0, str(HERE))
    import zoo_models as zoo

    return zoo.models(caffe_dir)


MODELS: dict[str, Callable[[Path | None], Iterator[tuple[str, Source]]]] = {
    "examples": lambda _: examples(),
    "torch": lambda _: torch_models(),
    "keras": lambda _: keras_models(),
    "onnx": lambda _: onnx_models(),
    "zoo": zoo_models,
}

# --- the table ----------------------------------------------------------------------------


def _size(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def row(style: str, model: str, reading: Reading) -> str:
    drawn = f"{reading.width:.0f}×{reading.height:.0f}"
    verdict = "yes" if reading.met else "NO"
    return (
        f"{style:<6} {model:<24} {drawn:>13} {reading.aspect:>7.2f} {reading.cards:>6} "
        f"{_size(reading.smallest):>8} {_size(reading.effective):>9} {verdict:>4}"
    )


HEADER = (
    f"{'style':<6} {'model':<24} {'drawn px':>13} {'aspect':>7} {'cards':>6} "
    f"{'text px':>8} {'shown px':>9} {'met':>4} {'draw s':>6}"
)


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:90]}"


@dataclass(frozen=True)
class Run:
    """What to measure: model groups, styles, the canvas, and where extra inputs and PNGs go."""

    groups: tuple[str, ...]
    styles: tuple[str, ...]
    fit: str
    width: float | None
    caffe_dir: Path | None = None
    png_dir: Path | None = None


def _png(diagram: Any, folder: Path, style: str, name: str) -> str:
    """Save ``diagram`` as ``folder/<model>-<style>.png``; '' or why it failed, and how long."""
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
    started = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            diagram.save(folder / f"{stem}-{style}.png")
    except Exception as error:
        return f"  png FAILED: {_reason(error)}"
    return f"  png {time.perf_counter() - started:.1f} s"


def run(job: Run) -> int:
    import nnviz_core
    from nnviz_core.canvas import canvas_for

    fit, width = job.fit, job.width
    canvas = canvas_for(fit, width)  # type: ignore[arg-type]
    print(f"canvas: {fit}, {canvas.width:g} px wide, floor {canvas.floor:.2f} px of shown text")
    print(HEADER)
    met = total = refused = 0
    started = time.perf_counter()
    for group in job.groups:
        try:
            models = list(MODELS[group](job.caffe_dir))
        except ImportError as error:
            print(f"({group}: skipped, {_reason(error)})")
            continue
        for name, make in models:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    loading = time.perf_counter()
                    graph = nnviz_core.load(make())
            except Exception as error:  # a model that cannot be built is reported, not fatal
                print(f"{'-':<6} {name:<24} cannot load: {_reason(error)}")
                continue
            print(f"{'-':<6} {name:<24} loaded in {time.perf_counter() - loading:.1f} s")
            for style in job.styles:
                drawing = time.perf_counter()
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        diagram = nnviz_core.render(graph, style, fit=fit, width=width)
                except Exception as error:  # a style may refuse a network (fcnn: no convs)
                    print(f"{style:<6} {name:<24} refused: {_reason(error)}")
                    refused += 1
                    continue
                reading = measure(diagram.scene, fit, width)
                drawn = f" {time.perf_counter() - drawing:>6.1f}"
                saved = _png(diagram, job.png_dir, style, name) if job.png_dir else ""
                print(row(style, name, reading) + drawn + saved, flush=True)
                total += 1
                met += reading.met
    elapsed = time.perf_counter() - started
    print(
        f"met the floor: {met} / {total} diagrams at fit={fit} ({refused} refused by their "
        f"style; {elapsed:.0f} s)"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--fit", choices=("page", "slide", "paper", "none"), default="page")
    parser.add_argument("--width", type=float, default=None, help="canvas width in CSS px")
    parser.add_argument("--only", default=",".join(GROUPS), help="model groups, comma-separated")
    parser.add_argument("--styles", default=",".join(STYLES), help="styles, comma-separated")
    parser.add_argument("--caffe-dir", type=Path, help="zoo: a folder of Caffe .prototxt files")
    parser.add_argument("--png", type=Path, help="also save every diagram as a PNG here")
    args = parser.parse_args()
    groups = tuple(name for name in args.only.split(",") if name)
    styles = tuple(name for name in args.styles.split(",") if name)
    unknown = [name for name in groups if name not in MODELS]
    if unknown:
        parser.error(f"unknown group {unknown[0]!r}; choose from {', '.join(GROUPS)}")
    if args.png:
        args.png.mkdir(parents=True, exist_ok=True)
    return run(Run(groups, styles, args.fit, args.width, args.caffe_dir, args.png))


if __name__ == "__main__":
    sys.exit(main())
