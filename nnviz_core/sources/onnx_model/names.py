"""Readable, unique names for ONNX nodes.

PyTorch's exporter names nodes by module scope, ``/layer1/layer1.0/conv1/Conv``; the module's
qualified name (``layer1.0.conv1``) is what its author knows, so that becomes the node name.
Unnamed nodes get ``op_N`` like YAML layers do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_SUFFIX = re.compile(r"_\d+$")


def scope_levels(raw: str, op_type: str) -> list[tuple[str, str]]:
    """The module scopes of a PyTorch node name, outermost first, as (qualified name, label):
    ``/enc/layers.0/self_attn/MatMul`` → ``enc``, ``enc.layers.0``, ``enc.layers.0.self_attn``.
    A container's children repeat its name (``/layer1/layer1.0``), which is not doubled."""
    parts = [part for part in raw.strip("/").split("/") if part]
    if (parts and _SUFFIX.sub("", parts[-1]) == op_type) or (raw.startswith("/") and parts):
        parts = parts[:-1]
    levels: list[tuple[str, str]] = []
    for index, part in enumerate(parts):
        parent = levels[-1][0] if levels else ""
        if index and part.startswith(parts[index - 1] + "."):
            qualified = parent[: len(parent) - len(parts[index - 1])] + part
        else:
            qualified = f"{parent}.{part}" if parent else part
        levels.append((qualified, part))
    return levels


def scope_name(raw: str, op_type: str) -> str | None:
    """``/layer1/layer1.0/conv1/Conv`` → ``layer1.0.conv1``; ``None`` when there is no scope."""
    levels = scope_levels(raw, op_type)
    return levels[-1][0] if levels else None


@dataclass
class Namer:
    """Hands out ids (unique) and display names, stable for the same model."""

    used: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)
    inputs: dict[str, str] = field(default_factory=dict)

    def _unique(self, wanted: str) -> str:
        candidate, suffix = wanted, 2
        while candidate in self.used:
            candidate, suffix = f"{wanted}_{suffix}", suffix + 1
        self.used.add(candidate)
        return candidate

    def _counted(self, op_type: str) -> str:
        key = re.sub(r"(?<!^)(?=[A-Z][a-z])", "_", op_type).lower()
        self.counts[key] = self.counts.get(key, 0) + 1
        return f"{key}_{self.counts[key]}"

    def node(self, node: Any) -> tuple[str, str]:
        """(id, display name) of a node."""
        scoped = scope_name(node.name, node.op_type) if node.name else None
        if scoped is not None:
            name = scoped if scoped not in self.used else f"{scoped}.{self._counted(node.op_type)}"
        elif node.name and not node.name.startswith("/"):
            name = node.name
        else:
            name = self._counted(node.op_type)
        return self._unique(name), name

    def input_id(self, value: str) -> str:
        if value not in self.inputs:
            self.inputs[value] = self._unique(value)
        return self.inputs[value]
