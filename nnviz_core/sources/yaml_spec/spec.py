"""The top level of a spec: its keys, its inputs and its block definitions, checked and located."""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from nnviz_core.errors import (
    SourceLocation,
    SpecValueError,
    UnknownNameError,
    did_you_mean,
    excerpt,
)
from nnviz_core.ir import Layout
from nnviz_core.ir.ops import canonical, fmt
from nnviz_core.limits import shape_problem
from nnviz_core.sources.yaml_spec.tree import Val

TOP_KEYS = ("name", "description", "input", "inputs", "layout", "blocks", "layers")
BLOCK_KEYS = ("args", "layers", "label", "description")
INPUT_KEYS = ("shape", "layout", "dtype", "name")
LAYOUTS: tuple[Layout, ...] = get_args(Layout)


@dataclass(frozen=True)
class InputDecl:
    """One network input as written: its id, shape (channels-first already) and dtype."""

    name: str
    shape: tuple[int | None, ...]
    dtype: str
    loc: SourceLocation


@dataclass(frozen=True)
class BlockDef:
    name: str
    args: dict[str, Val]
    layers: Val
    label: str
    loc: SourceLocation


@dataclass
class Spec:
    name: str
    layout: Layout
    inputs: list[InputDecl]
    blocks: dict[str, BlockDef]
    layers: Val


def check_keys(val: Val, allowed: tuple[str, ...], what: str) -> None:
    """Unknown keys of a mapping fail at the key, with a did-you-mean and the allowed list."""
    assert val.keys is not None
    for key, loc in val.keys.items():
        if key not in allowed:
            raise UnknownNameError(
                f"unknown key {excerpt(key)} in {what}{did_you_mean(key, allowed)}; "
                f"allowed: {', '.join(allowed)}",
                loc,
            )


def expect_map(val: Val, what: str) -> dict[str, Val]:
    if not val.is_map:
        raise SpecValueError(f"{what} must be a mapping, got {describe(val)}", val.loc)
    result: dict[str, Val] = val.value
    return result


def expect_str(val: Val, what: str) -> str:
    if not isinstance(val.value, str) or not val.value:
        raise SpecValueError(f"{what} must be a non-empty string, got {describe(val)}", val.loc)
    return val.value


def describe(val: Val) -> str:
    if val.is_map:
        return "a mapping"
    if val.is_list:
        return "a list"
    return excerpt(val.value)


def to_channels_first(shape: tuple[int | None, ...], layout: Layout) -> tuple[int | None, ...]:
    """The IR stores channels first; a channels-last author's last axis moves to the front."""
    if layout == "channels_last" and len(shape) >= 2:
        return (shape[-1], *shape[:-1])
    return shape


def parse_shape(val: Val, what: str) -> tuple[int | None, ...]:
    items = val.value if val.is_list else None
    ok = items is not None and all(
        item.value is None
        or (isinstance(item.value, int) and not isinstance(item.value, bool) and item.value > 0)
        for item in items
    )
    if not ok or items is None:
        raise SpecValueError(
            f"{what} must be a list of positive integers (null for unknown), "
            f"e.g. [3, 224, 224]; got {describe(val)}",
            val.loc,
        )
    shape = tuple(item.value for item in items)
    problem = shape_problem(shape)
    if problem:
        raise SpecValueError(f"{what} {fmt(shape)} {problem}", val.loc)
    return shape


def parse_spec(root: Val | None, filename: str, default_name: str) -> Spec:
    """Check the top level and collect inputs and blocks (layers are expanded later)."""
    if root is None:
        raise SpecValueError(
            "the spec is empty; write at least `input: [...]` and `layers: [...]`",
            SourceLocation(filename, 1, 1),
        )
    top = expect_map(root, "a spec (the top level)")
    check_keys(root, TOP_KEYS, "the spec")
    name = expect_str(top["name"], "name") if "name" in top else default_name
    layout = _layout(top.get("layout"), "channels_first")
    inputs = _inputs(top, layout)
    if inputs and "layout" not in top and top.get("input") and top["input"].is_map:
        layout = _layout(top["input"].value.get("layout"), layout)
    blocks = _blocks(top["blocks"]) if "blocks" in top else {}
    if "layers" not in top:
        raise SpecValueError("the spec has no `layers:` list", root.loc)
    layers = top["layers"]
    if not layers.is_list:
        raise SpecValueError(f"`layers` must be a list, got {describe(layers)}", layers.loc)
    return Spec(name, layout, inputs, blocks, layers)


def _layout(val: Val | None, default: Layout) -> Layout:
    if val is None:
        return default
    for layout in LAYOUTS:
        if val.value == layout:
            return layout
    raise SpecValueError(
        f"layout must be channels_first or channels_last, got {describe(val)}", val.loc
    )


def _inputs(top: dict[str, Val], layout: Layout) -> list[InputDecl]:
    if "input" in top and "inputs" in top:
        raise SpecValueError(
            "give either `input` (one input) or `inputs` (several named ones), not both",
            top["inputs"].loc,
        )
    if "input" in top:
        return [_one_input("input", top["input"], layout)]
    if "inputs" not in top:
        return []
    named = expect_map(top["inputs"], "`inputs` (name: shape pairs)")
    return [_one_input(name, val, layout) for name, val in named.items()]


def _one_input(name: str, val: Val, layout: Layout) -> InputDecl:
    dtype = "float32"
    shape_val = val
    if val.is_map:
        check_keys(val, INPUT_KEYS, "an input")
        fields = val.value
        if "shape" not in fields:
            raise SpecValueError("an input mapping needs `shape: [...]`", val.loc)
        shape_val = fields["shape"]
        layout = _layout(fields.get("layout"), layout)
        dtype = expect_str(fields["dtype"], "dtype") if "dtype" in fields else dtype
        name = expect_str(fields["name"], "an input name") if "name" in fields else name
    shape = to_channels_first(parse_shape(shape_val, "an input shape"), layout)
    return InputDecl(name, shape, dtype, val.loc)


def _blocks(val: Val) -> dict[str, BlockDef]:
    blocks: dict[str, BlockDef] = {}
    assert val.keys is not None or not val.is_map
    for name, body in expect_map(val, "`blocks`").items():
        loc = val.keys[name] if val.keys else val.loc
        block = f"block {excerpt(name)}"
        if canonical(name) is not None:
            raise SpecValueError(f"{block} has the name of an op; choose another name", loc)
        fields = expect_map(body, block)
        check_keys(body, BLOCK_KEYS, block)
        if "layers" not in fields or not fields["layers"].is_list:
            raise SpecValueError(f"{block} needs a `layers:` list", body.loc)
        args = expect_map(fields["args"], f"the args of {block}") if "args" in fields else {}
        label = expect_str(fields["label"], "label") if "label" in fields else name
        blocks[name] = BlockDef(name, dict(args), fields["layers"], label, loc)
    return blocks
