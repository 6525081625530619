"""Groups read from Caffe layer names: GoogLeNet's modules, ResNet's blocks and stages.

Prototxts spell their structure only in names. GoogLeNet prefixes a module's layers with its name
and a slash (``inception_3a/1x1``): the layers sharing a prefix form a block. Kaiming He's ResNet
names a block's layers after the ``Eltwise`` that closes it (``res2a_branch1``,
``res2a_branch2a`` … then ``res2a``): those form the block ``res2a``, and consecutive blocks
lettered alike (``res2a``, ``res2b``, ``res2c``) form the stage ``res2``, whose alike blocks
``find_named_repeats`` then folds. Group ids never take a layer's id (``res2a~block``).
"""

from __future__ import annotations

from collections.abc import Sequence

from nnviz_core.ir import Group
from nnviz_core.ir.repeats import counter


def name_groups(names: Sequence[str]) -> tuple[dict[str, str], tuple[Group, ...]]:
    """Each layer's innermost group (by layer name) and the groups, outermost first."""
    taken = set(names)
    found = _slash_blocks(names, taken) or _closed_blocks(names, taken)
    if not found:
        return {}, ()
    blocks = list(dict.fromkeys(found.values()))
    stages = _stages(blocks, taken)
    groups: list[Group] = []
    for block in blocks:
        stage = stages.get(block)
        if stage is not None and all(g.id != stage for g in groups):
            groups.append(Group(stage, "block", stage.split("~")[0]))
        groups.append(Group(block, "block", block.split("~")[0], stage))
    return found, tuple(groups)


def _slash_blocks(names: Sequence[str], taken: set[str]) -> dict[str, str]:
    """``inception_3a/1x1``: layers sharing a prefix before ``/`` (two at least) form a block."""
    prefixes = [name.split("/")[0] if "/" in name else None for name in names]
    counts = {prefix: prefixes.count(prefix) for prefix in prefixes if prefix}
    return {
        name: prefix
        for name, prefix in zip(names, prefixes, strict=True)
        if prefix and counts[prefix] > 1 and prefix not in taken
    }


def _closed_blocks(names: Sequence[str], taken: set[str]) -> dict[str, str]:
    """``res2a_branch2a`` … ``res2a``: the layers named after a later layer, and that layer,
    when they are consecutive."""
    found: dict[str, str] = {}
    for end, closing in enumerate(names):
        start = end
        while start > 0 and names[start - 1].startswith(closing + "_"):
            start -= 1
        if end - start >= 2 and not any(name in found for name in names[start : end + 1]):
            for name in names[start : end + 1]:
                found[name] = _free(f"{closing}~block", taken)
    return found


def _stages(blocks: Sequence[str], taken: set[str]) -> dict[str, str]:
    """Consecutive blocks lettered alike (``res2a``, ``res2b``): their stage, by block id."""
    stages: dict[str, str] = {}
    run: list[str] = []
    for block in [*blocks, ""]:
        label = block.split("~")[0]
        last = counter(run[-1].split("~")[0]) if run else None
        here = counter(label) if label else None
        if run and here is not None and last is not None and here == (last[0], last[1] + 1):
            run.append(block)
            continue
        if len(run) > 1 and last is not None:
            stage = _free(last[0], taken)
            stages.update(dict.fromkeys(run, stage))
        run = [block] if block else []
    return stages


def _free(wanted: str, taken: set[str]) -> str:
    return wanted if wanted not in taken else f"{wanted}~stage"
