"""One op entry turned into a pending node: checked arguments, inputs and display overrides."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from nnviz_core.errors import NnvizError, SourceLocation, SpecValueError, did_you_mean, excerpt
from nnviz_core.ir import CATEGORIES, AttrValue, Category, Display, Layout
from nnviz_core.ir.ops import Arg, Op, coerce, complete, lookup, resolve
from nnviz_core.sources.yaml_spec.entries import DISPLAY_KEYS, Entry, parse_inputs
from nnviz_core.sources.yaml_spec.refs import NoInput, Ref, Scope
from nnviz_core.sources.yaml_spec.spec import (
    InputDecl,
    describe,
    expect_str,
    parse_shape,
    to_channels_first,
)
from nnviz_core.sources.yaml_spec.tree import Val

HEX_DIGITS = set("0123456789abcdefABCDEF")
#: Arguments written as shapes, which follow the spec's layout like every other shape.
SHAPE_ARGS = {"input": ("shape",), "reshape": ("target_shape",)}


#: Keys an op's mapping may hold for the layer rather than the op (unless the op has such an arg).
LAYER_ARGS = frozenset({*DISPLAY_KEYS, "inputs"})

#: The display of a layer that overrides nothing (shared: Display is immutable).
NO_OVERRIDES = Display()

#: Illustrative weights a layer may ask for (drawn by the fcnn style).
WEIGHTS_PATTERN = r"^(none|random(\(\d+\)|:\d+)?)$"


@dataclass
class Pending:
    """A node whose inputs are still references and whose shapes are not yet inferred."""

    index: int
    id: str
    op: Op
    attrs: dict[str, AttrValue]
    name: str
    loc: SourceLocation
    inputs: tuple[Ref, ...] = ()
    group: str | None = None
    display: Display = NO_OVERRIDES
    output_shape: tuple[int | None, ...] | None = None
    trainable: bool | None = None
    category: Category | None = None
    explicit: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def input(cls, decl: InputDecl, index: int) -> Pending:
        attrs: dict[str, AttrValue] = {"shape": decl.shape, "dtype": decl.dtype}
        return cls(index, decl.name, lookup("input"), attrs, decl.name, decl.loc)


def wrap(error: NnvizError, loc: SourceLocation) -> NnvizError:
    """Locate an error raised by the (location-free) op catalogue."""
    return error if error.location else error.relocated(loc)


def make_layer(
    op: Op, entry: Entry, scope: Scope, prev: Ref, local: str, index: int, layout: Layout
) -> Pending:
    """A pending node for ``entry``; argument errors point at the argument's text."""
    meta = dict(entry.meta)
    given: dict[str, AttrValue] = {}
    listed: tuple[Ref, ...] = ()
    body = entry.body
    if body is not None and body.is_map:
        _args_from_map(op, body, given, meta)
        if "inputs" in meta:
            listed, _ = parse_inputs(meta.pop("inputs"), scope)
    elif body is not None and body.is_list and op.is_merge:
        listed, _ = parse_inputs(body, scope)
    elif body is not None and body.value is not None:
        _main_arg(op, body, given)
    try:
        attrs = complete(op, dict(given))
    except NnvizError as error:
        raise wrap(error, entry.loc) from None
    if listed and entry.inputs:
        raise SpecValueError(
            f"{op.name}: its inputs are listed twice; keep either `{op.name}: [...]` or `inputs:`",
            entry.inputs_loc or entry.loc,
        )
    inputs = listed or entry.inputs or _implicit(op, prev, entry.loc)
    pending = Pending(index, scope.prefix + local, op, attrs, local, entry.loc, inputs)
    pending.group = scope.group
    pending.explicit = frozenset(given)
    _apply_meta(pending, meta, layout)
    for shape_arg in SHAPE_ARGS.get(op.name, ()):
        shape = attrs[shape_arg]
        assert isinstance(shape, tuple)
        attrs[shape_arg] = to_channels_first(tuple(_dim(d) for d in shape), layout)
    return pending


