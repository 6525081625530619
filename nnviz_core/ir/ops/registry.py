"""The catalogue: every canonical op by name, with the aliases other tools use for it."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from nnviz_core.errors import UnknownNameError, did_you_mean
from nnviz_core.ir.graph import Category
from nnviz_core.ir.ops import compare, conv, core, merge, norm, pool, sequence, shape_ops
from nnviz_core.ir.ops.base import Op


def _build() -> tuple[dict[str, Op], dict[str, str]]:
    ops: dict[str, Op] = {}
    aliases: dict[str, str] = dict(core.ACTIVATION_ALIASES)
    for module in (core, conv, pool, norm, shape_ops, merge, compare, sequence):
        for op in module.OPS:
            assert op.name not in ops, f"op {op.name!r} declared twice"
            ops[op.name] = op
            for alias in op.aliases:
                aliases[alias] = op.name
    clashes = set(aliases) & set(ops)
    assert not clashes, f"aliases shadow ops: {clashes}"
    return ops, aliases


_OPS, _ALIASES = _build()


def _squash(name: str) -> str:
    return name.lower().replace("_", "")


def _squashed() -> dict[str, str]:
    """Every spelling without underscores, so Keras and PyTorch class names match directly
    (``GlobalAveragePooling2D``, ``Conv2DTranspose``, ``TransformerEncoderLayer``)."""
    table: dict[str, str] = {}
    for spelling, name in [*((op, op) for op in _OPS), *_ALIASES.items()]:
        key = _squash(spelling)
        assert table.setdefault(key, name) == name, f"{spelling!r} is ambiguous"
    return table


_SQUASHED = _squashed()

#: Every canonical op, by name, in declaration order.
OPS: Mapping[str, Op] = MappingProxyType(_OPS)
#: Other spellings (PyTorch, Keras, common usage) mapped to canonical names.
ALIASES: Mapping[str, str] = MappingProxyType(dict(sorted(_ALIASES.items())))
#: Each op's layer category, for sources that only need colours and legends.
categories: Mapping[str, Category] = MappingProxyType({n: op.category for n, op in _OPS.items()})


@lru_cache(maxsize=1024)
def canonical(name: str) -> str | None:
    """The canonical name for an op name, alias or framework class name, or ``None``.

    Case and underscores do not matter: ``Conv2D``, ``conv2d`` and ``BatchNormalization`` all
    resolve, which lets importers map class names without tables of their own. Cached: every
    layer of a spec or model asks, with the same few names.
    """
    return _SQUASHED.get(_squash(name))


def lookup(name: str) -> Op:
    """The op declared under ``name`` or one of its aliases; unknown names get a did-you-mean."""
    found = canonical(name)
    if found is None:
        raise UnknownNameError(f"unknown op {name!r}{did_you_mean(name.lower(), _OPS)}")
    return _OPS[found]
