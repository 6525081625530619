"""Reading one item of a ``layers`` list: which op, block or group it is, and its layer keys.

An item is a bare name (``- flatten``), or a mapping with exactly one op or block key beside
layer keys (``id``, ``inputs``, ``label``, …), or an inline group (``layers:`` with a ``label``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from nnviz_core.errors import (
    SourceLocation,
    SpecValueError,
    UnknownNameError,
    did_you_mean,
    excerpt,
)
from nnviz_core.ir.ops import OPS, canonical
from nnviz_core.sources.yaml_spec.refs import NameRef, Ref, Scope
from nnviz_core.sources.yaml_spec.spec import BlockDef, describe, expect_str
from nnviz_core.sources.yaml_spec.tree import Val

#: Keys that describe the layer rather than the op; the display ones may also sit in the args.
DISPLAY_KEYS = (
    "name", "label", "color", "note", "hidden", "output_shape", "trainable", "category", "weights",
)  # fmt: skip
LAYER_KEYS = ("id", "inputs", "repeat", *DISPLAY_KEYS)
_LAYER_KEY_SET = frozenset(LAYER_KEYS)  # asked once per key of every layer
GROUP_KEYS = ("id", "inputs", "repeat", "label", "name", "layers")

EntryKind = Literal["op", "block", "group"]


@dataclass
class Entry:
    """One classified layer item. ``loc`` points at its op or block name."""

    kind: EntryKind
    #: The op's canonical name, the block's name, or ``"group"``.
    head: str
    loc: SourceLocation
    body: Val | None = None
    id: str | None = None
    id_loc: SourceLocation | None = None
    inputs: tuple[Ref, ...] = ()
    inputs_loc: SourceLocation | None = None
    repeat: int | None = None
    label: str | None = None
    meta: dict[str, Val] = field(default_factory=dict)
    layers: Val | None = None

    def single(self) -> Entry:
        """The op of a repeated entry, as drawn inside each iteration (the label is the group's)."""
        meta = {key: value for key, value in self.meta.items() if key != "label"}
        return replace(self, id=None, inputs=(), repeat=None, label=None, meta=meta)


def _head(name: str, loc: SourceLocation, blocks: dict[str, BlockDef]) -> tuple[EntryKind, str]:
    if name in blocks:
        return "block", name
    found = canonical(name)
    if found is None:
        hint = did_you_mean(name, [*OPS, *blocks])
        raise UnknownNameError(f"unknown op {excerpt(name)}{hint}", loc)
    return "op", found


def classify(item: Val, blocks: dict[str, BlockDef], scope: Scope) -> Entry:
    """The entry an item describes; unknown names and keys fail at the author's text."""
    if isinstance(item.value, str):
        kind, head = _head(item.value, item.loc, blocks)
        return Entry(kind, head, item.loc)
    if not item.is_map:
        raise SpecValueError(
            f"a layer is an op name or a mapping such as `{{dense: 10}}`, got {describe(item)}",
            item.loc,
        )
    assert item.keys is not None
    fields: dict[str, Val] = item.value
    if "layers" in fields:
        return _group(item, scope)
    heads = [key for key in fields if key not in _LAYER_KEY_SET]
    if not heads:
        raise SpecValueError(
            "this layer names no op; add one, e.g. `dense: 10` or `relu: {}`", item.loc
        )
    if len(heads) > 1:
        _two_heads(item, heads, blocks)
    key = heads[0]
    loc = item.keys[key]
    kind, head = _head(key, loc, blocks)
    entry = Entry(kind, head, loc, body=fields[key])
    _layer_keys(entry, item, scope)
    if kind == "block":
        _only_group_keys(item, entry.head)
    return entry


def _two_heads(item: Val, heads: list[str], blocks: dict[str, BlockDef]) -> None:
    """Several non-layer keys: either a misspelt layer key, or two ops in one item."""
    assert item.keys is not None
    ops = [OPS[name] for name in map(canonical, heads) if name is not None]
    for key in heads:
        if key not in blocks and canonical(key) is None:
            owner = next((op.name for op in ops if op.arg(key) is not None), None)
            if owner is not None:
                raise UnknownNameError(
                    f"{excerpt(key)} is an argument of {owner}; put it inside the op: "
                    f"`{owner}: {{{key}: ...}}`",
                    item.keys[key],
                )
            hint = did_you_mean(key, [*LAYER_KEYS, *OPS, *blocks])
            raise UnknownNameError(f"unknown key {excerpt(key)}{hint}", item.keys[key])
    raise SpecValueError(
        f"one layer names two ops, {excerpt(heads[0])} and {excerpt(heads[1])}; "
        "put each on its own `-` item",
        item.keys[heads[1]],
    )


def _group(item: Val, scope: Scope) -> Entry:
    assert item.keys is not None
    for key, loc in item.keys.items():
        if key not in GROUP_KEYS:
            raise UnknownNameError(
                f"unknown key {excerpt(key)} in a group{did_you_mean(key, GROUP_KEYS)}; "
                f"a group takes: {', '.join(GROUP_KEYS)}",
                loc,
            )
    layers = item.value["layers"]
    if not layers.is_list:
        raise SpecValueError(f"`layers` must be a list, got {describe(layers)}", layers.loc)
    entry = Entry("group", "group", item.keys["layers"], layers=layers)
    _layer_keys(entry, item, scope)
    return entry


def _only_group_keys(item: Val, block: str) -> None:
    assert item.keys is not None
    for key in item.value:
        if key in DISPLAY_KEYS and key not in GROUP_KEYS:
            raise SpecValueError(
                f"{excerpt(key)} applies to single layers, not to the block {excerpt(block)}; "
                "set it on a layer inside the block",
                item.keys[key],
            )


def _layer_keys(entry: Entry, item: Val, scope: Scope) -> None:
    fields: dict[str, Val] = item.value
    if "id" in fields:
        entry.id = _name(fields["id"], "id")
        entry.id_loc = fields["id"].loc
    if "inputs" in fields:
        entry.inputs, entry.inputs_loc = parse_inputs(fields["inputs"], scope)
    if "repeat" in fields:
        entry.repeat = parse_repeat(fields["repeat"])
    if "label" in fields:
        entry.label = expect_str(fields["label"], "label")
    elif "name" in fields and entry.kind != "op":
        entry.label = expect_str(fields["name"], "name")
    entry.meta = {key: fields[key] for key in DISPLAY_KEYS if key in fields}


def _name(val: Val, what: str) -> str:
    text = expect_str(val, what)
    if "." in text:
        message = f"{what} {excerpt(text)} cannot contain '.' (it separates scopes)"
        raise SpecValueError(message, val.loc)
    return text


def parse_inputs(val: Val, scope: Scope) -> tuple[tuple[Ref, ...], SourceLocation]:
    """``inputs: a`` or ``inputs: [a, b]``, as references to resolve later."""
    items = val.value if val.is_list else [val]
    refs: list[Ref] = []
    for item in items:
        name = item.value
        if not isinstance(name, str) or not name:
            raise SpecValueError(
                f"`inputs` lists layer ids, got {describe(item)}; e.g. `inputs: [a, b]`",
                item.loc,
            )
        refs.append(NameRef(name, scope, item))
    if not refs:
        raise SpecValueError("`inputs` is empty; name at least one layer id", val.loc)
    return tuple(refs), val.loc


def parse_repeat(val: Val) -> int:
    count = val.value
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise SpecValueError(f"`repeat` must be a positive integer, got {describe(val)}", val.loc)
    return count
