"""Block arguments: binding an instance's values and substituting ``$name`` in the block body.

A whole value ``$filters`` is replaced by the bound value (keeping its type and the caller's
location, so a wrong type is reported where it was passed); ``${filters}`` inside a longer
string is replaced by its text, e.g. ``label: "conv ${filters}"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nnviz_core.errors import (
    SourceLocation,
    SpecValueError,
    UnknownNameError,
    did_you_mean,
    excerpt,
)
from nnviz_core.sources.yaml_spec.spec import BlockDef, describe
from nnviz_core.sources.yaml_spec.tree import Val

_WHOLE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_INNER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def bind_block(block: BlockDef, body: Val | None, loc: SourceLocation) -> dict[str, Val]:
    """The block's defaults overridden by the instance's values; unknown names fail."""
    bindings = dict(block.args)
    if body is None or body.value is None:
        return bindings
    if not body.is_map:
        if len(block.args) != 1:
            raise SpecValueError(
                f"block {excerpt(block.name)} takes named arguments "
                f"({', '.join(block.args) or 'none'}), got {describe(body)}; "
                f"write `{block.name}: {{name: value}}`",
                body.loc,
            )
        return {next(iter(block.args)): body}
    assert body.keys is not None
    for key, value in body.value.items():
        if key not in block.args:
            known = ", ".join(block.args) or "none"
            raise UnknownNameError(
                f"block {excerpt(block.name)}: unknown argument {excerpt(key)}"
                f"{did_you_mean(key, block.args)}; its arguments are: {known}",
                body.keys[key],
            )
        bindings[key] = value
    return bindings


def substitute(val: Val, bindings: dict[str, Val]) -> Val:
    """A copy of ``val`` with every ``$name`` replaced from ``bindings``; ``val`` if it has none.

    Values are never modified, so the parts without a ``$`` are shared, not copied, by every
    call of the block.
    """
    value = val.value
    if isinstance(value, str):
        return _text(val, value, bindings) if "$" in value else val
    if isinstance(value, list):
        items = [substitute(item, bindings) for item in value]
        return val if _same(items, value) else Val(items, val.loc)
    if isinstance(value, dict):
        fields = {key: substitute(item, bindings) for key, item in value.items()}
        return val if _same(fields.values(), value.values()) else Val(fields, val.loc, val.keys)
    return val


def _same(new: Iterable[Val], old: Iterable[Val]) -> bool:
    return all(a is b for a, b in zip(new, old, strict=True))


def _text(val: Val, text: str, bindings: dict[str, Val]) -> Val:
    whole = _WHOLE.fullmatch(text)
    if whole:
        return _bound(whole.group(1), val.loc, bindings)
    replaced = _INNER.sub(lambda m: str(_bound(m.group(1), val.loc, bindings).plain()), text)
    return Val(replaced, val.loc)


def _bound(name: str, loc: SourceLocation, bindings: dict[str, Val]) -> Val:
    if name not in bindings:
        known = ", ".join(f"${key}" for key in bindings) or "none"
        hint = did_you_mean(name, bindings)
        hint = hint.replace("'", "'$", 1) if hint else ""
        raise UnknownNameError(
            f"unknown block argument '${name}'{hint}; this block's arguments are: {known}", loc
        )
    return bindings[name]
