"""The order in which a Functional model's layer calls are drawn: as the author wrote them.

Keras sorts calls by depth, which lists parallel branches in an order of its own (an Inception
block's last branch first), and Graphviz places the nodes of one rank in the order it meets them.
We list the calls depth-first from the outputs, visiting each call's inputs in argument order:
producers still come before consumers, and ``Concatenate([a, b, c])`` gets its branches drawn
left to right as ``a``, ``b``, ``c`` — the order the author wrote.
"""

from __future__ import annotations

from typing import Any

Call = tuple[int, int]  # (id(operation), node_index)


def node_index(operation: Any, node: Any) -> int:
    """Which call of ``operation`` a Keras ``Node`` is."""
    return next(i for i, seen in enumerate(operation._inbound_nodes) if seen is node)


def _producer(tensor: Any) -> Call:
    history = tensor._keras_history
    return (id(history.operation), history.node_index)


def ordered_calls(function: Any) -> list[tuple[Any, int]]:
    """Every ``(node, node_index)`` of the model, producers before consumers."""
    nodes = [node for depth in function._nodes_by_depth.values() for node in depth]
    calls: dict[Call, Any] = {(id(n.operation), node_index(n.operation, n)): n for n in nodes}
    order: list[tuple[Any, int]] = []
    done: set[Call] = set()
    roots = [*(_producer(t) for t in function.inputs), *(_producer(t) for t in function.outputs)]
    for root in roots:
        stack: list[tuple[Call, bool]] = [(root, False)]
        while stack:  # iterative post-order: deep models stay clear of the recursion limit
            key, expanded = stack.pop()
            if key in done or key not in calls:
                continue
            if expanded:
                done.add(key)
                order.append((calls[key], key[1]))
                continue
            stack.append((key, True))
            inputs = [_producer(t) for t in calls[key].input_tensors]
            stack.extend((need, False) for need in reversed(inputs) if need not in done)
    return order