def _dim(value: AttrValue) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _implicit(op: Op, prev: Ref, loc: SourceLocation) -> tuple[Ref, ...]:
    low, high = op.arity
    if high == 0:
        return ()
    if isinstance(prev, NoInput):
        if low == 0:
            return ()
        raise SpecValueError(prev.message, loc)
    return (prev,)


def _args_from_map(op: Op, body: Val, given: dict[str, AttrValue], meta: dict[str, Val]) -> None:
    keys = body.keys
    assert keys is not None
    for key, value in body.value.items():
        if key in LAYER_ARGS and op.arg(key) is None:
            if key in meta:
                raise SpecValueError(f"{excerpt(key)} is given twice for this layer", keys[key])
            meta[key] = value
            continue
        try:
            arg = resolve(op, key)
        except NnvizError as error:
            raise wrap(error, keys[key]) from None
        if arg.name in given:
            message = f"{op.name}: {arg.name!r} is given twice (as {excerpt(key)})"
            raise SpecValueError(message, keys[key])
        given[arg.name] = _coerce(op, arg, value)


def _main_arg(op: Op, body: Val, given: dict[str, AttrValue]) -> None:
    if op.main is None:
        raise SpecValueError(
            f"{op.name} takes no single value; give named arguments "
            f"(`{op.name}: {{...}}`) or nothing, got {describe(body)}",
            body.loc,
        )
    main = op.arg(op.main)
    assert main is not None
    given[op.main] = _coerce(op, main, body)


def _coerce(op: Op, arg: Arg, value: Val) -> AttrValue:
    try:
        return coerce(op, arg, value.plain())
    except NnvizError as error:
        raise wrap(error, value.loc) from None


def _apply_meta(pending: Pending, meta: dict[str, Val], layout: Layout) -> None:
    if not meta:  # most layers: nothing to check, and the shared default display
        return
    display: dict[str, Any] = {}
    for key in ("label", "note"):
        if key in meta:
            display[key] = expect_str(meta[key], key)
    if "color" in meta:
        display["color"] = _color(meta["color"])
    if "hidden" in meta:
        display["hidden"] = _bool(meta["hidden"], "hidden")
    pending.display = Display(**display)
    if "name" in meta:
        pending.name = expect_str(meta["name"], "name")
    if "trainable" in meta:
        pending.trainable = _bool(meta["trainable"], "trainable")
    if "category" in meta:
        pending.category = _category(meta["category"])
    if "weights" in meta:
        pending.attrs["weights"] = _weights(meta["weights"])
    if "output_shape" in meta:
        shape = parse_shape(meta["output_shape"], "output_shape")
        pending.output_shape = to_channels_first(shape, layout)


def _weights(val: Val) -> str:
    text = val.value
    if isinstance(text, str) and re.fullmatch(WEIGHTS_PATTERN, text.strip(), re.IGNORECASE):
        return text.strip()
    raise SpecValueError(
        f"weights must be random, random(SEED), random:SEED or none, got {describe(val)}", val.loc
    )


def _bool(val: Val, what: str) -> bool:
    if not isinstance(val.value, bool):
        raise SpecValueError(f"{what} must be true or false, got {describe(val)}", val.loc)
    return val.value


def _color(val: Val) -> str:
    text = val.value
    if isinstance(text, str) and text.startswith("#") and set(text[1:]) <= HEX_DIGITS:
        if len(text) == 7:
            return text.lower()
        if len(text) == 4:
            return "#" + "".join(c * 2 for c in text[1:]).lower()
    raise SpecValueError(f"color must be #rrggbb or #rgb, got {describe(val)}", val.loc)


def _category(val: Val) -> Category:
    for category in CATEGORIES:
        if val.value == category:
            return category
    text = str(val.value)
    raise SpecValueError(
        f"unknown category {excerpt(text)}{did_you_mean(text, CATEGORIES)}; "
        f"choose one of {', '.join(CATEGORIES)}",
        val.loc,
    )
