"""Shapes and axis arguments written the way a channels-last (Keras) author writes them.

The IR is channels-first; a spec with ``layout: channels_last`` states its shapes, ``reshape``
targets, ``permute`` dims and explicit ``concat``/``softmax`` axes channels-last, and the loader
turns them back. These are the inverses of that conversion.
"""

from __future__ import annotations

from typing import Any

from nnviz_core.ir import Layout, Node
from nnviz_core.ir.graph import Dim
from nnviz_core.sources.yaml_spec.build import AXIS_ARGS, channels_first_axis

__all__ = ["args_as", "shape_as"]


def shape_as(shape: tuple[Dim, ...], layout: Layout) -> list[Dim]:
    """A channels-first shape as the spec's layout writes it."""
    if layout == "channels_last" and len(shape) >= 2:
        return [*shape[1:], shape[0]]
    return list(shape)


def _last_axis(axis: int, rank: int) -> int:
    """A channels-first axis as the channels-last author's axis."""
    position = axis % rank
    return rank - 1 if position == 0 else position - 1


def args_as(node: Node, args: dict[str, Any], layout: Layout) -> dict[str, Any]:
    """The layer's written arguments in the spec's layout."""
    if layout == "channels_last" and node.op == "input" and isinstance(args.get("shape"), list):
        return {**args, "shape": shape_as(tuple(args["shape"]), layout)}
    if layout != "channels_last" or not node.inputs:
        return args
    rank = len(node.inputs[0].shape)
    written = dict(args)
    axis_arg = AXIS_ARGS.get(node.op)
    axis = written.get(axis_arg) if axis_arg else None
    if axis_arg and isinstance(axis, int) and rank >= 2:
        written[axis_arg] = _last_axis(axis, rank)
    target = written.get("target_shape")
    if node.op == "reshape" and isinstance(target, list):
        written["target_shape"] = shape_as(tuple(target), layout)
    dims = written.get("dims")
    if node.op == "permute" and isinstance(dims, list) and len(dims) == rank:
        order = [channels_first_axis(p, rank) for p in range(rank)]
        written["dims"] = [_last_axis(dims[order[p]] - 1, rank) + 1 for p in range(rank)]
    return written
