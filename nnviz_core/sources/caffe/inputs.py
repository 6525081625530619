"""The net's inputs: legacy ``input:``/``input_dim``/``input_shape`` entries and data layers."""

from __future__ import annotations

from nnviz_core.errors import SpecValueError, excerpt
from nnviz_core.sources.caffe.layers import Layer
from nnviz_core.sources.caffe.shapes import Shape, ints
from nnviz_core.sources.caffe.text_format import Field, Message


def legacy_inputs(net: Message) -> list[tuple[Field, Shape]]:
    """``input: "data"`` entries with their ``input_dim`` (4 each) or ``input_shape`` dims."""
    names = [f for f in net.all("input") if isinstance(f.value, str)]
    dims = ints(net, "input_dim")
    shapes = net.messages("input_shape")
    found: list[tuple[Field, Shape]] = []
    for index, name in enumerate(names):
        if index < len(shapes):
            found.append((name, _without_batch(ints(shapes[index], "dim"))))
        elif len(dims) >= 4 * (index + 1):
            found.append((name, _without_batch(dims[4 * index : 4 * index + 4])))
        elif dims and len(names) == 1:
            found.append((name, _without_batch(dims)))
        else:
            raise SpecValueError(
                f"input {excerpt(name.value)} has no dimensions; add `input_shape {{ dim: 1 dim: 3 "
                "dim: 224 dim: 224 }` (or four input_dim entries) after it",
                name.location,
            )
    return found


def _without_batch(dims: list[int]) -> Shape:
    return tuple(dims[1:])


def data_shapes(layer: Layer) -> list[Shape]:
    """One shape per top of a data layer; unknown sizes are ``None``."""
    shapes = _declared(layer)
    return [shapes[i] if i < len(shapes) else _label() for i in range(len(layer.tops))]


def _label() -> Shape:
    return ()


def _first(param: Message, name: str) -> int | None:
    found = ints(param, name)
    return found[0] if found else None


def _declared(layer: Layer) -> list[Shape]:
    if layer.type == "Input":
        return [
            _without_batch(ints(s, "dim")) for s in layer.param("input_param").messages("shape")
        ]
    if layer.type == "DummyData":
        param = layer.param("dummy_data_param")
        return [_without_batch(ints(s, "dim")) for s in param.messages("shape")]
    if layer.type == "MemoryData":
        param = layer.param("memory_data_param")
        dims = [_first(param, n) for n in ("channels", "height", "width")]
        return [tuple(dims)]
    return [_image_shape(layer)]


def _image_shape(layer: Layer) -> Shape:
    """Data layers read images of unknown size unless a crop or resize fixes it."""
    transform = layer.param("transform_param")
    crop = _first(transform, "crop_size")
    image = layer.param("image_data_param")
    height = crop or _first(image, "new_height")
    width = crop or _first(image, "new_width")
    return (_channels(layer, transform, image), height, width)


def _channels(layer: Layer, transform: Message, image: Message) -> int | None:
    """The channels a data layer reads, when its parameters tell.

    ``ImageData`` says it with ``is_color``; any data layer with ``force_color`` or
    ``force_gray``; otherwise a ``mean_value`` given once per channel (VGG's and GoogLeNet's
    three: ``mean_value: 104 mean_value: 117 mean_value: 123``). One ``mean_value`` is
    subtracted from every channel, so it does not tell how many there are.
    """
    if layer.type == "ImageData":
        return 3 if str(image.scalar("is_color", "true")).lower() != "false" else 1
    if str(transform.scalar("force_color", "false")).lower() == "true":
        return 3
    if str(transform.scalar("force_gray", "false")).lower() == "true":
        return 1
    means = len(transform.scalars("mean_value"))
    return means if means > 1 else None
