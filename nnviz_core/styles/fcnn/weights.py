"""Illustrative connection weights that are the same on every run for a given seed.

NN-SVG draws a fresh random weight per edge on every page load, so no two exports agree. Here a
weight is a hash of (seed, the two layers, the two true neuron indices): it does not depend on
how many neurons are drawn, on drawing order, or on the Python version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from hashlib import blake2b

from nnviz_core.errors import OptionError

_SPEC = re.compile(r"^\s*random\s*(?:[:(]\s*(-?\d+)\s*\)?)?\s*$", re.IGNORECASE)
#: Magnitude buckets: edges of one bucket and sign share one path, so output stays small.
LEVELS = 4


_MASK = (1 << 64) - 1
_ODD = 0x9E3779B97F4A7C15


@lru_cache(maxsize=1024)
def _link_key(seed: int, source: str, target: str) -> int:
    """A 64-bit key per (seed, layer pair): hashed once, mixed with indices per connection."""
    digest = blake2b(f"{seed}|{source}|{target}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def _mix(value: int) -> int:
    """SplitMix64's finaliser: a cheap, well-spread 64-bit hash of an integer."""
    value = (value + _ODD) & _MASK
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _MASK
    return value ^ (value >> 31)


@dataclass(frozen=True)
class WeightSource:
    """Deterministic pseudo-random weights in [-1, 1]."""

    seed: int

    def weight(self, source: str, target: str, i: int, j: int) -> float:
        number = _mix(_link_key(self.seed, source, target) ^ _mix(i * _ODD + j))
        return number / 2**63 - 1.0

    def bucket(self, source: str, target: str, i: int, j: int) -> tuple[bool, int]:
        """(positive?, magnitude level 0..LEVELS-1) of one connection."""
        value = self.weight(source, target, i, j)
        level = min(LEVELS - 1, int(abs(value) * LEVELS))
        return value >= 0, level


def parse(text: str | None, where: str = "option 'weights'") -> WeightSource | None:
    """No weights for ``None``/``none``; seeded ones for ``random``, ``random:7``, ``random(7)``."""
    if text is None or text.strip().lower() in ("", "none", "off", "false"):
        return None
    match = _SPEC.match(text)
    if match is None:
        raise OptionError(
            f"{where} expects `none`, `random` or `random:<seed>` (such as 'random:7'), "
            f"got {text!r}"
        )
    return WeightSource(int(match.group(1) or 0))
