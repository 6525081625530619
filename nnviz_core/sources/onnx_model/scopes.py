"""PyTorch module scopes as nested groups, so big exported models fold like torchview's.

The exporter names each node after the modules it ran in (``/enc/layers.0/self_attn/MatMul``);
every scope holding at least two drawn nodes becomes a ``submodel`` group, and the ``depth``
option can then collapse an encoder layer or an attention block into one box. A scope with the
same nodes as the scope around it adds nothing and is left out.
"""

from __future__ import annotations

from nnviz_core.sources.onnx_model.flow import Flow, GroupInfo
from nnviz_core.sources.onnx_model.names import scope_levels

PREFIX = "module:"


def scope_groups(flow: Flow) -> None:
    """Add module-scope groups to ``flow.groups`` and put the drawn nodes in them."""
    levels: dict[str, list[tuple[str, str]]] = {}
    for item in flow.items:
        if not item.hidden and item.group is None and item.node.name.startswith("/"):
            levels[item.id] = scope_levels(item.node.name, item.node.op_type)
    members: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    parents: dict[str, str | None] = {}
    for item_id, chain in levels.items():
        for depth, (qualified, label) in enumerate(chain):
            members.setdefault(qualified, set()).add(item_id)
            labels.setdefault(qualified, label)
            parents.setdefault(qualified, chain[depth - 1][0] if depth else None)
    kept: dict[str, str | None] = {}  # qualified → nearest kept ancestor
    for qualified in sorted(members, key=lambda q: (q.count("."), list(members).index(q))):
        ancestor = _kept_ancestor(parents.get(qualified), kept, parents)
        same = ancestor is not None and members[ancestor] == members[qualified]
        if len(members[qualified]) >= 2 and not same:
            kept[qualified] = ancestor
    for qualified in members:
        if qualified in kept:
            ancestor = kept[qualified]
            parent = PREFIX + ancestor if ancestor else None
            flow.groups.append(GroupInfo(PREFIX + qualified, labels[qualified], parent))
    for item in flow.items:
        chain = levels.get(item.id, [])
        inner = next((q for q, _ in reversed(chain) if q in kept), None)
        if inner is not None:
            item.group = PREFIX + inner


def _kept_ancestor(
    qualified: str | None, kept: dict[str, str | None], parents: dict[str, str | None]
) -> str | None:
    while qualified is not None and qualified not in kept:
        qualified = parents.get(qualified)
    return qualified
